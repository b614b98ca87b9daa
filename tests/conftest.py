"""Shared fixtures: the real skill, driven with real request envelopes.

The whole run gets its own empty HOME and visit store (``isolated_home``), so no test, and
no process a test starts, reads or writes the developer's own visit data.
``tests/test_isolation.py`` checks that afterwards, as the run's last test.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skill import content
from skill.app import build_skill, lambda_handler_for
from skill.persistence import MemoryAdapter
from skill.simulator.envelopes import Conversation, ssml_to_text

ROOT = Path(__file__).resolve().parents[1]
#: The default locale's catalog: what the tests expect the skill to say in en-US.
EN = content.catalog("en-US")
#: The sentences of an answer that may name a safety number (Fallback's and an unknown body
#: part's), as written in en-US.
SAFETY_NET_SENTENCES = tuple(EN.phrases[name] for name in content.SAFETY_NET)
SKILL_ID = "amzn1.ask.skill.11111111-2222-4333-8444-555555555555"

#: The local visit store, relative to a home directory (skill.simulator.cli.DEFAULT_DB).
STORE = Path(".local/share/muscle-twitch-guide/visits.sqlite3")
#: The files SQLite keeps beside a database while it writes.
STORE_SIDE_FILES = ("", "-journal", "-wal", "-shm")
#: Environment variables the run replaces (HOME, TWITCH_GUIDE_DB) or removes (a real table).
ISOLATED_VARIABLES = ("HOME", "TWITCH_GUIDE_DB", "TABLE_NAME", "LAMBDA_PYTHON")


def real_homes() -> list[Path]:
    """The developer's home: ``$HOME`` as the run found it, and the account's own home."""
    homes = [Path(os.environ["HOME"])] if os.environ.get("HOME") else []
    with contextlib.suppress(KeyError):  # an account without a passwd entry (some containers)
        homes.append(Path(pwd.getpwuid(os.getuid()).pw_dir))
    return list(dict.fromkeys(homes))


def store_state(homes: list[Path]) -> dict[str, tuple[int, int] | None]:
    """Size and modification time of each visit-store file under ``homes`` (None: absent)."""
    state: dict[str, tuple[int, int] | None] = {}
    for home in homes:
        for suffix in STORE_SIDE_FILES:
            path = home / f"{STORE}{suffix}"
            try:
                found = path.stat()
            except OSError:
                state[str(path)] = None
            else:
                state[str(path)] = (found.st_size, found.st_mtime_ns)
    return state


#: The real visit stores before anything in this run could have touched them (conftest is
#: imported before any test module, and the run is switched to its own HOME at session start).
REAL_HOMES = real_homes()
#: Built resolvers are cached (``skill.simulator.cache``) from the first one a test module
#: builds while it is collected, before any fixture runs: the run gets a cache directory of its
#: own from the start, removed when it ends, so nothing is written to ``~/.cache``.
RUN_CACHE = Path(tempfile.mkdtemp(prefix="twitch-guide-test-cache-"))
os.environ["XDG_CACHE_HOME"] = str(RUN_CACHE)
atexit.register(shutil.rmtree, RUN_CACHE, ignore_errors=True)
REAL_STORE_AT_START = store_state(REAL_HOMES)


@pytest.fixture(scope="session", autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The whole run gets an empty HOME and its own ``TWITCH_GUIDE_DB``; restored afterwards.

    Set in ``os.environ`` before any test runs, so every subprocess (``twitch-guide ask``, the
    benchmark's smoke run, gunicorn) inherits it.  ``TABLE_NAME`` is removed: no test may reach
    a real table.  The Lambda runtime's Python is looked up first, because
    ``tools.build_lambda.runtime_python`` also searches ``~/.pyenv``.
    """
    from tools.build_lambda import runtime_python

    saved = {name: os.environ.get(name) for name in ISOLATED_VARIABLES}
    lambda_python = os.environ.get("LAMBDA_PYTHON") or runtime_python()
    home = tmp_path_factory.mktemp("home")
    os.environ["HOME"] = str(home)
    os.environ["TWITCH_GUIDE_DB"] = str(home / "test-visits.sqlite3")
    os.environ.pop("TABLE_NAME", None)
    if lambda_python:
        os.environ["LAMBDA_PYTHON"] = lambda_python
    try:
        yield home
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The real-store check runs last, so that it sees everything the run did before it."""
    last = [item for item in items if item.get_closest_marker("last")]
    items[:] = [item for item in items if not item.get_closest_marker("last")] + last


@pytest.fixture
def store() -> MemoryAdapter:
    return MemoryAdapter()


@pytest.fixture
def conv(store: MemoryAdapter) -> Conversation:
    """One user talking to the real skill (with a memory store) through the Lambda path."""
    return Conversation(
        lambda_handler_for(build_skill(store, skill_id=SKILL_ID)), skill_id=SKILL_ID
    )


def filled(text: str, locale: str = "en-US") -> str:
    """``text`` with the locale's safety numbers in place of their placeholders, as heard."""
    from skill import replies

    return replies.fill_numbers(text, content.numbers_for(locale), spoken=False)


def speech(response: dict[str, Any]) -> str:
    """The plain text of a response's output speech (SSML tags removed)."""
    return ssml_to_text(response["response"].get("outputSpeech", {}).get("ssml", ""))


def reprompt(response: dict[str, Any]) -> str | None:
    output = (response["response"].get("reprompt") or {}).get("outputSpeech")
    return ssml_to_text(output["ssml"]) if output else None


def ends(response: dict[str, Any]) -> bool:
    return bool(response["response"].get("shouldEndSession"))


def hammer(
    handler: Any,
    user: str,
    threads: int,
    sessions: int,
    *,
    skill_id: str = SKILL_ID,
    clock: Any = None,
) -> list[str]:
    """``threads`` x ``sessions`` first requests of ``user`` at once, each thread a device of
    its own; the speech of any that did not welcome the user."""
    import threading

    start = threading.Barrier(threads)
    failures: list[str] = []

    def one_device() -> None:
        conv = Conversation(handler, skill_id=skill_id, user_id=user, clock=clock)
        start.wait(timeout=30)
        for _ in range(sessions):
            said = speech(conv.launch())
            if "Welcome" not in said:
                failures.append(said)

    workers = [threading.Thread(target=one_device, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert not worker.is_alive(), "a session hung"
    return failures
