"""Framework views: for a workload, every requirement of a framework that the dataset maps,
with its ownership and each party's duties — "what is still mine?".
"""

import re
from collections.abc import Iterable

import attrs

from ._catalog import Catalog, suggest
from ._model import Context, Duty, Ownership, Resolution, Role, Side, _counts, _Shown
from ._resolver import resolve
from .errors import UnknownControlError

__all__ = ["FrameworkRequirement", "FrameworkView", "framework_view"]


@attrs.frozen(kw_only=True)
class FrameworkRequirement:
    """One requirement of a framework (``NIST-800-53:SI-2``) across a workload's services."""

    reference: str
    title: str
    resolutions: tuple[Resolution, ...]
    note: str = ""
    """How the reference asked for was read, where it was not found as written."""

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
    """``ac-2`` before ``ac-10``."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", reference))


class FrameworkView(_Shown, tuple[FrameworkRequirement, ...]):
    """The requirements of a framework for a workload, in the framework's order: a tuple that
    shows as a table in notebooks, converts to a DataFrame and exports to every format.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<FrameworkView of {len(self)} requirements: {_counts(r.ownership for r in self)}>"


_OSCAL_FORM = re.compile(r"([a-z]{2})-(\d+)\.(\d+)", re.IGNORECASE)
_ENHANCEMENT = re.compile(r"(.+)\(\d+\)")


def framework_view(
    cat: Catalog,
    services: Iterable[str],
    framework: str = "NIST-800-53",
    context: Context | None = None,
    controls: Iterable[str] | None = None,
) -> FrameworkView:
    """Every requirement of ``framework`` that the dataset maps, for a set of services, in the
    framework's own order; or only ``controls``, given as references of any framework
    (``"CCM:BCR-08"``) or bare ids of this one (``"SI-2"``, ``"si-2"``, OSCAL's ``"sc-8.1"``).
    An enhancement the dataset does not map (``SI-2(2)``) is answered by its base control,
    and the requirement's ``note`` says so.
    """
    prefix = framework.rstrip(":") + ":"
    references = {ref for c in cat.controls for ref in c.references}
    mapped = {ref for ref in references if ref.startswith(prefix)}
    if not mapped:
        frameworks = sorted({ref.split(":", 1)[0] for ref in references})
        raise UnknownControlError(
            framework, suggest(framework, frameworks), f"no control maps to framework {framework!r}"
        )
    ids = [cat.service(s).id for s in services]
    if controls is None:
        wanted = [(ref, "") for ref in sorted(mapped, key=_natural)]
    else:
        wanted = list(dict.fromkeys(_asked(name, prefix, references) for name in controls))
    view = []
    for ref, note in wanted:
        found = cat.controls_for(ref)
        title = next((c.reference_titles[ref] for c in found if ref in c.reference_titles), "")
        resolutions = tuple(resolve(cat, s, c.id, context) for s in ids for c in found)
        view.append(FrameworkRequirement(reference=ref, title=title, resolutions=resolutions, note=note))
    return FrameworkView(view)


def _asked(name: str, prefix: str, references: set[str]) -> tuple[str, str]:
    """The mapped reference a name asks for, and a note where it was read otherwise."""
    bare = name.strip()
    if ":" not in bare:
        oscal = _OSCAL_FORM.fullmatch(bare)
        bare = prefix + (f"{oscal[1]}-{oscal[2]}({oscal[3]})" if oscal else bare).upper()
    ref = bare.upper()
    framework = ref.partition(":")[0]
    if ref in references:
        return ref, ""
    enhancement = _ENHANCEMENT.fullmatch(ref)
    base = enhancement[1] if enhancement else ""
    if base in references:
        return base, f"{ref} is not mapped by the dataset; its base control {base} answers"
    same = [r for r in references if r.startswith(framework + ":")] or list(references)
    raise UnknownControlError(
        name, suggest(ref, same), f"no control of the dataset maps to {name!r} (read as {ref!r})"
    )
