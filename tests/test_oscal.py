"""OSCAL exports against the official 1.1.2 JSON schemas (`tests/data/oscal`), and the OSCAL
constraints that JSON Schema does not express, checked here: one statement per statement-id in a
requirement, uuids unique in a document, every reference resolving, uuids that follow the content.
Every result type is exported in every format, in AWS's default, Outposts and cn-north-1 contexts
and in Azure.
"""

import json
import re
import warnings
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import importlib_resources
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
SSP = _validator("oscal-1.1.2_ssp_schema.json")
with warnings.catch_warnings():  # compliance-trestle's models, which read every OSCAL export too
    warnings.simplefilter("ignore")
    from trestle.oscal.component import ComponentDefinition
    from trestle.oscal.ssp import SystemSecurityPlan
EXPORT = json.loads(
    (importlib_resources.files("shared_responsibility") / "data" / "export.schema.json").read_text()
)
BASELINES = {  # the known baselines as shipped, read here rather than through the code under test
    b["id"]: b
    for b in json.loads(
        (importlib_resources.files("shared_responsibility") / "data" / "baselines.json").read_text()
    )["baselines"]
}


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


# -- Every result type in every format, and the SSP ------------------------------------------------

PLACES = {  # a context, services offered there, and references of resources there
    "default": (None, ["ec2", "s3", "rds"], ["arn:aws:s3:::bucket", "nonsense"]),
    "outposts": (sr.Context(deployment="outposts"), ["ec2", "s3", "rds"], ["arn:aws:s3:::bucket"]),
    "cn-north-1": (
        sr.Context(region="cn-north-1"),
        ["ec2", "s3", "rds"],
        ["arn:aws-cn:ec2:cn-north-1:123456789012:instance/i-0123456789abcdef0"],
    ),
    "azure": (
        sr.Context(partition="azure"),
        ["azure-virtual-machines", "azure-storage", "azure-sql"],
        ["/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/records"],
    ),
}


def _results(context: sr.Context | None, services: list[str], references: list[str]) -> dict[str, object]:
    first, second = services[0], services[1]
    return {
        "resolution": sr.resolve(CAT, first, "patch-management", context),
        "split": sr.split(CAT, first, context),
        "matrix": sr.matrix(CAT, services, context=context),
        "workload": sr.workload(CAT, services, context),
        "shift": sr.shift(CAT, first, second, context),
        "inventory": list(sr.inventory(CAT, references)),
    }


def _references_resolve(body: dict[str, Any]) -> list[str]:
    """Every uuid a document refers to (parties, components, provided and responsibility
    entries, leveraged authorizations, back-matter links) is defined in it: what is left over."""
    defined = {v for k, v in _walk(body) if k == "uuid"}
    used = [
        v
        for k, v in _walk(body)
        if k in ("party-uuid", "component-uuid", "provided-uuid", "responsibility-uuid")
    ]
    used += [u for k, v in _walk(body) if k == "party-uuids" for u in v]
    used += [
        p["value"]
        for k, v in _walk(body)
        if k == "props"
        for p in v
        if p["name"] == "leveraged-authorization-uuid"
    ]
    used += [link["href"].removeprefix("#") for k, v in _walk(body) if k == "links" for link in v]
    return [u for u in used if u not in defined]


def _check_ssp(document: dict[str, Any], label: object) -> None:
    """An SSP is schema-valid, read by compliance-trestle, defines each uuid once and refers to
    nothing it does not define."""
    assert list(SSP.iter_errors(document))[:1] == [], label
    body = document["system-security-plan"]
    SystemSecurityPlan.model_validate(body)
    uuids = [v for k, v in _walk(body) if k == "uuid"]
    assert [u for u, n in Counter(uuids).items() if n > 1] == [], label
    assert _references_resolve(body) == [], label


