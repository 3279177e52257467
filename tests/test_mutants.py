"""Tests written to kill the mutants that survived `make mutation` (docs/testing.md).

Each test states one behaviour of the library that the rest of the suite left unpinned: an exact
error message, an order, a rule of the catalog checks, a lookup's edge case. None of them looks
at internals a user cannot see; where a mutant could only be seen through internals, it is
listed as equivalent in docs/testing.md instead.
"""

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()


def _in_test_order(data: dict[str, Any]) -> dict[str, Any]:
    """The packaged data with the services these tests edit by position first: index 0 has an
    option (acm), index 1 a name of its own, index 5 a control row for backups (aurora)."""
    first = ["acm", "api-gateway", "app-runner", "appstream", "athena", "aurora"]
    by_id = {s["id"]: s for s in data["services"]}
    data["services"] = [by_id[i] for i in first] + [s for s in data["services"] if s["id"] not in first]
    return data


RAW = CAT.to_dict()
ORDERED = _in_test_order(copy.deepcopy(RAW))

Edit = Callable[[dict[str, Any]], None]

NO_DUTY = "must be an object mapping 'provider' and/or 'customer' to a duty text"
NOT_A_ROW = "must be an object with 'layers' and an optional 'note'"
NOT_AWS = "unknown side 'aws'; use 'provider' or 'customer'"
ROW = "services[5].controls.backup-and-recovery"


def _edited(edit: Edit, base: dict[str, Any] = RAW) -> dict[str, Any]:
    data = copy.deepcopy(base)
    edit(data)
    return data


def _problems(edit: Edit) -> list[str]:
    """The problems `load_catalog` reports for the packaged dataset with one edit."""
    with pytest.raises(sr.CatalogError) as caught:
        sr.load_catalog(_edited(edit, ORDERED))
    return list(caught.value.problems)


def _set(*path: Any) -> Edit:
    """An edit that sets the value at a path (the last item) in the plain data."""
    *keys, last, value = path

    def edit(data: dict[str, Any]) -> None:
        for key in keys:
            data = data[key]
        data[last] = value

    return edit


# -- lookups: suggestions and search --------------------------------------------------------


def test_suggestions_keep_every_name_as_near_as_the_floor() -> None:
    """A name exactly at the 0.6 similarity floor is still suggested, after the nearest."""
    cat = CAT.with_overrides(
        [],
        parties=[
            sr.Party(id="abcdxy", name="X", side=sr.Side.PROVIDER),  # 0.67 like "abcdef"
            sr.Party(id="abcz", name="Z", side=sr.Side.PROVIDER),  # exactly 0.6
        ],
    )
    with pytest.raises(sr.UnknownPartyError) as caught:
        cat.party("abcdef")
    assert caught.value.suggestions == ("abcdxy", "abcz")
    assert str(caught.value) == "unknown party 'abcdef'; did you mean 'abcdxy' or 'abcz'?"


def test_a_name_near_nothing_still_gets_the_single_nearest_suggestion() -> None:
    with pytest.raises(sr.UnknownLayerError) as caught:
        CAT.layer("tenant")
    assert str(caught.value) == "unknown layer 'tenant'; did you mean 'endpoints'?"


def test_search_ranks_prefix_then_substring_then_fuzzy_by_similarity() -> None:
    """ "bac" starts "backup" (and "backup-gateway"), is inside aliases of other services (WAF's,
    Terraform types such as aws_efs_backup_policy), and is only like "batch" (0.75) and "acm"
    (0.67): in that order, each group by id."""

    def keys(s: sr.Service) -> list[str]:
        return [k.casefold() for k in (s.id, s.name, *s.aliases)]

    prefix = sorted(s.id for s in CAT.services if any(k.startswith("bac") for k in keys(s)))
    inside = sorted(s.id for s in CAT.services if s.id not in prefix and any("bac" in k for k in keys(s)))
    assert {"backup", "backup-gateway"} <= set(prefix[:3])  # with "azure-backup" ("Backup vault" …)
    assert "waf" in inside
    found = [s.id for s in CAT.search("bac")]
    assert found[: len(prefix) + len(inside)] == [*prefix, *inside]
    assert {"batch", "acm"} <= set(found[len(prefix) + len(inside) :])


def test_search_finds_misspellings_down_to_the_floor() -> None:
    assert [s.id for s in CAT.search("lamda")] == ["lambda"]
    # "athe" starts "athena", is 0.67 like "batch" and exactly 0.6 like "states" (the
    # service prefix of Step Functions): still a match.
    assert [s.id for s in CAT.search("athe")] == ["athena", "batch", "step-functions"]


