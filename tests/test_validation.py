"""Every rule of a catalog, each broken on its own: the problem says where and what."""

import copy
from collections.abc import Callable
from typing import Any

import pytest

import shared_responsibility as sr

SRC = [{"title": "A page", "url": "https://example.org/page", "read": "2026-11-30"}]
BASE: dict[str, Any] = {
    "format": 1,
    "version": "test",
    "parties": [
        {"id": "cloud", "name": "Cloud", "side": "provider"},
        {"id": "customer", "name": "Customer", "side": "customer"},
        {"id": "op", "name": "Operator", "side": "provider"},
    ],
    "layers": [{"id": "hardware", "name": "Hardware"}, {"id": "data", "name": "Data"}],
    "controls": [
        {"id": "keep", "title": "Keep", "layers": ["hardware", "data"], "sources": SRC},
        {"id": "train", "title": "Train", "layers": None, "duties": {"provider": "a", "customer": "b"}, "sources": SRC},
    ],
    "categories": [
        {"id": "infra", "name": "Infra", "sources": SRC, "layers": {"hardware": {"provider": "runs"}, "data": {"customer": "owns"}}}
    ],
    "partitions": [
        {"id": "main", "name": "Main", "operator": "cloud", "regions": [{"id": "main-1"}], "sources": SRC},
        {"id": "far", "name": "Far", "regions": [{"id": "far-1", "operator": "op"}], "sources": SRC},
    ],
    "deployments": [{"id": "region", "name": "Region", "sources": SRC}],
    "services": [
        {
            "id": "box",
            "name": "Box",
            "provider": "cloud",
            "category": "infra",
            "aliases": ["the-box"],
            "controls": {"keep": {"layers": {"data": {"customer": "backs up"}}}},
            "options": [
                {"id": "mode", "name": "Mode", "default": "a", "sources": SRC, "values": [{"id": "a", "name": "A"}]}
            ],
            "sources": SRC,
        },
        {"id": "tin", "name": "Tin", "provider": "cloud", "category": "infra", "sources": SRC},
    ],
}  # fmt: skip


def test_the_base_is_valid() -> None:
    cat = sr.load_catalog(BASE)
    assert sr.resolve(cat, "box", "keep", sr.Context(region="far-1")).parties[0].id == "op"


Change = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        target: Any = data
        for key in parents:
            target = target[int(key)] if key.isdigit() else target[key]
        target[int(last) if last.isdigit() else last] = value

    return change


