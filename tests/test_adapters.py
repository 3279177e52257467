"""Inputs as users have them: Terraform plans and state with modules, SAM applications, nested
stacks, AWS Config query results, through the library and through the command line. The
fixtures are written to the formats' documentation (tests/fixtures/README.md)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

import shared_responsibility as sr
from shared_responsibility import adapters

CAT = sr.default_catalog()
FIXTURES = Path(__file__).with_name("fixtures")
PLAN = FIXTURES / "terraform" / "plan.json"
STATE = FIXTURES / "terraform" / "state.json"
SAM = FIXTURES / "sam" / "template.yaml"
NESTED = FIXTURES / "nested" / "parent.yaml"
RESULTS = FIXTURES / "config" / "aggregator-results.json"


def _items(path: Path, controls: list[str] | None = None) -> dict[str, sr.InventoryItem]:
    return {i.resource: i for i in sr.inventory(CAT, path, controls or ["patch-management"])}


def _placed(items: dict[str, sr.InventoryItem]) -> dict[str, str]:
    return {name: i.service.id for name, i in items.items() if i.service is not None}


def _options(item: sr.InventoryItem) -> dict[str, str]:
    assert item.context is not None
    return dict(item.context.options)


# -- Terraform --------------------------------------------------------------------------------


def test_terraform_plan_places_what_the_plan_manages_in_every_module() -> None:
    items = _items(PLAN)
    assert _placed(items) == {
        "aws_s3_bucket.assets": "s3",
        "aws_lambda_function.resize": "lambda",
        "aws_db_instance.orders": "rds",
        "aws_kms_key.data": "kms",
        "aws_cloudfront_distribution.cdn": "cloudfront",
        "module.cluster.aws_ecs_service.api": "ecs",
        "module.cluster.aws_eks_node_group.workers[0]": "eks",
        "module.cluster.module.network.aws_security_group.api": "vpc",
    }
    # a data source manages nothing and is not listed; a deletion and a non-cloud provider are
    # listed with the reason
    assert "data.aws_caller_identity.current" not in items
    assert items["aws_iam_role.legacy"].reason == "the plan deletes this resource"
    assert "hashicorp/random" in items["random_id.suffix"].reason
    assert items["module.cluster.aws_ecs_service.api"].where == f"{PLAN}: resource_changes[8]"


def test_terraform_plan_region_comes_from_the_provider_configuration() -> None:
    items = _items(PLAN)
    regions = {name: i.context.region for name, i in items.items() if i.context is not None}
    assert regions["aws_s3_bucket.assets"] == "eu-west-1"
    assert regions["aws_cloudfront_distribution.cdn"] == "us-east-1"  # the aliased provider "aws.us"
    assert regions["module.cluster.module.network.aws_security_group.api"] == "eu-west-1"


def test_terraform_options_are_read_by_the_evidence_rules_of_the_data() -> None:
    items = _items(PLAN)
    assert _options(items["aws_lambda_function.resize"]) == {"lambda.package-type": "image"}
    assert _options(items["module.cluster.aws_ecs_service.api"]) == {"ecs.compute": "fargate"}
    assert _options(items["module.cluster.aws_eks_node_group.workers[0]"]) == {
        "eks.compute": "managed-node-groups"
    }
    assert _options(items["aws_kms_key.data"]) == {"kms.key-type": "customer-managed"}


def test_a_value_known_only_after_apply_leaves_the_default_and_says_why() -> None:
    item = _items(PLAN, ["backup-and-recovery"])["aws_db_instance.orders"]
    assert _options(item) == {}
    (backup,) = item.resolutions  # the rds.custom option decides backups
    assumed = [r.note for r in backup.trail if r.origin is sr.Origin.DEFAULT_OPTION]
    assert assumed
    assert all(
        note == "engine is known only after apply: its value is unknown, so the default is assumed"
        for note in assumed
    )


def test_terraform_state_reads_child_modules_and_the_region_of_each_arn() -> None:
    items = _items(STATE, ["physical-and-environmental"])
    assert _placed(items) == {
        "aws_s3_bucket.logs": "s3",
        "module.china.aws_dynamodb_table.orders": "dynamodb",
        'module.china.module.queue.aws_sqs_queue.jobs["eu"]': "sqs",
        "module.china.module.queue.aws_lambda_runtime_management_config.jobs": "lambda",
    }
    orders = items["module.china.aws_dynamodb_table.orders"]
    assert orders.context is not None
    assert orders.context.region == "cn-north-1"
    assert {d.party.id for d in orders.resolutions[0].duties} == {"sinnet"}  # Beijing's operator
    jobs = items["module.china.module.queue.aws_lambda_runtime_management_config.jobs"]
    assert _options(jobs) == {"lambda.runtime-update-mode": "manual"}


def test_providers_match_on_namespace_and_type_whatever_the_registry() -> None:
    doc = json.loads(PLAN.read_text())
    for change in doc["resource_changes"]:
        change["provider_name"] = change["provider_name"].replace(
            "registry.terraform.io", "registry.opentofu.org"
        )
    tofu = {i.resource: i.service.id for i in sr.inventory(CAT, doc, ["patch-management"]) if i.service}
    assert tofu == _placed(_items(PLAN))


def test_terraform_json_of_an_unknown_major_version_is_refused() -> None:
    with pytest.raises(sr.InventoryError, match=r"Terraform JSON format '2\.0'"):
        list(sr.inventory(CAT, {"format_version": "2.0", "values": {"root_module": {}}}))


# -- CloudFormation and SAM -----------------------------------------------------------------------


def test_sam_expands_to_the_resources_it_creates() -> None:
    items = list(sr.inventory(CAT, SAM, ["patch-management"]))
    assert [(i.resource, i.type) for i in items] == [
        ("ThumbnailFunction", "AWS::Lambda::Function"),
        ("ThumbnailFunctionRole", "AWS::IAM::Role"),
        ("ThumbnailFunctionUpload", "AWS::Lambda::Permission"),
        ("ThumbnailFunctionJobs", "AWS::Lambda::EventSourceMapping"),
        ("RenderFunction", "AWS::Lambda::Function"),  # its Role is given: SAM creates none
        ("RenderRole", "AWS::IAM::Role"),
        ("JobQueue", "AWS::SQS::Queue"),
        ("Thumbnails", "AWS::DynamoDB::Table"),
        ("Workflow", "AWS::StepFunctions::StateMachine"),
        ("SharedLibs", "AWS::Lambda::LayerVersion"),
        ("Auth", "AWS::CloudFormation::Stack"),
        ("ServerlessRestApi", "AWS::ApiGateway::RestApi"),  # the implicit API of the Upload event
        ("ServerlessRestApiDeployment", "AWS::ApiGateway::Deployment"),
        ("ServerlessRestApiStage", "AWS::ApiGateway::Stage"),
    ]
    by_name = {i.resource: i for i in items}
    assert (
        by_name["ThumbnailFunction"].note == "created by SAM for AWS::Serverless::Function ThumbnailFunction"
    )
    # Globals apply to every function; a function's own properties win
    assert _options(by_name["ThumbnailFunction"]) == {"lambda.runtime-update-mode": "function-update"}
    assert _options(by_name["RenderFunction"]) == {
        "lambda.package-type": "image",
        "lambda.runtime-update-mode": "function-update",
    }
    assert "nested stack" in by_name["Auth"].reason


def test_nested_stacks_and_custom_resources_are_named_as_such() -> None:
    items = _items(NESTED)
    assert items["Network"].reason.startswith(
        "a nested stack: its resources are in its own template at https://"
    )
    assert items["Seed"].reason.startswith("a custom resource (Custom::SeedData)")
    assert _placed(items) == {
        "SeedFunction": "lambda",
        "SeedRole": "iam",
        "Service": "ecs",
        "Database": "rds",
    }


@pytest.mark.parametrize(
    ("resource", "option", "intrinsic"),
    [("Service", "ecs.compute", "Fn::If"), ("Database", "rds.custom", "Fn::FindInMap")],
)
def test_a_value_hidden_by_an_intrinsic_leaves_the_default_and_says_why(
    resource: str, option: str, intrinsic: str
) -> None:
    item = _items(NESTED)[resource]
    assert item.context is not None
    assert option not in item.context.options
    assert item.context.evidence[option].endswith(
        f"is set by {intrinsic}: its value is unknown, so the default is assumed"
    )
    assert item.service is not None
    assert item.service.id != "aurora"  # the engine is unknown: nothing refines it


def test_yaml_short_forms_read_as_their_long_forms() -> None:
    doc = adapters.parse_text(NESTED.read_text(), "parent.yaml")
    assert doc["Conditions"]["Prod"] == {
        "Fn::And": [{"Condition": "Fargate"}, {"Fn::Equals": [{"Ref": "Env"}, "prod"]}]
    }
    assert doc["Resources"]["Seed"]["Properties"]["ServiceToken"] == {"Fn::GetAtt": ["SeedFunction", "Arn"]}


# -- AWS Config ---------------------------------------------------------------------------------------


def test_aggregator_query_results_are_configuration_items() -> None:
    items = list(sr.inventory(CAT, RESULTS, ["physical-and-environmental"]))
    assert [(i.service.id if i.service else None) for i in items] == [
        "ec2",
        "dynamodb",
        "ecs",
        "auto-scaling",
    ]
    assert [i.context.region for i in items if i.context] == [
        "eu-west-1",
        "cn-north-1",
        "us-gov-west-1",
        "eu-west-1",
    ]
    assert _options(items[2]) == {"ecs.compute": "fargate"}


def test_an_endpoint_of_the_china_partition_implies_its_context() -> None:
    (item,) = sr.inventory(CAT, ["dynamodb.cn-north-1.amazonaws.com.cn"], ["physical-and-environmental"])
    assert item.context is not None
    assert item.context.region == "cn-north-1"
    assert {d.party.id for d in item.resolutions[0].duties} == {"sinnet"}


def test_detection_names_what_it_expected() -> None:
    with pytest.raises(sr.InventoryError, match=r"plan\.json: not a CloudFormation or SAM template"):
        adapters.detect({"planned": 1}, "plan.json")
    docs: list[object] = [{"Resources": {}}, {"format_version": "1.0", "values": {}}, {"Results": []}, []]
    assert [adapters.detect(d) for d in docs] == ["cloudformation", "terraform", "config", "references"]


# -- the command line -----------------------------------------------------------------------------


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shared_responsibility", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("path", [PLAN, STATE, SAM, NESTED, RESULTS], ids=lambda p: p.name)
def test_each_adapter_round_trips_through_the_cli(path: Path) -> None:
    done = _cli("inventory", str(path), "--controls", "patch-management", "--format", "json")
    assert done.returncode == 0, done.stderr
    expected = sr.export(list(sr.inventory(CAT, path, ["patch-management"])), "json")
    assert json.loads(done.stdout) == json.loads(expected)


def test_stdin_takes_any_document() -> None:
    yaml_template = NESTED.read_text()
    done = _cli("inventory", "-", "--controls", "patch-management", "--format", "json", stdin=yaml_template)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == len(list(sr.inventory(CAT, NESTED, ["patch-management"])))
    refs = _cli(
        "inventory", "-", "--controls", "patch-management", stdin="arn:aws:s3:::a\n\narn:aws:s3:::b\n"
    )
    assert refs.returncode == 0, refs.stderr
    assert refs.stdout.count(" s3 ") == 2
    lines = '{"resourceType": "AWS::SQS::Queue"}\n{"resourceType": "AWS::SNS::Topic"}\n'
    jsonl = _cli("inventory", "-", "--controls", "patch-management", "--format", "json", stdin=lines)
    assert [r["service"] for r in json.loads(jsonl.stdout)] == ["sqs", "sns"]


def test_summary_counts_and_lists_the_unplaced_types_by_frequency() -> None:
    done = _cli("inventory", str(PLAN), str(RESULTS), "--summary")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("14 resources: 12 placed (85.7%), 2 not placed\n")
    tail = done.stdout.split("not placed, by type:\n", 1)[1]
    assert [line.split()[0] for line in tail.splitlines()[2:]] == ["aws_iam_role", "random_id"]


def test_an_error_in_a_batch_names_its_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"Resources": ')
    done = _cli("inventory", str(PLAN), str(bad))
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1].startswith(f"shared-responsibility: {bad}: not valid JSON")
