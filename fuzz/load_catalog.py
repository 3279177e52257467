"""Coverage-guided fuzzing of the JSON loaders with atheris (`make fuzz`).

Bytes go to ``load_catalog`` (as a file's JSON) and to ``inventory`` (as a document); anything
but the library's own errors is a finding. Runs for FUZZ_SECONDS (default 60).
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
    from shared_responsibility import _convert, _data, _inventory, _references, _validate  # noqa: F401

CAT = sr.default_catalog()
FILE = Path(tempfile.mkdtemp()) / "input.json"


def one(data: bytes) -> None:
    """One input: only the library's own errors may come out."""
    FILE.write_bytes(data)
    with contextlib.suppress(sr.CatalogError):
        sr.load_catalog(FILE)
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
