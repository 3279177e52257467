"""AWS Config: snapshots (``configurationItems``), single configuration items and lists of
them, ``SelectResourceConfig`` / ``SelectAggregateResourceConfig`` results (``Results``, JSON
strings) and ``BatchGetAggregateResourceConfig`` output (``BaseConfigurationItems``).
"""

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from shared_responsibility.errors import InventoryError

from ._resource import Resource

__all__ = ["is_config", "resources"]

_LISTS = ("configurationItems", "BaseConfigurationItems", "baseConfigurationItems", "Results")


def is_config(doc: Any) -> bool:
    """Whether a parsed document is AWS Config output (a snapshot, an item, query results)."""
    return isinstance(doc, Mapping) and (any(k in doc for k in _LISTS) or "resourceType" in doc)


def item(n: int, raw: Any, name: str) -> Resource:
    """One configuration item (a mapping, or the JSON string a query result holds)."""
    where = f"item {n}"
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return Resource(
                name=where, format="config", where=where, unplaced="a query result that is not JSON"
            )
    if not isinstance(raw, Mapping):
        return Resource(name=where, format="config", where=where, unplaced="not a configuration item")
    rtype = raw.get("resourceType")
    rtype = rtype if isinstance(rtype, str) and rtype else None
    arn = raw.get("ARN") or raw.get("arn")
    arn = arn if isinstance(arn, str) and arn else None
    config = raw.get("configuration")
    if isinstance(config, str):  # BatchGet gives it as a JSON string
        try:
            config = json.loads(config)
        except ValueError:
            config = {}
    region = raw.get("awsRegion")
    fields = arn.split(":") if arn and arn.startswith("arn:") else []
    return Resource(
        name=str(arn or raw.get("resourceId") or raw.get("resourceName") or where),
        format="config",
        type=rtype,
        ref=rtype or arn,
        region=region if isinstance(region, str) and region and region != "global" else None,
        partition=fields[1] if len(fields) > 1 else None,
        properties=config if isinstance(config, Mapping) else {},
        where=where,
        unplaced="" if rtype or arn else "no resource type or ARN to place it by",
    )


def items(found: Iterable[Any], name: str) -> Iterator[Resource]:
    """One resource per configuration item, in order."""
    for n, raw in enumerate(found):
        yield item(n, raw, name)


def resources(doc: Mapping[str, Any], name: str) -> Iterator[Resource]:
    """The resources of an AWS Config document."""
    if "resourceType" in doc:
        return items([doc], name)
    key = next(k for k in _LISTS if k in doc)
    found = doc[key]
    if isinstance(found, str | bytes | Mapping) or not isinstance(found, Iterable):
        raise InventoryError(f"{name}: an AWS Config document's {key!r} must be a list")
    return items(found, name)
