"""The serialization boundary: plain JSON data <-> the domain, through one private converter.

Validation happens in the structure hooks, so that every problem keeps its location
(``services[3].layers.guest-os: unknown side 'aws2'``); cattrs collects them all, and
`structure` raises them together as one `CatalogError`.
"""

from collections.abc import Callable, Mapping
from typing import Any

import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._catalog import FORMAT, Catalog
from ._model import (
    Availability,
    Category,
    Control,
    ControlRow,
    Deployment,
    Equivalence,
    Evidence,
    FrozenMap,
    Option,
    OptionValue,
    Part,
    Partition,
    Region,
    Revision,
    Role,
    Service,
    Side,
    Source,
)
from .errors import CatalogError, _escaped

__all__ = ["structure", "unstructure"]

_SIDES = {s.value: s for s in Side}
_ROLES = {r.value: r for r in Role}
_MARK = "\x00"


class _DataError(ValueError):
    """A problem found by a hook, with the part of the path below the hooked field."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        self.problems = problems
        super().__init__(problems)


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _DataError([("", f"must be an object ({what}), got {type(value).__name__}")])
    return value


def _titles(value: Any, _: type) -> FrozenMap:
    """``{name: text}`` -> a read-only map of strings (framework references to their titles)."""
    titles = _mapping(value, "name -> text")
    problems = []
    for name, text in titles.items():
        if not isinstance(name, str):
            problems.append((str(name), f"name must be a string, got {type(name).__name__}"))
        elif not isinstance(text, str):
            problems.append((name, f"must be a string, got {type(text).__name__}"))
    if problems:
        raise _DataError(problems)
    return FrozenMap(titles)


def _side_texts(value: Any, layer: str | None, prefix: str, problems: list[tuple[str, str]]) -> list[Part]:
    parts: list[Part] = []
    if not isinstance(value, Mapping) or not value:
        problems.append((prefix, "must be an object mapping 'provider' and/or 'customer' to a duty text"))
        return parts
    for key, duty in value.items():
        at = f"{prefix}.{key}" if prefix else str(key)
        side, _, party = str(key).partition(":")
        if side not in _SIDES or (":" in str(key) and not party):
            problems.append((at, f"unknown side {key!r}; use 'provider' or 'customer'"))
            continue
        text, role = _duty(duty, at, problems)
        if text is not None:
            parts.append(Part(layer=layer, side=_SIDES[side], text=text, role=role, party=party or None))
    return parts


def _duty(value: Any, at: str, problems: list[tuple[str, str]]) -> tuple[str | None, Role]:
    """A duty text, or ``{"text": ..., "role": "performs" | "enables"}``."""
    if isinstance(value, str):
        return value, Role.PERFORMS
    if not isinstance(value, Mapping) or set(value) - {"text", "role"} or "text" not in value:
        kind = type(value).__name__
        problems.append((at, f"duty must be text or {{text, role}}, got {kind}"))
        return None, Role.PERFORMS
    text, role = value["text"], value.get("role", Role.PERFORMS.value)
    if not isinstance(text, str):
        problems.append((f"{at}.text", f"duty text must be a string, got {type(text).__name__}"))
        return None, Role.PERFORMS
    if role not in _ROLES:
        problems.append((f"{at}.role", f"unknown role {role!r}; use 'performs' or 'enables'"))
        return None, Role.PERFORMS
    return text, _ROLES[role]


def _unduty(p: Part) -> str | dict[str, str]:
    return p.text if p.role is Role.PERFORMS else {"text": p.text, "role": p.role.value}


def _parts(value: Any, _: type) -> tuple[Part, ...]:
    """``{layer: {side: text}}`` -> parts."""
    problems: list[tuple[str, str]] = []
    parts = []
    for layer, texts in _mapping(value, "layer -> {side: text}").items():
        parts += _side_texts(texts, layer, str(layer), problems)
    if problems:
        raise _DataError(problems)
    return tuple(parts)


def _duties(value: Any, _: type) -> tuple[Part, ...]:
    """``{side: text}`` -> parts with no layer (an organizational control's duties)."""
    problems: list[tuple[str, str]] = []
    parts = _side_texts(_mapping(value, "side -> text"), None, "", problems) if value else []
    if problems:
        raise _DataError(problems)
    return tuple(parts)


def _rows(value: Any, _: type) -> tuple[ControlRow, ...]:
    """``{control: {"layers": {...}, "note": "..."}}`` -> control rows."""
    problems: list[tuple[str, str]] = []
    rows = []
    for control, row in _mapping(value, "control -> row").items():
        if not isinstance(row, Mapping) or set(row) - {"layers", "note"} or "layers" not in row:
            problems.append((str(control), "must be an object with 'layers' and an optional 'note'"))
            continue
        try:
            parts = _parts(row["layers"], tuple)
        except _DataError as e:
            problems += [(f"{control}.layers.{p}" if p else f"{control}.layers", m) for p, m in e.problems]
            continue
        note = row.get("note", "")
        if not isinstance(note, str):
            problems.append((f"{control}.note", "must be a string"))
            continue
        rows.append(ControlRow(control=str(control), parts=parts, note=note))
    if problems:
        raise _DataError(problems)
    return tuple(rows)


def _pairs(value: Any, _: type) -> tuple[tuple[str, str], ...]:
    """``{old id: new id}`` -> sorted pairs (the table of renamed ids)."""
    return tuple(sorted(_mapping(value, "old id -> new id").items()))


def _unparts(parts: tuple[Part, ...]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for p in parts:
        key = p.side.value if p.party is None else f"{p.side.value}:{p.party}"
        out.setdefault(p.layer or "", {})[key] = _unduty(p)
    return out


def _unrows(rows: tuple[ControlRow, ...]) -> dict[str, dict[str, Any]]:
    return {r.control: {"layers": _unparts(r.parts), **({"note": r.note} if r.note else {})} for r in rows}


def _is(wanted: Any) -> Callable[[Any], bool]:
    return lambda type_: bool(type_ == wanted)


def _make() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)

    def _str(value: Any, _: type) -> str:
        if not isinstance(value, str):
            raise _DataError([("", f"must be a string, got {type(value).__name__}")])
        return value

    conv.register_structure_hook(str, _str)
    for type_, hook, unhook in (
        (tuple[Part, ...], _parts, _unparts),
        (tuple[ControlRow, ...], _rows, _unrows),
        (tuple[tuple[str, str], ...], _pairs, dict),
    ):
        conv.register_structure_hook_func(_is(type_), hook)
        conv.register_unstructure_hook_func(_is(type_), unhook)
    conv.register_structure_hook(FrozenMap, _titles)
    conv.register_unstructure_hook(FrozenMap, dict)
    conv.register_structure_hook(
        Control, make_dict_structure_fn(Control, conv, duties=override(struct_hook=_duties))
    )
    # A generated hook takes the hooks of its fields' types as they are when it is made: the
    # parts first, so that every level leaves its defaults out.
    for cls in (
        Source,
        Region,
        Availability,
        Evidence,
        OptionValue,
        Option,
        Revision,
        Category,
        Deployment,
        Equivalence,
        Partition,
        Service,
    ):
        conv.register_unstructure_hook(cls, make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True))
    conv.register_unstructure_hook(
        Control,
        make_dict_unstructure_fn(
            Control,
            conv,
            _cattrs_omit_if_default=True,
            duties=override(unstruct_hook=lambda parts: {p.side.value: _unduty(p) for p in parts}),
        ),
    )
    return conv


