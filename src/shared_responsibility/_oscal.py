"""OSCAL: a component definition per service or workload, and an SSP ``by-components``
fragment whose ``export.provided`` and ``export.responsibilities`` are linked by
``provided-uuid``. Identifiers are uuid5 of the content, so equal data exports byte-identical.

Each implemented requirement carries a NIST SP 800-53 Rev. 5 control id (``si-2``,
``sc-8.1``), the roles holding a part, and one statement per side: what the provider does and
what remains the customer's. Several of our controls can map to one NIST control; their parts
are merged under it.
"""

import hashlib
import json
import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from ._model import Resolution, Role, Side

__all__ = ["OSCAL_VERSION", "component_definition", "read_component_definition", "ssp_fragment"]

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


def _natural(text: str) -> tuple[object, ...]:
    """``ac-2`` before ``ac-10``."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


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


def _context_title(r: Resolution) -> str:
    props = [p["value"] if p["name"] == "option" else f"{p['name']} {p['value']}" for p in _context_props(r)]
    props = [p for p in props if p != "deployment region"]
    return f" ({', '.join(props)})" if props else ""


def _origination(group: list[Resolution]) -> list[str]:
    from ._crosswalk import _origination as origination

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


def component_definition(resolutions: Iterable[Resolution], title: str) -> dict[str, Any]:
    """An OSCAL component definition: one component per service of the resolutions, one
    statement per control with every party's part, the sources as back-matter resources.
    """
    chosen = list(resolutions)
    grouped = _by_nist(chosen)
    salt = _salt(title, chosen)
    resources: dict[tuple[str, str], dict[str, Any]] = {}  # a page once, however many cite it
    for r in chosen:
        for source in r.sources:
            key = (source.url, source.title)
            if key not in resources:
                rid = _uuid("resource", salt, *key)
                resources[key] = {"uuid": rid, "title": source.title, "rlinks": [{"href": source.url}]}
    components = []
    for service in dict.fromkeys(r.service for r in chosen):
        requirements = []
        first = next(r for r in chosen if r.service is service)
        for (sid, cid), group in grouped.items():
            if sid != service.id:
                continue
            text = _statement_text(group)
            links = [
                {"href": f"#{resources[key]['uuid']}", "rel": "reference"}
                for key in dict.fromkeys((s.url, s.title) for r in group for s in r.sources)
            ]
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
        props = _context_props(first)
        if props:
            component["props"] = props
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


def ssp_fragment(resolutions: Iterable[Resolution], title: str) -> dict[str, Any]:
    """An SSP ``control-implementation`` whose ``by-components`` export what the provider
    provides and what remains the customer's responsibility, linked by ``provided-uuid``; its
    components and parties are those of the component definition of the same resolutions.
    """
    chosen = list(resolutions)
    salt = _salt(title, chosen)
    grouped = _by_nist(chosen)
    by_control: dict[str, list[dict[str, Any]]] = {}
    for (sid, cid), group in grouped.items():
        # What the provider performs is provided; what it only enables is part of the customer's
        # responsibility, with the capability named.
        provided_text = _part(group, Side.PROVIDER, (Role.PERFORMS,))
        customer_text = "\n".join(
            t for t in (_part(group, Side.CUSTOMER), _part(group, Side.PROVIDER, (Role.ENABLES,))) if t
        )
        export: dict[str, Any] = {"description": f"How {group[0].service.name} meets {cid.upper()}."}
        provided_uuid = _uuid("provided", salt, sid, cid)
        if provided_text:
            export["provided"] = [
                {
                    "uuid": provided_uuid,
                    "description": provided_text,
                    "responsible-roles": _roles(group, Side.PROVIDER, salt),
                }
            ]
        if customer_text:
            responsibility: dict[str, Any] = {
                "uuid": _uuid("responsibility", salt, sid, cid),
                "description": customer_text,
                "responsible-roles": _roles(group, Side.CUSTOMER, salt),
            }
            if provided_text:
                responsibility["provided-uuid"] = provided_uuid
            export["responsibilities"] = [responsibility]
        by_control.setdefault(cid, []).append(
            {
                "component-uuid": _uuid("component", salt, sid),
                "uuid": _uuid("by-component", salt, sid, cid),
                "description": "; ".join(f"{r.control.title}: {r.ownership.control_type}" for r in group),
                "export": export,
            }
        )
    requirements = [
        {"uuid": _uuid("ssp-requirement", salt, cid), "control-id": cid, "by-components": components}
        for cid, components in by_control.items()
    ]
    return {
        "control-implementation": {
            "description": "What the provider provides, and what remains the customer's responsibility.",
            "implemented-requirements": requirements,
        }
    }


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
