"""The packaged catalog's notes and sources, kept compressed until something reads them.

Resolving needs the rules, a fifth of the dataset; the rest is prose that explains and cites
them. `default_catalog` builds from the rules (`_pack`) and gives each record with prose a
`Pending` pointing here; the first read of any note or source inflates the whole store once.
"""

import _thread
import sys
import zlib
from typing import Any

from . import _packed_json
from ._model import Source

__all__ = ["Prose"]

_DEFAULTS: dict[str, Any] = {"notes": (), "note": "", "sources": ()}


class Prose:
    """The compressed prose of one catalog, inflated on first use (once, under a lock)."""

    __slots__ = ("_blob", "_lock", "_records")

    def __init__(self, blob: bytes) -> None:
        self._blob = blob
        self._lock = _thread.allocate_lock()
        self._records: list[dict[str, Any]] | None = None

    def value(self, index: int, name: str) -> Any:
        """The value of field ``name`` of record ``index``."""
        records = self._records
        if records is None:
            records = self.inflate()
        return records[index].get(name, _DEFAULTS[name])

    def inflate(self) -> list[dict[str, Any]]:
        """Every record's prose, built now if it is not yet; the compressed copy is then let go."""
        with self._lock:
            if self._records is None:
                data = _packed_json.loads(zlib.decompress(self._blob))
                sources = [
                    Source(title=t, url=u, read=sys.intern(r), note=n, kind=sys.intern(k))
                    for t, u, r, n, k in data["sources"]
                ]
                self._records = [_record(r, sources) for r in data["records"]]
                self._blob = b""
            return self._records


def _record(raw: dict[str, Any], sources: list[Source]) -> dict[str, Any]:
    record = dict(raw)
    if "notes" in record:
        record["notes"] = tuple(record["notes"])
    if "sources" in record:
        record["sources"] = tuple(sources[i] for i in record["sources"])
    return record
