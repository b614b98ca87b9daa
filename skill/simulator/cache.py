"""Built resolvers kept on disk, so a one-shot command does not rebuild the same resolver.

Building a resolver normalises every sample and synonym of a model (about half a second for
English on a small machine); loading a pickled one takes a tenth of that. ``twitch-guide ask``
is one process per question, so without this every question pays for the build.

The key is a hash of the model file, every Python source file of the ``skill`` package and the
Python version: any change to the model, the lexicons or the resolver builds afresh, and a stale
entry is never read. Entries live in ``$XDG_CACHE_HOME/muscle-twitch-guide`` (by default
``~/.cache/muscle-twitch-guide``), a directory only its user writes, like Python's own
``__pycache__``. Anything that goes wrong reading or writing an entry falls back to building;
``TWITCH_GUIDE_NO_CACHE=1`` turns the cache off. Only the simulator's tools build resolvers: the
skill itself (Lambda, the web service) never does, so it never reads this cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

__all__ = ["cache_dir", "load_or_build"]

T = TypeVar("T")

#: The package whose sources the key covers.
_PACKAGE = Path(__file__).resolve().parent.parent
#: The cache's directory name (under ``$XDG_CACHE_HOME``).
_NAME = "muscle-twitch-guide"


def cache_dir() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    if os.environ.get("TWITCH_GUIDE_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / _NAME


@cache
def _sources_digest() -> str:
    """A hash of every Python source of the package (computed once per process)."""
    digest = hashlib.sha256(sys.version.encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(_PACKAGE)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key(model: Path) -> str:
    digest = hashlib.sha256(_sources_digest().encode())
    digest.update(model.read_bytes())
    return digest.hexdigest()[:32]


def load_or_build(model: Path, kind: str, build: Callable[[], T]) -> T:
    """The object ``build()`` makes for the model file ``model``, from the cache when an entry
    for this model, these sources and this Python exists; else built and stored."""
    where = cache_dir()
    if where is None:
        return build()
    try:
        entry = where / f"{kind}-{model.stem}-{_key(model)}.pickle"
    except OSError:
        return build()
    try:
        with entry.open("rb") as fh:
            return pickle.load(fh)  # type: ignore[no-any-return]
    except Exception:  # no entry yet, or a corrupt one: build afresh (and replace it)
        pass
    made = build()
    _store(entry, made)
    return made


def _store(entry: Path, made: object) -> None:
    """Write ``made`` to ``entry`` atomically (another process may be reading it), and remove
    the model's older entries; a read-only or full disk only costs the next build."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(made, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, entry)
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)
        prefix = entry.name.rsplit("-", 1)[0] + "-"
        for old in entry.parent.glob(f"{prefix}*.pickle"):
            if old != entry:
                old.unlink(missing_ok=True)
    except OSError:
        pass
