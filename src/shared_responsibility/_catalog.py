"""The catalog: the whole dataset, immutable, with its lookups."""

import re
import threading
import types
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._model import (
    Category,
    Context,
    Control,
    Deployment,
    Equivalence,
    Layer,
    Override,
    Partition,
    Party,
    Service,
    _Record,
)
from .errors import (
    CatalogError,
    InvalidDateError,
    UnknownControlError,
    UnknownLayerError,
    UnknownPartyError,
    UnknownServiceError,
    _short,
)

if TYPE_CHECKING:
    import datetime

    from ._limits import Limits

__all__ = ["FORMAT", "TRUSTED", "Catalog"]

FORMAT = 1
"""The data format version that this code reads and writes."""

_T = TypeVar("_T")

TRUSTED = threading.local()
"""``TRUSTED.on`` is true in the thread that builds the packaged dataset, while it does: the test
suite runs its whole-catalog checks (through `load_catalog`); skipping them at run time saves a
fifth of the load."""


def suggest(name: str, candidates: Iterable[str], n: int = 3) -> tuple[str, ...]:
    """The nearest valid names (those about as near as the nearest), best first, ties by name;
    at least one where there are any.
    """
    import difflib  # only a wrong name needs it

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(name[:100].casefold())  # a name longer than any real one is not worth comparing whole
    scored = []
    for candidate in sorted(set(candidates)):
        matcher.set_seq1(candidate.casefold())
        scored.append((-matcher.ratio(), candidate))
    scored.sort()
    if not scored:
        return ()
    floor = max(0.6, -scored[0][0] - 0.1)
    close = [c for score, c in scored[:n] if -score >= floor]
    return tuple(close or [scored[0][1]])


_FAMILIES = {
    "aws": ("aws", "amazon", "arn:aws"),
    "microsoft": ("azure", "microsoft", "entra"),
    "google": ("google", "gcp", "gke", "bigquery"),
}
"""Words in a name that point at a provider's family of services (by the provider's party id)."""
_FAMILY_NAMES = {"aws": "AWS", "microsoft": "Microsoft Azure", "google": "Google Cloud"}

_DECORATION = r"\.amazonaws\.com(?:\.cn)?|\.amazon\.com"
_WORD = r"[a-z0-9]+"  # patterns, compiled (and cached by re) on the first wrong name
_NOISE = frozenset(
    {
        "aws",
        "amazon",
        "service",
        "services",
        "the",
        "for",
        "and",
        "of",
        "cloud",
        "microsoft",
        "azure",
        "google",
    }
)


def provider_named(name: str) -> str | None:
    """The provider's party id that a name people use means (``"azure"``: ``microsoft``,
    ``"gcp"`` or ``"google-cloud"``: ``google``), by the words of `_FAMILIES`; None otherwise.
    """
    words = set(re.findall(_WORD, name.casefold()))
    found = [pid for pid, family in _FAMILIES.items() if words & {pid, *family}]
    return found[0] if len(found) == 1 else None


def provider_names() -> tuple[str, ...]:
    """Every name `provider_named` reads, for suggestions."""
    return tuple(sorted({w for pid, family in _FAMILIES.items() for w in (pid, *family) if ":" not in w}))


def _index(items: Sequence[_T], keys: Callable[[_T], Iterable[str]]) -> types.MappingProxyType[str, _T]:
    """Look-up by every key of every item, case-insensitive; the first item to claim a key keeps it."""
    return types.MappingProxyType({_folded(key): item for item in reversed(items) for key in keys(item)})


def _folded(key: str) -> str:
    """The key casefolded, the same string object where folding changes nothing (most keys)."""
    folded = key.casefold()
    return key if folded == key else folded


def _service_keys(s: Service) -> tuple[str, ...]:
    return (s.id, s.name, *s.aliases)


def _id(item: Any) -> tuple[str]:
    return (item.id,)


def _overrides(items: Iterable[Override]) -> tuple[Override, ...]:
    return tuple(sorted(set(items), key=lambda o: (o.service, o.target, o.parties, o.reason)))


