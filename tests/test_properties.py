"""The invariants of DESIGN.md, on random catalogs (tests/strategies.py)."""

import itertools

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import shared_responsibility as sr
from tests.strategies import catalogs, contexts, expected_ownership, overrides

# Each property runs on random catalogs and on the packaged one.
CATALOGS = st.one_of(st.just(sr.default_catalog()), catalogs())


@given(st.data())
def test_total_and_consistent(data: st.DataObject) -> None:
    """∀ service, control, context: resolve gives exactly one ownership, and
    PROVIDER ⇔ all duties provider-side, CUSTOMER ⇔ all customer-side, SHARED ⇔ both."""
    cat = data.draw(CATALOGS)
    context = data.draw(contexts(cat))
    for s in cat.services:
        if not cat.offered(s.id, context):
            with pytest.raises(sr.UnavailableError):
                sr.resolve(cat, s.id, cat.controls[0].id, context)
            continue
        for c in cat.controls:
            r = sr.resolve(cat, s.id, c.id, context)
            assert r.ownership is expected_ownership(r.duties)
            assert r.trail, "every answer says which rules decided it"
        for layer_id, lr in sr.split(cat, s.id, context).items():
            assert lr.layer.id == layer_id
            assert lr.ownership is expected_ownership(lr.duties)


@given(CATALOGS)
def test_round_trip(cat: sr.Catalog) -> None:
    """load_catalog(cat.to_dict()) == cat."""
    assert sr.load_catalog(cat.to_dict()) == cat


@given(st.data())
def test_override_applies_where_it_names_and_nowhere_else(data: st.DataObject) -> None:
    """For override o on (s, t): answers for t on s (and controls touching layer t) may change
    parties but keep each duty's side and text; every other answer is unchanged."""
    cat = data.draw(CATALOGS)
    override, parties = data.draw(overrides(cat))
    new = cat.with_overrides([override], parties=parties)
    names = {p.id for p in parties}
    for s in cat.services:
        applies = override.service in ("*", s.id)
        for layer_id, before in sr.split(cat, s.id).items():
            after = sr.split(new, s.id)[layer_id]
            if applies and layer_id == override.target:
                assert after.ownership is before.ownership
                side = parties[0].side
                assert {(d.party.id, d.text) for d in after.duties if d.party.side is side} == {
                    (n, d.text) for d in before.duties if d.party.side is side for n in names
                }
            else:
                assert after == before
        for c in cat.controls:
            before_r, after_r = sr.resolve(cat, s.id, c.id), sr.resolve(new, s.id, c.id)
            touches = override.target == c.id or override.target in (c.layers or ())
            if not (applies and touches):
                assert after_r.duties == before_r.duties
            assert after_r.ownership is before_r.ownership


@given(st.data())
def test_overrides_idempotent_and_commutative(data: st.DataObject) -> None:
    """apply(o, apply(o, c)) = apply(o, c); non-conflicting o1, o2 commute."""
    cat = data.draw(CATALOGS)
    (o1, p1), (o2, p2) = data.draw(overrides(cat)), data.draw(overrides(cat))
    assume(not {p.id for p in p1} & {p.id for p in p2})
    once = cat.with_overrides([o1], parties=p1)
    twice = once.with_overrides([o1])
    assert twice == once
    conflict = o1.service == o2.service and o1.target == o2.target and p1[0].side is p2[0].side
    if conflict:
        with pytest.raises(sr.CatalogError, match="conflicts with"):
            once.with_overrides([o2], parties=p2)
        return
    a = once.with_overrides([o2], parties=p2)
    b = cat.with_overrides([o2], parties=p2).with_overrides([o1], parties=p1)
    for s in cat.services:
        assert sr.split(a, s.id) == sr.split(b, s.id)
        for c in cat.controls:
            assert sr.resolve(a, s.id, c.id).duties == sr.resolve(b, s.id, c.id).duties


@given(st.data())
def test_shift_mirror(data: st.DataObject) -> None:
    """shift(a, b) mirrors shift(b, a); shift(a, a) = ()."""
    cat = data.draw(CATALOGS)
    some = data.draw(st.lists(st.sampled_from(cat.services), min_size=1, max_size=4, unique=True))
    for a, b in itertools.product(some, repeat=2):
        forward = sr.shift(cat, a.id, b.id)
        back = sr.shift(cat, b.id, a.id)
        assert {(c.kind, c.what, c.before, c.after) for c in forward} == {
            (c.kind, c.what, c.after, c.before) for c in back
        }
        if a == b:
            assert forward == ()


@given(st.data())
def test_workload_monotone(data: st.DataObject) -> None:
    """S ⊆ T ⇒ customer duties(S) ⊆ customer duties(T), each naming at least the same services."""
    cat = data.draw(CATALOGS)
    ids = [s.id for s in cat.services]
    small = data.draw(st.lists(st.sampled_from(ids), unique=True))
    large = small + data.draw(st.lists(st.sampled_from(ids), unique=True))
    for by in ("layer", "control"):
        big = {
            (d.target, d.party.id, d.text): set(d.services)
            for duties in sr.workload(cat, large, by=by).values()
            for d in duties
        }
        for duties in sr.workload(cat, small, by=by).values():
            for d in duties:
                assert set(d.services) <= big[(d.target, d.party.id, d.text)]
                assert d.party.side is sr.Side.CUSTOMER
