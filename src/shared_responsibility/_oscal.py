"""OSCAL: a component definition of the services' parts, and a system security plan for a
system built on them, whose leveraged services ``export`` what they provide and what they leave
to the customer, which the system's own component inherits and satisfies. Identifiers are uuid5
of the content, so equal data exports byte-identical.

Each implemented requirement carries a NIST SP 800-53 Rev. 5 control id (``si-2``,
``sc-8.1``), the roles holding a part, and one statement per side: what the provider does and
what remains the customer's. Several of our controls can map to one NIST control; their parts
are merged under it.
"""

import functools
import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from ._catalog import suggest
from ._model import Resolution, Role, Side, where
from ._views import _natural
from .errors import ExportError, _hint, _short

__all__ = [
    "DEFAULT_PROFILE",
    "OSCAL_VERSION",
    "component_definition",
    "read_component_definition",
    "system_security_plan",
]

OSCAL_VERSION = "1.1.2"
NIST_CATALOG = (
    "https://raw.githubusercontent.com/usnistgov/oscal-content/main/nist.gov/SP800-53/rev5/json/"
    "NIST_SP-800-53_rev5_catalog.json"
)
_NAMESPACE = uuid.UUID("6f1c2a53-52b5-4d3b-9a4f-1f4bf7d0b0a1")  # this library's, fixed
_ROLES = {Side.PROVIDER: "provider", Side.CUSTOMER: "customer"}


