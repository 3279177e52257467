"""Microsoft Azure and Google Cloud: the published cells and statements pinned, the inputs that
carry their resources, and the answers across providers."""

import pathlib

import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()
FIXTURES = pathlib.Path(__file__).parent / "fixtures"
C, P, S = sr.Ownership.CUSTOMER, sr.Ownership.PROVIDER, sr.Ownership.SHARED


def category_owner(cat: sr.Catalog, category: str, layer: str) -> sr.Ownership:
    """Who a category's own default gives a layer to (from its performing parts)."""
    found = next(g for g in cat.categories if g.id == category)
    return sr.Ownership.of([p.side for p in found.layers if p.layer == layer and p.role is sr.Role.PERFORMS])


# Azure "Shared responsibility in the cloud": the 2026 table (SaaS / PaaS / IaaS) and the diagram
# it replaced on 2026-01-06, read onto the layers as the category notes say.
MATRIX_2026 = {
    "data": (C, C, C),
    "identity-and-access": (C, C, C),
    "endpoints": (S, C, C),
    "application": (S, S, C),
    "network-controls": (P, S, C),
    "guest-os": (P, P, C),
    "hardware": (P, P, P),
    "network-infrastructure": (P, P, P),
    "facilities": (P, P, P),
}
MATRIX_2023 = {
    **MATRIX_2026,
    "endpoints": (C, C, C),
    "application": (P, S, C),
    "identity-infrastructure": (S, S, C),
}


@pytest.mark.parametrize(("date", "matrix"), [(None, MATRIX_2026), ("2025-06-01", MATRIX_2023)])
def test_azure_matrix_in_both_revisions(
    date: str | None, matrix: dict[str, tuple[sr.Ownership, ...]]
) -> None:
    cat = sr.default_catalog(as_of=date)
    for layer, cells in matrix.items():
        got = tuple(category_owner(cat, c, layer) for c in ("azure-saas", "azure-paas", "azure-iaas"))
        assert got == cells, (date, layer)


def test_answers_as_of_a_date_follow_the_model_then() -> None:
    m365 = "microsoft-365"
    latest = sr.split(CAT, m365)["endpoints"].ownership
    before = sr.split(sr.default_catalog(as_of="2025-12-31"), m365)["endpoints"].ownership
    assert (before, latest) == (C, S)
    assert sr.default_catalog(as_of="2026-01-06") == CAT.as_of("2026-01-06")
    assert "as of 2025-01-01" in repr(CAT.as_of("2025-01-01"))
    with pytest.raises(sr.InvalidDateError, match="2026-01-06"):
        CAT.as_of("last year")


def test_gke_autopilot_takes_the_nodes_standard_leaves_them_shared() -> None:
    def guest_os(mode: str) -> sr.Ownership:
        return sr.split(CAT, "google-gke", sr.Context(options={"google-gke.mode": mode}))[
            "guest-os"
        ].ownership

    assert (guest_os("standard"), guest_os("autopilot")) == (S, P)


def test_cloud_sql_high_availability_only_when_configured() -> None:
    def answer(value: str) -> sr.Resolution:
        ctx = sr.Context(options={"google-cloud-sql.availability": value})
        return sr.resolve(CAT, "google-cloud-sql", "high-availability", ctx)

    zonal, regional = answer("zonal"), answer("high-availability")
    assert zonal.ownership is C  # Google only offers the regional configuration
    assert {d.role for d in zonal.duties if d.party.id == "google"} == {sr.Role.ENABLES}
    assert regional.ownership is S  # Google fails an HA-configured instance over


def test_azure_stack_hub_splits_three_ways() -> None:
    hub = sr.split(CAT, "azure-virtual-machines", sr.Context(deployment="azure-stack-hub"))
    assert [p.id for p in hub["facilities"].parties] == ["customer"]  # the operator's own site
    assert "hardware-partner" in [p.id for p in hub["hardware"].parties]
    assert "microsoft" in [p.id for p in hub["host-os"].parties]


def test_azure_china_is_held_by_21vianet() -> None:
    r = sr.resolve(
        CAT, "azure-virtual-machines", "physical-and-environmental", sr.Context(region="chinanorth3")
    )
    assert {d.party.id for d in r.duties} == {"21vianet"}
    assert r.ownership is P


def test_a_service_is_not_offered_in_another_providers_cloud() -> None:
    with pytest.raises(sr.UnavailableError, match="not offered in partition 'aws'"):
        sr.resolve(CAT, "azure-virtual-machines", "patch-management", sr.Context(region="us-east-1"))
    with pytest.raises(sr.UnavailableError, match="not offered in deployment 'outposts'"):
        sr.resolve(CAT, "google-gke", "patch-management", sr.Context(deployment="outposts"))
    assert not CAT.offered("ec2", sr.Context(region="westeurope"))


def test_every_provider_has_forty_services_and_its_own_categories() -> None:
    for provider in ("microsoft", "google"):
        services = [s for s in CAT.services if s.provider == provider]
        assert len(services) >= 40, provider
        providers = {g.provider for g in CAT.categories if g.id in {s.category for s in services}}
        assert providers == {provider}