_converter = _make()


def _format(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, _DataError):
        # a key may hold the mark itself: escape it, so that the pairs split back apart
        return _MARK.join(f"{_escaped(path)}{_MARK}{_escaped(message)}" for path, message in exc.problems)
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown field(s) {', '.join(map(repr, sorted(exc.extra_fields)))}"
    if isinstance(exc, KeyError):
        return "required field missing"
    name = getattr(type_, "__name__", str(type_))
    if isinstance(exc, ValueError):
        return f"invalid value {exc}" if type_ is None else f"invalid value for {name}"
    return f"expected {name}, got a different type"


def _problems(exc: BaseException) -> list[str]:
    problems = []
    for line in cattrs.transform_error(exc, path="$", format_exception=_format):
        message, _, path = line.rpartition(" @ ")
        path = path.removeprefix("$").lstrip(".")
        if _MARK in message:
            bits = message.split(_MARK)
            for sub, text in zip(bits[::2], bits[1::2], strict=True):
                where = ".".join(x for x in (path, sub) if x)
                problems.append(f"{_escaped(where)}: {text}")
        else:
            problems.append(f"{_escaped(path) or '$'}: {message}")
    return problems


def structure(data: Any) -> Catalog:
    """Build a catalog from plain data, raising one `CatalogError` with every problem."""
    if not isinstance(data, Mapping):
        raise CatalogError([f"$: a catalog must be a JSON object, got {type(data).__name__}"])
    body = dict(data)
    fmt = body.pop("format", None)
    if fmt != FORMAT:
        raise CatalogError([f"format: this version reads format {FORMAT}, got {fmt!r}"])
    try:
        return _converter.structure(body, Catalog)
    except Exception as exc:  # cattrs gathers every field's error into one group
        raise _catalog_error(exc) from None


def _catalog_error(exc: BaseException) -> CatalogError:
    """The catalog's own error if its whole-catalog checks failed, else the field errors."""
    pending = [exc]
    while pending:
        current = pending.pop()
        if isinstance(current, CatalogError):
            return current
        if isinstance(current, BaseExceptionGroup):
            pending += current.exceptions
    return CatalogError(_problems(exc))


def unstructure(cat: Catalog) -> dict[str, Any]:
    """Plain, JSON-ready data for a catalog, format version first."""
    body: dict[str, Any] = _converter.unstructure(cat)
    return {"format": FORMAT, **body}
