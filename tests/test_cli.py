"""The command-line tool, end to end, through a subprocess on the installed package."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import shared_responsibility as sr

SCRIPT = Path(sys.executable).with_name("shared-responsibility")
COMMANDS = ["services", "controls", "show", "resolve", "matrix", "workload", "shift", "inventory", "validate"]


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, input=stdin, check=False)


def test_module_and_script_agree() -> None:
    module = subprocess.run(
        [sys.executable, "-m", "shared_responsibility", "resolve", "ec2", "patch-management"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert module.stdout == run("resolve", "ec2", "patch-management").stdout
    assert "Patch management for Amazon EC2: shared (shared)" in module.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    done = run(command, "--help")
    assert done.returncode == 0
    assert f"example: shared-responsibility {command}" in done.stdout


def test_show_fits_80_columns_and_lists_the_stack_top_first() -> None:
    done = run("show", "lambda", "--option", "lambda.package-type=image")
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines)
    layers = [line.split()[0] for line in lines[3:17]]  # the 14 layers; the options follow
    assert layers[0] == "endpoints"
    assert layers[-1] == "facilities"
    guest = next(line for line in lines if line.startswith("guest-os"))
    assert "shared" in guest


def test_resolve_with_context_and_formats() -> None:
    done = run("resolve", "ec2", "physical-and-environmental", "--deployment", "outposts", "--format", "json")
    (row,) = json.loads(done.stdout)
    assert row["ownership"] == "shared"
    assert any("deployment=outposts" in t for t in row["trail"])
    china = run("resolve", "s3", "physical-and-environmental", "--region", "cn-north-1", "--format", "json")
    assert "Beijing Sinnet" in json.loads(china.stdout)[0]["provider_duties"][0]


def test_matrix_workload_shift_services_controls() -> None:
    matrix = run(
        "matrix", "ec2", "s3", "--controls", "patch-management", "data-classification", "--format", "csv"
    )
    assert matrix.stdout.splitlines()[0].startswith("service,control,references,ownership")
    assert len(matrix.stdout.splitlines()) == 5
    workload = run("workload", "ec2", "rds", "s3", "--by", "control", "--format", "markdown")
    assert workload.stdout.startswith("| target | party | duty | services |")
    shift = run("shift", "ec2", "lambda", "--format", "json")
    assert {"kind": "layer", "what": "guest-os", "before": "customer", "after": "provider"} in json.loads(
        shift.stdout
    )
    services = run("services", "--format", "json")
    assert len(json.loads(services.stdout)) == len(sr.default_catalog().services)
    controls = run("controls")
    assert "patch-management" in controls.stdout


def test_unknown_names_exit_1_with_suggestions() -> None:
    done = run("resolve", "ec3", "patch-management")
    assert done.returncode == 1
    assert done.stdout == ""
    assert (
        done.stderr == "shared-responsibility: unknown service 'ec3'; did you mean 'ec2', 'ecr' or 'ecs'?\n"
    )
    bad_option = run("show", "lambda", "--option", "lambda.package-type=jar")
    assert bad_option.returncode == 1
    assert "did you mean 'zip' or 'image'?" in bad_option.stderr


@pytest.mark.parametrize(
    "args",
    [
        (),
        ("frobnicate",),
        ("resolve", "ec2"),
        ("show", "ec2", "--format", "xlsx"),
        ("show", "ec2", "--option", "x"),
    ],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "usage:" in done.stderr or "error:" in done.stderr


def test_inventory_from_stdin_and_file(tmp_path: Path) -> None:
    refs = "arn:aws:s3:::bucket\nAWS::DynamoDB::Table\nnot a reference\n"
    done = run("inventory", "-", "--controls", "data-classification", "--format", "csv", stdin=refs)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0].startswith("resource,")
    assert len(lines) == 4  # header, two resolved, one reported as unplaceable
    assert "not an ARN" in lines[3]
    template = tmp_path / "t.json"
    template.write_text(
        json.dumps(
            {"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"PackageType": "Image"}}}}
        )
    )
    table = run("inventory", str(template))
    assert "Fn" in table.stdout
    assert "lambda" in table.stdout


def test_validate_dataset_and_overrides(tmp_path: Path) -> None:
    good = tmp_path / "catalog.json"
    good.write_text(json.dumps(sr.default_catalog().to_dict()))
    done = run("validate", str(good))
    assert done.returncode == 0
    assert "a valid catalog" in done.stdout
    data = sr.default_catalog().to_dict()
    data["services"][0]["category"] = "mainframe"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    failed = run("validate", str(bad))
    assert failed.returncode == 1
    assert "services[0].category: unknown category 'mainframe'" in failed.stderr
    overrides = tmp_path / "overrides.json"
    overrides.write_text(
        json.dumps(
            {
                "parties": [{"id": "acme-msp", "name": "Acme MSP", "side": "customer"}],
                "overrides": [
                    {"service": "ec2", "target": "guest-os", "parties": ["acme-msp"], "reason": "contract"}
                ],
            }
        )
    )
    assert run("validate", str(overrides)).returncode == 0
    shown = run("show", "ec2", "--overrides", str(overrides))
    assert "Acme MSP" in shown.stdout
    missing = run("validate", str(tmp_path / "nope.json"))
    assert missing.returncode == 1
    assert "cannot read" in missing.stderr


def test_output_is_deterministic() -> None:
    assert run("matrix", "ec2", "s3", "lambda").stdout == run("matrix", "ec2", "s3", "lambda").stdout


def test_services_of_one_provider_say_whose_split_they_follow() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "shared_responsibility", "services", "--provider", "aws", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = {row["id"]: row for row in json.loads(done.stdout)}
    assert rows["lambda"]["split"] == "service-specific"  # its runtime options move the line
    assert rows["sqs"]["split"] == "service-specific"  # its data-protection layer differs
    assert rows["eventbridge"]["category"] == "abstracted"
    assert rows["ebs"]["split"] == "category default"  # its pages restate the general model
    missing = subprocess.run(
        [sys.executable, "-m", "shared_responsibility", "services", "--provider", "azur"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 1
    assert "no services of provider 'azur'; did you mean 'azure'?" in missing.stderr
    google = subprocess.run(
        [sys.executable, "-m", "shared_responsibility", "services", "--provider", "gcp", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert {row["id"] for row in json.loads(google.stdout)} >= {"google-gke", "google-cloud-sql"}


@pytest.mark.parametrize("command", [["services"], ["controls"], ["shift", "ec2", "lambda"]])
def test_lists_refuse_the_oscal_formats_with_one_line(command: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "shared_responsibility", *command, "--format", "oscal-ssp"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    drawn = ", svg" if command[0] == "shift" else ""  # a shift draws its two stacks
    assert done.stderr.strip() == (
        f"shared-responsibility: {command[0]} writes table, csv, markdown, json{drawn}, not oscal-ssp"
    )


def test_the_export_formats_are_public() -> None:
    assert sr.FORMATS == ("csv", "markdown", "json", "oscal-component-definition", "oscal-ssp")
    with pytest.raises(sr.UnknownFormatError, match="did you mean 'csv'"):
        sr.export(sr.resolve(sr.default_catalog(), "ec2", "patch-management"), "cvs")


def test_show_lists_the_option_values_that_move_the_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "shared_responsibility", "show", "lambda"],
        capture_output=True,
        text=True,
        check=True,
    )
    text = " ".join(done.stdout.split())  # lines fold at 80 columns
    listed = (
        "option lambda.runtime-update-mode (Runtime update mode): auto (default), function-update, manual"
    )
    assert listed in text
    assert "choose with --option lambda.runtime-update-mode=VALUE" in done.stdout