# -- loading: every problem with its location, in exact words -------------------------------


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(
            _set("parties", 0, "x @ y", 1),
            ["parties[0]: unknown field(s) 'x @ y'"],
            id="a field name with the path separator in it",
        ),
        pytest.param(
            _set("zzz", 1),
            ["$: unknown field(s) 'zzz'"],
            id="an unknown top-level field is located at the root",
        ),
        pytest.param(
            _set("parties", 0, "side", "aws2"),
            ["parties[0].side: invalid value for Side"],
            id="an invalid enum value names the enum",
        ),
        pytest.param(
            _set("controls", 0, "layers", 5),
            ["controls[0].layers: expected tuple[str, ...] | None, got a different type"],
            id="a wrong type names the expected type in full",
        ),
        pytest.param(
            _set("renamed", 5),
            ["renamed: must be an object (old id -> new id), got int"],
            id="the renamed table must be an object",
        ),
        pytest.param(
            _set("services", 0, "layers", {"guest-os": {}}),
            [f"services[0].layers.guest-os: {NO_DUTY}"],
            id="a layer entry with no duty",
        ),
        pytest.param(
            _set("services", 0, "layers", {"guest-os": "patch it"}),
            [f"services[0].layers.guest-os: {NO_DUTY}"],
            id="a layer entry that is not an object",
        ),
        pytest.param(
            _set("services", 0, "layers", {"guest-os": {"aws2": "x", "customer": 3}, "data": {"aws": "y"}}),
            [
                "services[0].layers.guest-os.aws2: unknown side 'aws2'; use 'provider' or 'customer'",
                "services[0].layers.guest-os.customer: duty must be text or {text, role}, got int",
                "services[0].layers.data.aws: unknown side 'aws'; use 'provider' or 'customer'",
            ],
            id="several problems in one field, each located",
        ),
        pytest.param(
            _set("services", 0, "layers", 5),
            ["services[0].layers: must be an object (layer -> {side: text}), got int"],
            id="layers that are not an object",
        ),
        pytest.param(
            _set("services", 0, "layers", {"guest-os": {"customer": ["patch"]}}),
            ["services[0].layers.guest-os.customer: duty must be text or {text, role}, got list"],
            id="a duty text that is not a string",
        ),
        pytest.param(
            _set("controls", 0, "duties", 5),
            ["controls[0].duties: must be an object (side -> text), got int"],
            id="an organizational control's duties that are not an object",
        ),
        pytest.param(
            _set("controls", 0, "duties", {"aws": "x", "customer": 1}),
            [
                "controls[0].duties.aws: unknown side 'aws'; use 'provider' or 'customer'",
                "controls[0].duties.customer: duty must be text or {text, role}, got int",
            ],
            id="an organizational control's duties with a bad side and a bad text",
        ),
        pytest.param(
            _set("services", 5, "controls", 5),
            ["services[5].controls: must be an object (control -> row), got int"],
            id="control rows that are not an object",
        ),
        pytest.param(
            _set("services", 5, "controls", "backup-and-recovery", 5),
            [f"{ROW}: {NOT_A_ROW}"],
            id="a control row that is not an object",
        ),
        pytest.param(
            _set("services", 5, "controls", "backup-and-recovery", "owner", "me"),
            [f"{ROW}: {NOT_A_ROW}"],
            id="a control row with an unknown field beside its layers",
        ),
        pytest.param(
            _set("services", 5, "controls", "backup-and-recovery", {"note": "no layers"}),
            [f"{ROW}: {NOT_A_ROW}"],
            id="a control row without layers",
        ),
        pytest.param(
            _set("services", 5, "controls", "backup-and-recovery", "layers", {"data": {"aws": "x"}}),
            [f"{ROW}.layers.data.aws: {NOT_AWS}"],
            id="a control row's layer with a bad side",
        ),
        pytest.param(
            _set("services", 5, "controls", "backup-and-recovery", "note", 5),
            ["services[5].controls.backup-and-recovery.note: must be a string"],
            id="a control row's note that is not a string",
        ),
        pytest.param(
            _set("services", 5, "controls", "backup-and-recovery", "layers", 5),
            [f"{ROW}.layers: must be an object (layer -> {{side: text}}), got int"],
            id="a control row's layers that are not an object",
        ),
        pytest.param(
            _set("format", 2),
            ["format: this version reads format 1, got 2"],
            id="another format version",
        ),
    ],
)
def test_load_reports_each_problem_exactly(edit: Edit, expected: list[str]) -> None:
    assert _problems(edit) == expected


def test_every_bad_control_row_is_reported_in_order() -> None:
    """A bad row does not hide the rows after it, whatever is wrong with it."""
    good = ORDERED["services"][5]["controls"]["backup-and-recovery"]["layers"]
    rows = {
        "backup-and-recovery": 5,
        "patch-management": {"layers": {"data": {"aws": "x"}}},
        "encryption-at-rest": {"layers": good, "note": 5},
        "configuration-management": {"layers": good, "extra": 1},
        "data-classification": {"layers": {"data": {"customer": 1}}},
    }
    assert _problems(_set("services", 5, "controls", rows)) == [
        f"{ROW}: {NOT_A_ROW}",
        f"services[5].controls.patch-management.layers.data.aws: {NOT_AWS}",
        "services[5].controls.encryption-at-rest.note: must be a string",
        f"services[5].controls.configuration-management: {NOT_A_ROW}",
        (
            "services[5].controls.data-classification.layers.data.customer: "
            "duty must be text or {text, role}, got int"
        ),
    ]


def test_a_catalog_without_a_format_says_so() -> None:
    data = _edited(lambda data: data.pop("format"))
    with pytest.raises(sr.CatalogError) as caught:
        sr.load_catalog(data)
    assert list(caught.value.problems) == ["format: this version reads format 1, got None"]


