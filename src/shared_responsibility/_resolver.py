"""The resolver: pure functions from a catalog, names and a context to frozen answers.

Rules apply from weakest to strongest: category default, service entry, option values (in the
order the service declares its options), context rules, overrides. A rule about a layer counts
for every control that touches the layer; a control row counts for that control alone, on the
layers it names, and a control's answer is made of rows (where only a layer's general text is
left, the trail says so). Ownership follows the duties that perform, not those that only
enable. A service is resolved only where it is offered. Answers are memoized on the catalog,
so a warm call is one dictionary look-up; nothing here does I/O.
"""

from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from ._catalog import Catalog, suggest
from ._model import (
    Availability,
    Cited,
    Context,
    Control,
    ControlRow,
    Deployment,
    Duty,
    Later,
    Matrix,
    Origin,
    Override,
    Ownership,
    Part,
    Partition,
    Party,
    Resolution,
    Role,
    Rule,
    Service,
    Side,
    Source,
)
from .errors import CatalogError, UnavailableError, UnknownContextError, UnknownOptionError

__all__ = ["check_context", "matrix", "offered", "resolve", "resolve_many"]

DEFAULT_CONTEXT = Context()


class _Step:
    """A rule of the trail with the parts it sets, for one layer or one control. This and
    `_Plan` are plain slotted classes: a NamedTuple compiles code when its module is imported,
    which every first answer waits for.
    """

    __slots__ = ("cited", "control", "layer", "parts", "rule")

    def __init__(
        self, rule: Rule, layer: str | None, control: str | None, parts: tuple[Part, ...], cited: Any
    ) -> None:
        self.rule = rule
        self.layer = layer
        self.control = control
        self.parts = parts
        self.cited = cited  # the record whose sources this rule rests on: read only when an answer's are


class _Plan:
    """Everything that decides one service in one context, computed once."""

    __slots__ = (
        "context_rules",
        "customer",
        "operator_cited",
        "operator_rule",
        "overrides",
        "providers",
        "service",
        "steps",
    )

    def __init__(
        self,
        *,
        service: Service,
        steps: tuple[_Step, ...],
        providers: tuple[Party, ...],
        operator_rule: Rule | None,
        operator_cited: Any,
        customer: Party,
        overrides: tuple[tuple[Override, tuple[Party, ...]], ...],
        context_rules: tuple[Rule, ...],
    ) -> None:
        self.service = service
        self.steps = steps
        self.providers = providers
        self.operator_rule = operator_rule
        self.operator_cited = operator_cited
        self.customer = customer
        self.overrides = overrides
        self.context_rules = context_rules


def _layer_steps(rule: Rule, parts: Sequence[Part], cited: Any) -> list[_Step]:
    by_layer: dict[str | None, list[Part]] = {}
    for p in parts:
        by_layer.setdefault(p.layer, []).append(p)
    return [
        _Step(attrs.evolve(rule, target=layer or ""), layer, None, tuple(ps), cited)
        for layer, ps in by_layer.items()
    ]


def _partition_of(cat: Catalog, context: Context) -> tuple[Partition | None, str | None]:
    region_id = context.region
    partitions = {p.id: p for p in cat.partitions}
    if context.partition is not None and context.partition not in partitions:
        hint = suggest(context.partition, partitions)
        raise UnknownContextError(context.partition, hint, f"unknown partition {context.partition!r}")
    if region_id is None:
        return partitions.get(context.partition or ""), None
    owner = next((p for p in cat.partitions if any(r.id == region_id for r in p.regions)), None)
    if owner is None:
        regions = [r.id for p in cat.partitions for r in p.regions]
        hint = suggest(region_id, regions)
        raise UnknownContextError(region_id, hint, f"unknown region {region_id!r}")
    if context.partition is not None and context.partition != owner.id:
        raise UnknownContextError(
            region_id,
            (owner.id,),
            f"region {region_id!r} is in partition {owner.id!r}, not {context.partition!r}",
        )
    return owner, region_id


