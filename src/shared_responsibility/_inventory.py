"""Inventories: per-resource responsibilities for what users actually have.

The adapters (`shared_responsibility.adapters`) turn a document into resources; this module
places each on a service and resolves it. Results stream, one per resource, in the source's
order; a resource that cannot be placed is reported with the reason, never dropped. Where a
resource's own configuration decides an option (an ECS launch type, a Lambda package type …),
the option's evidence rules in the dataset read it, and the trail says so; where the document
hides the value (an intrinsic function, a value known after apply), the default is assumed and
the trail says why.
"""

import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import attrs

from ._catalog import Catalog
from ._limits import Limits, chosen, deeper_than
from ._model import Context, FrozenMap, Resolution, Service
from ._references import arm_service, service_for
from ._resolver import check_context, resolve
from .adapters import Resource, read_option, read_path, resources
from .adapters._evidence import lookup
from .errors import InventoryError, SharedResponsibilityError

__all__ = ["InventoryItem", "inventory", "read_document"]


@attrs.frozen(kw_only=True)
class InventoryItem:
    """One resource of an inventory and who is responsible for it; ``reason`` says why it could
    not be placed (then ``service`` is None and there are no resolutions).
    """

    resource: str
    type: str | None
    service: Service | None
    context: Context | None
    resolutions: tuple[Resolution, ...] = ()
    reason: str = ""
    where: str = ""
    """Where the resource is in its source (``template.yaml: Resources.Queue``)."""
    note: str = ""
    """How the resource came about, where the document does not list it itself (SAM)."""

    def __repr__(self) -> str:
        found = (
            f"{self.service.id}, {len(self.resolutions)} answers"
            if self.service
            else f"not placed: {self.reason}"
        )
        text = f"<InventoryItem {self.resource!r}: {found}>"
        return text if len(text) <= 200 else text[:198] + "…>"

    @property
    def placed(self) -> bool:
        """True when the resource was matched to a service and resolved."""
        return self.service is not None


# Resource types whose service depends on a property of the resource.
_REFINE: dict[str, Callable[[Mapping[str, Any]], str | None]] = {
    "AWS::RDS::DBInstance": lambda p: "aurora" if _text(p, "Engine").startswith("aurora") else None,
    "aws_db_instance": lambda p: "aurora" if _text(p, "engine").startswith("aurora") else None,
    "AWS::FSx::FileSystem": lambda p: "fsx-lustre" if _text(p, "FileSystemType") == "lustre" else None,
    # Azure: one ARM type, told apart by the resource's kind (types matched without case)
    "microsoft.web/sites": lambda p: "azure-functions" if "functionapp" in _text(p, "kind") else None,
    "microsoft.cognitiveservices/accounts": lambda p: (
        "azure-openai" if _text(p, "kind") == "openai" else None
    ),
}


def _text(props: Mapping[str, Any], key: str) -> str:
    value = lookup(props, key)
    return value.casefold() if isinstance(value, str) else ""


@attrs.frozen
class _Job:
    """What every resource of one inventory is resolved against."""

    cat: Catalog
    base: Context
    controls: tuple[str, ...]
    limits: Limits
    source: str
    placed: dict[Any, tuple[Service, Context, tuple[Resolution, ...]]] = attrs.field(factory=dict)


def _service(job: _Job, res: Resource) -> tuple[Service, Context]:
    """The service a resource is placed by, and the context its reference implies. Unknown
    types are answered from the catalog's index alone (no suggestions: they cost more than
    placing a resource, and the type is what the user needs to see).
    """
    ref = res.ref or ""
    if res.format in _TYPED or ("::" in ref and not ref.startswith("arn:")):
        arm = res.format in ("arm", "resource-graph")
        found = arm_service(job.cat, ref) if arm else job.cat.get_service(ref)
        if found is None:
            kind = _TYPED.get(res.format, "resource type")
            raise InventoryError(f"no service in the catalog lists the {kind} {ref!r}")
        return found, Context()
    return service_for(job.cat, ref, job.limits)


_TYPED = {
    "terraform": "Terraform resource type",
    "arm": "ARM resource type",
    "resource-graph": "ARM resource type",
    "asset-inventory": "Cloud Asset Inventory asset type",
}
"""The formats whose resources are placed by their type alone, and what they call it."""


_Reads = tuple[tuple[str, tuple[str, str]], ...]


def _reads(service: Service, res: Resource) -> _Reads:
    """What the resource's properties say of each of the service's options."""
    found = []
    for option in service.options:
        read = read_option(option, res)
        if read is not None:
            found.append((option.id, read))
    return tuple(found)