def _uuid(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\x1f".join(map(str, parts))))


def control_id(reference: str) -> str:
    """``NIST-800-53:SC-8(1)`` -> ``sc-8.1``, OSCAL's form."""
    bare = reference.split(":", 1)[1].lower()
    return re.sub(r"\((\d+)\)", r".\1", bare)


def _by_nist(resolutions: Iterable[Resolution]) -> dict[tuple[str, str], list[Resolution]]:
    """Resolutions grouped by (service, NIST control id), in the framework's order."""
    grouped: dict[tuple[str, str], list[Resolution]] = {}
    for r in resolutions:
        for ref in r.control.references:
            if ref.startswith("NIST-800-53:"):
                grouped.setdefault((r.service.id, control_id(ref)), []).append(r)
    return dict(sorted(grouped.items(), key=lambda item: (item[0][0], *_natural(item[0][1]))))


def _part(resolutions: list[Resolution], side: Side, roles: tuple[Role, ...] = tuple(Role)) -> str:
    lines = []
    for r in resolutions:
        duties = [d for d in r.duties if d.party.side is side and d.role in roles]
        texts = list(dict.fromkeys(d.text for d in duties))
        if texts:
            holders = ", ".join(dict.fromkeys(d.holder for d in duties))
            lines.append(f"{r.control.title} ({holders}): " + " ".join(texts))
    return "\n".join(lines)


def _parties(resolutions: Iterable[Resolution]) -> dict[str, tuple[str, Side]]:
    return {d.party.id: (d.party.name, d.party.side) for r in resolutions for d in r.duties}


def _metadata(title: str, resolutions: list[Resolution], salt: str = "") -> dict[str, Any]:
    """Metadata that depends only on the content: dated by the newest source it cites."""
    from . import __version__

    date = max((s.read for r in resolutions for s in r.sources), default="1970-01-01")
    parties = _parties(resolutions)
    return {
        "title": title,
        "last-modified": f"{date}T00:00:00+00:00",
        "version": f"shared_responsibility {__version__}",
        "oscal-version": OSCAL_VERSION,
        "roles": [
            {"id": "provider", "title": "Cloud service provider (or the operator of its region)"},
            {"id": "customer", "title": "Cloud service customer (or a party acting for it)"},
        ],
        "parties": [
            {"uuid": _uuid("party", salt, pid), "type": "organization", "name": name}
            for pid, (name, _) in parties.items()
        ],
    }


def _roles(resolutions: list[Resolution], side: Side, salt: str = "") -> list[dict[str, Any]]:
    holders = sorted({d.party.id for r in resolutions for d in r.duties if d.party.side is side})
    party_uuids = [_uuid("party", salt, p) for p in holders]
    return [{"role-id": _ROLES[side], "party-uuids": party_uuids}] if holders else []


FEDRAMP_NS = "https://fedramp.gov/ns/oscal"
OUR_NS = "https://github.com/shared-responsibility/shared_responsibility/ns/oscal"
"""The namespace of this library's own props (the context an answer was given in)."""


def _context_key(r: Resolution) -> tuple[object, ...]:
    c = r.context
    return (c.partition, c.region, c.deployment, tuple(sorted(c.options.items())))


def _salt(title: str, resolutions: list[Resolution]) -> str:
    """What decides a document's content: every uuid in it is made with this, so that equal
    content gives equal uuids and any difference (a context, a duty, an override) new ones.
    """
    content = [
        (
            r.service.id,
            r.control.id,
            _context_key(r),
            r.ownership.value,
            tuple((d.party.id, d.layer.id if d.layer else "", d.text, d.role.value) for d in r.duties),
            tuple((t.origin.value, t.name, t.target) for t in r.trail),
        )
        for r in resolutions
    ]
    return hashlib.sha256(repr((title, content)).encode()).hexdigest()


def _context_props(r: Resolution) -> list[dict[str, str]]:
    c = r.context
    found = [("partition", c.partition), ("region", c.region), ("deployment", c.deployment)]
    found += [("option", f"{key}={value}") for key, value in sorted(c.options.items())]
    return [{"name": name, "ns": OUR_NS, "value": value} for name, value in found if value]


def _service_prop(service_id: str) -> dict[str, str]:
    """The service a component stands for, by its id in the dataset (read back by `_oscal_in`)."""
    return {"name": "service", "ns": OUR_NS, "value": service_id}


def _performers(group: list[Resolution]) -> list[dict[str, str]]:
    """Who performs each of the dataset's controls merged under one NIST control: the split
    that the statement's text says, in a form `_oscal_in` reads back exactly.
    """
    return [
        {"name": "performer", "ns": OUR_NS, "class": r.control.id, "value": party}
        for r in group
        for party in dict.fromkeys(d.party.id for d in r.duties if d.role is Role.PERFORMS)
    ]


def _context_title(r: Resolution) -> str:
    words = where(r.context)
    return f" ({', '.join(words)})" if words else ""


def _origination(group: list[Resolution]) -> list[str]:
    from ._crosswalk import origination

    return list(dict.fromkeys(label for r in group for label in origination(r)))


def _status(group: list[Resolution]) -> str:
    """What the service implements of the control: all of it, part of it, or none of it."""
    sides = {d.party.side for r in group for d in r.duties if d.role is Role.PERFORMS}
    if Side.PROVIDER not in sides:
        return "not-applicable"
    return "partial" if Side.CUSTOMER in sides else "implemented"


def _remarks(group: list[Resolution]) -> str:
    """The trail of each answer, and the reason of each override, in words."""
    lines = []
    for r in group:
        steps = [f"{t.origin.value} {t.name}" + (f": {t.note}" if t.note else "") for t in r.trail]
        lines.append(f"{r.control.title}: " + "; ".join(dict.fromkeys(steps)))
    return "\n".join(lines)


def _statement_text(group: list[Resolution]) -> str:
    parts = []
    for side, label in ((Side.PROVIDER, "Provider"), (Side.CUSTOMER, "Customer")):
        text = _part(group, side)
        if text:
            parts.append(f"{label}:\n{text}")
    return "\n".join(parts)


def _resources(resolutions: list[Resolution], salt: str) -> dict[tuple[str, str], dict[str, Any]]:
    """The back-matter resources of the sources cited: a page once, however many cite it."""
    resources: dict[tuple[str, str], dict[str, Any]] = {}
    for r in resolutions:
        for source in r.sources:
            key = (source.url, source.title)
            if key not in resources:
                rid = _uuid("resource", salt, *key)
                resources[key] = {"uuid": rid, "title": source.title, "rlinks": [{"href": source.url}]}
    return resources


def _links(
    group: list[Resolution], resources: Mapping[tuple[str, str], dict[str, Any]]
) -> list[dict[str, str]]:
    """Links to the back-matter resources of the sources these resolutions cite."""
    keys = dict.fromkeys((s.url, s.title) for r in group for s in r.sources)
    return [{"href": f"#{resources[key]['uuid']}", "rel": "reference"} for key in keys]


def component_definition(resolutions: Iterable[Resolution], title: str) -> dict[str, Any]:
    """An OSCAL component definition: one component per service of the resolutions, one
    statement per control with every party's part, the sources as back-matter resources.
    """
    chosen = list(resolutions)
    grouped = _by_nist(chosen)
    salt = _salt(title, chosen)
    resources = _resources(chosen, salt)
    components = []
    for service in dict.fromkeys(r.service for r in chosen):
        requirements = []
        first = next(r for r in chosen if r.service is service)
        for (sid, cid), group in grouped.items():
            if sid != service.id:
                continue
            text = _statement_text(group)
            links = _links(group, resources)
            statement: dict[str, Any] = {
                "statement-id": f"{cid}_smt",
                "uuid": _uuid("statement", salt, sid, cid),
                "description": text,
                "responsible-roles": _roles(group, Side.PROVIDER, salt) + _roles(group, Side.CUSTOMER, salt),
            }
            if links:
                statement["links"] = links
            statement["remarks"] = _remarks(group)
            sides = {d.party.side for r in group for d in r.duties}
            props = [
                {"name": "control-origination", "ns": FEDRAMP_NS, "value": v} for v in _origination(group)
            ]
            props.append({"name": "implementation-status", "ns": FEDRAMP_NS, "value": _status(group)})
            props += _performers(group)
            requirements.append(
                {
                    "uuid": _uuid("requirement", salt, sid, cid),
                    "control-id": cid,
                    "description": "; ".join(f"{r.control.title}: {r.ownership.control_type}" for r in group),
                    "props": props,
                    "responsible-roles": [{"role-id": _ROLES[s]} for s in Side if s in sides],
                    "statements": [statement],
                }
            )
        component: dict[str, Any] = {
            "uuid": _uuid("component", salt, service.id),
            "type": "service",
            "title": service.name + _context_title(first),
            "description": f"{service.name} ({service.category} service), split as the shared "
            "responsibility model does.",
        }
        component["props"] = [_service_prop(service.id), *_context_props(first)]
        component["control-implementations"] = [
            {
                "uuid": _uuid("implementation", salt, service.id),
                "source": NIST_CATALOG,
                "description": "NIST SP 800-53 Rev. 5 controls mapped by the dataset.",
                "implemented-requirements": requirements,
            }
        ]
        components.append(component)
    body: dict[str, Any] = {
        "uuid": _uuid("component-definition", salt),
        "metadata": _metadata(title + (_context_title(chosen[0]) if chosen else ""), chosen, salt),
        "components": components,
    }
    if resources:
        body["back-matter"] = {"resources": list(resources.values())}
    return {"component-definition": body}


DEFAULT_PROFILE = "nist-800-53-rev5-moderate"
"""The baseline an SSP imports unless told otherwise: NIST's Moderate (``data/baselines.json``)."""
PLACEHOLDER = "Placeholder, to be written by the system's owner: "
"""How every field starts that OSCAL requires and only the system's owner can fill."""


def system_security_plan(
    resolutions: Iterable[Resolution], system_name: str, profile: str = DEFAULT_PROFILE
) -> dict[str, Any]:
    """An OSCAL SSP for a system built on these resolutions' services: the provider's services
    are leveraged components whose ``export`` says what the provider provides and what it
    leaves to the customer; the system's own component inherits the one and satisfies the
    other, linked by uuid. What only the system's owner knows is filled with placeholders that
    say so (`PLACEHOLDER`).

    ``profile`` is the href of the profile the plan imports, or the ``id`` of a baseline the
    package knows (``data/baselines.json``: ``nist-800-53-rev5-moderate``,
    ``fedramp-rev5-moderate``). With a known baseline the plan lists every control of it: the
    mapped ones with their inherited parts, the rest as the system's own, with placeholders.
    """
    chosen = list(resolutions)
    profile, baseline = _profile(profile)
    salt = _salt(f"ssp\x1f{system_name}\x1f{profile}", chosen)
    metadata = _metadata(f"System security plan: {system_name}", chosen, salt)
    owner_uuid = _uuid("party", salt, "system-owner")
    metadata["roles"].append({"id": "system-owner", "title": "System owner"})
    metadata["parties"].append(
        {
            "uuid": owner_uuid,
            "type": "organization",
            "name": PLACEHOLDER + "the organization that owns the system",
        }
    )
    metadata["responsible-parties"] = [
        *_roles(chosen, Side.PROVIDER, salt),
        *_roles(chosen, Side.CUSTOMER, salt),
        {"role-id": "system-owner", "party-uuids": [owner_uuid]},
    ]
    this_system = _uuid("this-system", salt)
    providers = {d.party.id: d.party.name for r in chosen for d in r.duties if d.party.side is Side.PROVIDER}
    authorizations = {
        pid: {
            "uuid": _uuid("leveraged-authorization", salt, pid),
            "title": f"{name}: "
            + PLACEHOLDER
            + "the leveraged authorization (for example a FedRAMP package)",
            "party-uuid": _uuid("party", salt, pid),
            "date-authorized": metadata["last-modified"][:10],
            "remarks": PLACEHOLDER + "the date the leveraged authorization was granted; this date is "
            "the newest source date of the answers, not an authorization date.",
        }
        for pid, name in providers.items()
    }
    services = list(dict.fromkeys(r.service for r in chosen))
    components: list[dict[str, Any]] = [
        {
            "uuid": this_system,
            "type": "this-system",
            "title": system_name,
            "description": PLACEHOLDER
            + "what the system does. It is built on "
            + ", ".join(s.name for s in services)
            + ".",
            "status": {"state": "under-development"},
        }
    ]
    for service in services:
        first = next(r for r in chosen if r.service is service)
        owners = [
            d.party.id
            for r in chosen
            if r.service is service
            for d in r.duties
            if d.party.side is Side.PROVIDER
        ]
        props = [{"name": "implementation-point", "value": "external"}]
        props += [
            {"name": "leveraged-authorization-uuid", "value": authorizations[pid]["uuid"]}
            for pid in dict.fromkeys(owners)
        ]
        components.append(
            {
                "uuid": _uuid("component", salt, service.id),
                "type": "service",
                "title": service.name + _context_title(first),
                "description": f"{service.name} ({service.category} service), leveraged from its provider.",
                "props": [*props, _service_prop(service.id), *_context_props(first)],
                "status": {"state": "operational"},
            }
        )
    plan = _Plan(salt, owner_uuid, this_system, authorizations, _resources(chosen, salt))
    by_control = _by_control(chosen)
    if baseline is None:  # a profile the package does not know: the mapped controls, all of them
        left_out: list[str] = []
        requirements = [plan.requirement(cid, groups) for cid, groups in by_control.items()]
    else:  # every control of the baseline, in its order
        selected = set(baseline.controls)
        left_out = [cid for cid in by_control if cid not in selected]
        requirements = [
            plan.requirement(cid, by_control[cid]) if cid in by_control else plan.own_requirement(cid)
            for cid in baseline.controls
        ]
    resources = plan.resources
    body: dict[str, Any] = {
        "uuid": _uuid("system-security-plan", salt),
        "metadata": metadata,
        "import-profile": {"href": profile},
        "system-characteristics": _characteristics(salt, system_name),
        "system-implementation": {
            "leveraged-authorizations": list(authorizations.values()),
            "users": [
                {
                    "uuid": _uuid("user", salt, role),
                    "title": PLACEHOLDER + f"the users in the {role} role and their privileges",
                    "role-ids": [role],
                }
                for role in ("provider", "customer", "system-owner")
            ],
            "components": components,
        },
        "control-implementation": {
            "description": _implementation_description(baseline, by_control, left_out),
            "implemented-requirements": requirements,
        },
    }
    if resources:
        body["back-matter"] = {"resources": list(resources.values())}
    return {"system-security-plan": body}


def _implementation_description(
    baseline: "_Baseline | None", by_control: Mapping[str, object], left_out: list[str]
) -> str:
    """What the control implementation lists: the mapped controls with their inherited parts,
    and with a known baseline the rest of it as the system's own.
    """
    inherits = (
        "what the system inherits from the cloud services it is built on, and what it must satisfy itself."
    )
    if baseline is None:
        return "NIST SP 800-53 Rev. 5 controls mapped by the dataset: " + inherits
    mapped = len(by_control) - len(left_out)
    text = (
        f"Every control of the {baseline.title} ({len(baseline.controls)}). The {mapped} that the "
        f"dataset maps: {inherits} The other {len(baseline.controls) - mapped}: the system's own, as "
        "the dataset records no part of the cloud services' providers in them, with placeholders for "
        "the system's owner to fill."
    )
    if left_out:
        text += f" Mapped but outside the imported baseline, and so left out: {', '.join(left_out)}."
    return text


def _characteristics(salt: str, system_name: str) -> dict[str, Any]:
    """The system's characteristics: its name, and placeholders for what only its owner knows
    (the impact levels stand at moderate, as the default profile's baseline).
    """
    level = "fips-199-moderate"
    return {
        "system-ids": [{"identifier-type": "https://ietf.org/rfc/rfc4122", "id": _uuid("system", salt)}],
        "system-name": system_name,
        "description": PLACEHOLDER + "the system's purpose and function.",
        "security-sensitivity-level": level,
        "system-information": {
            "information-types": [
                {
                    "uuid": _uuid("information-type", salt),
                    "title": PLACEHOLDER + "the information types the system handles",
                    "description": PLACEHOLDER + "each information type (NIST SP 800-60) and its impact.",
                    "confidentiality-impact": {"base": level, "selected": level},
                    "integrity-impact": {"base": level, "selected": level},
                    "availability-impact": {"base": level, "selected": level},
                }
            ]
        },
        "security-impact-level": {
            "security-objective-confidentiality": level,
            "security-objective-integrity": level,
            "security-objective-availability": level,
        },
        "status": {"state": "under-development", "remarks": PLACEHOLDER + "the system's state."},
        "authorization-boundary": {
            "description": PLACEHOLDER + "the authorization boundary. The cloud services listed as "
            "leveraged components are outside it, under their providers' authorizations."
        },
    }


class _Plan(NamedTuple):
    """What every requirement of one SSP refers to."""

    salt: str
    owner: str
    this_system: str
    authorizations: dict[str, dict[str, Any]]
    resources: dict[tuple[str, str], dict[str, Any]]

    def requirement(self, cid: str, groups: dict[str, list[Resolution]]) -> dict[str, Any]:
        """One control's requirement: each service's export, and the system's own by-component
        inheriting what is provided and satisfying what is left to it.
        """
        salt, owner_uuid = self.salt, self.owner
        every = [r for group in groups.values() for r in group]
        by_components = []
        inherited, satisfied = [], []
        for sid, group in groups.items():
            export, provided, responsibility = _export(group, salt, sid, cid)
            by_components.append(
                {
                    "component-uuid": _uuid("component", salt, sid),
                    "uuid": _uuid("by-component", salt, sid, cid),
                    "description": "; ".join(f"{r.control.title}: {r.ownership.control_type}" for r in group),
                    "props": _performers(group),
                    "export": export,
                }
            )
            if provided:
                inherited.append(
                    {
                        "uuid": _uuid("inherited", salt, sid, cid),
                        "provided-uuid": provided,
                        "description": _inherited(group, export["provided"][0]["description"]),
                        "responsible-roles": _roles(group, Side.PROVIDER, salt),
                    }
                )
            if responsibility:
                satisfied.append(
                    {
                        "uuid": _uuid("satisfied", salt, sid, cid),
                        "responsibility-uuid": responsibility,
                        "description": PLACEHOLDER + f"how the system meets what {group[0].service.name} "
                        "leaves to it: " + export["responsibilities"][0]["description"],
                        "responsible-roles": [{"role-id": "system-owner", "party-uuids": [owner_uuid]}],
                    }
                )
        state = _ssp_state(bool(inherited), bool(satisfied))
        own: dict[str, Any] = {
            "component-uuid": self.this_system,
            "uuid": _uuid("by-component", salt, "this-system", cid),
            "description": "What the system inherits from its services and what it must do itself.",
            "implementation-status": {"state": state},
        }
        if inherited:
            own["inherited"] = inherited
        if satisfied:
            own["satisfied"] = satisfied
        origination = ["inherited"] * bool(inherited) + ["sp-system"] * bool(satisfied)
        props = [{"name": "control-origination", "ns": FEDRAMP_NS, "value": v} for v in origination]
        props += _ssp_status(state)
        performers = {d.party.id for r in every for d in r.duties if d.role is Role.PERFORMS}
        props += [
            {"name": "leveraged-authorization-uuid", "ns": FEDRAMP_NS, "value": la["uuid"]}
            for pid, la in self.authorizations.items()
            if pid in performers
        ]
        requirement: dict[str, Any] = {
            "uuid": _uuid("ssp-requirement", salt, cid),
            "control-id": cid,
            "props": props,
        }
        links = _links(every, self.resources)
        if links:
            requirement["links"] = links
        requirement["responsible-roles"] = [{"role-id": "system-owner", "party-uuids": [owner_uuid]}]
        requirement["by-components"] = [*by_components, own]
        requirement["remarks"] = _remarks(every)
        return requirement

    def own_requirement(self, cid: str) -> dict[str, Any]:
        """A control of the baseline that the dataset does not map: the system's own, planned,
        everything about it left for the system's owner to write.
        """
        return {
            "uuid": _uuid("ssp-requirement", self.salt, cid),
            "control-id": cid,
            "props": [
                {
                    "name": "control-origination",
                    "ns": FEDRAMP_NS,
                    "value": "sp-system",
                    "remarks": PLACEHOLDER + "confirm the control's origination. It stands as the "
                    "system's own because the dataset records no part of the cloud services' "
                    "providers in it.",
                },
                _planned("the control"),
            ],
            "responsible-roles": [{"role-id": "system-owner", "party-uuids": [self.owner]}],
            "by-components": [
                {
                    "component-uuid": self.this_system,
                    "uuid": _uuid("by-component", self.salt, "this-system", cid),
                    "description": PLACEHOLDER + f"how the system implements {cid.upper()}.",
                    "implementation-status": {"state": "planned"},
                }
            ],
        }


class _Baseline(NamedTuple):
    """A baseline profile the package knows (``data/baselines.json``, from its publisher)."""

    id: str
    title: str
    href: str
    controls: tuple[str, ...]
    """The control ids it selects, in its publisher's order (the framework's)."""


@functools.cache
def _baselines() -> tuple[_Baseline, ...]:
    """The known baselines, read once."""
    from ._data import packaged_data

    return tuple(
        _Baseline(b["id"], b["title"], b["href"], tuple(b["controls"]))
        for b in json.loads(packaged_data("baselines.json"))["baselines"]
    )


def _profile(profile: str) -> tuple[str, _Baseline | None]:
    """A profile's href and the known baseline it is, if any: a known baseline is named by its
    ``id`` or its href; another href (a URL or a path) stands as it is; any other name raises
    `ExportError`, naming the known ids.
    """
    for baseline in _baselines():
        if profile in (baseline.id, baseline.href):
            return baseline.href, baseline
    if any(c in profile for c in "/:.#\\"):
        return profile, None
    known = [b.id for b in _baselines()]
    raise ExportError(
        f"unknown profile {_short(profile)!r}; the known baselines are {', '.join(map(repr, known))} "
        "(any other profile by its href: a URL or a path)" + _hint(suggest(profile, known))
    )


def _ssp_state(inherited: bool, own: bool) -> str:
    """The state of a control in a new plan, from what the system inherits from its services
    and what is left to it: inherited alone is implemented; a part of its own is planned until
    the system's owner describes it; both together, partial.
    """
    if inherited:
        return "partial" if own else "implemented"
    return "planned"


def _ssp_status(state: str) -> list[dict[str, str]]:
    """FedRAMP's implementation status for a state (`_ssp_state`): "partial" and "planned"
    together for a shared control, the system's part planned.
    """
    if state == "implemented":
        return [{"name": "implementation-status", "ns": FEDRAMP_NS, "value": "implemented"}]
    if state == "planned":
        return [_planned("its part, listed under satisfied")]
    partial = {
        "name": "implementation-status",
        "ns": FEDRAMP_NS,
        "value": "partial",
        "remarks": "The provider's part is inherited from the leveraged services; the rest is the system's.",
    }
    return [partial, _planned("its part, listed under satisfied")]


def _planned(what: str) -> dict[str, str]:
    """FedRAMP's "planned" status, with a placeholder for the system's owner to fill in."""
    return {
        "name": "implementation-status",
        "ns": FEDRAMP_NS,
        "value": "planned",
        "remarks": PLACEHOLDER + f"how and when the system implements {what}.",
    }


def _inherited(group: list[Resolution], provided: str) -> str:
    """What the system inherits from a service for a control (``provided``, the provider's part
    as its export states it), and where the provider says so.
    """
    service = group[0].service.name
    cited = "; ".join(dict.fromkeys(s.title for r in group for s in r.sources))
    return (
        f"Inherited from {service}, which its provider operates under its own authorization: "
        + provided
        + (f"\nAs the provider's pages state: {cited}." if cited else "")
    )


def _by_control(resolutions: list[Resolution]) -> dict[str, dict[str, list[Resolution]]]:
    """NIST control id -> service id -> its resolutions, controls in the framework's order."""
    found: dict[str, dict[str, list[Resolution]]] = {}
    for (sid, cid), group in _by_nist(resolutions).items():
        found.setdefault(cid, {})[sid] = group
    return dict(sorted(found.items(), key=lambda item: _natural(item[0])))


def _customer_text(group: list[Resolution]) -> str:
    """What remains the customer's: its own parts, and what the provider only enables."""
    return "\n".join(
        t for t in (_part(group, Side.CUSTOMER), _part(group, Side.PROVIDER, (Role.ENABLES,))) if t
    )


def _export(group: list[Resolution], salt: str, sid: str, cid: str) -> tuple[dict[str, Any], str, str]:
    """A service's ``export`` for a control, and the uuids of its provided and responsibility
    entries ("" where it has none): what the provider performs is provided; what it only
    enables is part of the customer's responsibility, with the capability named.
    """
    provided_text = _part(group, Side.PROVIDER, (Role.PERFORMS,))
    customer_text = _customer_text(group)
    export: dict[str, Any] = {"description": f"How {group[0].service.name} meets {cid.upper()}."}
    provided = _uuid("provided", salt, sid, cid) if provided_text else ""
    responsibility = _uuid("responsibility", salt, sid, cid) if customer_text else ""
    if provided:
        export["provided"] = [
            {
                "uuid": provided,
                "description": provided_text,
                "responsible-roles": _roles(group, Side.PROVIDER, salt),
            }
        ]
    if responsibility:
        entry: dict[str, Any] = {
            "uuid": responsibility,
            "description": customer_text,
            "responsible-roles": _roles(group, Side.CUSTOMER, salt),
        }
        if provided:
            entry["provided-uuid"] = provided
        export["responsibilities"] = [entry]
    return export, provided, responsibility


def dumps(document: Mapping[str, Any]) -> str:
    """OSCAL JSON text, keys in a fixed order, so that equal documents are byte-identical."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def read_component_definition(text: str) -> dict[tuple[str, str], dict[str, set[str]]]:
    """Our reader of our component definitions: (component title, control id) -> role -> the
    statements' descriptions, for checking that an export says what it was given.
    """
    document = json.loads(text)["component-definition"]
    found: dict[tuple[str, str], dict[str, set[str]]] = {}
    for component in document.get("components", []):
        for implementation in component.get("control-implementations", []):
            for requirement in implementation.get("implemented-requirements", []):
                parts = found.setdefault((component["title"], requirement["control-id"]), {})
                for statement in requirement.get("statements", []):
                    for role in statement.get("responsible-roles", []):
                        parts.setdefault(role["role-id"], set()).add(statement["description"])
    return found
