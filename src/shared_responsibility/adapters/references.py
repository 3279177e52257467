"""Plain references, one per resource: ARNs, resource types, service principals, endpoints,
or configuration items given among them.
"""

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from . import asset_inventory, config, resource_graph
from ._resource import Resource

__all__ = ["resources"]


def resources(refs: Iterable[Any], name: str) -> Iterator[Resource]:
    """One resource per reference (or configuration item given among them)."""
    for n, ref in enumerate(refs):
        if isinstance(ref, Mapping):  # an item of a JSON Lines file, or a list of mixed items
            if resource_graph.is_row(ref):
                yield resource_graph.row(n, ref)
            elif asset_inventory.is_asset(ref):
                yield asset_inventory.asset(n, ref)
            else:
                yield config.item(n, ref, name)
        elif isinstance(ref, str) and ref.strip():
            text = ref.strip()
            yield Resource(name=text, format="references", ref=text, where=f"line {n + 1}")
        else:
            kind = type(ref).__name__
            yield Resource(
                name=f"item {n}", format="references", where=f"item {n}",
                unplaced=f"not a reference or a configuration item: {kind}",
            )  # fmt: skip
