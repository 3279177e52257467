"""Generated documentation stays in step with the data."""

import runpy
from pathlib import Path

import shared_responsibility as sr

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_dataset_reference_is_current() -> None:
    render = runpy.run_path(str(DOCS / "generate_dataset.py"))["render"]
    expected = render(sr.default_catalog())
    assert (DOCS / "dataset.md").read_text(encoding="utf-8") == expected, (
        "run: python docs/generate_dataset.py"
    )