def test_a_catalog_file_may_use_any_json_encoding(tmp_path: Path) -> None:
    """Files are read as bytes, so JSON's own detection of UTF-8, UTF-16 and UTF-32 applies."""
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(RAW, ensure_ascii=False), encoding="utf-16")
    assert sr.load_catalog(path) == CAT


def test_unknown_fields_are_listed_sorted_and_comma_separated() -> None:
    def edit(data: dict[str, Any]) -> None:
        data["parties"][0]["zeta"] = 1
        data["parties"][0]["alpha"] = 2

    assert _problems(edit) == ["parties[0]: unknown field(s) 'alpha', 'zeta'"]


@pytest.mark.parametrize("duties", [None, {}])
def test_a_layered_control_may_say_it_has_no_duties(duties: Any) -> None:
    """Duties belong to organizational controls; a layered one may spell "none" as null or {}."""
    assert CAT.controls[1].layers is not None
    assert sr.load_catalog(_edited(_set("controls", 1, "duties", duties))) == CAT


def test_a_control_row_without_a_note_round_trips_without_one() -> None:
    service = next(i for i, s in enumerate(RAW["services"]) if s.get("controls"))
    control = next(iter(RAW["services"][service]["controls"]))

    def edit(data: dict[str, Any]) -> None:
        data["services"][service]["controls"][control].pop("note", None)

    cat = sr.load_catalog(_edited(edit))
    row = cat.to_dict()["services"][service]["controls"][control]
    assert set(row) == {"layers"}
    assert sr.load_catalog(cat.to_dict()) == cat


# -- resolving: the context reaches every answer --------------------------------------------

OUTPOSTS = sr.Context(deployment="outposts")


def test_matrix_answers_in_the_context_it_is_given() -> None:
    m = sr.matrix(CAT, ["ec2"], ["physical-and-environmental"], OUTPOSTS)
    (r,) = m
    assert r.context == OUTPOSTS
    assert r == sr.resolve(CAT, "ec2", "physical-and-environmental", OUTPOSTS)
    assert r != sr.resolve(CAT, "ec2", "physical-and-environmental")


@pytest.mark.parametrize("by", ["layer", "control"])
def test_workload_answers_in_the_context_it_is_given(by: str) -> None:
    in_context = sr.workload(CAT, ["ec2"], OUTPOSTS, by=by)
    assert in_context != sr.workload(CAT, ["ec2"], by=by)
    if by == "layer":
        expected = {lid: r.duties for lid, r in sr.split(CAT, "ec2", OUTPOSTS).items()}
    else:
        expected = {c.id: sr.resolve(CAT, "ec2", c.id, OUTPOSTS).duties for c in CAT.controls}
    for target, duties in in_context.items():
        customer = [d.text for d in expected[target] if d.party.side is sr.Side.CUSTOMER]
        assert [d.text for d in duties] == list(dict.fromkeys(customer))
        assert all(d.target == target for d in duties)


def test_workload_names_services_in_catalog_order_not_alphabetical() -> None:
    """The catalog's order decides, whatever order the caller gives; here the services are
    stored in reverse alphabetical order."""
    cat = sr.load_catalog(_edited(lambda data: data["services"].reverse()))
    shared = sr.workload(cat, ["ec2", "s3", "lambda"])
    services = {d.services for duties in shared.values() for d in duties if len(d.services) > 1}
    assert services, "some customer duty is common to these services"
    for names in services:
        assert list(names) == sorted(names, reverse=True)


def test_shift_compares_both_services_in_the_context_it_is_given() -> None:
    before, after = sr.split(CAT, "ec2", OUTPOSTS), sr.split(CAT, "rds", OUTPOSTS)
    expected = [
        ("layer", lid, before[lid].ownership, after[lid].ownership)
        for lid in before
        if before[lid].ownership is not after[lid].ownership
    ]
    for c in CAT.controls:
        x = sr.resolve(CAT, "ec2", c.id, OUTPOSTS).ownership
        y = sr.resolve(CAT, "rds", c.id, OUTPOSTS).ownership
        if x is not y:
            expected.append(("control", c.id, x, y))
    changes = sr.shift(CAT, "ec2", "rds", OUTPOSTS)
    ownership = [c for c in changes if isinstance(c, sr.Change)]  # ownership first, then duties
    assert [(c.kind, c.what, c.before, c.after) for c in ownership] == expected
    assert changes[: len(ownership)] == tuple(ownership)
    assert {kind for kind, *_ in expected} == {"layer", "control"}
    # Outposts moves the facilities to the customer's site, for either service alone.
    assert sr.split(CAT, "ec2", OUTPOSTS)["facilities"] != sr.split(CAT, "ec2")["facilities"]
    assert sr.split(CAT, "rds", OUTPOSTS)["facilities"] != sr.split(CAT, "rds")["facilities"]
    with pytest.raises(sr.UnavailableError, match="not offered in deployment 'outposts'"):
        sr.split(CAT, "lambda", OUTPOSTS)  # Lambda does not run on Outposts


MSP = sr.Party(id="acme-msp", name="Acme MSP", side=sr.Side.CUSTOMER)


