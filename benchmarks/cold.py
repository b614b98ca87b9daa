"""Cold start: a fresh interpreter imports a handler module and answers one LaunchRequest.

Each variant runs in its own process, round-robin with the others (so that a noisy neighbour hits
every variant alike), after warm-up runs that also leave bytecode behind. The parent measures the
wall time from spawn to exit; the child reports its peak RSS (``VmHWM`` read just before it exits)
and the speech it got back, which is checked so that a failing skill cannot look fast.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sysconfig
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import (
    LAMBDA_DIR,
    LAMBDA_ZIP,
    PYTHON,
    REFS,
    ROOT,
    clean_env,
    median,
)
from tools.build_lambda import runtime_python

#: The child: argv = module, paths to prepend, paths to append, event file, strip site-packages.
CHILD = r"""
import sys
def _main():
    import os, json, importlib
    module_name, prepend, append, event_path, strip = sys.argv[1:6]
    if strip == "1":  # belt and braces: -S already leaves site-packages out
        sys.path[:] = [p for p in sys.path if "-packages" not in p]
    sys.path[:0] = [p for p in prepend.split(os.pathsep) if p]
    sys.path.extend(p for p in append.split(os.pathsep) if p)
    with open(event_path, "rb") as f:
        event = json.loads(f.read())
    module = importlib.import_module(module_name)
    response = module.handler(event, None)
    speech = ((response or {}).get("response") or {}).get("outputSpeech") or {}
    hwm = 0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    said = speech.get("ssml") or speech.get("text")
    sys.stdout.write(json.dumps({"hwm_kb": hwm, "speech": said}))
_main()
"""


@dataclass
class Variant:
    name: str
    module: str
    prepend: list[str]
    expect: str  # a word the speech must contain
    env: dict[str, str] = field(default_factory=dict)
    append: list[str] = field(default_factory=list)
    isolated: bool = False  # python -I -S: the standard library only, then prepend + append
    python: str = PYTHON
    #: The LaunchRequest's file name in the work folder (its locale).
    event: str = "launch.json"
    walls: list[float] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    def command(self, event_path: Path) -> list[str]:
        flags = ["-I", "-S"] if self.isolated else []
        return [
            self.python,
            *flags,
            "-c",
            CHILD,
            self.module,
            os.pathsep.join(self.prepend),
            os.pathsep.join(self.append),
            str(event_path),
            "1" if self.isolated else "0",
        ]

    def run_once(self, event_path: Path) -> tuple[float, int]:
        command = self.command(event_path)
        env = clean_env(**self.env)
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, check=False)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise RuntimeError(
                f"cold start {self.name} failed ({done.returncode}):\n"
                + done.stderr.decode()[-3000:]
            )
        report = json.loads(done.stdout)
        if self.expect not in (report.get("speech") or ""):
            raise RuntimeError(
                f"cold start {self.name}: unexpected speech {report.get('speech')!r}\n"
                f"{done.stderr.decode()[-3000:]}"
            )
        return wall, int(report["hwm_kb"])

    def summary(self) -> dict[str, Any]:
        return {
            "wall_ms_median": round(median(self.walls) * 1000, 2),
            "wall_ms_min": round(min(self.walls) * 1000, 2),
            "wall_ms_all": [round(w * 1000, 2) for w in self.walls],
            "rss_mib_median": round(median(self.rss_kb) / 1024, 2),
            "runs": len(self.walls),
        }


def site_packages() -> str:
    return sysconfig.get_paths()["purelib"]


def lambda_handler_module() -> str:
    """The handler module named in template.yaml (``lambda_function.handler`` by default)."""
    template = ROOT / "template.yaml"
    if template.exists():
        match = re.search(r"^\s*Handler:\s*['\"]?([\w.]+)\.handler\b", template.read_text(), re.M)
        if match:
            return match.group(1)
    return "lambda_function"


def runtime_boto3() -> Path | None:
    """The boto3 directory standing in for the runtime's (made by the artifact test)."""
    found = sorted((ROOT / "build" / "runtime-boto3").glob("boto3-*-py313/.complete"))
    return found[-1].parent if found else None


@dataclass
class Artifact:
    unpacked: Path
    runtime: Path
    python: str
    note: str


def unpack_artifact(workdir: Path) -> Artifact | str:
    """build/lambda.zip unpacked read-only (as in Lambda's /var/task), or why it cannot run."""
    if not LAMBDA_ZIP.exists():
        return "build/lambda.zip absent: run `make lambda` first"
    python = runtime_python()
    if python is None:
        return "no python3.13 (the Lambda runtime's version) to run the artifact with"
    unpacked = workdir / "var-task"
    with zipfile.ZipFile(LAMBDA_ZIP) as archive:
        archive.extractall(unpacked)
    for path in sorted(unpacked.rglob("*"), reverse=True):
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    runtime = runtime_boto3()
    note = "boto3 from build/runtime-boto3"
    if runtime is None:  # boto3 is pure Python: the development environment's copy will do
        runtime = Path(site_packages())
        note = "boto3 from the development environment (build/runtime-boto3 absent)"
    return Artifact(unpacked, runtime, python, note)


