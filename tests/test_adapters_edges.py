"""The adapters at their edges: odd text, streamed snapshots that go wrong, evidence rules on
odd properties, YAML short forms of every node kind, and the command line's stdin."""

import gzip
import io
import json
import sys
from pathlib import Path

import pytest

import shared_responsibility as sr
from shared_responsibility import adapters
from shared_responsibility.adapters import _evidence, _files, _yaml

CAT = sr.default_catalog()


# -- text ------------------------------------------------------------------------------------


def test_a_bom_that_lies_is_named() -> None:
    with pytest.raises(sr.InventoryError, match=r"t\.json: not valid utf-16 text at byte"):
        _files.decode(b"\xff\xfe\x00\xd8", "t.json")  # a lone surrogate after a UTF-16 mark


def test_json_lines_with_a_bad_line_are_named_by_line() -> None:
    with pytest.raises(sr.InventoryError, match=r"x:2: not valid JSON"):
        _files.parse_text('{"a": 1}\n{"b": \n', "x")


def test_text_forms() -> None:
    assert _files.parse_text("arn:aws:s3:::a\narn:aws:s3:::b\n", "refs") == [
        "arn:aws:s3:::a",
        "arn:aws:s3:::b",
    ]
    assert _files.parse_text("[1, 2]", "list") == [1, 2]
    with pytest.raises(sr.InventoryError, match="not valid JSON"):
        _files.parse_text("[1, 2", "cut")
    with pytest.raises(sr.InventoryError, match="nested deeper"):
        _files.parse_text("[" * 100_000 + "]" * 100_000, "deep")


def test_a_references_file_is_read_one_a_line(tmp_path: Path) -> None:
    path = tmp_path / "refs.txt"
    path.write_text("# comment\narn:aws:sqs:eu-west-1:123456789012:q\n\n")
    assert [i.service.id for i in sr.inventory(CAT, path) if i.service] == ["sqs"]


def test_a_file_over_the_byte_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}, "pad": "x" * 500}))
    with pytest.raises(sr.InventoryError, match=r"over the limit of 100 \(Limits.max_bytes\)"):
        sr.inventory(CAT, path, limits=sr.Limits(max_bytes=100))


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(sr.InventoryError, match="cannot read"):
        sr.inventory(CAT, tmp_path / "nothing.json")


# -- streamed snapshots ----------------------------------------------------------------------------


def _stream(text: str) -> list[object]:
    return list(_files._stream_snapshot(io.StringIO(text), "s.json"))


def test_streams_read_items_across_chunks_and_refuse_what_is_not_a_snapshot(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    items = [{"resourceType": "AWS::SQS::Queue", "n": n, "pad": "x" * 50} for n in range(50)]
    assert _stream(json.dumps({"configurationItems": items})) == items
    assert _stream('{"configurationItems": []}') == []
    with pytest.raises(sr.InventoryError, match="no 'configurationItems' list"):
        _stream('{"other": []}')
    with pytest.raises(sr.InventoryError, match="'configurationItems' is not a list"):
        _stream('{"configurationItems": {"a": 1}}')
    with pytest.raises(sr.InventoryError, match="truncated"):
        _stream('{"configurationItems": [')


def test_a_streamed_gzip_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_files, "STREAM_FROM", 100)
    items = [{"resourceType": "AWS::SNS::Topic", "resourceId": f"t{n}"} for n in range(30)]
    path = tmp_path / "snapshot.json.gz"
    path.write_bytes(gzip.compress(json.dumps({"configurationItems": items}).encode()))
    assert [i.service.id for i in sr.inventory(CAT, path) if i.service] == ["sns"] * 30
    bad = tmp_path / "latin.json"
    bad.write_bytes(b'{"configurationItems": [{"resourceType": "\xff' + b" " * 200 + b'"}]}')
    with pytest.raises(sr.InventoryError, match="not UTF-8 text"):
        list(sr.inventory(CAT, bad))


def test_json_lines_from_gzip_and_bad_encodings(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"resourceType": "AWS::SQS::Queue"}\n'))
    assert [i.service.id for i in sr.inventory(CAT, path) if i.service] == ["sqs"]
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"resourceType": "\xff"}\n')
    with pytest.raises(sr.InventoryError, match="not UTF-8 text"):
        list(sr.inventory(CAT, bad))


# -- evidence ---------------------------------------------------------------------------------------


