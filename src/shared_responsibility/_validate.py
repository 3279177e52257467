"""Whole-catalog checks: every problem of a dataset or of its overrides, each with its location."""

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from ._model import Control, ControlRow, Override, Part, Party, Role, Side, Source
from .errors import _escaped

if TYPE_CHECKING:
    from ._catalog import Catalog
    from ._model import Evidence, Option, Service

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URL_RE = re.compile(r"https://[^\s/]+\.[^\s]+")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
SOURCE_KINDS = ("", "primary", "secondary", "archive")
"""A source's kind: the provider's own page, anyone else's, an archived copy ("" unsaid)."""


def _ids(where: str, ids: Sequence[str]) -> Iterator[str]:
    for i, value in enumerate(ids):
        if not ID_RE.fullmatch(value):
            yield f"{where}[{i}].id: must be lower-case-kebab-case, got {value!r}"
    for value, count in sorted(Counter(ids).items()):
        if count > 1:
            yield f"{where}: duplicate id {value!r}"


def _source(s: Source) -> list[str]:
    problems = []
    if not URL_RE.fullmatch(s.url):
        problems.append(f"url: must be an https URL, got {s.url!r}")
    if not DATE_RE.fullmatch(s.read):
        problems.append(f"read: must be a date YYYY-MM-DD, got {s.read!r}")
    if not s.title.strip():
        problems.append("title: must not be empty")
    if s.kind not in SOURCE_KINDS:
        problems.append(f"kind: must be one of {', '.join(map(repr, SOURCE_KINDS))}, got {s.kind!r}")
    return problems


def _sources(where: str, sources: Sequence[Source], seen: dict[int, list[str]]) -> Iterator[str]:
    """Problems of an entry's sources; ``seen`` keeps each source object's own problems, since
    entries share their sources.
    """
    if not sources:
        yield f"{where}.sources: at least one source is required"
    for i, s in enumerate(sources):
        problems = seen.get(id(s))
        if problems is None:
            problems = seen[id(s)] = _source(s)
        for problem in problems:
            yield f"{where}.sources[{i}].{problem}"


def _parts(
    where: str, parts: Sequence[Part], layers: Iterable[str], parties: "dict[str, Party] | None" = None
) -> Iterator[str]:
    allowed = set(layers)
    for p in parts:
        at = f"{where}.{_escaped(str(p.layer))}"
        if p.layer not in allowed:
            yield f"{at}: unknown layer {p.layer!r}"
        if not p.text.strip():
            yield f"{at}.{p.side.value}: duty text must not be empty"
        if p.party is not None and parties is not None:
            party = parties.get(p.party)
            if party is None:
                yield f"{at}.{p.side.value}:{p.party}: unknown party {p.party!r}"
            elif party.side is not p.side:
                yield f"{at}.{p.side.value}:{p.party}: party {p.party!r} is on the {party.side.value} side"


def _performers(where: str, parts: Sequence[Part]) -> Iterator[str]:
    """A layer rule decides who holds its layer, so at least one side must perform there."""
    layers: dict[str | None, bool] = {}
    for p in parts:
        layers[p.layer] = layers.get(p.layer, False) or p.role is Role.PERFORMS
    for layer, performed in layers.items():
        if not performed:
            yield f"{where}.{_escaped(str(layer))}: no side performs (every duty only enables)"


def _availability(where: str, s: "Service", cat: "Catalog") -> Iterator[str]:
    a = s.availability
    if a is None:
        return
    elsewhere: dict[str, str | None] = {}
    if any(p.id == s.provider for p in cat.parties):  # an unknown provider is reported once, above
        elsewhere = {p.id: p.provider for p in cat.partitions if p.provider not in (None, s.provider)}
        elsewhere.update({d.id: d.provider for d in cat.deployments if d.provider not in (None, s.provider)})
    for name in (*a.partitions, *a.deployments):
        if name in elsewhere:
            owner = elsewhere[name]
            yield f"{where}.availability: {name!r} holds services of {owner!r}, not of {s.provider!r}"
    partitions = {p.id: p for p in cat.partitions}
    deployments = {"region", *(d.id for d in cat.deployments)}
    for name in a.partitions:
        if name not in partitions:
            yield f"{where}.availability.partitions: unknown partition {name!r}"
    for name in a.deployments:
        if name not in deployments:
            yield f"{where}.availability.deployments: unknown deployment {name!r}"
    regions = {r.id for name in a.partitions if name in partitions for r in partitions[name].regions}
    for name in a.regions_without:
        if name not in regions:
            yield f"{where}.availability.regions_without: {name!r} is not a region of its partitions"
    if not a.partitions or not a.deployments:
        yield f"{where}.availability: must name at least one partition and one deployment"