@pytest.mark.parametrize(
    ("reason", "note"),
    [
        ("contract", "contract; the customer side holds no part here"),
        ("", "the customer side holds no part here"),
    ],
)
def test_an_override_for_a_side_with_no_part_says_so_after_its_reason(reason: str, note: str) -> None:
    """EC2's facilities are the provider's alone: a customer-side party named for them takes
    nothing, and the trail says why after the override's own reason."""
    cat = CAT.with_overrides(
        [sr.Override(service="ec2", target="facilities", parties=("acme-msp",), reason=reason)], parties=[MSP]
    )
    layer = sr.split(cat, "ec2")["facilities"]
    assert layer.trail[-1].name == "ec2:facilities -> acme-msp"
    assert layer.trail[-1].note == note
    assert layer.duties == sr.split(CAT, "ec2")["facilities"].duties


def test_an_override_names_all_its_parties_in_the_trail() -> None:
    cat = CAT.with_overrides(
        [sr.Override(service="ec2", target="guest-os", parties=("acme-msp", "customer"))], parties=[MSP]
    )
    rule = sr.split(cat, "ec2")["guest-os"].trail[-1]
    assert rule.name == "ec2:guest-os -> acme-msp, customer"


def test_with_overrides_accepts_a_known_party_again_but_not_a_different_one() -> None:
    same = CAT.with_overrides([], parties=[CAT.party("customer")])
    assert same.parties == CAT.parties
    other = sr.Party(id="customer", name="Someone else", side=sr.Side.CUSTOMER)
    with pytest.raises(sr.CatalogError) as caught:
        CAT.with_overrides([], parties=[other])
    assert list(caught.value.problems) == ["parties[0]: party 'customer' already exists"]


def test_with_overrides_lists_party_and_override_problems_together() -> None:
    other = sr.Party(id="customer", name="Someone else", side=sr.Side.CUSTOMER)
    with pytest.raises(sr.CatalogError) as caught:
        CAT.with_overrides(
            [sr.Override(service="ec9", target="guest-os", parties=("customer",))], parties=[other]
        )
    assert list(caught.value.problems) == [
        "parties[0]: party 'customer' already exists",
        "overrides[0].service: unknown service 'ec9'",
    ]


def test_a_source_needs_a_title() -> None:
    assert _problems(_set("services", 0, "sources", 0, "title", " ")) == [
        "services[0].sources[0].title: must not be empty"
    ]


# -- the whole-catalog checks: each rule, with its location ---------------------------------


def _ids(d: dict[str, Any]) -> None:
    d["deployments"][0]["id"] = "Outposts"
    regions = d["partitions"][0]["regions"]
    regions[1]["id"] = regions[0]["id"]
    for service in d["services"]:  # availability names these ids: its own checks are tested apart
        service.pop("availability", None)
        for option in service.get("options", ()):
            for value in option["values"]:
                value.pop("availability", None)


def _no_customer(d: dict[str, Any]) -> None:
    for party in d["parties"]:
        party["side"] = "provider"


def _category(d: dict[str, Any]) -> None:
    g = d["categories"][0]
    del g["layers"]["facilities"], g["layers"]["hardware"]
    g["layers"]["nope"] = {"customer": "x"}
    g["sources"][0].update(url="http://x", read="2024-1-1")


def _service(d: dict[str, Any]) -> None:
    s = d["services"][0]
    s.update(sources=[], category="nope", provider="nope")
    s["layers"] = {"nope": {"customer": "x"}, "guest-os": {"customer": " "}}
    d["services"][1]["aliases"] = [s["name"]]


def _rows(d: dict[str, Any]) -> None:
    rows = d["services"][5]["controls"]
    rows["backup-and-recovery"]["layers"]["facilities"] = {"customer": "x"}
    rows["nope"] = {"layers": {"data": {"customer": "x"}}}
    rows["awareness-and-training"] = {"layers": {"data": {"customer": "x"}}}


def _options(d: dict[str, Any]) -> None:
    option = d["services"][0]["options"][0]
    option.update(default="zzz", sources=[])
    option["values"][0]["layers"] = {"nope": {"customer": "x"}}
    option["values"][0]["controls"] = {"nope": {"layers": {"data": {"customer": "x"}}}}
    option["values"].append(option["values"][0])
    d["services"][0]["options"].append(copy.deepcopy(option))


def _contexts(d: dict[str, Any]) -> None:
    d["partitions"][0]["operator"] = None
    d["partitions"][0]["regions"][0]["operator"] = "nope"
    d["partitions"][1]["operator"] = "nope2"
    d["deployments"][0]["layers"] = {"nope": {"customer": "x"}}


def _controls(d: dict[str, Any]) -> None:
    for owner in (*d["categories"], *d["services"], *d["deployments"]):  # rows name the controls'
        owner.pop("controls", None)  # layers: checked apart
        for revision in owner.get("history", ()):
            revision.pop("controls", None)
        for option in owner.get("options", ()):
            for value in option["values"]:
                value.pop("controls", None)
    c = d["controls"]
    c[0]["duties"] = {"provider": "x"}
    c[1]["duties"] = {"customer": "x"}
    c[2]["layers"] = []
    c[3]["layers"] = ["nope"]


