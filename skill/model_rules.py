"""Alexa's build rules for an interaction model, checked offline.

``validate(document)`` returns a list of human readable problems (empty = the model
builds).  Every rule is a small ``check_*`` function, so that the mutation tests in
tests/test_interaction_model.py can prove each one fires on a broken model; the
certification self-check (``twitch-guide check``) runs the same rules.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

from skill import content

MODEL_DIR = Path(__file__).resolve().parent.parent / "interaction_model"
MODEL_FILES = sorted(MODEL_DIR.glob("*.json"))
EN_US = MODEL_DIR / "en-US.json"

INVOCATION_NAME = "muscle twitch guide"

# Words an invocation name may not contain: launch phrases, connecting words, wake words.
FORBIDDEN_INVOCATION_WORDS = frozenset(
    [
        "ask",
        "open",
        "launch",
        "start",
        "tell",
        "play",
        "begin",
        "load",
        "resume",
        "run",
        "enable",
        "use",
        "with",
        "and",
        "to",
        "from",
        "for",
        "by",
        "in",
        "of",
        "about",
        "on",
        "at",
        "using",
        "if",
        "whether",
        "that",
        "this",
        "alexa",
        "amazon",
        "echo",
        "computer",
        "skill",
        "app",
        # German launch phrases and connecting words.
        "öffne",
        "starte",
        "frag",
        "frage",
        "sag",
        "spiel",
        "spiele",
        "lade",
        "beginne",
        "mit",
        "und",
        "nach",
        "von",
        "für",
        "ob",
        "über",
    ]
)

MAX_SAMPLE_CHARS = 200
MIN_CUSTOM_SAMPLES = 25

# A word: lowercase letters and apostrophes; or a spelled letter of an abbreviation ("a.").
#: A spoken word: lowercase letters (German umlauts and ß too), apostrophes, or a spelled letter.
WORD_RE = re.compile(r"^(?:[a-zäöüß][a-zäöüß']*|[a-zäöü]\.)$")
SLOT_REF_RE = re.compile(r"\{([^{}]*)\}")
SLOT_TOKEN_RE = re.compile(r"^\{[A-Za-z][A-Za-z_]*\}$")
NAME_RE = re.compile(r"^[A-Za-z][A-Za-z_]*$")

REQUIRED_BUILTINS = frozenset(
    {
        "AMAZON.HelpIntent",
        "AMAZON.StopIntent",
        "AMAZON.CancelIntent",
        "AMAZON.FallbackIntent",
        "AMAZON.NavigateHomeIntent",
        "AMAZON.RepeatIntent",
        "AMAZON.YesIntent",
        "AMAZON.NoIntent",
        "AMAZON.NextIntent",
        "AMAZON.StartOverIntent",
    }
)

# What the skill code answers, derived from the content's structure (never restated by hand).
CUSTOM_INTENTS = frozenset(
    [topic.intent for topic in content.TOPICS.values()]
    + [slot_topic.intent for slot_topic in content.SLOT_TOPICS]
    + [intent for intent, _ in content.SAFETY_ANSWERS.values()]
)

# intent -> (slot name, slot type): the slots the skill code reads.
SLOT_INTENTS = {t.intent: (t.slot, t.slot_type) for t in content.SLOT_TOPICS}

EXPECTED_SLOT_IDS = {t.slot_type: list(t.entries) for t in content.SLOT_TOPICS}

# Utterances the built-in intents own; a custom sample equal to one of them steals it.
BUILTIN_UTTERANCES = frozenset(
    {
        "help",
        "help me",
        "stop",
        "cancel",
        "never mind",
        "yes",
        "yeah",
        "no",
        "nope",
        "next",
        "skip",
        "start over",
        "restart",
        "repeat",
        "repeat that",
        "say again",
        "go home",
        "home",
        "exit",
        "quit",
        "shut up",
        "more",
        "go on",
        "continue",
    }
)

Document = dict[str, Any]
Problems = list[str]


# --------------------------------------------------------------------------- helpers


def load(path: Path) -> Document:
    with path.open(encoding="utf-8") as fh:
        return cast(Document, json.load(fh))


def language_model(document: Document) -> dict[str, Any]:
    return cast(dict[str, Any], document["interactionModel"]["languageModel"])


def intents(document: Document) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], language_model(document).get("intents", []))


def custom_types(document: Document) -> dict[str, dict[str, Any]]:
    return {t["name"]: t for t in language_model(document).get("types", [])}


def is_builtin(name: str) -> bool:
    return name.startswith("AMAZON.")


def samples_of(document: Document) -> Iterator[tuple[str, str]]:
    for intent in intents(document):
        for sample in intent.get("samples", []):
            yield intent["name"], sample


def conflict_key(sample: str) -> str:
    """What Alexa compares to find conflicts: every slot is just 'some slot'."""
    return " ".join(SLOT_REF_RE.sub("{}", sample).split())


def slot_values(type_def: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(value id, spoken form) for the canonical value and every synonym."""
    for value in type_def.get("values", []):
        name = value.get("name", {})
        yield value.get("id", ""), name.get("value", "")
        for synonym in name.get("synonyms", []):
            yield value.get("id", ""), synonym


