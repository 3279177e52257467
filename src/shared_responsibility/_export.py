"""Exports: resolutions, splits, matrices, workloads and inventories as CSV, Markdown or JSON.

Every export is deterministic text. CSV is shaped as a customer responsibility matrix and is
safe to open in spreadsheet programs: a cell that starts with ``=``, ``+``, ``-``, ``@`` (or a
tab or carriage return) is prefixed with an apostrophe, so it is never read as a formula.
"""

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ._answers import Change, DutyChange, LayerResolution, Workload, WorkloadDuty
from ._catalog import suggest
from ._crosswalk import origination
from ._inventory import InventoryItem
from ._model import Origin, Resolution, Side
from ._views import FrameworkRequirement
from .errors import ExportError, UnknownFormatError

__all__ = ["FORMATS", "export", "rows"]

FORMATS = ("csv", "markdown", "json", "oscal-component-definition", "oscal-ssp")

Row = dict[str, Any]


def _duties(duties: Iterable[Any], side: Side | None = None) -> list[str]:
    """The duties in words (``holder: text``), of one side or of both."""
    return [f"{d.holder}: {d.text}" for d in duties if side is None or d.party.side is side]


def _resolution(r: Resolution, **extra: str) -> Row:
    return {
        **extra,
        "service": r.service.id,
        "control": r.control.id,
        "references": list(r.control.references),
        "ownership": r.ownership.value,
        "control_type": r.ownership.control_type,
        "provider_duties": _duties(r.duties, Side.PROVIDER),
        "customer_duties": _duties(r.duties, Side.CUSTOMER),
        "trail": [f"{t.origin.value}: {t.name} -> {t.target}" for t in r.trail],
        "reasons": [f"{t.name}: {t.note}" for t in r.trail if t.origin is Origin.OVERRIDE and t.note],
        "fedramp": list(origination(r)),
        "sources": [s.url for s in r.sources],
    }


def _layer(layer_id: str, lr: LayerResolution) -> Row:
    return {
        "layer": layer_id,
        "ownership": lr.ownership.value,
        "parties": [p.name for p in lr.parties],
        "provider_duties": _duties(lr.duties, Side.PROVIDER),
        "customer_duties": _duties(lr.duties, Side.CUSTOMER),
        "sources": [s.url for s in lr.sources],
    }


def _workload(target: str, d: WorkloadDuty, references: Mapping[str, list[str]]) -> Row:
    row: Row = {"target": target, "party": d.party.name, "duty": d.text, "services": list(d.services)}
    if target in references:  # grouped by control: the frameworks' ids of the control
        row["references"] = references[target]
    return row


def _change(change: Change) -> Row:
    return {
        "kind": change.kind,
        "what": change.what,
        "before": change.before.value,
        "after": change.after.value,
    }


def _duty_change(change: DutyChange) -> Row:
    return {
        "kind": change.kind,
        "what": change.what,
        "change": change.change,
        "before": _duties(change.before),
        "after": _duties(change.after),
    }


def _requirement(fr: FrameworkRequirement) -> Row:
    return {
        "reference": fr.reference,
        "title": fr.title,
        "ownership": fr.ownership.value,
        "services": list(dict.fromkeys(r.service.id for r in fr.resolutions)),
        "customer_duties": [f"{service}: {d.holder}: {d.text}" for service, d in fr.customer_duties],
        "note": fr.note,
    }


def _item(item: InventoryItem) -> list[Row]:
    if not item.placed:
        return [
            {
                "resource": item.resource,
                "type": item.type or "",
                "service": "",
                "control": "",
                "reason": item.reason,
            }
        ]
    return [_resolution(r, resource=item.resource, type=item.type or "") for r in item.resolutions]


_ELEMENTS: dict[type, Callable[[Any], list[Row]]] = {
    Resolution: lambda r: [_resolution(r)],
    InventoryItem: _item,
    Change: lambda c: [_change(c)],
    DutyChange: lambda c: [_duty_change(c)],
    FrameworkRequirement: lambda r: [_requirement(r)],
}
"""The rows of each kind of element a result is made of."""


