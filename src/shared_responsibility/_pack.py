"""Splitting the packaged dataset into its rules and its prose, for a fast and small load.

``data/catalog.json`` is the dataset as people read and edit it. Most of it is prose (notes and
the sources each record cites) that resolving only quotes, never decides on. ``pack``
moves that prose into a compressed side file and leaves a ``"prose": n`` index in each record
that had any; `default_catalog` builds from the rules alone and inflates the prose when it is
first read (`_prose`). Run ``python -m shared_responsibility._pack`` after editing the dataset;
the test suite checks that the shipped files are current.
"""

import json
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ._data import DATA_FILE, PROSE_FILE, RULES_FILE
from ._model import PROSE_FIELDS

__all__ = ["lines", "pack", "records"]

_SERVICE_RULES = ("layers", "controls", "options")
"""A service's own rules: packed as one JSON text each, so that loading the catalog parses and
builds only the services that are resolved."""
_DEFERRED = ("rules", "aliases")
"""What `lines` moves out of each service's record onto a line of its own."""


def records(raw: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every record of a dataset that may carry prose, in a fixed order."""
    for key in ("controls", "categories", "partitions", "deployments", "services"):
        yield from raw[key]
    yield from raw.get("equivalents", ())
    for category in raw["categories"]:
        yield from category.get("controls", {}).values()
        for revision in category.get("history", ()):
            yield revision
            yield from revision.get("controls", {}).values()
    for deployment in raw["deployments"]:
        yield from deployment.get("controls", {}).values()
    for service in raw["services"]:
        yield from service.get("controls", {}).values()
        for option in service.get("options", ()):
            yield option
            for value in option["values"]:
                yield value
                yield from value.get("controls", {}).values()


def pack(raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The dataset's rules and its prose; ``raw`` is changed in place into the rules (each
    service's layers, rows and options as one JSON text, ``"rules"``).

    The prose is ``{"sources": [[title, url, read, note, kind], …], "records": [{field: value}, …]}``,
    each record's ``sources`` given as indices into the shared list.
    """
    sources: dict[tuple[str, ...], int] = {}
    prose: list[dict[str, Any]] = []
    for record in records(raw):
        found = {key: record.pop(key) for key in PROSE_FIELDS if key in record}
        if not found:
            continue
        if "sources" in found:
            found["sources"] = [
                sources.setdefault(
                    (s["title"], s["url"], s["read"], s.get("note", ""), s.get("kind", "")), len(sources)
                )
                for s in found["sources"]
            ]
        record["prose"] = len(prose)
        prose.append(found)
    for service in raw["services"]:
        rules = {key: service.pop(key) for key in _SERVICE_RULES if service.get(key)}
        if rules:  # parsed and built when the service is first resolved
            service["rules"] = _dumps(rules).decode()
    return raw, {"sources": [list(s) for s in sources], "records": prose}


def lines(rules: dict[str, Any]) -> bytes:
    """The rules as JSON Lines: the catalog on the first line, and each service's own rules and
    aliases on lines of their own, which the service names by number. Loading parses the first
    line only; a service's lines wait, unparsed, until it is resolved or looked up by alias.
    """
    tail: list[bytes] = []
    services = []
    for raw in rules["services"]:
        service = dict(raw)
        for key in _DEFERRED:
            if key in service:
                text = service[key]
                tail.append(text.encode() if isinstance(text, str) else _dumps(text))
                service[key] = len(tail)
        services.append(service)
    return b"\n".join([_dumps({**rules, "services": services}), *tail]) + b"\n"


def _dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def main(folder: Path = Path(__file__).parent / "data") -> None:
    """Writes the rules and the compressed prose beside ``catalog.json``."""
    rules, prose = pack(json.loads((folder / DATA_FILE).read_bytes()))
    (folder / RULES_FILE).write_bytes(lines(rules))
    (folder / PROSE_FILE).write_bytes(zlib.compress(_dumps(prose), 9))
    sys.stdout.write(f"wrote {folder / RULES_FILE} and {folder / PROSE_FILE}\n")


if __name__ == "__main__":
    main()