EVIDENCE_FORMATS = ("cloudformation", "config", "terraform")
"""The document formats whose properties an option's evidence can name."""
_PATH_RE = re.compile(r"[A-Za-z0-9_-]+(?:\[(?:\*|[A-Za-z0-9_-]+=[^\],]*(?:,[A-Za-z0-9_-]+=[^\],]*)*)\])?")


def _option_evidence(at: str, option: "Option") -> Iterator[str]:
    values = {v.id for v in option.values}
    for k, e in enumerate(option.evidence):
        yield from (f"{at}.evidence[{k}]{p}" for p in _evidence_problems(e, values))


def _evidence_problems(e: "Evidence", values: set[str]) -> Iterator[str]:
    for name in e.formats:
        if name not in EVIDENCE_FORMATS:
            yield f".formats: unknown format {name!r}; use {', '.join(map(repr, EVIDENCE_FORMATS))}"
    if not e.formats or not e.types:
        yield ": must name at least one format and one resource type"
    if e.match not in ("exact", "prefix", "regex"):
        yield f".match: must be 'exact', 'prefix' or 'regex', got {e.match!r}"
    if bool(e.path) == bool(e.value):
        yield ": give either a path (with values) or a value that the type itself implies"
    for step in e.path.split(".") if e.path else ():
        if not _PATH_RE.fullmatch(step):
            yield f".path: cannot read step {step!r}"
    yield from _evidence_values(e, values)


def _evidence_values(e: "Evidence", values: set[str]) -> Iterator[str]:
    for pattern, target in e.values.items():
        if e.match == "regex":
            try:
                re.compile(pattern)
            except re.error as err:
                yield f".values: bad regex {pattern!r}: {err}"
        if target not in values:
            yield f".values: {target!r} is not a value of the option"
    for name in (e.otherwise, e.value):
        if name and name not in values:
            yield f": {name!r} is not a value of the option"


def catalog_problems(cat: "Catalog") -> list[str]:
    """Every problem of a catalog that the types alone do not rule out."""
    problems: list[str] = []
    for where, records in (
        ("layers", cat.layers),
        ("parties", cat.parties),
        ("controls", cat.controls),
        ("categories", cat.categories),
        ("services", cat.services),
        ("partitions", cat.partitions),
        ("deployments", cat.deployments),
        ("regions", [r for p in cat.partitions for r in p.regions]),
    ):
        problems += _ids(where, [r.id for r in records])
    if not any(p.side is Side.CUSTOMER for p in cat.parties):
        problems.append("parties: no party stands on the customer side")
    layer_ids = [layer.id for layer in cat.layers]
    controls = {c.id: c for c in cat.controls}
    seen: dict[int, list[str]] = {}
    problems += _control_problems(cat, layer_ids, seen)
    parties = {p.id: p for p in cat.parties}
    for i, g in enumerate(cat.categories):
        where = f"categories[{i}]"
        problems += _sources(where, g.sources, seen)
        problems += _provider(where, g.provider, parties)
        versions = [(f"{where}.layers", g.layers, g.controls)]
        versions += [(f"{where}.history[{j}].layers", r.layers, r.controls) for j, r in enumerate(g.history)]
        for at, layers, rows in versions:
            problems += _parts(at, layers, layer_ids, parties)
            problems += _performers(at, layers)
            problems += _rows(at.removesuffix(".layers") + ".controls", rows, controls, parties)
            missing = [layer for layer in layer_ids if layer not in {p.layer for p in layers}]
            if missing:
                problems.append(f"{at}: no default for {', '.join(map(repr, missing))}")
        dates = [r.until for r in g.history]
        for j, r in enumerate(g.history):
            problems += _sources(f"{where}.history[{j}]", r.sources, seen)
            if not DATE_RE.fullmatch(r.until):
                problems.append(f"{where}.history[{j}].until: must be a date YYYY-MM-DD, got {r.until!r}")
        if dates != sorted(set(dates)):
            problems.append(f"{where}.history: versions must be in order of their dates, each date once")
    problems += _service_problems(cat, layer_ids, seen)
    problems += _context_problems(cat, layer_ids, seen)
    problems += _equivalence_problems(cat, seen)
    problems += override_problems(cat, cat.overrides, cat.parties)
    return problems


