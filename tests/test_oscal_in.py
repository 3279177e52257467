"""OSCAL in: `overrides_from_oscal` reads a component definition or an SSP back into the
overrides that tailor the catalog to it. Round trip: export, read back, tailor, export again
gives the same split and reads back to the same overrides; other parties' documents are read
through OSCAL's roles and FedRAMP's control origination.
"""

import json
from typing import Any

import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()
PLACES = {
    "default": (None, ["ec2", "s3", "rds", "lambda"]),
    "outposts": (sr.Context(deployment="outposts"), ["ec2", "s3", "rds"]),
    "cn-north-1": (sr.Context(region="cn-north-1"), ["ec2", "s3", "rds"]),
    "azure": (sr.Context(partition="azure"), ["azure-virtual-machines", "azure-storage"]),
}
FORMATS = ["oscal-component-definition", "oscal-ssp"]


def _performers(r: sr.Resolution) -> tuple[sr.Ownership, frozenset[tuple[str, str]]]:
    """An answer's ownership and who performs on which layer: what a document can carry."""
    performing = {(d.party.id, d.layer.id if d.layer else "") for d in r.duties if d.role is sr.Role.PERFORMS}
    return r.ownership, frozenset(performing)


def _keys(overrides: tuple[sr.Override, ...]) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(o.service, o.target, o.parties) for o in overrides]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("place", list(PLACES))
def test_export_read_back_tailor_export_again_is_the_same_split(place: str, fmt: str) -> None:
    context, services = PLACES[place]
    before = sr.matrix(CAT, services, context=context)
    overrides, parties = sr.overrides_from_oscal(CAT, sr.export(before, fmt))
    assert parties == ()
    assert {o.service for o in overrides} == {CAT.service(s).id for s in services}
    tailored = CAT.with_overrides(overrides, parties=parties)
    after = sr.matrix(tailored, services, context=context)
    assert [_performers(r) for r in after] == [_performers(r) for r in before]
    again, _ = sr.overrides_from_oscal(CAT, sr.export(after, fmt))
    assert _keys(again) == _keys(overrides)


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_reason_points_at_the_statement_it_came_from(fmt: str) -> None:
    text = sr.export(sr.matrix(CAT, ["s3"]), fmt)
    overrides, _ = sr.overrides_from_oscal(CAT, text)
    for override in overrides:
        uuid = override.reason.rsplit(" ", 1)[1].rstrip(")")
        assert f'"{uuid}"' in text, override.reason
        assert override.reason.startswith(
            f"OSCAL {fmt.removeprefix('oscal-').replace('ssp', 'system-security-plan')}"
        )


def _crm(requirements: list[dict[str, Any]], parties: tuple[dict[str, str], ...] = ()) -> dict[str, Any]:
    """A component definition as another tool writes one: titles and roles, none of our props."""
    return {
        "component-definition": {
            "uuid": "0b0f8a57-0000-4000-8000-000000000001",
            "metadata": {"title": "Acme CRM", "parties": list(parties)},
            "components": [
                {
                    "uuid": "0b0f8a57-0000-4000-8000-000000000002",
                    "type": "service",
                    "title": "Amazon S3",
                    "control-implementations": [{"implemented-requirements": requirements}],
                }
            ],
        }
    }


def test_a_foreign_document_is_read_through_roles_and_fedramp_origination() -> None:
    requirements = [
        {  # backups: the customer's alone, by FedRAMP's origination
            "uuid": "0b0f8a57-0000-4000-8000-000000000003",
            "control-id": "cp-9",
            "props": [
                {
                    "name": "control-origination",
                    "ns": "https://fedramp.gov/ns/oscal",
                    "value": "customer-provided",
                }
            ],
        },
        {  # encryption at rest: a managed-service partner on the provider side, by a role's party
            "uuid": "0b0f8a57-0000-4000-8000-000000000004",
            "control-id": "sc-28",
            "statements": [
                {
                    "statement-id": "sc-28_smt",
                    "uuid": "0b0f8a57-0000-4000-8000-000000000005",
                    "responsible-roles": [
                        {"role-id": "provider", "party-uuids": ["0b0f8a57-0000-4000-8000-000000000006"]}
                    ],
                }
            ],
        },
    ]
    parties = ({"uuid": "0b0f8a57-0000-4000-8000-000000000006", "type": "organization", "name": "Acme MSP"},)
    overrides, new = sr.overrides_from_oscal(CAT, json.dumps(_crm(requirements, parties)))
    assert _keys(overrides) == [
        ("s3", "backup-and-recovery", ("customer",)),
        ("s3", "encryption-at-rest", ("acme-msp",)),
    ]
    assert new == (sr.Party(id="acme-msp", name="Acme MSP", side=sr.Side.PROVIDER),)
    assert "cp-9 (requirement 0b0f8a57-0000-4000-8000-000000000003)" in overrides[0].reason
    tailored = CAT.with_overrides(overrides, parties=new)
    assert sr.resolve(tailored, "s3", "backup-and-recovery").ownership is sr.Ownership.CUSTOMER
    at_rest = sr.resolve(tailored, "s3", "encryption-at-rest")
    assert {d.party.id for d in at_rest.duties if d.party.side is sr.Side.PROVIDER} == {"acme-msp"}


