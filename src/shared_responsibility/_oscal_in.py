"""OSCAL in: the overrides that tailor a catalog to a provider's or a leveraged system's own
OSCAL document (a component definition or an SSP, such as a FedRAMP package's customer
responsibility matrix), each with a reason that points at the statement it came from.

Our own exports say, per control of the dataset, which parties perform (``performer`` props in
this library's namespace), so reading them back is exact. Other documents are read through
what OSCAL and FedRAMP define: a component's title names the service, a requirement's NIST
control id names the dataset's controls that map to it, and the parties come from the
responsible roles (``provider`` and ``customer``), from ``export`` (``provided`` is the
provider's, ``responsibilities`` the customer's) or from FedRAMP's control origination.
"""

import json
from collections.abc import Iterator, Mapping
from typing import Any

from ._catalog import Catalog
from ._model import Override, Party, Side
from ._oscal import FEDRAMP_NS, OUR_NS
from .errors import CatalogError, UnknownNameError

__all__ = ["overrides_from_oscal"]

_ORIGINATION = {  # FedRAMP's control origination -> the sides that perform
    "sp-corporate": {Side.PROVIDER},
    "sp-system": {Side.PROVIDER},
    "inherited": {Side.PROVIDER},
    "shared": {Side.PROVIDER, Side.CUSTOMER},
    "customer-configured": {Side.CUSTOMER},
    "customer-provided": {Side.CUSTOMER},
    "hybrid": {Side.PROVIDER, Side.CUSTOMER},
}
_SIDES = {"provider": Side.PROVIDER, "customer": Side.CUSTOMER}


def overrides_from_oscal(
    cat: Catalog, document: str | bytes | Mapping[str, Any]
) -> tuple[tuple[Override, ...], tuple[Party, ...]]:
    """The overrides an OSCAL component definition or SSP implies for ``cat``, and the parties
    it names that the catalog lacks: ``cat.with_overrides(*overrides_from_oscal(cat, doc))``.
    Raises `CatalogError` listing every part of the document that cannot be read.
    """
    try:
        data = json.loads(document) if isinstance(document, str | bytes) else document
    except ValueError as bad:  # not JSON (nor UTF-8)
        raise CatalogError([f"document: not JSON ({bad})"]) from None
    try:
        reader = _Reader(cat, data)
        overrides = tuple(reader.overrides())
    except (AttributeError, TypeError) as bad:  # JSON, but not shaped as OSCAL's
        raise CatalogError([f"document: not shaped as OSCAL JSON ({bad})"]) from bad
    if reader.problems:
        raise CatalogError(reader.problems)
    return overrides, tuple(reader.new_parties.values())


