"""The answers of `split`, `shift`, `compare` and `workload`: who holds each layer, what differs
between two services, and a workload's customer duties. Created when one of those is first
called, as a program's first answer needs none of them (`docs/performance.md`).
"""

from collections.abc import Mapping

import attrs

from ._model import (
    Context,
    Duty,
    Layer,
    Matrix,
    Ownership,
    Party,
    Role,
    Rule,
    Service,
    Source,
    _counts,
    _DictView,
    _parties,
    _Record,
    _Shown,
    defer,
)
from .errors import _short

__all__ = ["Change", "Comparison", "DutyChange", "LayerResolution", "Split", "Workload", "WorkloadDuty"]


@attrs.frozen(kw_only=True, eq=False)
class LayerResolution(_Record):
    """Who holds one layer of one service in one context, and why."""

    layer: Layer
    ownership: Ownership
    duties: tuple[Duty, ...]
    sources: tuple[Source, ...]
    trail: tuple[Rule, ...]

    def __repr__(self) -> str:
        parties = ", ".join(p.id for p in self.parties)
        return f"<LayerResolution {self.layer.id}: {self.ownership.value} ({parties})>"

    @property
    def parties(self) -> tuple[Party, ...]:
        """The parties that hold a duty, in the order of the duties."""
        return _parties(self.duties)


class Split(_Shown, _DictView[str, LayerResolution]):
    """Who holds each layer of one service: a read-only mapping from layer id, bottom to top,
    that shows as a table in notebooks and converts to a DataFrame.
    """

    __slots__ = ("context", "service")

    def __init__(
        self,
        layers: Mapping[str, LayerResolution],
        service: "Service | None" = None,
        context: "Context | None" = None,
    ) -> None:
        self._map = dict(layers)
        self.service = service
        self.context = context

    def _repr_svg_(self) -> str:
        """The stack as a picture (`picture`), for notebooks."""
        from ._picture import stack_svg

        return stack_svg([self])

    def __repr__(self) -> str:
        return f"<Split of {len(self)} layers: {_counts(r.ownership for r in self._map.values())}>"


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Change(_Record):
    """A layer or control whose ownership differs between two services."""

    kind: str
    what: str
    before: Ownership
    after: Ownership


@attrs.frozen(kw_only=True, eq=False)
class DutyChange(_Record):
    """What a comparison finds for one control on one layer (``what`` is
    ``"<control>@<layer>"``): the duties before and after, which differ in who performs them or
    in what they say.
    """

    what: str
    before: tuple[Duty, ...]
    after: tuple[Duty, ...]
    kind: str = attrs.field(default="duty", init=False)
    """Always ``duty``, as `Change.kind` says ``layer`` or ``control``."""

    @property
    def change(self) -> str:
        """``disappears``, ``appears``, ``changes hands`` (other parties perform) or ``changes``."""
        if not self.after:
            return "disappears"
        if not self.before:
            return "appears"
        if _performers(self.before) != _performers(self.after):
            return "changes hands"
        return "changes"

    def __repr__(self) -> str:
        return f"<DutyChange {self.what}: {self.change}>"


def _performers(duties: tuple[Duty, ...]) -> set[str]:
    return {d.party.id for d in duties if d.role is Role.PERFORMS}


class Comparison(_Shown, tuple["Change | DutyChange", ...]):
    """What differs between two services or two configurations of one: ownership changes of
    layers and controls (`Change`), then duty changes (`DutyChange`); empty when nothing does.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        if not self:
            return "<Comparison: nothing changes>"
        owners = sum(isinstance(c, Change) for c in self)
        return f"<Comparison: {owners} ownership changes, {len(self) - owners} duty changes>"


@attrs.frozen(kw_only=True, eq=False)
class WorkloadDuty(_Record):
    """A customer-side duty of a workload, with the services it comes from."""

    target: str
    party: Party
    text: str
    services: tuple[str, ...]

    def __repr__(self) -> str:
        services = _short(", ".join(self.services), 60)
        return f"<WorkloadDuty {self.target} {self.party.id} ({services}): {_short(self.text, 50)!r}>"


class Workload(_Shown, _DictView[str, tuple[WorkloadDuty, ...]]):
    """The customer side's combined duties for a system of services, by layer or by control: a
    read-only mapping that also keeps the services' resolutions, from which an SSP is made.
    """

    __slots__ = ("resolutions",)

    def __init__(self, duties: Mapping[str, tuple[WorkloadDuty, ...]], resolutions: Matrix) -> None:
        self._map = dict(duties)
        self.resolutions = resolutions

    def __repr__(self) -> str:
        services = _short(", ".join(dict.fromkeys(r.service.id for r in self.resolutions)), 80)
        duties = sum(map(len, self._map.values()))
        return f"<Workload of {services}: {duties} customer duties on {len(self)} targets>"


defer(LayerResolution, ("sources",))
