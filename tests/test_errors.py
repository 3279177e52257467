"""Error messages, exactly, and the promise that only the library's own errors escape."""

import copy
import pickle
from pathlib import Path
from typing import Any

import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda: CAT.service("ec3"),
            sr.UnknownServiceError,
            "unknown service 'ec3'; did you mean 'ec2', 'ecr' or 'ecs'?",
        ),
        (
            lambda: CAT.control("patch-managment"),
            sr.UnknownControlError,
            "unknown control 'patch-managment'; did you mean 'patch-management'?",
        ),
        (
            lambda: CAT.layer("guest_os"),
            sr.UnknownLayerError,
            "unknown layer 'guest_os'; did you mean 'guest-os'?",
        ),
        (
            lambda: CAT.party("custmer"),
            sr.UnknownPartyError,
            "unknown party 'custmer'; did you mean 'customer'?",
        ),
        (
            lambda: CAT.control("NIST-800-53:AC-99"),
            sr.UnknownControlError,
            (
                "unknown control 'NIST-800-53:AC-99'; did you mean 'NIST-800-53:AC-2', 'NIST-800-53:AC-3' or "
                "'NIST-800-53:AC-4'?"
            ),
        ),
        (
            lambda: CAT.control("ISO-27001:A.8.8"),
            sr.UnknownControlError,
            (
                "'ISO-27001:A.8.8' maps to several controls (see controls_for()); did you mean "
                "'patch-management' or 'vulnerability-management'?"
            ),
        ),
        (
            lambda: sr.resolve(
                CAT, "lambda", "patch-management", sr.Context(options={"lambda.runtime": "auto"})
            ),
            sr.UnknownOptionError,
            "service 'lambda' has no option 'runtime'; did you mean 'lambda.runtime-update-mode'?",
        ),
        (
            lambda: sr.resolve(
                CAT, "ec2", "patch-management", sr.Context(options={"lambda.package-type": "jar"})
            ),
            sr.UnknownOptionError,
            "unknown value 'jar' for option 'lambda.package-type'; did you mean 'zip' or 'image'?",
        ),
        (
            lambda: sr.resolve(
                CAT, "ec2", "patch-management", sr.Context(options={"lamda.package-type": "zip"})
            ),
            sr.UnknownOptionError,
            "unknown option 'lamda.package-type'; did you mean 'lambda.package-type'?",
        ),
        (
            lambda: sr.resolve(CAT, "ec2", "patch-management", sr.Context(deployment="outpost")),
            sr.UnknownContextError,
            "unknown deployment 'outpost'; did you mean 'outposts'?",
        ),
        (
            lambda: sr.resolve(CAT, "ec2", "patch-management", sr.Context(partition="aws-gov")),
            sr.UnknownContextError,
            "unknown partition 'aws-gov'; did you mean 'aws-us-gov'?",
        ),
        (
            lambda: sr.resolve(CAT, "ec2", "patch-management", sr.Context(region="eu-west-9")),
            sr.UnknownContextError,
            "unknown region 'eu-west-9'; did you mean 'eu-west-1', 'eu-west-2' or 'eu-west-3'?",
        ),
        (
            lambda: sr.resolve(
                CAT, "ec2", "patch-management", sr.Context(partition="aws", region="cn-north-1")
            ),
            sr.UnknownContextError,
            "region 'cn-north-1' is in partition 'aws-cn', not 'aws'; did you mean 'aws-cn'?",
        ),
    ],
)
def test_lookup_errors(call: Any, error: type[sr.UnknownNameError], message: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message
    assert isinstance(info.value, LookupError)
    assert isinstance(info.value, sr.SharedResponsibilityError)
    assert info.value.suggestions


def _data() -> dict[str, Any]:
    return copy.deepcopy(CAT.to_dict())


def test_catalog_error_lists_every_problem_with_its_location() -> None:
    data = _data()
    data["services"][3]["layers"] = {"guest-os": {"aws2": "patches"}}
    data["services"][4]["category"] = "mainframe"
    patch = [c["id"] for c in data["controls"]].index("data-classification")
    data["controls"][patch]["layers"] = ["data", "roof"]
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert info.value.problems == (
        "services[3].layers.guest-os.aws2: unknown side 'aws2'; use 'provider' or 'customer'",
    )
    del data["services"][3]["layers"]
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert info.value.problems == (
        f"controls[{patch}].layers: unknown layer 'roof'",
        "services[4].category: unknown category 'mainframe'",
    )
    assert str(info.value).startswith(f"invalid catalog: 2 problems\n  controls[{patch}].layers")
    assert isinstance(info.value, ValueError)


def test_catalog_error_on_wrong_types_and_missing_fields() -> None:
    data = _data()
    data["services"][0]["aliases"] = [1]
    del data["services"][1]["name"]
    data["services"][2]["colour"] = "blue"
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert set(info.value.problems) == {
        "services[0].aliases[0]: must be a string, got int",
        "services[1].name: required field missing",
        "services[2]: unknown field(s) 'colour'",
    }


def test_catalog_error_on_format_and_shape() -> None:
    with pytest.raises(sr.CatalogError, match=r"format: this version reads format 1, got 2"):
        sr.load_catalog({**_data(), "format": 2})
    with pytest.raises(sr.CatalogError, match=r"\$: a catalog must be a JSON object, got list"):
        sr.load_catalog([])  # type: ignore[arg-type]


def test_catalog_error_on_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(sr.CatalogError, match=r"missing.json: cannot read: No such file or directory"):
        sr.load_catalog(missing)
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    with pytest.raises(sr.CatalogError, match=r"broken.json: not valid JSON"):
        sr.load_catalog(broken)


def test_override_errors() -> None:
    with pytest.raises(sr.CatalogError) as info:
        CAT.with_overrides(
            [
                sr.Override(service="ec3", target="guest-os", parties=("acme",)),
                sr.Override(service="ec2", target="roof", parties=("customer",)),
                sr.Override(service="ec2", target="guest-os", parties=("customer",)),
                sr.Override(service="ec2", target="guest-os", parties=("acme",)),
            ],
            parties=[sr.Party(id="acme", name="Acme", side=sr.Side.CUSTOMER)],
        )
    assert info.value.problems == (
        "overrides[0].service: unknown service 'ec3'",
        "overrides[1].target: unknown layer or control 'roof'",
        "overrides[3]: conflicts with overrides[2] over the customer side of 'guest-os' for 'ec2'",
    )
    with pytest.raises(sr.CatalogError, match=r"overrides\[0\].parties\[0\]: unknown party 'nobody'"):
        CAT.with_overrides([sr.Override(service="*", target="data", parties=("nobody",))])


def test_invalid_dataset_duplicates_and_sources() -> None:
    data = _data()
    data["services"].append(copy.deepcopy(data["services"][0]))
    data["controls"][1]["sources"] = [{"title": "x", "url": "http://example.com", "read": "yesterday"}]
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert f"services: duplicate id {data['services'][0]['id']!r}" in info.value.problems
    assert "controls[1].sources[0].url: must be an https URL, got 'http://example.com'" in info.value.problems
    assert "controls[1].sources[0].read: must be a date YYYY-MM-DD, got 'yesterday'" in info.value.problems
    data = _data()
    index = [s["id"] for s in data["services"]].index("ec2")
    data["services"][index]["aliases"].append("amazon aurora")
    with pytest.raises(sr.CatalogError) as info:
        sr.load_catalog(data)
    assert info.value.problems == (
        f"services[{index}].aliases: 'amazon aurora' already names service 'aurora'",
    )


@pytest.mark.parametrize(
    "error",
    [
        sr.UnknownServiceError("ec3", ("ec2",)),
        sr.UnknownOptionError("x", ("a", "b"), "unknown value 'x'"),
        sr.CatalogError(["a: b", "c: d"]),
    ],
)
def test_errors_pickle(error: sr.SharedResponsibilityError) -> None:
    copy_ = pickle.loads(pickle.dumps(error))
    assert type(copy_) is type(error)
    assert str(copy_) == str(error)
    assert vars(copy_) == vars(error)


def test_workload_rejects_unknown_grouping() -> None:
    with pytest.raises(ValueError, match="by must be 'layer' or 'control', got 'team'"):
        sr.workload(CAT, ["ec2"], by="team")
