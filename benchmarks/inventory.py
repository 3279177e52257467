"""Inventory benchmarks: the whole `inventory` against parsing the same document alone, an
unplaced resource against a placed one, and the memory of streaming a large AWS Config
snapshot. Documents are generated here, shaped like real ones (tests/fixtures shows the forms).
"""

import gc
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

import shared_responsibility as sr

# Resource types seen in real templates and snapshots, with the share each takes.
_TYPES = [
    ("AWS::EC2::Instance", 12), ("AWS::EC2::SecurityGroup", 14), ("AWS::EC2::Subnet", 8),
    ("AWS::EC2::Volume", 8), ("AWS::S3::Bucket", 10), ("AWS::IAM::Role", 12), ("AWS::Lambda::Function", 8),
    ("AWS::RDS::DBInstance", 3), ("AWS::DynamoDB::Table", 3), ("AWS::SQS::Queue", 4), ("AWS::SNS::Topic", 3),
    ("AWS::KMS::Key", 2), ("AWS::ECS::Service", 2), ("AWS::Logs::LogGroup", 5),
    ("AWS::ElasticLoadBalancingV2::TargetGroup", 2), ("AWS::IoT::Policy", 2),
    ("AWS::CodeCommit::Repository", 2),
]  # fmt: skip
_REGIONS = ["us-east-1", "eu-west-1", "eu-central-1", "ap-southeast-2"]


def _configuration(rtype: str, n: int, rng: random.Random) -> dict[str, object]:
    """A configuration blob of about the size AWS Config records."""
    config: dict[str, object] = {
        "tags": [{"key": f"tag{k}", "value": f"value-{n}-{k}"} for k in range(4)],
        "description": "x" * rng.randint(80, 400),
    }
    if rtype == "AWS::Lambda::Function":
        config |= {"packageType": rng.choice(["Zip", "Image"]), "runtime": "python3.12", "memorySize": 256}
    if rtype == "AWS::ECS::Service":
        config |= {"launchType": rng.choice(["FARGATE", "EC2"]), "desiredCount": 2}
    if rtype == "AWS::RDS::DBInstance":
        config |= {
            "engine": rng.choice(["postgres", "aurora-mysql", "custom-oracle-ee"]),
            "dBInstanceClass": "db.m6g.large",
        }
    return config


def snapshot(items: int, seed: int = 7) -> dict[str, object]:
    rng = random.Random(seed)
    types = [t for t, share in _TYPES for _ in range(share)]
    found = []
    for n in range(items):
        rtype = rng.choice(types)
        region = rng.choice(_REGIONS)
        found.append(
            {
                "configurationItemVersion": "1.3",
                "configurationItemCaptureTime": "2026-11-30T12:00:00.000Z",
                "configurationStateId": 1700000000000 + n,
                "awsAccountId": "123456789012",
                "configurationItemStatus": "OK",
                "resourceType": rtype,
                "resourceId": f"res-{n:08d}",
                "resourceName": f"name-{n}",
                "ARN": f"arn:aws:service:{region}:123456789012:thing/res-{n:08d}",
                "awsRegion": region,
                "availabilityZone": f"{region}a",
                "configuration": _configuration(rtype, n, rng),
                "relationships": [{"resourceType": "AWS::EC2::VPC", "resourceId": "vpc-1", "name": "In Vpc"}],
            }
        )  # fmt: skip
    return {"fileVersion": "1.0", "configSnapshotId": "bench", "configurationItems": found}


def template(resources: int, seed: int = 11) -> str:
    """A large CloudFormation template in YAML with short-form intrinsics."""
    rng = random.Random(seed)
    types = [t for t, share in _TYPES for _ in range(share)]
    lines = ["AWSTemplateFormatVersion: '2010-09-09'", "Parameters:", "  Env: {Type: String}", "Resources:"]
    for n in range(resources):
        rtype = rng.choice(types)
        lines += [
            f"  Resource{n}:",
            f"    Type: {rtype}",
            "    Properties:",
            f"      Name: !Sub '${{Env}}-resource-{n}'",
            "      Tags:",
            "        - Key: env",
            "          Value: !Ref Env",
            f"        - Key: owner\n          Value: team-{n % 7}",
        ]
        if rtype == "AWS::ECS::Service":
            lines.append("      LaunchType: !If [UseFargate, FARGATE, EC2]")
        if rtype == "AWS::Lambda::Function":
            lines.append("      PackageType: Zip")
            lines.append(f"      Role: !GetAtt Resource{max(n - 1, 0)}.Arn")
    return "\n".join(lines) + "\n"