def _operators(
    cat: Catalog, service: Service, context: Context
) -> tuple[tuple[Party, ...], Rule | None, Any]:
    partition, region_id = _partition_of(cat, context)
    default = (cat.party(service.provider),)
    if partition is None:
        return default, None, ()
    region = next((r for r in partition.regions if r.id == region_id), None)
    if region is not None and region.operator is not None:
        ids: tuple[str, ...] = (region.operator,)
        name = f"region={region.id}"
    elif partition.operator is not None:
        ids = (partition.operator,)
        name = f"partition={partition.id}"
    else:
        ids = tuple(sorted({r.operator for r in partition.regions if r.operator is not None}))
        name = f"partition={partition.id}"
    providers = tuple(cat.party(i) for i in ids)
    if providers == default:
        return default, None, ()
    note = "the provider side is held by " + " or ".join(p.name for p in providers)
    if len(providers) > 1:
        note += ", by region"
    return providers, Rule(origin=Origin.CONTEXT, name=name, target="provider", note=note), partition


def _where(cat: Catalog, context: Context, service: Service) -> tuple[str, str | None]:
    """The partition and region a context places a service in; with neither named, the first
    partition of the service's provider (its commercial one), which the default context stands for.
    """
    partition, region = _partition_of(cat, context)
    if partition is None:
        home = next((p.id for p in cat.partitions if p.provider in (None, service.provider)), "")
        return home, None
    return partition.id, region


def offered(cat: Catalog, service: str, context: Context | None = None) -> bool:
    """Whether a service, with the option values the context gives it, is offered where the
    context places it (partition, region, deployment). Unknown names raise their lookup errors.
    """
    context = DEFAULT_CONTEXT if context is None else context
    found = cat.service(service)
    check_context(cat, context)
    try:
        _check_offered(cat, found, context)
    except UnavailableError:
        return False
    return True


def _check_offered(cat: Catalog, service: Service, context: Context) -> None:
    """Raise `UnavailableError` where the service, or an option value it runs with, is not
    offered where the context places it.
    """
    partition, region = _where(cat, context, service)
    _check_provider(cat, service, partition, context.deployment)
    checks = [(service.id, service.name, service.availability)]
    for option in service.options:
        named = f"{service.id}.{option.id}"
        value = option.value(context.options.get(named, option.default))
        assert value is not None  # options are checked first
        checks.append((f"{named}={value.id}", f"{service.name} with {value.name}", value.availability))
    for what, name, where in checks:
        if where is None or _within(where, partition, region, context.deployment):
            continue
        if context.deployment not in where.deployments:
            place, valid = f"deployment {context.deployment!r}", where.deployments
        elif partition not in where.partitions:
            place, valid = f"partition {partition!r}", where.partitions
        else:
            others = [r.id for p in cat.partitions if p.id == partition for r in p.regions]
            place, valid = f"region {region!r}", tuple(r for r in others if r not in where.regions_without)
        raise UnavailableError(what, valid, f"{name} ({what!r}) is not offered in {place}")


def _check_provider(cat: Catalog, service: Service, partition: str, deployment: str) -> None:
    """Raise `UnavailableError` where the context places a service in another provider's cloud."""
    places = [("partition", p.id, p.provider) for p in cat.partitions if p.id == partition]
    places += [("deployment", d.id, d.provider) for d in cat.deployments if d.id == deployment]
    for kind, name, provider in places:
        if provider not in (None, service.provider):
            own = [p.id for p in cat.partitions if p.provider in (None, service.provider)]
            if kind == "deployment":
                own = ["region"] + [d.id for d in cat.deployments if d.provider in (None, service.provider)]
            detail = f"{service.name} ({service.id!r}) is not offered in {kind} {name!r} ({provider})"
            raise UnavailableError(service.id, tuple(own), detail)


def _within(where: Availability, partition: str, region: str | None, deployment: str) -> bool:
    return (
        partition in where.partitions
        and region not in where.regions_without
        and deployment in where.deployments
    )


