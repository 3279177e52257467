"""Hostile and broken input: only the library's own errors escape, every problem has a
location, nothing is dropped, limits hold, and concurrent use gives the serial answers."""

import contextlib
import copy
import io
import json
import pickle
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import shared_responsibility as sr
from shared_responsibility import errors
from shared_responsibility._cli import main

CAT = sr.default_catalog()
DATA = CAT.to_dict()
LOCATED = r"^\S.*?: \S"  # "location: message"

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@given(JSON)
def test_random_json_into_load_catalog(data: Any) -> None:
    """∀ JSON value v: load_catalog(v) raises only CatalogError, each problem located."""
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert info.value.problems
    for problem in info.value.problems:
        assert re.match(LOCATED, problem), problem


@pytest.mark.parametrize("path", ["", " ", "a\nb"])
def test_a_path_that_would_not_read_as_a_location_is_quoted(path: str) -> None:
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(path)
    assert info.value.problems[0].startswith(f"{path!r}: cannot read: ")


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for k, v in value.items():
            found += _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:3]):
            found += _paths(v, (*prefix, i))
    return found


PATHS = _paths(DATA)[1:]


@settings(max_examples=60)
@given(st.sampled_from(PATHS), JSON | st.just("__delete__"))
def test_mutated_catalogs(path: tuple[Any, ...], value: Any) -> None:
    """A valid catalog with one field replaced or deleted loads, or fails with located problems."""
    data = copy.deepcopy(DATA)
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if value == "__delete__":
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    problems: tuple[str, ...] = ()
    try:
        sr.load_catalog(data)
    except sr.CatalogError as e:
        problems = e.problems
    assert all(re.match(LOCATED, p) for p in problems), problems


@given(st.integers(min_value=1, max_value=6))
def test_k_independent_defects_give_k_problems(k: int) -> None:
    """k services with an unknown category → exactly k problems; likewise k wrongly typed names."""
    data = copy.deepcopy(DATA)
    for i in range(k):
        data["services"][i * 3]["category"] = f"nope-{i}"
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert len(info.value.problems) == k
    data = copy.deepcopy(DATA)
    for i in range(k):
        data["services"][i * 3]["name"] = i
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert len(info.value.problems) == k


ARN = st.builds(
    lambda p, s, r, a, res: f"arn:{p}:{s}:{r}:{a}:{res}",
    st.sampled_from(["aws", "aws-cn", "aws-us-gov", "AWS", "", "aws-x"]),
    st.sampled_from(["s3", "ec2", "", "lambda", "Nope", "iam"]),
    st.sampled_from(["", "eu-west-1", "cn-north-1", "xx", "eu-west-9"]),
    st.sampled_from(["", "123456789012", "12", "aws"]),
    st.text(max_size=10),
)
REFERENCES = ARN | st.text(max_size=40) | st.sampled_from([a for s in CAT.services[:10] for a in s.aliases])


@given(REFERENCES)
def test_random_references(ref: str) -> None:
    """service_for returns a service or raises one of the library's own errors."""
    try:
        service, context = sr.service_for(CAT, ref)
    except (sr.InvalidReferenceError, sr.UnknownServiceError, sr.UnknownContextError):
        return
    assert service in CAT.services
    assert isinstance(context, sr.Context)


CONTEXTS = st.builds(
    sr.Context,
    partition=st.none() | st.sampled_from(["aws", "aws-cn", "mars"]),
    region=st.none() | st.sampled_from(["eu-west-1", "cn-north-1", "nowhere-1"]),
    deployment=st.sampled_from(["region", "outposts", "moon"]),
    options=st.dictionaries(
        st.sampled_from(["lambda.package-type", "ecs.compute", "x.y", "lambda.nope"]),
        st.sampled_from(["zip", "image", "fargate", "ec2", "?"]),
        max_size=2,
    ),
)


@given(CONTEXTS, st.sampled_from([s.id for s in CAT.services]), st.sampled_from([c.id for c in CAT.controls]))
def test_random_contexts(context: sr.Context, service: str, control: str) -> None:
    try:
        r = sr.resolve(CAT, service, control, context)
    except (sr.UnknownContextError, sr.UnknownOptionError):
        return
    assert r.ownership in sr.Ownership


RESOURCES = st.dictionaries(
    st.text(max_size=6),
    st.fixed_dictionaries(
        {},
        optional={
            "Type": st.sampled_from(["AWS::S3::Bucket", "AWS::ECS::Service", "AWS::Foo::Bar", "bad"]) | JSON,
            "Properties": JSON,
        },
    )
    | JSON,
    max_size=5,
)
ITEMS = st.lists(
    st.fixed_dictionaries(
        {},
        optional={
            "resourceType": st.sampled_from(["AWS::Lambda::Function", "AWS::RDS::DBInstance", "AWS::X::Y"])
            | JSON,
            "ARN": st.sampled_from(["arn:aws:s3:::b", "arn:aws-cn:s3:::b", "arn:bad"]) | JSON,
            "awsRegion": st.sampled_from(["eu-west-1", "global", "nowhere-9"]) | JSON,
            "configuration": JSON,
        },
    )
    | JSON,
    max_size=6,
)


