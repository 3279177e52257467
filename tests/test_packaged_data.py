"""The shipped dataset, tested as data: complete, cited, sorted, and true to DESIGN.md's invariants."""

import itertools
import json
import re

import importlib_resources
import pytest

import shared_responsibility as sr
from tests.strategies import all_contexts, expected_ownership

CAT = sr.default_catalog()
RAW = json.loads((importlib_resources.files("shared_responsibility") / "data" / "catalog.json").read_text())

CANONICAL_LAYERS = (
    "facilities",
    "hardware",
    "network-infrastructure",
    "virtualization",
    "host-os",
    "guest-os",
    "platform",
    "network-controls",
    "application",
    "identity-infrastructure",
    "identity-and-access",
    "data-protection",
    "data",
    "endpoints",
)
CORE_CONTROLS = {
    "physical-and-environmental",
    "patch-management",
    "configuration-management",
    "awareness-and-training",
    "communications-protection",
    "identity-and-access-management",
    "data-classification",
    "encryption-at-rest",
    "encryption-in-transit",
    "network-security",
    "backup-and-recovery",
    "logging-and-monitoring",
    "vulnerability-management",
    "incident-response",
    "media-sanitization",
}
REQUIRED_SERVICES = {
    "ec2", "ebs", "vpc", "s3", "glacier", "dynamodb", "sqs", "rds", "aurora",
    "lambda", "ecs", "eks", "elastic-beanstalk", "emr",
}  # fmt: skip
NIST_TITLE = re.compile(r"NIST-800-53:[A-Z]{2}-\d+(\(\d+\))?")


def test_versions() -> None:
    assert RAW["format"] == 1
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d{2}(\.\d+)?", CAT.version)


SERVICES, EQUIVALENTS = 356, 49


def test_counts_canary() -> None:
    """Pinned counts: a change here must be deliberate (and in the CHANGELOG's Data group)."""
    assert (len(CAT.layers), len(CAT.controls), len(CAT.categories), len(CAT.services)) == (
        14,
        22,
        10,
        SERVICES,
    )
    assert [p.id for p in CAT.partitions] == [
        "aws", "aws-cn", "aws-eusc", "aws-us-gov", "azure", "azure-china", "azure-us-gov",
        "google-cloud", "s3ns",
    ]  # fmt: skip
    assert [d.id for d in CAT.deployments] == [
        "azure-local", "azure-stack-hub", "gdc-air-gapped-appliance", "gdc-air-gapped-hosted",
        "gdc-connected", "local-zone", "outposts", "region", "wavelength",
    ]  # fmt: skip
    assert len(CAT.equivalents) == EQUIVALENTS


def test_layers_are_the_canonical_stack() -> None:
    assert tuple(layer.id for layer in CAT.layers) == CANONICAL_LAYERS


def test_core_controls_and_services_present() -> None:
    assert {c.id for c in CAT.controls} >= CORE_CONTROLS
    assert {s.id for s in CAT.services} >= REQUIRED_SERVICES
    assert {c.id for c in CAT.controls if c.organizational} == {"awareness-and-training", "incident-response"}


@pytest.mark.parametrize(
    "key", ["parties", "controls", "categories", "partitions", "deployments", "services"]
)
def test_records_sorted_by_id(key: str) -> None:
    ids = [record["id"] for record in RAW[key]]
    assert ids == sorted(ids)


def test_regions_sorted() -> None:
    for p in RAW["partitions"]:
        ids = [r["id"] for r in p["regions"]]
        assert ids == sorted(ids), p["id"]


def _cited() -> list[tuple[str, tuple[sr.Source, ...]]]:
    entries: list[tuple[str, tuple[sr.Source, ...]]] = []
    entries += [(f"control {c.id}", c.sources) for c in CAT.controls]
    entries += [(f"category {g.id}", g.sources) for g in CAT.categories]
    entries += [(f"partition {p.id}", p.sources) for p in CAT.partitions]
    entries += [(f"deployment {d.id}", d.sources) for d in CAT.deployments]
    entries += [(f"service {s.id}", s.sources) for s in CAT.services]
    entries += [(f"option {s.id}.{o.id}", o.sources) for s in CAT.services for o in s.options]
    return entries


@pytest.mark.parametrize(("entry", "sources"), _cited(), ids=[e for e, _ in _cited()])
def test_every_entry_cites_a_dated_https_source(entry: str, sources: tuple[sr.Source, ...]) -> None:
    assert sources, entry
    for s in sources:
        assert s.url.startswith("https://"), s
        assert re.fullmatch(r"20\d\d-\d\d-\d\d", s.read), s
        assert s.title.strip()


