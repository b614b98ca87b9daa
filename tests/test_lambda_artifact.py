"""The Lambda zip really runs: unpacked alone, in an isolated interpreter of the runtime's version.

``make lambda`` builds build/lambda.zip.  The zip is unpacked into an empty,
read-only folder and ``lambda_function.handler`` is run by ``python3.13 -I -S``
(no site-packages, no environment, no current directory on ``sys.path``) whose
``sys.path`` holds only that folder, a separate boto3 install standing in for
the one the Lambda runtime ships, and the standard library - the way Lambda
lays out /var/task and /var/runtime.  Envelopes are built here with the
simulator and sent to the child as JSON lines on stdin; the child answers each
with a JSON line.  This is what catches "No module named ask_sdk_core".
"""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import stat
import statistics
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill.simulator.envelopes import DEFAULT_SKILL_ID, Conversation, Slot
from tests.dynamo_server import FAKE_CREDENTIALS, REGION, DynamoServer, dynamo_server
from tools.build_lambda import runtime_python

__all__ = ["dynamo_server"]  # fixture, imported for pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ZIP = ROOT / "build" / "lambda.zip"
TARGET = (3, 13)
DISCLAIMER = "not a substitute for professional medical advice"

#: Runs in the child: Lambda's path layout, then one JSON line in, one JSON line out.
RUNNER = r"""
import json, sys, sysconfig, time
started = time.perf_counter()
task, runtime = sys.argv[1], sys.argv[2]
sys.path[:0] = [task, runtime]
import lambda_function
imported = time.perf_counter() - started
for line in sys.stdin:
    response = lambda_function.handler(json.loads(line), None)
    sys.stdout.write(json.dumps(response) + "\n")
    sys.stdout.flush()

import importlib.util
stdlib = (sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["platstdlib"])
files = {n: getattr(m, "__file__", None) for n, m in list(sys.modules.items())}
outside = sorted(f for f in files.values() if f and not f.startswith((task, runtime, *stdlib)))
bad_pyc, from_task = [], 0
for name, module in list(sys.modules.items()):
    spec = getattr(module, "__spec__", None)
    if spec is None or not spec.origin or not spec.origin.startswith(task):
        continue
    from_task += 1
    try:
        with open(spec.cached, "rb") as pyc:
            header = pyc.read(8)
    except (OSError, TypeError):
        bad_pyc.append(name)
        continue
    flags = int.from_bytes(header[4:8], "little")
    if header[:4] != importlib.util.MAGIC_NUMBER or flags != 0b01:  # unchecked hash
        bad_pyc.append(name)
report = {
    "import_seconds": imported,
    "outside": outside,
    "bad_pyc": bad_pyc,
    "from_task": from_task,
    "requests": "requests" in sys.modules,
    "version": list(sys.version_info[:2]),
}
sys.stdout.write(json.dumps({"report": report}) + "\n")
"""


@pytest.fixture(scope="session")
def python313() -> str:
    python = runtime_python()
    if python is None:
        pytest.skip("no python3.13 (the Lambda runtime's version) to run the artifact with")
    return python


