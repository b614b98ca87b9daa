"""What Muscle Twitch Guide says, per locale: the structure here, the words in data files.

The structure is the same in every locale and lives in this module: which topics there are,
the intent that asks for each, the article section each answer comes from, what it offers
next, the slot values, the safety answers and the numbers they give.  The words live in one
catalog file per locale, ``skill/catalog/<locale>.json`` (an English variant lists only what
it says differently from ``en-US``): a translator edits that file and nothing else
(``docs/translating.md``).  :func:`catalog` loads one locale's file on first use, checks it
against the structure, and returns a :class:`Catalog`.

Medical statements come only from the source article
(``shared/source/muscle-twitching-article.txt``); each answer's section is one of its
headings (``tests/test_content.py`` checks them against the article).  Where an answer says
more than the article (a common name, "ask your pharmacist"), the catalog's ``notes`` say so.

Speech is plain text: the reply layer escapes it for SSML.  A spoken answer fits in one
breath (at most 45 words); the card carries the longer text.

This module imports nothing from the rest of the skill, so handlers depend on content and
never the other way round.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

# --- Article sections (each is a heading or the opening line of the article) ---
INTRO = "Twitching in the eye or in the leg?"
WHAT = "Muscle twitching: That’s what’s behind"  # noqa: RUF001 (the article's own apostrophe)
CAUSES_SECTION = "Possible causes"
REMEDIES_SECTION = "You can do that"
SLEEP_SECTION = "Muscle twitching when falling asleep"
DOCTOR_SECTION = "When to see the doctor?"
#: Not from the article: the skill's own safety policy (emergencies, disclaimers).
SAFETY = "Safety policy of the skill"
#: Not from the article: how the skill itself works (welcome, help, goodbye).
SKILL = "Skill interface"

ARTICLE_SECTIONS = (INTRO, WHAT, CAUSES_SECTION, REMEDIES_SECTION, SLEEP_SECTION, DOCTOR_SECTION)
#: Each article section's key in a catalog's ``sections`` (its heading in that language, shown
#: as an answer's source line on a screen).
SECTION_KEYS = dict(
    zip(ARTICLE_SECTIONS, ("intro", "what", "causes", "remedies", "sleep", "doctor"), strict=True)
)


# --- Safety numbers (the skill's own policy, not the article) ------------------------
@dataclass(frozen=True)
class SafetyNumbers:
    """The numbers a locale's safety answers give, written as they are dialled.

    Speech and cards name them only through the placeholders ``{emergency}``,
    ``{crisis}`` and ``{poison}``; the reply layer fills them in (spoken as a
    telephone number, shown as digits on the card), so every number lives here
    once and a check can compare each answer with this table.
    """

    emergency: str
    crisis: str
    poison: str
    #: The services' names, as spoken after the number ("988, the Suicide and Crisis Lifeline").
    crisis_line: str
    poison_line: str
    #: A second crisis number, where the service has one (TelefonSeelsorge).
    crisis_alt: str = ""


#: One row per locale, verified 2026-12 (sources beside each row).
SAFETY_NUMBERS: dict[str, SafetyNumbers] = {
    # Emergency 911 (FCC, "911 Emergency Communications"); crisis 988, the 988 Suicide and
    # Crisis Lifeline, call or text (SAMHSA, 988lifeline.org); poison 1-800-222-1222, Poison
    # Help, free and open 24 hours (HRSA, poisonhelp.hrsa.gov); 911 if unconscious, seizing
    # or not breathing.
    "en-US": SafetyNumbers(
        emergency="911",
        crisis="988",
        poison="1-800-222-1222",
        crisis_line="the Suicide and Crisis Lifeline",
        poison_line="Poison Help",
    ),
    # Emergency 911; crisis 988, the Suicide Crisis Helpline, call or text, launched
    # 30 November 2023 (988.ca, Public Health Agency of Canada); poisoning: 911 (provincial
    # poison centres differ, 911 reaches help everywhere).
    "en-CA": SafetyNumbers(
        emergency="911",
        crisis="988",
        poison="911",
        crisis_line="the Suicide Crisis Helpline",
        poison_line="emergency services",
    ),
    # Emergency 999; crisis Samaritans 116 123, free, 24 hours (samaritans.org); poisoning
    # 999 if severe, otherwise NHS 111 (nhs.uk, "Poisoning").
    "en-GB": SafetyNumbers(
        emergency="999",
        crisis="116 123",
        poison="111",
        crisis_line="Samaritans",
        poison_line="NHS",
    ),
    # Emergency 000, triple zero (triplezero.gov.au); crisis Lifeline 13 11 14
    # (lifeline.org.au); Poisons Information Centre 13 11 26, 24 hours (health.gov.au);
    # 000 if severe.
    "en-AU": SafetyNumbers(
        emergency="000",
        crisis="13 11 14",
        poison="13 11 26",
        crisis_line="Lifeline",
        poison_line="the Poisons Information Centre",
    ),
    # Emergency 112 (Emergency Response Support System, 112.gov.in); crisis Tele-MANAS 14416
    # (telemanas.mohfw.gov.in); poisoning 112.
    "en-IN": SafetyNumbers(
        emergency="112",
        crisis="14416",
        poison="112",
        crisis_line="Tele-MANAS",
        poison_line="emergency services",
    ),
    # Notruf 112; TelefonSeelsorge 0800 111 0 111 and 0800 111 0 222, free, 24 hours
    # (telefonseelsorge.de); poisoning 112.
    "de-DE": SafetyNumbers(
        emergency="112",
        crisis="0800 111 0 111",
        poison="112",
        crisis_line="die TelefonSeelsorge",
        poison_line="den Notruf",
        crisis_alt="0800 111 0 222",
    ),
}
#: The locale a request in any other locale is answered in (its words and its numbers).
DEFAULT_LOCALE = "en-US"
#: The placeholders that stand for a number (spoken as a telephone number) ...
NUMBER_FIELDS = ("emergency", "crisis", "poison", "crisis_alt")
#: ... and those that stand for a service's name.
NAME_FIELDS = ("crisis_line", "poison_line")


def numbers_for(locale: str | None) -> SafetyNumbers:
    """The safety numbers for ``locale`` (the default locale's for any other)."""
    return SAFETY_NUMBERS.get(locale or "", SAFETY_NUMBERS[DEFAULT_LOCALE])


# --- What a catalog's answers are made of ---------------------------------------------------
@dataclass(frozen=True)
class Entry:
    """One answer: spoken text, card text and where it comes from."""

    title: str
    speech: str
    card: str
    section: str
    #: Topic id (a key of ``Catalog.topics``) offered as a follow-up question, if any.
    follow_up: str | None = None


@dataclass(frozen=True)
class ListItem:
    """One item of a spoken list; the card may use a fuller name."""

    spoken: str
    card: str


@dataclass(frozen=True)
class Topic(Entry):
    """An answer reachable by an intent without a slot.

    A topic with ``items`` is a list: ``speech`` introduces it, the items are
    spoken in chunks of at most four, and ``outro`` closes the last chunk.
    """

    intent: str = ""
    #: The yes/no question that offers this topic ("Would you like to hear ...?").
    offer: str = ""
    items: tuple[ListItem, ...] = field(default_factory=tuple)
    outro: str = ""


@dataclass(frozen=True)
class Prompt:
    """Something the skill says that is not a medical answer, with its reprompt."""

    speech: str
    reprompt: str | None = None
    title: str = ""


@dataclass(frozen=True)
class SlotTopic:
    """An intent whose answer is the entry its slot's value id names.

    ``unknown`` answers a value the skill has no entry for (``{value}`` is replaced by a
    short, clean echo of what was said), ``missing`` an empty slot; both then offer the
    topic ``offer_topic``.
    """

    intent: str
    slot: str
    slot_type: str
    entries: dict[str, Entry]
    unknown: str
    missing: str
    offer_topic: str


@dataclass(frozen=True)
class SafetyAnswer:
    """What the skill says to someone who may be in danger, before anything else.

    The action comes first and unconditionally, then one short reason, then the number
    again. Numbers are placeholders filled from ``SAFETY_NUMBERS``. No topic is offered:
    the session ends, or, with ``repeat_offer``, the only question is whether to say the
    number again.
    """

    intent: str
    #: The number this answer is for (a field of ``SafetyNumbers``): said first and twice.
    number: str
    title: str
    speech: str
    card: str
    section: str = SAFETY
    #: The only question this answer may ask: to say the number again ("" ends the session).
    repeat_offer: str = ""
    #: Said when the user declines ``repeat_offer``; it ends the session.
    closing: str = ""


# --- The structure, the same in every locale -------------------------------------------------
@dataclass(frozen=True)
class TopicShape:
    intent: str
    section: str
    follow_up: str
    #: The ids of a list topic's items, in the order they are spoken.
    items: tuple[str, ...] = ()


CONDITIONS = (
    "epilepsy", "multiple_sclerosis", "tourette_syndrome", "als", "parkinsons_disease",
    "alzheimers_disease", "brain_tumour", "cerebral_haemorrhage", "circulatory_disorder",
    "pinched_nerve", "infection",
)  # fmt: skip
EVERYDAY = (
    "stress", "drugs", "alcohol", "coffee", "magnesium_deficiency", "overexertion",
    "hypoglycemia", "medication",
)  # fmt: skip

TOPICS: dict[str, TopicShape] = {
    "about": TopicShape("AboutTwitchingIntent", WHAT, "causes"),
    "causes": TopicShape("CausesIntent", CAUSES_SECTION, "everyday_causes"),
    "everyday_causes": TopicShape("EverydayCausesIntent", CAUSES_SECTION, "remedies", EVERYDAY),
    "medical_conditions": TopicShape(
        "MedicalConditionsIntent", CAUSES_SECTION, "see_doctor", CONDITIONS
    ),
    "remedies": TopicShape("RemediesIntent", REMEDIES_SECTION, "see_doctor"),
    "sleep": TopicShape("SleepTwitchIntent", SLEEP_SECTION, "remedies"),
    "see_doctor": TopicShape("SeeDoctorIntent", DOCTOR_SECTION, "therapy"),
    "therapy": TopicShape("TherapyIntent", REMEDIES_SECTION, "remedies"),
}


@dataclass(frozen=True)
class SlotShape:
    intent: str
    slot: str
    slot_type: str
    offer_topic: str
    #: value id -> (article section, follow-up topic) of its answer.
    entries: dict[str, tuple[str, str]]


SLOT_TOPICS: tuple[SlotShape, ...] = (
    SlotShape(
        "CauseCheckIntent", "cause", "CauseType", "everyday_causes",
        {
            **dict.fromkeys(CONDITIONS, (CAUSES_SECTION, "see_doctor")),
            **dict.fromkeys(EVERYDAY, (CAUSES_SECTION, "remedies")),
            "hypoglycemia": (CAUSES_SECTION, "see_doctor"),
            "medication": (CAUSES_SECTION, "see_doctor"),
        },
    ),
    SlotShape(
        "RemedyDetailIntent", "remedy", "RemedyType", "see_doctor",
        dict.fromkeys(
            ("relaxation", "magnesium", "magnesium_supplements", "avoid_stimulants",
             "healthy_lifestyle"),
            (REMEDIES_SECTION, "see_doctor"),
        ),
    ),
    SlotShape(
        "BodyPartIntent", "body_part", "BodyPartType", "everyday_causes",
        dict.fromkeys(("eye", "face", "arm", "hand", "leg", "foot"), (WHAT, "remedies")),
    ),
)  # fmt: skip

#: Safety answer id -> (intent, the number it is for).
SAFETY_ANSWERS: dict[str, tuple[str, str]] = {
    "emergency": ("EmergencyIntent", "emergency"),
    "crisis": ("CrisisIntent", "crisis"),
    "poisoning": ("PoisoningIntent", "poison"),
}

PROMPTS = (
    "welcome_new", "welcome_returning", "home", "help", "fallback", "goodbye", "what_else",
    "ask_away", "nothing_to_repeat", "no_list", "error", "touch_stale",
)  # fmt: skip
#: Prompts that keep the session open (they need a reprompt and end in a question).
OPEN_PROMPTS = frozenset(PROMPTS) - {"goodbye"}
PHRASES = (
    "skill_title", "disclaimer_full", "disclaimer_short", "card_footer", "reprompt", "more",
    "more_reprompt", "and", "if_emergency", "red_flag_net", "screen_source", "touch_hint",
    "screen_emergency", "screen_crisis", "screen_poison",
)  # fmt: skip
#: Safety policy, not the article: the only sentences of an answer that is not a safety answer
#: that may name a safety number (Fallback's closing sentence; an unknown body part's).
SAFETY_NET = ("if_emergency", "red_flag_net")


# --- A locale's catalog ------------------------------------------------------------------
@dataclass(frozen=True)
class Catalog:
    """Everything the skill says in one locale, checked against the structure above."""

    locale: str
    language: str
    topics: dict[str, Topic]
    slot_topics: tuple[SlotTopic, ...]
    safety: dict[str, SafetyAnswer]
    prompts: dict[str, Prompt]
    phrases: dict[str, str]
    numbers: SafetyNumbers
    #: Article section heading -> its heading in this catalog's language.
    sections: dict[str, str] = field(default_factory=dict)

    def entries(self, slot_type: str) -> dict[str, Entry]:
        """The answers for the values of ``slot_type``."""
        return next(t.entries for t in self.slot_topics if t.slot_type == slot_type)

    def slot_topic(self, intent: str) -> SlotTopic:
        """The slot topic ``intent`` asks for."""
        return next(t for t in self.slot_topics if t.intent == intent)


CATALOG_DIR = Path(__file__).with_name("catalog")
#: The locales the skill speaks; a request in any other locale gets ``DEFAULT_LOCALE``'s.
LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN", "de-DE")


def locale_for(locale: str | None) -> str:
    """The catalog locale a request's locale is answered in (``DEFAULT_LOCALE`` if unknown)."""
    return locale if locale in LOCALES else DEFAULT_LOCALE


def for_request(locale: str | None) -> Catalog:
    """The catalog for a request's locale."""
    return catalog(locale_for(locale))


class CatalogError(ValueError):
    """A catalog file that does not match the structure (a missing, extra or empty text)."""


@cache
def catalog(locale: str) -> Catalog:
    """The catalog of ``locale``, read and checked on first use (only that locale's files)."""
    data = _read(locale)
    return _build(locale, data)


def _read(locale: str) -> dict[str, Any]:
    """The locale's file, laid over the file it ``extends`` (an English variant over en-US),
    whose texts first take the variant's ``spelling`` ("tumor" -> "tumour")."""
    data: dict[str, Any] = json.loads((CATALOG_DIR / f"{locale}.json").read_text("utf-8"))
    base = data.pop("extends", None)
    spelling = data.pop("spelling", {})
    if not base:
        return data
    return _overlay(_respell(_read(base), spelling), data)


def _respell(node: Any, spelling: dict[str, str]) -> Any:
    """``node`` with every word of ``spelling`` replaced (also capitalised, and plural -s)."""
    if isinstance(node, dict):
        return {key: _respell(value, spelling) for key, value in node.items()}
    if not isinstance(node, str) or not spelling:
        return node
    words = {**spelling, **{k.capitalize(): v.capitalize() for k, v in spelling.items()}}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")(s?)\b")
    return pattern.sub(lambda m: words[m.group(1)] + m.group(2), node)