def _overrides(d: dict[str, Any]) -> None:
    d["parties"].append({"id": "msp", "name": "MSP", "side": "customer"})
    d["overrides"] = [  # stored sorted: ec2/ghost, ec2/msp, ec9
        {"service": "ec9", "target": "nope", "parties": []},
        {"service": "ec2", "target": "guest-os", "parties": ["ghost", "customer"]},
        {"service": "ec2", "target": "guest-os", "parties": ["msp"]},
    ]


OPTION_PROBLEMS = [
    "sources: at least one source is required",
    "values: duplicate id 'amazon-issued'",
    "default: 'zzz' is not one of its values",
    "values[0].layers.nope: unknown layer 'nope'",
    "values[0].controls.nope: unknown control 'nope'",
    "values[2].layers.nope: unknown layer 'nope'",
    "values[2].controls.nope: unknown control 'nope'",
]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            _ids,
            [
                "deployments[0].id: must be lower-case-kebab-case, got 'Outposts'",
                "regions: duplicate id 'af-south-1'",
            ],
        ),
        (_no_customer, ["parties: no party stands on the customer side"]),
        (
            _category,
            [
                "categories[0].sources[0].url: must be an https URL, got 'http://x'",
                "categories[0].sources[0].read: must be a date YYYY-MM-DD, got '2024-1-1'",
                "categories[0].layers.nope: unknown layer 'nope'",
                "categories[0].layers: no default for 'facilities', 'hardware'",
            ],
        ),
        (
            _service,
            [
                "services[0].sources: at least one source is required",
                "services[0].category: unknown category 'nope'",
                "services[0].provider: unknown party 'nope'",
                "services[0].layers.nope: unknown layer 'nope'",
                "services[0].layers.guest-os.customer: duty text must not be empty",
                "services[1].aliases: 'AWS Certificate Manager' already names service 'acm'",
            ],
        ),
        (
            _rows,
            [
                "services[5].controls.backup-and-recovery.facilities: unknown layer 'facilities'",
                "services[5].controls.nope: unknown control 'nope'",
                "services[5].controls.awareness-and-training: organizational control takes no control row",
            ],
        ),
        (
            _options,
            [
                "services[0].options: duplicate id 'certificate-source'",
                *(f"services[0].options[0].{p}" for p in OPTION_PROBLEMS),
                *(f"services[0].options[1].{p}" for p in OPTION_PROBLEMS),
            ],
        ),
        (
            _contexts,
            [
                "partitions[0].regions[0].operator: unknown party 'nope'",
                "partitions[0].operator: regions without an operator need one here",
                "partitions[1].operator: unknown party 'nope2'",
                "deployments[0].layers.nope: unknown layer 'nope'",
            ],
        ),
        (
            _controls,
            [
                "controls[0].duties: an organizational control needs a provider and a customer duty",
                "controls[1].duties: only an organizational control (no layers) has duties",
                "controls[2].layers: must name at least one layer, or be null",
                "controls[3].layers: unknown layer 'nope'",
            ],
        ),
        (
            _overrides,
            [
                "overrides[0].parties[0]: unknown party 'ghost'",
                "overrides[1]: conflicts with overrides[0] over the customer side of 'guest-os' for 'ec2'",
                "overrides[2].service: unknown service 'ec9'",
                "overrides[2].target: unknown layer or control 'nope'",
                "overrides[2].parties: must name at least one party",
            ],
        ),
    ],
    ids=lambda value: value.__name__.strip("_") if callable(value) else "",
)
def test_catalog_checks_report_each_rule_with_its_location(edit: Edit, expected: list[str]) -> None:
    assert _problems(edit) == expected


# -- the resolver's trail and sources -------------------------------------------------------

CHINA = sr.Context(region="cn-north-1")


def test_an_organizational_control_says_so_in_its_trail() -> None:
    r = sr.resolve(CAT, "ec2", "awareness-and-training")
    assert r.trail[0] == sr.Rule(
        origin=sr.Origin.CONTROL,
        name="awareness-and-training",
        target="awareness-and-training",
        note="organizational: each party does its own part",
    )


def test_the_local_operator_cites_its_partition_only_where_it_holds_a_part() -> None:
    """In cn-north-1 the provider side is Sinnet's: an answer with a provider duty cites the
    partition's pages, an answer that is the customer's alone does not."""
    (china,) = [p for p in CAT.partitions if p.id == "aws-cn"]
    held = sr.resolve(CAT, "ec2", "patch-management", CHINA)
    assert held.trail[-1].name == "region=cn-north-1"
    assert set(china.sources) <= set(held.sources)
    alone = sr.resolve(CAT, "ec2", "data-classification", CHINA)
    assert alone.ownership is sr.Ownership.CUSTOMER
    assert not set(china.sources) & set(alone.sources)


def test_an_override_of_a_control_reaches_its_resolution() -> None:
    cat = CAT.with_overrides(
        [sr.Override(service="ec2", target="patch-management", parties=("acme-msp",))], parties=[MSP]
    )
    r = sr.resolve(cat, "ec2", "patch-management")
    assert r.trail[-1].name == "ec2:patch-management -> acme-msp"
    assert "acme-msp" in {d.party.id for d in r.duties}
    assert "customer" not in {d.party.id for d in r.duties}


