"""Resolution is pure: no I/O, deterministic in every process; import reads nothing."""

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import shared_responsibility as sr
from shared_responsibility import _data

WATCHED = (
    "open",
    "socket.",
    "subprocess.",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "shutil.",
    "os.listdir",
)
_events: list[str] | None = None


def _hook(event: str, _args: Any) -> None:
    if _events is not None and event.startswith(WATCHED):
        _events.append(event)


sys.addaudithook(_hook)


@pytest.fixture
def audited() -> Iterator[list[str]]:
    global _events  # noqa: PLW0603
    _events = []
    try:
        yield _events
    finally:
        _events = None


def test_resolution_does_no_io(audited: list[str]) -> None:
    cat = sr.default_catalog()
    _ = (sr.split, sr.resolve, sr.matrix, sr.workload, sr.shift)  # first use imports (reads) a module
    tailored = cat.with_overrides([sr.Override(service="ec2", target="guest-os", parties=("customer",))])
    before = len(audited)  # the first default_catalog() may read its data; that is the one place
    for context in (None, sr.Context(deployment="outposts"), sr.Context(region="cn-north-1")):
        offered = [s.id for s in cat.services if cat.offered(s.id, context)]
        for s in offered:
            sr.split(tailored, s, context)
            for c in cat.controls:
                sr.resolve(tailored, s, c.id, context)
        sr.matrix(cat, offered, context=context)
        sr.workload(cat, offered, context=context)
        sr.shift(cat, "ec2", "eks", context)
    assert audited[before:] == []


def test_reading_the_prose_of_a_fresh_packaged_catalog_does_no_io(audited: list[str]) -> None:
    """The packaged catalog's notes and sources are inflated from bytes read at load time."""
    cat = _data._packaged.__wrapped__()
    _ = sr.resolve  # first use imports (reads) a module
    before = len(audited)
    assert sr.resolve(cat, "s3", "encryption-at-rest").sources
    assert all(s.notes and s.sources for s in cat.services)
    assert audited[before:] == []


SCRIPT = """
import json, shared_responsibility as sr
cat = sr.default_catalog()
out = [[r.service.id, r.control.id, r.ownership.value, [d.party.id for d in r.duties],
        [t.name for t in r.trail]] for r in sr.matrix(cat, [s.id for s in cat.services])]
out.append(sorted(sr.workload(cat, ["ec2", "s3", "lambda"])))
print(json.dumps(out))
"""


def _run(seed: str) -> Any:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_same_answers_whatever_the_hash_seed() -> None:
    assert _run("1") == _run("4242") == _run("random")


def test_import_reads_no_data_and_skips_cattrs() -> None:
    code = (
        "import sys\n"
        "seen = []\n"
        "sys.addaudithook(lambda e, a: seen.append(a[0]) if e == 'open' else None)\n"
        "import shared_responsibility\n"
        "print('cattrs' in sys.modules, any(str(p).endswith('.json') for p in seen))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]