@pytest.mark.parametrize("place", list(PLACES))
def test_every_result_type_exports_in_every_format_or_is_refused_saying_what_is_taken(place: str) -> None:
    for kind, result in _results(*PLACES[place]).items():
        for fmt in sr.FORMATS:
            if fmt.startswith("oscal-") and kind in ("split", "shift"):  # no controls to implement
                with pytest.raises(
                    sr.ExportError, match=r"takes resolutions \(a resolution, a matrix, a workload"
                ):
                    sr.export(result, fmt)
                continue
            text = sr.export(result, fmt)
            assert text.endswith("\n"), (kind, fmt)
            if fmt == "json":
                jsonschema.validate(json.loads(text), EXPORT)
            elif fmt == "oscal-component-definition":
                assert list(COMPONENT.iter_errors(json.loads(text)))[:1] == [], (kind, place)
                ComponentDefinition.model_validate(json.loads(text)["component-definition"])
            elif fmt == "oscal-ssp":
                _check_ssp(json.loads(text), (kind, place))


def _ssp(services: list[str], context: sr.Context | None = None, **details: str) -> dict[str, Any]:
    text = sr.export(sr.workload(CAT, services, context), "oscal-ssp", **details)
    return json.loads(text)["system-security-plan"]  # type: ignore[no-any-return]


def test_an_ssp_names_the_system_and_its_profile_and_says_what_is_a_placeholder() -> None:
    body = _ssp(["ec2", "s3"], system_name="Acme billing", profile="https://example.org/profile.json")
    assert body["system-characteristics"]["system-name"] == "Acme billing"
    assert body["import-profile"] == {"href": "https://example.org/profile.json"}
    default = _ssp(["ec2", "s3"])
    assert default["import-profile"]["href"].endswith("NIST_SP-800-53_rev5_MODERATE-baseline_profile.json")
    assert default["system-characteristics"]["system-name"] == "A system on Amazon EC2, Amazon S3"
    assert default["system-characteristics"]["description"].startswith("Placeholder")
    assert body["uuid"] != default["uuid"]  # another system, another plan


def test_the_providers_services_are_leveraged_components_of_the_system() -> None:
    body = _ssp(["ec2", "s3"])
    implementation = body["system-implementation"]
    (authorization,) = implementation["leveraged-authorizations"]
    aws = next(p for p in body["metadata"]["parties"] if p["name"] == "Amazon Web Services")
    assert authorization["party-uuid"] == aws["uuid"]
    kinds = [(c["type"], c["title"]) for c in implementation["components"]]
    assert kinds[1:] == [("service", "Amazon EC2"), ("service", "Amazon S3")]
    assert kinds[0][0] == "this-system"
    for component in implementation["components"][1:]:
        props = {p["name"]: p["value"] for p in component["props"]}
        assert props["implementation-point"] == "external"
        assert props["leveraged-authorization-uuid"] == authorization["uuid"]


def test_the_customer_inherits_what_the_provider_performs_and_satisfies_the_rest() -> None:
    body = _ssp(["ec2"])
    requirements = {r["control-id"]: r for r in body["control-implementation"]["implemented-requirements"]}
    own = {cid: r["by-components"][-1] for cid, r in requirements.items()}
    assert sorted(set(own["pe-3"]) & {"inherited", "satisfied"}) == ["inherited"]  # physical: AWS's alone
    assert sorted(set(own["ra-2"]) & {"inherited", "satisfied"}) == ["satisfied"]  # categorization: ours
    si2 = own["si-2"]  # patching: AWS patches the hosts, the customer the guest OS
    assert "patches" in si2["satisfied"][0]["description"]
    assert (
        si2["inherited"][0]["provided-uuid"]
        == requirements["si-2"]["by-components"][0]["export"]["provided"][0]["uuid"]
    )
    props = {(p["name"], p["value"]) for p in requirements["si-2"]["props"]}
    # seen from the system: AWS's part inherited, the customer's the system's own
    assert {v for k, v in props if k == "control-origination"} == {"inherited", "sp-system"}
    origination = {r["control-id"]: {p["value"] for p in r["props"] if p["name"] == "control-origination"}
                   for r in requirements.values()}  # fmt: skip
    assert origination["pe-3"] == {"inherited"}
    assert origination["ra-2"] == {"sp-system"}
    assert ("implementation-status", "partial") in props
    assert requirements["si-2"]["responsible-roles"][0]["role-id"] == "system-owner"


