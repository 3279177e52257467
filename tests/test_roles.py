"""Roles, availability and the names users type, pinned to the providers' published facts."""

import json
from typing import Any

import importlib_resources
import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()
OUTPOSTS = sr.Context(deployment="outposts")
GOVCLOUD = sr.Context(partition="aws-us-gov")


def duties(service: str, control: str, **options: str) -> list[tuple[str, str, sr.Role]]:
    context = sr.Context(options={f"{service}.{k}": v for k, v in options.items()})
    r = sr.resolve(CAT, service, control, context)
    return [(d.layer.id if d.layer else "", d.party.side.value, d.role) for d in r.duties]


# -- roles ------------------------------------------------------------------------------------


def test_s3_backups_are_the_customers_on_features_aws_offers() -> None:
    """Reliability Pillar: the customer manages the resiliency of its S3 data (versioning,
    replication, backups); S3 buckets are unversioned by default."""
    r = sr.resolve(CAT, "s3", "backup-and-recovery")
    assert r.ownership is sr.Ownership.CUSTOMER
    assert ("platform", "provider", sr.Role.ENABLES) in duties("s3", "backup-and-recovery")


def test_rds_automated_backups_are_performed_by_aws() -> None:
    """RDS backup pages: automated backups are on by default; the table puts backups with AWS."""
    assert ("platform", "provider", sr.Role.PERFORMS) in duties("rds", "backup-and-recovery")


def test_kms_rotation_of_customer_managed_keys_is_off_until_the_customer_turns_it_on() -> None:
    r = sr.resolve(CAT, "kms", "key-rotation", sr.Context(options={"kms.key-type": "customer-managed"}))
    assert r.ownership is sr.Ownership.CUSTOMER
    assert {(d.party.side, d.role) for d in r.duties} == {
        (sr.Side.PROVIDER, sr.Role.ENABLES),
        (sr.Side.CUSTOMER, sr.Role.PERFORMS),
    }


def test_lambda_manual_runtime_mode_leaves_applying_patches_to_the_customer() -> None:
    """Lambda runtime management: in Manual mode Lambda publishes patched runtimes but does not
    apply them."""
    platform = duties("lambda", "patch-management", **{"runtime-update-mode": "manual"})
    assert [d for d in platform if d[0] == "platform"] == [
        ("platform", "provider", sr.Role.ENABLES),
        ("platform", "customer", sr.Role.PERFORMS),
    ]
    auto = duties("lambda", "patch-management")
    assert ("platform", "provider", sr.Role.PERFORMS) in auto


def test_security_groups_filter_only_as_the_customer_writes_them() -> None:
    found = duties("ec2", "network-security")
    assert ("network-controls", "provider", sr.Role.ENABLES) in found
    assert ("network-controls", "customer", sr.Role.PERFORMS) in found


def test_cloudtrail_keeps_90_days_itself_but_a_trail_is_the_customers() -> None:
    """CloudTrail event history: 90 days of management events without setup; trails are created
    by the customer."""
    r = sr.resolve(CAT, "ec2", "logging-and-monitoring")
    identity = [d for d in r.duties if d.layer is not None and d.layer.id == "identity-and-access"]
    assert {(d.party.side, d.role) for d in identity} == {
        (sr.Side.PROVIDER, sr.Role.PERFORMS),
        (sr.Side.CUSTOMER, sr.Role.PERFORMS),
    }
    assert any("90 days" in d.text for d in identity if d.party.side is sr.Side.PROVIDER)


def test_enabling_duties_are_shown_and_exported_but_do_not_decide() -> None:
    r = sr.resolve(CAT, "ec2", "data-classification")
    s3 = sr.resolve(CAT, "s3", "data-classification")
    assert r.ownership is s3.ownership is sr.Ownership.CUSTOMER
    assert any(d.role is sr.Role.ENABLES for d in s3.duties)
    (row,) = json.loads(sr.export(s3, "json"))
    assert any("(enables)" in text for text in row["provider_duties"])


def _catalog(edit: Any) -> sr.Catalog:
    data = CAT.to_dict()
    edit(data)
    return sr.load_catalog(data)


def test_roles_round_trip_and_unknown_roles_are_refused() -> None:
    assert sr.load_catalog(CAT.to_dict()) == CAT

    def bad_role(d: dict[str, Any]) -> None:
        d["services"][0]["layers"] = {"data": {"customer": {"text": "x", "role": "supervises"}}}

    with pytest.raises(sr.CatalogError, match=r"services\[0\]\.layers\.data\.customer\.role: unknown role"):
        _catalog(bad_role)


def test_a_layer_where_nobody_performs_is_refused() -> None:
    def enablers_only(d: dict[str, Any]) -> None:
        d["services"][0]["layers"] = {"data": {"customer": {"text": "x", "role": "enables"}}}

    with pytest.raises(sr.CatalogError, match=r"services\[0\]\.layers\.data: no side performs"):
        _catalog(enablers_only)


def test_a_layer_rule_without_a_control_row_is_named_in_the_trail() -> None:
    """A user's dataset may lack control rows: the layer's general text stands in, and says so."""

    def layer_only(d: dict[str, Any]) -> None:
        ec2 = next(s for s in d["services"] if s["id"] == "ec2")
        ec2["layers"] = {"guest-os": {"provider": "Runs the guest OS for the customer."}}

    ours = _catalog(layer_only)
    r = sr.resolve(ours, "ec2", "patch-management")
    fallback = [t for t in r.trail if t.origin is sr.Origin.LAYER_TEXT]
    assert [(t.name, t.target) for t in fallback] == [("patch-management", "guest-os")]
    guest = [d.text for d in r.duties if d.layer is not None and d.layer.id == "guest-os"]
    assert guest == ["Runs the guest OS for the customer."]


