"""Exports: the shapes of each format, and spreadsheet safety."""

import csv
import io
import json

import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()


def test_csv_is_a_customer_responsibility_matrix() -> None:
    text = sr.export(sr.matrix(CAT, ["ec2", "s3"], ["patch-management", "data-classification"]), "csv")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [(r["service"], r["control"], r["ownership"]) for r in table] == [
        ("ec2", "patch-management", "shared"),
        ("ec2", "data-classification", "customer"),
        ("s3", "patch-management", "shared"),
        ("s3", "data-classification", "customer"),
    ]
    assert {"references", "provider_duties", "customer_duties", "sources"} <= set(table[0])
    assert "NIST-800-53:SI-2" in table[0]["references"]


def test_csv_cells_never_start_a_formula() -> None:
    cat = CAT.with_overrides(
        [sr.Override(service="ec2", target="guest-os", parties=("evil",))],
        parties=[sr.Party(id="evil", name='=HYPERLINK("http://x")', side=sr.Side.CUSTOMER)],
    )
    text = sr.export(sr.resolve(cat, "ec2", "patch-management"), "csv")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)
    assert any("'=HYPERLINK" in cell for cell in cells)


def test_markdown_and_json() -> None:
    table = sr.split(CAT, "lambda")
    markdown = sr.export(table, "markdown").splitlines()
    assert markdown[0].startswith("| layer | ownership |")
    assert len(markdown) == 2 + len(CAT.layers)
    data = json.loads(sr.export(table, "json"))
    assert [row["layer"] for row in data] == [layer.id for layer in CAT.layers]
    duties = json.loads(sr.export(sr.workload(CAT, ["ec2", "s3"]), "json"))
    assert {"target", "party", "duty", "services"} == set(duties[0])


def test_exports_are_deterministic() -> None:
    m = sr.matrix(CAT, [s.id for s in CAT.services[:5]])
    assert sr.export(m, "csv") == sr.export(sr.matrix(CAT, [s.id for s in CAT.services[:5]]), "csv")


def test_export_errors() -> None:
    with pytest.raises(sr.UnknownFormatError, match="unknown format 'xlsx'"):
        sr.export(sr.resolve(CAT, "ec2", "patch-management"), "xlsx")
    with pytest.raises(sr.ExportError, match="cannot export a int"):
        sr.export(42, "csv")
    with pytest.raises(sr.ExportError, match="cannot export a str inside a sequence"):
        sr.export([sr.resolve(CAT, "ec2", "patch-management"), "x"], "csv")