def _deployment(cat: Catalog, context: Context) -> Deployment | None:
    found = next((d for d in cat.deployments if d.id == context.deployment), None)
    if found is None and context.deployment != "region":
        hint = suggest(context.deployment, [d.id for d in cat.deployments])
        raise UnknownContextError(context.deployment, hint, f"unknown deployment {context.deployment!r}")
    return found


def _check_options(cat: Catalog, context: Context) -> None:
    for key, value in context.options.items():
        service_id, _, option_id = key.partition(".")
        service = cat.get_service(service_id)
        if service is None or service.id != service_id or not option_id:
            keys = [f"{s.id}.{o.id}" for s in cat.services for o in s.options]
            hint = suggest(key, keys)
            raise UnknownOptionError(key, hint, f"unknown option {key!r}")
        option = service.option(option_id)
        if option is None:
            hint = suggest(key, [f"{service.id}.{o.id}" for o in service.options])
            raise UnknownOptionError(key, hint, f"service {service.id!r} has no option {option_id!r}")
        if option.value(value) is None:
            values = tuple(v.id for v in option.values)
            raise UnknownOptionError(value, values, f"unknown value {value!r} for option {key!r}")


def check_context(cat: Catalog, context: Context) -> None:
    """Raise the lookup error for anything in a context that the catalog does not know."""
    _partition_of(cat, context)
    _deployment(cat, context)
    _check_options(cat, context)


def _plan(cat: Catalog, service_name: str, context: Context) -> _Plan:
    service = cat.service(service_name)
    key = ("plan", service.id, context)
    cached = cat._memo.get(key)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    _check_options(cat, context)
    deployment = _deployment(cat, context)  # an unknown one is an error before "not offered"
    _check_offered(cat, service, context)
    category = next(g for g in cat.categories if g.id == service.category)
    category_rule = Rule(origin=Origin.CATEGORY, name=category.id, target="")
    steps = _layer_steps(category_rule, category.layers, category)
    steps += _row_steps(category_rule, category.controls, category)
    service_rule = Rule(origin=Origin.SERVICE, name=service.id, target="")
    steps += _layer_steps(service_rule, service.layers, service)
    steps += _row_steps(service_rule, service.controls, service)
    for option in service.options:
        named = f"{service.id}.{option.id}"
        chosen = context.options.get(named)
        origin = Origin.OPTION if chosen is not None else Origin.DEFAULT_OPTION
        value = option.value(chosen or option.default)
        assert value is not None  # checked above, and by the catalog for defaults
        evidence = context.evidence.get(named)
        rule = Rule(origin=origin, name=f"{named}={value.id}", target="", note=evidence or _note(value))
        steps += _layer_steps(rule, value.layers, option)
        steps += [
            _Step(
                attrs.evolve(rule, target=row.control, note=evidence or _note(row, value)),
                None,
                row.control,
                row.parts,
                option,
            )
            for row in value.controls
        ]
    providers, operator_rule, operator_cited = _operators(cat, service, context)
    context_rules = []
    partition, _ = _partition_of(cat, context)
    if partition is not None and partition.summary:
        name = f"partition={partition.id}"
        context_rules.append(Rule(origin=Origin.CONTEXT, name=name, target="", note=partition.summary))
    if deployment is not None:
        rule = Rule(origin=Origin.CONTEXT, name=f"deployment={deployment.id}", target="")
        steps += _layer_steps(rule, deployment.layers, deployment)
        steps += _row_steps(rule, deployment.controls, deployment)
        if deployment.summary:
            context_rules.append(attrs.evolve(rule, note=deployment.summary))
    customer = next(p for p in cat.parties if p.side is Side.CUSTOMER)
    specific = [o for o in cat.overrides if o.service in ("*", service.id)]
    control_ids = {c.id for c in cat.controls}
    specific.sort(key=lambda o: (o.target in control_ids, o.service != "*"))
    overrides = tuple((o, tuple(cat.party(p) for p in o.parties)) for o in specific)
    plan = _Plan(
        service=service,
        steps=tuple(steps),
        providers=providers,
        operator_rule=operator_rule,
        operator_cited=operator_cited,
        customer=customer,
        overrides=overrides,
        context_rules=tuple(context_rules),
    )
    cat._memo[key] = plan
    return plan


