"""Inventories end to end: the bundled CloudFormation template and AWS Config snapshot
(tests/fixtures, written to the documented formats; README.md there lists what to expect)."""

import json
from pathlib import Path

import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()
FIXTURES = Path(__file__).with_name("fixtures")

TEMPLATE_SERVICES = {
    "VPC": "vpc",
    "PublicSubnet1": "vpc",
    "NatGatewayEIP": "ec2",  # no entry lists AWS::EC2::EIP: the namespace falls back to EC2
    "LoadBalancer": "elb",
    "ECSCluster": "ecs",
    "TaskLogGroup": "cloudwatch",
    "TaskExecutionRole": "iam",
    "Service": "ecs",
    "DataKey": "kms",
    "Database": "rds",
    "AssetsBucket": "s3",
    "AssetCheckFunction": "lambda",
}


def found_type(items: list[sr.InventoryItem], rtype: str) -> str | None:
    return next(i.service.id for i in items if i.type == rtype and i.service is not None)


def _by_resource(items: list[sr.InventoryItem]) -> dict[str, sr.InventoryItem]:
    return {item.resource: item for item in items}


@pytest.mark.parametrize("name", ["webapp.template.json", "webapp.template.yaml"])
def test_template(name: str) -> None:
    items = list(sr.inventory(CAT, FIXTURES / name))
    raw = json.loads((FIXTURES / "webapp.template.json").read_text())
    assert [i.resource for i in items] == list(raw["Resources"])  # one result a resource, in order
    found = _by_resource(items)
    assert all(item.placed for item in items)
    assert {k: found[k].service.id for k in TEMPLATE_SERVICES} == TEMPLATE_SERVICES  # type: ignore[union-attr]
    assert dict(found["Service"].context.options) == {"ecs.compute": "fargate"}  # type: ignore[union-attr]
    assert dict(found["AssetCheckFunction"].context.options) == {  # type: ignore[union-attr]
        "lambda.package-type": "zip",
        "lambda.runtime-update-mode": "auto",
    }
    assert dict(found["Database"].context.options) == {"rds.custom": "none"}  # type: ignore[union-attr]
    assert len(found["Database"].resolutions) == len(CAT.controls)


def test_template_trail_says_the_option_came_from_the_resource() -> None:
    (service,) = [
        i
        for i in sr.inventory(CAT, FIXTURES / "webapp.template.json", ["patch-management"])
        if i.resource == "Service"
    ]
    patch = service.resolutions[0]
    rules = [r for r in patch.trail if r.origin is sr.Origin.OPTION]
    assert rules
    assert all(r.name == "ecs.compute=fargate" for r in rules)
    assert all(r.note == "set from the resource's configuration: LaunchType = FARGATE" for r in rules)
    assert {d.party.id for d in patch.duties if d.layer and d.layer.id == "guest-os"} == {"aws"}


def test_config_snapshot() -> None:
    items = list(
        sr.inventory(
            CAT,
            FIXTURES / "config-snapshot.json",
            controls=["patch-management", "physical-and-environmental"],
        )
    )
    assert len(items) == 39  # never dropped
    unplaced = [i for i in items if not i.placed]
    assert [i.type for i in unplaced] == [None]
    assert unplaced[0].reason == "no resource type or ARN to place it by"
    assert found_type(items, "AWS::IoT::Policy") == "iot-core"
    found = {i.resource: i for i in items}

    def service_of(fragment: str) -> tuple[str, dict[str, str]]:
        (item,) = [i for k, i in found.items() if fragment in k]
        assert item.service is not None
        assert item.context is not None
        return item.service.id, dict(item.context.options)

    assert service_of("volume/vol-0f1e2d3c4b5a60001")[0] == "ebs"
    assert service_of("service/shop-prod/shop-prod-catalog-api") == ("ecs", {"ecs.compute": "ec2"})
    assert service_of("service/shop-prod/shop-prod-storefront") == ("ecs", {"ecs.compute": "fargate"})
    assert service_of("analytics-report-worker") == ("ecs", {"ecs.compute": "fargate"})  # capacity providers
    assert service_of("fargateprofile/analytics/batch-jobs") == ("eks", {"eks.compute": "fargate"})
    assert service_of("function:shop-prod-pdf-renderer") == ("lambda", {"lambda.package-type": "image"})
    assert service_of("db:erp-ledger") == ("rds", {"rds.custom": "oracle"})
    assert service_of("cluster:shop-prod-inventory")[0] == "aurora"
    assert service_of("db:shop-prod-inventory-1")[0] == "aurora"  # an Aurora writer instance
    china = next(i for i in items if i.resource.startswith("arn:aws-cn:"))
    physical = china.resolutions[1]
    assert {d.party.id for d in physical.duties} == {"sinnet"}
    iam = next(i for i in items if i.type == "AWS::IAM::Role")
    assert iam.context is not None
    assert (iam.context.partition, iam.context.region) == ("aws", None)


def test_references_and_json_lines(tmp_path: Path) -> None:
    items = list(sr.inventory(CAT, iter(["arn:aws:s3:::b", "bogus", 7]), controls=["data-classification"]))
    assert [i.placed for i in items] == [True, False, False]
    assert items[2].reason == "not a reference or a configuration item: int"
    lines = tmp_path / "items.jsonl"
    sqs = '{"resourceType": "AWS::SQS::Queue", "awsRegion": "eu-west-1"}'
    lines.write_text(f'{sqs}\n\n{{"resourceType": "AWS::S3::Bucket"}}\n')
    assert [i.service.id for i in sr.inventory(CAT, lines) if i.service] == ["sqs", "s3"]
    refs = tmp_path / "refs.txt"
    refs.write_text("# one reference a line\narn:aws:lambda:eu-west-1:123456789012:function:f\n")
    assert [i.service.id for i in sr.inventory(CAT, refs) if i.service] == ["lambda"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("arn:aws:s3:::b", "not a string"),
        ({"Resources": []}, "'Resources' must be an object"),
        ({"configurationItems": {}}, "'configurationItems' must be a list"),
        ({"Something": 1}, "not a CloudFormation or SAM template .* its keys are 'Something'"),
        (42, "cannot read resources from int"),
    ],
)
def test_malformed_inventories(source: object, message: str) -> None:
    with pytest.raises(sr.InventoryError, match=message):
        list(sr.inventory(CAT, source))


def test_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(sr.InventoryError, match="cannot read"):
        list(sr.inventory(CAT, tmp_path / "missing.json"))
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(sr.InventoryError, match="not valid JSON"):
        list(sr.inventory(CAT, broken))
    jsonl = tmp_path / "broken.jsonl"
    jsonl.write_text("{}\n{\n")
    with pytest.raises(sr.InventoryError, match=r"broken.jsonl:2: not valid JSON"):
        list(sr.inventory(CAT, jsonl))


def test_unknown_controls_and_contexts_fail_before_reading() -> None:
    with pytest.raises(sr.UnknownControlError):
        sr.inventory(CAT, [], controls=["patch"])
    with pytest.raises(sr.UnknownContextError):
        sr.inventory(CAT, [], context=sr.Context(deployment="moon"))
