"""Parsing the packaged data with the C scanner that ``json.loads`` runs, without importing json.

Importing json compiles the regular expressions of its pure-Python parser and encoder, which the
packaged data never needs: about a fiftieth of a program's first answer (`docs/performance.md`).
Only for the data this package ships, which `_pack` writes as compact JSON; a user's file goes
through ``json.load`` and its error messages. Where the interpreter has no ``_json`` (CPython's
accelerator), json itself parses.
"""

from typing import Any

__all__ = ["loads"]


class _Decoding:
    """The settings the C scanner reads from a ``json.JSONDecoder``: those of ``json.loads()``."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int

    @staticmethod
    def parse_constant(name: str) -> Any:
        raise ValueError(f"{name} is not in the packaged data's JSON")


try:
    from _json import make_scanner
except ImportError:  # pragma: no cover  (CPython always has it)
    _scan = None
else:
    _scan = make_scanner(_Decoding())  # type: ignore[arg-type]  # typeshed asks for a JSONDecoder; the C scanner reads these six attributes


def loads(data: bytes) -> Any:
    """The value of one JSON document (UTF-8), as ``json.loads`` gives it."""
    if _scan is None:
        import json

        return json.loads(data)
    text = data.decode()
    try:
        value, end = _scan(text, 0)
    except StopIteration:
        raise ValueError(f"no JSON value at the start of {text[:40]!r}") from None
    if text[end:].strip():
        raise ValueError(f"more than one JSON value: {text[end : end + 40]!r} follows the first")
    return value