def _row_steps(rule: Rule, rows: Iterable[ControlRow], cited: Any) -> list[_Step]:
    return [
        _Step(attrs.evolve(rule, target=row.control, note=_note(row)), None, row.control, row.parts, cited)
        for row in rows
    ]


def _duties(cat: Catalog, plan: _Plan, parts: Iterable[Part]) -> list[Duty]:
    duties = []
    for p in parts:
        layer = cat.layer(p.layer) if p.layer is not None else None
        if p.party is not None:
            holders: tuple[Party, ...] = (cat.party(p.party),)
        elif p.side is Side.PROVIDER:
            holders = plan.providers
        else:
            holders = (plan.customer,)
        duties += [Duty(party=h, layer=layer, text=p.text, role=p.role) for h in holders]
    return duties


def _ownership(duties: Iterable[Duty], where: str) -> Ownership:
    """The ownership the performing duties imply; a dataset where nobody performs is broken."""
    sides = [d.party.side for d in duties if d.role is Role.PERFORMS]
    if not sides:
        raise CatalogError([f"{where}: no party performs it (every duty only enables)"])
    return Ownership.of(sides)


def _override(
    duties: list[Duty], override: Override, parties: tuple[Party, ...], layer: str | None
) -> tuple[list[Duty], Rule]:
    sides = {p.side for p in parties}
    out: list[Duty] = []
    taken: set[Side] = set()
    for d in duties:
        in_scope = layer is None or (d.layer is not None and d.layer.id == layer)
        if in_scope and d.party.side in sides:
            taken.add(d.party.side)
            out += [attrs.evolve(d, party=p) for p in parties if p.side is d.party.side]
        else:
            out.append(d)
    idle = sorted(s.value for s in sides - taken)
    note = override.reason
    if idle:
        note = (note + "; " if note else "") + f"the {' and '.join(idle)} side holds no part here"
    name = f"{override.service}:{override.target} -> {', '.join(override.parties)}"
    return list(dict.fromkeys(out)), Rule(
        origin=Origin.OVERRIDE, name=name, target=override.target, note=note
    )


def _note(*records: Any) -> str:
    """The first note of these records, read when the rule's note is first read (notes are
    prose, kept compressed until then).
    """
    return Later(lambda: next((r.note for r in records if r.note), ""))  # type: ignore[return-value]


def _cited(steps: list[_Step], extra: tuple[Any, ...]) -> tuple[Source, ...]:
    """An answer's sources, read from the records it rests on when first needed (`Cited`):
    reading them inflates the catalog's prose, which most answers never need.
    """
    owners = {id(o): o for o in [step.cited for step in steps] + list(extra)}
    return Cited(owners.values())


def _overridden(
    plan: _Plan, duties: list[Duty], trail: list[Rule], layers: Sequence[str], control: str | None
) -> list[Duty]:
    """Apply the operator rule, then the overrides that name one of the layers or the control
    (layer overrides before control overrides, ``"*"`` before a named service).
    """
    if plan.operator_rule is not None and any(d.party.side is Side.PROVIDER for d in duties):
        trail.append(plan.operator_rule)
    for override, parties in plan.overrides:
        if override.target in layers:
            duties, rule = _override(duties, override, parties, override.target)
        elif override.target == control:
            duties, rule = _override(duties, override, parties, None)
        else:
            continue
        trail.append(rule)
    return duties


