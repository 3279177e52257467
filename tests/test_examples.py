"""The examples run, and say what the README promises."""

import runpy
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_quickstart(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(EXAMPLES / "quickstart.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert "Amazon EC2" in out
    assert "Amazon S3" in out
    assert "AWS Lambda" in out
    assert "Guest operating system    customer        provider        provider" in out
    assert "option value: lambda.runtime-update-mode=manual -> platform" in out
    # in Manual mode Lambda only publishes patched runtimes: it enables, the customer performs
    assert "Amazon Web Services (enables) [Platform]: Publishes patched runtime versions" in out
