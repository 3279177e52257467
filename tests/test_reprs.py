"""Every public result type prints on one line that fits a screen: counts and the key answer,
not pages of data (the full content is in `_repr_html_`, `str()` of exports and `to_pandas`)."""

from pathlib import Path

import shared_responsibility as sr

CAT = sr.default_catalog()
PLAN = Path(__file__).with_name("fixtures") / "terraform" / "plan.json"


def _results() -> dict[str, object]:
    r = sr.resolve(CAT, "s3", "backup-and-recovery")
    split = sr.split(CAT, "ec2")
    items = list(sr.inventory(CAT, PLAN, ["patch-management"]))
    workload = sr.workload(CAT, ["ec2", "rds", "s3"])
    return {
        "catalog": CAT,
        "service": CAT.service("sagemaker"),  # hundreds of aliases
        "control": CAT.control("logging-and-monitoring"),
        "resolution": r,
        "duty": r.duties[0],
        "layer resolution": split["guest-os"],
        "split": split,
        "matrix": sr.matrix(CAT, ["ec2", "s3", "lambda"]),
        "workload": workload,
        "workload duty": workload["data"][0],
        "comparison": sr.shift(CAT, "ec2", "lambda"),
        "change": sr.shift(CAT, "ec2", "lambda")[0],
        "duty change": sr.shift(CAT, "ec2", "lambda")[-1],
        "framework view": sr.framework_view(CAT, ["ec2", "s3"]),
        "framework requirement": sr.framework_view(CAT, ["ec2", "s3"])[0],
        "placed item": items[0],
        "unplaced item": next(i for i in items if not i.placed),
        "context": sr.Context(region="cn-north-1", options={"lambda.package-type": "image"}),
    }


def test_every_result_prints_within_200_characters() -> None:
    too_long = {name: len(repr(obj)) for name, obj in _results().items() if len(repr(obj)) > 200}
    assert too_long == {}


def test_the_one_line_says_the_key_answer() -> None:
    found = _results()
    # the rules: the category default for the platform and the data layers, then its control row
    assert repr(found["resolution"]) == (
        "<Resolution s3 backup-and-recovery: customer (performed by customer; 2 duties, 3 rules)>"
    )
    assert repr(found["service"]) == (
        "Service(id='sagemaker', name='Amazon SageMaker AI', provider='aws', category='container')"
    )
    assert repr(found["split"]).startswith("<Split of 14 layers: ")
    assert repr(found["matrix"]).startswith("<Matrix of 3 services x 22 controls: ")
    assert (
        repr(found["unplaced item"])
        == "<InventoryItem 'aws_iam_role.legacy': not placed: the plan deletes this resource>"
    )
