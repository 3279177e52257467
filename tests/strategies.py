"""Hypothesis strategies that build random catalogs, valid by construction."""

from typing import Any

from hypothesis import strategies as st

import shared_responsibility as sr

IDS = st.from_regex(r"[a-z][a-z0-9]{0,4}(-[a-z0-9]{1,3})?", fullmatch=True)
TEXTS = st.text(st.characters(codec="utf-8", categories=["L", "N", "Zs"]), min_size=1, max_size=12).filter(
    str.strip
)
SOURCES = st.builds(
    sr.Source,
    title=TEXTS,
    url=st.from_regex(r"https://[a-z]{1,8}\.example/[a-z0-9/]{0,10}", fullmatch=True),
    read=st.dates().map(lambda d: d.isoformat()),
)
SIDES = st.sampled_from([(sr.Side.PROVIDER,), (sr.Side.CUSTOMER,), (sr.Side.PROVIDER, sr.Side.CUSTOMER)])


def _sources() -> st.SearchStrategy[tuple[sr.Source, ...]]:
    return st.lists(SOURCES, min_size=1, max_size=2).map(tuple)


@st.composite
def parts(draw: st.DrawFn, layers: list[str], complete: bool = False) -> tuple[sr.Part, ...]:
    """Parts for every layer (``complete``) or for some of them."""
    chosen = layers if complete else draw(st.lists(st.sampled_from(layers), unique=True, max_size=3))
    found = []
    for layer in chosen:
        sides = draw(SIDES)
        performer = draw(st.sampled_from(sides))  # every layer rule has a side that performs
        for side in sides:
            role = sr.Role.PERFORMS if side is performer else draw(st.sampled_from(list(sr.Role)))
            found.append(sr.Part(layer=layer, side=side, text=draw(TEXTS), role=role))
    return tuple(found)


@st.composite
def catalogs(draw: st.DrawFn, max_services: int = 4) -> sr.Catalog:
    """A random valid catalog: every reference points at something the catalog has."""
    layer_ids = draw(st.lists(IDS, min_size=1, max_size=6, unique=True))
    operator_ids = draw(st.lists(IDS.map("op-{}".format), max_size=2, unique=True))
    parties = [
        sr.Party(id="cloud", name="Cloud", side=sr.Side.PROVIDER),
        sr.Party(id="customer", name="Customer", side=sr.Side.CUSTOMER),
        *(sr.Party(id=o, name=o.upper(), side=sr.Side.PROVIDER) for o in operator_ids),
    ]
    controls = []
    control_ids = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    for n, cid in enumerate(control_ids):
        if draw(st.booleans()) and n:
            duties = (
                sr.Part(layer=None, side=sr.Side.PROVIDER, text=draw(TEXTS)),
                sr.Part(layer=None, side=sr.Side.CUSTOMER, text=draw(TEXTS)),
            )
            controls.append(
                sr.Control(id=cid, title=cid, layers=None, duties=duties, sources=draw(_sources()))
            )
        else:
            touched = draw(st.lists(st.sampled_from(layer_ids), min_size=1, unique=True))
            refs = draw(st.lists(st.sampled_from(["FW:A-1", "FW:A-2", "FW:B-1"]), unique=True, max_size=2))
            controls.append(
                sr.Control(
                    id=cid,
                    title=cid.upper(),
                    layers=tuple(touched),
                    references=refs,
                    sources=draw(_sources()),
                )
            )
    layered = [c for c in controls if c.layers is not None]
    category_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    categories = [
        sr.Category(
            id=g,
            name=g,
            layers=draw(parts(layer_ids, complete=True)),
            controls=tuple(
                sr.ControlRow(control=c.id, parts=draw(parts(list(c.layers or ()), complete=True)))
                for c in draw(st.lists(st.sampled_from(layered), unique_by=lambda c: c.id, max_size=2))
            )
            if layered
            else (),
            sources=draw(_sources()),
        )
        for g in category_ids
    ]
    regions = [sr.Region(id=f"{o}-1", operator=o) for o in operator_ids]
    partitions = [
        sr.Partition(
            id="main",
            name="Main",
            operator="cloud",
            regions=(sr.Region(id="main-1"),),
            sources=draw(_sources()),
        )
    ]
    if regions:
        partitions.append(
            sr.Partition(id="local", name="Local", regions=tuple(regions), sources=draw(_sources()))
        )
    deployments = [sr.Deployment(id="region", name="Region", sources=draw(_sources()))]
    if draw(st.booleans()):
        deployments.append(
            sr.Deployment(id="edge", name="Edge", layers=draw(parts(layer_ids)), sources=draw(_sources()))
        )
    services = []
    for sid in draw(st.lists(IDS, min_size=1, max_size=max_services, unique=True)):
        rows = []
        for c in draw(st.lists(st.sampled_from(layered), unique_by=lambda c: c.id, max_size=2)):
            assert c.layers is not None
            rows.append(sr.ControlRow(control=c.id, parts=draw(parts(list(c.layers)).filter(bool))))
        options = []
        for oid in draw(st.lists(IDS, max_size=2, unique=True)):
            value_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
            values = tuple(sr.OptionValue(id=v, name=v, layers=draw(parts(layer_ids))) for v in value_ids)
            options.append(
                sr.Option(
                    id=oid,
                    name=oid,
                    default=draw(st.sampled_from(value_ids)),
                    values=values,
                    sources=draw(_sources()),
                )
            )
        places = [p.id for p in partitions]
        availability = draw(
            st.none()
            | st.builds(
                sr.Availability,
                # always offered in the default context, so that every property can ask there
                partitions=st.lists(st.sampled_from(places), unique=True).map(
                    lambda p: ["main", *(x for x in p if x != "main")]
                ),
                deployments=st.lists(st.sampled_from([d.id for d in deployments]), unique=True).map(
                    lambda d: ["region", *(x for x in d if x != "region")]
                ),
            )
        )
        services.append(
            sr.Service(
                id=sid,
                availability=availability,
                name=f"Service {sid.upper()}",
                provider="cloud",
                category=draw(st.sampled_from(category_ids)),
                aliases=(f"alias:{sid}",),
                layers=draw(parts(layer_ids)),
                controls=tuple(rows),
                options=tuple(options),
                sources=draw(_sources()),
            )
        )
    return sr.Catalog(
        version="test",
        parties=tuple(parties),
        layers=tuple(sr.Layer(id=i, name=i.title()) for i in layer_ids),
        controls=tuple(controls),
        categories=tuple(categories),
        partitions=tuple(partitions),
        deployments=tuple(deployments),
        services=tuple(services),
    )