CASES: list[tuple[str, Change, str]] = [
    ("bad id", _set("services/1/id", "Tin Box"), "services[1].id: must be lower-case-kebab-case, got 'Tin Box'"),
    ("duplicate", _set("services/1/id", "box"), "services: duplicate id 'box'"),
    ("no source", _set("services/1/sources", []), "services[1].sources: at least one source is required"),
    ("http", _set("controls/0/sources", [{**SRC[0], "url": "http://x.org/"}]), "controls[0].sources[0].url: must be an https URL, got 'http://x.org/'"),
    ("date", _set("controls/0/sources", [{**SRC[0], "read": "now"}]), "controls[0].sources[0].read: must be a date YYYY-MM-DD, got 'now'"),
    ("title", _set("controls/0/sources", [{**SRC[0], "title": " "}]), "controls[0].sources[0].title: must not be empty"),
    ("customer", _set("parties/1/side", "provider"), "parties: no party stands on the customer side"),
    ("organizational", _set("controls/1/duties", {"provider": "a"}), "controls[1].duties: an organizational control needs a provider and a customer duty"),
    ("duties", _set("controls/0/duties", {"provider": "a"}), "controls[0].duties: only an organizational control (no layers) has duties"),
    ("no layers", _set("controls/0/layers", []), "controls[0].layers: must name at least one layer, or be null"),
    ("control layer", _set("controls/0/layers", ["hardware", "roof"]), "controls[0].layers: unknown layer 'roof'"),
    ("category gap", _set("categories/0/layers", {"hardware": {"provider": "runs"}}), "categories[0].layers: no default for 'data'"),
    ("empty duty", _set("categories/0/layers/data", {"customer": " "}), "categories[0].layers.data.customer: duty text must not be empty"),
    ("category", _set("services/1/category", "nope"), "services[1].category: unknown category 'nope'"),
    ("provider", _set("services/1/provider", "nobody"), "services[1].provider: unknown party 'nobody'"),
    ("alias", _set("services/1/aliases", ["THE-BOX"]), "services[1].aliases: 'THE-BOX' already names service 'box'"),
    ("default", _set("services/0/options/0/default", "z"), "services[0].options[0].default: 'z' is not one of its values"),
    ("row control", _set("services/0/controls", {"gone": {"layers": {"data": {"customer": "x"}}}}), "services[0].controls.gone: unknown control 'gone'"),
    ("row org", _set("services/0/controls", {"train": {"layers": {"data": {"customer": "x"}}}}), "services[0].controls.train: organizational control takes no control row"),
    ("row layer", _set("services/0/controls", {"keep": {"layers": {"roof": {"customer": "x"}}}}), "services[0].controls.keep.roof: unknown layer 'roof'"),
    ("operator", _set("partitions/1/regions/0/operator", "ghost"), "partitions[1].regions[0].operator: unknown party 'ghost'"),
    ("no operator", _set("partitions/1/regions/0/operator", None), "partitions[1].operator: regions without an operator need one here"),
    ("deployment", _set("deployments/0/layers", {"roof": {"customer": "x"}}), "deployments[0].layers.roof: unknown layer 'roof'"),
    ("row shape", _set("services/0/controls", {"keep": {"layer": {}}}), "services[0].controls.keep: must be an object with 'layers' and an optional 'note'"),
    ("row note", _set("services/0/controls", {"keep": {"layers": {}, "note": 3}}), "services[0].controls.keep.note: must be a string"),
    ("side text", _set("services/1/layers", {"data": {"customer": 4}}), "services[1].layers.data.customer: duty must be text or {text, role}, got int"),
    ("sides", _set("services/1/layers", {"data": []}), "services[1].layers.data: must be an object mapping 'provider' and/or 'customer' to a duty text"),
    ("parts", _set("services/1/layers", []), "services[1].layers: must be an object (layer -> {side: text}), got list"),
    ("renamed", _set("renamed", []), "renamed: must be an object (old id -> new id), got list"),
    ("evidence format", _set("services/0/options/0/evidence", [{"formats": ["arm"], "types": ["T"], "value": "a"}]), "services[0].options[0].evidence[0].formats: unknown format 'arm'; use 'cloudformation', 'config', 'terraform'"),
    ("evidence value", _set("services/0/options/0/evidence", [{"formats": ["terraform"], "types": ["t"], "path": "p", "values": {"x": "nope"}}]), "services[0].options[0].evidence[0].values: 'nope' is not a value of the option"),
    ("evidence path", _set("services/0/options/0/evidence", [{"formats": ["terraform"], "types": ["t"], "path": "a..b", "values": {}}]), "services[0].options[0].evidence[0].path: cannot read step ''"),
    ("evidence both", _set("services/0/options/0/evidence", [{"formats": ["terraform"], "types": ["t"]}]), "services[0].options[0].evidence[0]: give either a path (with values) or a value that the type itself implies"),
    ("evidence regex", _set("services/0/options/0/evidence", [{"formats": ["config"], "types": ["t"], "path": "p", "match": "regex", "values": {"(": "a"}}]), "services[0].options[0].evidence[0].values: bad regex '(': missing ), unterminated subpattern at position 0"),
    ("evidence match", _set("services/0/options/0/evidence", [{"formats": ["config"], "types": ["t"], "path": "p", "match": "glob"}]), "services[0].options[0].evidence[0].match: must be 'exact', 'prefix' or 'regex', got 'glob'"),
    ("role", _set("services/1/layers", {"data": {"customer": {"text": "x", "role": "watches"}}}), "services[1].layers.data.customer.role: unknown role 'watches'; use 'performs' or 'enables'"),
    ("no performer", _set("services/1/layers", {"data": {"customer": {"text": "x", "role": "enables"}}}), "services[1].layers.data: no side performs (every duty only enables)"),
    ("source kind", _set("services/1/sources/0/kind", "rumour"), "services[1].sources[0].kind: must be one of '', 'primary', 'secondary', 'archive', got 'rumour'"),
    ("availability", _set("services/1/availability", {"partitions": ["moon"], "deployments": ["region"]}), "services[1].availability.partitions: unknown partition 'moon'"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "change", "problem"), CASES, ids=[c[0] for c in CASES])
def test_each_rule(name: str, change: Change, problem: str) -> None:
    data = copy.deepcopy(BASE)
    change(data)
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert problem in info.value.problems, info.value.problems


def test_overrides_rules() -> None:
    cat = sr.load_catalog(BASE)
    with pytest.raises(sr.CatalogError) as info:
        cat.with_overrides(
            [
                sr.Override(service="box", target="data", parties=()),
                sr.Override(service="box", target="hardware", parties=("customer",)),
            ],
            parties=[sr.Party(id="cloud", name="Other cloud", side=sr.Side.PROVIDER)],
        )
    assert info.value.problems == (
        "parties[0]: party 'cloud' already exists",
        "overrides[0].parties: must name at least one party",
    )


def test_renamed_ids_point_to_the_new_one() -> None:
    cat = sr.load_catalog({**BASE, "renamed": {"crate": "box"}})
    with pytest.raises(sr.UnknownServiceError) as info:
        cat.service("crate")
    assert str(info.value) == "service 'crate' was renamed; did you mean 'box'?"