def _dated(category: Category, date: str) -> Category:
    """The category as it stood on ``date``: the first version still in force then."""
    revision = next((r for r in category.history if date < r.until), None)
    if revision is None:
        return category
    changed = {row.control: row for row in revision.controls}
    rows = tuple(changed.pop(row.control, row) for row in category.controls) + tuple(changed.values())
    return attrs.evolve(category, layers=revision.layers, controls=rows)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Catalog(_Record):
    """The whole dataset: parties, layers (bottom to top), controls, categories, contexts,
    services and the organization's overrides. Build one with `load_catalog` or
    `default_catalog`; it validates itself and never changes.
    """

    version: str
    parties: tuple[Party, ...]
    layers: tuple[Layer, ...]
    controls: tuple[Control, ...]
    categories: tuple[Category, ...]
    partitions: tuple[Partition, ...]
    deployments: tuple[Deployment, ...]
    services: tuple[Service, ...]
    overrides: tuple[Override, ...] = attrs.field(default=(), converter=_overrides)
    renamed: tuple[tuple[str, str], ...] = ()
    equivalents: tuple[Equivalence, ...] = ()
    date: str = ""
    """The date the categories are taken as of (`as_of`); empty for the latest models."""

    # Indices, built once; not part of equality.
    _ids: Mapping[str, Service] = attrs.field(init=False, eq=False, repr=False)
    _services: Mapping[str, Service] | None = attrs.field(init=False, eq=False, repr=False)
    _controls: Mapping[str, Control] = attrs.field(init=False, eq=False, repr=False)
    _references: Mapping[str, tuple[Control, ...]] = attrs.field(init=False, eq=False, repr=False)
    _layers: Mapping[str, Layer] = attrs.field(init=False, eq=False, repr=False)
    _parties: Mapping[str, Party] = attrs.field(init=False, eq=False, repr=False)
    # Memoized answers: resolve's tables (context -> service -> control -> Resolution, keyed
    # by the names as asked) and the resolver's plans and splits.
    _tables: dict[Any, dict[str, dict[str, Any]]] = attrs.field(init=False, eq=False, repr=False)
    _memo: dict[Any, Any] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if not getattr(TRUSTED, "on", False):
            from ._validate import catalog_problems  # not needed for the packaged data

            problems = catalog_problems(self)
            if problems:
                raise CatalogError(problems)
        references: dict[str, list[Control]] = {}
        for control in self.controls:
            for ref in control.references:
                references.setdefault(ref.casefold(), []).append(control)
        init = object.__setattr__
        init(self, "_ids", _index(self.services, _id))
        init(self, "_services", None)  # every name and alias: indexed on the first look-up by one
        init(self, "_controls", _index(self.controls, _id))
        init(self, "_references", types.MappingProxyType({k: tuple(v) for k, v in references.items()}))
        init(self, "_layers", _index(self.layers, _id))
        init(self, "_parties", _index(self.parties, _id))
        init(self, "_tables", {})
        init(self, "_memo", {})

    def __repr__(self) -> str:
        counts = f"{len(self.services)} services, {len(self.controls)} controls"
        dated = f" as of {self.date}" if self.date else ""
        return f"<Catalog {self.version!r}{dated}: {counts}, {len(self.overrides)} overrides>"

    # -- services ---------------------------------------------------------------------------
    def get_service(self, name: str) -> Service | None:
        """The service with this id, alias or name (case-insensitive), or None. A resource
        type that no service lists falls back to its namespace (``AWS::EC2::``).
        """
        key = name.casefold()
        found = self._ids.get(key)
        if found is not None:
            return found
        index = self._services
        if index is None:  # built once, on the first look-up by a name or an alias
            index = _index(self.services, _service_keys)
            object.__setattr__(self, "_services", index)
        found = index.get(key)
        if found is None and "::" in key:
            found = index.get(key[: key.rindex("::") + 2])
        return found

    def service(self, name: str) -> Service:
        """The service with this id, alias or name; `UnknownServiceError` if there is none."""
        found = self.get_service(name)
        if found is None:
            new = dict(self.renamed).get(name.casefold())
            if new:
                raise UnknownServiceError(name, (new,), f"service {name!r} was renamed")
            raise UnknownServiceError(name, *self._near_services(name))
        return found

    def _near_services(self, name: str) -> tuple[tuple[str, ...], str]:
        """Suggestions for an unknown service name (and a message head where the name points at
        a provider the catalog has no services of): services of the provider family the name
        points at (``AWS …``, ``….amazonaws.com``), those sharing a word with it first, then
        the nearest by spelling.
        """
        key = name[:100].casefold()
        family = next((p for p, words in _FAMILIES.items() if any(w in key for w in words)), None)
        pool = [s for s in self.services if family is None or s.provider == family]
        if not pool:
            whose = f"{_FAMILY_NAMES[family]} " if family else ""
            return (), f"unknown service {_short(name)!r}: this catalog has no {whose}services"
        return self._near_in(key, pool), ""

    def _near_in(self, key: str, pool: list[Service]) -> tuple[str, ...]:
        words = set(re.findall(_WORD, re.sub(_DECORATION, " ", key))) - _NOISE
        shared = [
            (len(words & {w for k in _service_keys(s) for w in re.findall(_WORD, k.casefold())}), s.id)
            for s in pool
        ]
        best = max((n for n, _ in shared), default=0)
        if best:  # those sharing the most words with the name, in catalog order
            return tuple(sid for n, sid in shared if n == best)[:3]
        return suggest(" ".join(sorted(words)) or key, [k for s in pool for k in (s.id, s.name)])

    def search(self, text: str) -> tuple[Service, ...]:
        """Services whose id, name or an alias matches the text, best match first."""
        import difflib  # imported here: most programs never search

        needle = text.casefold().strip()
        if not needle:
            return ()
        ranked: list[tuple[float, str, Service]] = []
        for s in self.services:
            keys = [k.casefold() for k in _service_keys(s)]
            if needle in keys:
                score = 0.0
            elif any(k.startswith(needle) for k in keys):
                score = 1.0
            elif any(needle in k for k in keys):
                score = 2.0
            else:
                ratio = max(difflib.SequenceMatcher(None, needle, k).ratio() for k in keys)
                if ratio < 0.6:
                    continue
                score = 3.0 - ratio
            ranked.append((score, s.id, s))
        return tuple(s for _, _, s in sorted(ranked, key=lambda r: (r[0], r[1])))

    def equivalents_of(self, service: str) -> tuple[Service, ...]:
        """The services of other providers that do the same job as this one (`equivalents`),
        in catalog order; empty where the dataset pairs it with none.
        """
        found = self.service(service)
        paired = {s for e in self.equivalents if found.id in e.services for s in e.services}
        return tuple(s for s in self.services if s.id in paired and s.provider != found.provider)

    def offered(self, service: str, context: "Context | None" = None) -> bool:
        """Whether a service is offered where a context places it (partition, region,
        deployment); resolving it where it is not raises `UnavailableError`.
        """
        from ._resolver import offered

        return offered(self, service, context)

    # -- controls ---------------------------------------------------------------------------
    def get_control(self, name: str) -> Control | None:
        """The control with this id or unique framework reference, or None."""
        found = self._controls.get(name.casefold())
        if found is None:
            mapped = self._references.get(name.casefold(), ())
            found = mapped[0] if len(mapped) == 1 else None
        return found

    def control(self, name: str) -> Control:
        """The control with this id or framework reference (``NIST-800-53:SI-2``); an error if
        there is none, or if the reference maps to several controls.
        """
        found = self.get_control(name)
        if found is not None:
            return found
        mapped = self._references.get(name.casefold(), ())
        if mapped:
            ids = tuple(c.id for c in mapped)
            raise UnknownControlError(name, ids, f"{name!r} maps to several controls (see controls_for())")
        valid = [c.id for c in self.controls] + [r for c in self.controls for r in c.references]
        raise UnknownControlError(name, suggest(name, valid))

    def controls_for(self, reference: str) -> tuple[Control, ...]:
        """Every control mapped to a framework reference (``ISO-27001:A.8.8``), in catalog order."""
        return self._references.get(reference.casefold(), ())

    # -- layers and parties -----------------------------------------------------------------
    def get_layer(self, name: str) -> Layer | None:
        """The layer with this id, or None."""
        return self._layers.get(name.casefold())

    def layer(self, name: str) -> Layer:
        """The layer with this id; `UnknownLayerError` if there is none."""
        found = self.get_layer(name)
        if found is None:
            raise UnknownLayerError(name, suggest(name, [layer.id for layer in self.layers]))
        return found

    def get_party(self, name: str) -> Party | None:
        """The party with this id, or None."""
        return self._parties.get(name.casefold())

    def party(self, name: str) -> Party:
        """The party with this id; an `UnknownNameError` if there is none."""
        found = self.get_party(name)
        if found is None:
            raise UnknownPartyError(name, suggest(name, [p.id for p in self.parties]))
        return found

    # -- derived catalogs and data ----------------------------------------------------------
    def with_overrides(
        self, overrides: Iterable[Override], parties: Iterable[Party] = (), limits: "Limits | None" = None
    ) -> "Catalog":
        """A new catalog with the organization's overrides (and the parties they bring in)
        added; this catalog is unchanged. Raises `CatalogError` listing every problem.
        ``limits`` (`Limits()` for None) bounds how many.
        """
        from ._limits import chosen

        limits = chosen(limits)
        new = tuple(overrides)
        added = tuple(parties)
        if len(new) + len(added) > limits.max_entries:
            count = len(new) + len(added)
            raise CatalogError(
                [f"overrides: {count} entries, over the limit of {limits.max_entries} (Limits.max_entries)"]
            )
        known = {p.id for p in self.parties}
        problems = [
            f"parties[{i}]: party {p.id!r} already exists"
            for i, p in enumerate(added)
            if p.id in known and self._parties[p.id] != p
        ]
        merged = self.parties + tuple(p for p in added if p.id not in known)
        from ._validate import override_problems

        problems += override_problems(self, new, merged)
        if problems:
            raise CatalogError(problems)
        return attrs.evolve(self, parties=merged, overrides=self.overrides + new)

    def as_of(self, date: "str | datetime.date") -> "Catalog":
        """A copy of this catalog with every category as its provider published it on ``date``
        (``"2025-06-01"`` or a `datetime.date`): where a provider changed its model, the earlier
        version answers. Raises `InvalidDateError` for anything but an ISO date.
        """
        import datetime  # 3 ms: only when a date is asked for

        changes = sorted({r.until for c in self.categories for r in c.history})
        if isinstance(date, datetime.date):
            date = date.isoformat()[:10]
        try:
            datetime.date.fromisoformat(date)
        except (TypeError, ValueError):
            raise InvalidDateError(str(date), changes) from None
        if len(date) != 10:
            raise InvalidDateError(date, changes)
        return attrs.evolve(self, categories=tuple(_dated(c, date) for c in self.categories), date=date)

    def to_dict(self) -> dict[str, Any]:
        """Plain, JSON-ready data that `load_catalog` reads back to an equal catalog."""
        from ._convert import unstructure

        return unstructure(self)
