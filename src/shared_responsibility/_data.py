"""Reading datasets: the packaged one (once, on first use) and a user's own."""

import functools
import json
import os
from collections.abc import Mapping
from typing import Any

from ._catalog import Catalog
from .errors import CatalogError

__all__ = ["DATA_FILE", "default_catalog", "load_catalog"]

DATA_FILE = "catalog.json"


def _read_packaged() -> Any:
    import importlib_resources

    text = (importlib_resources.files(__package__) / "data" / DATA_FILE).read_bytes()
    return json.loads(text)


@functools.cache
def default_catalog() -> Catalog:
    """The packaged reference dataset, read and validated on the first call, then shared."""
    from ._convert import structure

    return structure(_read_packaged())


def load_catalog(source: "str | os.PathLike[str] | Mapping[str, Any]") -> Catalog:
    """A catalog from a JSON file or from plain data (such as `Catalog.to_dict()` returns),
    validated: a `CatalogError` lists every problem with its location.
    """
    from ._convert import structure

    if not isinstance(source, str | os.PathLike):
        return structure(source)
    try:
        with open(source, "rb") as f:
            data = json.load(f)
    except OSError as e:
        raise CatalogError([f"{os.fspath(source)}: cannot read: {e.strerror or e}"]) from None
    except (ValueError, RecursionError) as e:
        raise CatalogError([f"{os.fspath(source)}: not valid JSON: {e}"]) from None
    return structure(data)