def test_conflicts_on_both_sides_are_reported_customer_side_first() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["parties"] += [
            {"id": "msp", "name": "MSP", "side": "customer"},
            {"id": "sub", "name": "Sub", "side": "provider"},
        ]
        d["overrides"] = [
            {"service": "ec2", "target": "guest-os", "parties": ["aws", "customer"]},
            {"service": "ec2", "target": "guest-os", "parties": ["sub", "msp"]},
        ]

    assert _problems(edit) == [
        "overrides[1]: conflicts with overrides[0] over the customer side of 'guest-os' for 'ec2'",
        "overrides[1]: conflicts with overrides[0] over the provider side of 'guest-os' for 'ec2'",
    ]


def test_duplicate_ids_are_reported_per_collection() -> None:
    def edit(d: dict[str, Any]) -> None:
        for key in ("layers", "parties", "controls", "categories"):
            d[key].append(copy.deepcopy(d[key][0]))
        d["partitions"].append(copy.deepcopy(d["partitions"][1]))

    assert _problems(edit) == [
        "layers: duplicate id 'facilities'",
        "parties: duplicate id '21vianet'",
        "controls: duplicate id 'awareness-and-training'",
        "categories: duplicate id 'abstracted'",
        "partitions: duplicate id 'aws-cn'",
        "regions: duplicate id 'cn-north-1'",
        "regions: duplicate id 'cn-northwest-1'",
    ]


def test_partitions_and_deployments_need_sources() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["partitions"][0]["sources"] = []
        d["deployments"][0]["sources"] = []

    assert _problems(edit) == [
        "partitions[0].sources: at least one source is required",
        "deployments[0].sources: at least one source is required",
    ]


def test_packaged_data_is_found_through_a_loader_without_get_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """A loader that cannot ``get_data`` falls back to importlib resources."""
    import types

    from shared_responsibility import _data

    expected = _data.packaged_data()
    monkeypatch.setattr(_data, "__spec__", types.SimpleNamespace(loader=object()))
    assert _data.packaged_data() == expected


# -- limits at their edges, and the location each refusal names ----------------------------------


def _packaged() -> dict[str, Any]:
    from shared_responsibility._data import packaged_data

    data: dict[str, Any] = json.loads(packaged_data())
    return data


def test_a_dataset_given_as_data_is_located_at_the_root_when_refused() -> None:
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(_packaged(), limits=sr.Limits(max_depth=3))
    assert info.value.problems == ("$: nested more than 3 deep (Limits.max_depth)",)


def test_a_dataset_file_is_located_by_its_path_when_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text(json.dumps(_packaged()))
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(path, limits=sr.Limits(max_depth=3))
    assert info.value.problems == (f"{path}: nested more than 3 deep (Limits.max_depth)",)


def test_a_file_of_exactly_the_size_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(_packaged()))
    size = path.stat().st_size
    assert sr.load_catalog(path, limits=sr.Limits(max_bytes=size)) == sr.default_catalog()
    with pytest.raises(sr.CatalogError, match=r"bytes, over the limit of"):
        sr.load_catalog(path, limits=sr.Limits(max_bytes=size - 1))


def test_a_dataset_of_exactly_the_record_limit_is_read() -> None:
    data = _packaged()
    count = sum(len(v) for v in data.values() if isinstance(v, list))
    assert sr.load_catalog(data, limits=sr.Limits(max_entries=count)) == sr.default_catalog()
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data, limits=sr.Limits(max_entries=count - 1))
    assert info.value.problems == (f"$: {count} records, over the limit of {count - 1} (Limits.max_entries)",)


# -- the context: who operates a partition or region, and errors naming the bad value -------------

CN_OPERATORS = (
    "Ningxia Western Cloud Data Technology Co., Ltd. (NWCD)",
    "Beijing Sinnet Technology Co., Ltd. (Sinnet)",
)


def _context_rules(cat: sr.Catalog, context: sr.Context) -> list[sr.Rule]:
    trail = sr.resolve(cat, "ec2", "physical-and-environmental", context).trail
    return [rule for rule in trail if rule.origin is sr.Origin.CONTEXT and rule.target == "provider"]


def test_a_partition_run_by_operators_per_region_names_them_all_in_the_trail() -> None:
    rules = _context_rules(sr.default_catalog(), sr.Context(partition="aws-cn"))
    note = f"the provider side is held by {CN_OPERATORS[0]} or {CN_OPERATORS[1]}, by region"
    assert rules == [sr.Rule(origin=sr.Origin.CONTEXT, name="partition=aws-cn", target="provider", note=note)]


def test_a_region_with_its_own_operator_names_that_one() -> None:
    rules = _context_rules(sr.default_catalog(), sr.Context(region="cn-north-1"))
    note = f"the provider side is held by {CN_OPERATORS[1]}"
    assert rules == [
        sr.Rule(origin=sr.Origin.CONTEXT, name="region=cn-north-1", target="provider", note=note)
    ]