def test_each_requirement_says_one_thing_of_who_does_it() -> None:
    """Origination, FedRAMP's status and the system's own state all follow from what the system
    inherits and what it satisfies, for every service's plan (an enabling provider once made
    them disagree: google-alloydb's sc-13 read inherited, implemented and partial at once).
    """
    expected = {
        (True, False): ({"inherited"}, {"implemented"}, "implemented"),
        (True, True): ({"inherited", "sp-system"}, {"partial", "planned"}, "partial"),
        (False, True): ({"sp-system"}, {"planned"}, "planned"),
        (False, False): ({"sp-system"}, {"planned"}, "planned"),  # a baseline's control the data does not map
    }
    for service in [s.id for s in CAT.services if CAT.offered(s.id)]:
        for requirement in _ssp([service])["control-implementation"]["implemented-requirements"]:
            own = requirement["by-components"][-1]
            values = {name: {p["value"] for p in requirement["props"] if p["name"] == name}
                      for name in ("control-origination", "implementation-status")}  # fmt: skip
            state = own["implementation-status"]["state"]
            got = (values["control-origination"], values["implementation-status"], state)
            where = (service, requirement["control-id"])
            assert got == expected[("inherited" in own, "satisfied" in own)], where


def test_an_ssp_follows_its_context() -> None:
    plans = {place: _ssp(services, context) for place, (context, services, _) in PLACES.items()}
    assert len({p["uuid"] for p in plans.values()}) == len(plans)
    assert _ssp(["ec2", "s3", "rds"]) == plans["default"]  # equal content, equal plan
    china = {p["name"] for p in plans["cn-north-1"]["metadata"]["parties"]}
    assert any("Sinnet" in name for name in china)
    (microsoft,) = plans["azure"]["system-implementation"]["leveraged-authorizations"]
    assert microsoft["title"].startswith("Microsoft")


def test_the_ssp_schema_check_can_fail() -> None:
    body = _ssp(["s3"])
    del body["import-profile"]
    body["system-implementation"]["components"][0]["type"] = ""
    assert len(list(SSP.iter_errors({"system-security-plan": body}))) >= 2


def test_references_that_do_not_resolve_are_found() -> None:
    body = _ssp(["s3"])
    body["system-implementation"]["components"].pop()
    assert _references_resolve(body) != []


# -- FedRAMP's rev5 rules ---------------------------------------------------------------------------

SYSTEM_DATA_RULES = {
    # Only the system's owner can supply these: its documents and attachments, people and roles,
    # diagrams, identifiers, cloud service and deployment models, users' types and privileges,
    # parameter values, completion dates, asset types and DNS, and an import-profile the validator
    # can open (it reads the href as an XML resolved-profile catalog, on disk or on the network).
    "has-fedramp-logo", "has-user-guide", "has-rules-of-behavior", "has-information-system-contingency-plan",
    "has-configuration-management-plan", "has-incident-response-plan", "has-separation-of-duties-matrix",
    "has-CMVP-validation", "information-type-has-categorization", "has-identity-assurance-level",
    "has-authenticator-assurance-level", "has-federation-assurance-level", "has-inventory-items",
    "has-system-id", "has-system-name-short", "has-system-description", "has-fedramp-authorization-type",
    "FedRAMP-ATO-Identifier-exists",
    "role-defined-authorizing-official", "role-defined-system-poc-management",
    "role-defined-system-poc-technical", "role-defined-system-poc-other",
    "role-defined-information-system-security-officer", "role-defined-authorizing-official-poc",
    "responsible-party-is-person", "has-authorization-boundary-diagram", "has-network-architecture",
    "has-data-flow", "has-cloud-service-model", "has-allowed-cloud-service-model",
    "has-leveraged-authorization-with-cloud-service-model", "has-cloud-deployment-model",
    "has-allowed-cloud-deployment-model", "has-expected-network-protocols", "has-DNS-authoritative-service",
    "user-has-user-type", "user-has-privilege-level", "user-has-sensitivity-level",
    "user-has-authorized-privilege", "set-parameter-elements-match-baseline",
    "implemented-requirement-has-planned-completion-date", "component-has-asset-type",
    "import-profile-has-available-document", "import-profile-resolves-to-catalog",
    # Rules on controls of the baseline that the dataset does not map, listed with placeholders:
    # a policy and a procedure document per family (the -1 controls), DNSSEC named in SC-20 and
    # SC-21, CIS or SCAP named in CM-9, and a leveraged authorization on each PE control (the
    # owner says whether the unmapped ones are inherited; the dataset records no provider part).
    "has-policy-link", "has-procedure-link", "DNSSEC-described",
    "configuration-management-controls-described", "leveraged-PE-controls-implemented-requirement",
}  # fmt: skip

