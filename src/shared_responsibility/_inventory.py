"""Inventories: per-resource responsibilities for what users actually have.

A CloudFormation template (``Resources`` with ``Type`` and ``Properties``), an AWS Config
snapshot or list of configuration items (``resourceType``, ``ARN``, ``awsRegion``,
``configuration``), or an iterable of references (ARNs, resource types, principals, endpoints).
Results stream, one per resource, in the source's order; a resource that cannot be placed is
reported with the reason, never dropped. Where a resource's own configuration decides an
option (an ECS launch type, a Lambda package type …), the option is set and the trail says so.
"""

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs

from ._catalog import Catalog
from ._limits import DEFAULT_LIMITS, Limits, deeper_than
from ._model import Context, FrozenMap, Resolution, Service
from ._references import service_for
from ._resolver import check_context, resolve
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

    @property
    def placed(self) -> bool:
        """True when the resource was matched to a service and resolved."""
        return self.service is not None


def _get(props: Any, *path: str) -> Any:
    """A nested property, tolerant of CloudFormation's PascalCase and Config's camelCase."""
    value = props
    for key in path:
        if not isinstance(value, Mapping):
            return None
        lower = key[0].lower() + key[1:]
        value = value.get(key, value.get(lower, value.get(key.lower())))
    return value


def _upper(value: Any) -> str:
    return value.upper() if isinstance(value, str) else ""


# Each reader returns the options the resource's own configuration decides, with the evidence.
Options = dict[str, tuple[str, str]]


def _ecs(rtype: str, props: Any) -> Options:
    launch = _upper(_get(props, "LaunchType"))
    if launch in ("FARGATE", "EC2"):
        return {"compute": (launch.lower(), f"LaunchType = {launch}")}
    strategy = _get(props, "CapacityProviderStrategy")
    if isinstance(strategy, list) and strategy:
        names = [_upper(_get(item, "CapacityProvider")) for item in strategy]
        fargate = all(n.startswith("FARGATE") for n in names)
        return {"compute": ("fargate" if fargate else "ec2", f"capacity providers {', '.join(names)}")}
    needs = _get(props, "RequiresCompatibilities")
    if isinstance(needs, list) and [_upper(n) for n in needs] == ["FARGATE"]:
        return {"compute": ("fargate", "RequiresCompatibilities = FARGATE")}
    return {}


def _eks(rtype: str, props: Any) -> Options:
    if rtype.endswith("::Nodegroup"):
        return {"compute": ("managed-node-groups", "a managed node group (AWS::EKS::Nodegroup)")}
    if rtype.endswith("::FargateProfile"):
        return {"compute": ("fargate", "a Fargate profile (AWS::EKS::FargateProfile)")}
    if _get(props, "ComputeConfig", "Enabled") is True:
        return {"compute": ("auto-mode", "ComputeConfig.Enabled = true (EKS Auto Mode)")}
    return {}


_UPDATE_MODES = {"AUTO": "auto", "FUNCTIONUPDATE": "function-update", "MANUAL": "manual"}


def _lambda(rtype: str, props: Any) -> Options:
    found: Options = {}
    package = _upper(_get(props, "PackageType"))
    if package in ("ZIP", "IMAGE"):
        found["package-type"] = (package.lower(), f"PackageType = {_get(props, 'PackageType')}")
    mode = _upper(_get(props, "RuntimeManagementConfig", "UpdateRuntimeOn"))
    if mode in _UPDATE_MODES:
        found["runtime-update-mode"] = (
            _UPDATE_MODES[mode],
            f"RuntimeManagementConfig.UpdateRuntimeOn = {mode}",
        )
    return found


def _rds(rtype: str, props: Any) -> Options:
    engine = str(_get(props, "Engine") or "").lower()
    if engine.startswith("custom-oracle"):
        return {"custom": ("oracle", f"Engine = {engine}")}
    if engine.startswith("custom-sqlserver"):
        version = str(_get(props, "EngineVersion") or "")
        # An RDS-provided engine version reads like 15.00.4073.23.v1; a custom one carries a name.
        rpev = not version or version.rsplit(".", 1)[-1].startswith("v")
        value = "sqlserver-rpev" if rpev else "sqlserver-cev"
        return {"custom": (value, f"Engine = {engine}, EngineVersion = {version or 'default'}")}
    if engine:
        return {"custom": ("none", f"Engine = {engine}")}
    return {}


def _beanstalk(rtype: str, props: Any) -> Options:
    for setting in _get(props, "OptionSettings") or []:
        namespace = str(_get(setting, "Namespace") or "")
        if (
            namespace == "aws:elasticbeanstalk:managedactions"
            and _get(setting, "OptionName") == "ManagedActionsEnabled"
        ):
            enabled = str(_get(setting, "Value")).lower() == "true"
            return {
                "managed-updates": (
                    "on" if enabled else "off",
                    f"ManagedActionsEnabled = {str(enabled).lower()}",
                )
            }
    return {}


