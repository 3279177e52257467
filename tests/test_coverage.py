"""Every AWS resource type placed: the whole CloudFormation and AWS Config type space
(tests/data/aws-resource-types.json says where the list comes from), each on a service of the
packaged catalog, or listed below with the reason it is not."""

import json
from pathlib import Path

import shared_responsibility as sr

CAT = sr.default_catalog()
TYPES = json.loads(Path(__file__).with_name("data").joinpath("aws-resource-types.json").read_text())

# Namespaces deliberately not placed, with the reason; every type in them is excepted.
_GONE = "no AWS page read gives its status or security; in no Region of AWS's Regions parameters"
NOT_PLACED_NAMESPACES: dict[str, str] = {
    "AWS::AppMesh::": "AWS App Mesh: end of support on 2026-09-30 (its user guide's notice).",
    "AWS::CDK::": "Version metadata the AWS CDK toolkit adds to templates: it deploys nothing.",
    "AWS::CodeStar::": "AWS CodeStar: discontinued on 2024-07-31.",
    "AWS::IoTAnalytics::": f"AWS IoT Analytics: {_GONE}.",
    "AWS::IoTEvents::": "AWS IoT Events: end of support on 2026-05-20 (its developer guide's notice).",
    "AWS::IoTThingsGraph::": "AWS IoT Things Graph: in no Region of AWS's Regions parameters.",
    "AWS::MediaStore::": "AWS Elemental MediaStore: end of support on 2025-11-13.",
    "AWS::Panorama::": f"AWS Panorama: {_GONE}.",
    "AWS::QLDB::": "Amazon QLDB: end of support on 2025-07-31.",
    "AWS::ResilienceHubV2::": "No AWS page read says whether these belong to AWS Resilience Hub.",
    "AWS::SimSpaceWeaver::": "AWS SimSpace Weaver: end of support on 2026-05-20 (its user guide's notice).",
    "Alexa::ASK::": "An Alexa Skills Kit skill: no AWS service with Regions or a security chapter.",
}


def _excepted(rtype: str) -> bool:
    return rtype.startswith(tuple(NOT_PLACED_NAMESPACES))


def _all_types() -> list[str]:
    return sorted(set(TYPES["cloudformation"]) | set(TYPES["config"]))


def test_every_resource_type_is_placed_or_listed_with_a_reason() -> None:
    missing = [t for t in _all_types() if CAT.get_service(t) is None and not _excepted(t)]
    assert missing == []


def test_the_exceptions_are_real_and_still_unplaced() -> None:
    excepted = [t for t in _all_types() if _excepted(t)]
    assert len(excepted) == 30
    for prefix in NOT_PLACED_NAMESPACES:
        assert any(t.startswith(prefix) for t in excepted), prefix
    assert all(CAT.get_service(t) is None for t in excepted)


def test_every_type_is_listed_exactly_not_by_its_namespace_alone() -> None:
    """No namespace-prefix guessing where the types are known: each type is an alias of its
    service itself."""
    for rtype in _all_types():
        if _excepted(rtype):
            continue
        service = CAT.get_service(rtype)
        assert service is not None
        assert rtype.casefold() in {a.casefold() for a in service.aliases}, rtype


def test_the_list_is_the_published_type_space() -> None:
    assert len(TYPES["cloudformation"]) == 1854
    assert len(TYPES["config"]) == 533
    assert "AWS::ACM::Certificate" in TYPES["config"]  # a Config name that CloudFormation spells otherwise
    assert "AWS::CertificateManager::Certificate" in TYPES["cloudformation"]