def test_shift_across_providers_and_equivalents() -> None:
    assert [s.id for s in CAT.equivalents_of("ec2")] == ["azure-virtual-machines", "google-compute-engine"]
    # virtual machine to virtual machine: each provider's model leaves the stack where it was
    stack = {"facilities", "hardware", "virtualization", "guest-os", "application", "data"}
    for before, after in (
        ("ec2", "azure-virtual-machines"),
        ("azure-virtual-machines", "google-compute-engine"),
    ):
        assert not {c.what for c in sr.shift(CAT, before, after) if c.kind == "layer"} & stack
    assert sr.shift(CAT, "ec2", "ec2") == ()
    changes = sr.shift(
        CAT, "ec2", "google-gke", sr.Context(region="eu-west-1"), sr.Context(region="europe-west1")
    )
    assert ("layer", "guest-os") in {(c.kind, c.what) for c in changes}


def test_workload_over_three_providers() -> None:
    duties = sr.workload(CAT, ["s3", "azure-sql", "google-gke"])
    services = {s for group in duties.values() for d in group for s in d.services}
    assert services == {"s3", "azure-sql", "google-gke"}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "azure/webapp.template.json",
            ["azure-virtual-network", "azure-virtual-network", "azure-virtual-network",
             "azure-virtual-machines", "azure-storage", "azure-storage", "azure-functions",
             "azure-key-vault", None],
        ),
        (
            "azure/resource-graph.json",
            ["azure-virtual-machines", "azure-sql", "azure-app-service", "azure-functions"],
        ),
        (
            "google/assets.jsonl",
            ["google-compute-engine", "google-gke", "google-cloud-sql", "google-cloud-storage"],
        ),
        (
            "terraform/multicloud-state.json",
            ["s3", "azure-virtual-machines", "azure-sql", "google-gke", "google-cloud-sql",
             "google-compute-engine"],
        ),
    ],
)  # fmt: skip
def test_inventories_of_azure_and_google(name: str, expected: list[str | None]) -> None:
    items = list(sr.inventory(CAT, FIXTURES / name, controls=["patch-management"]))
    assert [i.service.id if i.service else None for i in items] == expected
    unplaced = [i.reason for i in items if i.service is None]
    assert all("Microsoft.Contoso/widgets" in reason for reason in unplaced)


def test_regions_come_from_the_documents() -> None:
    regions = {
        i.type: i.context.region
        for i in sr.inventory(CAT, FIXTURES / "google" / "assets.jsonl")
        if i.context is not None
    }
    assert regions["compute.googleapis.com/Instance"] == "us-central1"  # the zone's region
    assert regions["storage.googleapis.com/Bucket"] is None  # a multi-region names none
    arm = {
        i.resource: i.context.region
        for i in sr.inventory(CAT, FIXTURES / "azure" / "webapp.template.json")
        if i.context
    }
    assert arm["demo-vm"] == "westeurope"  # written "West Europe"
    assert arm["default/logs"] == "westeurope"  # a child in its parent's region


@pytest.mark.parametrize(
    ("reference", "service", "region"),
    [
        (
            "/subscriptions/1/resourceGroups/g/providers/Microsoft.Sql/servers/s/databases/d",
            "azure-sql",
            None,
        ),
        (
            "/subscriptions/1/resourceGroups/g/providers/Microsoft.Sql/servers/s/firewallRules/f",
            "azure-sql",
            None,
        ),
        (
            "//container.googleapis.com/projects/p/locations/europe-west1/clusters/c",
            "google-gke",
            "europe-west1",
        ),
        (
            "//compute.googleapis.com/projects/p/zones/us-central1-a/instances/i",
            "google-compute-engine",
            "us-central1",
        ),
    ],
)
def test_service_for_azure_ids_and_google_names(reference: str, service: str, region: str | None) -> None:
    found, context = sr.service_for(CAT, reference)
    assert (found.id, context.region) == (service, region)


@pytest.mark.parametrize(
    ("vocabulary", "control", "expected"),
    [
        ("azure", "physical-and-environmental", ("Microsoft",)),
        ("google", "data-classification", ("CUSTOMER",)),
    ],
)
def test_crosswalk_to_the_providers_own_words(
    vocabulary: str, control: str, expected: tuple[str, ...]
) -> None:
    service = "azure-sql" if vocabulary == "azure" else "google-cloud-sql"
    assert sr.crosswalk(sr.resolve(CAT, service, control), vocabulary) == expected


@pytest.mark.parametrize(
    ("name", "provider"),
    [("azure", "microsoft"), ("Microsoft", "microsoft"), ("gcp", "google"), ("google-cloud", "google"),
     ("Google Cloud", "google"), ("AWS", "aws"), ("amazon", "aws"), ("azur", None), ("cloud", None)],
)  # fmt: skip
def test_the_names_people_give_providers(name: str, provider: str | None) -> None:
    from shared_responsibility._catalog import provider_named

    assert provider_named(name) == provider