def variants(
    endpoint: str | None, ours_table: str, naive_table: str, artifact: Artifact | None
) -> list[Variant]:
    from benchmarks.common import aws_env

    refs = [str(REFS)]
    ours = [str(LAMBDA_DIR), str(ROOT)]
    found = [
        Variant("floor", "floor", refs, "Hello"),
        Variant("hello", "hello", refs, "Welcome"),
        Variant("ours", "lambda_function", ours, "Welcome"),
        # A German request: the German catalog instead of the English one.
        Variant("ours_de", "lambda_function", ours, "Willkommen", event="launch-de.json"),
        # A launch from a device with a screen (the answer is rendered as an APL document too),
        # against hello given the same request.
        Variant("hello_apl", "hello", refs, "Welcome", event="launch-show.json"),
        Variant("ours_apl", "lambda_function", ours, "Welcome", event="launch-show.json"),
    ]
    if endpoint is not None:
        found += [
            Variant("ours_ddb", "lambda_function", ours, "Welcome", aws_env(endpoint, ours_table)),
            Variant("naive", "naive_persistent", refs, "Welcome", aws_env(endpoint, naive_table)),
        ]
    if artifact is not None:
        # The references get the same interpreter and isolation; their packages come from the
        # development environment, after the runtime's boto3 (as they would be in a zip).
        packed = [str(artifact.unpacked), str(artifact.runtime)]
        module = lambda_handler_module()
        deps = [str(artifact.runtime), site_packages()]
        isolated: dict[str, Any] = {"isolated": True, "python": artifact.python}
        found += [
            Variant("artifact_hello", "hello", refs, "Welcome", append=deps, **isolated),
            Variant("artifact_ours", module, packed, "Welcome", **isolated),
        ]
        if endpoint is not None:
            found += [
                Variant(
                    "artifact_naive",
                    "naive_persistent",
                    refs,
                    "Welcome",
                    aws_env(endpoint, naive_table),
                    append=deps,
                    **isolated,
                ),
                Variant(
                    "artifact_ours_ddb",
                    module,
                    packed,
                    "Welcome",
                    aws_env(endpoint, ours_table),
                    **isolated,
                ),
            ]
    return found


def launch_event(locale: str = "en-US", device: str = "echo-dot") -> dict[str, Any]:
    from skill.simulator.devices import DEVICES
    from skill.simulator.envelopes import build_envelope, launch_request

    return build_envelope(launch_request(locale), device=DEVICES[device])


def measure(
    runs: int,
    warmup: int,
    endpoint: str | None,
    ours_table: str,
    naive_table: str,
) -> dict[str, Any]:
    """Cold-start figures of every variant; ``artifact`` is None when build/lambda.zip is absent."""
    workdir = Path(tempfile.mkdtemp(prefix="bench-cold-"))
    try:
        unpacked = unpack_artifact(workdir)
        artifact = unpacked if isinstance(unpacked, Artifact) else None
        event_path = workdir / "launch.json"
        event_path.write_text(json.dumps(launch_event()))
        (workdir / "launch-de.json").write_text(json.dumps(launch_event("de-DE")))
        (workdir / "launch-show.json").write_text(json.dumps(launch_event(device="echo-show-8")))
        chosen = variants(endpoint, ours_table, naive_table, artifact)
        for variant in chosen:
            for _ in range(warmup):  # writes bytecode, creates the naive table, warms the cache
                variant.run_once(workdir / variant.event)
        for round_index in range(runs):
            # Rotate the order so that no variant always runs right after the same neighbour.
            shift = round_index % len(chosen)
            for variant in chosen[shift:] + chosen[:shift]:
                wall, rss = variant.run_once(workdir / variant.event)
                variant.walls.append(wall)
                variant.rss_kb.append(rss)
        result: dict[str, Any] = {v.name: v.summary() for v in chosen}
        result["artifact"] = (
            {
                "zip": str(LAMBDA_ZIP),
                "handler_module": lambda_handler_module(),
                "python": artifact.python,
                "note": artifact.note,
            }
            if artifact is not None
            else {"skipped": unpacked}
        )
        return result
    finally:
        for path in workdir.rglob("*"):  # make the read-only copy removable again
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | stat.S_IWUSR)
        shutil.rmtree(workdir, ignore_errors=True)
