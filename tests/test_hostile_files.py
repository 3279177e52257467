"""Hostile and odd files: any encoding, binary junk, truncation, YAML bombs, parameter files,
several YAML documents, directories, pipes, huge documents. Each gives a library error naming
the file or a clear result, never a bare exception; the command line exits 1 with one line."""

import codecs
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import shared_responsibility as sr
from shared_responsibility.adapters import _files

CAT = sr.default_catalog()
TEMPLATE = {
    "AWSTemplateFormatVersion": "2010-09-09",
    "Description": "Café — résumé",
    "Resources": {"Queue": {"Type": "AWS::SQS::Queue"}, "Custom": {"Type": "Custom::Thing"}},
}


def _services(path: Path) -> list[str | None]:
    return [i.service.id if i.service else None for i in sr.inventory(CAT, path, ["patch-management"])]


@pytest.mark.parametrize(
    ("suffix", "encode"),
    [
        (".json", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        (".template", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        (".json", lambda t: t.encode("utf-16")),  # with its byte-order mark
        (".json", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
        (".json", lambda t: t.encode("utf-32")),
        (".json", lambda t: t.encode("cp1252")),  # what a Windows editor saves
    ],
    ids=["utf8-bom-json", "utf8-bom-template", "utf16", "utf16-be", "utf32", "windows-1252"],
)
def test_any_text_encoding_reads(tmp_path: Path, suffix: str, encode: object) -> None:
    path = tmp_path / f"template{suffix}"
    path.write_bytes(encode(json.dumps(TEMPLATE, ensure_ascii=False)))  # type: ignore[operator]
    assert _services(path) == ["sqs", None]


def test_a_custom_resource_is_not_a_malformed_type(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text(json.dumps(TEMPLATE))
    (_, custom) = sr.inventory(CAT, path, ["patch-management"])
    assert custom.reason.startswith("a custom resource (Custom::Thing)")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("junk.json", bytes(range(256)) * 4, "binary data, not a text document"),
        ("truncated.json", b'{"Resources": {"Queue": {"Type": "AWS::SQS::Qu', "not valid JSON"),
        ("empty.yaml", b"   \n", "empty"),
        (
            "params.json",
            b'[{"ParameterKey": "Env", "ParameterValue": "prod"}]',
            "a CloudFormation parameter file",
        ),
        ("params2.json", b'{"Parameters": {"Env": "prod"}}', "a CloudFormation parameter file"),
        ("multi.yaml", b"Resources: {}\n---\nResources: {}\n", "several YAML documents"),
        ("bad.yaml", b"Resources: [unclosed\n", "not valid JSON or YAML"),
        ("scalar.json", b'"just a string"', "not valid JSON: it does not start"),
        ("unknown.json", b'{"Something": 1}', "its keys are 'Something'"),
    ],
)
def test_bad_files_are_named_in_a_library_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(sr.InventoryError) as caught:
        list(sr.inventory(CAT, path))
    assert str(path) in str(caught.value)
    assert message in str(caught.value)


def test_a_yaml_bomb_is_refused(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    lines.append("Resources: {Queue: {Type: 'AWS::SQS::Queue', Properties: {Tags: *a8}}}")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines))
    with pytest.raises(sr.InventoryError, match="aliases expand to more than"):
        list(sr.inventory(CAT, path))


def test_a_yaml_document_that_contains_itself_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text("Resources: &r\n  Queue: {Type: 'AWS::SQS::Queue', Properties: {Loop: *r}}\n")
    with pytest.raises(sr.InventoryError, match="aliases expand"):
        list(sr.inventory(CAT, path))


def test_a_directory_and_a_pipe_are_refused(tmp_path: Path) -> None:
    with pytest.raises(sr.InventoryError, match="a directory, not a document"):
        list(sr.inventory(CAT, tmp_path))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(sr.InventoryError, match="not a regular file"):
        list(sr.inventory(CAT, fifo))


def test_too_many_resources_stop_at_the_limit(tmp_path: Path) -> None:
    doc = {"Resources": {f"Q{n}": {"Type": "AWS::SQS::Queue"} for n in range(1001)}}
    path = tmp_path / "big.json"
    path.write_text(json.dumps(doc))
    items = sr.inventory(CAT, path, ["patch-management"], limits=sr.Limits(max_entries=1000))
    with pytest.raises(sr.InventoryError, match="more than 1000 resources"):
        list(items)


def test_a_gzip_snapshot_reads_and_a_truncated_one_is_named(tmp_path: Path) -> None:
    snapshot = {"configurationItems": [{"resourceType": "AWS::SQS::Queue", "awsRegion": "eu-west-1"}]}
    path = tmp_path / "snapshot.json.gz"
    path.write_bytes(gzip.compress(json.dumps(snapshot).encode()))
    assert _services(path) == ["sqs"]
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(path.read_bytes()[:20])
    with pytest.raises(sr.InventoryError, match=str(cut)):
        list(sr.inventory(CAT, cut))


def test_a_large_snapshot_streams_item_by_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_files, "STREAM_FROM", 1000)
    items = [
        {"resourceType": "AWS::SQS::Queue", "awsRegion": "eu-west-1", "resourceId": f"q{n}"}
        for n in range(200)
    ]
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps({"fileVersion": "1.0", "configurationItems": items}))
    doc = _files.read_path(path)
    assert not isinstance(doc["configurationItems"], list)  # a stream, not a list in memory
    assert _services(path) == ["sqs"] * 200
    path.write_text(json.dumps({"configurationItems": items})[:-30])
    with pytest.raises(sr.InventoryError, match="truncated"):
        list(sr.inventory(CAT, path))


def test_json_lines_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "items.jsonl"
    path.write_text('{"resourceType": "AWS::SQS::Queue"}\n{oops\n')
    with pytest.raises(sr.InventoryError, match=r"items\.jsonl:2: not valid JSON"):
        list(sr.inventory(CAT, path))


@pytest.mark.parametrize(
    "content", [b"\x00\x01\x02binary", b"[1, 2", b"Resources: {}\n---\nx: 1\n", b'{"Parameters": {}}']
)
def test_the_cli_exits_1_with_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "input.json"
    path.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-m", "shared_responsibility", "inventory", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1
    assert str(path) in done.stderr
    assert "Traceback" not in done.stderr


@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_random_bytes_give_a_result_or_a_library_error(tmp_path: Path, data: bytes) -> None:
    for name in ("input.json", "input.yaml", "input.jsonl", "input.txt"):
        path = tmp_path / name
        path.write_bytes(data)
        problem = ""
        try:
            for item in sr.inventory(CAT, path, ["patch-management"]):
                assert item.placed or item.reason
        except sr.InventoryError as e:
            problem = str(e)
        assert not problem or str(path) in problem or "the document" in problem
