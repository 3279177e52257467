"""Bounds on untrusted input: datasets, overrides, inventories and references.

The defaults fit real use (the packaged dataset is half a megabyte and nests seven deep; an
ARN is at most 2048 characters); pass your own `Limits` to raise them.
"""

from collections.abc import Mapping
from typing import Any

import attrs

from ._model import _Record

__all__ = ["DEFAULT_LIMITS", "Limits", "chosen", "deeper_than"]


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Limits(_Record):
    """How much untrusted input the library reads before refusing it with a clear error."""

    max_bytes: int = 64 * 2**20
    """Size of a file read as a dataset, overrides or an inventory."""
    max_depth: int = 100
    """Nesting of objects and arrays in such a file or document."""
    max_entries: int = 100_000
    """Records in a dataset, overrides given at once, or resources in one document."""
    max_reference: int = 2048
    """Characters in one reference (ARN, resource type, principal, endpoint)."""


DEFAULT_LIMITS = Limits()


def chosen(limits: Limits | None) -> Limits:
    """The limits a caller passed, or the defaults for None. Functions take ``limits=None``
    rather than a default instance so that modules on the way to a first answer need not
    import this one.
    """
    return DEFAULT_LIMITS if limits is None else limits


def deeper_than(data: Any, limit: int) -> bool:
    """Whether plain data nests objects and arrays more than ``limit`` deep (no recursion)."""
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, Mapping):
            children: Any = value.values()
        elif isinstance(value, list | tuple):
            children = value
        else:
            continue
        if depth > limit:
            return True
        pending += [(child, depth + 1) for child in children]
    return False
