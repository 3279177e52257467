"""The public API of DESIGN.md: lookups, return shapes, immutability."""

import subprocess
import sys

import attrs
import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()


def test_default_catalog_is_cached() -> None:
    assert sr.default_catalog() is CAT


def test_curated_root() -> None:
    assert set(dir(sr)) == set(sr.__all__)
    for name in sr.__all__:
        assert hasattr(sr, name), name
    with pytest.raises(AttributeError, match="has no attribute 'resolv'"):
        sr.resolv  # noqa: B018


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Amazon EC2", "ec2"),
        ("amazon elastic compute cloud", "ec2"),
        ("AWS::EC2::Instance", "ec2"),
        ("AWS::EC2::Volume", "ebs"),
        ("AWS::EC2::VPC", "vpc"),
        ("lambda.amazonaws.com", "lambda"),
        ("AWS::S3::Bucket", "s3"),
        ("AWS::RDS::DBInstance", "rds"),
        ("fargate", "fargate"),
        ("AWS Fargate", "fargate"),
        ("Amazon EventBridge", "eventbridge"),
        ("AWS::Events::Rule", "eventbridge"),
        ("AWS STS", "sts"),
        ("sts.amazonaws.com", "sts"),
        ("Auto Scaling", "auto-scaling"),
        ("Microsoft Entra ID", "azure-entra-id"),
        ("Azure Active Directory", "azure-entra-id"),
        ("microsoft.compute/virtualmachines", "azure-virtual-machines"),
        ("GKE", "google-gke"),
        ("sqladmin.googleapis.com/Instance", "google-cloud-sql"),
    ],
)
def test_service_lookup_by_alias(name: str, expected: str) -> None:
    assert CAT.service(name).id == expected


def test_get_tier_returns_none() -> None:
    assert CAT.get_service("ec3") is None
    assert CAT.get_control("nope") is None
    assert CAT.get_layer("roof") is None
    assert CAT.get_party("nobody") is None
    assert CAT.get_control("ISO-27001:A.8.8") is None  # names two controls


def test_control_lookup_by_reference() -> None:
    assert CAT.control("NIST-800-53:SI-2").id == "patch-management"
    assert CAT.control("nist-800-53:si-2").id == "patch-management"
    assert [c.id for c in CAT.controls_for("ISO-27001:A.8.8")] == [
        "patch-management",
        "vulnerability-management",
    ]
    assert CAT.controls_for("ISO-27001:A.99") == ()


def test_layer_and_party_lookup() -> None:
    assert CAT.layer("guest-os").name == "Guest operating system"
    assert CAT.party("customer").side is sr.Side.CUSTOMER


def test_search_ranks_exact_then_prefix_then_substring() -> None:
    assert next(s.id for s in CAT.search("ec2")) == "ec2"
    assert [s.id for s in CAT.search("beanstalk")] == ["elastic-beanstalk"]
    found = [s.id for s in CAT.search("elastic")]
    assert found.index("elastic-beanstalk") < found.index("ec2")  # prefixes before substrings
    assert {"ebs", "ec2", "ecs", "eks"} <= set(found)
    assert CAT.search("") == ()
    assert CAT.search("zzzzzz") == ()


def test_split_is_read_only_and_ordered() -> None:
    table = sr.split(CAT, "ec2")
    assert list(table) == [layer.id for layer in CAT.layers]
    with pytest.raises(TypeError):
        table["data"] = table["hardware"]  # type: ignore[index]


def test_matrix_services_outer_controls_inner() -> None:
    m = sr.matrix(CAT, ["ec2", "s3"], ["patch-management", "encryption-at-rest"])
    assert [(r.service.id, r.control.id) for r in m] == [
        ("ec2", "patch-management"),
        ("ec2", "encryption-at-rest"),
        ("s3", "patch-management"),
        ("s3", "encryption-at-rest"),
    ]
    assert len(sr.matrix(CAT, ["ec2"])) == len(CAT.controls)


def test_workload_groups_customer_duties_and_names_services() -> None:
    w = sr.workload(CAT, ["ec2", "rds", "s3"])
    assert list(w) == [layer.id for layer in CAT.layers if layer.id in w]
    guest = {d.text: d.services for d in w["guest-os"]}
    assert all(services == ("ec2",) for services in guest.values())
    endpoints = w["endpoints"]
    assert any(set(d.services) == {"ec2", "rds", "s3"} for d in endpoints)
    by_control = sr.workload(CAT, ["ec2"], by="control")
    assert "physical-and-environmental" not in by_control
    assert "patch-management" in by_control


def test_shift_from_ec2_to_lambda() -> None:
    changes = {(c.kind, c.what): (c.before, c.after) for c in sr.shift(CAT, "ec2", "lambda")}
    assert changes[("layer", "guest-os")] == (sr.Ownership.CUSTOMER, sr.Ownership.PROVIDER)
    assert changes[("layer", "platform")] == (sr.Ownership.CUSTOMER, sr.Ownership.PROVIDER)
    assert ("layer", "data") not in changes
    assert sr.shift(CAT, "ec2", "ec2") == ()


def test_values_are_frozen() -> None:
    r = sr.resolve(CAT, "ec2", "patch-management")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        r.ownership = sr.Ownership.PROVIDER  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        CAT.version = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        sr.Context(options={"a.b": "c"}).options["a.b"] = "d"  # type: ignore[index]


def test_with_overrides_leaves_the_original_alone() -> None:
    before = sr.split(CAT, "ec2")
    new = CAT.with_overrides(
        [sr.Override(service="*", target="guest-os", parties=("ops",))],
        parties=[sr.Party(id="ops", name="Ops", side=sr.Side.CUSTOMER)],
    )
    assert new != CAT
    assert sr.split(CAT, "ec2") == before
    assert CAT.get_party("ops") is None
    assert new.party("ops").name == "Ops"


def test_context_options_are_a_hashable_mapping() -> None:
    a = sr.Context(options={"lambda.package-type": "image", "ecs.compute": "ec2"})
    b = sr.Context(options=[("ecs.compute", "ec2"), ("lambda.package-type", "image")])
    assert a == b
    assert hash(a) == hash(b)
    assert dict(a.options) == {"ecs.compute": "ec2", "lambda.package-type": "image"}


def test_ownership_control_types() -> None:
    assert [o.control_type for o in sr.Ownership] == ["inherited", "shared", "customer-specific"]


def test_warm_resolve_returns_the_same_object() -> None:
    first = sr.resolve(CAT, "s3", "encryption-at-rest")
    assert sr.resolve(CAT, "s3", "encryption-at-rest") is first


def test_the_models_annotations_resolve_right_after_a_first_answer() -> None:
    """Converters and type checkers that read the classes' annotations (cattrs, hypothesis)
    find every type they name, although a first answer creates only the classes it needs."""
    code = (
        "import sys, typing, attrs, shared_responsibility as sr\n"
        "sr.resolve(sr.default_catalog(), 'ec2', 'patch-management')\n"
        "print('shared_responsibility._answers' in sys.modules)\n"
        "for name in sr.__all__:\n"
        "    value = getattr(sr, name)\n"
        "    if isinstance(value, type) and attrs.has(value):\n"
        "        typing.get_type_hints(value)\n"
        "print('resolved')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "resolved"]