@pytest.fixture(scope="session")
def task_root(python313: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """build/lambda.zip (via ``make lambda``), unpacked into an empty read-only folder."""
    subprocess.run(
        ["make", "-s", "lambda", f"LAMBDA_PYTHON={python313}"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    task = tmp_path_factory.mktemp("var-task")
    with zipfile.ZipFile(ZIP) as archive:
        archive.extractall(task)
    for path in sorted(task.rglob("*"), reverse=True):
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return task


@pytest.fixture(scope="session")
def runtime_root(python313: str) -> Path:
    """boto3 standing in for the runtime's, installed once and cached under build/."""
    version = importlib.metadata.version("boto3")
    target = ROOT / "build" / "runtime-boto3" / f"boto3-{version}-py313"
    if not (target / ".complete").exists():
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run(
            [
                *(python313, "-m", "pip", "install", "--quiet", "--disable-pip-version-check"),
                *("--root-user-action=ignore", "--target", str(target), f"boto3=={version}"),
            ],
            check=True,
            capture_output=True,
        )
        (target / ".complete").write_text(version)
    return target


class Child:
    """A Lambda-like process: the handler of the artifact behind a JSON-lines pipe."""

    def __init__(self, python: str, task: Path, runtime: Path, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [python, "-I", "-S", "-c", RUNNER, str(task), str(runtime)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=task,
        )

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(event) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(timeout=10)
            raise AssertionError(f"the function died:\n{self.process.stderr.read()}")  # type: ignore[union-attr]
        response: dict[str, Any] = json.loads(line)
        return response

    def finish(self) -> dict[str, Any]:
        out, err = self.process.communicate(timeout=30)
        assert self.process.returncode == 0, err
        report: dict[str, Any] = json.loads(out.strip().splitlines()[-1])["report"]
        report["stderr"] = err
        return report


def lambda_env(**extra: str) -> dict[str, str]:
    """What Lambda puts in the environment (no AWS configuration files, no PYTHONPATH)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "SKILL_ID": DEFAULT_SKILL_ID,
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": "/nonexistent/aws-config",
        "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
        "HOME": "/nonexistent",
    }
    env.update(extra)
    return env


@pytest.fixture
def child_factory(python313: str, task_root: Path, runtime_root: Path) -> Iterator[Any]:
    children: list[Child] = []

    def make(**extra: str) -> Child:
        child = Child(python313, task_root, runtime_root, lambda_env(**extra))
        children.append(child)
        return child

    yield make
    for child in children:
        if child.process.poll() is None:
            child.process.kill()
            child.process.wait()


def speech(envelope: dict[str, Any]) -> str:
    return str(envelope["response"]["outputSpeech"]["ssml"])


def converse(child: Child) -> list[dict[str, Any]]:
    conv = Conversation(child, skill_id=DEFAULT_SKILL_ID)
    return [
        conv.launch(),
        conv.intent("CauseCheckIntent", {"cause": Slot("coffee", id="coffee")}),
        conv.end(),
    ]


def check_answers(launch: dict[str, Any], cause: dict[str, Any], ended: dict[str, Any]) -> None:
    assert "Welcome to Muscle Twitch Guide" in speech(launch)
    assert DISCLAIMER in speech(launch)
    assert launch["response"]["shouldEndSession"] is False
    assert "coffee" in speech(cause).lower()
    assert cause["response"]["shouldEndSession"] is False
    assert cause["response"]["reprompt"]["outputSpeech"]["ssml"].startswith("<speak>")
    assert ended["response"] == {} or "outputSpeech" not in ended["response"]


def check_report(report: dict[str, Any]) -> None:
    assert report["version"] == list(TARGET)
    assert report["outside"] == [], "imported from outside the artifact/runtime/stdlib"
    assert report["from_task"] > 50
    assert report["bad_pyc"] == [], "modules without an unchecked-hash pyc for this Python"
    assert not report["requests"]  # left out of the zip on purpose (see tools/build_lambda.py)
    assert "Traceback" not in report["stderr"]


def test_zip_layout(task_root: Path) -> None:
    names = {p.relative_to(task_root).as_posix() for p in task_root.rglob("*") if p.is_file()}
    tops = {name.split("/")[0] for name in names}
    assert "lambda_function.py" in names
    assert {"skill", "ask_sdk_core", "ask_sdk_model", "ask_sdk_runtime"} <= tops
    assert "ask_sdk_dynamodb" not in tops  # skill/dynamodb.py talks to botocore directly
    for runtime_provided in ("boto3", "botocore", "s3transfer", "jmespath", "urllib3", "dateutil"):
        assert runtime_provided not in tops
    tooling_paths = (
        "skill/simulator",
        "skill/evaluation",
        "skill/web",
        "skill/check.py",
        "skill/cli.py",
    )
    for tooling in tooling_paths:
        assert not any(n == tooling or n.startswith(tooling + "/") for n in names), tooling
    assert not any("/tests/" in n or n.endswith("/RECORD") for n in names)
    with zipfile.ZipFile(ZIP) as archive:
        infos = archive.infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_handler_runs_from_the_artifact_alone(child_factory: Any) -> None:
    child = child_factory()
    check_answers(*converse(child))
    check_report(child.finish())


def test_handler_with_dynamodb_table(child_factory: Any, dynamo_server: DynamoServer) -> None:
    child = child_factory(
        TABLE_NAME=dynamo_server.table_name,
        AWS_ENDPOINT_URL_DYNAMODB=dynamo_server.endpoint,
        **FAKE_CREDENTIALS,
    )
    conv = Conversation(child, skill_id=DEFAULT_SKILL_ID)
    check_answers(
        conv.launch(),
        conv.intent("CauseCheckIntent", {"cause": Slot("coffee", id="coffee")}),
        conv.end(),
    )
    back = conv.launch()
    assert "Welcome back" in speech(back)
    report = child.finish()
    check_report(report)
    assert "visit data" not in report["stderr"]  # no storage warning: the table was used
    item = dynamo_server.client().get_item(
        TableName=dynamo_server.table_name, Key={"id": {"S": conv.user_id}}
    )
    assert item["Item"]["visits"] == {"N": "2"}  # top-level, counted by UpdateItem


def test_cold_start(child_factory: Any) -> None:
    """Wall time of a fresh process: import lambda_function and answer one LaunchRequest."""
    walls = []
    for _ in range(5):
        started = time.perf_counter()
        child = child_factory()
        Conversation(child, skill_id=DEFAULT_SKILL_ID).launch()
        child.finish()
        walls.append(time.perf_counter() - started)
    median = statistics.median(walls)
    print(f"\ncold start (import + LaunchRequest), median of 5: {median * 1000:.0f} ms")
    assert median < 5.0


if __name__ == "__main__":  # pragma: no cover - a manual measurement helper
    sys.exit(pytest.main([__file__, "-q", "-s", "-k", "cold_start"]))
