"""Building the packaged catalog from its rules without cattrs: the fast path.

The packaged dataset is checked through the validating converter and the whole-catalog checks
in the test suite (`tests/test_packaged_data.py` asserts that both paths give equal catalogs);
at run time it only needs building, and importing cattrs alone would cost more than the whole
load. The rules are the dataset without its notes and sources (`_pack`): a record that had any
holds a ``"prose"`` index, and its prose fields wait in the store until read. Equal parts are
built once and shared.
"""

import functools
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from ._catalog import TRUSTED, Catalog
from ._model import (
    Availability,
    Category,
    Control,
    ControlRow,
    Deployment,
    Equivalence,
    Evidence,
    FrozenMap,
    Later,
    Layer,
    Option,
    OptionValue,
    Override,
    Part,
    Partition,
    Party,
    Pending,
    Region,
    Revision,
    Role,
    Service,
    Side,
    defer_prose,
)
from ._prose import Prose

__all__ = ["build"]

_T = TypeVar("_T")
_R = TypeVar("_R")
_SIDES = {s.value: s for s in Side}
_ROLES = {r.value: r for r in Role}
_Raw = Mapping[str, Any]


class _Builder:
    """Builds model objects from trusted plain data, sharing equal values."""

    def __init__(self, prose: Prose, lines: Sequence[bytes]) -> None:
        self._prose = prose
        self._lines = lines
        self._parts: dict[tuple[str | None, str, str, str], Part] = {}
        self._availabilities: dict[tuple[str, ...], Availability] = {}

    def record(self, made: _R, raw: _Raw) -> _R:
        """The record, its prose deferred if the data holds an index into the prose store."""
        index = raw.get("prose")
        if index is not None:
            defer_prose(made, Pending(self._prose, index))
        return made

    def part(self, layer: str | None, side: str, duty: str | _Raw) -> Part:
        """A part from a text, or from ``{"text": ..., "role": ...}``."""
        text, role = (
            (duty, "performs") if isinstance(duty, str) else (duty["text"], duty.get("role", "performs"))
        )
        key = (layer, side, text, role)
        found = self._parts.get(key)
        if found is None:
            side, _, party = side.partition(":")
            found = self._parts[key] = Part(
                layer=None if layer is None else sys.intern(layer),
                side=_SIDES[side],
                text=text,
                role=_ROLES[role],
                party=party or None,
            )
        return found

    def parts(self, raw: _Raw) -> tuple[Part, ...]:
        return tuple(
            [self.part(layer, side, duty) for layer, duties in raw.items() for side, duty in duties.items()]
        )

    def rows(self, raw: _Raw) -> tuple[ControlRow, ...]:
        return tuple(
            self.record(ControlRow(control=control, parts=self.parts(row["layers"])), row)
            for control, row in raw.items()
        )

    def option(self, raw: _Raw) -> Option:
        values = tuple(
            self.record(
                OptionValue(
                    id=v["id"],
                    name=v["name"],
                    layers=self.parts(v.get("layers", {})),
                    controls=self.rows(v.get("controls", {})),
                    availability=self._availability(v.get("availability")),
                ),
                v,
            )
            for v in raw["values"]
        )
        return self.record(
            Option(
                id=raw["id"],
                name=raw["name"],
                default=raw["default"],
                values=values,
                sources=(),
                evidence=tuple(_evidence(e) for e in raw.get("evidence", ())),
            ),
            raw,
        )

    def service(self, raw: _Raw) -> Service:
        rules = _ServiceRules(self, self._line(raw.get("rules")))
        made = self.record(
            Service(
                id=sys.intern(raw["id"]),
                name=raw["name"],
                provider=sys.intern(raw["provider"]),
                category=sys.intern(raw["category"]),
                # parsed and built when the service is first resolved (`Later`): most never are
                layers=_later(rules.get, "layers"),
                controls=_later(rules.get, "controls"),
                options=_later(rules.get, "options"),
                availability=self._availability(raw.get("availability")),
            ),
            raw,
        )
        aliases = self._line(raw.get("aliases"))
        if aliases:  # parsed when the service is first looked up by a name that is not its id
            object.__setattr__(made, "aliases", _later(_aliases, aliases))
        return made

    def _line(self, number: int | None) -> bytes | None:
        """The line of the packed rules that a service's record names by number (`_pack.lines`)."""
        return None if number is None else self._lines[number - 1]

    def _availability(self, raw: _Raw | None) -> Availability | None:
        """Availability, built once for each distinct value: most services share a few."""
        if raw is None:
            return None
        key = (*raw["partitions"], "", *raw["deployments"], "", *raw.get("regions_without", ()))
        found = self._availabilities.get(key)
        if found is None:
            found = self._availabilities[key] = _availability(raw)
        return found

    def options(self, raw: list[_Raw]) -> tuple[Option, ...]:
        return tuple(self.option(o) for o in raw)

    def control(self, raw: _Raw) -> Control:
        layers = raw["layers"]
        duties = raw.get("duties") or {}
        return self.record(
            Control(
                id=sys.intern(raw["id"]),
                title=raw["title"],
                layers=None if layers is None else tuple(sys.intern(layer) for layer in layers),
                duties=tuple(self.part(None, side, duty) for side, duty in duties.items()),
                references=raw.get("references", ()),
                reference_titles=FrozenMap(raw.get("reference_titles", {})),
            ),
            raw,
        )

    def category(self, raw: _Raw) -> Category:
        return self.record(
            Category(
                id=raw["id"],
                name=raw["name"],
                layers=self.parts(raw["layers"]),
                controls=self.rows(raw.get("controls", {})),
                description=raw.get("description", ""),
                provider=raw.get("provider"),
                history=tuple(self.revision(r) for r in raw.get("history", ())),
            ),
            raw,
        )

    def revision(self, raw: _Raw) -> Revision:
        return self.record(
            Revision(
                until=raw["until"],
                layers=self.parts(raw["layers"]),
                controls=self.rows(raw.get("controls", {})),
            ),
            raw,
        )

    def equivalence(self, raw: _Raw) -> Equivalence:
        return self.record(
            Equivalence(id=raw["id"], name=raw["name"], services=raw["services"], basis=raw["basis"]), raw
        )

    def partition(self, raw: _Raw) -> Partition:
        return self.record(
            Partition(
                id=raw["id"],
                name=raw["name"],
                operator=raw.get("operator"),
                regions=tuple(Region(**r) for r in raw.get("regions", ())),
                provider=raw.get("provider"),
                summary=raw.get("summary", ""),
            ),
            raw,
        )

    def deployment(self, raw: _Raw) -> Deployment:
        return self.record(
            Deployment(
                id=raw["id"],
                name=raw["name"],
                layers=self.parts(raw.get("layers", {})),
                controls=self.rows(raw.get("controls", {})),
                provider=raw.get("provider"),
                summary=raw.get("summary", ""),
            ),
            raw,
        )