@given(RESOURCES)
def test_random_templates(resources: dict[str, Any]) -> None:
    """∀ template with n resources: n results, in order, only library errors."""
    items = list(sr.inventory(CAT, {"Resources": resources}, controls=["patch-management"]))
    assert [i.resource for i in items] == [str(k) for k in resources]
    assert all(i.placed == (i.reason == "") for i in items)


@given(ITEMS)
def test_random_config_items(items: list[Any]) -> None:
    """∀ snapshot with n items: n results, only library errors."""
    results = list(sr.inventory(CAT, {"configurationItems": items}, controls=["data-classification"]))
    assert len(results) == len(items)


ARGV = st.lists(
    st.sampled_from(
        ["resolve", "show", "matrix", "workload", "shift", "services", "controls", "validate", "inventory",
         "ec2", "s3", "nope", "patch-management", "--format", "json", "csv", "table", "markdown", "xlsx",
         "--option", "lambda.package-type=image", "x", "--deployment", "outposts", "--region", "cn-north-1",
         "--controls", "--by", "control", "-", "/nonexistent", "--help"]
    ),
    max_size=6,
)  # fmt: skip


@settings(max_examples=80)
@given(ARGV)
def test_random_argv(argv: list[str]) -> None:
    """The tool exits 0, 1 or 2 and never with a traceback."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as e:  # argparse's usage errors and --help
            code = e.code if isinstance(e.code, int) else 2
    assert code in (0, 1, 2)
    assert "Traceback" not in err.getvalue()


def test_limits_refuse_big_and_deep_input(tmp_path: Path) -> None:
    small = sr.Limits(max_bytes=100, max_depth=3, max_entries=2, max_reference=10)
    big = tmp_path / "big.json"
    big.write_text(json.dumps(DATA))
    with pytest.raises(sr.CatalogError, match=r"over the limit of 100 \(Limits.max_bytes\)"):
        sr.load_catalog(big, limits=small)
    with pytest.raises(sr.CatalogError, match=r"nested more than 3 deep \(Limits.max_depth\)"):
        sr.load_catalog(DATA, limits=small)
    with pytest.raises(sr.CatalogError, match=r"records, over the limit of 2 \(Limits.max_entries\)"):
        sr.load_catalog({"services": [1, 2, 3]}, limits=sr.Limits(max_entries=2))
    with pytest.raises(sr.InvalidReferenceError, match="over the limit of 10"):
        sr.service_for(CAT, "arn:aws:s3:::a-long-bucket", limits=small)
    with pytest.raises(sr.InventoryError, match=r"more than 2 resources \(Limits.max_entries\)"):
        list(sr.inventory(CAT, ["s3", "s3", "s3"], limits=small))
    streamed = sr.inventory(CAT, iter(["s3", "s3", "s3"]), limits=small)  # memory stays bounded
    assert len(list(streamed)) == 3
    with pytest.raises(sr.InventoryError, match=r"over the limit of 100 \(Limits.max_bytes\)"):
        list(sr.inventory(CAT, big, limits=small))
    with pytest.raises(sr.InventoryError, match=r"nests more than 3 deep"):
        list(sr.inventory(CAT, {"Resources": {"a": {"Properties": {"b": {"c": 1}}}}}, limits=small))
    too_many = [sr.Override(service="*", target="data", parties=("customer",))] * 3
    with pytest.raises(sr.CatalogError, match=r"over the limit of 2 \(Limits.max_entries\)"):
        CAT.with_overrides(too_many, limits=sr.Limits(max_entries=2))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(sr.CatalogError, match="nested deeper than the JSON parser allows"):
        sr.load_catalog(deep)


def test_no_limits_given_are_the_defaults() -> None:
    """``limits=None``, every function's default, bounds as ``Limits()`` does."""
    reference = "arn:aws:s3:::" + "a" * sr.Limits().max_reference
    for limits in (None, sr.Limits()):
        with pytest.raises(sr.InvalidReferenceError, match=f"over the limit of {sr.Limits().max_reference}"):
            sr.service_for(CAT, reference, limits=limits)
    with pytest.raises(sr.InventoryError, match=f"more than {sr.Limits().max_entries} resources"):
        list(sr.inventory(CAT, ["s3"] * (sr.Limits().max_entries + 1), limits=None))


