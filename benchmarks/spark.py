"""Spark at scale (`make bench-spark`, not part of `make test`): synthetic configuration items
placed by `shared_responsibility.spark.place` in local mode, beside the same kind of items
placed in-process by `inventory`, measured in the same run; a sample compared row for row.

    BENCH_SPARK_ROWS=10000000 python benchmarks/spark.py    (the default: 10 million)
"""

import json
import os
import sys
import time
import warnings
from typing import Any

import shared_responsibility as sr
from shared_responsibility.spark import _column, place

ROWS = int(os.environ.get("BENCH_SPARK_ROWS", "10000000"))
IN_PROCESS = min(ROWS, 200_000)
CORES = 2
CONTROLS = ["patch-management", "encryption-at-rest", "backup-and-recovery"]
KINDS = [
    ("AWS::EC2::Instance", ""),
    ("AWS::S3::Bucket", ""),
    ("AWS::Lambda::Function", json.dumps({"packageType": "Image"})),
    ("AWS::Lambda::Function", json.dumps({"packageType": "Zip"})),
    ("AWS::RDS::DBInstance", ""),
    ("AWS::DynamoDB::Table", ""),
    ("AWS::Nope::Thing", ""),
]
REGIONS = ["us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "ap-southeast-2"]


def item(i: int) -> dict[str, Any]:
    kind, configuration = KINDS[i % len(KINDS)]
    found = {"resourceType": kind, "resourceId": f"r-{i}", "awsRegion": REGIONS[i % len(REGIONS)]}
    return {**found, "configuration": configuration} if configuration else found


def synthetic(spark: Any, rows: int) -> Any:
    """The same items as `item`, generated on the executors."""
    from pyspark.sql import functions as fn

    kinds = fn.array(*(fn.lit(k) for k, _ in KINDS))
    configurations = fn.array(*(fn.lit(c or None) for _, c in KINDS))
    regions = fn.array(*(fn.lit(r) for r in REGIONS))
    k, r = fn.col("id") % len(KINDS) + 1, fn.col("id") % len(REGIONS) + 1
    return spark.range(rows).select(
        fn.element_at(kinds, k.cast("int")).alias("resourceType"),
        fn.concat(fn.lit("r-"), fn.col("id").cast("string")).alias("resourceId"),
        fn.element_at(regions, r.cast("int")).alias("awsRegion"),
        fn.lit(None).cast("string").alias("ARN"),
        fn.element_at(configurations, k.cast("int")).alias("configuration"),
    )


def joined(spark: Any, df: Any, cat: sr.Catalog) -> Any:
    """The alternative to `place`: the distinct (type, region, configuration) of the rows placed
    once on the driver and joined back, which is exact only while nothing else on a row (an ARN
    naming another partition) changes its answer."""
    from pyspark.sql import functions as fn

    keys = ["resourceType", "awsRegion", "configuration"]
    distinct = df.select(*keys).distinct()
    answers = place(distinct.withColumn("resourceId", fn.lit("key")), cat, CONTROLS).drop("resourceId")
    table = spark.createDataFrame(answers.collect(), answers.schema)
    on = [df[k].eqNullSafe(table[k]) for k in keys]
    return df.join(fn.broadcast(table), on, "left").drop(*(table[k] for k in keys))


def main() -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession

    cat = sr.default_catalog()
    start = time.perf_counter()
    items = (item(i) for i in range(IN_PROCESS))  # streamed, as `place` streams each batch
    placed = sum(1 for _ in sr.inventory(cat, items, CONTROLS))
    local = IN_PROCESS / (time.perf_counter() - start)
    assert placed == IN_PROCESS

    spark = (
        SparkSession.builder.master(f"local[{CORES}]")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    df = synthetic(spark, ROWS).repartition(CORES * 4)
    start = time.perf_counter()
    place(df, cat, CONTROLS).write.format("noop").mode("overwrite").save()
    seconds = time.perf_counter() - start
    rate = ROWS / seconds

    start = time.perf_counter()
    joined(spark, df, cat).write.format("noop").mode("overwrite").save()
    join_seconds = time.perf_counter() - start

    sample = synthetic(spark, 5_000)
    got = {r["resourceId"]: r for r in place(sample, cat, CONTROLS).collect()}
    expected = sr.inventory(cat, [item(i) for i in range(5_000)], CONTROLS)
    mismatches = 0
    for i, answer in enumerate(expected):
        row = got[f"r-{i}"]
        want: list[str | None] = [r.ownership.value for r in answer.resolutions]
        want = want or [None] * len(CONTROLS)
        mismatches += [row[_column(c)] for c in CONTROLS] != want
    spark.stop()

    print(f"in-process inventory, 1 core: {local:,.0f} items/s ({IN_PROCESS:,} items)")
    print(f"Spark local[{CORES}] place: {rate:,.0f} rows/s ({ROWS:,} rows in {seconds:.1f} s)")
    print(f"ratio Spark/{CORES} cores vs in-process/1 core: {rate / local:.2f}")
    print(f"per core on Spark: {rate / CORES:,.0f} rows/s; N executor cores: about N x that")
    print(
        f"the alternative, distinct (type, region, configuration) placed once and joined back: "
        f"{ROWS / join_seconds:,.0f} rows/s ({join_seconds:.1f} s)"
    )
    print(f"sample of 5,000 rows compared with inventory: {mismatches} differ")
    if mismatches:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
