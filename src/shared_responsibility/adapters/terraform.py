"""Terraform and OpenTofu: the JSON of ``show -json`` for a plan (``resource_changes``) or a
state (``values``), child modules included. Providers match on ``namespace/type``
(``hashicorp/aws``, ``hashicorp/azurerm``, ``hashicorp/google``), never on a registry host;
the region comes from the resource's own ``region`` or ARN (AWS), ``location`` (Azure),
``region``, ``zone`` or ``location`` (Google), else from its provider's configuration.
"""

import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from shared_responsibility._regions import azure_region, google_region
from shared_responsibility.errors import InventoryError

from ._resource import Resource, Unknown

__all__ = ["is_terraform", "resources"]

_CLOUD_PROVIDERS = {
    "hashicorp/aws": "aws",
    "opentofu/aws": "aws",
    "hashicorp/azurerm": "microsoft",
    "hashicorp/azuread": "microsoft",
    "hashicorp/google": "google",
    "hashicorp/google-beta": "google",
}
_AZURE_ENVIRONMENTS = {"public": "azure", "usgovernment": "azure-us-gov", "china": "azure-china"}
"""The azurerm provider's ``environment`` and the partition it stands for."""
_INDEX = re.compile(r"\[[^\]]*\]")


def is_terraform(doc: Any) -> bool:
    """Whether a parsed document is Terraform or OpenTofu ``show -json`` output."""
    return (
        isinstance(doc, Mapping)
        and "format_version" in doc
        and (
            any(k in doc for k in ("values", "planned_values", "resource_changes", "prior_state"))
            or "terraform_version" in doc
        )
    )


def _provider(name: Any) -> str:
    """``namespace/type`` of a provider address, whatever the registry host."""
    parts = str(name or "").split("/")
    return "/".join(parts[-2:]) if len(parts) >= 2 else str(name or "")


def _with_unknowns(after: Any, unknown: Any) -> Any:
    """The planned values, with what Terraform knows only after apply marked `Unknown`."""
    if unknown is True:
        return Unknown(why="known only after apply")
    if isinstance(after, Mapping) and isinstance(unknown, Mapping):
        merged = {k: _with_unknowns(after.get(k), unknown.get(k)) for k in {*after, *unknown}}
        return {k: v for k, v in merged.items() if v is not None}
    if isinstance(after, list) and isinstance(unknown, list):
        return [_with_unknowns(a, u) for a, u in zip(after, unknown + [None] * len(after), strict=False)]
    return after


def _regions(doc: Mapping[str, Any]) -> dict[str, str]:
    """Region by provider configuration key (``aws``, ``aws.west``, ``module.x:aws``), and by
    ``*<provider>`` the one region every configuration of that provider names, if there is one.
    """
    found = {}
    configs = (doc.get("configuration") or {}).get("provider_config") or {}
    for key, config in configs.items() if isinstance(configs, Mapping) else ():
        if not isinstance(config, Mapping):
            continue
        region = ((config.get("expressions") or {}).get("region") or {}).get("constant_value")
        if isinstance(region, str):
            found[key] = region
    by_kind: dict[str, set[str]] = {}
    for key, region in found.items():
        by_kind.setdefault(key.split(":")[-1].split(".")[0], set()).add(region)
    found.update({f"*{kind}": next(iter(rs)) for kind, rs in by_kind.items() if len(rs) == 1})
    return found


def _config_keys(module: Any, prefix: str = "") -> Iterator[tuple[str, str]]:
    """(address without index, provider configuration key) of every configured resource."""
    if not isinstance(module, Mapping):
        return
    for res in module.get("resources") or ():
        if isinstance(res, Mapping) and isinstance(res.get("address"), str):
            yield prefix + res["address"], str(res.get("provider_config_key", ""))
    for call, body in (module.get("module_calls") or {}).items():
        if isinstance(body, Mapping):
            yield from _config_keys(body.get("module"), f"{prefix}module.{call}.")