def _kms(rtype: str, props: Any) -> Options:
    if _upper(_get(props, "Origin")) == "EXTERNAL":
        return {"key-type": ("imported-key-material", "Origin = EXTERNAL")}
    if _upper(_get(props, "KeyManager")) == "AWS":
        return {"key-type": ("aws-managed", "KeyManager = AWS")}
    if rtype == "AWS::KMS::Key" or _upper(_get(props, "KeyManager")) == "CUSTOMER":
        return {"key-type": ("customer-managed", "a key the account creates (AWS::KMS::Key)")}
    return {}


_READERS: dict[str, Callable[[str, Any], Options]] = {
    "ecs": _ecs,
    "eks": _eks,
    "lambda": _lambda,
    "rds": _rds,
    "elastic-beanstalk": _beanstalk,
    "kms": _kms,
}

# Resource types whose service depends on a property of the resource.
_REFINE: dict[str, Callable[[Any], str | None]] = {
    "AWS::RDS::DBInstance": lambda p: (
        "aurora" if str(_get(p, "Engine") or "").lower().startswith("aurora") else None
    ),
    "AWS::FSx::FileSystem": lambda p: "fsx-lustre" if _upper(_get(p, "FileSystemType")) == "LUSTRE" else None,
}


@attrs.frozen
class _Job:
    """What every resource of one inventory is resolved against."""

    cat: Catalog
    base: Context
    controls: tuple[str, ...]
    limits: Limits


@attrs.frozen
class _Resource:
    """One resource as its source gives it: a name, what to place it by, its type and settings."""

    name: str
    ref: Any
    type: str | None
    props: Any


def _place(job: _Job, res: _Resource, base: Context) -> tuple[Service, Context]:
    """The service and context of one resource, with the options its configuration decides."""
    service, found = service_for(job.cat, res.ref, job.limits)
    refined = _REFINE.get(res.type or "", lambda _: None)(res.props)
    if refined is not None:
        service = job.cat.service(refined)
    options = dict(base.options)
    evidence = dict(base.evidence)
    reader = _READERS.get(service.id)
    if reader is not None and res.type is not None:
        for option, (value, why) in reader(res.type, res.props).items():
            key = f"{service.id}.{option}"
            options[key] = value
            evidence[key] = f"set from the resource's configuration: {why}"
    context = attrs.evolve(
        base,
        partition=None if found.region else found.partition or base.partition,
        region=found.region or base.region,
        options=FrozenMap(options),
        evidence=FrozenMap(evidence),
    )
    return service, context


def _item(job: _Job, res: _Resource, base: Context | None = None) -> InventoryItem:
    try:
        if not isinstance(res.ref, str) or not res.ref:
            raise InventoryError("no resource type or ARN to place it by")
        service, context = _place(job, res, base or job.base)
        check_context(job.cat, context)
        resolutions = tuple(resolve(job.cat, service.id, c, context) for c in job.controls)
    except SharedResponsibilityError as e:
        return InventoryItem(resource=res.name, type=res.type, service=None, context=None, reason=str(e))
    return InventoryItem(
        resource=res.name, type=res.type, service=service, context=context, resolutions=resolutions
    )


def _unplaced(n: int, reason: str) -> InventoryItem:
    return InventoryItem(resource=f"item {n}", type=None, service=None, context=None, reason=reason)


def _counted(items: Iterable[Any], limits: Limits) -> Iterator[tuple[int, Any]]:
    for n, item in enumerate(items):
        if n >= limits.max_entries:
            raise InventoryError(f"more than {limits.max_entries} resources (Limits.max_entries)")
        yield n, item


def _template(job: _Job, doc: Mapping[str, Any]) -> Iterator[InventoryItem]:
    resources = doc.get("Resources")
    if not isinstance(resources, Mapping):
        raise InventoryError("a CloudFormation template's 'Resources' must be an object")
    for _, (logical_id, body) in _counted(resources.items(), job.limits):
        rtype = _get(body, "Type")
        rtype = rtype if isinstance(rtype, str) else None
        yield _item(job, _Resource(str(logical_id), rtype, rtype, _get(body, "Properties") or {}))


def _where(item: Mapping[str, Any], base: Context) -> Context:
    """The partition and region of a configuration item: its region, else its ARN's."""
    arn = item.get("ARN") or item.get("arn")
    fields = arn.split(":") if isinstance(arn, str) and arn.startswith("arn:") else []
    region = item.get("awsRegion") or (fields[3] if len(fields) > 3 else "")
    partition = fields[1] if len(fields) > 1 else None
    if isinstance(region, str) and region and region != "global":
        return attrs.evolve(base, region=region, partition=None)
    return attrs.evolve(base, partition=partition or base.partition)


