"""Framework views: for a workload, every requirement of a framework that the dataset maps,
with its ownership and each party's duties — "what is still mine?".
"""

import re
from collections.abc import Iterable

import attrs

from ._catalog import Catalog, suggest
from ._model import Context, Duty, Ownership, Resolution, Role, Side
from ._resolver import resolve
from .errors import UnknownControlError

__all__ = ["FrameworkRequirement", "framework_view"]


@attrs.frozen(kw_only=True)
class FrameworkRequirement:
    """One requirement of a framework (``NIST-800-53:SI-2``) across a workload's services."""

    reference: str
    title: str
    resolutions: tuple[Resolution, ...]

    def __repr__(self) -> str:
        services = len({r.service.id for r in self.resolutions})
        return f"<FrameworkRequirement {self.reference}: {self.ownership.value} across {services} services>"

    @property
    def ownership(self) -> Ownership:
        """Who performs the requirement across the workload: the provider alone, both, or the
        customer (duties that only enable do not count).
        """
        return Ownership.of(
            d.party.side for r in self.resolutions for d in r.duties if d.role is Role.PERFORMS
        )

    @property
    def customer_duties(self) -> tuple[tuple[str, Duty], ...]:
        """What is still the customer's side's: (service id, duty) pairs."""
        return tuple(
            (r.service.id, d) for r in self.resolutions for d in r.duties if d.party.side is Side.CUSTOMER
        )


def _natural(reference: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", reference))


def framework_view(
    cat: Catalog, services: Iterable[str], framework: str = "NIST-800-53", context: Context | None = None
) -> tuple[FrameworkRequirement, ...]:
    """Every requirement of ``framework`` that the dataset maps, for a set of services, in the
    framework's own order.
    """
    prefix = framework.rstrip(":") + ":"
    frameworks = sorted({ref.split(":", 1)[0] for c in cat.controls for ref in c.references})
    mapped = {ref for c in cat.controls for ref in c.references if ref.startswith(prefix)}
    if not mapped:
        raise UnknownControlError(
            framework, suggest(framework, frameworks), f"no control maps to framework {framework!r}"
        )
    ids = [cat.service(s).id for s in services]
    view = []
    for ref in sorted(mapped, key=_natural):
        controls = cat.controls_for(ref)
        title = next((c.reference_titles[ref] for c in controls if ref in c.reference_titles), "")
        resolutions = tuple(resolve(cat, s, c.id, context) for s in ids for c in controls)
        view.append(FrameworkRequirement(reference=ref, title=title, resolutions=resolutions))
    return tuple(view)
