"""Azure Resource Manager templates (JSON; Bicep compiles to them): the resources of a template,
nested child resources and inline nested deployments included. A child's type is its parent's
type and its own (``Microsoft.Sql/servers`` + ``databases``); a location written as an
expression (``[resourceGroup().location]``) is unknown until deployment.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from shared_responsibility._regions import azure_region
from shared_responsibility.errors import InventoryError

from ._resource import Resource, Unknown

__all__ = ["is_template", "resources"]

_SCHEMA = "deploymenttemplate.json"
_DEPLOYMENTS = "microsoft.resources/deployments"


def is_template(doc: Any) -> bool:
    """Whether a parsed document is an ARM template (its ``$schema``, or ``resources`` beside
    ``contentVersion``).
    """
    if not isinstance(doc, Mapping):
        return False
    schema = doc.get("$schema")
    if isinstance(schema, str) and _SCHEMA in schema.casefold():
        return True
    return "contentVersion" in doc and "resources" in doc


def _literal(value: Any) -> Any:
    """The value, or `Unknown` where it is a template expression (``[...]``)."""
    if isinstance(value, str) and value.startswith("[") and not value.startswith("[["):
        return Unknown(why=f"a template expression: {value[:60]}")
    return value


def _each(found: Any) -> Iterator[tuple[str, Any]]:
    """The resources of a ``resources`` member: a list, or an object of symbolic names
    (language version 2.0).
    """
    if isinstance(found, Mapping):
        yield from ((str(k), v) for k, v in found.items())
    elif isinstance(found, list):
        yield from ((f"[{n}]", v) for n, v in enumerate(found))


def _walk(
    found: Any, parent: str, where: str, depth: int = 0, parent_region: str | None = None
) -> Iterator[Resource]:
    """The resources of a ``resources`` member; a child without a location is in its parent's."""
    for key, raw in _each(found):
        at = f"{where}{key}" if key.startswith("[") else f"{where}.{key}"
        if not isinstance(raw, Mapping):
            yield Resource(name=at, format="arm", where=at, unplaced="not a resource object")
            continue
        rtype = raw.get("type")
        if not isinstance(rtype, str) or not rtype or rtype.startswith("["):
            yield Resource(name=at, format="arm", where=at, unplaced="no literal resource type")
            continue
        relative = parent and "." not in rtype.split("/")[0]  # a child's type leaves out its parent's
        full = f"{parent}/{rtype}" if relative else rtype
        name = _literal(raw.get("name"))
        region = azure_region(_literal(raw.get("location"))) or parent_region
        if full.casefold() == _DEPLOYMENTS and depth < 20:
            inner = (raw.get("properties") or {}).get("template")
            if isinstance(inner, Mapping):
                yield from _walk(inner.get("resources"), "", f"{at}.properties.template.resources", depth + 1)
                continue
        yield Resource(
            name=name if isinstance(name, str) else at,
            format="arm",
            type=full,
            ref=full,
            region=region,
            properties={k: _literal(v) for k, v in raw.items() if k != "resources"},
            where=at,
        )
        if depth < 20:
            yield from _walk(raw.get("resources"), full, f"{at}.resources", depth + 1, region)


def resources(doc: Mapping[str, Any], name: str) -> Iterator[Resource]:
    """The resources of an ARM template, in document order."""
    found = doc.get("resources")
    if not isinstance(found, list | Mapping):
        raise InventoryError(f"{name}: an ARM template's 'resources' must be a list or an object")
    return _walk(found, "", "resources")