def _config_item(job: _Job, n: int, item: Any) -> InventoryItem:
    if not isinstance(item, Mapping):
        return _unplaced(n, "not a configuration item")
    rtype = item.get("resourceType")
    rtype = rtype if isinstance(rtype, str) else None
    arn = item.get("ARN") or item.get("arn")
    resource = str(arn or item.get("resourceId") or f"item {n}")
    # The resource type names the exact service; the ARN, where the type is missing.
    res = _Resource(resource, rtype or arn, rtype, item.get("configuration") or {})
    return _item(job, res, _where(item, job.base))


def _config_items(job: _Job, items: Iterable[Any]) -> Iterator[InventoryItem]:
    for n, item in _counted(items, job.limits):
        yield _config_item(job, n, item)


def _references(job: _Job, refs: Iterable[Any]) -> Iterator[InventoryItem]:
    for n, ref in _counted(refs, job.limits):
        if isinstance(ref, Mapping):
            yield _config_item(job, n, ref)
        elif isinstance(ref, str):
            yield _item(job, _Resource(ref.strip(), ref.strip(), None, {}))
        else:
            yield _unplaced(n, f"not a reference or a configuration item: {type(ref).__name__}")


def read_document(path: "str | os.PathLike[str]", limits: Limits = DEFAULT_LIMITS) -> Any:
    """A template or snapshot from a file: JSON, or YAML when PyYAML is installed; JSON Lines
    (``.jsonl``) and plain text (one reference a line) are streamed.
    """
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > limits.max_bytes:
            raise InventoryError(
                f"{file}: {size} bytes, over the limit of {limits.max_bytes} (Limits.max_bytes)"
            )
        if file.suffix in (".jsonl", ".ndjson"):
            return _lines(file, json.loads)
        if file.suffix in (".txt", ".lst", ".refs"):
            return _lines(file, str.strip)
        text = file.read_text(encoding="utf-8")
    except OSError as e:
        raise InventoryError(f"{file}: cannot read: {e.strerror or e}") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise InventoryError(f"{file}: nested deeper than the JSON parser allows") from None
    except ValueError:
        if file.suffix == ".json":
            raise InventoryError(f"{file}: not valid JSON") from None
    return _yaml(file, text)


def _lines(file: Path, parse: Callable[[str], Any]) -> Iterator[Any]:
    with file.open(encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if line.strip() and not line.startswith("#"):
                try:
                    yield parse(line)
                except ValueError:
                    raise InventoryError(f"{file}:{number}: not valid JSON") from None


def _yaml(file: Path, text: str) -> Any:
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise InventoryError(f"{file}: not JSON; reading YAML needs PyYAML (pip install pyyaml)") from None

    class _Loader(yaml.SafeLoader):  # type: ignore[misc,unused-ignore]
        """Safe loading, with CloudFormation's short-form intrinsics (!Ref …) kept as data."""

    def _intrinsic(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> Any:
        name = "Ref" if tag_suffix == "Ref" else f"Fn::{tag_suffix}"
        if isinstance(node, yaml.ScalarNode):
            return {name: loader.construct_scalar(node)}
        if isinstance(node, yaml.SequenceNode):
            return {name: loader.construct_sequence(node, deep=True)}
        return {name: loader.construct_mapping(node, deep=True)}

    _Loader.add_multi_constructor("!", _intrinsic)
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as e:
        raise InventoryError(f"{file}: not valid JSON or YAML: {e}") from None


def inventory(
    cat: Catalog,
    source: Any,
    controls: Iterable[str] | None = None,
    context: Context | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[InventoryItem]:
    """Who is responsible for each resource of an inventory: a CloudFormation template, an AWS
    Config snapshot or list of configuration items, an iterable of references, or a file
    (`pathlib.Path`) holding any of these. Yields one `InventoryItem` per resource, in order;
    ``limits`` bounds what an untrusted source may hold.
    """
    wanted = (
        tuple(cat.control(c).id for c in controls)
        if controls is not None
        else tuple(c.id for c in cat.controls)
    )
    job = _Job(cat, context or Context(), wanted, limits)
    check_context(cat, job.base)
    if isinstance(source, os.PathLike):
        source = read_document(source, limits)
    if isinstance(source, str | bytes):
        raise InventoryError("pass a list of references, a parsed document or a pathlib.Path, not a string")
    if isinstance(source, Mapping | list) and deeper_than(source, limits.max_depth):
        raise InventoryError(f"the document nests more than {limits.max_depth} deep (Limits.max_depth)")
    if isinstance(source, Mapping):
        if "Resources" in source:
            return _template(job, source)
        if "configurationItems" in source:
            items = source["configurationItems"]
            if not isinstance(items, list):
                raise InventoryError("an AWS Config snapshot's 'configurationItems' must be a list")
            return _config_items(job, items)
        if "resourceType" in source:
            return _config_items(job, [source])
        raise InventoryError(
            "not a CloudFormation template ('Resources') or an AWS Config snapshot ('configurationItems')"
        )
    if isinstance(source, Iterable):
        return _references(job, source)
    raise InventoryError(f"cannot read an inventory from {type(source).__name__}")
