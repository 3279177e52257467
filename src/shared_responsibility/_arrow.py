"""Arrow tables of answers, for data lakes and dataframes (the ``arrow`` extra, imported only
when asked for): every result as a table of its export rows, a catalog as its responsibility
table, and inventory results as a stream of record batches of one schema.
"""

from collections.abc import Iterable, Iterator
from typing import Any

from ._catalog import Catalog
from ._crosswalk import origination
from ._export import _columns, _duties, rows
from ._inventory import InventoryItem
from ._model import Context, Resolution, Side, where
from ._resolver import matrix
from .errors import MissingExtraError

__all__ = ["INVENTORY_COLUMNS", "responsibility_table", "to_arrow", "to_arrow_batches"]

INVENTORY_COLUMNS = (
    "resource",
    "type",
    "service",
    "context",
    "reason",
    "control",
    "ownership",
    "control_type",
    "fedramp",
    "provider_duties",
    "customer_duties",
    "sources",
)
"""The columns of inventory batches: one row per resource and control, with the context it was
answered in (``region eu-west-1``; ``default`` for none), or one row with a ``reason`` and no
control for a resource that cannot be placed."""

_LISTS = {"fedramp", "provider_duties", "customer_duties", "sources"}


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as missing:
        raise MissingExtraError("arrow", "to_arrow()") from missing
    return pyarrow


def to_arrow(obj: Any, context: Context | None = None) -> Any:
    """A ``pyarrow.Table``: of a catalog, its responsibility table in ``context``
    (`responsibility_table`); of any other result, the rows of its export (`export`), lists
    as list columns. Write Parquet with ``pyarrow.parquet.write_table``.
    """
    pa = _pyarrow()
    if isinstance(obj, Catalog):
        return responsibility_table(obj, context)
    table = rows(obj)
    columns = _columns(table)  # rows of a result may differ
    lists = {k for row in table for k, v in row.items() if isinstance(v, list)}
    # a column that holds a list in any row (a comparison's duties) is a list column throughout
    return pa.Table.from_pylist(
        [
            {
                k: [v] if k in lists and isinstance(v, str) else v
                for k, v in ((c, row.get(c)) for c in columns)
            }
            for row in table
        ]
    )


def responsibility_table(cat: Catalog, context: Context | None = None) -> Any:
    """One row per service offered in ``context`` and control: who performs it, FedRAMP's
    control origination, each side's duties and the sources. Joining an inventory against it
    (on service) answers every resource of that context without resolving again.
    """
    pa = _pyarrow()
    services = [s.id for s in cat.services if cat.offered(s.id, context)]
    where = _context_label(context)
    table = [_answer(r, where) for r in matrix(cat, services, context=context)]
    return pa.Table.from_pylist(table, schema=_schema(pa, ("service", "control", "context", *_ANSWER)))


_ANSWER = ("ownership", "control_type", "fedramp", "provider_duties", "customer_duties", "sources")


def _answer(r: Resolution, where: str = "") -> dict[str, Any]:
    return {
        "service": r.service.id,
        "control": r.control.id,
        "context": where,
        "ownership": r.ownership.value,
        "control_type": r.ownership.control_type,
        "fedramp": list(origination(r)),
        "provider_duties": _duties(r.duties, Side.PROVIDER),
        "customer_duties": _duties(r.duties, Side.CUSTOMER),
        "sources": [s.url for s in r.sources],
    }


def _context_label(context: Context | None) -> str:
    return ", ".join(where(context)) or "default"


def to_arrow_batches(items: Iterable[InventoryItem], batch_size: int = 65_536) -> Iterator[Any]:
    """Inventory results as ``pyarrow.RecordBatch``es of `INVENTORY_COLUMNS`, each of at most
    ``batch_size`` rows, so that an inventory of any size streams to Parquet or a lake.
    """
    pa = _pyarrow()
    schema = _schema(pa, INVENTORY_COLUMNS)
    pending: list[dict[str, Any]] = []
    answers: dict[int, tuple[Resolution, dict[str, Any]]] = {}  # resolutions are shared: one row each
    for item in items:
        pending += _item_rows(item, answers)
        if len(pending) >= batch_size:
            yield pa.RecordBatch.from_pylist(pending[:batch_size], schema=schema)
            pending = pending[batch_size:]
    if pending:
        yield pa.RecordBatch.from_pylist(pending, schema=schema)


def _item_rows(
    item: InventoryItem, answers: dict[int, tuple[Resolution, dict[str, Any]]]
) -> list[dict[str, Any]]:
    """A resource's rows; ``answers`` keeps each resolution's part of a row, by identity (the
    resolution is kept with it, so that its id stays its own).
    """
    base = {"resource": item.resource, "type": item.type or ""}
    if not item.placed:
        return [{**base, "service": None, "reason": item.reason}]
    found = []
    for r in item.resolutions:
        known = answers.get(id(r))
        if known is None:
            known = answers[id(r)] = (r, _answer(r, _context_label(r.context)))
        found.append({**base, **known[1], "reason": None})
    return found


def _schema(pa: Any, columns: Iterable[str]) -> Any:
    return pa.schema([(c, pa.list_(pa.string()) if c in _LISTS else pa.string()) for c in columns])
