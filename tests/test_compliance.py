"""The compliance ecosystem: crosswalks, OSCAL (checked by compliance-trestle), framework views,
notebook display and the JSON export's schema."""

import json
import warnings
from typing import Any

import importlib_resources
import jsonschema
import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()
MSP = sr.Party(id="acme-msp", name="Acme MSP", side=sr.Side.CUSTOMER)
SUB = sr.Party(id="sub-dc", name="Colocation Co", side=sr.Side.PROVIDER)


@pytest.mark.parametrize(
    ("control", "expected"),
    [
        (
            "physical-and-environmental",
            {"aws": ("inherited",), "csa-ccm": ("CSP-owned",), "fedramp": ("inherited",),
             "oscal": ("provided",), "azure": ("Microsoft",), "google": ("GOOGLE",)},
        ),
        (
            "patch-management",
            {"aws": ("shared",), "csa-ccm": ("Shared CSP and CSC",),
             "fedramp": ("inherited", "customer-configured"), "oscal": ("provided", "responsibility"),
             "azure": ("Shared",), "google": ("SHARED",)},
        ),
        (
            "data-classification",
            {"aws": ("customer-specific",), "csa-ccm": ("CSC-owned",), "fedramp": ("customer-provided",),
             "oscal": ("responsibility",), "azure": ("Customer",), "google": ("CUSTOMER",)},
        ),
    ],
)  # fmt: skip
def test_crosswalk_every_vocabulary(control: str, expected: dict[str, tuple[str, ...]]) -> None:
    r = sr.resolve(CAT, "ec2", control)
    assert {v: sr.crosswalk(r, v) for v in sr.VOCABULARIES} == expected


def test_crosswalk_third_parties() -> None:
    ours = CAT.with_overrides(
        [
            sr.Override(service="ec2", target="guest-os", parties=("acme-msp",)),
            sr.Override(service="ec2", target="facilities", parties=("sub-dc",)),
            sr.Override(service="s3", target="hardware", parties=("aws", "sub-dc")),
        ],
        parties=[MSP, SUB],
    )
    # A customer-side partner acts for the customer: every vocabulary reads it as the customer.
    assert sr.crosswalk(sr.resolve(ours, "ec2", "data-classification"), "csa-ccm") == ("CSC-owned",)
    assert sr.crosswalk(sr.resolve(ours, "ec2", "os-installation"), "aws") == ("customer-specific",)
    # A provider-side third party: CSA CCM has words for it, the others do not.
    outsourced = sr.resolve(ours, "ec2", "hardware-lifecycle")
    assert sr.crosswalk(outsourced, "csa-ccm") == ("CSP-owned",)
    physical = sr.resolve(ours, "ec2", "physical-and-environmental")
    assert sr.crosswalk(physical, "csa-ccm") == ("Shared CSP and 3rd-party",)
    with pytest.raises(
        sr.CrosswalkError, match=r"fedramp has no value for a provider-side third party \('sub-dc'\)"
    ):
        sr.crosswalk(physical, "fedramp")
    assert sr.crosswalk(sr.resolve(ours, "s3", "hardware-lifecycle"), "csa-ccm") == (
        "Shared CSP and 3rd-party",
    )
    with pytest.raises(sr.UnknownVocabularyError, match="did you mean 'csa-ccm'"):
        sr.crosswalk(physical, "ccm")


def test_china_operator_is_the_provider_in_every_vocabulary() -> None:
    r = sr.resolve(CAT, "s3", "physical-and-environmental", sr.Context(region="cn-north-1"))
    assert sr.crosswalk(r, "fedramp") == ("inherited",)
    assert {d.party.id for d in r.duties} == {"sinnet"}


def test_fedramp_origination_follows_who_performs_and_who_enables() -> None:
    """sp-system where the provider performs above the infrastructure; customer-configured where
    it enables (S3 offers Macie for classification), customer-provided where it has no part."""
    at_rest = sr.resolve(CAT, "s3", "encryption-at-rest")  # S3 encrypts every new object by default
    assert sr.crosswalk(at_rest, "fedramp") == ("sp-system", "customer-configured")
    classify = sr.resolve(CAT, "s3", "data-classification")
    assert [d.role for d in classify.duties if d.party.side is sr.Side.PROVIDER] == [sr.Role.ENABLES]
    assert sr.crosswalk(classify, "fedramp") == ("customer-configured",)
    assert sr.crosswalk(sr.resolve(CAT, "ec2", "data-classification"), "fedramp") == ("customer-provided",)


@pytest.fixture(scope="module")
def trestle() -> tuple[Any, Any]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from trestle.oscal import component, ssp
    return component, ssp


