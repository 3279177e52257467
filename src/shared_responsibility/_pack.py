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
from ._model import LATER, PROSE_FIELDS

__all__ = ["lines", "pack", "records"]

_DEFERRED = ("rules", "aliases")
"""What `lines` moves out of each record onto a line of its own."""


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
    """The dataset's rules and its prose; ``raw`` is changed in place into the rules (the
    fields of each record that `LATER` names, as one JSON text, ``"rules"``).

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
    for kind, fields in LATER.items():
        for record in raw[kind]:
            found = {key: record.pop(key) for key in fields if key in record}
            rules = {key: value for key, value in found.items() if value}  # empty ones are defaults
            if rules:  # parsed and built when the record is first used
                record["rules"] = _dumps(rules).decode()
    return raw, {"sources": [list(s) for s in sources], "records": prose}


def lines(rules: dict[str, Any]) -> bytes:
    """The rules as lines of JSON: the catalog on the first line, then the lines its records
    name by where they start, counted from the second line. Each service is ``[id, start]`` in
    the catalog, its record on a line of its own; the rules and aliases of every record are on
    lines of their own too. Loading parses the first line only; the others wait, unparsed,
    until their record is used.
    """
    tail: list[bytes] = []
    size = 0

    def line(text: Any) -> int:
        """Appends a line; where it starts."""
        nonlocal size
        data = text.encode() if isinstance(text, str) else _dumps(text)
        start, size = size, size + len(data) + 1
        tail.append(data)
        return start

    head = dict(rules)
    for kind in LATER:
        head[kind] = [{k: line(v) if k in _DEFERRED else v for k, v in raw.items()} for raw in rules[kind]]
    head["services"] = [
        [service["id"], line({k: v for k, v in service.items() if k != "id"})] for service in head["services"]
    ]
    return b"\n".join([_dumps(head), *tail]) + b"\n"


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