def slot_value_table(document: Document) -> dict[str, dict[str, str]]:
    """slot type -> normalised spoken form -> value id: what ``skill.slot_values`` looks up.

    A form two values share (Alexa would resolve it to both) is left out: the skill only
    guesses where the model is unambiguous.
    """
    from skill.slot_values import normalise

    table: dict[str, dict[str, str]] = {}
    for name, type_def in sorted(custom_types(document).items()):
        forms: dict[str, set[str]] = {}
        for value_id, spoken in slot_values(type_def):
            forms.setdefault(normalise(spoken), set()).add(value_id)
        table[name] = {form: ids.pop() for form, ids in sorted(forms.items()) if len(ids) == 1}
    return table


def is_spoken_text(text: str) -> bool:
    words = text.split(" ")
    return bool(text) and all(WORD_RE.match(w) for w in words)


# --------------------------------------------------------------------------- checks


def check_shape(document: Document) -> Problems:
    problems: Problems = []
    # The skill package file holds interactionModel; SMAPI also accepts version/description.
    extra = set(document) - {"interactionModel", "version", "description"}
    if extra:
        problems.append(f"shape: unknown top level keys {sorted(extra)}")
    model = document.get("interactionModel", {})
    if not isinstance(model.get("languageModel"), dict):
        return [*problems, "shape: interactionModel.languageModel missing"]
    lm = model["languageModel"]
    for key, kind in (("invocationName", str), ("intents", list), ("types", list)):
        if not isinstance(lm.get(key), kind):
            problems.append(f"shape: languageModel.{key} must be a {kind.__name__}")
    for intent in lm.get("intents", []):
        if not isinstance(intent.get("samples"), list):
            problems.append(f"shape: intent {intent.get('name')} has no samples list")
        if not NAME_RE.match(intent.get("name", "")) and not is_builtin(intent.get("name", "")):
            problems.append(f"shape: bad intent name {intent.get('name')!r}")
    return problems


def check_invocation_name(document: Document) -> Problems:
    name = language_model(document).get("invocationName", "")
    problems: Problems = []
    if not re.fullmatch(r"[a-zäöüß]+(?: [a-zäöüß]+)*", name):
        problems.append(f"invocation name {name!r}: only lowercase letters and single spaces")
    words = name.split()
    if len(words) < 2:
        problems.append(f"invocation name {name!r}: needs two or more words")
    if not 2 <= len(name) <= 50:
        problems.append(f"invocation name {name!r}: length must be 2..50 characters")
    bad = sorted(set(words) & FORBIDDEN_INVOCATION_WORDS)
    if bad:
        problems.append(f"invocation name {name!r}: forbidden words {bad}")
    return problems


def check_sample_text(document: Document) -> Problems:
    problems: Problems = []
    for intent, sample in samples_of(document):
        where = f"{intent}: {sample!r}"
        if len(sample) > MAX_SAMPLE_CHARS:
            problems.append(f"sample too long ({len(sample)} > {MAX_SAMPLE_CHARS}) {where}")
        if sample != sample.strip() or "  " in sample or not sample:
            problems.append(f"sample whitespace {where}")
            continue
        words = sample.split(" ")
        for word in words:
            if SLOT_TOKEN_RE.match(word) or WORD_RE.match(word):
                continue
            problems.append(f"sample bad word {word!r} (characters) {where}")
        plain = [w for w in words if not SLOT_TOKEN_RE.match(w)]
        if not plain:
            problems.append(f"sample has no words besides slots {where}")
    return problems