def _resource(rtype: str, props: object, fmt: str = "cloudformation") -> adapters.Resource:
    return adapters.Resource(name="r", format=fmt, type=rtype, ref=rtype, properties=props)  # type: ignore[arg-type]


def test_evidence_on_odd_properties() -> None:
    compute = CAT.service("ecs").option("compute")
    assert compute is not None
    # a list of capacity providers mixing Fargate and EC2 ones: the customer-heavier value
    mixed = {"CapacityProviderStrategy": [{"CapacityProvider": "FARGATE"}, {"CapacityProvider": "my-asg"}]}
    assert _evidence.read_option(compute, _resource("AWS::ECS::Service", mixed)) == (
        "ec2",
        "CapacityProviderStrategy[*].CapacityProvider mixes values (FARGATE, my-asg)",
    )
    # a property that is not the expected shape says nothing
    assert (
        _evidence.read_option(compute, _resource("AWS::ECS::Service", {"CapacityProviderStrategy": "x"}))
        is None
    )
    assert _evidence.read_option(compute, _resource("AWS::ECS::Service", {"LaunchType": ["EC2"]})) is None
    hidden = {"CapacityProviderStrategy": {"Fn::If": ["c", [], []]}}
    assert _evidence.read_option(compute, _resource("AWS::ECS::Service", hidden)) == (
        "",
        (
            "CapacityProviderStrategy[*].CapacityProvider is set by Fn::If: "
            "its value is unknown, so the default is assumed"
        ),
    )


def test_evidence_filters_and_conditions() -> None:
    updates = CAT.service("elastic-beanstalk").option("managed-updates")
    assert updates is not None
    settings = [
        {"Namespace": "aws:autoscaling:asg", "OptionName": "MinSize", "Value": "1"},
        {
            "Namespace": "aws:elasticbeanstalk:managedactions",
            "OptionName": "ManagedActionsEnabled",
            "Value": False,
        },
    ]
    found = _evidence.read_option(
        updates, _resource("AWS::ElasticBeanstalk::Environment", {"OptionSettings": settings})
    )
    assert found is not None
    assert found[0] == "off"
    custom = CAT.service("rds").option("custom")
    assert custom is not None
    cev = {"Engine": "custom-sqlserver-ee", "EngineVersion": "15.00.4073.23.my-cev"}
    assert _evidence.read_option(custom, _resource("AWS::RDS::DBInstance", cev)) == (
        "sqlserver-cev",
        "EngineVersion = 15.00.4073.23.my-cev",
    )
    rpev = {"engine": "custom-sqlserver-se", "engine_version": "15.00.4073.23.v1"}
    assert _evidence.read_option(custom, _resource("aws_db_instance", rpev, "terraform")) == (
        "sqlserver-rpev",
        "engine_version = 15.00.4073.23.v1",
    )


# -- YAML -------------------------------------------------------------------------------------------


def test_every_node_kind_of_a_short_form() -> None:
    doc = _yaml.load_yaml("A: !Sub [x, {y: 1}]\nB: !Base64 {Ref: z}\nC: !GetAtt [R, Arn]\n", "t.yaml")
    assert doc == {
        "A": {"Fn::Sub": ["x", {"y": 1}]},
        "B": {"Fn::Base64": {"Ref": "z"}},
        "C": {"Fn::GetAtt": ["R", "Arn"]},
    }


def test_yaml_errors_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(sr.InventoryError, match=r"t\.yaml: not valid YAML"):
        _yaml.load_yaml("a: *missing\n", "t.yaml")
    monkeypatch.setattr(_yaml, "_loader", lambda: None)
    with pytest.raises(sr.InventoryError, match="reading YAML needs PyYAML"):
        _yaml.load_yaml("a: 1\n", "t.yaml")


# -- the command line ---------------------------------------------------------------------------------


def test_stdin_that_cannot_be_read_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from shared_responsibility import _cli

    class Broken:
        @property
        def buffer(self) -> object:
            raise OSError("closed")

    monkeypatch.setattr(sys, "stdin", Broken())
    assert _cli.main(["inventory", "-"]) == 1
    assert capsys.readouterr().err.strip() == "shared-responsibility: <stdin>: cannot read: closed"


def test_summary_of_an_empty_inventory(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    from shared_responsibility import _cli

    path = tmp_path / "t.json"
    path.write_text('{"Resources": {}}')
    assert _cli.main(["inventory", str(path), "--summary"]) == 0
    assert capsys.readouterr().out == "0 resources: 0 placed, 0 not placed\n"
