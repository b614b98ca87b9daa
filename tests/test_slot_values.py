"""The slot-value table the skill falls back on is generated from the model and never drifts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from skill import model_rules, models, slot_values
from tests.conftest import ROOT

MODEL = ROOT / "interaction_model" / "en-US.json"


def test_the_generated_files_are_up_to_date() -> None:
    assert models.stale_files() == [], "run `make models`"


def test_a_changed_model_makes_the_generated_files_stale(tmp_path: Path) -> None:
    for folder in ("interaction_model", "skill-package", "skill"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    assert models.stale_files(tmp_path) == []
    document = json.loads(MODEL.read_text(encoding="utf-8"))
    cause_type = next(
        t
        for t in document["interactionModel"]["languageModel"]["types"]
        if t["name"] == "CauseType"
    )
    cause_type["values"][0]["name"]["synonyms"].append("a brand new synonym")
    (tmp_path / "interaction_model" / "en-US.json").write_text(json.dumps(document))
    stale = {p.relative_to(tmp_path).as_posix() for p in models.stale_files(tmp_path)}
    assert "skill/slot_values.json" in stale
    assert "skill-package/interactionModels/custom/en-US.json" in stale
    assert "interaction_model/en-GB.json" in stale  # the English variants follow the source
    assert models.write(tmp_path) and models.stale_files(tmp_path) == []


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
