"""Building the packaged catalog from its rules without cattrs: the fast path.

The packaged dataset is checked through the validating converter and the whole-catalog checks
in the test suite (`tests/test_packaged_data.py` asserts that both paths give equal catalogs);
at run time it only needs building, and importing cattrs alone would cost more than the whole
load. The rules are the dataset without its notes and sources (`_pack`): a record that had any
holds a ``"prose"`` index, and its prose fields wait in the store until read. A service is built
with its id alone, the rest of it waiting on its line until a field is read (`Packed`); the
rules of categories, deployments and partitions wait the same way. Equal parts are built once
and shared.
"""

import functools
import sys
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from . import _packed_json
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
    Packed,
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
_D = TypeVar("_D")
_SIDES = {s.value: s for s in Side}
_ROLES = {r.value: r for r in Role}
_Raw = Mapping[str, Any]


class _Builder:
    """Builds model objects from trusted plain data, sharing equal values."""

    def __init__(self, prose: Prose, packed: bytes, tail: int) -> None:
        self._prose = prose
        self._packed = packed
        self._tail = tail  # where the lines after the catalog's own start
        self._parts: dict[tuple[str | None, str, str, str], Part] = {}
        self._availabilities: dict[tuple[str, ...], Availability] = {}
        self._make_service = self._service_fields  # one bound method for every service's `Packed`

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

    def service(self, entry: list[Any]) -> Service:
        """A service from its entry ``[id, start]``: only its id is set now; every other field
        waits in the service's line (`_pack.lines`), parsed and built when one is first read.
        Most services of a catalog are never resolved, and their records are never built.
        """
        sid, start = entry
        made = object.__new__(Service)
        object.__setattr__(made, "id", sys.intern(sid))
        object.__setattr__(made, "_packed", Packed(self._make_service, start))
        return made

    def _service_fields(self, start: int) -> dict[str, Any]:
        raw = _packed_json.loads(self._line(start))  # type: ignore[arg-type]
        rules = self._rules(raw, self._service_rules)
        aliases = self._line(raw.get("aliases"))
        index = raw.get("prose")
        prose = () if index is None else Pending(self._prose, index)  # read when first needed
        return {
            "name": raw["name"],
            "provider": sys.intern(raw["provider"]),
            "category": sys.intern(raw["category"]),
            # parsed when the service is first looked up by a name that is not its id
            "aliases": Later(functools.partial(_aliases, aliases)) if aliases else (),
            # parsed and built when the service is first resolved
            "layers": rules,
            "controls": rules,
            "options": rules,
            "availability": self._availability(raw.get("availability")),
            "notes": prose,
            "sources": prose,
        }

    def _line(self, start: int | None) -> bytes | None:
        """The line of the packed rules that a record names by where it starts (`_pack.lines`)."""
        if start is None:
            return None
        start += self._tail
        return self._packed[start : self._packed.index(b"\n", start)]

    def _rules(self, raw: _Raw, make: Callable[[bytes | None], dict[str, Any]]) -> Packed:
        """A record's own rules (`_model.LATER`), parsed and built by ``make`` when first read."""
        return Packed(make, self._line(raw.get("rules")))

    def _service_rules(self, text: bytes | None) -> dict[str, Any]:
        raw = _parsed(text)
        return {
            "layers": self.parts(raw.get("layers", {})),
            "controls": self.rows(raw.get("controls", {})),
            "options": self.options(raw.get("options", ())),
        }

    def _category_rules(self, text: bytes | None) -> dict[str, Any]:
        raw = _parsed(text)
        return {
            "layers": self.parts(raw.get("layers", {})),
            "controls": self.rows(raw.get("controls", {})),
            "history": tuple(self.revision(r) for r in raw.get("history", ())),
        }

    def _deployment_rules(self, text: bytes | None) -> dict[str, Any]:
        raw = _parsed(text)
        return {"layers": self.parts(raw.get("layers", {})), "controls": self.rows(raw.get("controls", {}))}

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
        rules = self._rules(raw, self._category_rules)
        return self.record(
            Category(
                id=raw["id"],
                name=raw["name"],
                layers=rules,  # type: ignore[arg-type]
                controls=rules,  # type: ignore[arg-type]
                description=raw.get("description", ""),
                provider=raw.get("provider"),
                history=rules,  # type: ignore[arg-type]
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
                regions=self._rules(raw, _regions),  # type: ignore[arg-type]
                provider=raw.get("provider"),
                summary=raw.get("summary", ""),
            ),
            raw,
        )

    def deployment(self, raw: _Raw) -> Deployment:
        rules = self._rules(raw, self._deployment_rules)
        return self.record(
            Deployment(
                id=raw["id"],
                name=raw["name"],
                layers=rules,  # type: ignore[arg-type]
                controls=rules,  # type: ignore[arg-type]
                provider=raw.get("provider"),
                summary=raw.get("summary", ""),
            ),
            raw,
        )


def _parsed(text: bytes | None) -> Any:
    return _packed_json.loads(text) if text else {}


def _regions(text: bytes | None) -> dict[str, Any]:
    return {"regions": tuple(Region(**r) for r in _parsed(text).get("regions", ()))}


def _aliases(text: bytes) -> tuple[str, ...]:
    return tuple(_packed_json.loads(text))


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


def _each(items: list[_D], make: Callable[[_D], _T]) -> tuple[_T, ...]:
    return tuple(make(item) for item in items)


def build(packed: bytes, prose: Prose) -> Catalog:
    """The catalog that the packed rules (`_pack.lines`: the catalog's record, then the lines
    that its records name) and their prose store describe.
    """
    tail = packed.index(b"\n") + 1
    rules = _packed_json.loads(packed[:tail])
    b = _Builder(prose, packed, tail)
    TRUSTED.on = True
    try:
        return _catalog(rules, b)
    finally:
        TRUSTED.on = False


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
