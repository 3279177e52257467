"""The packaged dataset split into rules and compressed prose (`_pack`, `_prose`): lossless,
current, inflated once, and invisible to everything that reads a catalog."""

import json
import pickle
import threading
import time
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import shared_responsibility as sr
from shared_responsibility import _data
from shared_responsibility._build import build
from shared_responsibility._data import DATA_FILE, PROSE_FILE, RULES_FILE, packaged_data
from shared_responsibility._model import LATER, PROSE_FIELDS, Later, Packed, Pending
from shared_responsibility._pack import lines, main, pack, records
from shared_responsibility._prose import Prose
from tests.strategies import catalogs


def _slot(record: object, name: str) -> object:
    """What a field's slot holds, beneath the descriptor that fills it in on first read."""
    return type(record).__dict__[name].slot.__get__(record)


def _unset(record: object, name: str) -> bool:
    try:
        _slot(record, name)
    except AttributeError:
        return True
    return False


def _fresh() -> sr.Catalog:
    """A packaged catalog of its own, its prose not yet read."""
    return _data._packaged.__wrapped__()


def _split(data: dict[str, object]) -> sr.Catalog:
    rules, prose = pack(data)
    return build(lines(rules), Prose(zlib.compress(json.dumps(prose).encode())))


def _unpacked(packed: bytes) -> dict[str, Any]:
    """The rules as `pack` gives them, from the lines that ship: each record's own rules and
    aliases back in it, read from the line that starts where the record says."""
    head, _, tail = packed.partition(b"\n")
    rules: dict[str, Any] = json.loads(head)
    texts = dict(_lines(tail))
    rules["services"] = [{"id": sid, **json.loads(texts.pop(start))} for sid, start in rules["services"]]
    for kind in LATER:
        for record in rules[kind]:
            if "rules" in record:
                record["rules"] = texts.pop(record["rules"]).decode()
            if "aliases" in record:
                record["aliases"] = json.loads(texts.pop(record["aliases"]))
    assert texts == {}, "every line belongs to a record"
    return rules


def _lines(tail: bytes) -> list[tuple[int, bytes]]:
    """Each line of the tail with where it starts."""
    found, start = [], 0
    for line in tail.split(b"\n")[:-1]:
        found.append((start, line))
        start += len(line) + 1
    return found


def test_the_shipped_rules_and_prose_are_packed_from_the_shipped_dataset() -> None:
    """Edit catalog.json, then run ``python -m shared_responsibility._pack``."""
    rules, prose = pack(json.loads(packaged_data(DATA_FILE)))
    assert _unpacked(packaged_data(RULES_FILE)) == rules
    assert json.loads(zlib.decompress(packaged_data(PROSE_FILE))) == prose


def test_packing_writes_the_files_that_ship(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / DATA_FILE).write_bytes(packaged_data(DATA_FILE))
    main(tmp_path)
    assert (tmp_path / RULES_FILE).read_bytes() == packaged_data(RULES_FILE)
    assert zlib.decompress((tmp_path / PROSE_FILE).read_bytes()) == zlib.decompress(packaged_data(PROSE_FILE))
    assert capsys.readouterr().out == f"wrote {tmp_path / RULES_FILE} and {tmp_path / PROSE_FILE}\n"


def test_the_rules_hold_no_prose_and_point_at_it_where_it_was() -> None:
    whole = json.loads(packaged_data(DATA_FILE))
    rules = _unpacked(packaged_data(RULES_FILE))
    for kind in LATER:  # each record's own rules are packed as one JSON text
        for record in rules[kind]:
            record.update(json.loads(record.pop("rules", "{}")))
    had = [any(key in r for key in PROSE_FIELDS) for r in records(whole)]
    assert not [r for r in records(rules) if any(key in r for key in PROSE_FIELDS)]
    assert ["prose" in r for r in records(rules)] == had
    assert [r["prose"] for r in records(rules) if "prose" in r] == list(range(sum(had)))


@given(catalogs())
def test_packing_loses_nothing(cat: sr.Catalog) -> None:
    assert _split(cat.to_dict()) == cat


def test_the_packaged_catalog_equals_the_whole_dataset_loaded_and_validated() -> None:
    assert _fresh() == sr.load_catalog(json.loads(packaged_data(DATA_FILE)))


