"""The vocabularies compliance products speak, and how an answer reads in each.

========  =================  ==================  ===============================  ========================
ours      aws                csa-ccm             fedramp                          oscal
========  =================  ==================  ===============================  ========================
PROVIDER  inherited          CSP-owned           sp-system                        provided
SHARED    shared             Shared CSP and CSC  sp-system, customer-configured   provided, responsibility
CUSTOMER  customer-specific  CSC-owned           customer-configured              responsibility
========  =================  ==================  ===============================  ========================

and Microsoft / Shared / Customer (azure), GOOGLE / SHARED / CUSTOMER (google).

Parties other than the provider (or the region's operator) and the customer are third parties.
On the customer's side they act for the customer, so every vocabulary reads them as the
customer. On the provider's side only CSA CCM has words for them (``3rd-party outsourced``,
``Shared CSP and 3rd-party``); the others raise `CrosswalkError`. FedRAMP values are written
from the provider's system security plan: what the provider does is ``sp-system``, or
``inherited`` where the provider's performing duties all sit on the infrastructure beneath the
service (facilities to host OS); what the customer does is ``customer-configured`` where the
provider enables it (a feature, a tool, a published patch) and ``customer-provided`` where the
provider has no part at all. Only performing duties decide the ownership (see `Role`).
"""

from ._catalog import suggest
from ._model import Ownership, Resolution, Role, Side
from .errors import CrosswalkError, UnknownVocabularyError

__all__ = ["VOCABULARIES", "crosswalk"]

_TABLE: dict[str, dict[Ownership, tuple[str, ...]]] = {
    "aws": {
        Ownership.PROVIDER: ("inherited",),
        Ownership.SHARED: ("shared",),
        Ownership.CUSTOMER: ("customer-specific",),
    },
    "csa-ccm": {
        Ownership.PROVIDER: ("CSP-owned",),
        Ownership.SHARED: ("Shared CSP and CSC",),
        Ownership.CUSTOMER: ("CSC-owned",),
    },
    "fedramp": {
        Ownership.PROVIDER: ("sp-system",),
        Ownership.SHARED: ("sp-system", "customer-configured"),
        Ownership.CUSTOMER: ("customer-configured",),
    },
    "oscal": {
        Ownership.PROVIDER: ("provided",),
        Ownership.SHARED: ("provided", "responsibility"),
        Ownership.CUSTOMER: ("responsibility",),
    },
    "azure": {
        Ownership.PROVIDER: ("Microsoft",),
        Ownership.SHARED: ("Shared",),
        Ownership.CUSTOMER: ("Customer",),
    },
    "google": {
        Ownership.PROVIDER: ("GOOGLE",),
        Ownership.SHARED: ("SHARED",),
        Ownership.CUSTOMER: ("CUSTOMER",),
    },
}

VOCABULARIES: tuple[str, ...] = tuple(_TABLE)


def crosswalk(resolution: Resolution, vocabulary: str) -> tuple[str, ...]:
    """The labels a resolution's ownership takes in another vocabulary (several where the
    vocabulary marks a shared control with several values, as FedRAMP does).
    """
    table = _TABLE.get(vocabulary)
    if table is None:
        raise UnknownVocabularyError(vocabulary, suggest(vocabulary, VOCABULARIES))
    provider_side = {d.party.id for d in resolution.duties if d.party.side is Side.PROVIDER}
    primary = {resolution.service.provider} | _operators(resolution)
    third = sorted(provider_side - primary)
    if not third:
        if vocabulary == "fedramp":
            return origination(resolution)
        return table[resolution.ownership]
    if vocabulary != "csa-ccm":
        raise CrosswalkError(
            f"{vocabulary} has no value for a provider-side third party ({', '.join(map(repr, third))})"
        )
    if resolution.ownership is Ownership.SHARED:
        return ("Shared CSP and CSC",)
    return ("Shared CSP and 3rd-party",) if provider_side & primary else ("3rd-party outsourced",)


_BENEATH = frozenset({"facilities", "hardware", "network-infrastructure", "virtualization", "host-os"})
"""The infrastructure layers a service inherits from the provider's platform beneath it."""


def origination(resolution: Resolution) -> tuple[str, ...]:
    """FedRAMP's control origination, from who performs and who only enables."""
    performs = [d for d in resolution.duties if d.role is Role.PERFORMS]
    provider = [d for d in performs if d.party.side is Side.PROVIDER]
    labels = []
    if provider:
        beneath = all(d.layer is not None and d.layer.id in _BENEATH for d in provider)
        labels.append("inherited" if beneath else "sp-system")
    if any(d.party.side is Side.CUSTOMER for d in performs):
        provider_part = any(d.party.side is Side.PROVIDER for d in resolution.duties)
        labels.append("customer-configured" if provider_part else "customer-provided")
    return tuple(labels)


def _operators(resolution: Resolution) -> set[str]:
    """The provider-side parties the context itself names (a region's operator). Where a
    context names an operator, every provider-side party counts as primary: a trail does not
    record which provider-side parties an override brought in.
    """
    return {
        d.party.id
        for d in resolution.duties
        if d.party.side is Side.PROVIDER and any(t.target == "provider" for t in resolution.trail)
    }