def rows(obj: Any) -> list[Row]:
    """The rows an export of this object holds: one per resolution, layer, duty, change,
    requirement or resource.
    """
    make = _ELEMENTS.get(type(obj))
    if make is not None:
        return make(obj)
    if isinstance(obj, Mapping):
        values = list(obj.values())
        if all(isinstance(v, LayerResolution) for v in values):
            return [_layer(k, v) for k, v in obj.items()]
        if all(isinstance(v, tuple) and all(isinstance(d, WorkloadDuty) for d in v) for v in values):
            resolutions = obj.resolutions if isinstance(obj, Workload) else ()
            references = {r.control.id: list(r.control.references) for r in resolutions}
            return [_workload(k, d, references) for k, duties in obj.items() for d in duties]
    elif isinstance(obj, Iterable) and not isinstance(obj, str | bytes):
        out: list[Row] = []
        for element in obj:
            make = _ELEMENTS.get(type(element))
            if make is None:
                raise ExportError(f"cannot export a {type(element).__name__} inside a sequence")
            out += make(element)
        return out
    kinds = "a resolution, a split, a matrix, a workload, a comparison, a framework view or inventory results"
    raise ExportError(f"cannot export a {type(obj).__name__}; export {kinds}")


def _text(value: Any) -> str:
    return "; ".join(map(str, value)) if isinstance(value, list) else str(value)


def _safe(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def _csv(table: list[Row]) -> str:
    out = io.StringIO()
    if table:
        writer = csv.DictWriter(out, fieldnames=_columns(table), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: _safe(_text(v)) for k, v in row.items()} for row in table)
    return out.getvalue()


def _columns(table: list[Row]) -> list[str]:
    return list(dict.fromkeys(k for row in table for k in row))


def _cell(value: Any) -> str:
    return _text(value).replace("|", "\\|").replace("\n", " ")


def _markdown(table: list[Row]) -> str:
    if not table:
        return ""
    columns = _columns(table)
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_cell(row.get(c, "")) for c in columns) + " |" for row in table]
    return "\n".join(lines) + "\n"


def export(
    obj: Any,
    format: str,  # noqa: A002 (the design's name)
    *,
    system_name: str | None = None,
    profile: str | None = None,
) -> str:
    """Text for a resolution, a split, a matrix, a workload, a shift, a framework view or
    inventory results, in one of `FORMATS`. An ``oscal-ssp`` is a whole system security plan:
    ``system_name`` names the system (by default, after its services) and ``profile`` is the
    href of the baseline it imports (NIST SP 800-53 Rev. 5 Moderate by default), or the id of a
    baseline the package knows (``fedramp-rev5-moderate``, ``nist-800-53-rev5-moderate``), whose
    every control the plan then lists.
    """
    if format not in FORMATS:
        raise UnknownFormatError(format, suggest(format, FORMATS))
    if format != "oscal-ssp" and (system_name is not None or profile is not None):
        raise ExportError(f"system_name and profile are for an oscal-ssp export, not {format}")
    if format.startswith("oscal-"):
        return _oscal(obj, format, system_name, profile)
    table = rows(obj)
    if format == "csv":
        return _csv(table)
    if format == "markdown":
        return _markdown(table)
    return json.dumps(table, indent=2, ensure_ascii=False) + "\n"


def _resolutions(obj: Any) -> list[Resolution]:
    if isinstance(obj, Resolution):
        return [obj]
    if isinstance(obj, Workload | FrameworkRequirement | InventoryItem):
        return list(obj.resolutions)
    if isinstance(obj, Iterable) and not isinstance(obj, Mapping | str | bytes):
        found: list[Resolution] = []
        for element in obj:
            found += _resolutions(element)
        return found
    kinds = "a resolution, a matrix, a workload, a framework view or inventory results"
    raise ExportError(f"an OSCAL export takes resolutions ({kinds}), not a {type(obj).__name__}")


def _oscal(obj: Any, format: str, system_name: str | None, profile: str | None) -> str:  # noqa: A002
    from . import _oscal

    chosen = _resolutions(obj)
    if not chosen:
        raise ExportError("nothing to export: no resolutions")
    names = ", ".join(dict.fromkeys(r.service.name for r in chosen))
    if format == "oscal-ssp":
        name = system_name or f"A system on {names}"
        return _oscal.dumps(_oscal.system_security_plan(chosen, name, profile or _oscal.DEFAULT_PROFILE))
    return _oscal.dumps(_oscal.component_definition(chosen, f"Shared responsibility: {names}"))