def test_prose_waits_until_read_then_is_plain() -> None:
    cat = _fresh()
    s3 = cat.service("s3")
    assert _unset(s3, "notes")
    waiting = s3._packed
    assert type(waiting) is Packed  # the service's whole record waits, unparsed
    assert s3.name == "Amazon S3"  # one field read builds the record; its prose still waits
    pending = waiting.get("notes")
    assert type(pending) is Pending
    assert pending.store._blob != b""
    assert s3.notes
    assert pending.store._blob == b""  # the compressed copy is let go once inflated
    assert all(type(n) is str for n in s3.notes)
    assert type(_slot(s3, "notes")) is tuple
    assert all(type(s) is sr.Source and s.url.startswith("https://") for s in s3.sources)


def test_aliases_wait_until_read() -> None:
    """A service's aliases stay an unparsed line of the packed rules until a look-up by a
    name that is not an id needs them."""
    cat = _fresh()
    ec2 = cat.service("ec2")
    assert _unset(ec2, "aliases")
    waiting = ec2._packed
    assert type(waiting) is Packed
    assert type(waiting.get("aliases")) is Later
    assert cat.service("AWS::EC2::Instance") is ec2
    assert type(_slot(ec2, "aliases")) is tuple


def test_a_record_without_a_field_gets_the_fields_default() -> None:
    cat = _split({**_empty(), "controls": [{"id": "c", "title": "C", "layers": None, "notes": ["n"]}]})
    assert cat.control("c").notes == ("n",)
    assert cat.control("c").sources == ()


def test_an_option_value_without_control_rows_packs() -> None:
    service = {"id": "s", "options": [{"id": "o", "values": [{"id": "v", "note": "n"}]}]}
    rules, prose = pack({**_empty(), "services": [service]})
    packed = json.loads(rules["services"][0]["rules"])  # a service's own rules: one JSON text
    assert packed["options"][0]["values"][0] == {"id": "v", "prose": 0}
    assert prose == {"sources": [], "records": [{"note": "n"}]}


def _empty() -> dict[str, object]:
    return {
        "version": "0",
        "parties": [],
        "layers": [],
        "controls": [],
        "categories": [],
        "partitions": [],
        "deployments": [],
        "services": [],
    }


def test_threads_reading_prose_at_once_see_one_inflation() -> None:
    cat = _fresh()
    seen: list[sr.Source] = []
    barrier = threading.Barrier(8)

    def read() -> None:
        barrier.wait()
        seen.append(cat.service("ec2").sources[0])

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(seen) == 8
    assert all(s is seen[0] for s in seen)


def test_threads_reading_a_waiting_service_at_once_see_one_record(monkeypatch: pytest.MonkeyPatch) -> None:
    cat = _fresh()
    waiting = cat.service("ec2")._packed
    assert type(waiting) is Packed
    made = waiting.make
    calls: list[object] = []

    def slow(data: object) -> object:  # widens the window in which another thread could build it too
        calls.append(data)
        time.sleep(0.01)
        return made(data)

    monkeypatch.setattr(waiting, "make", slow)
    seen: list[tuple[sr.Part, ...]] = []
    barrier = threading.Barrier(8)

    def read() -> None:
        barrier.wait()
        seen.append(cat.service("ec2").layers)

    threads = [threading.Thread(target=read) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1  # built once
    assert len(seen) == 8
    assert seen[0]
    assert all(layers is seen[0] for layers in seen)


def test_a_catalog_pickles_with_its_prose_unread() -> None:
    cat = _fresh()
    copy = pickle.loads(pickle.dumps(cat.service("lambda")))
    assert copy == cat.service("lambda")
    assert copy.notes == sr.default_catalog().service("lambda").notes


def test_resolving_reads_the_prose_it_cites() -> None:
    r = sr.resolve(_fresh(), "ec2", "patch-management")
    assert r.sources
    assert all(s.url.startswith("https://") for s in r.sources)


def test_a_field_never_set_is_a_missing_attribute_that_names_itself() -> None:
    """Only a record that waits in a `Packed` fills unset fields in; any other reads as missing."""
    bare = object.__new__(sr.Category)
    with pytest.raises(AttributeError, match="'layers'"):
        _ = bare.layers
    service = object.__new__(sr.Service)
    with pytest.raises(AttributeError, match="'notes'"):
        _ = service.notes
