"""The bulk and columnar paths give exactly what resolve gives."""

import itertools
import json

import numpy as np
import pytest

import shared_responsibility as sr

CAT = sr.default_catalog()
PAIRS = [(s.id, c.id) for s, c in itertools.product(CAT.services, CAT.controls)]


@pytest.mark.parametrize(
    "context", [None, sr.Context(deployment="outposts"), sr.Context(region="cn-north-1")]
)
def test_resolve_many_matches_resolve(context: sr.Context | None) -> None:
    fresh = sr.load_catalog(CAT.to_dict())  # nothing cached yet
    pairs = [(s, c) for s, c in PAIRS if CAT.offered(s, context)]
    got = sr.resolve_many(fresh, iter(pairs * 2), context)
    assert got == tuple(sr.resolve(CAT, s, c, context) for s, c in pairs * 2)


def test_resolve_many_raises_where_a_service_is_not_offered() -> None:
    with pytest.raises(sr.UnavailableError, match=r"'lambda'.* not offered in deployment 'outposts'"):
        sr.resolve_many(
            CAT,
            [("ec2", "patch-management"), ("lambda", "patch-management")],
            sr.Context(deployment="outposts"),
        )


def test_resolve_many_accepts_aliases_and_raises_for_unknown_names() -> None:
    assert sr.resolve_many(CAT, [("Amazon EC2", "NIST-800-53:SI-2")])[0].service.id == "ec2"
    with pytest.raises(sr.UnknownServiceError, match="unknown service 'ec3'"):
        sr.resolve_many(CAT, [("ec2", "patch-management"), ("ec3", "patch-management")])
    assert sr.resolve_many(CAT, []) == ()


def test_ownership_codes_match_resolve() -> None:
    s_codes = np.repeat(np.arange(len(CAT.services)), len(CAT.controls))
    c_codes = np.tile(np.arange(len(CAT.controls)), len(CAT.services))
    context = sr.Context(options={"lambda.runtime-update-mode": "manual"})
    codes = sr.ownership_codes(CAT, s_codes, c_codes, context)
    assert codes.dtype == np.int8
    expected = [sr.OWNERSHIP_CODES.index(sr.resolve(CAT, s, c, context).ownership) for s, c in PAIRS]
    assert codes.tolist() == expected


def test_ownership_codes_broadcast_and_reject_bad_codes() -> None:
    one = sr.ownership_codes(CAT, [0, 1, 2], 0)
    assert one.shape == (3,)
    last = len(CAT.services) - 1
    with pytest.raises(sr.UnknownServiceError, match=rf"service code 999 is out of range 0\.\.{last}"):
        sr.ownership_codes(CAT, [0, 999], [0, 0])
    last = len(CAT.controls) - 1
    with pytest.raises(sr.UnknownControlError, match=rf"control code -1 is out of range 0\.\.{last}"):
        sr.ownership_codes(CAT, [0], [-1])
    with pytest.raises(sr.UnknownServiceError, match="service codes must be integers, got float64"):
        sr.ownership_codes(CAT, [0.5], [0])


def test_resolve_many_takes_pairs_as_lists_too() -> None:
    """Pairs read from JSON are lists; they answer as the same pairs given as tuples do."""
    fresh = sr.load_catalog(CAT.to_dict())  # nothing cached yet
    pairs = json.loads('[["s3", "data-classification"], ["ec2", "patch-management"]]')
    as_lists = sr.resolve_many(fresh, pairs)
    expected = (sr.resolve(fresh, "s3", "data-classification"), sr.resolve(fresh, "ec2", "patch-management"))
    assert as_lists == expected
    assert sr.resolve_many(fresh, pairs[:1]) == as_lists[:1]  # the warm path too