def _seconds(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


@pytest.mark.parametrize(
    "text", ["a" * 2**20, "arn:aws:s3:::" + "a-" * 2**19, "x." * 2**19 + "amazonaws.com"]
)
def test_ten_megabytes_take_linear_time(text: str) -> None:
    """No regular expression backtracks catastrophically: 10x the input costs about 10x, not 100x
    (a loose bound, 40x, so that a busy machine does not fail it)."""
    limits = sr.Limits(max_reference=2**25)

    def run(t: str) -> None:
        with contextlib.suppress(sr.SharedResponsibilityError):
            sr.service_for(CAT, t, limits=limits)

    one = min(_seconds(lambda: run(text)) for _ in range(3))
    ten = min(_seconds(lambda: run(text * 10)) for _ in range(3))
    assert ten < 40 * one + 0.05


def test_eight_threads_give_the_serial_answers() -> None:
    fresh = sr.load_catalog(DATA)
    services, controls = [s.id for s in CAT.services[:20]], [c.id for c in CAT.controls]
    msp = sr.Party(id="msp", name="MSP", side=sr.Side.CUSTOMER)

    def work(n: int) -> tuple[Any, ...]:
        ours = fresh.with_overrides(
            [sr.Override(service=services[n], target="guest-os", parties=("msp",))], [msp]
        )
        return (
            sr.matrix(fresh, services, controls),
            sr.split(ours, services[n]),
            sr.export(sr.matrix(fresh, services[:3]), "csv"),
            sr.resolve_many(fresh, [(s, c) for s in services for c in controls]),
        )

    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(work, range(16)))
    serial_cat = sr.load_catalog(DATA)
    for n, got in enumerate(parallel):
        ours = serial_cat.with_overrides(
            [sr.Override(service=services[n], target="guest-os", parties=("msp",))], [msp]
        )
        assert got[0] == sr.matrix(serial_cat, services, controls)
        assert dict(got[1]) == dict(sr.split(ours, services[n]))
        assert got[2] == sr.export(sr.matrix(serial_cat, services[:3]), "csv")
        assert got[3] == sr.resolve_many(serial_cat, [(s, c) for s in services for c in controls])


def test_nothing_public_can_be_mutated_and_the_default_catalog_never_changes() -> None:
    before = json.dumps(CAT.to_dict(), sort_keys=True)
    r = sr.resolve(CAT, "ec2", "patch-management")
    for obj, field in (
        (r, "ownership"),
        (r.service, "id"),
        (r.control, "layers"),
        (CAT, "services"),
        (r.duties[0], "text"),
    ):
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(obj, field, None)
    with pytest.raises(TypeError):
        sr.split(CAT, "ec2")["data"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        r.service.aliases[0] = "x"  # type: ignore[index]
    CAT.with_overrides([sr.Override(service="*", target="data", parties=("customer",))])
    list(sr.inventory(CAT, Path(__file__).with_name("fixtures") / "config-snapshot.json"))
    sr.export(sr.matrix(CAT, ["ec2"]), "oscal-ssp")
    assert json.dumps(CAT.to_dict(), sort_keys=True) == before


ERRORS = [
    sr.UnknownServiceError("ec3", ("ec2",)),
    sr.UnknownControlError("x", (), "unknown control 'x'"),
    sr.UnknownLayerError("roof", ("hardware",)),
    sr.UnknownPartyError("nobody", ("customer",)),
    sr.UnknownOptionError("jar", ("zip",), "unknown value 'jar'"),
    sr.UnknownContextError("moon", ("outposts",), "unknown deployment 'moon'"),
    sr.UnavailableError(
        "lambda", ("region",), "AWS Lambda ('lambda') is not offered in deployment 'outposts'"
    ),
    sr.UnknownFormatError("xlsx", ("csv",)),
    sr.UnknownVocabularyError("ccm", ("csa-ccm",)),
    sr.UnknownNameError("x"),
    sr.CatalogError(["a: b", "c: d"]),
    sr.InvalidReferenceError("arn:aws", "an ARN has six parts"),
    sr.InventoryError("not a template"),
    sr.ExportError("cannot export a int"),
    sr.CrosswalkError("fedramp has no value"),
    sr.MissingExtraError("pandas", "to_pandas()"),
    sr.SharedResponsibilityError("base"),
]


def test_every_exception_class_is_covered() -> None:
    assert {type(e).__name__ for e in ERRORS} == set(errors.__all__)


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: type(e).__name__)
def test_every_exception_pickles(error: Exception) -> None:
    copy_ = pickle.loads(pickle.dumps(error))
    assert type(copy_) is type(error)
    assert str(copy_) == str(error)
    assert vars(copy_) == vars(error)
    assert isinstance(copy_, sr.SharedResponsibilityError)