def test_oscal_component_definition_loads_in_trestle_and_round_trips(trestle: tuple[Any, Any]) -> None:
    component, _ = trestle
    m = sr.matrix(CAT, ["ec2", "lambda"])
    text = sr.export(m, "oscal-component-definition")
    model = component.ComponentDefinition.model_validate(json.loads(text)["component-definition"])
    assert [c.title for c in model.components] == ["Amazon EC2", "AWS Lambda"]
    ids = {r.control_id for r in model.components[0].control_implementations[0].implemented_requirements}
    assert {"si-2", "pe-3", "sc-8.1", "at-2"} <= ids
    from shared_responsibility._oscal import read_component_definition

    read = read_component_definition(text)
    si2 = read[("Amazon EC2", "si-2")]
    assert set(si2) == {"provider", "customer"}
    assert any("patches" in text for text in si2["customer"])
    assert set(read[("Amazon EC2", "ra-2")]) == {"customer"}
    assert text == sr.export(
        sr.matrix(CAT, ["ec2", "lambda"]), "oscal-component-definition"
    )  # byte-identical


def test_oscal_ssp_loads_in_trestle_and_links_responsibilities_to_what_is_provided(
    trestle: tuple[Any, Any],
) -> None:
    _, ssp = trestle
    text = sr.export(sr.workload(CAT, ["s3"]), "oscal-ssp", system_name="Acme records")
    model = ssp.SystemSecurityPlan.model_validate(json.loads(text)["system-security-plan"])
    assert model.system_characteristics.system_name == "Acme records"
    by_control = {
        r.control_id: r.by_components for r in model.control_implementation.implemented_requirements
    }
    s3, system = by_control["sc-28"]  # S3 encrypts by default; key choices stay the customer's
    shared = s3.export
    assert shared.responsibilities[0].provided_uuid == shared.provided[0].uuid
    assert system.inherited[0].provided_uuid == shared.provided[0].uuid
    assert system.satisfied[0].responsibility_uuid == shared.responsibilities[0].uuid
    assert by_control["pe-3"][0].export.responsibilities is None
    assert by_control["ra-2"][0].export.provided is None


def test_framework_view_answers_what_is_still_mine() -> None:
    view = sr.framework_view(CAT, ["ec2", "s3"])
    refs = [r.reference for r in view]
    assert refs.index("NIST-800-53:AC-2") < refs.index("NIST-800-53:AC-3") < refs.index("NIST-800-53:SC-8")
    pe3 = next(r for r in view if r.reference == "NIST-800-53:PE-3")
    assert (pe3.title, pe3.ownership, pe3.customer_duties) == (
        "Physical Access Control",
        sr.Ownership.PROVIDER,
        (),
    )
    ra2 = next(r for r in view if r.reference == "NIST-800-53:RA-2")
    assert ra2.ownership is sr.Ownership.CUSTOMER
    assert {s for s, _ in ra2.customer_duties} == {"ec2", "s3"}
    iso = sr.framework_view(CAT, ["ec2"], framework="ISO-27001")
    assert all(r.reference.startswith("ISO-27001:") for r in iso)
    with pytest.raises(sr.UnknownControlError, match="no control maps to framework 'ISO-9001'"):
        sr.framework_view(CAT, ["ec2"], framework="ISO-9001")


def test_notebook_display() -> None:
    html = sr.split(CAT, "s3")._repr_html_()
    assert html.startswith("<table>")
    assert 'style="background:#dcfce7"><td>endpoints</td>' in html
    assert "<td>facilities</td>" in html
    assert sr.resolve(CAT, "ec2", "patch-management")._repr_html_().count("<tr") == 2
    assert (
        sr.matrix(CAT, ["ec2"], ["patch-management", "data-classification"])._repr_html_().count("<tr") == 3
    )


def test_dataframes_are_tidy_with_categoricals() -> None:
    df = sr.matrix(CAT, ["ec2", "s3"], ["patch-management"]).to_pandas()
    assert list(df.columns) == [
        "service",
        "control",
        "ownership",
        "control_type",
        "layer",
        "party",
        "side",
        "role",
        "duty",
    ]
    assert str(df["ownership"].dtype) == "category"
    assert list(df["ownership"].cat.categories) == ["provider", "shared", "customer"]
    assert set(df["service"]) == {"ec2", "s3"}
    layers = sr.split(CAT, "ec2").to_pandas()
    assert set(layers["layer"]) == {layer.id for layer in CAT.layers}


def test_json_export_matches_the_shipped_schema() -> None:
    schema = json.loads(
        (importlib_resources.files("shared_responsibility") / "data" / "export.schema.json").read_text()
    )
    for obj in (
        sr.matrix(CAT, ["ec2", "s3"]),
        sr.split(CAT, "lambda"),
        sr.workload(CAT, ["ec2", "rds"]),
        list(sr.inventory(CAT, ["arn:aws:s3:::b", "nonsense"], controls=["data-classification"])),
    ):
        jsonschema.validate(json.loads(sr.export(obj, "json")), schema)
