"""Who is responsible for every resource of an organization, on Spark.

Reads a directory of AWS Config snapshots (``*.json``, with ``configurationItems``) or JSON Lines
of configuration items (``*.jsonl``), places each resource on the executors with
`shared_responsibility.spark.place`, and writes Parquet:

    python examples/spark_inventory.py SNAPSHOTS_DIR OUT_DIR            # a local session
    spark-submit examples/spark_inventory.py SNAPSHOTS_DIR OUT_DIR      # a cluster's

Needs the ``spark`` extra (``pip install 'shared-responsibility[spark]'``) and a JDK.
"""

import os
import sys
from functools import reduce
from pathlib import Path

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as fn
from pyspark.sql.types import StringType

from shared_responsibility.spark import CONFIG_COLUMNS, place

CONTROLS = ["patch-management", "encryption-at-rest", "backup-and-recovery"]


def read(spark: SparkSession, folder: Path) -> DataFrame:
    """The configuration items of every snapshot and JSON Lines file in ``folder``, with the
    fields placing reads (``configuration`` as JSON text, where the options are read from)."""
    frames = []
    snapshots = sorted(str(p) for p in folder.glob("*.json"))
    if snapshots:
        doc = spark.read.option("multiLine", True).json(snapshots)
        frames.append(doc.select(fn.explode("configurationItems").alias("item")).select("item.*"))
    lines = sorted(str(p) for p in folder.glob("*.jsonl"))
    if lines:
        frames.append(spark.read.json(lines))
    if not frames:
        raise SystemExit(f"no *.json snapshots or *.jsonl files in {folder}")
    return reduce(lambda a, b: a.unionByName(b), (_fields(f) for f in frames))


def _fields(items: DataFrame) -> DataFrame:
    """The fields placing reads, as text; a field an input lacks is null."""
    columns = []
    for name in CONFIG_COLUMNS:
        if name not in items.columns:
            columns.append(fn.lit(None).cast("string").alias(name))
        elif isinstance(items.schema[name].dataType, StringType):
            columns.append(fn.col(name))
        else:  # a nested configuration, as JSON text
            columns.append(fn.to_json(name).alias(name))
    return items.select(columns)


def main(source: str, target: str) -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # local mode: executors use this Python
    spark = (
        SparkSession.builder.appName("shared-responsibility")
        .config("spark.sql.caseSensitive", "true")  # Config items carry both ARN and arn
        .getOrCreate()
    )
    placed = place(read(spark, Path(source)), controls=CONTROLS)
    placed.write.mode("overwrite").parquet(target)
    counts = placed.groupBy(fn.col("service").isNotNull().alias("placed")).count().collect()
    print(", ".join(f"{'placed' if r['placed'] else 'not placed'}: {r['count']}" for r in counts))
    print(f"wrote {target}")
    spark.stop()


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2])
