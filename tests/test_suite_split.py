"""How the suite is split over pytest-xdist's workers (tests/conftest.py) names real files: a file
renamed or removed must not leave a unit that silently matches nothing."""

from __future__ import annotations

import pytest

from tests.conftest import REPO, SHARED_UNITS, SLOW_FIRST, work_unit


def test_every_named_file_exists() -> None:
    named = [path for paths in SHARED_UNITS.values() for path in paths]
    named += [unit for unit in SLOW_FIRST if unit.endswith(".py")]
    assert [path for path in named if not (REPO / path).is_file()] == []


def test_every_unit_first_is_a_unit() -> None:
    units = {*SHARED_UNITS, "ray"}
    assert [unit for unit in SLOW_FIRST if unit not in units and not unit.endswith(".py")] == []


def test_a_file_is_a_unit_but_shared_fixtures_and_ray_join_files() -> None:
    assert work_unit("tests/trace/test_span.py::test_x[1]") == "tests/trace/test_span.py"
    assert work_unit("tests/train/test_stops.py::test_x") == "uninterrupted_run"
    assert work_unit("tests/distributed/test_ray_backend.py::test_x") == "ray"
    assert work_unit("tests/distributed/test_sharding.py::test_x") == (
        "tests/distributed/test_sharding.py"
    )
    ray_files = sorted((REPO / "tests" / "distributed").glob("test_ray_*.py"))
    assert len(ray_files) >= 3
    assert {work_unit(f"{p.relative_to(REPO).as_posix()}::t") for p in ray_files} == {"ray"}


def test_every_user_of_a_shared_fixture_is_in_its_unit(request: pytest.FixtureRequest) -> None:
    # the session's items: the whole suite when it runs whole (each worker collects all of it)
    strays = [
        (item.nodeid, fixture)
        for item in request.session.items
        for fixture in SHARED_UNITS
        if fixture in getattr(item, "fixturenames", ()) and work_unit(item.nodeid) != fixture
    ]
    assert strays == [], "add these files to SHARED_UNITS in tests/conftest.py"
