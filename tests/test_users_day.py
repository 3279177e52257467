"""The user's day: framework questions on chosen controls, comparisons of services and of
configurations, DataFrames and exports of every result, and the API page naming every public name.
"""

import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()
API = (Path(__file__).parent.parent / "docs" / "api.md").read_text()


def test_framework_questions_take_bare_ids_oscal_ids_other_vocabularies_and_enhancements() -> None:
    view = sr.framework_view(CAT, ["ec2", "s3"], controls=["SI-2", "ac-2", "sc-8.1", "CCM:BCR-08", "SI-2(2)"])
    assert [r.reference for r in view] == [
        "NIST-800-53:SI-2",
        "NIST-800-53:AC-2",
        "NIST-800-53:SC-8(1)",
        "CCM:BCR-08",
        "NIST-800-53:SI-2",
    ]
    assert [r.note for r in view[:4]] == ["", "", "", ""]
    assert (
        view[4].note
        == "NIST-800-53:SI-2(2) is not mapped by the dataset; its base control NIST-800-53:SI-2 answers"
    )
    backups = view[3]  # CCM BCR-08 is backup: the customer's on EC2 and S3 (AWS only enables S3's)
    assert backups.ownership is sr.Ownership.CUSTOMER


def test_a_framework_question_the_dataset_cannot_answer_names_the_nearest() -> None:
    with pytest.raises(sr.UnknownControlError) as caught:
        sr.framework_view(CAT, ["ec2"], controls=["SI-99"])
    assert "read as 'NIST-800-53:SI-99'" in str(caught.value)
    assert all(s.startswith("NIST-800-53:") for s in caught.value.suggestions)  # not CCM for a NIST id


def test_comparing_two_configurations_of_one_service_reports_ownership_and_duties() -> None:
    zip_, image = (sr.Context(options={"lambda.package-type": v}) for v in ("zip", "image"))
    changes = sr.compare(CAT, ("lambda", zip_), ("lambda", image))
    owners = {(c.kind, c.what): (c.before, c.after) for c in changes if isinstance(c, sr.Change)}
    assert owners[("layer", "guest-os")] == (
        sr.Ownership.PROVIDER,
        sr.Ownership.SHARED,
    )  # the image's OS layer
    duties = {c.what: c for c in changes if isinstance(c, sr.DutyChange)}
    patching = duties["patch-management@guest-os"]
    assert "customer" not in {d.party.id for d in patching.before}
    assert "customer" in {d.party.id for d in patching.after}
    assert patching.change == "changes hands"


def test_what_patching_work_disappears_from_ec2_to_lambda() -> None:
    changes = sr.shift(CAT, "ec2", "lambda")
    guest = next(c for c in changes if c.what == "patch-management@guest-os")
    assert isinstance(guest, sr.DutyChange)
    assert {d.party.id for d in guest.before if d.role is sr.Role.PERFORMS} == {"customer"}
    assert {d.party.id for d in guest.after if d.role is sr.Role.PERFORMS} == {"aws"}
    assert guest.change == "changes hands"


def test_nothing_changing_is_said() -> None:
    same = sr.compare(CAT, "ec2", ("ec2", None))
    assert same == ()
    assert repr(same) == "<Comparison: nothing changes>"


@pytest.mark.parametrize(
    ("kind", "headers"),
    [
        ("workload", ["target", "party", "duty", "services"]),
        ("framework view", ["reference", "title", "ownership", "services", "customer_duties", "note"]),
        ("comparison", ["kind", "what", "before", "after", "change"]),
        ("split", ["layer", "owner", "duties"]),
        ("matrix", ["service", "control", "type", "duties"]),
    ],
)
def test_every_result_converts_to_a_dataframe_and_shows_as_its_own_table(
    kind: str, headers: list[str]
) -> None:
    result: Any = {
        "workload": sr.workload(CAT, ["ec2", "s3"]),
        "framework view": sr.framework_view(CAT, ["ec2"], controls=["SI-2"]),
        "comparison": sr.shift(CAT, "ec2", "lambda"),
        "split": sr.split(CAT, "ec2"),
        "matrix": sr.matrix(CAT, ["ec2"], ["patch-management"]),
    }[kind]
    # a row for each layer, answer or requirement; a workload's for each duty under a layer
    shown = sum(map(len, result.values())) if isinstance(result, sr.Workload) else len(result)
    df = result.to_pandas()
    assert len(df) >= shown > 0
    html = result._repr_html_()
    assert re.findall("<th>(.*?)</th>", html) == headers
    assert html.count("<tr") == shown + 1  # and the header
    if "ownership" in df:
        assert df["ownership"].dtype == "category"


def test_an_empty_comparison_shows_as_no_rows_not_as_a_matrix() -> None:
    html = sr.compare(CAT, "ec2", ("ec2", None))._repr_html_()
    assert "<td>" not in html
    assert "<th>service</th>" not in html


def test_a_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(sr.MissingExtraError, match=re.escape("pip install 'shared-responsibility[pandas]'")):
        sr.split(CAT, "ec2").to_pandas()


def test_comparisons_and_framework_views_export_to_the_plain_formats() -> None:
    schema = json.loads((Path(sr.__file__).parent / "data" / "export.schema.json").read_text())
    import jsonschema

    for result in (sr.shift(CAT, "ec2", "lambda"), sr.framework_view(CAT, ["ec2", "s3"])):
        jsonschema.validate(json.loads(sr.export(result, "json")), schema)
        assert sr.export(result, "csv").count("\n") == len(result) + 1
    view = sr.framework_view(CAT, ["s3"], controls=["SC-28"])
    assert json.loads(sr.export(view, "oscal-component-definition"))["component-definition"]["components"]


def test_the_api_page_names_every_public_name() -> None:
    missing = [name for name in sr.__all__ if name != "__version__" and not re.search(rf"\b{name}\b", API)]
    assert missing == []