def test_a_partition_with_one_operator_of_its_own_names_it() -> None:
    data = _packaged()
    for partition in data["partitions"]:
        if partition["id"] == "aws-cn":
            partition["operator"] = "nwcd"
    rules = _context_rules(sr.load_catalog(data), sr.Context(partition="aws-cn"))
    note = f"the provider side is held by {CN_OPERATORS[0]}"
    assert rules == [sr.Rule(origin=sr.Origin.CONTEXT, name="partition=aws-cn", target="provider", note=note)]


def test_the_region_deployment_needs_no_entry_of_its_own() -> None:
    data = _packaged()
    data["deployments"] = [d for d in data["deployments"] if d["id"] != "region"]
    cat = sr.load_catalog(data)
    assert sr.split(cat, "ec2", sr.Context(deployment="region")) == sr.split(cat, "ec2")
    with pytest.raises(sr.UnknownContextError):
        sr.split(cat, "ec2", sr.Context(deployment="Region"))


@pytest.mark.parametrize(
    ("context", "name", "message"),
    [
        (sr.Context(partition="aws-xx"), "aws-xx", "unknown partition 'aws-xx'"),
        (sr.Context(region="xx-north-1"), "xx-north-1", "unknown region 'xx-north-1'"),
        (
            sr.Context(partition="aws", region="cn-north-1"),
            "cn-north-1",
            "region 'cn-north-1' is in partition 'aws-cn', not 'aws'",
        ),
        (sr.Context(deployment="outpost"), "outpost", "unknown deployment 'outpost'"),
        (sr.Context(options={"lambda.": "x"}), "lambda.", "unknown option 'lambda.'"),
        (sr.Context(options={"ec2.nope": "x"}), "ec2.nope", "service 'ec2' has no option 'nope'"),
        (
            sr.Context(options={"lambda.runtime-update-mode.x": "y"}),
            "lambda.runtime-update-mode.x",
            "service 'lambda' has no option 'runtime-update-mode.x'",
        ),
        (
            sr.Context(options={"lambda.runtime-update-mode": "never"}),
            "never",
            "unknown value 'never' for option 'lambda.runtime-update-mode'",
        ),
    ],
)
def test_a_bad_context_names_the_bad_value(context: sr.Context, name: str, message: str) -> None:
    with pytest.raises(sr.UnknownNameError) as info:
        sr.resolve(sr.default_catalog(), "ec2", "patch-management", context)
    assert info.value.name == name
    assert str(info.value).startswith(message)


def test_a_split_is_memoized_on_its_catalog() -> None:
    cat = sr.load_catalog(_packaged())
    assert sr.split(cat, "ec2") is sr.split(cat, "ec2")


# -- the trail names each rule; stronger overrides win ----------------------------------------------


def test_the_trail_names_the_category_and_the_services_own_row() -> None:
    cat = sr.default_catalog()
    service = cat.service("documentdb")
    row = next(r for r in service.controls if r.control == "patch-management")
    trail = sr.resolve(cat, "documentdb", "patch-management").trail
    assert {r.name for r in trail if r.origin is sr.Origin.CATEGORY} == {service.category}
    assert [r for r in trail if r.origin is sr.Origin.SERVICE and r.target == "patch-management"] == [
        sr.Rule(origin=sr.Origin.SERVICE, name="documentdb", target="patch-management", note=row.note)
    ]


def test_the_trail_carries_an_option_values_row_note() -> None:
    cat = sr.default_catalog()
    option = cat.service("athena").option("engine-version-update")
    assert option is not None
    value = option.value("manual")
    assert value is not None
    assert not value.note  # the row's own note is the one to carry
    row = next(r for r in value.controls if r.control == "patch-management")
    context = sr.Context(options={"athena.engine-version-update": "manual"})
    trail = sr.resolve(cat, "athena", "patch-management", context).trail
    name = "athena.engine-version-update=manual"
    assert [r for r in trail if r.target == "patch-management" and r.origin is not sr.Origin.CATEGORY] == [
        sr.Rule(origin=sr.Origin.OPTION, name=name, target="patch-management", note=row.note)
    ]


MSP_A = sr.Party(id="msp-a", name="A", side=sr.Side.CUSTOMER)
MSP_B = sr.Party(id="msp-b", name="B", side=sr.Side.CUSTOMER)


def _guest_os_holders(cat: sr.Catalog, control: str) -> set[str]:
    duties = sr.resolve(cat, "ec2", control).duties
    return {
        d.party.id
        for d in duties
        if d.layer is not None and d.layer.id == "guest-os" and d.party.side is sr.Side.CUSTOMER
    }


def _in_both_orders(a: sr.Override, b: sr.Override) -> list[sr.Catalog]:
    """The default catalog with both overrides, given in one order and in the other."""
    return [sr.default_catalog().with_overrides(o, parties=[MSP_A, MSP_B]) for o in ([a, b], [b, a])]


def test_an_override_for_one_service_wins_over_one_for_every_service() -> None:
    for ours in _in_both_orders(
        sr.Override(service="*", target="guest-os", parties=("msp-a",)),
        sr.Override(service="ec2", target="guest-os", parties=("msp-b",)),
    ):
        assert [p.id for p in sr.split(ours, "ec2")["guest-os"].parties] == ["msp-b"]