def _resolution(cat: Catalog, plan: _Plan, ctl: Control, context: Context) -> Resolution:
    steps: list[_Step] = []
    if ctl.layers is None:
        note = "organizational: each party does its own part"
        trail = [Rule(origin=Origin.CONTROL, name=ctl.id, target=ctl.id, note=note)]
        parts: list[Part] = list(ctl.duties)
    else:
        touched = set(ctl.layers)
        state: dict[str, tuple[Part, ...]] = {}
        general: set[str] = set()  # layers whose last word is a layer rule, not a control row
        for step in plan.steps:
            if step.layer in touched:
                state[step.layer] = step.parts
                general.add(step.layer)
            elif step.control == ctl.id:
                named: dict[str, tuple[Part, ...]] = {}
                for part in step.parts:
                    assert part.layer is not None
                    named[part.layer] = (*named.get(part.layer, ()), part)
                state.update(named)
                general -= set(named)
            else:
                continue
            steps.append(step)
        trail = [step.rule for step in steps]
        fallback = [layer.id for layer in cat.layers if layer.id in general]
        if fallback:
            note = "no control row states this control's duties here; the layer's general text stands in"
            trail.append(Rule(origin=Origin.LAYER_TEXT, name=ctl.id, target=", ".join(fallback), note=note))
        parts = [p for layer in cat.layers for p in state.get(layer.id, ())]
    trail += plan.context_rules
    duties = _overridden(plan, _duties(cat, plan, parts), trail, ctl.layers or (), ctl.id)
    extra = (plan.operator_cited,) if any(r is plan.operator_rule for r in trail) else ()
    return Resolution(
        service=plan.service,
        control=ctl,
        context=context,
        ownership=_ownership(duties, f"services.{plan.service.id}: control {ctl.id!r}"),
        duties=tuple(duties),
        sources=_cited(steps, (*extra, ctl)),
        trail=tuple(trail),
    )


def resolve(cat: Catalog, service: str, control: str, context: Context | None = None) -> Resolution:
    """Who is responsible for a control of a service in a context, with each party's duties,
    the sources, and the trail of rules that decided it.

    ``service`` and ``control`` are ids or any name the catalog knows (``"Amazon EC2"``,
    ``"AWS::EC2::Instance"``, ``"NIST-800-53:SI-2"``); ``context`` says where and how the
    service runs (partition, region, deployment, option values; the default is a commercial
    region with every option at its default). The answer's ``ownership`` counts the parties
    that perform (``Role.PERFORMS``), not those that only enable. Answers are memoized on the
    catalog: a repeated question is one dictionary look-up.

    Raises `UnknownServiceError`, `UnknownControlError`, `UnknownOptionError` or
    `UnknownContextError` for a name the catalog lacks (with the nearest valid ones), and
    `UnavailableError` where the service is not offered.

    >>> import shared_responsibility as sr
    >>> cat = sr.default_catalog()
    >>> sr.resolve(cat, "ec2", "patch-management").ownership
    <Ownership.SHARED: 'shared'>
    """
    try:
        return cat._tables[context][service][control]  # type: ignore[no-any-return]
    except (KeyError, TypeError):
        return _remember(cat, service, control, context)


def _remember(cat: Catalog, service: str, control: str, context: Context | None) -> Resolution:
    """Resolve once, and keep the answer under the names as asked."""
    plan = _plan(cat, service, DEFAULT_CONTEXT if context is None else context)
    found = _resolution(cat, plan, cat.control(control), DEFAULT_CONTEXT if context is None else context)
    cat._tables.setdefault(context, {}).setdefault(service, {})[control] = found
    return found


def resolve_many(
    cat: Catalog, pairs: Iterable[tuple[str, str]], context: Context | None = None
) -> tuple[Resolution, ...]:
    """`resolve` for many (service, control) pairs at once, in their order: the bulk path for
    whole inventories.
    """
    pairs = pairs if isinstance(pairs, list | tuple) else list(pairs)
    try:
        table = cat._tables[context]
        return tuple([table[s][c] for s, c in pairs])
    except (KeyError, TypeError):
        for s, c in dict.fromkeys(map(tuple, pairs)):  # pairs read from JSON are lists
            resolve(cat, s, c, context)  # warms the table, or raises for a name it lacks
    table = cat._tables[context]
    return tuple([table[s][c] for s, c in pairs])


def matrix(
    cat: Catalog,
    services: Iterable[str],
    controls: Iterable[str] | None = None,
    context: Context | None = None,
) -> Matrix:
    """Resolutions for every service and control (all controls by default), services outer."""
    wanted = [c.id for c in cat.controls] if controls is None else list(controls)
    return Matrix(resolve(cat, s, c, context) for s in services for c in wanted)