def _provider(where: str, provider: str | None, parties: "dict[str, Party]") -> Iterator[str]:
    if provider is not None and (provider not in parties or parties[provider].side is not Side.PROVIDER):
        yield f"{where}.provider: {provider!r} is not a party on the provider side"


BASES = ("cited", "judgment")
"""Who pairs equivalent services: a provider's own comparison page, or the dataset's authors."""


def _equivalence_problems(cat: "Catalog", seen: dict[int, list[str]]) -> Iterator[str]:
    yield from _ids("equivalents", [e.id for e in cat.equivalents])
    providers = {s.id: s.provider for s in cat.services}
    for i, e in enumerate(cat.equivalents):
        where = f"equivalents[{i}]"
        unknown = [s for s in e.services if s not in providers]
        yield from (f"{where}.services: unknown service {s!r}" for s in unknown)
        if len({providers.get(s) for s in e.services}) < 2:
            yield f"{where}.services: must name services of at least two providers"
        if e.basis not in BASES:
            yield f"{where}.basis: must be one of {', '.join(map(repr, BASES))}, got {e.basis!r}"
        if e.basis == "cited":
            yield from _sources(where, e.sources, seen)
        elif not e.note.strip():
            yield f"{where}.note: a judgment must say why"


def _control_problems(cat: "Catalog", layer_ids: list[str], seen: dict[int, list[str]]) -> Iterator[str]:
    for i, c in enumerate(cat.controls):
        where = f"controls[{i}]"
        yield from _sources(where, c.sources, seen)
        if c.layers is None:
            if {d.side for d in c.duties} != {Side.PROVIDER, Side.CUSTOMER}:
                yield f"{where}.duties: an organizational control needs a provider and a customer duty"
            continue
        if c.duties:
            yield f"{where}.duties: only an organizational control (no layers) has duties"
        if not c.layers:
            yield f"{where}.layers: must name at least one layer, or be null"
        yield from (
            f"{where}.layers: unknown layer {layer!r}" for layer in c.layers if layer not in layer_ids
        )


def _service_problems(cat: "Catalog", layer_ids: list[str], seen: dict[int, list[str]]) -> Iterator[str]:
    parties = {p.id: p for p in cat.parties}
    categories = {g.id: g for g in cat.categories}
    controls = {c.id: c for c in cat.controls}
    aliases: dict[str, str] = {}
    for i, s in enumerate(cat.services):
        where = f"services[{i}]"
        yield from _sources(where, s.sources, seen)
        category = categories.get(s.category)
        if category is None:
            yield f"{where}.category: unknown category {s.category!r}"
        elif category.provider not in (None, s.provider):
            yield f"{where}.category: {s.category!r} is {category.provider!r}'s model, not {s.provider!r}'s"
        if s.provider not in parties:
            yield f"{where}.provider: unknown party {s.provider!r}"
        yield from _parts(f"{where}.layers", s.layers, layer_ids, parties)
        yield from _performers(f"{where}.layers", s.layers)
        yield from _rows(f"{where}.controls", s.controls, controls, parties)
        yield from _availability(where, s, cat)
        for key in (s.id, s.name, *s.aliases):
            owner = aliases.setdefault(key.casefold(), s.id)
            if owner != s.id:
                yield f"{where}.aliases: {key!r} already names service {owner!r}"
        yield from _ids(f"{where}.options", [o.id for o in s.options])
        for j, o in enumerate(s.options):
            at = f"{where}.options[{j}]"
            yield from _sources(at, o.sources, seen)
            yield from _ids(f"{at}.values", [v.id for v in o.values])
            if o.value(o.default) is None:
                yield f"{at}.default: {o.default!r} is not one of its values"
            yield from _option_evidence(at, o)
            for k, v in enumerate(o.values):
                yield from _parts(f"{at}.values[{k}].layers", v.layers, layer_ids, parties)
                yield from _performers(f"{at}.values[{k}].layers", v.layers)
                yield from _rows(f"{at}.values[{k}].controls", v.controls, controls, parties)


