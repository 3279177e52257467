"""What every input adapter yields: one resource as its document gives it."""

from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["FORMATS", "Resource", "Unknown"]

FORMATS = ("cloudformation", "config", "arm", "resource-graph", "asset-inventory", "terraform", "references")
"""The document formats the adapters read."""


@attrs.frozen(kw_only=True)
class Unknown:
    """A property whose value the document does not give: an intrinsic function
    (``Fn::If``, ``Ref``) or a value Terraform knows only after apply.
    """

    why: str


@attrs.frozen(kw_only=True)
class Resource:
    """One resource: its name, what to place it by (a type or a reference), the region and
    partition its document states, its properties, and where in the document it is.
    ``unplaced`` gives the reason when the document itself says it is no cloud resource the
    catalog can hold (a custom resource, a nested stack's own template).
    """

    name: str
    format: str
    type: str | None = None
    ref: str | None = None
    region: str | None = None
    partition: str | None = None
    properties: Mapping[str, Any] = attrs.field(factory=dict)
    where: str = ""
    note: str = ""
    unplaced: str = ""