# -- availability -----------------------------------------------------------------------------


@pytest.mark.parametrize("service", ["lambda", "iam", "cloudfront", "kms", "dynamodb"])
def test_services_that_do_not_run_on_outposts_are_refused_there(service: str) -> None:
    """'AWS resources on Outposts': none of these runs on an Outpost."""
    assert not CAT.offered(service, OUTPOSTS)
    with pytest.raises(sr.UnavailableError, match=r"not offered in deployment 'outposts'") as caught:
        sr.resolve(CAT, service, "physical-and-environmental", OUTPOSTS)
    assert caught.value.suggestions == ("region",)
    assert isinstance(caught.value, sr.UnknownContextError)


def test_outposts_rules_apply_to_services_that_run_there() -> None:
    r = sr.resolve(CAT, "ec2", "physical-and-environmental", OUTPOSTS)
    assert ("facilities", "customer") in {(d.layer.id, d.party.id) for d in r.duties if d.layer}


def test_cloudfront_is_outside_govcloud() -> None:
    """GovCloud user guide: CloudFront sits outside the GovCloud (US) boundary."""
    assert not CAT.offered("cloudfront", GOVCLOUD)
    assert CAT.offered("cloudfront", sr.Context(region="cn-north-1"))
    with pytest.raises(sr.UnavailableError, match="partition 'aws-us-gov'; it is offered in 'aws', 'aws-cn'"):
        sr.resolve(CAT, "cloudfront", "encryption-in-transit", GOVCLOUD)


def test_eks_pods_on_fargate_do_not_run_on_outposts() -> None:
    fargate = sr.Context(deployment="outposts", options={"eks.compute": "fargate"})
    assert CAT.offered("eks", OUTPOSTS)
    assert not CAT.offered("eks", fargate)
    with pytest.raises(sr.UnavailableError, match=r"'eks\.compute=fargate'"):
        sr.resolve(CAT, "eks", "patch-management", fargate)


def test_a_region_that_lacks_a_service_is_named() -> None:
    """Cognito user pools are in neither China Region; identity pools only in cn-north-1."""
    assert CAT.offered("cognito", sr.Context(region="cn-north-1"))
    with pytest.raises(sr.UnavailableError, match="region 'cn-northwest-1'; it is offered in 'cn-north-1'"):
        sr.resolve(CAT, "cognito", "patch-management", sr.Context(region="cn-northwest-1"))


def test_govcloud_terms_appear_in_every_answer_there() -> None:
    for control in ("patch-management", "data-classification", "awareness-and-training"):
        trail = sr.resolve(CAT, "ec2", control, GOVCLOUD).trail
        terms = [t for t in trail if t.name == "partition=aws-us-gov"]
        assert len(terms) == 1
        assert "U.S. Person" in terms[0].note
        assert "ITAR" in terms[0].note


@pytest.mark.parametrize("deployment", ["local-zone", "wavelength"])
def test_local_zones_and_wavelength_say_they_change_nothing(deployment: str) -> None:
    context = sr.Context(deployment=deployment)
    r = sr.resolve(CAT, "ec2", "patch-management", context)
    assert r.duties == sr.resolve(CAT, "ec2", "patch-management").duties
    summary = [t for t in r.trail if t.name == f"deployment={deployment}"]
    assert len(summary) == 1
    assert summary[0].note.startswith("Changes nothing in the split")


def test_the_european_sovereign_cloud_is_a_partition_of_its_own() -> None:
    eusc = sr.Context(region="eusc-de-east-1")
    assert CAT.offered("s3", eusc)
    assert not CAT.offered("cloudfront", eusc)  # absent from eusc-de-east-1's service list


def test_offered_raises_for_names_the_catalog_does_not_know() -> None:
    with pytest.raises(sr.UnknownContextError, match="unknown deployment 'moon'"):
        CAT.offered("ec2", sr.Context(deployment="moon"))
    with pytest.raises(sr.UnknownServiceError):
        CAT.offered("ec3")


# -- names users type ---------------------------------------------------------------------------


def test_suggestions_share_a_word_with_the_name() -> None:
    with pytest.raises(sr.UnknownServiceError) as caught:
        CAT.service("Amazon Elastic Kubernetes")
    assert caught.value.suggestions == ("eks",)


def test_a_provider_the_catalog_lacks_is_said_plainly() -> None:
    data = CAT.to_dict()
    data["services"] = [s for s in data["services"] if s["provider"] == "aws"]
    data["equivalents"] = []
    aws_only = sr.load_catalog(data)
    with pytest.raises(sr.UnknownServiceError, match="this catalog has no Microsoft Azure services"):
        aws_only.service("azure-vm")


# -- sources --------------------------------------------------------------------------------------


def test_every_source_says_what_kind_of_page_it_is() -> None:
    raw = (importlib_resources.files("shared_responsibility") / "data" / "catalog.json").read_text()
    kinds: dict[str, int] = {}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if {"title", "url", "read"} <= set(node):
                kinds[node.get("kind", "")] = kinds.get(node.get("kind", ""), 0) + 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(raw))
    assert set(kinds) <= {"primary", "secondary", "archive"}, kinds
    assert kinds["primary"] > kinds.get("secondary", 0)


def test_shipped_data_names_no_build_machine_and_no_tool() -> None:
    raw = (importlib_resources.files("shared_responsibility") / "data" / "catalog.json").read_text()
    for needle in ("/work/", "/tmp/", "corpus", "find_string", "stored mirror", "farm-"):
        assert needle not in raw, needle
