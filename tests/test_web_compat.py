"""The compatibility step in skill/web/compat.py (wbond/oscrypto#78), tested in fresh processes.

Without the step, importing flask_ask_sdk.skill_adapter dies on OpenSSL versions with a
two-digit patch number (3.0.19 here); with it the import works and oscrypto reads the right
version. The first test fails if the step is removed or stops working.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

WITH_STEP = """
import skill.web  # installs the step
import flask_ask_sdk.skill_adapter
from oscrypto._openssl import _libcrypto, _libcrypto_cffi
print(_libcrypto_cffi.version_string)
print(".".join(map(str, _libcrypto.libcrypto_version_info)))
"""

WITHOUT_STEP = """
import flask_ask_sdk.skill_adapter
"""

LIBCRYPTO_VERSION = """
from oscrypto import _module_values  # noqa: F401 - importing the package is harmless
from oscrypto._ffi import get_library
from cffi import FFI
ffi = FFI()
ffi.cdef("const char *OpenSSL_version(int type);")
lib = ffi.dlopen(get_library("crypto", "libcrypto.dylib", "42"))
print(ffi.string(lib.OpenSSL_version(0)).decode())
"""


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


def test_flask_ask_sdk_imports_with_the_step_and_oscrypto_reads_the_version() -> None:
    result = run(WITH_STEP)
    assert result.returncode == 0, result.stderr
    version_string, parsed = result.stdout.split("\n")[:2]
    expected = re.search(r"\b(\d+\.\d+\.\d+)", version_string)
    assert expected is not None
    assert parsed == expected.group(1)  # e.g. "OpenSSL 3.0.19 ..." -> 3.0.19


def test_without_the_step_the_import_fails_here() -> None:
    """Documents why the step exists; only meaningful where libcrypto has a two-digit part."""
    version = run(LIBCRYPTO_VERSION)
    assert version.returncode == 0, version.stderr
    if not re.search(r"\b\d+\.\d+\.\d{2,}", version.stdout):
        import pytest

        pytest.skip(f"libcrypto {version.stdout.strip()!r} parses without the step")
    result = run(WITHOUT_STEP)
    assert result.returncode != 0
    assert "Error detecting the version of libcrypto" in result.stderr


def test_step_is_a_no_op_for_other_modules_and_idempotent() -> None:
    result = run(
        "import sys, skill.web.compat as c; c.install(); c.install();"
        "print(sum(type(f).__name__ == '_OscryptoVersionFinder' for f in sys.meta_path));"
        "import json, email; print('ok')"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "ok"]


def test_installed_oscrypto_source_is_untouched() -> None:
    import importlib.util

    from skill.web import compat

    spec = importlib.util.find_spec("oscrypto")
    assert spec is not None and spec.origin is not None
    source = (Path(spec.origin).parent / "_openssl" / "_libcrypto_cffi.py").read_bytes()
    # The broken pattern is still on disk (we patch in memory only); if a fixed oscrypto is
    # installed one day, this fails as a reminder that compat.py can be deleted.
    assert compat._BROKEN in source
