"""OSCAL exports against the official 1.1.2 JSON schemas (`tests/data/oscal`), and the OSCAL
constraints that JSON Schema does not express, checked here: one statement per statement-id in a
requirement, uuids unique in a document, every reference resolving, uuids that follow the content.
"""

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import regex

import shared_responsibility as sr

CAT = sr.default_catalog()
SCHEMAS = Path(__file__).parent / "data" / "oscal"
CONTEXTS = {
    "default": None,
    "outposts": sr.Context(deployment="outposts"),
    "cn-north-1": sr.Context(region="cn-north-1"),
}
SERVICES = ["ec2", "s3", "rds", "lambda"]


def _validator(name: str) -> Any:
    """A draft-07 validator whose patterns understand ``\\p{L}`` (the schemas use them)."""
    schema = json.loads((SCHEMAS / name).read_text())

    def pattern(validator: Any, patrn: str, instance: Any, schema: Any) -> Iterator[Any]:
        if isinstance(instance, str) and not regex.search(patrn, instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")

    cls = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": pattern})
    return cls(schema, format_checker=None)


COMPONENT = _validator("oscal-1.1.2_component_schema.json")


def _walk(node: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield k, v
            yield from _walk(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v, key)


def _export(context: sr.Context | None, services: list[str] = SERVICES) -> dict[str, Any]:
    offered = [s for s in services if CAT.offered(s, context)]
    text = sr.export(sr.matrix(CAT, offered, context=context), "oscal-component-definition")
    return json.loads(text)  # type: ignore[no-any-return]


@pytest.mark.parametrize("context", list(CONTEXTS.values()), ids=list(CONTEXTS))
def test_component_definitions_are_schema_valid(context: sr.Context | None) -> None:
    errors = sorted(COMPONENT.iter_errors(_export(context)), key=lambda e: list(e.path))
    assert [f"{list(e.path)}: {e.message}" for e in errors[:5]] == []


@pytest.mark.parametrize("context", list(CONTEXTS.values()), ids=list(CONTEXTS))
def test_component_definitions_keep_oscal_constraints(context: sr.Context | None) -> None:
    document = _export(context)
    uuids = [v for k, v in _walk(document) if k == "uuid"]
    assert [u for u, n in Counter(uuids).items() if n > 1] == []
    body = document["component-definition"]
    parties = {p["uuid"] for p in body["metadata"]["parties"]}
    resources = {r["uuid"] for r in body["back-matter"]["resources"]}
    for component in body["components"]:
        for requirement in component["control-implementations"][0]["implemented-requirements"]:
            ids = [s["statement-id"] for s in requirement["statements"]]
            assert len(ids) == len(set(ids)), (component["title"], requirement["control-id"])
            for statement in requirement["statements"]:
                for role in statement["responsible-roles"]:
                    assert set(role["party-uuids"]) <= parties
                for link in statement.get("links", []):
                    assert link["href"].removeprefix("#") in resources


def test_uuids_follow_the_content_and_its_context() -> None:
    docs = {name: _export(context, ["s3"]) for name, context in CONTEXTS.items()}
    assert _export(None, ["s3"]) == docs["default"]  # equal content, equal uuids
    ids = {name: doc["component-definition"]["uuid"] for name, doc in docs.items()}
    assert len(set(ids.values())) == len(ids)
    titles = {name: doc["component-definition"]["metadata"]["title"] for name, doc in docs.items()}
    assert "region cn-north-1" in titles["cn-north-1"]
    assert "deployment outposts" in titles["outposts"]
    pe3 = {
        name: next(
            r["statements"][0]["uuid"]
            for r in doc["component-definition"]["components"][0]["control-implementations"][0][
                "implemented-requirements"
            ]
            if r["control-id"] == "pe-3"
        )
        for name, doc in docs.items()
    }
    assert pe3["default"] != pe3["cn-north-1"]  # AWS provides it in one, Sinnet in the other


def test_a_shared_control_is_one_statement_naming_both_parties() -> None:
    body = _export(None, ["ec2"])["component-definition"]
    requirements = body["components"][0]["control-implementations"][0]["implemented-requirements"]
    si2 = next(r for r in requirements if r["control-id"] == "si-2")
    (statement,) = si2["statements"]
    assert {r["role-id"] for r in statement["responsible-roles"]} == {"provider", "customer"}
    assert statement["description"].startswith("Provider:\n")
    assert "\nCustomer:\n" in statement["description"]
    origination = {p["value"] for p in si2["props"] if p["name"] == "control-origination"}
    assert origination == {"inherited", "customer-configured"}


def test_override_reasons_reach_the_remarks() -> None:
    override = sr.Override(
        service="s3", target="backup-and-recovery", parties=("customer",), reason="contract 42"
    )
    tailored = CAT.with_overrides([override])
    text = sr.export(sr.matrix(tailored, ["s3"], ["backup-and-recovery"]), "oscal-component-definition")
    assert "contract 42" in text


def test_the_schema_check_can_fail() -> None:
    document = _export(None, ["s3"])
    del document["component-definition"]["metadata"]
    document["component-definition"]["components"][0]["type"] = ""
    assert len(list(COMPONENT.iter_errors(document))) >= 2