def check_slots(document: Document) -> Problems:
    problems: Problems = []
    types = custom_types(document)
    for intent in intents(document):
        name = intent["name"]
        declared: dict[str, str] = {}
        for slot in intent.get("slots", []):
            slot_name, slot_type = slot.get("name", ""), slot.get("type", "")
            if slot_name in declared:
                problems.append(f"{name}: slot {slot_name!r} declared twice")
            declared[slot_name] = slot_type
            if not NAME_RE.match(slot_name):
                problems.append(f"{name}: bad slot name {slot_name!r}")
            if not is_builtin(slot_type) and slot_type not in types:
                problems.append(f"{name}: slot {slot_name!r} has unknown type {slot_type!r}")
        used: set[str] = set()
        for sample in intent.get("samples", []):
            refs = SLOT_REF_RE.findall(sample)
            if len(refs) != len(set(refs)):
                problems.append(f"{name}: slot used twice in {sample!r}")
            for ref in refs:
                if ref not in declared:
                    problems.append(f"{name}: undeclared slot {{{ref}}} in {sample!r}")
                used.add(ref)
        for slot_name in sorted(set(declared) - used):
            problems.append(f"{name}: declared slot {slot_name!r} used in no sample")
    return problems


def check_expected_slots(document: Document) -> Problems:
    """The slot names/types the skill code reads exist on the right intents."""
    problems: Problems = []
    by_name = {i["name"]: i for i in intents(document)}
    for intent, (slot_name, slot_type) in SLOT_INTENTS.items():
        declared = {s.get("name"): s.get("type") for s in by_name.get(intent, {}).get("slots", [])}
        if declared.get(slot_name) != slot_type:
            problems.append(f"{intent}: expected slot {slot_name!r} of type {slot_type!r}")
    return problems


def check_duplicates(document: Document) -> Problems:
    problems: Problems = []
    exact: dict[str, list[str]] = defaultdict(list)
    conflicts: dict[str, set[str]] = defaultdict(set)
    for intent, sample in samples_of(document):
        exact[sample].append(intent)
        conflicts[conflict_key(sample)].add(sample)
    for sample, owners in exact.items():
        if len(owners) > 1:
            problems.append(f"duplicate sample {sample!r} in {owners}")
    for key, variants in conflicts.items():
        if len(variants) > 1:
            problems.append(f"conflicting samples (same after slots removed) {key!r}: {variants}")
    return problems


def check_value_conflicts(document: Document) -> Problems:
    """A slot sample filled with one of its custom values must not be something another intent
    says too: neither another intent's plain sample nor another intent's filled slot sample."""
    problems: Problems = []
    types = custom_types(document)
    said: dict[str, tuple[str, str]] = {}  # spoken text -> (intent, sample it came from)
    for intent, sample in samples_of(document):
        if not SLOT_REF_RE.search(sample):
            said.setdefault(sample, (intent, sample))
    for intent_def in intents(document):
        slot_types = {s.get("name"): s.get("type") for s in intent_def.get("slots", [])}
        for sample in intent_def.get("samples", []):
            refs = SLOT_REF_RE.findall(sample)
            if len(refs) != 1 or slot_types.get(refs[0]) not in types:
                continue
            for _, spoken in slot_values(types[slot_types[refs[0]]]):
                filled = sample.replace("{" + refs[0] + "}", spoken)
                owner, origin = said.setdefault(filled, (intent_def["name"], sample))
                if owner != intent_def["name"]:
                    problems.append(
                        f"{intent_def['name']}: {sample!r} with {spoken!r} equals {owner} sample"
                        f" {origin!r}"
                    )
    return problems


def check_builtins(document: Document) -> Problems:
    names = {i["name"] for i in intents(document)}
    problems = [f"required built-in intent missing: {b}" for b in sorted(REQUIRED_BUILTINS - names)]
    for intent, sample in samples_of(document):
        if not is_builtin(intent) and sample in BUILTIN_UTTERANCES:
            problems.append(f"{intent}: sample {sample!r} steals a built-in phrase")
    return problems


