"""Input adapters: each turns one kind of document into resources (`Resource`: a name, a type
or a reference, a region, properties, where in the document). The core knows nothing of formats;
`inventory` places what these yield.

==============  ===================================================================
format          documents
==============  ===================================================================
cloudformation  templates (JSON, YAML with every short form), SAM applications
config          AWS Config snapshots, configuration items, query results (JSON Lines too)
arm             Azure Resource Manager templates (JSON; Bicep compiles to them)
resource-graph  Azure Resource Graph query results (``az graph query``, ``Search-AzGraph``)
asset-inventory Google Cloud Asset Inventory exports and listings (JSON, JSON Lines)
terraform       ``terraform show -json`` / ``tofu show -json`` of a plan or a state
                (``aws``, ``azurerm``, ``azuread``, ``google`` and ``google-beta`` providers)
references      ARNs, Azure resource ids, Google full resource names, resource types,
                principals, endpoints: one per resource
==============  ===================================================================
"""

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from shared_responsibility.errors import InventoryError

from . import arm, asset_inventory, cloudformation, config, references, resource_graph, terraform
from ._evidence import read_option
from ._files import decode, parse_text, read_path
from ._resource import FORMATS, Resource, Unknown

__all__ = [
    "FORMATS",
    "Resource",
    "Unknown",
    "decode",
    "detect",
    "parse_text",
    "read_option",
    "read_path",
    "resources",
]

_EXPECTED = (
    "a CloudFormation or SAM template ('Resources'), an AWS Config snapshot or item "
    "('configurationItems', 'resourceType'), an ARM template ('$schema', 'resources'), Azure "
    "Resource Graph rows ('data', 'id', 'type'), Cloud Asset Inventory assets ('asset_type'), "
    "Terraform 'show -json' output ('format_version') or a list of references"
)


_Test = Callable[[Any], bool]
_Read = Callable[[Any, str], Iterator[Resource]]
_READERS: dict[str, tuple[_Test, _Read]] = {
    "cloudformation": (cloudformation.is_template, cloudformation.resources),
    "arm": (arm.is_template, arm.resources),
    "terraform": (terraform.is_terraform, terraform.resources),
    "config": (config.is_config, config.resources),
    "resource-graph": (resource_graph.is_rows, resource_graph.resources),
    "asset-inventory": (asset_inventory.is_assets, asset_inventory.resources),
}
"""Each format: how to recognize its documents (most specific first) and how to read them."""


def _is_parameter_file(doc: Any) -> bool:
    if isinstance(doc, list):
        return bool(doc) and all(isinstance(d, Mapping) and "ParameterKey" in d for d in doc)
    return isinstance(doc, Mapping) and "Parameters" in doc and "Resources" not in doc and len(doc) <= 3


def detect(doc: Any, name: str = "the document") -> str:
    """Which format a parsed document is in; `InventoryError` naming what was expected."""
    found = next((kind for kind, (test, _) in _READERS.items() if test(doc)), None)
    if found is not None:
        return found
    if _is_parameter_file(doc):
        raise InventoryError(f"{name}: a CloudFormation parameter file, not a template; give the template")
    if isinstance(doc, Mapping):
        if "Resources" in doc:
            raise InventoryError(f"{name}: a template's 'Resources' must be an object")
        keys = ", ".join(repr(k) for k in list(doc)[:5])
        raise InventoryError(f"{name}: not {_EXPECTED}; its keys are {keys or 'none'}")
    if isinstance(doc, str | bytes):
        raise InventoryError(f"{name}: a single string; give a list of references, a document or a path")
    if isinstance(doc, Iterable):
        return "references"
    raise InventoryError(f"{name}: cannot read resources from {type(doc).__name__}")


def resources(doc: Any, name: str = "the document") -> Iterator[Resource]:
    """The resources of a parsed document, in its order, whatever its format."""
    if isinstance(doc, Mapping) and (resource_graph.is_row(doc) or asset_inventory.is_asset(doc)):
        doc = [doc]  # one row or asset alone (a JSON Lines file of one line)
    kind = detect(doc, name)
    read = _READERS[kind][1] if kind in _READERS else references.resources
    return read(doc, name)
