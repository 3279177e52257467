"""Who is responsible for what in the cloud: the shared responsibility model as data and
pure functions.

>>> import shared_responsibility as sr
>>> cat = sr.default_catalog()
>>> sr.resolve(cat, "ec2", "patch-management").ownership.control_type
'shared'

The public names load on first use (PEP 562), so that ``import shared_responsibility`` costs
almost nothing; type checkers see them through the imports below.
"""

from ._gc import paused

TYPE_CHECKING = False  # typing's, without importing typing here: attrs imports it when needed
if TYPE_CHECKING:
    from typing import Any

    from ._answers import Change as Change
    from ._answers import Comparison as Comparison
    from ._answers import DutyChange as DutyChange
    from ._answers import LayerResolution as LayerResolution
    from ._answers import Split as Split
    from ._answers import Workload as Workload
    from ._answers import WorkloadDuty as WorkloadDuty
    from ._answers import compare as compare
    from ._answers import shift as shift
    from ._answers import split as split
    from ._answers import workload as workload
    from ._arrow import to_arrow as to_arrow
    from ._arrow import to_arrow_batches as to_arrow_batches
    from ._catalog import Catalog as Catalog
    from ._columnar import OWNERSHIP_CODES as OWNERSHIP_CODES
    from ._columnar import ownership_codes as ownership_codes
    from ._crosswalk import VOCABULARIES as VOCABULARIES
    from ._crosswalk import crosswalk as crosswalk
    from ._data import default_catalog as default_catalog
    from ._data import load_catalog as load_catalog
    from ._export import FORMATS as FORMATS
    from ._export import export as export
    from ._inventory import InventoryItem as InventoryItem
    from ._inventory import inventory as inventory
    from ._limits import Limits as Limits
    from ._model import Availability as Availability
    from ._model import Category as Category
    from ._model import Context as Context
    from ._model import Control as Control
    from ._model import ControlRow as ControlRow
    from ._model import Deployment as Deployment
    from ._model import Duty as Duty
    from ._model import Equivalence as Equivalence
    from ._model import Evidence as Evidence
    from ._model import Layer as Layer
    from ._model import Matrix as Matrix
    from ._model import Option as Option
    from ._model import OptionValue as OptionValue
    from ._model import Origin as Origin
    from ._model import Override as Override
    from ._model import Ownership as Ownership
    from ._model import Part as Part
    from ._model import Partition as Partition
    from ._model import Party as Party
    from ._model import Region as Region
    from ._model import Resolution as Resolution
    from ._model import Revision as Revision
    from ._model import Role as Role
    from ._model import Rule as Rule
    from ._model import Service as Service
    from ._model import Side as Side
    from ._model import Source as Source
    from ._oscal_in import overrides_from_oscal as overrides_from_oscal
    from ._picture import picture as picture
    from ._references import service_for as service_for
    from ._resolver import matrix as matrix
    from ._resolver import resolve as resolve
    from ._resolver import resolve_many as resolve_many
    from ._views import FrameworkRequirement as FrameworkRequirement
    from ._views import FrameworkView as FrameworkView
    from ._views import framework_view as framework_view
    from .errors import CatalogError as CatalogError
    from .errors import CrosswalkError as CrosswalkError
    from .errors import ExportError as ExportError
    from .errors import InvalidDateError as InvalidDateError
    from .errors import InvalidReferenceError as InvalidReferenceError
    from .errors import InventoryError as InventoryError
    from .errors import MissingExtraError as MissingExtraError
    from .errors import SharedResponsibilityError as SharedResponsibilityError
    from .errors import UnavailableError as UnavailableError
    from .errors import UnknownContextError as UnknownContextError
    from .errors import UnknownControlError as UnknownControlError
    from .errors import UnknownFormatError as UnknownFormatError
    from .errors import UnknownLayerError as UnknownLayerError
    from .errors import UnknownNameError as UnknownNameError
    from .errors import UnknownOptionError as UnknownOptionError
    from .errors import UnknownPartyError as UnknownPartyError
    from .errors import UnknownServiceError as UnknownServiceError
    from .errors import UnknownVocabularyError as UnknownVocabularyError

__version__ = "0.1.0"

_HOMES = {
    "._answers": (
        "Change", "Comparison", "DutyChange", "LayerResolution", "Split", "Workload", "WorkloadDuty",
        "compare", "shift", "split", "workload",
    ),
    "._arrow": ("to_arrow", "to_arrow_batches"),
    "._catalog": ("Catalog",),
    "._columnar": ("OWNERSHIP_CODES", "ownership_codes"),
    "._crosswalk": ("VOCABULARIES", "crosswalk"),
    "._data": ("default_catalog", "load_catalog"),
    "._export": ("FORMATS", "export"),
    "._inventory": ("InventoryItem", "inventory"),
    "._limits": ("Limits",),
    "._model": (
        "Availability", "Category", "Context", "Control", "ControlRow", "Deployment", "Duty", "Equivalence",
        "Evidence", "Layer", "Matrix", "Option", "OptionValue", "Origin", "Override", "Ownership", "Part",
        "Partition", "Party", "Region", "Resolution", "Revision", "Role", "Rule", "Service", "Side", "Source",
    ),
    "._oscal_in": ("overrides_from_oscal",),
    "._picture": ("picture",),
    "._references": ("service_for",),
    "._resolver": ("matrix", "resolve", "resolve_many"),
    "._views": ("FrameworkRequirement", "FrameworkView", "framework_view"),
    ".errors": (
        "CatalogError", "CrosswalkError", "ExportError", "InvalidDateError", "InvalidReferenceError",
        "InventoryError", "MissingExtraError",
        "SharedResponsibilityError", "UnavailableError", "UnknownContextError", "UnknownControlError",
        "UnknownFormatError", "UnknownLayerError", "UnknownNameError", "UnknownOptionError",
        "UnknownPartyError", "UnknownServiceError", "UnknownVocabularyError",
    ),
}  # fmt: skip
_HOME = {name: module for module, names in _HOMES.items() for name in names}

__all__ = ["__version__", *sorted(_HOME)]  # noqa: PLE0604 (one list of names; tests/test_api.py checks it)


def __getattr__(name: str) -> "Any":
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    with paused():  # the modules build their classes, which all live as long as the program
        value = getattr(import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return list(__all__)
