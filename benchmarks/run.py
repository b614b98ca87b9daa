"""``python -m benchmarks [--smoke] [--out PATH] [--only SECTION,...]``.

Runs every measurement against its reference in the same run and prints one Markdown table
(figure, ours, reference, ratio, target, pass/fail); the same rows, the raw figures and the
machine (CPU count, load, Python and package versions) go to ``benchmarks/results/latest.json``.
``--smoke`` runs everything once with tiny counts (seconds, for ``make test``): its figures mean
nothing and it asserts no target.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from benchmarks.common import LAMBDA_ZIP, NAIVE_TABLE, OURS_TABLE, RESULTS

SECTIONS = ("cold", "warm", "zip", "web", "ddb", "sim")
PACKAGES = (
    "ask-sdk-core",
    "ask-sdk-model",
    "ask-sdk-runtime",
    "ask-sdk",
    "ask-sdk-dynamodb-persistence-adapter",
    "boto3",
    "botocore",
    "flask",
    "flask-ask-sdk",
    "gunicorn",
    "cryptography",
    "moto",
    "rapidfuzz",
)


@dataclass(frozen=True)
class Settings:
    cold_runs: int
    cold_warmup: int
    warm_invocations: int
    web_requests: int
    web_rounds: int
    web_max_seconds: float
    sim_runs: int
    sim_warmup: int
    sim_batch_lines: int


FULL = Settings(
    cold_runs=21,
    cold_warmup=2,
    warm_invocations=10_000,
    web_requests=1_000,
    web_rounds=7,
    web_max_seconds=20.0,
    sim_runs=10,
    sim_warmup=2,
    sim_batch_lines=700,
)
SMOKE = Settings(
    cold_runs=1,
    cold_warmup=1,
    warm_invocations=200,
    web_requests=40,
    web_rounds=1,
    web_max_seconds=10.0,
    sim_runs=1,
    sim_warmup=0,
    sim_batch_lines=14,
)


@dataclass
class Row:
    id: str
    figure: str
    unit: str
    ours: float | None
    reference: float | None
    reference_name: str | None
    ratio: float | None
    target: str
    passed: bool | None  # None: informational, or skipped
    note: str = ""


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None


def _check(value: float | None, op: str, limit: float) -> bool | None:
    if value is None:
        return None
    return value <= limit if op == "<=" else value >= limit


def ratio_row(
    id: str,
    figure: str,
    unit: str,
    ours: float | None,
    reference: float | None,
    reference_name: str,
    op: str | None = None,
    limit: float | None = None,
    note: str = "",
) -> Row:
    ratio = _ratio(ours, reference)
    if op is None or limit is None:
        return Row(id, figure, unit, ours, reference, reference_name, ratio, "info", None, note)
    target = f"ratio {'≤' if op == '<=' else '≥'} {limit:g}"
    return Row(
        id,
        figure,
        unit,
        ours,
        reference,
        reference_name,
        ratio,
        target,
        _check(ratio, op, limit),
        note,
    )


def value_row(
    id: str,
    figure: str,
    unit: str,
    ours: float | None,
    op: str,
    limit: float,
    reference: float | None = None,
    reference_name: str | None = None,
    note: str = "",
) -> Row:
    target = f"{'≤' if op == '<=' else '≥'} {limit:g} {unit}"
    return Row(
        id,
        figure,
        unit,
        ours,
        reference,
        reference_name,
        _ratio(ours, reference),
        target,
        _check(ours, op, limit),
        note,
    )


def skipped(id: str, figure: str, unit: str, target: str, note: str) -> Row:
    return Row(id, figure, unit, None, None, None, None, target, None, f"skipped: {note}")


FIRST_PROCESS = "`twitch-guide ask` first process, empty resolver cache (wall)"

#: Every row id, in table order (the smoke test checks that each one is present).
ROW_IDS = (
    "cold_ours_hello",
    "cold_ours_de_hello",
    "cold_ours_apl_hello",
    "cold_ddb_naive",
    "cold_artifact_ours_hello",
    "cold_artifact_ddb_naive",
    "cold_ours_floor",
    "warm_p50",
    "warm_apl_p50",
    "warm_p99",
    "response_bytes",
    "rss_ours_hello",
    "rss_ddb_naive",
    "zip_size",
    "web_verify_rps",
    "web_verify_p99",
    "web_ours_hello_rps",
    "ddb_requests",
    "sim_one_process",
    "sim_first_process",
    "sim_batch",
)


def cold_rows(cold: dict[str, Any]) -> list[Row]:
    def ms(name: str) -> float | None:
        entry = cold.get(name)
        return entry["wall_ms_median"] if entry else None

    def mib(name: str) -> float | None:
        entry = cold.get(name)
        return entry["rss_mib_median"] if entry else None

    rows = [
        ratio_row(
            "cold_ours_hello",
            "cold start, ours (no table) / hello",
            "ms",
            ms("ours"),
            ms("hello"),
            "hello",
            "<=",
            1.3,
        ),
        ratio_row(
            "cold_ours_de_hello",
            "cold start, ours with a de-DE request / hello",
            "ms",
            ms("ours_de"),
            ms("hello"),
            "hello",
            "<=",
            1.3,
        ),
        ratio_row(
            "cold_ours_apl_hello",
            "cold start from an Echo Show (APL document), ours / hello (same request)",
            "ms",
            ms("ours_apl"),
            ms("hello_apl"),
            "hello",
            "<=",
            1.3,
        ),
        ratio_row(
            "cold_ddb_naive",
            "cold start with DynamoDB, ours / naive-persistent",
            "ms",
            ms("ours_ddb"),
            ms("naive"),
            "naive-persistent",
            "<=",
            0.8,
        ),
    ]
    artifact = cold.get("artifact") or {"skipped": "not measured"}
    if "skipped" in artifact:
        note = artifact["skipped"]
        rows += [
            skipped(
                "cold_artifact_ours_hello",
                "cold start from lambda.zip (python3.13 -I -S), ours / hello",
                "ms",
                "ratio ≤ 1.3",
                note,
            ),
            skipped(
                "cold_artifact_ddb_naive",
                "cold start from lambda.zip (python3.13 -I -S), DynamoDB: ours / naive",
                "ms",
                "ratio ≤ 0.8",
                note,
            ),
        ]
    else:
        rows += [
            ratio_row(
                "cold_artifact_ours_hello",
                "cold start from lambda.zip (python3.13 -I -S), ours / hello",
                "ms",
                ms("artifact_ours"),
                ms("artifact_hello"),
                "hello, same interpreter",
                "<=",
                1.3,
            ),
            ratio_row(
                "cold_artifact_ddb_naive",
                "cold start from lambda.zip (python3.13 -I -S), DynamoDB: ours / naive",
                "ms",
                ms("artifact_ours_ddb"),
                ms("artifact_naive"),
                "naive-persistent, same interpreter",
                "<=",
                0.8,
            ),
        ]
    rows += [
        ratio_row(
            "cold_ours_floor",
            "cold start, ours (no table) / floor (bare handler)",
            "ms",
            ms("ours"),
            ms("floor"),
            "floor",
        ),
    ]
    return rows


def build_rows(raw: dict[str, Any]) -> list[Row]:
    rows: list[Row] = []
    cold = raw.get("cold")
    if cold is not None:
        rows += cold_rows(cold)
    warm = raw.get("warm")
    if warm is not None:
        rows += [
            ratio_row(
                "warm_p50",
                "warm p50, ours / hello",
                "ms",
                warm["ours"]["p50_ms"],
                warm["hello"]["p50_ms"],
                "hello",
                "<=",
                1.25,
            ),
            ratio_row(
                "warm_apl_p50",
                f"warm p50 from {warm.get('screen_device', 'a screen')} (APL), ours / hello",
                "ms",
                warm.get("ours_apl", {}).get("p50_ms"),
                warm.get("hello_apl", {}).get("p50_ms"),
                "hello",
                "<=",
                1.25,
            ),
            value_row(
                "warm_p99",
                "warm p99, ours",
                "ms",
                warm["ours"]["p99_ms"],
                "<=",
                1.0,
                warm["hello"]["p99_ms"],
                "hello",
            ),
        ]
        largest = warm.get("largest_response") or {}
        if largest:
            per_device = ", ".join(f"{name} {entry['bytes']}" for name, entry in largest.items())
            rows.append(
                value_row(
                    "response_bytes",
                    "largest response on any device (bytes, JSON)",
                    "bytes",
                    max(entry["bytes"] for entry in largest.values()),
                    "<=",
                    24 * 1024,
                    note=per_device,
                )
            )
    if cold is not None:

        def mib(name: str) -> float | None:
            entry = cold.get(name)
            return entry["rss_mib_median"] if entry else None

        rows += [
            ratio_row(
                "rss_ours_hello",
                "peak RSS of the cold process, ours / hello",
                "MiB",
                mib("ours"),
                mib("hello"),
                "hello",
                "<=",
                1.5,
            ),
            ratio_row(
                "rss_ddb_naive",
                "peak RSS with DynamoDB, ours / naive-persistent",
                "MiB",
                mib("ours_ddb"),
                mib("naive"),
                "naive-persistent",
            ),
        ]
    if "zip" in raw:
        size = raw["zip"]
        if size is None:
            rows.append(
                skipped(
                    "zip_size",
                    "Lambda zip size",
                    "MiB",
                    "≤ 5 MiB",
                    "build/lambda.zip absent: run `make lambda` first",
                )
            )
        else:
            rows.append(
                value_row("zip_size", "Lambda zip size", "MiB", round(size / 2**20, 3), "<=", 5.0)
            )
    web = raw.get("web")
    if web is not None:
        if "skipped" in web:
            rows += [
                skipped(
                    "web_verify_rps",
                    "web req/s, verification on / off",
                    "req/s",
                    "ratio ≥ 0.85",
                    web["skipped"],
                ),
                skipped(
                    "web_verify_p99", "web p99, verification on / off", "ms", "info", web["skipped"]
                ),
                skipped(
                    "web_ours_hello_rps",
                    "web req/s, ours / hello (both unverified)",
                    "req/s",
                    "info",
                    web["skipped"],
                ),
            ]
        else:
            on, off, hello = web["ours_verified"], web["ours_unverified"], web["hello_unverified"]
            setup = (
                f"gunicorn {web['worker_class']}, {web['workers']} workers,"
                f" {web['concurrency']} keep-alive clients, median of {web['rounds']};"
                f" server CPU per request {on['server_cpu_us_per_request']:g} µs on,"
                f" {off['server_cpu_us_per_request']:g} µs off"
            )
            rows += [
                ratio_row(
                    "web_verify_rps",
                    "web req/s, verification on / off",
                    "req/s",
                    on["req_per_s"],
                    off["req_per_s"],
                    "ours, verification off",
                    ">=",
                    0.85,
                    setup,
                ),
                ratio_row(
                    "web_verify_p99",
                    "web p99, verification on / off",
                    "ms",
                    on["p99_ms"],
                    off["p99_ms"],
                    "ours, verification off",
                ),
                ratio_row(
                    "web_ours_hello_rps",
                    "web req/s, ours / hello (both unverified)",
                    "req/s",
                    off["req_per_s"],
                    hello["req_per_s"],
                    "hello, flask-ask-sdk",
                ),
            ]
    ddb = raw.get("ddb")
    if ddb is not None:
        ours, naive = ddb["ours"], ddb["naive"]
        note = "ours " + ", ".join(f"{k} {v}" for k, v in sorted(ours["by_operation"].items()))
        note += "; naive " + ", ".join(f"{k} {v}" for k, v in sorted(naive["by_operation"].items()))
        rows.append(
            value_row(
                "ddb_requests",
                "DynamoDB requests per 5-turn session",
                "requests",
                ours["requests"],
                "<=",
                2,
                naive["requests"],
                "naive-persistent",
                note,
            )
        )
    if "sim" in raw:
        sim = raw["sim"]
        if sim is None:
            note = "skill/simulator/cli.py not there yet"
            rows += [
                skipped(
                    "sim_one_process", "`twitch-guide ask` one process (wall)", "s", "≤ 0.6 s", note
                ),
                skipped("sim_first_process", FIRST_PROCESS, "s", "info", note),
                skipped(
                    "sim_batch",
                    "simulator batch (stdin)",
                    "utterances/s",
                    "≥ 200 utterances/s",
                    note,
                ),
            ]
        else:
            rows += [
                value_row(
                    "sim_one_process",
                    "`twitch-guide ask` one process (wall)",
                    "s",
                    sim["one_process_s"],
                    "<=",
                    0.6,
                ),
                ratio_row(
                    "sim_first_process",
                    FIRST_PROCESS,
                    "s",
                    sim["first_process_s"],
                    None,
                    "",
                    note="builds the resolver and caches it; later processes load it",
                ),
                value_row(
                    "sim_batch",
                    "simulator batch (stdin)",
                    "utterances/s",
                    sim["utterances_per_s"],
                    ">=",
                    200,
                    note=f"{sim['batch_lines']} lines",
                ),
            ]
    return rows


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        text = f"{value:,}"
    else:
        text = f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return f"{text} {unit}".strip()


def table(rows: list[Row], smoke: bool) -> str:
    lines = [
        "| figure | ours | reference | ratio | target | result |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        if row.passed is None:
            result = "skipped" if row.note.startswith("skipped") else "info"
        else:
            result = "pass" if row.passed else "**FAIL**"
        if smoke and row.passed is not None:
            result = f"({result}, smoke)"
        reference = _fmt(row.reference, row.unit)
        if row.reference is not None and row.reference_name:
            reference = f"{reference} ({row.reference_name})"
        figure = row.figure + (f" — {row.note}" if row.note else "")
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}"
        ours = _fmt(row.ours, row.unit)
        lines.append(f"| {figure} | {ours} | {reference} | {ratio} | {row.target} | {result} |")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "packages": versions,
        "loadavg_start": list(os.getloadavg()),
    }


def run(
    settings: Settings, sections: tuple[str, ...], log: Callable[[str], None]
) -> dict[str, Any]:
    raw: dict[str, Any] = {}
    started = time.perf_counter()
    needs_moto = "cold" in sections or "ddb" in sections
    from contextlib import ExitStack

    with ExitStack() as stack:
        endpoint = None
        if needs_moto:
            from benchmarks.moto import MotoServer

            log("starting moto server")
            moto = stack.enter_context(MotoServer())
            moto.create_table(OURS_TABLE)
            endpoint = moto.endpoint
        if "cold" in sections:
            from benchmarks import cold

            log("cold starts")
            raw["cold"] = cold.measure(
                settings.cold_runs, settings.cold_warmup, endpoint, OURS_TABLE, NAIVE_TABLE
            )
        if "ddb" in sections:
            from benchmarks import ddb

            log("DynamoDB requests per session")
            raw["ddb"] = ddb.measure(endpoint, OURS_TABLE, NAIVE_TABLE)  # type: ignore[arg-type]
    if "warm" in sections:
        from benchmarks import warm

        log("warm latency")
        raw["warm"] = warm.measure(settings.warm_invocations)
    if "zip" in sections:
        raw["zip"] = LAMBDA_ZIP.stat().st_size if LAMBDA_ZIP.exists() else None
    if "web" in sections:
        from benchmarks import web

        log("web service")
        try:
            raw["web"] = web.measure(
                settings.web_requests, settings.web_rounds, settings.web_max_seconds
            )
        except ImportError as error:
            raw["web"] = {"skipped": f"web service not importable: {error}"}
    if "sim" in sections:
        from benchmarks import sim

        log("simulator")
        raw["sim"] = sim.measure(settings.sim_runs, settings.sim_warmup, settings.sim_batch_lines)
    raw["seconds"] = round(time.perf_counter() - started, 1)
    return raw


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--smoke", action="store_true", help="tiny counts, no meaning: keeps it working"
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json", help="JSON output")
    parser.add_argument(
        "--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}"
    )
    args = parser.parse_args(argv)
    sections = tuple(s.strip() for s in args.only.split(",") if s.strip())
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections: {', '.join(sorted(unknown))}")
    settings = SMOKE if args.smoke else FULL

    def log(message: str) -> None:
        print(f"bench: {message}", file=sys.stderr, flush=True)

    info = machine()
    raw = run(settings, sections, log)
    info["loadavg_end"] = list(os.getloadavg())
    rows = build_rows(raw)
    failed = [row.id for row in rows if row.passed is False]
    document = {
        "generated": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "smoke": args.smoke,
        "settings": asdict(settings),
        "machine": info,
        "rows": [asdict(row) for row in rows],
        "failed": failed,
        "raw": raw,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, indent=2) + "\n")
    header = (
        f"{info['cpu_count']} CPUs, Python {info['python']}, load {info['loadavg_start'][0]:.2f}"
        f" -> {info['loadavg_end'][0]:.2f}, {raw['seconds']} s"
        + (" (SMOKE: counts too small to mean anything)" if args.smoke else "")
    )
    print(header + "\n")
    print(table(rows, args.smoke))
    print(f"\nJSON: {args.out}")
    return 0
