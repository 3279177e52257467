"""Organization-wide inventories on Spark (the ``spark`` extra): `place` adds who is responsible
to a DataFrame of resources, placing them in Python on the executors, a partition at a time,
with the catalog shipped to them once.

Each row is one resource, as AWS Config names its fields (``resourceType``, ``resourceId``,
``awsRegion``, ``ARN``, and ``configuration`` as a JSON text where the options are read from);
other column names map onto those through ``columns``. The result keeps every input column and
adds ``service`` (null where the resource cannot be placed, with the ``reason``) and, per
control, its ownership (``patch_management``: ``provider``, ``shared`` or ``customer``).
"""

import contextlib
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ._catalog import Catalog
from ._data import default_catalog
from ._inventory import inventory
from ._model import Context
from .errors import InventoryError

__all__ = ["CONFIG_COLUMNS", "place"]

CONFIG_COLUMNS = ("resourceType", "resourceId", "awsRegion", "ARN", "configuration")
"""The fields of an AWS Config item that placing reads."""


def place(
    df: Any,
    cat: Catalog | None = None,
    controls: Iterable[str] | None = None,
    context: Context | None = None,
    columns: Mapping[str, str] | None = None,
) -> Any:
    """``df`` with the responsibilities of each resource joined: ``service``, ``reason`` and a
    column per control (all controls by default). ``columns`` maps AWS Config's names to the
    DataFrame's (``{"resourceType": "type", "awsRegion": "region"}``).
    """
    from pyspark.sql.types import StringType, StructField, StructType

    # The packaged catalog loads on each executor from the package; another travels with the
    # function (pickled with it, once per task).
    shipped = None if cat is None or cat is default_catalog() else cat
    cat = cat if cat is not None else default_catalog()
    wanted = [cat.control(c).id for c in controls] if controls is not None else [c.id for c in cat.controls]
    named = {**{c: c for c in CONFIG_COLUMNS}, **dict(columns or {})}
    present = {ours: theirs for ours, theirs in named.items() if theirs in df.columns}
    added = ["service", "reason", *(_column(c) for c in wanted)]
    clash = [c for c in added if c in df.columns]
    if clash:
        raise InventoryError(f"the DataFrame already has the columns {', '.join(clash)}")
    if "resourceType" not in present and "ARN" not in present:
        wanted_ = ", ".join(f"{named[c]!r}" for c in ("resourceType", "ARN"))
        raise InventoryError(
            f"the DataFrame has neither {wanted_} to place resources by; it has {', '.join(df.columns)} "
            "(map yours with columns={'resourceType': …})"
        )
    schema = StructType([*df.schema.fields, *(StructField(c, StringType(), True) for c in added)])

    def run(batches: Iterator[Any]) -> Iterator[Any]:  # pragma: no cover (runs on the executors)
        import pyarrow as pa

        here = default_catalog() if shipped is None else shipped
        read = list(dict.fromkeys(present.values()))  # only the columns placing reads, as Python
        for batch in batches:
            records = batch.select(read).to_pylist()
            answers = _answers(here, records, present, wanted, context)
            columns_ = {name: batch.column(name) for name in batch.schema.names}
            for name in added:
                columns_[name] = pa.array([a.get(name) for a in answers], pa.string())
            yield pa.RecordBatch.from_pydict(columns_)

    return df.mapInArrow(run, schema)


def _column(control: str) -> str:
    return control.replace("-", "_")


def _answers(
    cat: Catalog,
    records: list[dict[str, Any]],
    present: Mapping[str, str],
    wanted: list[str],
    context: Context | None,
) -> list[dict[str, str | None]]:
    """One answer per record, in order: its service (or the reason it has none) and each
    control's ownership.
    """
    items = (_item(record, present) for record in records)  # streamed: a batch of any size
    found = []
    for item in inventory(cat, items, wanted, context):
        if item.service is None:
            found.append({"service": None, "reason": item.reason})
            continue
        answer: dict[str, str | None] = {"service": item.service.id, "reason": None}
        answer.update((_column(r.control.id), r.ownership.value) for r in item.resolutions)
        found.append(answer)
    return found


def _item(record: Mapping[str, Any], present: Mapping[str, str]) -> dict[str, Any]:
    """A row as the AWS Config item the inventory reads."""
    item = {ours: record.get(theirs) for ours, theirs in present.items() if record.get(theirs) is not None}
    configuration = item.get("configuration")
    if isinstance(configuration, str):  # unreadable text stays text: no option's value in it
        with contextlib.suppress(ValueError):
            item["configuration"] = json.loads(configuration)
    return item