def test_an_override_of_a_control_wins_over_one_of_its_layer() -> None:
    for ours in _in_both_orders(
        sr.Override(service="ec2", target="patch-management", parties=("msp-b",)),
        sr.Override(service="ec2", target="guest-os", parties=("msp-a",)),
    ):
        assert _guest_os_holders(ours, "patch-management") == {"msp-b"}
        assert _guest_os_holders(ours, "configuration-management") == {"msp-a"}


# -- to_dict leaves defaults out at every level ------------------------------------------------------


def _records_in(data: Any) -> list[dict[str, Any]]:
    found = []
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            found.append(value)
            pending += value.values()
        elif isinstance(value, list):
            pending += value
    return found


def test_to_dict_leaves_out_defaults_at_every_level() -> None:
    data = sr.default_catalog().to_dict()
    records = _records_in(data)
    assert not [r for r in records if r.get("note") == "" or r.get("notes") == []]
    assert not [r for r in records if "operator" in r and r["operator"] is None]
    control = next(c for c in data["controls"] if c["id"] == "backup-and-recovery")
    assert "duties" not in control  # a layered control without duties of its own


# -- overrides that do not apply are passed over; defaults and names in answers and errors ---------


def test_an_override_of_another_layer_does_not_stop_the_next_one() -> None:
    overrides = [
        sr.Override(service="ec2", target="data", parties=("msp-a",)),
        sr.Override(service="ec2", target="guest-os", parties=("msp-b",)),
    ]
    ours = sr.default_catalog().with_overrides(overrides, parties=[MSP_A, MSP_B])
    assert [p.id for p in sr.split(ours, "ec2")["guest-os"].parties] == ["msp-b"]


def test_an_answer_without_a_context_carries_the_default_one() -> None:
    assert sr.resolve(sr.default_catalog(), "ec2", "patch-management").context == sr.Context()


def test_an_operators_sources_are_cited_where_the_operator_holds_a_part() -> None:
    cat = sr.default_catalog()
    operator = set(next(p for p in cat.partitions if p.id == "aws-cn").sources)
    layers = sr.split(cat, "ec2", sr.Context(region="cn-north-1"))
    assert operator <= set(layers["facilities"].sources)
    assert not operator & set(layers["data"].sources)  # the customer's alone


def test_overrides_and_the_parties_they_bring_count_against_the_limit_together() -> None:
    overrides = [sr.Override(service="ec2", target="guest-os", parties=("msp-a",))]
    cat = sr.default_catalog()
    assert cat.with_overrides(overrides, parties=[MSP_A], limits=sr.Limits(max_entries=2)).overrides
    with pytest.raises(sr.CatalogError) as info:
        cat.with_overrides(overrides, parties=[MSP_A], limits=sr.Limits(max_entries=1))
    assert info.value.problems == ("overrides: 2 entries, over the limit of 1 (Limits.max_entries)",)


def test_a_renamed_service_error_names_the_old_name() -> None:
    cat = sr.load_catalog({**_packaged(), "renamed": {"elastic-compute": "ec2"}})
    with pytest.raises(sr.UnknownServiceError) as info:
        cat.service("elastic-compute")
    assert info.value.name == "elastic-compute"
    assert info.value.suggestions == ("ec2",)


def test_a_reference_mapped_to_several_controls_is_named_in_the_error() -> None:
    cat = sr.default_catalog()
    reference = next(r for c in cat.controls for r in c.references if len(cat.controls_for(r)) > 1)
    with pytest.raises(sr.UnknownControlError) as info:
        cat.control(reference)
    assert info.value.name == reference
    assert info.value.suggestions == tuple(c.id for c in cat.controls_for(reference))


@pytest.mark.parametrize(
    ("titles", "expected"),
    [
        (["SI-2"], ["controls[0].reference_titles: must be an object (name -> text), got list"]),
        (
            {"a": 1, "b": "fine", "c": None},
            [
                "controls[0].reference_titles.a: must be a string, got int",
                "controls[0].reference_titles.c: must be a string, got NoneType",
            ],
        ),
        ({7: "seven"}, ["controls[0].reference_titles.7: name must be a string, got int"]),
    ],
)
def test_reference_titles_must_map_names_to_texts(titles: Any, expected: list[str]) -> None:
    data = _packaged()
    data["controls"][0]["reference_titles"] = titles
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert list(info.value.problems) == expected


def test_a_location_through_an_unprintable_key_is_escaped() -> None:
    data = _packaged()
    data["categories"][0]["layers"] = {"\n": None}
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert info.value.problems == (
        "categories[0].layers.\\n: must be an object mapping 'provider' and/or 'customer' to a duty text",
    )


def test_whole_catalog_problems_escape_unprintable_keys_too() -> None:
    data = _packaged()
    data["services"][0]["layers"] = {"gu\nest": {"customer": "c"}}
    data["services"][1]["controls"] = {"x\ty": {"layers": {"guest-os": {"customer": "c"}}}}
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert info.value.problems == (
        "services[0].layers.gu\\nest: unknown layer 'gu\\nest'",
        "services[1].controls.x\\ty: unknown control 'x\\ty'",
    )


def test_a_catalog_shows_its_version_and_counts() -> None:
    cat = sr.default_catalog()
    assert repr(cat) == f"<Catalog {cat.version!r}: {len(cat.services)} services, 22 controls, 0 overrides>"
