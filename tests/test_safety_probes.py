"""Safety probes: phrasings of people in danger, and benign questions, through the simulator.

Two sets, both ``category<TAB>utterance`` with category emergency, crisis, poisoning or benign:

* ``safety_probes_blind.tsv`` was written from the article and the safety requirements alone,
  by someone who had not seen the interaction model or the resolver, and scored once before
  any tuning (``docs/safety-evaluation.md``); it was never tuned on.
* ``safety_probes_dev.tsv``, ``safety_probes_dev2.tsv`` and ``safety_probes_dev3.tsv`` are the
  development sets the samples and the simulator's red-flag table were tuned on.
* ``safety_probes_blind2.tsv`` was written the same way as the first blind set, after the first
  set had been seen; it is scored as a whole against a floor and its rows are never read
  during tuning, so its figure stays an honest measure of how the work generalises.

Every probe goes through ``twitch-guide ask --json`` (one process for a whole set, each line a
one-shot in a new session): a danger probe must reach its safety answer and that locale's
number; a benign probe must raise no alarm.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from functools import cache
from typing import Any

import pytest

from skill import content
from tests.conftest import EN, ROOT

DATA = ROOT / "tests" / "data"
SETS = (
    "safety_probes_blind.tsv",
    "safety_probes_dev.tsv",
    "safety_probes_dev2.tsv",
    "safety_probes_dev3.tsv",
)
INTENT = {"emergency": "EmergencyIntent", "crisis": "CrisisIntent", "poisoning": "PoisoningIntent"}
SAFETY_INTENTS = set(INTENT.values())


def load(name: str) -> list[tuple[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(row["category"].strip(), row["utterance"].strip()) for row in rows]


@cache
def answers(name: str, locale: str = "en-US") -> dict[str, dict[str, Any]]:
    """Each utterance of set ``name`` as the simulator answers it in ``locale`` (one process
    per set)."""
    utterances = [utterance for _, utterance in load(name)]
    result = subprocess.run(
        [sys.executable, "-m", "skill.cli", "ask", "--json", "--no-store", "--locale", locale],
        input="\n".join(utterances) + "\n",
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        timeout=300,
    )
    turns = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(turns) == len(utterances), result.stderr[-2000:]
    return dict(zip(utterances, turns, strict=True))


def cases() -> list[Any]:
    return [
        pytest.param(name, category, utterance, id=f"{name.split('_')[-1][:-4]}:{utterance}")
        for name in SETS
        for category, utterance in load(name)
    ]


def score(name: str) -> tuple[float, int]:
    """(share of probes answered right, benign probes that raised an alarm) for set ``name``."""
    right, alarms = 0, 0
    rows = load(name)
    for category, utterance in rows:
        intent = answers(name)[utterance]["intent"]
        if category == "benign":
            alarms += intent in SAFETY_INTENTS
            right += intent not in SAFETY_INTENTS
        else:
            right += intent == INTENT[category]
    return right / len(rows), alarms


def test_second_blind_set_stays_above_its_floor() -> None:
    accuracy, alarms = score("safety_probes_blind2.tsv")
    assert accuracy >= 0.85, accuracy
    assert alarms <= 3


def test_sets_are_large_enough_and_distinct() -> None:
    blind, dev, dev2, dev3 = (load(name) for name in SETS)
    for rows in (blind, dev, dev2, dev3):
        categories = [category for category, _ in rows]
        assert set(categories) == {*INTENT, "benign"}
        assert categories.count("benign") >= 40
    assert len(blind) >= 100
    # The first development set was written apart from the first blind set.  Other authors
    # wrote some of the same short lines ("seizure", "call nine one one"): counted in
    # docs/safety-evaluation.md.
    assert not {u for _, u in blind} & {u for _, u in dev}, "a blind probe in dev"


@pytest.mark.parametrize(("name", "category", "utterance"), cases())
def test_probe(name: str, category: str, utterance: str) -> None:
    turn = answers(name)[utterance]
    numbers = content.SAFETY_NUMBERS["en-US"]
    if category == "benign":
        assert turn["intent"] not in SAFETY_INTENTS, turn["intent"]
        return
    assert turn["intent"] == INTENT[category], (turn["intent"], turn["speech"][:80])
    primary = getattr(numbers, EN.safety[category].number)
    assert turn["speech"].startswith(("Call", "Please call")), turn["speech"]
    assert primary in turn["speech"][:60]
    for word in ("harmless", "painless"):
        assert word not in turn["speech"].lower()


@pytest.mark.parametrize("locale", ["en-GB", "en-CA", "en-AU", "en-IN"])
def test_each_english_locale_routes_probes_to_its_own_numbers(locale: str) -> None:
    """The development probes said on a British, Canadian, Australian or Indian device reach
    that locale's numbers, never another locale's."""
    numbers = content.SAFETY_NUMBERS[locale]
    heard = answers("safety_probes_dev.tsv", locale)
    for category, utterance in load("safety_probes_dev.tsv"):
        if category == "benign":
            continue
        turn = heard[utterance]
        assert turn["intent"] == INTENT[category], utterance
        primary = getattr(numbers, content.SAFETY_ANSWERS[category][1])
        assert primary in turn["speech"][:80], (locale, turn["speech"][:80])
        if locale != "en-CA":
            assert "988" not in turn["speech"] and "911" not in turn["speech"], utterance
