"""The disk cache of built resolvers: a second process loads what the first built, and any
change to the model (or the sources) builds afresh; a bad entry or disk only costs a build."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from skill.simulator import cache
from skill.simulator.resolver import DEFAULT_MODEL_PATH, Resolver

UTTERANCES = [
    "can coffee cause twitching",
    "my eyelid keeps twitching",
    "what helps",
    "i've had four coffees is that why my calf twitches",
    "what's the weather",
]


class Builds:
    """A build function that counts its calls."""

    def __init__(self, model: Path) -> None:
        self.model = model
        self.calls = 0

    def __call__(self) -> Resolver:
        self.calls += 1
        return Resolver.from_path(self.model)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("TWITCH_GUIDE_NO_CACHE", raising=False)
    return tmp_path / "cache" / "muscle-twitch-guide"


@pytest.fixture
def model(tmp_path: Path) -> Path:
    path = tmp_path / "en-US.json"
    shutil.copy(DEFAULT_MODEL_PATH, path)
    return path


def _answers(resolver: Resolver) -> list[tuple[str | None, dict[str, str | None]]]:
    return [
        (r.intent, {n: s.id for n, s in r.slots.items()}) for r in map(resolver.resolve, UTTERANCES)
    ]


def test_a_second_load_reads_the_entry_and_resolves_alike(cache_home: Path, model: Path) -> None:
    build = Builds(model)
    first = cache.load_or_build(model, "resolver", build)
    assert build.calls == 1
    assert len(list(cache_home.glob("resolver-en-US-*.pickle"))) == 1
    second = cache.load_or_build(model, "resolver", build)
    assert build.calls == 1  # read from disk, not built
    assert second is not first
    assert _answers(second) == _answers(first) == _answers(Resolver.from_path(model))


def test_a_changed_model_builds_afresh_and_replaces_the_old_entry(
    cache_home: Path, model: Path
) -> None:
    build = Builds(model)
    cache.load_or_build(model, "resolver", build)
    document = json.loads(model.read_text(encoding="utf-8"))
    intents = document["interactionModel"]["languageModel"]["intents"]
    about = next(i for i in intents if i["name"] == "AboutTwitchingIntent")
    about["samples"].append("what on earth is a quiver of the flesh")
    model.write_text(json.dumps(document), encoding="utf-8")
    changed = cache.load_or_build(model, "resolver", build)
    assert build.calls == 2
    assert changed.resolve("what on earth is a quiver of the flesh").intent == about["name"]
    assert len(list(cache_home.glob("resolver-en-US-*.pickle"))) == 1


def test_a_corrupt_entry_is_rebuilt(cache_home: Path, model: Path) -> None:
    build = Builds(model)
    cache.load_or_build(model, "resolver", build)
    (entry,) = cache_home.glob("resolver-en-US-*.pickle")
    entry.write_bytes(b"not a pickle")
    rebuilt = cache.load_or_build(model, "resolver", build)
    assert build.calls == 2
    assert rebuilt.resolve("can coffee cause twitching").intent == "CauseCheckIntent"
    assert entry.read_bytes() != b"not a pickle"


def test_turned_off_it_builds_and_writes_nothing(
    cache_home: Path, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWITCH_GUIDE_NO_CACHE", "1")
    build = Builds(model)
    cache.load_or_build(model, "resolver", build)
    cache.load_or_build(model, "resolver", build)
    assert build.calls == 2
    assert not cache_home.exists()


def test_an_unwritable_cache_only_costs_a_build(
    tmp_path: Path, model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("the cache directory cannot be made under a file")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    build = Builds(model)
    resolver = cache.load_or_build(model, "resolver", build)
    assert resolver.resolve("my eyelid keeps twitching").intent == "BodyPartIntent"
    assert build.calls == 1
