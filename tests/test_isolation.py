"""The run never touches the developer's own visit data (see ``isolated_home`` in conftest)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REAL_HOMES, REAL_STORE_AT_START, ROOT, RUN_CACHE, STORE, store_state


def test_the_run_has_its_own_home_and_store(isolated_home: Path) -> None:
    assert Path(os.environ["HOME"]) == isolated_home
    assert Path.home() == isolated_home
    assert Path(os.environ["TWITCH_GUIDE_DB"]).parent == isolated_home
    assert "TABLE_NAME" not in os.environ
    assert all(not home.is_relative_to(isolated_home) for home in REAL_HOMES)


def test_built_resolvers_are_cached_outside_the_developers_home() -> None:
    """The resolver cache of the run (tests/conftest.py), set before collection builds one."""
    from skill.simulator.cache import cache_dir

    where = cache_dir()
    assert where is not None and where.is_relative_to(RUN_CACHE)
    assert all(not where.is_relative_to(home) for home in REAL_HOMES)


def test_the_simulators_default_store_is_under_the_runs_home(isolated_home: Path) -> None:
    """`twitch-guide ask` without --db or $TWITCH_GUIDE_DB writes below HOME: the run's own."""
    env = {k: v for k, v in os.environ.items() if k != "TWITCH_GUIDE_DB"}
    done = subprocess.run(
        [sys.executable, "-m", "skill.cli", "ask", "help"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (isolated_home / STORE).is_file()


def test_store_state_sees_a_write(tmp_path: Path) -> None:
    """The check below can fail: a write changes the size or the modification time."""
    before = store_state([tmp_path])
    (tmp_path / STORE).parent.mkdir(parents=True)
    (tmp_path / STORE).write_bytes(b"x")
    assert store_state([tmp_path]) != before


@pytest.mark.last
def test_real_store_untouched_by_the_run() -> None:
    """The developer's visit store: as it was when the run started (size, mtime, side files).

    A size and a time cannot tell who wrote: a `twitch-guide chat` (or another checkout's
    test run) writing the same store while this run lasts fails this test too.
    """
    changed = {
        path: (before, after)
        for (path, before), after in zip(
            REAL_STORE_AT_START.items(), store_state(REAL_HOMES).values(), strict=True
        )
        if before != after
    }
    assert not changed, (
        "the real visit store changed during the run (size, mtime_ns before -> after): "
        f"{changed}; unless another process wrote it meanwhile, a test reached it"
    )
