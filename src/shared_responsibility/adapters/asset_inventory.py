"""Google Cloud Asset Inventory: ``gcloud asset export`` files (JSON Lines, ``asset_type``),
``gcloud asset list`` and ``search-all-resources`` output as JSON (``assetType``). The location
is the resource's own (``resource.location`` or ``location``); a zone stands for its region.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from shared_responsibility._regions import google_region

from ._resource import Resource

__all__ = ["is_assets", "resources"]


def _type(row: Any) -> Any:
    return row.get("asset_type") or row.get("assetType") if isinstance(row, Mapping) else None


def is_assets(doc: Any) -> bool:
    """Whether a parsed document is Cloud Asset Inventory output: assets with a type and a name."""
    return (
        isinstance(doc, list)
        and bool(doc)
        and isinstance(_type(doc[0]), str)
        and isinstance(doc[0].get("name"), str)
    )


def resources(doc: list[Any], name: str) -> Iterator[Resource]:
    """One resource per asset, in order."""
    for n, row in enumerate(doc):
        where = f"asset {n}"
        kind = _type(row)
        if not isinstance(kind, str) or not kind:
            yield Resource(name=where, format="asset-inventory", where=where, unplaced="no asset type")
            continue
        body = row.get("resource") if isinstance(row.get("resource"), Mapping) else {}
        location = body.get("location") or row.get("location")
        yield Resource(
            name=str(row.get("name") or where),
            format="asset-inventory",
            type=kind,
            ref=kind,
            region=google_region(location),
            properties=row,
            where=where,
        )
