"""The command-line tool in-process (``main(argv)``): every command and format, and its errors."""

import json
from pathlib import Path

import pytest

import shared_responsibility as sr
from shared_responsibility._cli import main

FIXTURES = Path(__file__).with_name("fixtures")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "json"])
@pytest.mark.parametrize(
    "argv",
    [
        ("services",),
        ("controls",),
        ("show", "s3"),
        ("resolve", "lambda", "patch-management", "--option", "lambda.runtime-update-mode=manual"),
        ("matrix", "ec2", "s3", "--controls", "patch-management"),
        ("workload", "ec2", "rds"),
        ("shift", "ec2", "lambda"),
        ("inventory", str(FIXTURES / "webapp.template.json"), "--controls", "patch-management"),
    ],
    ids=lambda a: a[0],
)
def test_every_command_in_every_format(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], fmt: str
) -> None:
    code, out, err = run(capsys, *argv, "--format", fmt)
    assert (code, err) == (0, "")
    assert out.endswith("\n")
    if fmt == "json":
        assert json.loads(out)
    elif fmt == "table":  # fits 80 columns; only a source's URL stands whole on a line of its own
        assert all(len(line) <= 80 or line.strip().startswith("https://") for line in out.splitlines())


@pytest.mark.parametrize("fmt", ["oscal-component-definition", "oscal-ssp"])
def test_oscal_from_the_command_line(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    code, out, _ = run(capsys, "matrix", "s3", "--format", fmt)
    assert code == 0
    assert json.loads(out)


def test_a_workload_becomes_a_named_ssp_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "workload", "ec2", "s3", "--format", "oscal-ssp", "--system-name", "Acme billing"
    )
    assert code == 0
    assert json.loads(out)["system-security-plan"]["system-characteristics"]["system-name"] == "Acme billing"
    code, _, err = run(capsys, "workload", "ec2", "--format", "csv", "--system-name", "Acme billing")
    assert code == 1
    assert "system_name and profile are for an oscal-ssp export, not csv" in err


def test_the_profile_of_an_ssp_by_a_known_baselines_id(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "workload", "s3", "--format", "oscal-ssp", "--profile", "fedramp-rev5-moderate"
    )
    assert code == 0
    href = json.loads(out)["system-security-plan"]["import-profile"]["href"]
    assert href.startswith("https://raw.githubusercontent.com/GSA/fedramp-automation/")
    code, _, err = run(capsys, "workload", "s3", "--format", "oscal-ssp", "--profile", "nist-moderate")
    assert code == 1
    assert "unknown profile 'nist-moderate'" in err
    assert "'nist-800-53-rev5-moderate'" in err


def test_context_flags(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "show", "ec2", "--deployment", "outposts", "--format", "json")
    assert next(r for r in json.loads(out) if r["layer"] == "facilities")["ownership"] == "customer"
    _, out, _ = run(capsys, "show", "ec2", "--partition", "aws-cn", "--format", "json")
    assert "NWCD" in json.dumps(json.loads(out))
    code, _, err = run(capsys, "show", "ec2", "--region", "mars-1")
    assert code == 1
    assert "unknown region 'mars-1'" in err


def test_own_catalog_and_overrides(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps(sr.default_catalog().to_dict()))
    code, out, _ = run(capsys, "services", "--catalog", str(catalog), "--format", "json")
    assert code == 0
    assert len(json.loads(out)) == len(sr.default_catalog().services)
    bad = tmp_path / "overrides.json"
    bad.write_text(json.dumps({"parties": [{"id": "x"}], "overrides": [{"service": "ec2"}]}))
    code, _, err = run(capsys, "show", "ec2", "--overrides", str(bad))
    assert code == 1
    assert "parties[0]: needs 'id' and 'side'" in err
    assert "overrides[0]: needs 'service', 'target' and 'parties'" in err
    not_object = tmp_path / "list.json"
    not_object.write_text("[]")
    code, _, err = run(capsys, "validate", str(not_object))
    assert code == 1
    assert "an overrides file is a JSON object" in err


def test_option_syntax_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "ec2", "--option", "no-equals-sign")
    assert code == 2
    assert "--option takes service.option=value, got 'no-equals-sign'" in err


def test_inventory_reports_what_it_cannot_place(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    refs = tmp_path / "refs.txt"
    refs.write_text("arn:aws:s3:::b\nnot-a-reference\n")
    code, out, _ = run(capsys, "inventory", str(refs))
    assert code == 0
    assert "cannot place: invalid reference 'not-a-reference'" in out.replace("\n", " ").replace("  ", " ")
