"""The packaged data's parser reads JSON exactly as ``json.loads`` does."""

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared_responsibility import _packed_json
from shared_responsibility._data import RULES_FILE, packaged_data

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_any_json_value_reads_as_json_loads_reads_it(value: Any) -> None:
    for text in (json.dumps(value), json.dumps(value, ensure_ascii=False, separators=(",", ":"))):
        assert _packed_json.loads(text.encode()) == json.loads(text)


def test_every_line_of_the_packaged_rules_reads_as_json_loads_reads_it() -> None:
    lines = packaged_data(RULES_FILE).splitlines(keepends=True)
    assert len(lines) > 100
    for line in lines:
        assert _packed_json.loads(line) == json.loads(line)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "no JSON value"),
        (b"]", "no JSON value"),
        (b'{"a": 1} {"b": 2}', "more than one JSON value"),
        (b"[NaN]", "NaN is not in the packaged data"),
    ],
)
def test_what_is_not_one_json_value_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _packed_json.loads(data)


def test_without_the_c_scanner_json_parses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_packed_json, "_scan", None)
    assert _packed_json.loads(b'{"a": [1, 2.5, "\\u00e9"]}') == {"a": [1, 2.5, "é"]}
