"""The domain: immutable value objects that describe who holds which part of the stack.

Every class is frozen, slotted and keyword-only, and holds only immutable values, because the
default catalog is shared by every caller. No ``from __future__ import annotations`` here:
hypothesis and cattrs read these annotations at run time. The answers of split, shift, compare
and workload live in `_answers`, created on first use.
"""

import enum
import inspect
import operator
import threading
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar

import attrs

from .errors import _short

__all__ = [
    "Availability",
    "Category",
    "Context",
    "Control",
    "ControlRow",
    "Deployment",
    "Duty",
    "Equivalence",
    "Evidence",
    "FrozenMap",
    "Layer",
    "Matrix",
    "Option",
    "OptionValue",
    "Origin",
    "Override",
    "Ownership",
    "Part",
    "Partition",
    "Party",
    "Region",
    "Resolution",
    "Revision",
    "Role",
    "Rule",
    "Service",
    "Side",
    "Source",
]


def _strs(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(items)


def _counts(ownerships: Iterable["Ownership"]) -> str:
    found = [o.value for o in ownerships]
    return ", ".join(f"{found.count(o.value)} {o.value}" for o in Ownership if o.value in found)


class Side(enum.Enum):
    """Which side of the line a party stands on."""

    PROVIDER = "provider"
    CUSTOMER = "customer"


class Ownership(enum.Enum):
    """Who holds a layer or a control: the provider alone, both sides, or the customer alone."""

    PROVIDER = "provider"
    SHARED = "shared"
    CUSTOMER = "customer"

    @property
    def control_type(self) -> str:
        """AWS's name for the control type, seen from the customer: inherited, shared, customer-specific."""
        return _CONTROL_TYPES[self]

    @classmethod
    def of(cls, sides: Iterable[Side]) -> "Ownership":
        """The ownership that the sides holding a part imply."""
        present = frozenset(sides)
        if present == {Side.PROVIDER}:
            return cls.PROVIDER
        if present == {Side.CUSTOMER}:
            return cls.CUSTOMER
        if present == {Side.PROVIDER, Side.CUSTOMER}:
            return cls.SHARED
        raise ValueError("no side holds a part")


_CONTROL_TYPES = {
    Ownership.PROVIDER: "inherited",
    Ownership.SHARED: "shared",
    Ownership.CUSTOMER: "customer-specific",
}


class Role(enum.Enum):
    """What a duty does for the outcome. A party ``PERFORMS`` an activity that happens without
    the other side acting; it only ``ENABLES`` when it supplies a capability, tool or artifact
    that does nothing until the other side turns it on, configures it or applies it. Ownership
    follows the performing duties only.
    """

    PERFORMS = "performs"
    ENABLES = "enables"


class Origin(enum.Enum):
    """Where a rule in a resolution's trail comes from, weakest first."""

    CATEGORY = "category default"
    CONTROL = "control entry"
    SERVICE = "service entry"
    OPTION = "option value"
    DEFAULT_OPTION = "assumed default"
    CONTEXT = "context rule"
    OVERRIDE = "override"
    LAYER_TEXT = "layer text"


_K = TypeVar("_K")
_V = TypeVar("_V")


class _Record:
    """The base of the model's records: one ``__repr__``, ``__eq__`` and ``__hash__`` for all of
    them, with attrs' meaning (same class, equal fields; ``Layer(id='hardware', name=…)``).
    attrs would compile the three for each class at import, which every program's first answer
    waits for (about 0.15 ms a class, `docs/performance.md`).
    """

    __slots__ = ()

    def __repr__(self) -> str:
        fields = attrs.fields(type(self))  # type: ignore[arg-type]  # every subclass is an attrs class
        shown = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in fields if a.repr)
        return f"{type(self).__name__}({shown})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return other is self or _values(self) == _values(other)

    def __hash__(self) -> int:
        return hash((self.__class__, _values(self)))


_GETTERS: dict[type, Any] = {}


def _values(record: _Record) -> Any:
    """The values of a record's fields, for equality and hashing."""
    cls = type(record)
    get = _GETTERS.get(cls)
    if get is None:
        fields = attrs.fields(cls)  # type: ignore[arg-type]
        get = _GETTERS[cls] = operator.attrgetter(*(a.name for a in fields if a.eq))
    return get(record)


class _DictView(Mapping[_K, _V]):
    """A read-only mapping over a dict of its own (``_map``), which nothing outside changes."""

    __slots__ = ("_map",)
    _map: dict[_K, _V]

    def __getitem__(self, key: _K) -> _V:
        return self._map[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._map)

    def __len__(self) -> int:
        return len(self._map)


