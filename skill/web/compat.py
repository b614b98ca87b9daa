"""One compatibility step so that ``flask_ask_sdk.skill_adapter`` can be imported.

Why: flask-ask-sdk imports ask-sdk-webservice-support, which imports certvalidator 0.11.1,
which imports oscrypto 1.3.0. When oscrypto loads libcrypto it reads the library's version
string ("OpenSSL 3.0.19 27 Jan 2026") with the regex ``\\b(\\d\\.\\d\\.\\d[a-z]*)\\b``: one digit
per component, so a two-digit patch release such as 3.0.19 does not match and the import dies
with ``LibraryNotFoundError: Error detecting the version of libcrypto``
(wbond/oscrypto#75 reports it; the fix, pull request #76, widens the regex to ``\\d+`` and
was merged in 2023 but never released: #78 and #81 ask for that release).
``oscrypto.use_openssl(libcrypto_path, libssl_path)`` does not help: it only chooses *which*
library is loaded, the same version regex still runs on it.

What: a meta-path finder that, for the two oscrypto modules holding that regex
(``oscrypto._openssl._libcrypto_cffi`` / ``_libcrypto_ctypes``), loads the installed source
with exactly the upstream one-line fix applied in memory. Nothing on disk changes, no other
module is touched, and if the installed source no longer contains the broken pattern (a fixed
oscrypto release) the module is loaded unchanged. Installing the finder costs nothing until
oscrypto is actually imported.

We never use certvalidator/oscrypto for verification (see ``skill.web.verifier``, which uses
pyca/cryptography); this step only makes the import chain work.
"""

from __future__ import annotations

import importlib.machinery
import sys
from collections.abc import Sequence
from types import CodeType, ModuleType

_TARGETS = frozenset({"oscrypto._openssl._libcrypto_cffi", "oscrypto._openssl._libcrypto_ctypes"})
# The regex literal as it appears in oscrypto 1.3.0's source, and the upstream fix.
_BROKEN = rb"'\\b(\\d\\.\\d\\.\\d[a-z]*)\\b'"
_FIXED = rb"'\\b(\\d+\\.\\d+\\.\\d+[a-z]*)\\b'"


class _FixedVersionRegexLoader(importlib.machinery.SourceFileLoader):
    def get_code(self, fullname: str) -> CodeType:
        # Compile from source every time: the cached .pyc holds the unfixed code.
        source = self.get_data(self.path).replace(_BROKEN, _FIXED)
        return compile(source, self.path, "exec", dont_inherit=True)


class _OscryptoVersionFinder:
    """A ``sys.meta_path`` finder (duck-typed: ``importlib.abc`` alone costs ~10 ms to import)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in _TARGETS:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or not isinstance(spec.loader, importlib.machinery.SourceFileLoader):
            return None
        spec.loader = _FixedVersionRegexLoader(fullname, spec.loader.path)
        return spec


def install() -> None:
    """Install the finder (idempotent). Must run before oscrypto's libcrypto module is imported."""
    if not any(isinstance(finder, _OscryptoVersionFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _OscryptoVersionFinder())
