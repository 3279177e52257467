"""Azure Resource Graph query results: ``az graph query`` output (``{"data": [...]}``) or a
plain list of rows (``Search-AzGraph``, a portal export as JSON). Each row carries an ``id``
and a ``type``, which Resource Graph lowercases; types are matched without regard to case.
"""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from shared_responsibility._regions import azure_region

from ._resource import Resource

__all__ = ["is_row", "is_rows", "resources", "row"]


def is_row(row: Any) -> bool:
    """Whether an item is one Resource Graph row (an Azure ``id`` and a ``type``)."""
    return (
        isinstance(row, Mapping)
        and isinstance(row.get("type"), str)
        and isinstance(row.get("id"), str)
        and row["id"].casefold().startswith("/subscriptions/")
    )


def is_rows(doc: Any) -> bool:
    """Whether a parsed document is Resource Graph output: rows with an Azure ``id`` and ``type``."""
    if isinstance(doc, Mapping):
        doc = doc.get("data")
    return isinstance(doc, list) and bool(doc) and is_row(doc[0])


def _rows(doc: Any) -> Iterable[Any]:
    return doc.get("data") or () if isinstance(doc, Mapping) else doc


def row(n: int, raw: Any) -> Resource:
    """One row as a resource."""
    where = f"row {n}"
    if not is_row(raw):
        return Resource(name=where, format="resource-graph", where=where, unplaced="not a resource row")
    return Resource(
        name=raw["id"],
        format="resource-graph",
        type=raw["type"],
        ref=raw["type"],
        region=azure_region(raw.get("location")),
        properties=raw,
        where=where,
    )


def resources(doc: Any, name: str) -> Iterator[Resource]:
    """One resource per row, in order."""
    return (row(n, raw) for n, raw in enumerate(_rows(doc)))