def _context(
    job: _Job, service: Service, region: str | None, partition: str | None, reads: _Reads
) -> Context:
    options = dict(job.base.options)
    evidence = dict(job.base.evidence)
    for option_id, (value, why) in reads:
        key = f"{service.id}.{option_id}"
        if value:
            options[key] = value
            evidence[key] = f"set from the resource's configuration: {why}"
        else:
            options.pop(key, None)
            evidence[key] = why
    return attrs.evolve(
        job.base,
        partition=None if region else partition,
        region=region,
        options=FrozenMap(options),
        evidence=FrozenMap(evidence),
    )


def _placed(job: _Job, res: Resource) -> tuple[Service, Context, tuple[Resolution, ...]]:
    """The service, context and answers of one resource. Resources alike in what decides
    (service, region, partition, what their properties say of the options) share one answer,
    worked out once per inventory.
    """
    if res.unplaced:
        raise InventoryError(res.unplaced)
    if not res.ref:
        raise InventoryError("no resource type or ARN to place it by")
    service, found = _service(job, res)
    refine = _REFINE.get(res.type or "") or _REFINE.get((res.type or "").casefold())
    refined = refine(res.properties) if refine is not None else None
    if refined is not None:
        service = job.cat.get_service(refined) or service
    reads = _reads(service, res)
    region = found.region or res.region or job.base.region
    partition = None if region else (found.partition or res.partition or job.base.partition)
    key = (service.id, region, partition, reads)
    cached = job.placed.get(key)
    if cached is None:
        context = _context(job, service, region, partition, reads)
        check_context(job.cat, context)
        resolutions = tuple(resolve(job.cat, service.id, c, context) for c in job.controls)
        cached = job.placed[key] = (service, context, resolutions)
    return cached


def _item(job: _Job, res: Resource) -> InventoryItem:
    where = f"{job.source}: {res.where}" if job.source else res.where
    try:
        service, context, resolutions = _placed(job, res)
    except SharedResponsibilityError as e:
        return InventoryItem(
            resource=res.name,
            type=res.type,
            service=None,
            context=None,
            reason=str(e),
            where=where,
            note=res.note,
        )
    return InventoryItem(
        resource=res.name,
        type=res.type,
        service=service,
        context=context,
        resolutions=resolutions,
        where=where,
        note=res.note,
    )


def _streamed(source: Any) -> bool:
    """Whether a source yields its resources one at a time rather than holding them all (a
    generator, a JSON Lines file, a large snapshot read item by item): memory stays bounded
    however many there are, so `Limits.max_entries` does not apply.
    """
    if isinstance(source, Mapping):
        items = source.get("configurationItems")
        return items is not None and not isinstance(items, list | tuple)
    return not isinstance(source, list | tuple)


def _items(job: _Job, found: Iterable[Resource], bounded: bool) -> Iterator[InventoryItem]:
    for n, res in enumerate(found):
        if bounded and n >= job.limits.max_entries:
            label = job.source or "the document"
            raise InventoryError(
                f"{label}: more than {job.limits.max_entries} resources (Limits.max_entries)"
            )
        yield _item(job, res)


def read_document(path: "str | os.PathLike[str]", limits: Limits | None = None) -> Any:
    """A document from a file, whatever its encoding and form (see `adapters.read_path`)."""
    return read_path(path, limits)


def inventory(
    cat: Catalog,
    source: Any,
    controls: Iterable[str] | None = None,
    context: Context | None = None,
    limits: Limits | None = None,
    *,
    name: str = "",
) -> Iterator[InventoryItem]:
    """Who is responsible for each resource of an inventory: a CloudFormation or SAM template,
    an AWS Config snapshot, item list or query result, Terraform ``show -json`` output of a
    plan or a state, an iterable of references, or a file (`pathlib.Path`) holding any of
    these. Yields one `InventoryItem` per resource, in order; ``limits`` (`Limits()` for None)
    bounds what an untrusted source may hold; ``name`` names the source in messages (a path
    names itself).
    """
    limits = chosen(limits)
    wanted = (
        tuple(cat.control(c).id for c in controls)
        if controls is not None
        else tuple(c.id for c in cat.controls)
    )
    if isinstance(source, os.PathLike):
        name = name or str(source)
        source = read_path(source, limits)
    if isinstance(source, str | bytes):
        raise InventoryError("pass a list of references, a parsed document or a pathlib.Path, not a string")
    job = _Job(cat, context or Context(), wanted, limits, name)
    check_context(cat, job.base)
    label = name or "the document"
    if isinstance(source, Mapping | list) and deeper_than(source, limits.max_depth):
        raise InventoryError(f"{label}: nests more than {limits.max_depth} deep (Limits.max_depth)")
    return _items(job, resources(source, label), bounded=not _streamed(source))