ADVISORIES_NOT_TAKEN = {
    # FedRAMP advises (role "information") that each back-matter resource embed the artifact it
    # cites. The resources are the providers' public web pages, cited by link: the package does
    # not redistribute copies of them, and embeds nothing in their place.
    "resource-has-base64",
}


def _fedramp_failures(text: str, tmp_path: Path) -> set[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from trestle_fedramp.core.fedramp import FedrampValidator

        FedrampValidator().validate_ssp(text, "json", tmp_path)
    report = (tmp_path / "fedramp-validation-report.xml").read_text()
    return set(re.findall(r'<svrl:failed-assert[^>]*?\sid="([^"]+)"', report))


def test_fedramp_rules_fail_only_where_the_system_owner_must_write(tmp_path: Path) -> None:
    workload = sr.workload(CAT, ["ec2", "s3", "rds"])
    text = sr.export(workload, "oscal-ssp", system_name="Acme billing", profile="fedramp-rev5-moderate")
    document = json.loads(text)
    _check_ssp(document, "FedRAMP's profile")
    requirements = document["system-security-plan"]["control-implementation"]["implemented-requirements"]
    assert [r["control-id"] for r in requirements] == BASELINES["fedramp-rev5-moderate"]["controls"]
    failures = _fedramp_failures(text, tmp_path)
    assert "incomplete-all-implemented-requirements" not in failures  # every required control is there
    assert failures - SYSTEM_DATA_RULES - ADVISORIES_NOT_TAKEN == set()
    assert {"has-system-id", "resource-has-base64"} <= failures  # the check runs


def test_the_fedramp_check_can_fail(tmp_path: Path) -> None:
    document = json.loads(sr.export(sr.workload(CAT, ["s3"]), "oscal-ssp"))
    for requirement in document["system-security-plan"]["control-implementation"]["implemented-requirements"]:
        requirement["props"] = [p for p in requirement["props"] if p["name"] != "control-origination"]
    failures = _fedramp_failures(json.dumps(document), tmp_path)
    assert "implemented-requirement-has-control-origination" in failures


def test_controls_outside_the_imported_baseline_are_left_out_and_named() -> None:
    default = _ssp(["ec2", "s3", "rds"])
    ids = {r["control-id"] for r in default["control-implementation"]["implemented-requirements"]}
    outside = {"cp-2.2", "sc-5.2", "sc-36"}  # mapped by the dataset, not in NIST's Moderate profile
    assert ids & outside == set()
    assert "left out: cp-2.2, sc-5.2, sc-36." in default["control-implementation"]["description"]
    other = _ssp(["ec2", "s3", "rds"], profile="https://example.org/profile.json")  # not known: kept
    kept = {r["control-id"] for r in other["control-implementation"]["implemented-requirements"]}
    assert outside <= kept
    assert "left out" not in other["control-implementation"]["description"]


FEDRAMP_NOT_NIST = {"ac-2.7", "ca-8", "ir-9", "ra-5.3", "sc-45", "si-4.16"}
"""Controls in FedRAMP's Rev. 5 Moderate profile (GSA's fedramp-automation, version
fedramp2.1.0-oscal1.0.4) that NIST's Moderate baseline does not select."""


def _without_uuids(node: Any) -> Any:
    """A document with every uuid (and ``#uuid`` link) replaced, to compare content alone."""
    if isinstance(node, dict):
        return {k: _without_uuids(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_without_uuids(v) for v in node]
    if isinstance(node, str):
        return re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>", node)
    return node


def test_a_known_baseline_lists_every_control_the_unmapped_ones_as_the_systems_own() -> None:
    services = ["ec2", "s3", "rds"]
    plans = {
        "fedramp": _ssp(services, profile="fedramp-rev5-moderate"),
        "nist": _ssp(services),
        "unknown": _ssp(services, profile="https://example.org/profile.json"),
    }
    ids = {
        name: [r["control-id"] for r in plan["control-implementation"]["implemented-requirements"]]
        for name, plan in plans.items()
    }
    assert ids["fedramp"] == BASELINES["fedramp-rev5-moderate"]["controls"]
    assert ids["nist"] == BASELINES["nist-800-53-rev5-moderate"]["controls"]
    assert len(ids["fedramp"]) == 323  # FedRAMP's Rev. 5 Moderate baseline
    assert FEDRAMP_NOT_NIST.issubset(set(ids["fedramp"]) - set(ids["nist"]))
    mapped = set(ids["unknown"])
    assert FEDRAMP_NOT_NIST.isdisjoint(mapped)  # so they stand as the system's own
    body = plans["fedramp"]
    requirements = {r["control-id"]: r for r in body["control-implementation"]["implemented-requirements"]}
    (this_system,) = [c for c in body["system-implementation"]["components"] if c["type"] == "this-system"]
    (owner,) = [r for r in body["metadata"]["responsible-parties"] if r["role-id"] == "system-owner"]
    for cid in FEDRAMP_NOT_NIST:
        requirement = requirements[cid]
        props = {p["name"]: p for p in requirement["props"]}
        assert props["control-origination"]["value"] == "sp-system"
        assert props["control-origination"]["remarks"].startswith("Placeholder")
        assert "no part of the cloud services' providers" in props["control-origination"]["remarks"]
        assert props["implementation-status"]["value"] == "planned"
        assert props["implementation-status"]["remarks"].startswith("Placeholder")
        assert requirement["responsible-roles"] == [
            {"role-id": "system-owner", "party-uuids": owner["party-uuids"]}
        ]
        (by,) = requirement["by-components"]
        assert by["component-uuid"] == this_system["uuid"]
        assert by["implementation-status"] == {"state": "planned"}
        assert by["description"].startswith("Placeholder")
    for cid in mapped & set(ids["fedramp"]):  # a mapped control keeps its requirement, uuids aside
        unknown = next(
            r
            for r in plans["unknown"]["control-implementation"]["implemented-requirements"]
            if r["control-id"] == cid
        )
        assert _without_uuids(requirements[cid]) == _without_uuids(unknown), cid
    unmapped = len(ids["fedramp"]) - len(mapped & set(ids["fedramp"]))
    description = body["control-implementation"]["description"]
    assert f"({len(ids['fedramp'])})" in description
    assert f"The other {unmapped}:" in description
    assert "left out: cp-2.2, sc-5.2, sc-36." in description  # mapped, in neither baseline


def test_a_known_baseline_is_named_by_its_id_or_by_its_href() -> None:
    for bid, baseline in BASELINES.items():
        by_id = _ssp(["s3"], profile=bid)
        assert by_id["import-profile"] == {"href": baseline["href"]}
        assert by_id == _ssp(["s3"], profile=baseline["href"])  # one plan, however it is named
    assert _ssp(["s3"], profile="profiles/moderate.json")["import-profile"] == {
        "href": "profiles/moderate.json"
    }
    with pytest.raises(sr.ExportError) as refused:
        _ssp(["s3"], profile="fedramp-moderate")
    message = str(refused.value)
    assert "unknown profile 'fedramp-moderate'" in message
    assert all(repr(bid) in message for bid in BASELINES)
    assert message.endswith("did you mean 'fedramp-rev5-moderate'?")
