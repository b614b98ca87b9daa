"""Held-out phrasings per locale: British, Canadian, Australian and Indian English, and German.

Both sets were written by someone who had seen neither the interaction models nor the resolver,
and were scored once, after the locale work and before any tuning (docs/nlu-evaluation.md);
they are never tuned on.  The floors below hold them at their first-run figures (rounded down)
as regression guards.
"""

from __future__ import annotations

import csv

import pytest

from skill.simulator.evaluate import Case, Report, _parse_slots, evaluate
from skill.simulator.resolver import resolver_for
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"


def _cases(name: str, locale_column: bool) -> dict[str, list[Case]]:
    by_locale: dict[str, list[Case]] = {}
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) < 3 or row[0].startswith("#"):
                continue
            if row[1] == "intent":  # a header
                continue
            locale = row[3] if locale_column else "de-DE"
            by_locale.setdefault(locale, []).append(Case(row[0], row[1], _parse_slots(row[2])))
    return by_locale


def _pooled(by_locale: dict[str, list[Case]]) -> tuple[float, float]:
    reports: list[tuple[Report, int]] = [
        (evaluate(cases, resolver_for(locale)), len(cases)) for locale, cases in by_locale.items()
    ]
    rows = sum(n for _, n in reports)
    slot_rows = sum(r.slot_rows for r, _ in reports)
    intent = sum(r.intent_accuracy * n for r, n in reports) / rows
    slot = sum(r.slot_accuracy * r.slot_rows for r, _ in reports) / slot_rows
    return intent, slot


@pytest.mark.parametrize(
    ("name", "locale_column", "min_intent", "min_slot"),
    [
        ("heldout_en_regional.tsv", True, 0.86, 0.74),
        ("heldout_de.tsv", False, 0.87, 0.80),
        ("heldout_de_2.tsv", False, 0.64, 0.47),
        ("heldout_de_3.tsv", False, 0.71, 0.69),
        ("heldout_de_4.tsv", False, 0.91, 0.89),
    ],
)
def test_held_out_set_stays_above_its_first_run(
    name: str, locale_column: bool, min_intent: float, min_slot: float
) -> None:
    intent, slot = _pooled(_cases(name, locale_column))
    assert intent >= min_intent, intent
    assert slot >= min_slot, slot
