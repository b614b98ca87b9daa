"""The simulator: one ``twitch-guide ask "..."`` process, and utterances/s in stdin batch mode.

Each run keeps visit data as ``twitch-guide ask`` does by default (a SQLite file), but in a
temporary file of its own (``--db``): never in the developer's store under HOME. Built resolvers
are cached in a temporary directory of the run's own (``XDG_CACHE_HOME``): the first process
finds it empty and builds (reported on its own), the measured ones load what it stored.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, clean_env, median

QUESTION = "alexa, ask muscle twitch guide why my calf twitches"
#: A mix of phrasings for batch mode (launch, questions, follow-ups, built-ins, out of domain).
BATCH_LINES = (
    "open muscle twitch guide",
    "why does my eyelid keep twitching",
    "yes",
    "can coffee cause twitching",
    "what can i do about it",
    "repeat that",
    "could it be a. l. s.",
    "no",
    "what is a fasciculation",
    "twitching when falling asleep",
    "when should i see a doctor",
    "what's the weather",
    "help",
    "stop",
)


def command() -> list[str] | None:
    """``twitch-guide`` from the same environment, or None when the simulator is not there."""
    if not (ROOT / "skill" / "simulator" / "cli.py").exists():
        return None
    script = Path(sys.executable).with_name("twitch-guide")
    if script.exists():
        return [str(script)]
    found = shutil.which("twitch-guide")
    return [found] if found else [sys.executable, "-m", "skill.cli"]


def _run(args: list[str], env: dict[str, str], stdin: bytes | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, input=stdin, capture_output=True, env=env, cwd=ROOT, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"{args} failed ({done.returncode}):\n{done.stderr.decode()[-3000:]}")
    return wall


def measure(runs: int, warmup: int, batch_lines: int) -> dict[str, Any] | None:
    found = command()
    if found is None:
        return None
    with tempfile.TemporaryDirectory(prefix="bench-sim-") as directory:
        env = clean_env(XDG_CACHE_HOME=str(Path(directory) / "cache"))
        base = [*found, "ask", "--db", str(Path(directory) / "visits.sqlite3")]
        one = [*base, QUESTION]
        first = _run(one, env)  # an empty cache: this one builds the resolver and stores it
        for _ in range(warmup):
            _run(one, env)
        walls = [_run(one, env) for _ in range(runs)]
        lines = [BATCH_LINES[i % len(BATCH_LINES)] for i in range(batch_lines)]
        stdin = ("\n".join(lines) + "\n").encode()
        batch_walls = [_run(base, env, stdin) for _ in range(max(1, runs // 3))]
    batch = median(batch_walls)
    return {
        "first_process_s": round(first, 4),
        "one_process_s": round(median(walls), 4),
        "one_process_all_s": [round(w, 4) for w in walls],
        "batch_lines": batch_lines,
        "batch_s": round(batch, 4),
        "utterances_per_s": round(batch_lines / batch, 1),
    }