def _context_problems(cat: "Catalog", layer_ids: list[str], seen: dict[int, list[str]]) -> Iterator[str]:
    parties = {p.id: p for p in cat.parties}
    party_ids = set(parties)
    controls = {c.id: c for c in cat.controls}
    for i, p in enumerate(cat.partitions):
        where = f"partitions[{i}]"
        yield from _sources(where, p.sources, seen)
        yield from _provider(where, p.provider, parties)
        operators = [(f"{where}.operator", p.operator)]
        operators += [(f"{where}.regions[{j}].operator", r.operator) for j, r in enumerate(p.regions)]
        for at, operator in operators:
            if operator is not None and operator not in party_ids:
                yield f"{at}: unknown party {operator!r}"
        if p.operator is None and any(r.operator is None for r in p.regions):
            yield f"{where}.operator: regions without an operator need one here"
    for i, d in enumerate(cat.deployments):
        yield from _sources(f"deployments[{i}]", d.sources, seen)
        yield from _provider(f"deployments[{i}]", d.provider, parties)
        yield from _parts(f"deployments[{i}].layers", d.layers, layer_ids, parties)
        yield from _performers(f"deployments[{i}].layers", d.layers)
        yield from _rows(f"deployments[{i}].controls", d.controls, controls, parties)


def _rows(
    where: str,
    rows: Sequence[ControlRow],
    controls: dict[str, Control],
    parties: "dict[str, Party] | None" = None,
) -> Iterator[str]:
    for row in rows:
        control = controls.get(row.control)
        at = f"{where}.{_escaped(row.control)}"
        if control is None:
            yield f"{at}: unknown control {row.control!r}"
        elif control.layers is None:
            yield f"{at}: organizational control takes no control row"
        else:
            yield from _parts(at, row.parts, control.layers, parties)


def override_problems(cat: "Catalog", overrides: Sequence[Override], parties: Iterable[Party]) -> list[str]:
    """Every problem of a set of overrides: unknown names, and conflicts between them."""
    problems: list[str] = []
    known = {p.id: p for p in parties}
    targets = {layer.id for layer in cat.layers} | {c.id for c in cat.controls}
    services = {s.id for s in cat.services}
    claims: dict[tuple[str, str, Side], tuple[int, frozenset[str]]] = {}
    for i, o in enumerate(overrides):
        where = f"overrides[{i}]"
        if o.service != "*" and o.service not in services:
            problems.append(f"{where}.service: unknown service {o.service!r}")
        if o.target not in targets:
            problems.append(f"{where}.target: unknown layer or control {o.target!r}")
        if not o.parties:
            problems.append(f"{where}.parties: must name at least one party")
        for j, party in enumerate(o.parties):
            if party not in known:
                problems.append(f"{where}.parties[{j}]: unknown party {party!r}")
        by_side: dict[Side, set[str]] = {}
        for party in o.parties:
            if party in known:
                by_side.setdefault(known[party].side, set()).add(party)
        for side, names in sorted(by_side.items(), key=lambda item: item[0].value):
            key = (o.service, o.target, side)
            claim = claims.setdefault(key, (i, frozenset(names)))
            if claim[1] != frozenset(names):
                problems.append(
                    f"{where}: conflicts with overrides[{claim[0]}] over the {side.value} side "
                    f"of {o.target!r} for {o.service!r}"
                )
    return problems