def _timed(work: Callable[[], object], reps: int) -> list[float]:
    times = []
    for _ in range(reps):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1e3)
    return times


def whole_vs_parse(cat: sr.Catalog, reps: int = 5) -> list[tuple[str, list[float], list[float]]]:
    """(name, ours ms, yardstick ms) for a 100,000-item snapshot and a large YAML template."""
    results = []
    with tempfile.TemporaryDirectory() as folder:
        snap = Path(folder) / "snapshot.json"
        snap.write_text(json.dumps(snapshot(100_000)))
        text = snap.read_text()
        ours = _timed(lambda: sum(1 for _ in sr.inventory(cat, snap)), reps)
        parse = _timed(lambda: json.loads(text), reps)
        results.append(("inventory, 100k-item Config snapshot (vs json.loads)", ours, parse))
        tpl = Path(folder) / "template.yaml"
        tpl.write_text(template(5_000))
        body = tpl.read_text()
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class Plain(loader):  # type: ignore[misc,valid-type]
            pass

        Plain.add_multi_constructor("!", lambda loader, suffix, node: None)
        ours = _timed(lambda: sum(1 for _ in sr.inventory(cat, tpl)), reps)
        parse = _timed(lambda: yaml.load(body, Loader=Plain), reps)
        results.append(("inventory, 5,000-resource YAML template (vs C loader)", ours, parse))
    return results


def unplaced_vs_placed(cat: sr.Catalog, n: int = 20_000, reps: int = 5) -> tuple[list[float], list[float]]:
    """Microseconds per resource: references to types no service lists, and to ones it does."""
    placed = ["AWS::SQS::Queue"] * n
    unknown = [f"AWS::Unheard{k % 50}::Thing" for k in range(n)]

    def per_resource(refs: list[str]) -> list[float]:
        times = _timed(lambda: sum(1 for _ in sr.inventory(cat, refs, ["patch-management"])), reps)
        return [t * 1e3 / n for t in times]

    return per_resource(unknown), per_resource(placed)


# The peak resident memory of this process alone: Linux's VmHWM (getrusage's ru_maxrss would
# also count the parent that started it, carried over by exec).
STREAM = """
import resource, sys
from pathlib import Path
import shared_responsibility as sr
cat = sr.default_catalog()
count = sum(1 for _ in sr.inventory(cat, Path(sys.argv[1])))
try:
    status = Path("/proc/self/status").read_text().splitlines()
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(count, peak)
"""


def streamed_memory(gigabytes: float = 1.0) -> tuple[int, float, float, float]:
    """(items, file MiB, peak resident MiB, seconds) of inventorying a generated snapshot."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big-snapshot.json"
        chunk = snapshot(10_000)["configurationItems"]
        assert isinstance(chunk, list)
        body = ",".join(json.dumps(item) for item in chunk)
        target = int(gigabytes * 2**30)
        items = 0
        with path.open("w") as f:
            f.write('{"fileVersion": "1.0", "configurationItems": [')
            written = 0
            while written < target:
                if written:
                    f.write(",")
                f.write(body)
                written += len(body) + 1
                items += len(chunk)
            f.write("]}")
        start = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", STREAM, str(path)], check=True, capture_output=True, text=True
        )
        seconds = time.perf_counter() - start
        count, peak_kib = map(int, out.stdout.split())
        assert count == items, (count, items)
        return items, path.stat().st_size / 2**20, peak_kib / 1024, seconds


if __name__ == "__main__":
    catalog = sr.default_catalog()
    for name, ours, base in whole_vs_parse(catalog):
        print(name, statistics.median(ours), statistics.median(base))
    print(unplaced_vs_placed(catalog))
