"""Past one machine: Arrow tables of every result, inventories as record batches, and the Spark
path, which must answer every resource as `inventory` does in-process.
"""

import json
import os
import runpy
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import shared_responsibility as sr
from shared_responsibility._arrow import INVENTORY_COLUMNS
from shared_responsibility._export import rows

# PySpark asks for pandas < 3 and warns otherwise; the path tested here does not use pandas.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")

CAT = sr.default_catalog()
FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize(
    "result",
    [
        sr.resolve(CAT, "ec2", "patch-management"),
        sr.split(CAT, "lambda"),
        sr.matrix(CAT, ["ec2", "s3"]),
        sr.workload(CAT, ["ec2", "rds"]),
        sr.shift(CAT, "ec2", "lambda"),
        sr.framework_view(CAT, ["ec2"]),
    ],
    ids=["resolution", "split", "matrix", "workload", "comparison", "framework view"],
)
def test_every_result_is_an_arrow_table_of_its_export_rows(result: Any) -> None:
    table = sr.to_arrow(result)
    expected = rows(result)
    assert table.num_rows == len(expected)
    for got, row in zip(table.to_pylist(), expected, strict=True):
        for key, value in row.items():  # a text in a list column is a list of one
            assert got[key] in (value, [value]), key
        assert all(got[key] is None for key in set(got) - set(row))  # a column this row lacks is null


def test_a_catalog_is_its_responsibility_table() -> None:
    table = sr.to_arrow(CAT)
    offered = [s for s in CAT.services if CAT.offered(s.id)]
    assert table.num_rows == len(offered) * len(CAT.controls)
    first = table.slice(0, 1).to_pylist()[0]
    r = sr.resolve(CAT, first["service"], first["control"])
    assert (first["ownership"], first["context"]) == (r.ownership.value, "default")
    assert first["sources"] == [s.url for s in r.sources]
    china = sr.to_arrow(CAT, context=sr.Context(region="cn-north-1"))
    assert set(china.column("context").to_pylist()) == {"region cn-north-1"}
    assert china.num_rows < table.num_rows  # fewer services are offered there


def test_inventories_stream_as_batches_of_one_schema(tmp_path: Path) -> None:
    items = list(
        sr.inventory(CAT, FIXTURES / "config-snapshot.json", ["patch-management", "data-classification"])
    )
    batches = list(sr.to_arrow_batches(items, batch_size=10))
    assert {b.schema.names == list(INVENTORY_COLUMNS) for b in batches} == {True}
    assert [b.num_rows for b in batches[:-1]] == [10] * (len(batches) - 1)
    table = pa.Table.from_batches(batches)
    placed = sum(len(i.resolutions) for i in items)
    assert table.num_rows == placed + sum(not i.placed for i in items)
    contexts = dict(
        zip(table.column("resource").to_pylist(), table.column("context").to_pylist(), strict=True)
    )
    answered = [(i.resource, r) for i in items for r in i.resolutions]
    assert len({id(r) for _, r in answered}) < len(answered)  # answers are shared between resources
    expected = [
        (resource, r.control.id, r.ownership.value, rows(r)[0]["provider_duties"], rows(r)[0]["sources"])
        for resource, r in answered
    ]
    placed_rows = [row for row in table.to_pylist() if row["reason"] is None]
    got = [
        (r["resource"], r["control"], r["ownership"], r["provider_duties"], r["sources"]) for r in placed_rows
    ]
    assert got == expected  # each row is its own resolution's, however many resources share it
    china = next(i for i in items if i.placed and i.resolutions[0].context.region == "cn-north-1")
    assert contexts[china.resource] == "region cn-north-1"  # each row says where it was answered
    pq.write_table(table, tmp_path / "inventory.parquet")  # Parquet, through pyarrow
    assert pq.read_table(tmp_path / "inventory.parquet").equals(table)


def test_without_pyarrow_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(sr.MissingExtraError, match="shared-responsibility\\[arrow\\]"):
        sr.to_arrow(sr.split(CAT, "ec2"))


