"""The web service under gunicorn on 127.0.0.1: requests/s and p99 latency.

Every server gets the same gunicorn settings (``WORKERS`` gevent workers, the worker class that
``twitch-guide serve`` runs) and the same load: ``CONCURRENCY`` keep-alive connections from
client threads in this process, a bounded number of requests and a bounded duration per burst.
Bodies are the realistic session mix of ``benchmarks.warm`` (hello: its same-size twins); with
verification on, each body is signed as Alexa signs it with the test CA of ``tests.web_support``.
The servers take turns, several rounds, and medians are reported, with the server's CPU time per
request (less sensitive to the machine's other load than requests/s).
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, clean_env, free_port, median, percentile, wait_for_port

WORKERS = 2
WORKER_CLASS = "gevent"
CONCURRENCY = 4
SERVERS = ("ours_verified", "ours_unverified", "hello_unverified")


class Server:
    def __init__(self, factory: str, env: dict[str, str]) -> None:
        self.factory = factory
        self.port = free_port()
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(WORKERS),
                "--worker-class",
                WORKER_CLASS,
                "--log-level",
                "warning",
                f"benchmarks.web_apps:{self.factory}()",
            ],
            cwd=ROOT,
            env=clean_env(**self.env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port, timeout=30)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the gunicorn master and its workers.

        Less sensitive to other load on the machine than requests/s: reported next to it.
        """
        assert self.process is not None
        pids = [self.process.pid]
        try:
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            pids += [int(p) for p in children.read_text().split()]
        except OSError:
            pass
        ticks = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks += int(fields[11]) + int(fields[12])  # utime, stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def output(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]


def _load(
    port: int, requests: list[tuple[bytes, dict[str, str]]], total: int, max_seconds: float
) -> dict[str, Any]:
    """``total`` POSTs over ``CONCURRENCY`` keep-alive connections (stopping at ``max_seconds``)."""
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    next_index = [0]
    deadline = time.perf_counter() + max_seconds

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        seen: dict[int, int] = {}
        try:
            while True:
                with lock:
                    index = next_index[0]
                    next_index[0] += 1
                if index >= total or time.perf_counter() > deadline:
                    break
                body, headers = requests[index % len(requests)]
                start = time.perf_counter()
                connection.request("POST", "/", body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                mine.append(time.perf_counter() - start)
                seen[response.status] = seen.get(response.status, 0) + 1
        finally:
            connection.close()
            with lock:
                latencies.extend(mine)
                for status, count in seen.items():
                    statuses[status] = statuses.get(status, 0) + count

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "seconds": round(elapsed, 3),
        "req_per_s": round(len(ordered) / elapsed, 1),
        "p50_ms": round(percentile(ordered, 0.5) * 1000, 3),
        "p99_ms": round(percentile(ordered, 0.99) * 1000, 3),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def _bodies(server: str) -> list[tuple[bytes, dict[str, str]]]:
    from benchmarks import warm
    from tests import web_support

    skill_id = web_support.SKILL_ID
    from skill.app import build_skill, lambda_handler_for
    from skill.simulator.envelopes import Conversation

    handler = lambda_handler_for(build_skill(None, skill_id=skill_id))
    envelopes = warm.session_mix(handler, Conversation(handler, skill_id=skill_id))
    if server.startswith("hello"):
        envelopes = warm.hello_mix(envelopes)
    out = []
    for envelope in envelopes:
        body = web_support.body_of(envelope)
        if server.endswith("_verified"):
            headers = web_support.signed_headers(body)
        else:
            headers = {"Content-Type": "application/json; charset=utf-8"}
        out.append((body, headers))
    return out


def measure(requests: int, rounds: int, max_seconds: float, warmup: int = 100) -> dict[str, Any]:
    """All servers run side by side (idle ones cost nothing); the load goes to one at a time,
    ``rounds`` bursts of ``requests`` each, in turn, so that drift in the machine's other load
    hits every server alike.  Medians over the bursts."""
    from contextlib import ExitStack

    from tests import web_support

    workdir = Path(tempfile.mkdtemp(prefix="bench-web-"))
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in SERVERS}
    try:
        env = web_support.write_pki(workdir)  # WEB_TEST_CERT_DIR and SKILL_ID
        with ExitStack() as stack:
            servers = {name: stack.enter_context(Server(name, env)) for name in SERVERS}
            for round_index in range(rounds):
                shift = round_index % len(SERVERS)
                order = SERVERS[shift:] + SERVERS[:shift]
                for name in order:
                    server = servers[name]
                    bodies = _bodies(name)  # fresh timestamps and signatures for every burst
                    if round_index == 0:  # warm-up: imports, first dispatch, certificate chain
                        _load(server.port, bodies, warmup, max_seconds)
                    cpu_before = server.cpu_seconds()
                    run = _load(server.port, bodies, requests, max_seconds)
                    cpu = server.cpu_seconds() - cpu_before
                    run["server_cpu_us_per_request"] = round(cpu / max(1, run["requests"]) * 1e6, 1)
                    if run["statuses"] != {"200": run["requests"]}:
                        raise RuntimeError(
                            f"web {name}: statuses {run['statuses']}\n{server.output()}"
                        )
                    runs[name].append(run)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    result: dict[str, Any] = {
        "workers": WORKERS,
        "worker_class": WORKER_CLASS,
        "concurrency": CONCURRENCY,
        "rounds": rounds,
        "requests_per_round": requests,
    }
    for name, values in runs.items():
        result[name] = {
            "req_per_s": median(v["req_per_s"] for v in values),
            "p99_ms": median(v["p99_ms"] for v in values),
            "p50_ms": median(v["p50_ms"] for v in values),
            "server_cpu_us_per_request": median(v["server_cpu_us_per_request"] for v in values),
            "runs": values,
        }
    return result


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 500, 1, 20), indent=1))
