"""Held-out phrasings per locale: British, Canadian, Australian and Indian English, and German.

Both sets were written by someone who had seen neither the interaction models nor the resolver,
and were scored once, after the locale work and before any tuning (docs/nlu-evaluation.md);
they are never tuned on.  The floors below hold them at their first-run figures (rounded down)
as regression guards.
"""

from __future__ import annotations

import pytest

from skill.evaluation.annotations import load
from skill.evaluation.nlu import evaluate
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"


def _pooled(name: str, locale: str | None) -> tuple[float, float]:
    """Intent and slot accuracy over the whole set, each row through its locale's model (the
    regional set names a locale per row; the German sets are de-DE)."""
    report = evaluate(load(DATA / name, locale))
    return report.intent_accuracy, report.slot_accuracy


@pytest.mark.parametrize(
    ("name", "locale", "min_intent", "min_slot"),
    [
        ("heldout_en_regional.tsv", None, 0.86, 0.74),
        ("heldout_de.tsv", "de-DE", 0.87, 0.80),
        ("heldout_de_2.tsv", "de-DE", 0.64, 0.47),
        ("heldout_de_3.tsv", "de-DE", 0.71, 0.69),
        ("heldout_de_4.tsv", "de-DE", 0.91, 0.89),
    ],
)
def test_held_out_set_stays_above_its_first_run(
    name: str, locale: str | None, min_intent: float, min_slot: float
) -> None:
    intent, slot = _pooled(name, locale)
    assert intent >= min_intent, intent
    assert slot >= min_slot, slot
