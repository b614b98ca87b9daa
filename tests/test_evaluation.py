"""``twitch-guide evaluate``: annotation sets in the console's formats, the NLU figures, the
conflicts report, and the project's held-out sets as annotation sets (skill/evaluation/)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from skill.cli import main as twitch_guide
from skill.evaluation import annotations, nlu
from skill.evaluation.annotations import LAUNCH, NO_MATCH, Case, load, slot_values
from skill.evaluation.nlu import FALLBACK, IntentScore, Outcome, Report
from skill.simulator.resolver import Resolver
from tests.conftest import ROOT

DATA = ROOT / "tests" / "data"
ANNOTATIONS = DATA / "annotations"

#: A small set in the console's JSON form, the values written as said or by name, in any case.
CONSOLE_JSON = {
    "data": [
        {
            "inputs": {"utterance": "can coffee cause twitching"},
            "expected": [
                {"intent": {"name": "CauseCheckIntent", "slots": {"cause": {"value": "Coffee"}}}}
            ],
        },
        {
            "inputs": {
                "utterance": "can gluten cause twitching",
                "referenceTimestamp": "2026-12-04T17:00:00.000Z",
            },
            "expected": [
                {"intent": {"name": "CauseCheckIntent", "slots": {"cause": {"value": "gluten"}}}}
            ],
        },
        {
            "inputs": {"utterance": "open muscle twitch guide"},
            "expected": [{"intent": {"name": "LaunchRequest"}}],
        },
        {
            "inputs": {"utterance": "play some music"},
            "expected": [{"intent": {"name": "AMAZON.FallbackIntent"}}],
        },
        {
            "inputs": {"utterance": "my eye twitches"},
            "expected": [
                {"intent": {"name": "BodyPartIntent", "slots": {"body_part": {"value": "leg"}}}}
            ],
        },
    ]
}
#: The same set in the console's CSV form.
CONSOLE_CSV = (
    "utterance,referenceTimestamp,intent,slot[body_part],slot[cause]\n"
    "can coffee cause twitching,,CauseCheckIntent,,Coffee\n"
    "can gluten cause twitching,2026-12-04T17:00:00.000Z,CauseCheckIntent,,gluten\n"
    "open muscle twitch guide,,LaunchRequest,,\n"
    "play some music,,AMAZON.FallbackIntent,,\n"
    "my eye twitches,,BodyPartIntent,leg,\n"
)
#: And in the project's TSV.
PROJECT_TSV = (
    "utterance\tintent\tslots\n"
    "# a comment\n"
    "can coffee cause twitching\tCauseCheckIntent\tcause=coffee\n"
    "can gluten cause twitching\tCauseCheckIntent\tcause=?\n"
    "open muscle twitch guide\tLaunchRequest\t-\n"
    "play some music\tAMAZON.FallbackIntent\t-\n"
    "my eye twitches\tBodyPartIntent\tbody_part=leg\n"
)
EXPECTED_CASES = [
    Case("can coffee cause twitching", "CauseCheckIntent", {"cause": "coffee"}, "en-US"),
    Case("can gluten cause twitching", "CauseCheckIntent", {"cause": NO_MATCH}, "en-US"),
    Case("open muscle twitch guide", LAUNCH, {}, "en-US"),
    Case("play some music", FALLBACK, {}, "en-US"),
    Case("my eye twitches", "BodyPartIntent", {"body_part": "leg"}, "en-US"),
]


@pytest.fixture
def small_sets(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "json": tmp_path / "small.json",
        "csv": tmp_path / "small.csv",
        "tsv": tmp_path / "small.tsv",
    }
    paths["json"].write_text(json.dumps(CONSOLE_JSON), encoding="utf-8")
    paths["csv"].write_text(CONSOLE_CSV, encoding="utf-8")
    paths["tsv"].write_text(PROJECT_TSV, encoding="utf-8")
    return paths


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``twitch-guide ARGV`` in this process: (exit code, stdout, stderr)."""
    code = twitch_guide(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- reading and writing ----------------------------------------------------------------------
def test_the_three_formats_load_identically(small_sets: dict[str, Path]) -> None:
    for kind, path in small_sets.items():
        assert load(path) == EXPECTED_CASES, kind


def test_the_format_is_told_by_the_content_without_an_extension(
    small_sets: dict[str, Path], tmp_path: Path
) -> None:
    for kind, path in small_sets.items():
        bare = tmp_path / f"set-{kind}"
        bare.write_bytes(path.read_bytes())
        assert annotations.detect_format(bare, bare.read_text(encoding="utf-8")) == kind
        assert load(bare) == EXPECTED_CASES


@pytest.mark.parametrize("kind", ["json", "csv", "tsv"])
def test_writing_and_reading_back_keeps_every_case(kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"out.{kind}"
    annotations.write(path, EXPECTED_CASES)
    assert load(path) == EXPECTED_CASES


def test_the_json_writer_writes_the_console_shape(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    annotations.write(path, EXPECTED_CASES)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["locale"] == "en-US"
    coffee = {"name": "CauseCheckIntent", "slots": {"cause": {"value": "coffee"}}}
    assert document["data"][0] == {
        "inputs": {"utterance": "can coffee cause twitching"},
        "expected": [{"intent": coffee}],
    }
    assert document["data"][2] == {
        "inputs": {"utterance": "open muscle twitch guide"},
        "expected": [{"intent": {"name": "LaunchRequest"}}],
    }
    annotations.write(path, EXPECTED_CASES, with_locale=False)
    assert set(json.loads(path.read_text(encoding="utf-8"))) == {"data"}


def test_the_csv_writer_writes_the_console_columns(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    annotations.write(path, EXPECTED_CASES)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "utterance,referenceTimestamp,intent,slot[body_part],slot[cause]"
    assert lines[1] == "can coffee cause twitching,,CauseCheckIntent,,coffee"
    assert lines[5] == "my eye twitches,,BodyPartIntent,leg,"


def test_one_file_holds_one_locale(tmp_path: Path) -> None:
    mixed = [
        EXPECTED_CASES[0],
        Case("what is muscle twitching", "AboutTwitchingIntent", {}, "en-GB"),
    ]
    with pytest.raises(ValueError, match="one locale"):
        annotations.write(tmp_path / "mixed.json", mixed)


# -- values and ids ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("locale", "intent", "slot", "value", "value_id"),
    [
        ("en-US", "CauseCheckIntent", "cause", "multiple sclerosis", "multiple_sclerosis"),
        ("en-US", "CauseCheckIntent", "cause", "M. S.", "multiple_sclerosis"),  # a synonym
        ("en-US", "CauseCheckIntent", "cause", "Lou Gehrig's disease", "als"),
        ("en-US", "RemedyDetailIntent", "remedy", "magnesium tablets", "magnesium_supplements"),
        ("en-US", "BodyPartIntent", "body_part", "eyelid", "eye"),
        ("en-US", "BodyPartIntent", "body_part", "the cheek", "face"),
        ("en-US", "CauseCheckIntent", "cause", "gluten", NO_MATCH),  # unknown: no match
        ("en-US", "BodyPartIntent", "body_part", "tongue", NO_MATCH),
        ("de-DE", "CauseCheckIntent", "cause", "Multiple Sklerose", "multiple_sclerosis"),
        ("de-DE", "CauseCheckIntent", "cause", "ms", "multiple_sclerosis"),
        ("de-DE", "BodyPartIntent", "body_part", "Wange", "face"),
        ("de-DE", "CauseCheckIntent", "cause", "multiple sclerosis", NO_MATCH),  # English
    ],
)
def test_values_map_to_ids_through_the_locales_model(
    locale: str, intent: str, slot: str, value: str, value_id: str
) -> None:
    assert slot_values(locale).id_of(intent, slot, value) == value_id


def test_ids_are_written_as_the_locales_value_names() -> None:
    assert slot_values("en-US").value_of("CauseCheckIntent", "cause", "als") == (
        "amyotrophic lateral sclerosis"
    )
    assert slot_values("de-DE").value_of("BodyPartIntent", "body_part", "eye") == "auge"
    assert slot_values("de-DE").value_of("CauseCheckIntent", "cause", NO_MATCH) == NO_MATCH
    with pytest.raises(ValueError, match="no value with the id"):
        slot_values("en-US").value_of("CauseCheckIntent", "cause", "gluten")


def test_every_value_name_reads_back_as_its_id() -> None:
    """What the writers write, the readers read as the same id, in every locale."""
    for locale in ("en-US", "en-GB", "en-CA", "en-AU", "en-IN", "de-DE"):
        values = slot_values(locale)
        for intent, slots in values.intent_slots.items():
            for slot, slot_type in slots.items():
                for value_id in values.value_names[slot_type]:
                    name = values.value_of(intent, slot, value_id)
                    assert values.id_of(intent, slot, name) == value_id, (locale, name)


def test_a_slot_the_intent_does_not_have_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    item = {
        "inputs": {"utterance": "what helps"},
        "expected": [{"intent": {"name": "RemediesIntent", "slots": {"cause": {"value": "x"}}}}],
    }
    path.write_text(json.dumps({"data": [item]}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"annotation 1: RemediesIntent has no slot 'cause'"):
        load(path)


def test_the_locale_comes_from_the_argument_then_the_set_then_en_us(tmp_path: Path) -> None:
    path = tmp_path / "de.json"
    german = {
        "locale": "de-DE",
        "data": [
            {
                "inputs": {"utterance": "kann kaffee zucken auslösen"},
                "expected": [
                    {
                        "intent": {
                            "name": "CauseCheckIntent",
                            "slots": {"cause": {"value": "Kaffee"}},
                        }
                    }
                ],
            }
        ],
    }
    path.write_text(json.dumps(german, ensure_ascii=False), encoding="utf-8")
    assert load(path) == [
        Case("kann kaffee zucken auslösen", "CauseCheckIntent", {"cause": "coffee"}, "de-DE")
    ]
    # Read with the English model, "Kaffee" is no value: the case expects no match.
    assert load(path, "en-US")[0].slots == {"cause": NO_MATCH}
    del german["locale"]
    path.write_text(json.dumps(german, ensure_ascii=False), encoding="utf-8")
    assert load(path)[0].locale == "en-US"


def test_a_tsv_row_keeps_its_own_locale(tmp_path: Path) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text(
        "what is muscle twitching\tAboutTwitchingIntent\t-\ten-GB\n"
        "what is muscle twitching\tAboutTwitchingIntent\t-\n",
        encoding="utf-8",
    )
    assert [case.locale for case in load(path, "en-AU")] == ["en-GB", "en-AU"]


# -- the figures ------------------------------------------------------------------------------
CAUSE, CAUSES = "CauseCheckIntent", "CausesIntent"
#: Ten rows, expected -> predicted, worked out by hand below.
HAND_CHECKED = [
    (Case("1", CAUSE, {"cause": "coffee"}), CAUSE, {"cause": "coffee"}),
    (Case("2", CAUSE, {"cause": NO_MATCH}), CAUSE, {"cause": "stress"}),  # slot wrong
    (Case("3", CAUSE), CAUSES, {}),
    (Case("4", CAUSES), CAUSES, {"cause": "coffee"}),  # a slot nobody expected
    (Case("5", CAUSES), FALLBACK, {}),
    (Case("6", FALLBACK), FALLBACK, {}),
    (Case("7", FALLBACK), CAUSE, {}),
    (Case("8", FALLBACK), FALLBACK, {}),
    (Case("9", LAUNCH), LAUNCH, {}),
    (Case("10", CAUSE), FALLBACK, {}),
]


def hand_checked_report() -> Report:
    return Report([Outcome(case, intent, slots) for case, intent, slots in HAND_CHECKED], 0.5)


def test_accuracies_on_a_hand_checked_set() -> None:
    report = hand_checked_report()
    assert report.total == 10
    assert report.intent_correct == 6  # rows 1, 2, 4, 6, 8, 9
    assert report.intent_accuracy == pytest.approx(0.6)
    assert (report.slot_rows, report.slot_correct) == (2, 1)  # rows 1 and 2 expect a slot
    assert report.slot_accuracy == pytest.approx(0.5)
    assert report.joint_correct == 4  # rows 1, 6, 8, 9
    assert [case.utterance for case, _, _ in report.misses] == ["2", "3", "4", "5", "7", "10"]
    assert report.rate == pytest.approx(20.0)


def test_precision_recall_f1_on_a_hand_checked_set() -> None:
    scores = {s.intent: s for s in hand_checked_report().per_intent()}
    assert list(scores) == [FALLBACK, CAUSE, CAUSES, LAUNCH]
    cause = scores[CAUSE]  # expected 1, 2, 3, 10; predicted 1, 2, 7; right 1, 2
    assert (cause.expected, cause.predicted, cause.correct) == (4, 3, 2)
    assert cause.precision == pytest.approx(2 / 3)
    assert cause.recall == pytest.approx(1 / 2)
    assert cause.f1 == pytest.approx(4 / 7)  # 2PR / (P + R) = (2/3) / (7/6)
    causes = scores[CAUSES]  # expected 4, 5; predicted 3, 4; right 4
    assert (causes.precision, causes.recall, causes.f1) == (0.5, 0.5, 0.5)
    fallback = scores[FALLBACK]  # expected 6, 7, 8; predicted 5, 6, 8, 10; right 6, 8
    assert fallback.precision == pytest.approx(2 / 4)
    assert fallback.recall == pytest.approx(2 / 3)
    assert fallback.f1 == pytest.approx(4 / 7)
    assert (scores[LAUNCH].precision, scores[LAUNCH].recall) == (1.0, 1.0)


def test_an_intent_never_predicted_has_no_precision() -> None:
    never = IntentScore("AMAZON.HelpIntent", expected=2, predicted=0, correct=0)
    assert (never.precision, never.recall, never.f1) == (None, 0.0, 0.0)


def test_confusion_matrix_on_a_hand_checked_set() -> None:
    labels, rows = hand_checked_report().confusion()
    assert labels == [FALLBACK, CAUSE, CAUSES, LAUNCH]
    assert rows == [
        [2, 1, 0, 0],  # Fallback expected: 6, 8 right; 7 taken for CauseCheck
        [1, 2, 1, 0],  # CauseCheck expected: 10 fell to Fallback, 3 to Causes
        [1, 0, 1, 0],  # Causes expected: 5 fell to Fallback
        [0, 0, 0, 1],
    ]


def test_markdown_report_on_a_hand_checked_set() -> None:
    text = nlu.markdown(hand_checked_report(), "hand-checked")
    assert "| intent accuracy | 0.600 (6/10) |" in text
    assert "| slot accuracy | 0.500 (1/2) rows with slots |" in text
    # Fallback's precision and recall on a line of their own.
    assert "\nAMAZON.FallbackIntent: precision 0.500 (2/4), recall 0.667 (2/3)\n" in text
    assert "| CauseCheckIntent | 4 | 3 | 2 | 0.667 | 0.500 | 0.571 |" in text
    assert "| expected \\ predicted | Fallback | CauseCheck | Causes | LaunchRequest |" in text
    assert "| CauseCheckIntent | 1 | 2 | 1 | . |" in text
    assert "## Misses (6)" in text


def test_cases_are_resolved_with_their_locales_model() -> None:
    cases = [
        Case("kann kaffee zucken auslösen", CAUSE, {"cause": "coffee"}, "de-DE"),
        Case("can coffee cause twitching", CAUSE, {"cause": "coffee"}, "en-GB"),
        Case("can coffee cause twitching", CAUSE, {"cause": "coffee"}),  # the default locale
    ]
    report = nlu.evaluate(cases, locale="en-AU")
    assert report.intent_correct == report.slot_correct == 3
    assert report.locales() == {"de-DE": 1, "en-GB": 1, "en-US": 1}


# -- the command ------------------------------------------------------------------------------
JSON_KEYS = {
    "files", "utterances", "locales", "intent_accuracy", "intent_correct", "slot_accuracy",
    "slot_rows", "slot_correct", "joint_accuracy", "joint_correct", "fallback", "per_intent",
    "confusion", "misses", "seconds", "utterances_per_second", "thresholds", "passed",
}  # fmt: skip
SCORE_KEYS = {"expected", "predicted", "correct", "precision", "recall", "f1"}


def test_json_report_schema(
    small_sets: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["evaluate", "--json", str(small_sets["json"])], capsys)
    assert code == 0
    assert len(out.splitlines()) == 1
    record: dict[str, Any] = json.loads(out)
    assert set(record) == JSON_KEYS
    assert record["files"] == [str(small_sets["json"])]
    assert (record["utterances"], record["locales"]) == (5, {"en-US": 5})
    assert (record["intent_accuracy"], record["intent_correct"]) == (1.0, 5)
    assert (record["slot_rows"], record["slot_correct"]) == (3, 2)
    assert record["slot_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert record["joint_correct"] == 4
    assert set(record["fallback"]) == SCORE_KEYS
    assert (record["fallback"]["precision"], record["fallback"]["recall"]) == (1.0, 1.0)
    assert set(record["per_intent"]) == {
        "AMAZON.FallbackIntent", "BodyPartIntent", "CauseCheckIntent", "LaunchRequest",
    }  # fmt: skip
    assert all(set(score) == SCORE_KEYS for score in record["per_intent"].values())
    labels, matrix = record["confusion"]["labels"], record["confusion"]["matrix"]
    assert labels == sorted(record["per_intent"])
    assert [sum(row) for row in matrix] == [1, 1, 2, 1]
    assert record["misses"] == [
        {
            "utterance": "my eye twitches",
            "locale": "en-US",
            "expected": {"intent": "BodyPartIntent", "slots": {"body_part": "leg"}},
            "predicted": {"intent": "BodyPartIntent", "slots": {"body_part": "eye"}},
        }
    ]
    assert record["seconds"] > 0 and record["utterances_per_second"] > 0
    assert record["thresholds"] == {"min_intent": None, "min_slot": None}
    assert record["passed"] is True


@pytest.mark.parametrize(
    ("flags", "code"),
    [
        ([], 0),
        (["--min-intent", "1.0"], 0),
        (["--min-slot", "0.6"], 0),
        (["--min-slot", "0.7"], 1),  # slot accuracy is 2/3
        (["--min-intent", "0.9", "--min-slot", "0.7"], 1),
        (["--min-intent", "1.01"], 1),
    ],
)
def test_exit_codes_of_the_thresholds(
    flags: list[str], code: int, small_sets: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    got, out, err = run(["evaluate", *flags, str(small_sets["csv"])], capsys)
    assert got == code
    assert "# NLU evaluation: small.csv" in out
    assert ("below the threshold" in err) == (code == 1)


def test_json_report_says_whether_it_passed(
    small_sets: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["evaluate", "--json", "--min-slot", "0.7", str(small_sets["tsv"])], capsys)
    record = json.loads(out)
    assert code == 1
    assert record["passed"] is False
    assert record["thresholds"] == {"min_intent": None, "min_slot": 0.7}


def test_several_files_are_pooled(
    small_sets: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        ["evaluate", "--json", str(small_sets["json"]), str(small_sets["tsv"])], capsys
    )
    assert code == 0
    assert json.loads(out)["utterances"] == 10


def test_usage_errors(small_sets: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        twitch_guide(["evaluate"])
    assert exited.value.code == 2
    assert "name an annotation set" in capsys.readouterr().err
    code, _, err = run(["evaluate", str(small_sets["json"].with_name("missing.json"))], capsys)
    assert code == 2
    assert "missing.json" in err


def test_the_command_is_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert "evaluate  measure the offline NLU on annotation sets" in out


def test_asr_is_handed_over_or_refused_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    if importlib.util.find_spec("skill.evaluation.asr") is not None:
        pytest.skip("skill.evaluation.asr is installed; its own tests cover it")
    code, out, err = run(["evaluate", "--asr", "--whatever"], capsys)
    assert code == 2
    assert out == ""
    assert "ASR round trip (skill.evaluation.asr) is not part of this installation" in err


# -- converting -------------------------------------------------------------------------------
def test_convert_writes_one_file_per_locale(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "rows.tsv"
    source.write_text(
        "what is muscle twitching\tAboutTwitchingIntent\t-\ten-GB\n"
        "my eye twitches\tBodyPartIntent\tbody_part=eye\ten-AU\n"
        "why do i twitch\tCausesIntent\t-\ten-GB\n",
        encoding="utf-8",
    )
    code, out, _ = run(["evaluate", "--convert", str(tmp_path / "set.json"), str(source)], capsys)
    assert code == 0
    assert sorted(p.name for p in tmp_path.glob("set*.json")) == [
        "set.en-AU.json",
        "set.en-GB.json",
    ]
    assert "set.en-GB.json: 2 annotations, en-GB" in out
    assert [c.utterance for c in load(tmp_path / "set.en-GB.json")] == [
        "what is muscle twitching",
        "why do i twitch",
    ]


def test_convert_for_the_console(
    small_sets: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "invoked.tsv"
    source.write_text(
        "ask muscle twitch guide why my eye twitches\tBodyPartIntent\tbody_part=eye\n"
        "open muscle twitch guide\tLaunchRequest\t-\n"
        "alexa open muscle twitch guide\tAMAZON.FallbackIntent\t-\n"
        "what helps\tRemediesIntent\t-\n",
        encoding="utf-8",
    )
    target = tmp_path / "console.json"
    code, out, _ = run(["evaluate", "--convert", str(target), "--console", str(source)], capsys)
    assert code == 0
    assert "2 annotations, en-US (2 launch rows left out)" in out
    document = json.loads(target.read_text(encoding="utf-8"))
    assert set(document) == {"data"}
    assert [item["inputs"]["utterance"] for item in document["data"]] == [
        "why my eye twitches",
        "what helps",
    ]


# -- conflicts --------------------------------------------------------------------------------
def tiny_model(coffee_sample: str) -> dict[str, Any]:
    """A model whose DrinkIntent sample "tell me about {drink}", filled with its first value,
    says ``coffee_sample`` of CoffeeIntent when that is "tell me about coffee"."""
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": "drink guide",
                "intents": [
                    {"name": "AMAZON.FallbackIntent", "samples": []},
                    {"name": "AMAZON.HelpIntent", "samples": []},
                    {"name": "AMAZON.StopIntent", "samples": []},
                    {"name": "CoffeeIntent", "samples": [coffee_sample, "is coffee good for me"]},
                    {
                        "name": "DrinkIntent",
                        "slots": [{"name": "drink", "type": "DrinkType"}],
                        "samples": ["tell me about {drink}", "what is in {drink}"],
                    },
                ],
                "types": [
                    {
                        "name": "DrinkType",
                        "values": [
                            {"id": "coffee", "name": {"value": "coffee", "synonyms": ["espresso"]}},
                            {"id": "tea", "name": {"value": "tea"}},
                        ],
                    }
                ],
            }
        }
    }


def test_filled_samples_use_a_value_of_the_slot_type() -> None:
    filled = list(nlu.filled_samples(tiny_model("tell me about coffee")))
    assert ("DrinkIntent", "what is in {drink}", "what is in coffee") in filled
    assert len(filled) == 4


def test_conflicts_on_a_tiny_model_with_a_deliberate_conflict() -> None:
    model = tiny_model("tell me about coffee")
    report = nlu.conflicts(model, Resolver(model))
    assert report.samples == 4
    assert report.conflicts == [
        nlu.Conflict("DrinkIntent", "tell me about {drink}", "tell me about coffee", "CoffeeIntent")
    ]
    clean = tiny_model("i love coffee")
    assert nlu.conflicts(clean, Resolver(clean)).conflicts == []


def test_conflicts_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps(tiny_model("tell me about coffee")), encoding="utf-8")
    code, out, _ = run(["evaluate", "--conflicts", "--model", str(path)], capsys)
    assert code == 1
    assert "1 of 4 samples resolve to another intent." in out
    assert "| DrinkIntent | tell me about {drink} | tell me about coffee | CoffeeIntent |" in out
    code, out, _ = run(["evaluate", "--conflicts", "--json", "--model", str(path)], capsys)
    assert code == 1
    assert json.loads(out)["conflicts"][0]["resolved"] == "CoffeeIntent"
    path.write_text(json.dumps(tiny_model("i love coffee")), encoding="utf-8")
    code, out, _ = run(["evaluate", "--conflicts", "--model", str(path)], capsys)
    assert code == 0
    assert "0 of 4 samples" in out


@pytest.mark.parametrize("locale", ["en-US", "en-GB", "en-CA", "en-AU", "en-IN", "de-DE"])
def test_no_sample_of_the_skills_models_resolves_to_another_intent(
    locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(["evaluate", "--conflicts", "--json", "--locale", locale], capsys)
    record = json.loads(out)
    assert record["samples"] > 700
    assert (code, record["conflicts"]) == (0, [])


# -- the project's held-out sets as annotation sets -------------------------------------------
#: TSV -> (annotation sets written from it by twitch-guide evaluate --convert, --locale).
CONVERTED = {
    "heldout_utterances.tsv": (["heldout_utterances.json"], None),
    "heldout_utterances_2.tsv": (["heldout_utterances_2.json"], None),
    "heldout_en_3.tsv": (["heldout_en_3.json"], None),
    "heldout_en_4.tsv": (["heldout_en_4.json"], None),
    "heldout_en_5.tsv": (["heldout_en_5.json"], None),
    "heldout_en_6.tsv": (["heldout_en_6.json"], None),
    "heldout_en_7.tsv": (["heldout_en_7.json"], None),
    "heldout_en_8.tsv": (["heldout_en_8.json"], None),
    "heldout_en_9.tsv": (["heldout_en_9.json"], None),
    "heldout_en_10.tsv": (["heldout_en_10.json"], None),
    "heldout_en_11.tsv": (["heldout_en_11.json"], None),
    "heldout_en_12.tsv": (["heldout_en_12.json"], None),
    "heldout_en_13.tsv": (["heldout_en_13.json"], None),
    "heldout_en_14.tsv": (["heldout_en_14.json"], None),
    "heldout_en_15.tsv": (["heldout_en_15.json"], None),
    "heldout_en_16.tsv": (["heldout_en_16.json"], None),
    "heldout_en_17.tsv": (["heldout_en_17.json"], None),
    "heldout_en_18.tsv": (["heldout_en_18.json"], None),
    "heldout_en_19.tsv": (["heldout_en_19.json"], None),
    "heldout_en_20.tsv": (["heldout_en_20.json"], None),
    "heldout_en_21.tsv": (["heldout_en_21.json"], None),
    "heldout_en_22.tsv": (["heldout_en_22.json"], None),
    "heldout_en_23.tsv": (["heldout_en_23.json"], None),
    "heldout_en_24.tsv": (["heldout_en_24.json"], None),
    "heldout_en_25.tsv": (["heldout_en_25.json"], None),
    "heldout_en_26.tsv": (["heldout_en_26.json"], None),
    "heldout_en_27.tsv": (["heldout_en_27.json"], None),
    "heldout_en_28.tsv": (["heldout_en_28.json"], None),
    "heldout_en_29.tsv": (["heldout_en_29.json"], None),
    "heldout_en_30.tsv": (["heldout_en_30.json"], None),
    "heldout_en_31.tsv": (["heldout_en_31.json"], None),
    "heldout_en_32.tsv": (["heldout_en_32.json"], None),
    "heldout_en_33.tsv": (["heldout_en_33.json"], None),
    "heldout_en_34.tsv": (["heldout_en_34.json"], None),
    "heldout_en_35.tsv": (["heldout_en_35.json"], None),
    "heldout_en_36.tsv": (["heldout_en_36.json"], None),
    "heldout_en_37.tsv": (["heldout_en_37.json"], None),
    "heldout_en_38.tsv": (["heldout_en_38.json"], None),
    "heldout_en_39.tsv": (["heldout_en_39.json"], None),
    "heldout_en_40.tsv": (["heldout_en_40.json"], None),
    "heldout_en_41.tsv": (["heldout_en_41.json"], None),
    "heldout_en_42.tsv": (["heldout_en_42.json"], None),
    "heldout_en_43.tsv": (["heldout_en_43.json"], None),
    "heldout_en_44.tsv": (["heldout_en_44.json"], None),
    "heldout_en_45.tsv": (["heldout_en_45.json"], None),
    "heldout_en_46.tsv": (["heldout_en_46.json"], None),
    "heldout_en_50.tsv": (["heldout_en_50.json"], None),
    "heldout_en_51.tsv": (["heldout_en_51.json"], None),
    "heldout_en_52.tsv": (["heldout_en_52.json"], None),
    "heldout_en_53.tsv": (["heldout_en_53.json"], None),
    "heldout_en_54.tsv": (["heldout_en_54.json"], None),
    "heldout_en_55.tsv": (["heldout_en_55.json"], None),
    "heldout_en_56.tsv": (["heldout_en_56.json"], None),
    "heldout_en_57.tsv": (["heldout_en_57.json"], None),
    "heldout_en_58.tsv": (["heldout_en_58.json"], None),
    "heldout_en_regional.tsv": (
        [f"heldout_en_regional.{loc}.json" for loc in ("en-AU", "en-CA", "en-GB", "en-IN")],
        None,
    ),
    "heldout_de.tsv": (["heldout_de.json"], "de-DE"),
    "heldout_de_2.tsv": (["heldout_de_2.json"], "de-DE"),
    "heldout_de_3.tsv": (["heldout_de_3.json"], "de-DE"),
    "heldout_de_4.tsv": (["heldout_de_4.json"], "de-DE"),
}


@pytest.mark.parametrize("tsv", sorted(CONVERTED))
def test_annotation_sets_are_in_sync_with_their_tsv(
    tsv: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tests/data/annotations/ holds what the converter writes from the TSVs today (after an
    edit to a TSV or a model's values, run the command in docs/nlu-evaluation.md again)."""
    names, locale = CONVERTED[tsv]
    stem = names[0].split(".")[0]
    argv = ["evaluate", "--convert", str(tmp_path / f"{stem}.json"), str(DATA / tsv)]
    code, _, _ = run([*argv, *(["--locale", locale] if locale else [])], capsys)
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)
    for name in names:
        assert (tmp_path / name).read_text(encoding="utf-8") == (ANNOTATIONS / name).read_text(
            encoding="utf-8"
        ), name
    from_json = sorted((c for n in names for c in load(ANNOTATIONS / n)), key=repr)
    assert from_json == sorted(load(DATA / tsv, locale), key=repr)


def test_every_annotation_set_is_converted() -> None:
    expected = {name for names, _ in CONVERTED.values() for name in names}
    assert {p.name for p in ANNOTATIONS.iterdir()} == expected


def test_the_simulator_names_are_the_evaluation_packages() -> None:
    from skill.simulator import evaluate as shim

    assert shim.Case is Case
    assert shim.evaluate is nlu.evaluate
    assert shim.load_cases is annotations.load_tsv
    assert shim.predicted_slots is nlu.predicted_slots