def _overlay(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _overlay(base[key], value)
        else:
            merged[key] = value
    return merged


def _build(locale: str, data: dict[str, Any]) -> Catalog:
    text = _Texts(locale, data)
    topics = {
        topic_id: Topic(
            title=text(f"topics.{topic_id}.title"),
            speech=text(f"topics.{topic_id}.speech"),
            card=text(f"topics.{topic_id}.card"),
            section=shape.section,
            follow_up=shape.follow_up,
            intent=shape.intent,
            offer=text(f"topics.{topic_id}.offer"),
            items=tuple(
                ListItem(
                    text(f"topics.{topic_id}.items.{item}.spoken"),
                    text(f"topics.{topic_id}.items.{item}.card"),
                )
                for item in shape.items
            ),
            outro=text(f"topics.{topic_id}.outro") if shape.items else "",
        )
        for topic_id, shape in TOPICS.items()
    }
    slot_topics = tuple(
        SlotTopic(
            intent=shape.intent,
            slot=shape.slot,
            slot_type=shape.slot_type,
            entries={
                value_id: Entry(
                    title=text(f"slot_types.{shape.slot_type}.entries.{value_id}.title"),
                    speech=text(f"slot_types.{shape.slot_type}.entries.{value_id}.speech"),
                    card=text(f"slot_types.{shape.slot_type}.entries.{value_id}.card"),
                    section=section,
                    follow_up=follow_up,
                )
                for value_id, (section, follow_up) in shape.entries.items()
            },
            unknown=text(f"slot_types.{shape.slot_type}.unknown"),
            missing=text(f"slot_types.{shape.slot_type}.missing"),
            offer_topic=shape.offer_topic,
        )
        for shape in SLOT_TOPICS
    )
    safety = {
        answer_id: SafetyAnswer(
            intent=intent,
            number=number,
            title=text(f"safety.{answer_id}.title"),
            speech=text(f"safety.{answer_id}.speech"),
            card=text(f"safety.{answer_id}.card"),
            repeat_offer=text(f"safety.{answer_id}.repeat_offer", optional=True),
            closing=text(f"safety.{answer_id}.closing", optional=True),
        )
        for answer_id, (intent, number) in SAFETY_ANSWERS.items()
    }
    phrases = {name: text(f"phrases.{name}") for name in PHRASES}
    sections = {heading: text(f"sections.{key}") for heading, key in SECTION_KEYS.items()}
    prompts = {
        name: Prompt(
            speech=text(f"prompts.{name}.speech"),
            reprompt=text(f"prompts.{name}.reprompt") if name in OPEN_PROMPTS else None,
            title=text(f"prompts.{name}.title", optional=True) or phrases["skill_title"],
        )
        for name in PROMPTS
    }
    text.check_all_used()
    numbers = numbers_for(locale)
    for path in sorted(text.used):
        for name in _PLACEHOLDER.findall(text(path)):
            if name in NUMBER_FIELDS + NAME_FIELDS and not getattr(numbers, name):
                raise CatalogError(f"{locale}: {path} says {{{name}}}, which {locale} lacks")
    return Catalog(
        locale=locale,
        language=str(data.get("language", locale.split("-")[0])),
        topics=topics,
        slot_topics=slot_topics,
        safety=safety,
        prompts=prompts,
        phrases=phrases,
        numbers=numbers,
        sections=sections,
    )


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


class _Texts:
    """Reads texts by dotted path, and afterwards tells which ones were never asked for."""

    IGNORED = ("locale", "language", "notes")

    def __init__(self, locale: str, data: dict[str, Any]) -> None:
        self.locale = locale
        self.data = data
        self.used: set[str] = set()

    def __call__(self, path: str, *, optional: bool = False) -> str:
        node: Any = self.data
        for key in path.split("."):
            node = node.get(key) if isinstance(node, dict) else None
        if node is None and optional:
            return ""
        if not isinstance(node, str) or not node.strip():
            raise CatalogError(f"{self.locale}: {path} is missing or empty")
        self.used.add(path)
        return node

    def check_all_used(self) -> None:
        extra = sorted(p for p in _paths(self.data) if p not in self.used)
        extra = [p for p in extra if p.split(".")[0] not in self.IGNORED]
        if extra:
            raise CatalogError(f"{self.locale}: unknown texts {', '.join(extra[:5])}")


def _paths(node: Any, prefix: str = "") -> list[str]:
    """Every dotted path to a text in ``node``."""
    if not isinstance(node, dict):
        return [prefix]
    return [
        path
        for key, value in node.items()
        for path in _paths(value, f"{prefix}.{key}" if prefix else key)
    ]
