"""Reading datasets: the packaged one (once, on first use) and a user's own."""

import functools
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ._catalog import Catalog
from ._gc import paused
from .errors import CatalogError

if TYPE_CHECKING:
    import datetime

    from ._limits import Limits

__all__ = ["DATA_FILE", "PROSE_FILE", "RULES_FILE", "default_catalog", "load_catalog", "packaged_data"]

DATA_FILE = "catalog.json"
"""The packaged dataset whole, as people read it; `default_catalog` reads the same data split
into its rules and its compressed prose (`_pack`)."""
RULES_FILE = "rules.jsonl"
PROSE_FILE = "prose.json.z"


def packaged_data(name: str = DATA_FILE) -> bytes:
    """A packaged data file, read through the package's loader (from a wheel, a zip or a
    folder): what ``pkgutil.get_data`` does, without importing pkgutil (1 ms) or importlib
    resources (18 ms); the latter stays the fallback for a loader that cannot read data.
    """
    get_data = getattr(__spec__.loader, "get_data", None)
    if get_data is not None:
        return get_data(os.path.join(os.path.dirname(__file__), "data", name))  # type: ignore[no-any-return]
    import importlib_resources

    return (importlib_resources.files(__package__) / "data" / name).read_bytes()


def default_catalog(as_of: "str | datetime.date | None" = None) -> Catalog:
    """The packaged reference dataset, read on the first call, then shared. Its notes and
    sources stay compressed in memory until something reads them. With ``as_of``
    (``"2025-06-01"``), the providers' models as they were published on that date
    (`Catalog.as_of`).
    """
    if as_of is None:
        return _packaged()
    return _dated(as_of) if isinstance(as_of, str) else _packaged().as_of(as_of)


@functools.cache
def _packaged() -> Catalog:
    from ._build import build
    from ._prose import Prose

    with paused():
        return build(packaged_data(RULES_FILE), Prose(packaged_data(PROSE_FILE)))


@functools.lru_cache(maxsize=8)
def _dated(as_of: str) -> Catalog:
    return _packaged().as_of(as_of)


def load_catalog(
    source: "str | os.PathLike[str] | Mapping[str, Any]", limits: "Limits | None" = None
) -> Catalog:
    """A catalog from a JSON file or from plain data (such as `Catalog.to_dict()` returns),
    validated: a `CatalogError` lists every problem with its location. ``limits`` (`Limits()`
    for None) bounds what an untrusted file may hold.
    """
    import json  # not before: the packaged data needs none of it (`_packed_json`)

    from ._convert import structure
    from ._limits import chosen

    limits = chosen(limits)

    if not isinstance(source, str | os.PathLike):
        return structure(_bounded(source, limits, "$"))
    name = _where(os.fspath(source))
    try:
        size = os.stat(source).st_size
        if size > limits.max_bytes:
            raise CatalogError(
                [f"{name}: {size} bytes, over the limit of {limits.max_bytes} (Limits.max_bytes)"]
            )
        with open(source, "rb") as f:
            data = json.load(f)
    except OSError as e:
        raise CatalogError([f"{name}: cannot read: {e.strerror or e}"]) from None
    except RecursionError:
        raise CatalogError([f"{name}: nested deeper than the JSON parser allows"]) from None
    except ValueError as e:
        raise CatalogError([f"{name}: not valid JSON: {e}"]) from None
    return structure(_bounded(data, limits, name))


def _where(path: str) -> str:
    """A path as the location of a problem: quoted where it would not read as one."""
    return path if path.isprintable() and path.strip() == path and path else repr(path)


def _bounded(data: Any, limits: "Limits", where: str) -> Any:
    """The data, if it keeps within the limits; else a `CatalogError` saying which one."""
    from ._limits import deeper_than

    if deeper_than(data, limits.max_depth):
        raise CatalogError([f"{where}: nested more than {limits.max_depth} deep (Limits.max_depth)"])
    if isinstance(data, Mapping):
        count = sum(len(v) for v in data.values() if isinstance(v, list))
        if count > limits.max_entries:
            raise CatalogError(
                [f"{where}: {count} records, over the limit of {limits.max_entries} (Limits.max_entries)"]
            )
    return data