def check_custom_intents(document: Document) -> Problems:
    problems: Problems = []
    counts = {i["name"]: len(i.get("samples", [])) for i in intents(document)}
    for intent in sorted(CUSTOM_INTENTS - set(counts)):
        problems.append(f"custom intent missing: {intent}")
    for intent, count in sorted(counts.items()):
        if is_builtin(intent):
            continue
        if intent not in CUSTOM_INTENTS:
            problems.append(f"unexpected custom intent {intent}")
        if count < MIN_CUSTOM_SAMPLES:
            problems.append(f"{intent}: only {count} samples (need {MIN_CUSTOM_SAMPLES})")
    seen: set[str] = set()
    for intent_def in intents(document):
        if intent_def["name"] in seen:
            problems.append(f"intent {intent_def['name']} defined twice")
        seen.add(intent_def["name"])
    return problems


def check_slot_types(document: Document) -> Problems:
    problems: Problems = []
    type_list = language_model(document).get("types", [])
    used = {s.get("type") for i in intents(document) for s in i.get("slots", [])}
    names = [t.get("name", "") for t in type_list]
    if len(names) != len(set(names)):
        problems.append(f"slot type defined twice: {names}")
    for type_def in type_list:
        tname = type_def.get("name", "")
        if is_builtin(tname) or not NAME_RE.match(tname):
            problems.append(f"bad custom slot type name {tname!r}")
        if tname not in used:
            problems.append(f"slot type {tname} is used by no slot")
        values = type_def.get("values", [])
        if not values:
            problems.append(f"{tname}: no values")
        ids = [v.get("id") for v in values]
        if len(ids) != len(set(ids)):
            problems.append(f"{tname}: value ids not unique: {ids}")
        owner: dict[str, str] = {}
        for vid, spoken in slot_values(type_def):
            if not is_spoken_text(spoken):
                problems.append(f"{tname}/{vid}: bad characters in value {spoken!r}")
            if spoken in owner:
                if owner[spoken] == vid:
                    problems.append(f"{tname}/{vid}: {spoken!r} listed twice")
                else:
                    problems.append(
                        f"{tname}: {spoken!r} is a synonym of both {owner[spoken]} and {vid}"
                    )
            owner.setdefault(spoken, vid)
    return problems


def check_expected_ids(document: Document) -> Problems:
    problems: Problems = []
    types = custom_types(document)
    for tname, expected in EXPECTED_SLOT_IDS.items():
        if tname not in types:
            problems.append(f"slot type {tname} missing")
            continue
        actual = [v.get("id") for v in types[tname].get("values", [])]
        if sorted(actual) != sorted(expected):
            missing = sorted(set(expected) - set(actual))
            extra = sorted(set(actual) - set(expected))
            problems.append(f"{tname}: value ids differ, missing {missing}, extra {extra}")
    return problems


#: Alexa's levels of AMAZON.FallbackIntent's sensitivity (LOW is its default).
FALLBACK_SENSITIVITY_LEVELS = ("LOW", "MEDIUM", "HIGH")


def check_model_configuration(document: Document) -> Problems:
    """``modelConfiguration.fallbackIntentSensitivity.level``, when set, is one of Alexa's."""
    config = language_model(document).get("modelConfiguration")
    if config is None:
        return []
    if not isinstance(config, dict) or set(config) - {"fallbackIntentSensitivity"}:
        return [f"modelConfiguration: only fallbackIntentSensitivity is known, got {config!r}"]
    sensitivity = config.get("fallbackIntentSensitivity", {})
    level = sensitivity.get("level") if isinstance(sensitivity, dict) else None
    if level not in FALLBACK_SENSITIVITY_LEVELS:
        return [f"fallbackIntentSensitivity level {level!r}: one of {FALLBACK_SENSITIVITY_LEVELS}"]
    return []


CHECKS: list[Callable[[Document], Problems]] = [
    check_shape,
    check_invocation_name,
    check_sample_text,
    check_slots,
    check_expected_slots,
    check_duplicates,
    check_value_conflicts,
    check_builtins,
    check_custom_intents,
    check_slot_types,
    check_expected_ids,
    check_model_configuration,
]


def validate(document: Document) -> Problems:
    problems = check_shape(document)
    if not isinstance(document.get("interactionModel", {}).get("languageModel"), dict):
        return problems  # nothing else can be checked
    for check in CHECKS:
        if check is check_shape:
            continue
        problems.extend(check(document))
    return problems