class _Reader:
    def __init__(self, cat: Catalog, data: Any) -> None:
        self.cat = cat
        self.problems: list[str] = []
        self.new_parties: dict[str, Party] = {}
        if not isinstance(data, Mapping):
            data = {}
        kinds = [
            k for k in ("component-definition", "system-security-plan") if isinstance(data.get(k), Mapping)
        ]
        if not kinds:
            self.problems.append("document: neither an OSCAL component-definition nor a system-security-plan")
            self.body: Mapping[str, Any] = {}
            self.kind = ""
        else:
            self.kind = kinds[0]
            self.body = data[self.kind]
        metadata = self.body.get("metadata", {})
        self.title = str(metadata.get("title", "untitled"))
        self.parties = {p.get("uuid"): str(p.get("name", "")) for p in metadata.get("parties", [])}

    def overrides(self) -> Iterator[Override]:
        found: dict[tuple[str, str], tuple[set[str], list[str]]] = {}
        for service, requirement, where, entries in self._requirements():
            for control, parties in self._parties(service, requirement, entries, where):
                reason = f"OSCAL {self.kind} '{self.title}', {where}"
                held, reasons = found.setdefault((service, control), (set(), []))
                held.update(parties)
                reasons.append(reason)
        for (service, control), (parties, reasons) in found.items():
            if parties:
                yield Override(
                    service=service, target=control, parties=tuple(sorted(parties)), reason="; ".join(reasons)
                )

    def _requirements(self) -> Iterator[tuple[str, Mapping[str, Any], str, list[Mapping[str, Any]]]]:
        """(service id, requirement or by-component, its location, its statements or exports)."""
        if self.kind == "component-definition":
            for c, component in enumerate(self.body.get("components", [])):
                service = self._service(component, f"components[{c}]")
                if service is None:
                    continue
                for implementation in component.get("control-implementations", []):
                    for requirement in implementation.get("implemented-requirements", []):
                        where = f"{requirement.get('control-id')} (requirement {requirement.get('uuid')})"
                        yield service, requirement, where, list(requirement.get("statements", []))
        elif self.kind == "system-security-plan":
            components = self.body.get("system-implementation", {}).get("components", [])
            services = {}
            for c, component in enumerate(components):
                if component.get("type") != "this-system":
                    service = self._service(component, f"system-implementation.components[{c}]")
                    if service is not None:
                        services[component.get("uuid")] = service
            requirements = self.body.get("control-implementation", {}).get("implemented-requirements", [])
            for requirement in requirements:
                for by in requirement.get("by-components", []):
                    service = services.get(by.get("component-uuid"))
                    if service is None:
                        continue
                    export = by.get("export", {})
                    entries: list[Mapping[str, Any]] = [
                        *({**p, "side": "provider"} for p in export.get("provided", [])),
                        *({**p, "side": "customer"} for p in export.get("responsibilities", [])),
                    ]
                    merged = {**by, "control-id": requirement.get("control-id")}
                    where = f"{requirement.get('control-id')} (by-component {by.get('uuid')})"
                    yield service, merged, where, entries

    def _service(self, component: Mapping[str, Any], where: str) -> str | None:
        named = [
            p.get("value")
            for p in component.get("props", [])
            if p.get("ns") == OUR_NS and p.get("name") == "service"
        ]
        title = str(component.get("title", ""))
        candidates = named or [title, title.split(" (", 1)[0]]
        for candidate in candidates:
            try:
                return self.cat.service(candidate).id
            except UnknownNameError:
                continue
        self.problems.append(f"{where}: component {title!r} names no service of the catalog")
        return None

    def _parties(
        self, service: str, requirement: Mapping[str, Any], entries: list[Mapping[str, Any]], where: str
    ) -> Iterator[tuple[str, set[str]]]:
        """(dataset control, the parties that perform it) for one requirement."""
        props = requirement.get("props", [])
        performers: dict[str, set[str]] = {}
        for p in props:
            if p.get("ns") == OUR_NS and p.get("name") == "performer":
                performers.setdefault(str(p.get("class")), set()).add(str(p.get("value")))
        if performers:  # our own export: exact, per control of the dataset
            for control, parties in performers.items():
                unknown = sorted(p for p in parties if p not in {q.id for q in self.cat.parties})
                if unknown:
                    self.problems.append(f"{where}: unknown parties {', '.join(unknown)}")
                    continue
                yield control, parties
            return
        controls = self._controls(str(requirement.get("control-id", "")), where)
        parties = self._roles(service, entries)
        if not parties:  # FedRAMP's origination, where no role names a party
            sides = set().union(
                *(
                    _ORIGINATION.get(str(p.get("value")), set())
                    for p in props
                    if p.get("ns") == FEDRAMP_NS and p.get("name") == "control-origination"
                )
            )
            parties = {self._side_party(service, side) for side in sides}
        if not parties:
            self.problems.append(f"{where}: says no party that performs it")
        for control in controls:
            yield control, parties

    def _controls(self, control_id: str, where: str) -> list[str]:
        """The dataset's controls that map to a NIST control id (``sc-8.1`` -> ``SC-8(1)``)."""
        base, _, enhancement = control_id.upper().partition(".")
        reference = "NIST-800-53:" + base + (f"({enhancement})" if enhancement else "")
        found = [c.id for c in self.cat.controls if reference in c.references]
        if not found:
            self.problems.append(f"{where}: no control of the catalog maps to {control_id!r}")
        return found

    def _roles(self, service: str, entries: list[Mapping[str, Any]]) -> set[str]:
        parties: set[str] = set()
        for entry in entries:
            roles = entry.get("responsible-roles", [])
            if not roles and entry.get("side"):
                parties.add(self._side_party(service, _SIDES[entry["side"]]))
            for role in roles:
                side = _SIDES.get(str(role.get("role-id")))
                if side is None:
                    continue
                uuids = role.get("party-uuids") or []
                if not uuids:
                    parties.add(self._side_party(service, side))
                for uuid in uuids:
                    parties.add(self._party(self.parties.get(uuid, ""), side, service))
        return parties

    def _side_party(self, service: str, side: Side) -> str:
        return self.cat.service(service).provider if side is Side.PROVIDER else "customer"

    def _party(self, name: str, side: Side, service: str) -> str:
        """A catalog party by id, name or the short form of its name ("Sinnet"), without case;
        or a new one of that side for a name the catalog lacks.
        """
        if not name:
            return self._side_party(service, side)
        wanted = name.casefold()
        for party in self.cat.parties:
            if wanted in {party.id.casefold(), party.name.casefold(), party.short_name.casefold()}:
                return party.id
        pid = "-".join(name.lower().split())
        self.new_parties.setdefault(pid, Party(id=pid, name=name, side=side))
        return pid