def _later(make: Callable[[Any], _T], raw: Any) -> _T:
    """What ``make(raw)`` builds, when first read."""
    return Later(functools.partial(make, raw))  # type: ignore[return-value]


class _ServiceRules:
    """One service's packed rules (a JSON text), parsed and built once, on first use."""

    __slots__ = ("builder", "built", "text")

    def __init__(self, builder: _Builder, text: bytes | None) -> None:
        self.builder = builder
        self.text = text
        self.built: dict[str, Any] | None = None

    def get(self, name: str) -> Any:
        if self.built is None:
            raw = json.loads(self.text) if self.text else {}
            b = self.builder
            self.built = {
                "layers": b.parts(raw.get("layers", {})),
                "controls": b.rows(raw.get("controls", {})),
                "options": b.options(raw.get("options", ())),
            }
            self.text = None
        return self.built[name]


def _aliases(text: bytes) -> tuple[str, ...]:
    return tuple(json.loads(text))


def _evidence(raw: _Raw) -> Evidence:
    return Evidence(
        formats=raw["formats"],
        types=raw["types"],
        path=raw.get("path", ""),
        values=FrozenMap(raw.get("values", {})),
        match=raw.get("match", "exact"),
        otherwise=raw.get("otherwise", ""),
        when=FrozenMap(raw.get("when", {})),
        value=raw.get("value", ""),
    )


def _availability(raw: _Raw) -> Availability:
    return Availability(
        partitions=raw["partitions"],
        deployments=raw["deployments"],
        regions_without=raw.get("regions_without", ()),
    )


def _each(items: list[_Raw], make: Callable[[_Raw], _T]) -> tuple[_T, ...]:
    return tuple(make(item) for item in items)


def build(rules: _Raw, prose: Prose, lines: Sequence[bytes]) -> Catalog:
    """The catalog that the packaged rules (`_pack`: the catalog's record and the lines that its
    services name) and their prose store describe.
    """
    b = _Builder(prose, lines)
    token = TRUSTED.set(True)
    try:
        return _catalog(rules, b)
    finally:
        TRUSTED.reset(token)


def _catalog(raw: _Raw, b: _Builder) -> Catalog:
    return Catalog(
        version=raw["version"],
        parties=tuple(Party(id=p["id"], name=p["name"], side=Side(p["side"])) for p in raw["parties"]),
        layers=tuple(Layer(**layer) for layer in raw["layers"]),
        controls=_each(raw["controls"], b.control),
        categories=_each(raw["categories"], b.category),
        partitions=_each(raw["partitions"], b.partition),
        deployments=_each(raw["deployments"], b.deployment),
        services=_each(raw["services"], b.service),
        overrides=tuple(Override(**o) for o in raw.get("overrides", ())),
        renamed=tuple(sorted(raw.get("renamed", {}).items())),
        equivalents=_each(raw.get("equivalents", []), b.equivalence),
    )