class FrozenMap(_DictView[str, str]):
    """A read-only, hashable mapping of strings, ordered by key."""

    __slots__ = ("_items",)
    _items: tuple[tuple[str, str], ...]

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = items.items() if isinstance(items, Mapping) else items
        self._map = dict(sorted(pairs))
        self._items = tuple(self._map.items())

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return dict(self._map) == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._map!r})"


def where(context: "Context | None") -> tuple[str, ...]:
    """What sets a context apart from the default, in words (``partition aws-cn``, ``region
    cn-north-1``, ``deployment outposts``, ``lambda.package-type=image``), for titles and captions.
    """
    if context is None:
        return ()
    found = [f"partition {context.partition}"] if context.partition else []
    found += [f"region {context.region}"] if context.region else []
    found += [f"deployment {context.deployment}"] if context.deployment != "region" else []
    return (*found, *(f"{k}={v}" for k, v in context.options.items()))


def _options(items: Mapping[str, str] | Iterable[tuple[str, str]]) -> FrozenMap:
    return items if isinstance(items, FrozenMap) else FrozenMap(items)


# attrs reads a converter's signature (with inspect, which it imports) for every field that uses
# it, a twentieth of a millisecond each at import: read once, kept where inspect looks first.
for _converter in (_strs, _options):
    setattr(_converter, "__signature__", inspect.signature(_converter))  # noqa: B010


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Source(_Record):
    """A public page that a fact rests on, and when it was read."""

    title: str
    url: str
    read: str
    note: str = ""
    kind: str = ""
    """``primary`` (the provider's own page), ``secondary`` (anyone else's) or ``archive``
    (an archived copy); empty where the dataset does not say."""


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Party(_Record):
    """Someone who can hold a duty: a provider, an operator, the customer, a partner."""

    id: str
    name: str
    side: Side

    @property
    def short_name(self) -> str:
        """The short form the name gives in parentheses (``"Beijing Sinnet … (Sinnet)"``:
        ``Sinnet``), else the name.
        """
        head, bracket, short = self.name.rpartition(" (")
        return short[:-1] if bracket and head and short.endswith(")") else self.name


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Layer(_Record):
    """One level of the responsibility stack; the catalog orders them bottom to top."""

    id: str
    name: str
    description: str = ""


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Part(_Record):
    """What one side does on one layer, as the dataset states it (``layer`` is None for an
    organizational control).
    """

    layer: str | None
    side: Side
    text: str
    role: Role = Role.PERFORMS
    party: str | None = None
    """A named party of ``side`` that holds this part instead of the side's usual one (the
    hardware partner of an Azure Stack Hub beside Microsoft); None for the usual one."""


@attrs.frozen(kw_only=True, repr=False, eq=False)
class ControlRow(_Record):
    """A finer statement for one control: for each layer it names, it replaces what that
    layer would give this control (and nothing else).
    """

    control: str
    parts: tuple[Part, ...]
    note: str = ""


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Availability(_Record):
    """Where a service is offered: its partitions (the regions in ``regions_without``
    excepted) and the deployments it runs in (``region``, ``outposts`` …).
    """

    partitions: tuple[str, ...] = attrs.field(converter=_strs)
    deployments: tuple[str, ...] = attrs.field(converter=_strs)
    regions_without: tuple[str, ...] = attrs.field(default=(), converter=_strs)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class OptionValue(_Record):
    """One value of an option and the parts it moves; ``availability`` narrows where the
    service can run with this value (EKS pods on Fargate do not run on Outposts).
    """

    id: str
    name: str
    layers: tuple[Part, ...] = ()
    controls: tuple[ControlRow, ...] = ()
    availability: Availability | None = None
    note: str = ""


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Evidence(_Record):
    """Where an inventory reads an option's value: in documents of ``formats`` (``cloudformation``,
    ``config``, ``terraform``), on resources of ``types``, at ``path`` (dotted; ``[*]`` takes each
    item of a list, ``[Key=value,…]`` the items that match), mapped through ``values`` (the
    property's value, casefolded, matched ``exact``-ly, as a ``prefix`` or as a ``regex``, to an
    option value). ``otherwise`` is the option value for any other value that is set; ``when``
    requires other properties to start with the given values; a rule with no ``path`` says that
    the resource type itself implies ``value``.
    """

    formats: tuple[str, ...] = attrs.field(converter=_strs)
    types: tuple[str, ...] = attrs.field(converter=_strs)
    path: str = ""
    values: FrozenMap = attrs.field(factory=FrozenMap, converter=_options)
    match: str = "exact"
    otherwise: str = ""
    when: FrozenMap = attrs.field(factory=FrozenMap, converter=_options)
    value: str = ""


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Option(_Record):
    """A configuration choice of one service that moves the line; ``evidence`` says where an
    inventory reads its value, tried in order.
    """

    id: str
    name: str
    default: str
    values: tuple[OptionValue, ...]
    sources: tuple[Source, ...]
    evidence: tuple[Evidence, ...] = ()
    note: str = ""

    def value(self, value_id: str) -> OptionValue | None:
        """The value with this id, or None."""
        return next((v for v in self.values if v.id == value_id), None)


