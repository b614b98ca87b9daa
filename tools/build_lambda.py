"""Build the Lambda artifact: the skill, its entry point and its runtime dependencies.

Run it with the interpreter of the Lambda runtime (python3.13): bytecode is
compiled in-process, and a ``.pyc`` is only used by the Python version that wrote it.

    python3.13 tools/build_lambda.py --dir OUT          # unpacked (sam build: $ARTIFACTS_DIR)
    python3.13 tools/build_lambda.py --zip build/lambda.zip   # reproducible zip (make lambda)

What goes in:
* ``lambda_function.py`` at the root (the handler ``lambda_function.handler``);
* the ``skill`` package without development tooling (simulator, NLU evaluation, web
  service, self-check, command line);
* ``RUNTIME_PACKAGES``, pinned, installed with ``--no-deps`` for
  manylinux2014_aarch64 / CPython 3.13 wheels only.  Their own requirements are
  checked against ``PROVIDED_BY_RUNTIME`` (boto3 and its dependencies ship with
  the Lambda Python runtime) and ``NOT_IMPORTED`` (``requests``: only
  ``ask_sdk_core.api_client`` imports it, and the skill uses no API client).
  The artifact test runs the handler with nothing else on ``sys.path``.

Bytecode is compiled with ``--invalidation-mode unchecked-hash``: Lambda's code
directory is read-only, so the interpreter can never write a ``.pyc`` there;
timestamp pycs would only be used if the unzipped files kept the exact mtimes
recorded in the pyc, which depends on how Lambda extracts the zip.  Unchecked
hash pycs are used as they are, without reading or hashing the source, and a
stale pyc is impossible because the code cannot change after deployment.

Entries of the zip are sorted and carry a fixed timestamp, and hash-based pycs
contain no build time, so the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import compileall
import hashlib
import os
import py_compile
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / "build" / "lambda-deps"

TARGET_PYTHON = (3, 13)
PLATFORM = "manylinux2014_aarch64"

#: What the function imports besides the standard library and the runtime's boto3.
RUNTIME_PACKAGES = (
    "ask-sdk-core==1.19.0",
    "ask-sdk-model==1.82.0",
    "ask-sdk-runtime==1.19.0",
)
#: Shipped with the Lambda Python runtime (boto3 and what it depends on).
PROVIDED_BY_RUNTIME = frozenset(
    {"boto3", "botocore", "s3transfer", "jmespath", "urllib3", "python-dateutil", "six"}
)
#: Declared by a package above but never imported by the skill (see the module docstring).
NOT_IMPORTED = frozenset({"requests"})

#: Parts of ``skill`` that are development or web tooling, not the Lambda function.
SKILL_EXCLUDED = (
    "simulator", "web", "studio", "evaluation", "check.py", "safety_check.py", "apl_check.py",
    "cli.py", "model_rules.py", "models.py",
)  # fmt: skip
#: Files of the installed distributions that nothing reads at run time.
DIST_INFO_KEPT = re.compile(r"^(METADATA|LICEN[CS]E.*|NOTICE.*|licenses)$")

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def runtime_python() -> str | None:
    """An interpreter of the runtime's Python: $LAMBDA_PYTHON, python3.13, or pyenv's 3.13.

    Used by the artifact test and the benchmark to run the zip as Lambda would.
    """
    version = ".".join(map(str, TARGET_PYTHON))
    candidates = [os.environ.get("LAMBDA_PYTHON"), shutil.which(f"python{version}")]
    candidates += sorted(
        str(p) for p in Path.home().glob(f".pyenv/versions/{version}*/bin/python{version}")
    )
    for candidate in candidates:
        if not candidate:
            continue
        probe = subprocess.run(
            [candidate, "-c", f"import sys; print(sys.version_info[:2] == {TARGET_PYTHON!r})"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.stdout.strip() == "True":
            return candidate
    return None


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def install_dependencies() -> Path:
    """Install RUNTIME_PACKAGES into a cache directory (reused while the pins are the same)."""
    key = hashlib.sha256(repr((RUNTIME_PACKAGES, PLATFORM, TARGET_PYTHON)).encode()).hexdigest()[
        :12
    ]
    target = CACHE / key
    if (target / ".complete").exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    version = "".join(map(str, TARGET_PYTHON))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--root-user-action=ignore",
            "--no-deps",
            "--no-compile",
            "--target",
            str(target),
            "--platform",
            PLATFORM,
            "--only-binary=:all:",
            "--python-version",
            version,
            "--implementation",
            "cp",
            *RUNTIME_PACKAGES,
        ],
        check=True,
    )
    (target / ".complete").write_text("\n".join(RUNTIME_PACKAGES) + "\n")
    return target


def check_requirements(deps: Path) -> None:
    """Every requirement of an installed package is installed, provided or known unused."""
    from pip._vendor.packaging.requirements import Requirement  # pip is here anyway

    environment = {
        "python_version": ".".join(map(str, TARGET_PYTHON)),
        "python_full_version": ".".join(map(str, TARGET_PYTHON)) + ".0",
        "platform_machine": "aarch64",
        "sys_platform": "linux",
        "platform_system": "Linux",
        "implementation_name": "cpython",
        "platform_python_implementation": "CPython",
        "os_name": "posix",
        "extra": "",
    }
    installed = set()
    required: dict[str, str] = {}
    for metadata in deps.glob("*.dist-info/METADATA"):
        text = metadata.read_text(encoding="utf-8")
        name = re.search(r"^Name: (.+)$", text, re.MULTILINE)
        assert name is not None, metadata
        installed.add(normalize(name.group(1)))
        for line in re.findall(r"^Requires-Dist: (.+)$", text, re.MULTILINE):
            requirement = Requirement(line)
            if requirement.marker is not None and not requirement.marker.evaluate(environment):
                continue  # an extra, or an old Python (enum34, typing)
            required[normalize(requirement.name)] = name.group(1)
    missing = {
        req: by
        for req, by in required.items()
        if req not in installed and req not in PROVIDED_BY_RUNTIME and req not in NOT_IMPORTED
    }
    if missing:
        raise SystemExit(f"build_lambda: requirements not in the artifact: {missing}")


def _ignore_skill(directory: str, names: list[str]) -> set[str]:
    ignored = {n for n in names if n == "__pycache__" or n.endswith((".pyc", ".pyo"))}
    if Path(directory).resolve() == (ROOT / "skill").resolve():
        ignored |= set(SKILL_EXCLUDED) & set(names)
    return ignored


def stage(out: Path) -> None:
    """Fill ``out`` (created, must be empty or absent) with the artifact's files."""
    if sys.version_info[:2] != TARGET_PYTHON:
        raise SystemExit(
            f"build_lambda: run with python{'.'.join(map(str, TARGET_PYTHON))} "
            f"(the Lambda runtime's version), not {sys.version.split()[0]}"
        )
    deps = install_dependencies()
    check_requirements(deps)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise SystemExit(f"build_lambda: {out} is not empty")

    for entry in sorted(deps.iterdir()):
        if entry.name.startswith(".") or entry.name in {"bin", "__pycache__"}:
            continue
        if entry.name.endswith(".dist-info"):
            kept = out / entry.name
            kept.mkdir()
            for item in entry.iterdir():
                if DIST_INFO_KEPT.match(item.name):
                    copy = shutil.copytree if item.is_dir() else shutil.copy2
                    copy(item, kept / item.name)
            continue
        shutil.copytree(
            entry,
            out / entry.name,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "tests", "test"),
        )
    shutil.copytree(ROOT / "skill", out / "skill", ignore=_ignore_skill)
    shutil.copy2(ROOT / "lambda" / "lambda_function.py", out / "lambda_function.py")

    # The SDK's docstrings have invalid escapes: warnings about them are noise here.
    warnings.filterwarnings("ignore", category=SyntaxWarning)
    ok = compileall.compile_dir(
        str(out),
        quiet=1,
        workers=1,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        stripdir=str(out),
    )
    if not ok:
        raise SystemExit("build_lambda: byte-compilation failed")


def write_zip(source: Path, destination: Path) -> None:
    """A reproducible zip of ``source``: sorted entries, fixed time, fixed modes."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    files = sorted((p for p in source.rglob("*") if p.is_file()), key=lambda p: p.as_posix())
    partial = destination.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(path.relative_to(source).as_posix(), FIXED_TIME)
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode above is honoured
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    partial.replace(destination)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--dir", type=Path, help="write the unpacked artifact here")
    group.add_argument("--zip", type=Path, help="write the artifact as a zip file here")
    args = parser.parse_args(argv)
    if args.dir is not None:
        stage(args.dir)
        return 0
    with tempfile.TemporaryDirectory(prefix="lambda-") as scratch:
        staged = Path(scratch) / "artifact"
        stage(staged)
        write_zip(staged, args.zip)
    return 0


if __name__ == "__main__":
    sys.exit(main())
