"""Answers made of many resolutions: `split` (who holds each layer of a service), `shift` and
`compare` (what differs between two services or two configurations), `workload` (the customer
duties of a system of services), with their types. A module of their own, loaded when one of
them is first looked up: a program's first answer needs none of their classes
(`docs/performance.md`).
"""

from collections.abc import Iterable, Mapping

import attrs

from ._catalog import Catalog
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
    Side,
    Source,
    _counts,
    _DictView,
    _parties,
    _Record,
    _Shown,
    defer,
)
from ._resolver import (
    DEFAULT_CONTEXT,
    _cited,
    _duties,
    _overridden,
    _ownership,
    _Plan,
    _plan,
    matrix,
    resolve,
)
from .errors import _short

__all__ = [
    "Change",
    "Comparison",
    "DutyChange",
    "LayerResolution",
    "Split",
    "Workload",
    "WorkloadDuty",
    "compare",
    "shift",
    "split",
    "workload",
]


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


def _layer_resolution(cat: Catalog, plan: _Plan, layer: Layer) -> LayerResolution:
    steps = [step for step in plan.steps if step.layer == layer.id]
    trail = [step.rule for step in steps] + list(plan.context_rules)
    duties = _overridden(plan, _duties(cat, plan, steps[-1].parts), trail, (layer.id,), None)
    extra = (plan.operator_cited,) if any(r is plan.operator_rule for r in trail) else ()
    return LayerResolution(
        layer=layer,
        ownership=_ownership(duties, f"services.{plan.service.id}: layer {layer.id!r}"),
        duties=tuple(duties),
        sources=_cited(steps, extra),
        trail=tuple(trail),
    )


def split(cat: Catalog, service: str, context: Context | None = None) -> Split:
    """Who holds each layer of one service: a read-only mapping from layer id, bottom to top."""
    context = DEFAULT_CONTEXT if context is None else context
    key = ("split", service, context)
    found = cat._memo.get(key)
    if found is None:
        plan = _plan(cat, service, context)
        found = cat._memo[key] = Split(
            {layer.id: _layer_resolution(cat, plan, layer) for layer in cat.layers},
            cat.service(service),
            context,
        )
    return found


def workload(
    cat: Catalog, services: Iterable[str], context: Context | None = None, by: str = "layer"
) -> Workload:
    """The customer side's combined duties for a system of services, grouped by layer (or by
    control with ``by="control"``); each duty names the services it comes from. The result
    keeps every control's resolution for the services (``.resolutions``), for an SSP.
    """
    if by not in ("layer", "control"):
        raise ValueError(f"by must be 'layer' or 'control', got {by!r}")
    ids = list(dict.fromkeys(cat.service(s).id for s in services))
    ids.sort(key=[s.id for s in cat.services].index)
    resolutions = matrix(cat, ids, context=context)
    if by == "layer":
        answers = [(sid, lid, lr.duties) for sid in ids for lid, lr in split(cat, sid, context).items()]
    else:
        answers = [(r.service.id, r.control.id, r.duties) for r in resolutions]
    found: dict[tuple[str, str, str], dict[str, None]] = {}
    holders: dict[str, Party] = {}
    for sid, target, duties in answers:
        for d in duties:
            if d.party.side is Side.CUSTOMER:
                holders[d.party.id] = d.party
                found.setdefault((target, d.party.id, d.text), {})[sid] = None
    grouped: dict[str, list[WorkloadDuty]] = {}
    for (target, party, text), sids in found.items():
        duty = WorkloadDuty(target=target, party=holders[party], text=text, services=tuple(sids))
        grouped.setdefault(target, []).append(duty)
    order = [layer.id for layer in cat.layers] if by == "layer" else [c.id for c in cat.controls]
    by_target = {t: tuple(grouped[t]) for t in order if t in grouped}
    return Workload(by_target, resolutions)


def shift(
    cat: Catalog,
    before: str,
    after: str,
    context: Context | None = None,
    after_context: Context | None = None,
) -> Comparison:
    """What changes moving a workload from one service to another, of the same provider or
    another (``ec2`` to ``azure-virtual-machines``): `compare` for two services.
    ``after_context`` places the new service where ``context`` cannot (another provider's
    region); it defaults to ``context``.
    """
    later = context if after_context is None else after_context
    return compare(cat, (before, context), (after, later))


def compare(
    cat: Catalog,
    before: str | tuple[str, Context | None],
    after: str | tuple[str, Context | None],
) -> Comparison:
    """What differs between two ``(service, context)`` pairs: two services, two contexts of
    one (a region and an Outpost), or two option sets of one (Lambda from a zip and from an
    image). First every layer and control whose ownership differs (`Change`), then, for each
    control and layer, the duties that disappear, appear, change hands or change (`DutyChange`).
    Empty when nothing differs.
    """
    (s1, c1), (s2, c2) = (_pair(before), _pair(after))
    a, b = split(cat, s1, c1), split(cat, s2, c2)
    changes: list[Change | DutyChange] = [
        Change(kind="layer", what=lid, before=a[lid].ownership, after=b[lid].ownership)
        for lid in a
        if a[lid].ownership is not b[lid].ownership
    ]
    duties: list[Change | DutyChange] = []
    for c in cat.controls:
        x, y = resolve(cat, s1, c.id, c1), resolve(cat, s2, c.id, c2)
        if x.ownership is not y.ownership:
            changes.append(Change(kind="control", what=c.id, before=x.ownership, after=y.ownership))
        old, new = _by_layer(x.duties), _by_layer(y.duties)
        for lid in dict.fromkeys((*old, *new)):
            was, now = old.get(lid, ()), new.get(lid, ())
            if {(d.party.id, d.role, d.text) for d in was} != {(d.party.id, d.role, d.text) for d in now}:
                duties.append(DutyChange(what=f"{c.id}@{lid}" if lid else c.id, before=was, after=now))
    return Comparison(changes + duties)


def _by_layer(duties: tuple[Duty, ...]) -> dict[str, tuple[Duty, ...]]:
    """Duties by the layer they are on ("" for an organizational control's), in order."""
    found: dict[str, list[Duty]] = {}
    for d in duties:
        found.setdefault(d.layer.id if d.layer else "", []).append(d)
    return {lid: tuple(ds) for lid, ds in found.items()}


def _pair(side: str | tuple[str, Context | None]) -> tuple[str, Context | None]:
    return (side, None) if isinstance(side, str) else side