def test_an_arrow_batch_of_any_size_is_placed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch streams through the inventory: ``Limits.max_entries`` bounds documents held in
    memory, not the batches Spark hands over (their size is Spark's setting)."""
    from shared_responsibility import _limits, spark

    monkeypatch.setattr(_limits, "DEFAULT_LIMITS", sr.Limits(max_entries=2))
    records = [{"resourceType": "AWS::S3::Bucket", "resourceId": f"b{i}"} for i in range(3)]
    present = {c: c for c in spark.CONFIG_COLUMNS}
    answers = spark._answers(CAT, records, present, ["data-classification"], None)
    assert [a["service"] for a in answers] == ["s3"] * 3
    with pytest.raises(sr.InventoryError, match="more than 2 resources"):  # as a document, refused
        list(sr.inventory(CAT, records, ["data-classification"]))


# -- Spark, in local mode ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the executors run this Python
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("shared-responsibility-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.caseSensitive", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _items(n: int) -> list[dict[str, Any]]:
    """Configuration items of types placed and not, in regions of three partitions, some with
    the configuration that sets an option."""
    kinds = [
        ("AWS::EC2::Instance", None),
        ("AWS::S3::Bucket", None),
        ("AWS::Lambda::Function", {"packageType": "Image"}),
        ("AWS::Lambda::Function", {"packageType": "Zip"}),
        ("AWS::RDS::DBInstance", None),
        ("AWS::Nope::Thing", None),
    ]
    regions = ["us-east-1", "cn-north-1", "us-gov-west-1", "eu-west-1"]
    found = []
    for i in range(n):
        kind, configuration = kinds[i % len(kinds)]
        found.append(
            {
                "resourceType": kind,
                "resourceId": f"r-{i}",
                "awsRegion": regions[i % len(regions)],
                "ARN": None,
                "configuration": json.dumps(configuration) if configuration else None,
            }
        )
    return found


def test_spark_places_every_resource_as_inventory_does(spark: Any) -> None:
    from shared_responsibility.spark import place

    items = _items(3_000)
    schema = "resourceType string, resourceId string, awsRegion string, ARN string, configuration string"
    df = spark.createDataFrame([tuple(i.values()) for i in items], schema).repartition(4)
    controls = ["patch-management", "encryption-at-rest"]
    got = {row["resourceId"]: row.asDict() for row in place(df, controls=controls).collect()}
    assert len(got) == len(items)
    plain = [{k: v for k, v in i.items() if v is not None} for i in items]
    for item, expected in zip(items, sr.inventory(CAT, plain, controls), strict=True):
        row = got[item["resourceId"]]
        assert row["service"] == (expected.service.id if expected.service else None)
        assert row["reason"] == (expected.reason or None)
        answers: list[str | None] = [r.ownership.value for r in expected.resolutions]
        assert [row["patch_management"], row["encryption_at_rest"]] == (answers or [None, None])
    assert {row["service"] for row in got.values()} == {"ec2", "s3", "lambda", "rds", None}


def test_spark_refuses_columns_it_would_overwrite(spark: Any) -> None:
    from shared_responsibility.spark import place

    df = spark.createDataFrame(
        [("AWS::S3::Bucket", "b", "x")], "resourceType string, resourceId string, service string"
    )
    with pytest.raises(sr.InventoryError, match="already has the columns service"):
        place(df)
    other = spark.createDataFrame([("AWS::S3::Bucket", "b")], "kind string, id string")
    with pytest.raises(sr.InventoryError, match=r"neither 'resourceType', 'ARN'.*it has kind, id"):
        place(other)
    assert place(other, columns={"resourceType": "kind"}).first()["service"] == "s3"


def test_the_spark_example_writes_parquet(spark: Any, tmp_path: Path) -> None:
    example = runpy.run_path(str(EXAMPLES / "spark_inventory.py"))
    source = tmp_path / "snapshots"
    source.mkdir()
    (source / "snapshot.json").write_text((FIXTURES / "config-snapshot.json").read_text())
    (source / "more.jsonl").write_text("\n".join(json.dumps(i) for i in _items(12)))
    placed = example["place"](example["read"](spark, source), controls=example["CONTROLS"])
    placed.write.parquet(str(tmp_path / "out"))
    table = pq.read_table(tmp_path / "out")
    snapshot = json.loads((FIXTURES / "config-snapshot.json").read_text())["configurationItems"]
    assert table.num_rows == len(snapshot) + 12
    assert {"service", "reason", "patch_management"} <= set(table.column_names)


def test_placing_reads_config_fields_under_the_names_given() -> None:
    from shared_responsibility.spark import _answers, _item

    present = {"resourceType": "type", "awsRegion": "region", "configuration": "config"}
    records: list[dict[str, Any]] = [
        {"type": "AWS::Lambda::Function", "region": "us-east-1", "config": '{"packageType": "Image"}'},
        {"type": "AWS::Lambda::Function", "region": "us-east-1", "config": "{not json"},
        {"type": "AWS::Nope::Thing", "region": "us-east-1", "config": None},
    ]
    assert _item(records[1], present)["configuration"] == "{not json"  # text stays text
    answers = _answers(CAT, records, present, ["os-installation"], None)
    image = sr.resolve(CAT, "lambda", "os-installation", sr.Context(options={"lambda.package-type": "image"}))
    assert answers[0] == {"service": "lambda", "reason": None, "os_installation": image.ownership.value}
    assert answers[1]["os_installation"] == sr.resolve(CAT, "lambda", "os-installation").ownership.value
    assert answers[2]["service"] is None
    assert "AWS::Nope::Thing" in str(answers[2]["reason"])