@st.composite
def contexts(draw: st.DrawFn, cat: sr.Catalog) -> sr.Context:
    """A context that the catalog knows: partition or region, deployment, some option values."""
    regions = [(p.id, r.id) for p in cat.partitions for r in p.regions]
    where = draw(st.sampled_from([(None, None), *regions, *((p.id, None) for p in cat.partitions)]))
    partition, region = where
    if region is not None and draw(st.booleans()):
        partition = None  # the region implies it
    options: dict[str, str] = {}
    for s in cat.services:
        for o in s.options:
            if draw(st.booleans()):
                options[f"{s.id}.{o.id}"] = draw(st.sampled_from([v.id for v in o.values]))
    deployment = draw(st.sampled_from([d.id for d in cat.deployments]))
    return sr.Context(partition=partition, region=region, deployment=deployment, options=options)


def all_contexts(cat: sr.Catalog, service: sr.Service) -> list[sr.Context]:
    """Every context that can move this service: each option combination, region and deployment."""
    combos: list[dict[str, str]] = [{}]
    for o in service.options:
        combos = [{**c, f"{service.id}.{o.id}": v.id} for c in combos for v in o.values]
    places: list[dict[str, Any]] = [{}]
    places += [{"partition": p.id} for p in cat.partitions]
    places += [{"region": r.id} for p in cat.partitions for r in p.regions if r.operator]
    return [
        sr.Context(deployment=d.id, options=c, **place)
        for d in cat.deployments
        for c in combos
        for place in places
    ]


@st.composite
def overrides(draw: st.DrawFn, cat: sr.Catalog) -> tuple[sr.Override, tuple[sr.Party, ...]]:
    """An override that hands a layer or control of one service (or all) to new parties."""
    target = draw(st.sampled_from([layer.id for layer in cat.layers] + [c.id for c in cat.controls]))
    service = draw(st.sampled_from(["*", *(s.id for s in cat.services)]))
    side = draw(st.sampled_from(list(sr.Side)))
    names = draw(st.lists(IDS.map("x-{}".format), min_size=1, max_size=2, unique=True))
    parties = tuple(sr.Party(id=n, name=n, side=side) for n in names)
    return sr.Override(service=service, target=target, parties=names, reason="test"), parties


def expected_ownership(duties: tuple[sr.Duty, ...]) -> sr.Ownership:
    """The ownership DESIGN.md's consistency rule demands for these duties, computed apart
    from the library from the performing duties only: PROVIDER iff all of them are
    provider-side, CUSTOMER iff all customer-side, else SHARED."""
    sides = {d.party.side.value for d in duties if d.role.value == "performs"}
    assert sides, "an answer always has at least one performing duty"
    if sides == {"provider"}:
        return sr.Ownership.PROVIDER
    if sides == {"customer"}:
        return sr.Ownership.CUSTOMER
    return sr.Ownership.SHARED
