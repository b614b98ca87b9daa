"""Shared helpers: paths, statistics, child environments, free ports."""

from __future__ import annotations

import os
import socket
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
REFS = BENCH / "refs"
LAMBDA_DIR = ROOT / "lambda"
BUILD = ROOT / "build"
LAMBDA_ZIP = BUILD / "lambda.zip"
RESULTS = BENCH / "results"
PYTHON = sys.executable

#: Environment variables that would change what a child process does; removed for every child.
_SCRUB_PREFIXES = ("AWS_", "PYTHON", "SKILL_", "TABLE_NAME", "TWITCH_GUIDE_")

#: Table of the skill in the local DynamoDB (key ``id``, as in template.yaml).
OURS_TABLE = "twitch-guide-bench"
NAIVE_TABLE = "naive-persistent-bench"


def median(values: Iterable[float]) -> float:
    return float(statistics.median(list(values)))


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted sequence."""
    if not sorted_values:
        raise ValueError("no values")
    rank = max(1, min(len(sorted_values), round(fraction * len(sorted_values) + 0.5)))
    return float(sorted_values[rank - 1])


def clean_env(**extra: str) -> dict[str, str]:
    """The parent's environment minus anything that configures the skill, AWS or Python."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(_SCRUB_PREFIXES)}
    env.update(extra)
    return env


def aws_env(endpoint: str, table: str | None = None) -> dict[str, str]:
    """Dummy credentials, us-east-1 and the local DynamoDB endpoint (no real AWS is reachable)."""
    env = {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_REGION": "us-east-1",
        "AWS_ENDPOINT_URL_DYNAMODB": endpoint,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_CONFIG_FILE": "/nonexistent/aws-config",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
    }
    if table is not None:
        env["TABLE_NAME"] = table
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on 127.0.0.1:{port}") from None
            time.sleep(0.05)