def test_every_control_maps_to_nist_with_titles() -> None:
    for c in CAT.controls:
        nist = [r for r in c.references if r.startswith("NIST-800-53:")]
        assert nist, c.id
        for ref in nist:
            assert NIST_TITLE.fullmatch(ref), ref
            assert c.reference_titles.get(ref, "").strip(), f"{c.id}: no title for {ref}"


def test_options_named_by_the_core_issue() -> None:
    expected = {
        "rds": ("custom", {"none", "oracle", "sqlserver-rpev", "sqlserver-cev"}),
        "lambda": ("runtime-update-mode", {"auto", "function-update", "manual"}),
        "ecs": ("compute", {"ec2", "fargate"}),
        "eks": ("compute", {"self-managed", "managed-node-groups", "auto-mode", "fargate"}),
        "elastic-beanstalk": ("managed-updates", {"on", "off"}),
    }
    for service, (option, values) in expected.items():
        found = CAT.service(service).option(option)
        assert found is not None, f"{service}.{option}"
        assert {v.id for v in found.values} == values
    package = CAT.service("lambda").option("package-type")
    assert package is not None
    assert {v.id for v in package.values} == {"zip", "image"}


ALL_CONTEXTS = [(s.id, c) for s in CAT.services for c in all_contexts(CAT, s)]
SERVICE_CONTEXTS = [(s, c) for s, c in ALL_CONTEXTS if CAT.offered(s, c)]


def test_where_a_service_is_not_offered_resolving_it_raises() -> None:
    """∀ service, context it is not offered in: UnavailableError, naming where it is offered."""
    unavailable = [(s, c) for s, c in ALL_CONTEXTS if (s, c) not in SERVICE_CONTEXTS]
    assert len(unavailable) > 100
    for service, context in unavailable:
        with pytest.raises(sr.UnavailableError) as caught:
            sr.resolve(CAT, service, "patch-management", context)
        assert caught.value.suggestions, (service, context)


def test_total_and_consistent_for_every_service_option_value_and_context() -> None:
    """∀ service, control, context (every option value, partition, operator region, deployment):
    exactly one ownership, consistent with the sides of its duties."""
    assert len(SERVICE_CONTEXTS) > 100
    for service, context in SERVICE_CONTEXTS:
        for control in CAT.controls:
            r = sr.resolve(CAT, service, control.id, context)
            assert r.ownership is expected_ownership(r.duties)
        for lr in sr.split(CAT, service, context).values():
            assert lr.ownership is expected_ownership(lr.duties)


def _row_texts() -> dict[str, set[str]]:
    """Every duty text that a control row states, by control: categories, services, option
    values and deployments (what the answers of a control may be made of)."""
    rows = [r for g in CAT.categories for r in g.controls]
    rows += [r for s in CAT.services for r in s.controls]
    rows += [r for d in CAT.deployments for r in d.controls]
    rows += [r for s in CAT.services for o in s.options for v in o.values for r in v.controls]
    texts: dict[str, set[str]] = {}
    for row in rows:
        texts.setdefault(row.control, set()).update(p.text for p in row.parts)
    return texts


def test_every_answer_is_made_of_duties_about_its_control() -> None:
    """∀ service, control, context it is offered in: every duty is a control row's text for that
    control (organizational controls: the control's own duties), never a layer's general text;
    the count of layer texts is the figure in docs/dataset.md (0)."""
    texts = _row_texts()
    general = []
    for service, context in SERVICE_CONTEXTS:
        for control in CAT.controls:
            r = sr.resolve(CAT, service, control.id, context)
            allowed = {p.text for p in control.duties} if control.organizational else texts[control.id]
            found = [(service, control.id, d.text) for d in r.duties if d.text not in allowed]
            layer_text = any(t.origin is sr.Origin.LAYER_TEXT for t in r.trail)
            assert bool(found) == layer_text, (service, control.id)  # a layer text is always said
            general += found
    assert general == []


def test_customer_always_holds_data_and_identity() -> None:
    """∀ service, context: the customer holds a part of `data` and of `identity-and-access`."""
    for service, context in SERVICE_CONTEXTS:
        table = sr.split(CAT, service, context)
        for layer in ("data", "identity-and-access"):
            assert table[layer].ownership is not sr.Ownership.PROVIDER, (service, context, layer)


