"""Google Cloud Asset Inventory: ``gcloud asset export`` files (JSON Lines, ``asset_type``),
``gcloud asset list`` and ``search-all-resources`` output as JSON (``assetType``). The location
is the resource's own (``resource.location`` or ``location``); a zone stands for its region.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from shared_responsibility._regions import google_region

from ._resource import Resource

__all__ = ["asset", "is_asset", "is_assets", "resources"]


def _type(row: Any) -> Any:
    return row.get("asset_type") or row.get("assetType") if isinstance(row, Mapping) else None


def is_asset(item: Any) -> bool:
    """Whether an item is one asset: a type and a name."""
    return isinstance(_type(item), str) and isinstance(item.get("name"), str)


def is_assets(doc: Any) -> bool:
    """Whether a parsed document is Cloud Asset Inventory output: a list of assets."""
    return isinstance(doc, list) and bool(doc) and is_asset(doc[0])


def asset(n: int, raw: Any) -> Resource:
    """One asset as a resource."""
    where = f"asset {n}"
    kind = _type(raw)
    if not isinstance(kind, str) or not kind:
        return Resource(name=where, format="asset-inventory", where=where, unplaced="no asset type")
    body = raw.get("resource") if isinstance(raw.get("resource"), Mapping) else {}
    return Resource(
        name=str(raw.get("name") or where),
        format="asset-inventory",
        type=kind,
        ref=kind,
        region=google_region(body.get("location") or raw.get("location")),
        properties=raw,
        where=where,
    )


def resources(doc: list[Any], name: str) -> Iterator[Resource]:
    """One resource per asset, in order."""
    return (asset(n, raw) for n, raw in enumerate(doc))
