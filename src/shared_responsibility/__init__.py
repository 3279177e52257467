"""Who is responsible for what in the cloud: the shared responsibility model as data and
pure functions.

>>> import shared_responsibility as sr
>>> cat = sr.default_catalog()
>>> sr.resolve(cat, "ec2", "patch-management").ownership.control_type
'shared'
"""

from ._catalog import Catalog
from ._data import default_catalog, load_catalog
from ._model import (
    Category,
    Change,
    Context,
    Control,
    ControlRow,
    Deployment,
    Duty,
    Layer,
    LayerResolution,
    Option,
    OptionValue,
    Origin,
    Override,
    Ownership,
    Part,
    Partition,
    Party,
    Region,
    Resolution,
    Rule,
    Service,
    Side,
    Source,
    WorkloadDuty,
)
from ._resolver import matrix, resolve, shift, split, workload
from .errors import (
    CatalogError,
    SharedResponsibilityError,
    UnknownContextError,
    UnknownControlError,
    UnknownLayerError,
    UnknownNameError,
    UnknownOptionError,
    UnknownPartyError,
    UnknownServiceError,
)

__version__ = "0.1.0"

__all__ = [
    "Catalog",
    "CatalogError",
    "Category",
    "Change",
    "Context",
    "Control",
    "ControlRow",
    "Deployment",
    "Duty",
    "Layer",
    "LayerResolution",
    "Option",
    "OptionValue",
    "Origin",
    "Override",
    "Ownership",
    "Part",
    "Partition",
    "Party",
    "Region",
    "Resolution",
    "Rule",
    "Service",
    "SharedResponsibilityError",
    "Side",
    "Source",
    "UnknownContextError",
    "UnknownControlError",
    "UnknownLayerError",
    "UnknownNameError",
    "UnknownOptionError",
    "UnknownPartyError",
    "UnknownServiceError",
    "WorkloadDuty",
    "__version__",
    "default_catalog",
    "load_catalog",
    "matrix",
    "resolve",
    "shift",
    "split",
    "workload",
]


def __dir__() -> list[str]:
    return list(__all__)