STACK_EXCEPTIONS = {s.id for s in CAT.services if any(n.startswith("Stack exception:") for n in s.notes)}
STACK_CATEGORIES = {g.id for g in CAT.categories if any(n.startswith("Stack exception:") for n in g.notes)}


def test_stack_exceptions_are_few_and_still_needed() -> None:
    """The data beats the model, where a published split says so: each exception is named in
    the data with its reason, and its split really breaks the rule (else the note is stale)."""
    assert {"outposts", "azure-virtual-desktop"} == STACK_EXCEPTIONS
    for sid in STACK_EXCEPTIONS:
        owners = [lr.ownership for lr in sr.split(CAT, sid).values()]
        provider = [i for i, o in enumerate(owners) if o is sr.Ownership.PROVIDER]
        customer = [i for i, o in enumerate(owners) if o is sr.Ownership.CUSTOMER]
        assert max(provider) > min(customer), sid


def test_provider_layers_form_the_bottom_of_the_stack() -> None:
    """Default context: max index of a PROVIDER layer < min index of a CUSTOMER layer (the
    services whose data names a stack exception excepted)."""
    for s in [s for s in CAT.services if s.id not in STACK_EXCEPTIONS and s.category not in STACK_CATEGORIES]:
        owners = [lr.ownership for lr in sr.split(CAT, s.id).values()]
        provider = [i for i, o in enumerate(owners) if o is sr.Ownership.PROVIDER]
        customer = [i for i, o in enumerate(owners) if o is sr.Ownership.CUSTOMER]
        assert max(provider) < min(customer), s.id


def _customer_layers(category: str) -> set[str]:
    found = next(g for g in CAT.categories if g.id == category)
    return {p.layer for p in found.layers if p.side is sr.Side.CUSTOMER and p.layer is not None}


def test_categories_monotonic() -> None:
    """customer layers: abstracted ⊆ serverless ⊆ container ⊆ infrastructure."""
    chain = ["abstracted", "serverless", "container", "infrastructure"]
    for smaller, larger in itertools.pairwise(chain):
        assert _customer_layers(smaller) <= _customer_layers(larger), (smaller, larger)
    assert _customer_layers("abstracted") < _customer_layers("infrastructure")


def test_aliases_resolve_to_their_service() -> None:
    for s in CAT.services:
        for alias in (s.id, s.name, *s.aliases):
            assert CAT.service(alias) is s
            assert CAT.service(alias.upper()) is s


def test_fast_build_equals_the_validated_load() -> None:
    """default_catalog() builds without cattrs and skips the whole-catalog checks; the
    validating path must accept the same file and give an equal catalog."""
    from shared_responsibility._data import packaged_data

    assert sr.load_catalog(json.loads(packaged_data())) == CAT


@pytest.mark.parametrize("service", CAT.services, ids=lambda s: s.id)
def test_join_keys_or_a_note_saying_none_was_confirmed(service: sr.Service) -> None:
    """Each service lists a CloudTrail event source and a resource type, or says that AWS's
    documentation, as read, confirmed none (no key is guessed)."""
    kinds = {
        "aws": {
            "CloudTrail event source": [
                a for a in service.aliases if re.fullmatch(r"[a-z0-9.-]+\.amazonaws\.com", a)
            ],
            "CloudFormation / AWS Config resource type": [
                a for a in service.aliases if a.startswith("AWS::")
            ],
        },
        "microsoft": {
            "ARM resource type": [a for a in service.aliases if re.fullmatch(r"Microsoft\.\w+/.+", a)]
        },
        "google": {
            "Cloud Asset Inventory asset type": [
                a for a in service.aliases if re.fullmatch(r"[a-z0-9-]+\.googleapis\.com/\w+", a)
            ]
        },
    }[service.provider]
    for kind, found in kinds.items():
        noted = any(n.startswith(f"Join keys: no {kind}") for n in service.notes)
        assert bool(found) != noted, (service.id, kind)


def test_every_service_says_where_it_is_offered() -> None:
    assert [s.id for s in CAT.services if s.availability is None] == []


def test_ccm_references_are_pinned_to_v4_0() -> None:
    """CCM v4.0 and v4.1 number the data-centre controls differently: every control citing a
    CCM id cites a v4.0 source, and none a v4.1 one."""
    for control in CAT.controls:
        if any(ref.startswith("CCM:") for ref in control.references):
            titles = [s.title for s in control.sources]
            assert any("CCM v4.0" in t or "Cloud Controls Matrix v4.0" in t for t in titles), control.id
            assert not any("v4.1" in t for t in titles), control.id
