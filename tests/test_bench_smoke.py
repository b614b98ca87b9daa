"""``make bench`` keeps working: one run in smoke mode (tiny counts, no timing assertions).

Runs when ``BENCH_SMOKE=1``: ``make test`` (its pytest step) and ``make bench-smoke`` set it.
A bare ``pytest`` skips it, as it starts a moto server, gunicorn and some 40 processes (~20 s).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.run import ROW_IDS

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("BENCH_SMOKE") != "1",
        reason="benchmark smoke run: set BENCH_SMOKE=1 (make test and make bench-smoke do)",
    ),
]


@pytest.fixture(scope="module")
def smoke(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object]]:
    out = tmp_path_factory.mktemp("bench") / "latest.json"
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--smoke", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-5000:]
    return done.stdout, json.loads(out.read_text())


def test_table_has_every_row(smoke: tuple[str, dict[str, object]]) -> None:
    stdout, document = smoke
    rows = document["rows"]
    assert isinstance(rows, list)
    assert [row["id"] for row in rows] == list(ROW_IDS)
    table = [line for line in stdout.splitlines() if line.startswith("| ")]
    assert table[0] == "| figure | ours | reference | ratio | target | result |"
    assert len(table) == 1 + len(ROW_IDS)  # header + one line per row (plus the |---| rule)
    for row, line in zip(rows, table[1:], strict=True):
        assert line.startswith(f"| {row['figure']}")


def test_json_is_well_formed(smoke: tuple[str, dict[str, object]]) -> None:
    _, document = smoke
    assert document["smoke"] is True
    machine = document["machine"]
    assert isinstance(machine, dict)
    assert machine["cpu_count"] and machine["python"]
    assert machine["packages"]["ask-sdk-core"]
    for row in document["rows"]:  # type: ignore[attr-defined]
        assert set(row) >= {"id", "figure", "ours", "reference", "ratio", "target", "passed"}
        if not str(row["note"]).startswith("skipped"):
            assert isinstance(row["ours"], int | float), row
        if row["passed"] is not None:
            assert row["target"] != "info"


def test_skill_measurements_ran(smoke: tuple[str, dict[str, object]]) -> None:
    """The rows that never depend on another part's build are measured, not skipped."""
    _, document = smoke
    rows = document["rows"]
    assert isinstance(rows, list)
    measured = {row["id"] for row in rows if row["ours"] is not None}
    assert {
        "cold_ours_hello",
        "cold_ddb_naive",
        "warm_p50",
        "warm_p99",
        "rss_ours_hello",
    } <= measured
    assert {"ddb_requests"} <= measured
