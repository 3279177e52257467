"""CloudFormation YAML: every short form (``!Ref``, ``!GetAtt A.B``, ``!Condition`` …) read as
the long form, with PyYAML's C loader where it is installed, and aliases that expand beyond
reason refused (a "billion laughs" document).
"""

import functools
from collections.abc import Mapping
from typing import Any

from shared_responsibility.errors import InventoryError

__all__ = ["load_yaml"]

MAX_NODES = 5_000_000
"""Nodes a document may hold once its aliases are expanded."""


@functools.cache
def _loader() -> Any:
    """The loader class, made once; None without PyYAML."""
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        return None
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc,valid-type]
        """Safe loading, with CloudFormation's short-form intrinsics kept as data."""

    def intrinsic(loader: Any, suffix: str, node: Any) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
            if suffix == "GetAtt" and isinstance(value, str) and "." in value:
                value = value.split(".", 1)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        name = suffix if suffix in ("Ref", "Condition") else f"Fn::{suffix}"
        return {name: value}

    Loader.add_multi_constructor("!", intrinsic)
    return Loader


def _expanded_size(data: Any, limit: int) -> int:
    """How many nodes the data holds with shared (aliased) parts counted each time they occur;
    stops counting past ``limit``.
    """
    sizes: dict[int, int] = {}
    entered: set[int] = set()
    pending: list[tuple[Any, bool]] = [(data, False)]
    while pending:
        value, done = pending.pop()
        if not isinstance(value, Mapping | list) or id(value) in sizes:
            continue
        if not done and id(value) in entered:
            return limit + 1  # the data contains itself: it expands without end
        entered.add(id(value))
        children = list(value.values()) if isinstance(value, Mapping) else value
        if done:
            total = 1
            for child in children:
                total += sizes.get(id(child), 1)
            sizes[id(value)] = min(total, limit + 1)
        else:
            pending.append((value, True))
            pending += [(child, False) for child in children]
    return sizes.get(id(data), 1)


def load_yaml(text: str, name: str) -> Any:
    """One YAML document, or `InventoryError` naming ``name`` and what is wrong."""
    loader = _loader()
    if loader is None:
        raise InventoryError(f"{name}: not JSON; reading YAML needs PyYAML (pip install pyyaml)")
    import yaml

    try:
        data = yaml.load(text, Loader=loader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.composer.ComposerError as e:
        if "single document" in str(e):
            raise InventoryError(f"{name}: several YAML documents; give one document a file") from None
        raise InventoryError(f"{name}: not valid YAML: {e}") from None
    except yaml.YAMLError as e:
        raise InventoryError(f"{name}: not valid JSON or YAML: {e}") from None
    except RecursionError:
        raise InventoryError(f"{name}: nested deeper than the YAML parser allows") from None
    if _expanded_size(data, MAX_NODES) > MAX_NODES:
        raise InventoryError(f"{name}: YAML aliases expand to more than {MAX_NODES:,} nodes")
    return data
