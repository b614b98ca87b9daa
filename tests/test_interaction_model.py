"""Offline enforcement of Alexa's build rules on interaction_model/*.json.

The rules live in ``skill.model_rules`` (``validate(document)`` and one ``check_*``
function per rule; the certification self-check runs them too).  This module runs them
on the real models, and its mutation tests at the bottom prove that each check actually
fires on a broken model.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from skill.model_rules import (
    CHECKS,
    EN_US,
    INVOCATION_NAME,
    MODEL_FILES,
    SLOT_INTENTS,
    Document,
    Problems,
    conflict_key,
    custom_types,
    intents,
    is_builtin,
    language_model,
    load,
    validate,
)

# --------------------------------------------------------------------------- the real models


def test_model_files_exist() -> None:
    assert EN_US in MODEL_FILES


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_model_passes(path: Path, check: Callable[[Document], Problems]) -> None:
    assert check(load(path)) == []


def test_en_us_invocation_name() -> None:
    assert language_model(load(EN_US))["invocationName"] == INVOCATION_NAME


@pytest.mark.parametrize("path", MODEL_FILES, ids=lambda p: p.name)
def test_model_is_valid_json_utf8_without_bom(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    json.loads(raw.decode("utf-8"))


# --------------------------------------------------------------------------- cross-checks


def _content() -> Any:
    return pytest.importorskip("skill.content")


@pytest.mark.parametrize(
    ("type_name", "attribute"),
    [("CauseType", "CAUSES"), ("RemedyType", "REMEDIES"), ("BodyPartType", "BODY_PARTS")],
)
def test_slot_ids_match_content(type_name: str, attribute: str) -> None:
    content = _content()
    ids = {v["id"] for v in custom_types(load(EN_US))[type_name]["values"]}
    assert ids == set(content.catalog("en-US").entries(type_name))


def _topic_intent(topic: Any) -> str:
    return topic["intent"] if isinstance(topic, dict) else topic.intent


def test_every_custom_intent_reaches_content() -> None:
    content = _content()
    reachable = {_topic_intent(t) for t in content.TOPICS.values()} | set(SLOT_INTENTS)
    reachable |= {intent for intent, _ in content.SAFETY_ANSWERS.values()}
    custom = {i["name"] for i in intents(load(EN_US)) if not is_builtin(i["name"])}
    assert custom - reachable == set()


# --------------------------------------------------------------------------- the checks can fail


def _intent(document: Document, name: str) -> dict[str, Any]:
    return next(i for i in intents(document) if i["name"] == name)


def _type(document: Document, name: str) -> dict[str, Any]:
    return custom_types(document)[name]


def _set_invocation(name: str) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        language_model(document)["invocationName"] = name

    return mutate


def _add_sample(intent: str, sample: str) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        _intent(document, intent)["samples"].append(sample)

    return mutate


def _drop_intent(name: str) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        lm = language_model(document)
        lm["intents"] = [i for i in lm["intents"] if i["name"] != name]

    return mutate


def _truncate_samples(document: Document) -> None:
    _intent(document, "SleepTwitchIntent")["samples"][24:] = []


def _duplicate_value_id(document: Document) -> None:
    _type(document, "BodyPartType")["values"][1]["id"] = "eye"


def _shared_synonym(document: Document) -> None:
    _type(document, "BodyPartType")["values"][1]["name"]["synonyms"].append("eyelid")


def _repeated_synonym(document: Document) -> None:
    synonyms = _type(document, "BodyPartType")["values"][0]["name"]["synonyms"]
    synonyms.append(synonyms[0])


def _bad_sensitivity(document: Document) -> None:
    language_model(document)["modelConfiguration"] = {
        "fallbackIntentSensitivity": {"level": "VERY_HIGH"}
    }


def _drop_value(document: Document) -> None:
    _type(document, "CauseType")["values"].pop()


def _extra_value(document: Document) -> None:
    _type(document, "RemedyType")["values"].append(
        {"id": "acupuncture", "name": {"value": "acupuncture", "synonyms": []}}
    )


def _bad_synonym(document: Document) -> None:
    _type(document, "CauseType")["values"][0]["name"]["synonyms"].append("ALS-like")


def _unknown_slot_type(document: Document) -> None:
    _intent(document, "CauseCheckIntent")["slots"][0]["type"] = "NoSuchType"


def _unused_slot(document: Document) -> None:
    _intent(document, "TherapyIntent")["slots"] = [{"name": "remedy", "type": "RemedyType"}]


def _rename_slot(document: Document) -> None:
    intent = _intent(document, "BodyPartIntent")
    intent["slots"][0]["name"] = "part"
    intent["samples"] = [s.replace("{body_part}", "{part}") for s in intent["samples"]]


def _unused_type(document: Document) -> None:
    language_model(document)["types"].append(
        {"name": "ColourType", "values": [{"id": "red", "name": {"value": "red"}}]}
    )


def _duplicate_intent(document: Document) -> None:
    intents(document).append(copy.deepcopy(_intent(document, "AMAZON.StopIntent")))


def _extra_top_level(document: Document) -> None:
    document["languageModel"] = document["interactionModel"].pop("languageModel")


def _no_samples_key(document: Document) -> None:
    del _intent(document, "AMAZON.NoIntent")["samples"]


MUTATIONS: list[tuple[str, Callable[[Document], None], str]] = [
    ("one-word invocation", _set_invocation("twitcher"), "two or more words"),
    ("invocation with launch word", _set_invocation("ask muscle guide"), "forbidden words"),
    ("invocation with skill", _set_invocation("muscle twitch skill"), "forbidden words"),
    ("invocation uppercase", _set_invocation("Muscle Twitch Guide"), "only lowercase"),
    ("invocation digits", _set_invocation("muscle twitch guide two2"), "only lowercase"),
    ("invocation too long", _set_invocation("muscle " * 8 + "guide"), "length"),
    ("sample digit", _add_sample("CausesIntent", "why do i twitch at 3 am"), "bad word"),
    ("sample question mark", _add_sample("CausesIntent", "why do i twitch?"), "bad word"),
    ("sample comma", _add_sample("CausesIntent", "well, why do i twitch"), "bad word"),
    ("sample uppercase", _add_sample("CausesIntent", "Why do I twitch so"), "bad word"),
    ("sample stray period", _add_sample("CausesIntent", "why do i twitch."), "bad word"),
    ("sample hyphen", _add_sample("CausesIntent", "what is a twitch-thing"), "bad word"),
    ("sample double space", _add_sample("CausesIntent", "why do  i twitch"), "whitespace"),
    ("sample trailing space", _add_sample("CausesIntent", "why do i twitch "), "whitespace"),
    ("sample too long", _add_sample("CausesIntent", "why " * 51 + "now"), "too long"),
    ("slot only sample", _add_sample("CauseCheckIntent", "{cause}"), "no words besides"),
    ("undeclared slot", _add_sample("CausesIntent", "can {cause} do it"), "undeclared slot"),
    ("slot used twice", _add_sample("CauseCheckIntent", "{cause} or {cause} then"), "used twice"),
    ("declared slot unused", _unused_slot, "used in no sample"),
    ("unknown slot type", _unknown_slot_type, "unknown type"),
    ("renamed contract slot", _rename_slot, "expected slot 'body_part'"),
    ("duplicate in intent", _add_sample("CausesIntent", "why do muscles twitch"), "duplicate"),
    (
        "duplicate across intents",
        _add_sample("TherapyIntent", "why do muscles twitch"),
        "duplicate sample",
    ),
    (
        "conflict after slot removal",
        _add_sample("RemedyDetailIntent", "can {remedy} cause twitching"),
        "conflicting samples",
    ),
    (
        "filled slot samples collide",
        _add_sample("RemedyDetailIntent", "does too much {remedy} cause twitching"),
        "equals CauseCheckIntent sample",
    ),
    (
        "slot value equals other sample",
        _add_sample("CausesIntent", "can coffee cause twitching"),
        "equals CausesIntent sample",
    ),
    ("steals built-in", _add_sample("RemediesIntent", "help"), "steals a built-in"),
    ("missing built-in", _drop_intent("AMAZON.FallbackIntent"), "built-in intent missing"),
    ("missing custom intent", _drop_intent("EmergencyIntent"), "custom intent missing"),
    ("too few samples", _truncate_samples, "only 24 samples"),
    ("duplicate intent", _duplicate_intent, "defined twice"),
    ("duplicate value id", _duplicate_value_id, "ids not unique"),
    ("synonym in two values", _shared_synonym, "synonym of both"),
    ("synonym repeated", _repeated_synonym, "listed twice"),
    ("value id missing", _drop_value, "missing ['medication']"),
    ("value id extra", _extra_value, "extra ['acupuncture']"),
    ("bad synonym characters", _bad_synonym, "bad characters"),
    ("unused slot type", _unused_type, "used by no slot"),
    ("languageModel at top level", _extra_top_level, "top level keys"),
    ("intent without samples", _no_samples_key, "no samples list"),
    ("unknown fallback sensitivity", _bad_sensitivity, "fallbackIntentSensitivity level"),
]


@pytest.fixture(scope="module")
def en_us() -> Document:
    return load(EN_US)


def test_baseline_is_clean(en_us: Document) -> None:
    assert validate(en_us) == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [pytest.param(m, e, id=label) for label, m, e in MUTATIONS],
)
def test_validate_reports_broken_model(
    en_us: Document, mutate: Callable[[Document], None], expected: str
) -> None:
    broken = copy.deepcopy(en_us)
    mutate(broken)
    problems = validate(broken)
    assert any(expected in p for p in problems), problems


def test_conflict_key_ignores_slot_names() -> None:
    assert conflict_key("can {cause} cause twitching") == conflict_key("can {x} cause twitching")
    assert conflict_key("can {cause} cause twitching") != conflict_key("can coffee cause twitching")


def test_every_check_is_proven_by_a_mutation(en_us: Document) -> None:
    """Each check_* must itself report at least one of the broken models above."""
    proven: set[str] = set()
    for _, mutate, expected in MUTATIONS:
        broken = copy.deepcopy(en_us)
        mutate(broken)
        for check in CHECKS:
            try:
                problems = check(broken)
            except (KeyError, TypeError, AttributeError):
                continue
            if any(expected in p for p in problems):
                proven.add(check.__name__)
    assert {c.__name__ for c in CHECKS} - proven == set()


def test_english_variants_inherit_the_fallback_sensitivity() -> None:
    """The en-US model sets AMAZON.FallbackIntent's sensitivity deliberately (MEDIUM, see
    docs/nlu-evaluation.md); every generated English variant carries the same setting."""
    levels = {
        path.stem: language_model(load(path))
        .get("modelConfiguration", {})
        .get("fallbackIntentSensitivity", {})
        .get("level")
        for path in sorted(EN_US.parent.glob("en-*.json"))
    }
    assert set(levels) == {"en-US", "en-GB", "en-CA", "en-AU", "en-IN"}
    assert set(levels.values()) == {"MEDIUM"}
