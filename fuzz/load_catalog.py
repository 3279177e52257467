"""Coverage-guided fuzzing of the JSON loaders with atheris (`make fuzz`).

Bytes go to ``load_catalog`` (as a file's JSON), to ``inventory`` (as a parsed document), and
to every input adapter as a file (``.json``, ``.yaml``, ``.jsonl``, ``.json.gz``, detection by
content); anything but the library's own errors is a finding. Runs for FUZZ_SECONDS (default 60).
"""

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import shared_responsibility as sr
    from shared_responsibility import _convert, _data, _inventory, _references, _validate, adapters  # noqa: F401

CAT = sr.default_catalog()
FOLDER = Path(tempfile.mkdtemp())
FILE = FOLDER / "input.json"
ADAPTER_FILES = [FOLDER / name for name in ("template.yaml", "plan.json", "items.jsonl", "snapshot.json.gz")]


def one(data: bytes) -> None:
    """One input: only the library's own errors may come out."""
    FILE.write_bytes(data)
    with contextlib.suppress(sr.CatalogError):
        sr.load_catalog(FILE)
    for path in ADAPTER_FILES:
        path.write_bytes(data)
        with contextlib.suppress(sr.SharedResponsibilityError):
            for _ in sr.inventory(CAT, path, ["patch-management"]):
                pass
    try:
        document = json.loads(data)
    except (ValueError, RecursionError):
        return
    with contextlib.suppress(sr.SharedResponsibilityError):
        for _ in sr.inventory(CAT, document if isinstance(document, dict | list) else [document]):
            pass


if __name__ == "__main__":
    seconds = os.environ.get("FUZZ_SECONDS", "60")
    atheris.Setup([sys.argv[0], f"-max_total_time={seconds}", *sys.argv[1:]], one)
    atheris.Fuzz()