def _state_resources(module: Any, depth: int = 0) -> Iterator[Mapping[str, Any]]:
    if not isinstance(module, Mapping) or depth > 50:
        return
    for res in module.get("resources") or ():
        if isinstance(res, Mapping):
            yield res
    for child in module.get("child_modules") or ():
        yield from _state_resources(child, depth + 1)


def _resource(
    raw: Mapping[str, Any], values: Any, regions: dict[str, str], keys: dict[str, str], where: str
) -> Resource:
    address = str(raw.get("address") or where)
    rtype = raw.get("type") if isinstance(raw.get("type"), str) else None
    provider = _provider(raw.get("provider_name"))
    props = values if isinstance(values, Mapping) else {}
    base = Resource(name=address, format="terraform", type=rtype, where=where)
    if rtype is None:
        return attrs.evolve(base, unplaced="no resource type")
    if provider not in _CLOUD_PROVIDERS:
        return attrs.evolve(
            base, unplaced=f"provider {provider or '(none)'}: not a cloud provider this catalog covers"
        )
    cloud = _CLOUD_PROVIDERS[provider]
    arn = props.get("arn")
    fields = arn.split(":") if cloud == "aws" and isinstance(arn, str) and arn.startswith("arn:") else []
    if cloud == "aws":
        region = props.get("region")
        if not isinstance(region, str) or not region:
            region = fields[3] if len(fields) > 3 and fields[3] else None
    else:
        region = _location(cloud, props)
    if region is None and cloud != "microsoft":  # azurerm's provider takes no region
        kind = provider.split("/")[-1]
        key = keys.get(_INDEX.sub("", address)) or kind
        region = regions.get(key) or regions.get(f"*{kind}")
    return attrs.evolve(
        base,
        ref=rtype,
        region=region,
        partition=fields[1] if len(fields) > 1 else None,
        properties=props,
    )


def _location(cloud: str, props: Mapping[str, Any]) -> str | None:
    """The region an Azure or Google resource's own values name (``West Europe`` is ``westeurope``)."""
    if cloud == "microsoft":
        return azure_region(props.get("location"))
    found = (google_region(props.get(key)) for key in ("region", "zone", "location"))
    return next((r for r in found if r is not None), None)


def resources(doc: Mapping[str, Any], name: str) -> Iterator[Resource]:
    """The managed resources of a plan (what it creates, keeps or updates) or of a state."""
    version = str(doc.get("format_version", ""))
    if not version.startswith(("0.", "1.")):
        raise InventoryError(f"{name}: Terraform JSON format {version!r}; this version reads 0.x and 1.x")
    regions = _regions(doc)
    keys = dict(_config_keys((doc.get("configuration") or {}).get("root_module")))
    changes = doc.get("resource_changes")
    if isinstance(changes, list):
        for n, change in enumerate(changes):
            where = f"resource_changes[{n}]"
            if not isinstance(change, Mapping) or change.get("mode", "managed") != "managed":
                continue  # data sources read what exists; they manage nothing
            body = change.get("change") or {}
            actions = body.get("actions") or []
            if actions == ["delete"]:
                address = str(change.get("address") or where)
                yield Resource(
                    name=address, format="terraform", type=change.get("type"), where=where,
                    unplaced="the plan deletes this resource",
                )  # fmt: skip
                continue
            values = _with_unknowns(body.get("after"), body.get("after_unknown"))
            yield _resource(change, values, regions, keys, where)
        return
    values = doc.get("values") or doc.get("planned_values") or (doc.get("prior_state") or {}).get("values")
    if not isinstance(values, Mapping):
        raise InventoryError(f"{name}: Terraform JSON without 'values' or 'resource_changes'")
    for n, res in enumerate(_state_resources(values.get("root_module"))):
        if res.get("mode", "managed") != "managed":
            continue
        yield _resource(res, res.get("values"), regions, keys, f"values.resources[{n}]")