def test_what_cannot_be_read_is_listed_with_its_place() -> None:
    with pytest.raises(
        sr.CatalogError, match="neither an OSCAL component-definition nor a system-security-plan"
    ):
        sr.overrides_from_oscal(CAT, {"catalog": {}})
    document = _crm([{"uuid": "0b0f8a57-0000-4000-8000-000000000007", "control-id": "zz-99"}])
    document["component-definition"]["components"].append(
        {"uuid": "x", "type": "service", "title": "Nimbus DB"}
    )
    with pytest.raises(sr.CatalogError) as caught:
        sr.overrides_from_oscal(CAT, document)
    assert caught.value.problems == (
        "zz-99 (requirement 0b0f8a57-0000-4000-8000-000000000007): no control of the catalog maps to 'zz-99'",
        "zz-99 (requirement 0b0f8a57-0000-4000-8000-000000000007): says no party that performs it",
        "components[1]: component 'Nimbus DB' names no service of the catalog",
    )


def _ssp(by_component: dict[str, Any], roles: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """An SSP as another tool writes one: a leveraged S3 and one requirement's by-component."""
    return {
        "system-security-plan": {
            "uuid": "0b0f8a57-0000-4000-8000-000000000010",
            "metadata": {
                "title": "Acme SSP",
                "parties": [
                    {"uuid": "0b0f8a57-0000-4000-8000-000000000011", "type": "organization", "name": "Sinnet"}
                ],
            },
            "system-implementation": {
                "components": [
                    {"uuid": "0b0f8a57-0000-4000-8000-000000000012", "type": "this-system", "title": "Acme"},
                    {"uuid": "0b0f8a57-0000-4000-8000-000000000013", "type": "service", "title": "Amazon S3"},
                ]
            },
            "control-implementation": {
                "implemented-requirements": [
                    {
                        "uuid": "0b0f8a57-0000-4000-8000-000000000014",
                        "control-id": "pe-3",
                        "by-components": [
                            {"component-uuid": "0b0f8a57-0000-4000-8000-000000000012", "uuid": "x"},
                            {"component-uuid": "0b0f8a57-0000-4000-8000-000000000013", **by_component},
                        ],
                    }
                ]
            },
        }
    }


@pytest.mark.parametrize(
    ("name", "party"),
    [("oem", "hardware-partner"), ("amazon web services", "aws"), ("SINNET", "sinnet")],
)
def test_a_party_is_known_by_its_short_name_its_name_or_its_id_in_any_case(name: str, party: str) -> None:
    """``oem`` is only the short form of "Azure Stack Hub hardware partner (OEM)"."""
    document = _ssp({"export": {"provided": [{"uuid": "p", "responsible-roles": [
        {"role-id": "provider", "party-uuids": ["0b0f8a57-0000-4000-8000-000000000011"]},
    ]}]}})  # fmt: skip
    document["system-security-plan"]["metadata"]["parties"][0]["name"] = name
    overrides, new = sr.overrides_from_oscal(CAT, document)
    assert _keys(overrides) == [("s3", "physical-and-environmental", (party,))]
    assert new == ()


def test_a_foreign_ssp_is_read_through_its_exports_and_their_roles() -> None:
    named = {"export": {"provided": [{"uuid": "p", "responsible-roles": [
        {"role-id": "provider", "party-uuids": ["0b0f8a57-0000-4000-8000-000000000011"]},
        {"role-id": "assessor"},  # not a side: no party from it
    ]}]}}  # fmt: skip
    overrides, new = sr.overrides_from_oscal(CAT, _ssp(named))
    assert _keys(overrides) == [("s3", "physical-and-environmental", ("sinnet",))]  # a catalog party, by name
    assert new == ()
    bare = {
        "export": {
            "provided": [{"uuid": "p"}],
            "responsibilities": [{"uuid": "r", "responsible-roles": [{"role-id": "customer"}]}],
        }
    }
    overrides, _ = sr.overrides_from_oscal(CAT, json.dumps(_ssp(bare)))
    assert _keys(overrides) == [
        ("s3", "physical-and-environmental", ("aws", "customer"))
    ]  # the sides' own parties


def test_our_performer_props_must_name_catalog_parties() -> None:
    document = json.loads(
        sr.export(sr.matrix(CAT, ["s3"], ["physical-and-environmental"]), "oscal-component-definition")
    )
    requirement = document["component-definition"]["components"][0]["control-implementations"][0][
        "implemented-requirements"
    ][0]
    for prop in requirement["props"]:
        if prop["name"] == "performer":
            prop["value"] = "nobody"
    with pytest.raises(sr.CatalogError, match="unknown parties nobody"):
        sr.overrides_from_oscal(CAT, document)
    with pytest.raises(sr.CatalogError, match="neither an OSCAL"):
        sr.overrides_from_oscal(CAT, "[]")
    with pytest.raises(sr.CatalogError, match="document: not JSON"):
        sr.overrides_from_oscal(CAT, "{component")
    with pytest.raises(sr.CatalogError, match="not shaped as OSCAL JSON"):
        sr.overrides_from_oscal(CAT, {"component-definition": {"components": [7]}})
