"""The slot-value table the skill falls back on is generated from the model and never drifts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from skill import model_rules, models, slot_values
from tests.conftest import ROOT

MODEL = ROOT / "interaction_model" / "en-US.json"


def test_the_committed_table_is_what_the_model_generates() -> None:
    assert not models.stale(), "run `make models`"


def test_a_changed_model_makes_the_table_stale(tmp_path: Path) -> None:
    shutil.copy(MODEL, tmp_path / "en-US.json")
    assert not models.stale(tmp_path)
    document = json.loads(MODEL.read_text(encoding="utf-8"))
    cause_type = next(
        t
        for t in document["interactionModel"]["languageModel"]["types"]
        if t["name"] == "CauseType"
    )
    cause_type["values"][0]["name"]["synonyms"].append("a brand new synonym")
    (tmp_path / "en-US.json").write_text(json.dumps(document), encoding="utf-8")
    assert models.stale(tmp_path)


def test_every_unambiguous_synonym_is_found() -> None:
    document = model_rules.load(MODEL)
    for type_name, type_def in model_rules.custom_types(document).items():
        table = model_rules.slot_value_table(document)[type_name]
        for value_id, spoken in model_rules.slot_values(type_def):
            if slot_values.normalise(spoken) in table:
                assert slot_values.lookup("en-US", type_name, spoken) == value_id, spoken


@pytest.mark.parametrize(
    ("heard", "expected"),
    [("Coffee", "coffee"), ("the coffee", "coffee"), ("too much coffee!", "coffee"), ("tea", None)],
)
def test_lookup_normalises_what_was_heard(heard: str, expected: str | None) -> None:
    assert slot_values.lookup("en-US", "CauseType", heard) == expected


def test_an_unknown_locale_uses_the_default_locale_table() -> None:
    assert slot_values.lookup("xx-XX", "CauseType", "coffee") == "coffee"
