"""Reading a document from a file or from text, whatever its encoding and form: JSON, JSON
Lines, YAML, or plain references one a line; gzip-compressed files (as AWS Config delivers
snapshots); large AWS Config snapshots streamed item by item. Every failure is an
`InventoryError` that names the file.
"""

import codecs
import gzip
import io
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from shared_responsibility._limits import Limits, chosen
from shared_responsibility.errors import InventoryError

from ._yaml import load_yaml

__all__ = ["STREAM_FROM", "decode", "parse_text", "read_path"]

STREAM_FROM = 16 * 2**20
"""A JSON file larger than this that holds an AWS Config snapshot is read item by item."""

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str) -> str:
    """Text from bytes: the encoding a byte-order mark names, else UTF-8, else Windows-1252
    (what Windows editors save); binary data is refused.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as e:
                raise InventoryError(f"{name}: not valid {encoding} text at byte {e.start}") from None
    if b"\x00" in data[:4096]:
        raise InventoryError(f"{name}: binary data, not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as e:
        raise InventoryError(f"{name}: not UTF-8 or Windows-1252 text (byte {e.start})") from None


def _json_lines(text: str, name: str) -> list[Any] | None:
    """JSON Lines, if every non-empty line is a JSON object; else None."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2 or not all(line.lstrip().startswith("{") for line in lines):
        return None
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                found.append(json.loads(line))
            except ValueError:
                raise InventoryError(f"{name}:{number}: not valid JSON") from None
    return found


def _references(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def parse_text(text: str, name: str) -> Any:
    """A document from text: JSON, JSON Lines, YAML, or references one a line."""
    body = text.lstrip("\ufeff").strip()
    if not body:
        raise InventoryError(f"{name}: empty")
    if body[0] in "{[":
        try:
            return json.loads(body)
        except RecursionError:
            raise InventoryError(f"{name}: nested deeper than the JSON parser allows") from None
        except ValueError as e:
            lines = _json_lines(body, name)
            if lines is not None:
                return lines
            if body[0] == "[" or name.endswith(".json"):
                raise InventoryError(f"{name}: not valid JSON: {e}") from None
    elif name.endswith(".json"):
        raise InventoryError(f"{name}: not valid JSON: it does not start with an object or array")
    data = load_yaml(body, name)
    if isinstance(data, str | int | float) or data is None:
        return _references(body)  # plain text: YAML reads it as one scalar
    return data


def _stream_snapshot(file: IO[str], name: str) -> Iterator[Any]:
    """The configuration items of a large AWS Config snapshot, one at a time."""
    decoder = json.JSONDecoder()
    buffer = ""
    chunk = 1 << 20
    while '"configurationItems"' not in buffer:
        more = file.read(chunk)
        if not more:
            raise InventoryError(f"{name}: no 'configurationItems' list")
        buffer = buffer[-64:] + more
    pos = buffer.index('"configurationItems"') + len('"configurationItems"')
    opened = False
    while True:
        while pos < len(buffer) and buffer[pos] in " \t\r\n:,":
            pos += 1
        if pos >= len(buffer) or (buffer[pos] not in "[]" and len(buffer) - pos < chunk):
            more = file.read(chunk)
            if more:
                buffer, pos = buffer[pos:] + more, 0
                continue
            if pos >= len(buffer):
                raise InventoryError(f"{name}: truncated: the snapshot ends inside 'configurationItems'")
        if not opened:
            if buffer[pos] != "[":
                raise InventoryError(f"{name}: 'configurationItems' is not a list")
            opened, pos = True, pos + 1
            continue
        if buffer[pos] == "]":
            return
        try:
            item, pos = decoder.raw_decode(buffer, pos)
        except ValueError:
            more = file.read(chunk)
            if not more:
                raise InventoryError(
                    f"{name}: truncated or invalid JSON inside 'configurationItems'"
                ) from None
            buffer, pos = buffer[pos:] + more, 0
            continue
        yield item


def _open(file: Path, data_head: bytes) -> IO[bytes]:
    if data_head.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(file, "rb")  # type: ignore[return-value]
    return file.open("rb")


def read_path(path: "str | os.PathLike[str]", limits: Limits | None = None) -> Any:
    """A document from a file: see `parse_text`; a large AWS Config snapshot streams.
    ``limits`` (`Limits()` for None) bounds its size.
    """
    limits = chosen(limits)
    file = Path(path)
    name = str(file)
    try:
        info = file.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InventoryError(f"{name}: a directory, not a document (give the files in it)")
        if not stat.S_ISREG(info.st_mode):
            raise InventoryError(
                f"{name}: not a regular file (a pipe or a device); give a file, or - for stdin"
            )
        with file.open("rb") as f:
            head = f.read(2)
        if file.suffix in (".jsonl", ".ndjson") or file.name.endswith((".jsonl.gz", ".ndjson.gz")):
            return _json_lines_file(file, head, name)
        with _open(file, head) as raw:
            sample = raw.read(STREAM_FROM + 1)
            if len(sample) > STREAM_FROM and b'"configurationItems"' in sample[:65536]:
                return _streamed(file, head, name)
            if info.st_size > limits.max_bytes or len(sample) > limits.max_bytes:
                raise InventoryError(
                    f"{name}: {max(info.st_size, len(sample))} bytes, over the limit of {limits.max_bytes}"
                    " (Limits.max_bytes)"
                )
            rest = raw.read(limits.max_bytes + 1 - len(sample))
    except OSError as e:
        raise InventoryError(f"{name}: cannot read: {e.strerror or e}") from None
    except EOFError:
        raise InventoryError(f"{name}: a truncated gzip file") from None
    data = sample + rest
    if len(data) > limits.max_bytes:
        raise InventoryError(f"{name}: over the limit of {limits.max_bytes} bytes (Limits.max_bytes)")
    text = decode(data, name)
    if file.suffix in (".txt", ".lst", ".refs"):
        return _references(text)
    return parse_text(text, name)


def _json_lines_file(file: Path, head: bytes, name: str) -> Iterator[Any]:
    def lines() -> Iterator[Any]:
        with _open(file, head) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig") as f:
            try:
                for number, line in enumerate(f, 1):
                    if line.strip() and not line.startswith("#"):
                        try:
                            yield json.loads(line)
                        except ValueError:
                            raise InventoryError(f"{name}:{number}: not valid JSON") from None
            except UnicodeDecodeError as e:
                raise InventoryError(f"{name}: not UTF-8 text ({e.reason})") from None
            except (OSError, EOFError) as e:
                raise InventoryError(f"{name}: cannot read: {e}") from None

    return lines()


def _streamed(file: Path, head: bytes, name: str) -> dict[str, Any]:
    def items() -> Iterator[Any]:
        with _open(file, head) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig") as f:
            try:
                yield from _stream_snapshot(f, name)
            except UnicodeDecodeError as e:
                raise InventoryError(f"{name}: not UTF-8 text ({e.reason})") from None
            except (OSError, EOFError) as e:
                raise InventoryError(f"{name}: cannot read: {e}") from None

    return {"configurationItems": items()}
