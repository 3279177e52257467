import json
import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# For `make mutation`: few examples, the same ones on every run (a mutant's verdict must not
# depend on luck), no deadline and no slow-input health check (two workers share two cores).
settings.register_profile(
    "mutation",
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    database=None,
)
settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# mutmut (`make mutation`, docs/testing.md) names the mutant under test in this variable; it is
# "stats" while it records which tests reach which functions, and absent in ordinary runs.
_MUTANT = os.environ.get("MUTANT_UNDER_TEST", "")


@pytest.fixture(autouse=True)
def _every_test_reaches_what_it_depends_on() -> None:
    """While mutmut records which tests reach which functions, let each test reach the code its
    answers come from, as a fresh process does: the packaged catalog is built once, at import,
    and the resolver memoizes on it, so otherwise only the first test to ask would be recorded
    and a mutant there would never meet the tests that check it. Nothing happens in other runs.
    """
    if _MUTANT == "stats":
        import shared_responsibility as sr
        from shared_responsibility import _convert, _data

        cat = sr.default_catalog()
        cat._tables.clear()
        cat._memo.clear()
        _ = _data._packaged.__wrapped__().services[0].notes  # the rules built, the prose inflated
        _convert._make()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under a mutant, a test module that fails to import (every module builds the packaged
    catalog at import) is a failing suite: report it as one, so that mutmut counts the kill
    instead of taking exit status 2 for an interruption by the user.
    """
    if "__mutmut_" in _MUTANT and exitstatus == pytest.ExitCode.INTERRUPTED:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# Under a mutant these run first, whatever their time: each compares the whole packaged catalog,
# as built at import by the code under test, with the validating load, and so kills most mutants
# of the builder at once instead of after three quarters of the suite.
_SENTINELS = {
    "tests/test_packaged_data.py::test_fast_build_equals_the_validated_load",
    "tests/test_prose.py::test_the_packaged_catalog_equals_the_whole_dataset_loaded_and_validated",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under a mutant, run the sentinels, then the fastest tests first (by the times mutmut
    recorded in its stats), so that a killed mutant dies early instead of after the slow
    property tests.
    """
    if "__mutmut_" not in _MUTANT:
        return
    try:
        with open(config.rootpath / "mutmut-stats.json", encoding="utf-8") as f:
            durations: dict[str, float] = json.load(f)["duration_by_test"]
    except (OSError, ValueError, KeyError):
        return
    items.sort(key=lambda item: (item.nodeid not in _SENTINELS, durations.get(item.nodeid, 0.0)))