class _Waits(_Record):
    """A record whose unset fields may all wait in one `Packed` (``_packed``), set at building:
    one slot to fill instead of one for each field, for each of the packaged catalog's services.
    """

    __slots__ = ("_packed",)
    _packed: "Packed"


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Service(_Waits):
    """A cloud service, its category, and where its split differs from the category's.
    ``availability`` None means offered wherever the catalog's contexts reach.
    """

    id: str
    name: str
    provider: str
    category: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strs, repr=False)
    layers: tuple[Part, ...] = attrs.field(default=(), repr=False)
    controls: tuple[ControlRow, ...] = attrs.field(default=(), repr=False)
    options: tuple[Option, ...] = attrs.field(default=(), repr=False)
    availability: Availability | None = attrs.field(default=None, repr=False)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strs, repr=False)
    sources: tuple[Source, ...] = attrs.field(default=(), repr=False)

    def option(self, option_id: str) -> Option | None:
        """The option with this id, or None."""
        return next((o for o in self.options if o.id == option_id), None)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Revision(_Record):
    """A category as the provider published it until a date: its layers whole, and the control
    rows that differed from today's (the others stay as they are).
    """

    until: str
    """The first day the next version applies (ISO date)."""
    layers: tuple[Part, ...]
    controls: tuple[ControlRow, ...] = ()
    note: str = ""
    sources: tuple[Source, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Category(_Record):
    """A kind of service (infrastructure, container, serverless, abstracted): its default split
    of the layers, and what each side does for each control it touches (``controls``).
    """

    id: str
    name: str
    layers: tuple[Part, ...]
    controls: tuple[ControlRow, ...] = ()
    description: str = ""
    provider: str | None = None
    """The provider whose published model this category follows; None for any provider."""
    history: tuple[Revision, ...] = ()
    """Earlier versions of the provider's model, oldest first (`Catalog.as_of` reads them)."""
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    sources: tuple[Source, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Control(_Record):
    """A security control; it touches layers, or, if organizational, every party does its own part."""

    id: str
    title: str
    layers: tuple[str, ...] | None = attrs.field(repr=False)
    duties: tuple[Part, ...] = attrs.field(default=(), repr=False)
    references: tuple[str, ...] = attrs.field(default=(), converter=_strs, repr=False)
    reference_titles: FrozenMap = attrs.field(factory=FrozenMap, converter=_options, repr=False)
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strs, repr=False)
    sources: tuple[Source, ...] = attrs.field(default=(), repr=False)

    @property
    def organizational(self) -> bool:
        """True when the control touches no layer: each party does its own part."""
        return self.layers is None


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Region(_Record):
    """A region of a partition; ``operator`` names the party that runs it where that is not the
    partition's.
    """

    id: str
    name: str = ""
    operator: str | None = None


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Partition(_Record):
    """A group of regions under one set of accounts (``aws``, ``aws-cn``, ``aws-us-gov``)."""

    id: str
    name: str
    operator: str | None = None
    regions: tuple[Region, ...] = ()
    provider: str | None = None
    """The provider whose services run here; None for any provider."""
    summary: str = ""
    """What working in this partition changes for the customer, in one line; every answer in it
    repeats this in its trail (GovCloud's US-persons terms, for example)."""
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    sources: tuple[Source, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Deployment(_Record):
    """Where a service runs (a region, an Outpost, a Local Zone), the parts that moves, and what
    each side then does for the controls on those parts (``controls``).
    """

    id: str
    name: str
    layers: tuple[Part, ...] = ()
    controls: tuple[ControlRow, ...] = ()
    provider: str | None = None
    """The provider whose services run here; None for any provider."""
    summary: str = ""
    """What running here changes, in one line (or that it changes nothing); every answer in this
    deployment repeats it in its trail."""
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    sources: tuple[Source, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Equivalence(_Record):
    """Services of different providers that do the same job, so that a workload can move
    between them (`shift`). ``basis`` says who pairs them: ``"cited"`` where a provider's own
    comparison page does (``sources``), ``"judgment"`` where the dataset's authors do (``note``
    says why).
    """

    id: str
    name: str
    services: tuple[str, ...] = attrs.field(converter=_strs)
    basis: str
    note: str = ""
    sources: tuple[Source, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Override(_Record):
    """An organization's tailoring: hand a layer or control of a service (or of every service,
    ``"*"``) to other parties, who take the part of their own side.
    """

    service: str
    target: str
    parties: tuple[str, ...] = attrs.field(converter=_strs)
    reason: str = ""


@attrs.frozen(kw_only=True, cache_hash=True, repr=False)
class Context(_Record):
    """Where and how a service runs: partition, region, deployment and option values
    (keyed ``"<service>.<option>"``). The default is a commercial region with every option at
    its default. ``evidence`` says, per option, where its value was read (an inventory reads
    options from each resource's configuration); the trail repeats it.
    """

    partition: str | None = None
    region: str | None = None
    deployment: str = "region"
    options: FrozenMap = attrs.field(factory=FrozenMap, converter=_options)
    evidence: FrozenMap = attrs.field(factory=FrozenMap, converter=_options)


@attrs.frozen(kw_only=True, eq=False)
class Duty(_Record):
    """One party's part for one service, on one layer (None for an organizational control);
    ``role`` says whether the party performs it or only enables the other side to.
    """

    party: Party
    layer: Layer | None
    text: str
    role: Role = Role.PERFORMS

    def __repr__(self) -> str:
        where = self.layer.id if self.layer is not None else "organization"
        return f"<Duty {self.party.id} {self.role.value} on {where}: {_short(self.text, 60)!r}>"

    @property
    def holder(self) -> str:
        """The party's name, marked ``(enables)`` where it only enables the other side."""
        return self.party.name if self.role is Role.PERFORMS else f"{self.party.name} (enables)"


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Rule(_Record):
    """One rule in a resolution's trail: where it comes from, what it is, and what it decided."""

    origin: Origin
    name: str
    target: str
    note: str = ""


def _parties(duties: tuple[Duty, ...]) -> tuple[Party, ...]:
    return tuple(dict.fromkeys(d.party for d in duties))


class _Shown:
    """Notebook display: an HTML table coloured by owner, and a tidy DataFrame (one row per
    duty, categorical columns) through the optional ``pandas`` extra.
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        from ._display import html

        return html(self)

    def to_pandas(self) -> Any:
        """A tidy DataFrame, one row per duty (needs pandas)."""
        from ._display import frame

        return frame(self)


@attrs.frozen(kw_only=True, eq=False)
class Resolution(_Shown, _Record):
    """Who is responsible for one control of one service in one context, and why."""

    service: Service
    control: Control
    context: Context
    ownership: Ownership
    duties: tuple[Duty, ...]
    sources: tuple[Source, ...]
    trail: tuple[Rule, ...]

    def __repr__(self) -> str:
        performers = ", ".join(dict.fromkeys(d.party.id for d in self.duties if d.role is Role.PERFORMS))
        return (
            f"<Resolution {self.service.id} {self.control.id}: {self.ownership.value}"
            f" (performed by {performers}; {len(self.duties)} duties, {len(self.trail)} rules)>"
        )

    @property
    def parties(self) -> tuple[Party, ...]:
        """The parties that hold a duty, in the order of the duties."""
        return _parties(self.duties)


class Matrix(_Shown, tuple[Resolution, ...]):
    """Resolutions for services x controls, services outer; a tuple that shows as a table in
    notebooks and converts to a DataFrame.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        services = len({r.service.id for r in self})
        controls = len({r.control.id for r in self})
        return f"<Matrix of {services} services x {controls} controls: {_counts(r.ownership for r in self)}>"


# -- Fields read on first use --------------------------------------------------------------------
# The packaged catalog is built without its notes and sources (`_prose`), whose fields hold a
# `Pending` until first read, and most of its records wait unparsed (`Packed`: a service's whole
# record, the rules of a category, a deployment, a partition). Reads go through `_Deferred`, which
# swaps the value in, so equality, hashing, repr, pickling and export (all of which read the
# attributes) see plain values.


class Pending:
    """Where a record's prose waits: its index in a store that can inflate it."""

    __slots__ = ("index", "store")

    def __init__(self, store: Any, index: int) -> None:
        self.store = store  # a `_prose.Prose`; typed loosely, as _prose imports this module
        self.index = index


class Later:
    """A field's value, made when the field is first read: a rule's note (prose, compressed
    until then), a service's own rules (built when the service is first resolved).
    """

    __slots__ = ("make",)

    def __init__(self, make: Any) -> None:
        self.make = make


class Packed:
    """Some fields of a record, made together when one of them is first read (``make(data)``
    gives ``{field name: value}``): each field that holds the same `Packed` takes its own value.
    Made once, under a lock, however many threads read at once.
    """

    __slots__ = ("data", "made", "make")

    def __init__(self, make: Any, data: Any) -> None:
        self.make = make
        self.data = data
        self.made: dict[str, Any] | None = None

    def get(self, name: str) -> Any:
        made = self.made
        if made is None:
            with _MAKING:
                made = self.made
                if made is None:
                    made = self.made = self.make(self.data)
                    self.data = None
        return made[name]


_MAKING = threading.RLock()


class Cited(tuple[Any, ...]):
    """The records whose sources an answer rests on: its sources, each page once (by URL), are
    read from them when first needed, so that answering inflates no prose.
    """

    __slots__ = ()

    def sources(self) -> "tuple[Source, ...]":
        found: dict[str, Source] = {}
        for owner in self:
            for source in owner.sources:
                found.setdefault(source.url, source)
        return tuple(found.values())


class _Deferred:
    """A field filled in when first read: a plain slot, except that a `Packed` in it is replaced
    by the field's value from it, a `Pending` by its prose, a `Later` by what it makes and a
    `Cited` by its sources.
    """

    __slots__ = ("name", "slot")

    def __init__(self, slot: Any, name: str) -> None:
        self.slot = slot
        self.name = name

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        if obj is None:
            return self
        try:
            value = self.slot.__get__(obj, owner)
        except AttributeError:
            value = _packed(obj, self.name)
        kind = type(value)
        if kind not in _WAITING:
            return value
        while kind is Packed:  # a service's record holds its rules, packed on their own
            value = value.get(self.name)
            kind = type(value)
        if kind is Pending:
            value = value.store.value(value.index, self.name)
        elif kind is Later:
            value = value.make()
        elif kind is Cited:
            value = value.sources()
        self.slot.__set__(obj, value)
        return value

    def __set__(self, obj: object, value: Any) -> None:
        self.slot.__set__(obj, value)


_WAITING = frozenset({Packed, Pending, Later, Cited})


def _packed(record: object, name: str) -> Packed:
    """What an unset field of a record waits in (`_Waits`); else the attribute is missing."""
    packed = getattr(record, "_packed", None)
    if packed is None:
        raise AttributeError(
            f"{type(record).__name__!r} object has no attribute {name!r}", name=name, obj=record
        )
    return packed  # type: ignore[no-any-return]


PROSE_FIELDS = ("notes", "note", "sources")
"""The fields that hold prose, in every kind of record that has any."""

LATER = {
    "services": ("layers", "controls", "options"),
    "categories": ("layers", "controls", "history"),
    "partitions": ("regions",),
    "deployments": ("layers", "controls"),
}
"""The fields of each kind of record that the packed data keeps as the record's own rules (one
JSON text, `_pack`), so that loading the catalog parses and builds only the records used."""

_PROSE_FIELDS: dict[type, tuple[str, ...]] = {}
"""The prose fields of each kind of record that carries prose (`with_prose`)."""


def defer(cls: type, names: Iterable[str]) -> None:
    """Makes these fields of a record class fill themselves in when first read (`_Deferred`)."""
    for name in names:
        slot = cls.__dict__[name]
        if not isinstance(slot, _Deferred):
            setattr(cls, name, _Deferred(slot, name))


def with_prose(cls: type) -> None:
    """Marks a record class as carrying prose: `defer_prose` can point its prose fields at a store."""
    _PROSE_FIELDS[cls] = tuple(a.name for a in attrs.fields(cls) if a.name in PROSE_FIELDS)
    defer(cls, _PROSE_FIELDS[cls])


for _cls in (
    Category,
    Control,
    ControlRow,
    Deployment,
    Equivalence,
    Option,
    OptionValue,
    Partition,
    Revision,
    Service,
):
    with_prose(_cls)
# Besides the prose: a service's whole record (`Packed`, built when a field is first read), the
# rules of categories, partitions and deployments, an answer's sources (`Cited`) and a rule's
# note (`Later`), which quote prose.
defer(Service, [a.name for a in attrs.fields(Service) if a.name != "id"])
defer(Category, LATER["categories"])
defer(Partition, LATER["partitions"])
defer(Deployment, LATER["deployments"])
defer(Resolution, ("sources",))
defer(Rule, ("note",))


def defer_prose(record: Any, pending: Pending) -> None:
    """Points every prose field of a record built without its prose at ``pending``."""
    for name in _PROSE_FIELDS[type(record)]:
        object.__setattr__(record, name, pending)
