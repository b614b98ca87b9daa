"""Offline natural-language understanding: typed utterance -> intent and resolved slots.

A stand-in for Alexa's NLU, for the simulator and tests. It reads only a locale's interaction
model (``interaction_model/<locale>.json``) and its language's :class:`~skill.simulator.lexicon.
Lexicon` (``lexicon_en``, ``lexicon_de``: built-in phrases, normalisation, red flags), and returns
:class:`Resolution` objects whose slots are :class:`~skill.simulator.envelopes.Slot` values with
entity resolution filled in.  The steps below are the same in every language; the examples are
English.

How an utterance is resolved:

1. **Invocation.** "alexa, open muscle twitch guide" -> ``LaunchRequest``; "ask / tell muscle
   twitch guide (to|about|...) REST", "open muscle twitch guide and REST" and "REST using muscle
   twitch guide" -> REST as a one-shot.
2. **Normalisation** (the same for utterances, samples and slot values): lower case, contractions
   expanded, spelled letters joined ("m. s." -> "ms"; "a l s" -> "als" when they spell a name),
   filler words and phrases dropped ("um", "please", "so", "like", "i was wondering", "can you
   tell me", hedges such as "i read somewhere that" and tags such as "... is that right"), a
   light suffix stemmer
   (twitches / twitching / twitched / twitchy -> twitch, muscles -> muscl), a small table of
   irregular forms and a documented table of near-synonyms (flutter / quiver ->
   twitch, reason -> cause, fit -> seizure, specialist -> doctor ...). Misspelt words are mapped
   to the model's vocabulary with rapidfuzz, and two unknown words that together are close to a
   long word of the model's are joined ("fashy culations").
3. **Red flags** (:mod:`skill.simulator.red_flags`) -> a safety intent before anything else.
4. **Exact match** against every sample with ``{slot}`` turned into a capture group; a captured
   phrase is resolved against the slot type's values and synonyms (exact, then rapidfuzz ratio >=
   88, then a known value inside the phrase unless a word the model never uses names it something
   else: "potassium supplements", or is the object of a verb value: "eating bananas") ->
   ``ER_SUCCESS_MATCH``, else ``ER_SUCCESS_NO_MATCH`` with the spoken words (never a known value of
   another slot type: "caffeine and twitching" is no unknown body part). A value said at the end of
   the first words of a longer value is part of that other name ("high blood pressure" is not the
   stress of "pressure"). A sample whose only words are function words ("what about {cause}")
   accepts an unknown value only if it shares a word with the slot type's vocabulary, so "what about
   the weather" is not taken for a cause, and a known value only with at most one other word ("what
   is the atomic number of magnesium" is not a remedy question); after a connective of cause ("is it
   from ...") a noun the model never uses is an unknown cause, in a remedy's carrier that points
   back to the twitch ("would ... calm it down") an unknown remedy, and a body part the model has no
   value for ("my back") an unknown body part. ``AMAZON.FallbackIntent``'s samples are matched too:
   out-of-domain lines that share the domain's words ("what's on twitch tonight"); one that names a
   value stands for any value of its type.
5. **Vetoes**: a spasm, cramp or tic without a word of twitching, another symptom (a rash, an
   ache) without one, an animal or a thing (a light, a cursor) twitching is not the domain
   (-> Fallback).
6. **Built-in phrases** (:data:`BUILTIN_PHRASES` and the built-in intents' own samples), exact,
   two or more of one intent in a row ("forget it cancel that"), or a long one with a few
   polite words ("sorry dear could you say that again").
7. **Scored match**: a domain gate first - the words the model knows must outnumber the unknown
   ones (a core word such as "twitch" or a slot value counts once more, a question word once
   more; a word of twitching with a value, a body word or in a question always passes, unless
   in a question a word only out-of-domain samples use is said). Known slot values are replaced
   by a slot-type marker (and, in another variant, a run of words the samples never use is
   replaced by one; a carrier for such a value must contain a core word), and "jerk", "jump",
   "flicker" are also read as "twitch" at a small cost. Each variant is scored against every sample
   sharing a content word: an IDF-weighted Dice overlap (question cues such as "why" and "should"
   weigh a little, time words such as "lately" little; an unknown word weighs little when the
   known words cover the sample well; a word another sample of the same intent uses counts half)
   blended with rapidfuzz token ratios of the utterance without its unknown words. A value of a
   slot type the intent does not take is a penalised extra word.
8. **The question after a story.** When the whole line scores below :data:`CONFIDENT`, its parts are
   matched (exactly) and scored too: from each question word after something was told ("... could
   that be related", not "is" before "twitching" nor after "that", nor the verb of a question the
   line opened with: "how much protein should i eat") or joining word to the end, each clause
   between joining words ("my calves are twitching ... after my long run"), and, in a line that
   opens with its question, that question up to the subject of what it tells next ("could it be ms
   i'm only twenty two"). A part is taken when it beats the whole line by :data:`PART_MARGIN`; slots
   it leaves empty are filled from values said anywhere in the line ("i had the flu last week could
   that be related" -> infection). A pointing word in the part ("that", "they") stands for the last
   value the story named, unless that is a body part or the part names its own ("i smoked weed at a
   party can that cause twitching" is asked as "can weed cause twitching").
9. **Keyword only**: a scored match whose one tie to the domain is a slot value, beside words the
   model does not know and nothing that points back ("find a coffee shop near me") -> Fallback; so
   is a sample about "it" or twitching matched by a line about another topic ("how do i get rid of a
   verruca"). A sample of slot and function words takes one more word only when it describes the
   value, just before it ("my morning coffee", not "is magnesium a metal").
10. **A twitching clause that goes on**: a line that would go to Fallback for a low score but
    says something twitches is matched up to its word of twitching ("my scalp keeps twitching
    on the top of my head").
11. **A follow-up that only names a thing** the model does not list, whose kind of word says
    what it is ("what about a hot bath", "and thyroid": ``Lexicon.value_kinds``) -> that slot
    type's intent with an unknown value.
12. Below the threshold (the model's ``fallbackIntentSensitivity``: LOW 60, MEDIUM 62, HIGH 65)
    -> ``AMAZON.FallbackIntent`` (weather, music, jokes ...).
13. **A learned second opinion** (:mod:`skill.simulator.learned`, English): weights trained on
    the development sets overrule the rules' intent where they are sure of another, unless the
    rules' decision is firm (a safety intent, a sample or built-in phrase word for word, an
    out-of-domain reason, a reading without a set-aside value, a whole line a sample matches
    well, or a named cause or remedy the other intent would drop). See ``_second_opinion``.

:meth:`Resolver.explain` returns the resolution with the best candidate of each intent and the
rule that decided, in one sentence (also :attr:`Resolution.reason`).

Development tooling: needs rapidfuzz, so the skill's runtime never imports it.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from itertools import pairwise, product
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz, process

from skill.simulator.cache import load_or_build
from skill.simulator.envelopes import Slot
from skill.simulator.learned import Learned
from skill.simulator.learned import english as english_weights
from skill.simulator.lexicon import CANCEL, HELP, Lexicon, Token
from skill.simulator.lexicon_en import (
    BUILTIN_EXTRA_WORDS,
    BUILTIN_PHRASES,
    ENGLISH,
    join_spelled,
    stem,
)

__all__ = [
    "BUILTIN_PHRASES",
    "DEFAULT_MODEL_PATH",
    "FALLBACK",
    "Resolution",
    "Resolver",
    "default_resolver",
    "lexicon_for",
    "normalise",
    "resolve",
    "stem",
]

DEFAULT_MODEL_PATH = Path(__file__).resolve().parents[2] / "interaction_model" / "en-US.json"
FALLBACK = "AMAZON.FallbackIntent"
#: The method of a Fallback the rules chose for a stated reason (a veto, the domain gate, a
#: keyword alone, the nearest sample an out-of-domain one), not for want of a match.
OUT_OF_DOMAIN = "out of domain"
#: The method of a reading made without the values a line sets aside ("not coffee, so what").
SET_ASIDE = "set aside"
#: Decisions the learned second opinion leaves alone: the model's own samples and built-in
#: phrases word for word, the out-of-domain reasons and a reading without a set-aside value.
FIRM = frozenset({"exact", "builtin", "launch", OUT_OF_DOMAIN, SET_ASIDE})
#: The built-in intents that leave: an answer word before one of their phrases is that phrase.
LEAVING = frozenset(CANCEL)
DEFAULT_INVOCATION = "muscle twitch guide"

#: Score (0-100) a scored match needs to be taken instead of AMAZON.FallbackIntent, at the
#: model's ``fallbackIntentSensitivity`` LOW (Alexa's default); MEDIUM and HIGH ask more.
THRESHOLD = 60.0
SENSITIVITY = {"LOW": 0.0, "MEDIUM": 2.0, "HIGH": 5.0}
#: A whole line scored this high is taken as it is; below it, its parts are scored too, and a
#: part is taken when it scores PART_MARGIN more than the whole line.
CONFIDENT = 80.0
PART_MARGIN = 4.0
#: The score of a follow-up that only names a thing of a known kind ("what about a hot bath"):
#: over any threshold, under a sample matched in full.
NAMED_SCORE = 70.0
#: How many words before a value a denial or an exception may stand ("i don't drink coffee").
SET_ASIDE_REACH = 4
#: How far before an animal a meal is looked for ("eat basically chicken").
ANIMAL_REACH = 3
#: Share (by IDF weight) of the utterance's content words the best sample must cover.
MIN_COVERAGE = 0.45
#: A line plainly about twitching ("does everyone get twitches once in a while") that no
#: sample covers well enough is matched again with this lower share, and taken LOOSE_DROP
#: points below the threshold: the twitch says the domain, the samples only say which intent.
LOOSE_COVERAGE = 0.3
LOOSE_DROP = 10.0
#: rapidfuzz ratio for a misspelt slot value / word to count as the known one.
VALUE_FUZZ = 88.0
WORD_FUZZ = 88.0
#: Two unknown words joined count as a model word this long or longer at this ratio.
JOINED_FUZZ = 84.0
JOINED_MIN_LENGTH = 8
#: Weight of a slot marker in the content overlap (a word used by one intent weighs ~2.6).
MARKER_WEIGHT = 1.2
#: How closely an utterance with an unknown run must follow a sample's wording (rapidfuzz ratio).
CARRIER_RATIO = 85.0
THING_CARRIER_RATIO = 82.0
#: IDF weight of the carrier words a sample needs to take a value the model does not know:
#: "can {cause} cause twitching" qualifies, "twitching {body_part}" and "what about {cause}" not.
CARRIER_WEIGHT = 1.6
#: An unknown value this short (in words) needs only a core word in its carrier phrase.
SHORT_VALUE_WORDS = 2
#: Score adjustments of the scored match (points out of 100).
AS_SAID_BONUS = 1.0  # the utterance as said beats a substitution on a tie
CANONICAL_BONUS = 3.0  # a value said by its canonical name ("magnesium" is a remedy)
LITERAL_VALUE_PENALTY = 6.0  # a value the samples also use as a plain word ("medicine")
UNKNOWN_RUN_PENALTY = 1.0  # unknown words taken as a slot value
UNFILLED_SLOT_PENALTY = 8.0  # a slot sample matched without its slot
#: Weight of a word the model never uses: real users pad questions ("randomly", "lately"), so
#: an unknown word costs little - but see the domain gate in :meth:`Resolver._scored_match`.
UNKNOWN_WEIGHT = 0.4
#: Share (by weight) of a sample's words the utterance must say for unknown words to be padding.
SAMPLE_COVERAGE = 0.75
#: Share of an utterance word's weight forgiven when another sample of the intent uses it.
INTENT_SHARE = 0.5
#: Cost of a value of a slot type the sample's intent does not take.
FOREIGN_MARKER_PENALTY = 4.0
#: Weight cap of the light words.
LIGHT_WEIGHT = 0.6
#: Cost of reading a soft synonym ("jerking") as "twitching".
SOFT_SYNONYM_PENALTY = 2.0
#: Question cues ("why", "should i" ...) weigh this share of their IDF.
CUE_FACTOR = 0.5
#: The share of a word's samples one intent must have for the word alone to tell a question.
TELLING_SHARE = 0.65
#: How sure the learned second opinion (skill.simulator.learned) must be to overrule the rules'
#: intent, and a slot's value. Chosen on development sets the weights were not trained on.
LEARNED_INTENT = 0.7
LEARNED_SLOT = 0.7
#: A whole line a sample matches this well stands as the rules read it: what the rules read
#: word by word (a negation, "is stress why my eyelid ...") is lost on weights that only count
#: words, and the gain above it was nil on the development sets left out of training.
FIRM_SCORE = 90.0


def analyse(text: str) -> list[Token]:
    """Normalise English ``text`` into tokens (``{slot}`` placeholders are kept as they are)."""
    return ENGLISH.analyse(text)


def normalise(text: str) -> str:
    """The normalised, stemmed form of English ``text`` (space separated)."""
    return ENGLISH.normalise(text)


# ---------------------------------------------------------------------------------------------
# Invocation
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Invocation:
    """What the invocation part of an utterance said."""

    kind: Literal["launch", "intent"]
    rest: str
    invoked: bool


# ---------------------------------------------------------------------------------------------
# The compiled model
# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Resolution:
    """What the NLU understood: a launch, or an intent with its slots."""

    kind: Literal["launch", "intent"]
    intent: str | None
    slots: dict[str, Slot] = field(default_factory=dict)
    score: float = 0.0
    utterance: str = ""
    one_shot: bool = False
    method: str = ""
    #: One sentence: which rule decided (see :meth:`Resolver.explain`).
    reason: str = ""

    def slot_ids(self) -> dict[str, str]:
        """``{slot name: resolved id}`` for the slots that resolved (ER_SUCCESS_MATCH)."""
        return {name: s.id for name, s in self.slots.items() if s.id is not None}


@dataclass(frozen=True)
class Candidate:
    """One intent the resolver weighed: its best score, the sample (or built-in phrase, red-flag
    phrase) that scored it, and the slots that reading would fill (``{name: id or None}``)."""

    intent: str
    score: float
    sample: str
    slots: dict[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Explanation:
    """Why an utterance resolved as it did: the resolution, the best candidates (one per
    intent, best first) and the rule that decided, in one sentence."""

    resolution: Resolution
    candidates: list[Candidate]
    reason: str


@dataclass(frozen=True)
class _Value:
    slot_type: str
    id: str
    name: str

    def slot(self, spoken: str, slot_type: str | None = None) -> Slot:
        """The value as a resolved slot, said as ``spoken`` (in ``slot_type``, by default its
        own type)."""
        return Slot(spoken, id=self.id, name=self.name, slot_type=slot_type or self.slot_type)


#: The heads and leads of a slot type the lexicon names no kinds of.
_NO_KINDS: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())


@dataclass(frozen=True)
class _Sample:
    intent: str
    text: str
    stems: tuple[str, ...]
    string: str
    content: frozenset[str]
    literal_content: frozenset[str]
    markers: dict[str, str]  # marker token -> slot name
    pattern: re.Pattern[str] | None
    slot_groups: tuple[tuple[str, str], ...]  # (group name, slot name)


def _marker(slot_type: str) -> str:
    return "SLOT_" + re.sub(r"[^A-Za-z0-9]", "_", slot_type)


_ANY = "SLOT__ANY"


#: Words of time and frequency that pad a question more than they tell intents apart ("for a
#: week", "lately"): their IDF weight is capped at LIGHT_WEIGHT.
def _span_tokens(tokens: Sequence[Token], string: str, start: int, end: int) -> list[Token]:
    """The tokens whose stems lie in ``string[start:end]`` (``string`` = stems joined by ' ')."""
    out: list[Token] = []
    pos = 0
    for tok in tokens:
        tok_end = pos + len(tok.stem)
        if pos >= start and tok_end <= end:
            out.append(tok)
        pos = tok_end + 1
    return out


class Resolver:
    """NLU over one interaction model; build once, call :meth:`resolve` many times."""

    def __init__(self, model: Mapping[str, Any], lexicon: Lexicon | None = None) -> None:
        language_model = model.get("interactionModel", model).get("languageModel", model)
        self.lex = lexicon or ENGLISH
        #: The learned second opinion, if any (never pickled with the resolver: see _built).
        self.learned: Learned | None = None
        self.invocation_name: str = str(language_model.get("invocationName", DEFAULT_INVOCATION))
        self._invocation = self.lex.invocation_patterns(self.invocation_name.lower())
        # The wake word, and the sounds said before it or before the request ("um start ...").
        self._wake = re.compile(rf"^(?:(?:{self.lex.wake})\s+)*(?:alexa\s+)?")
        config = language_model.get("modelConfiguration", {})
        level = str(config.get("fallbackIntentSensitivity", {}).get("level", "LOW")).upper()
        #: The model's fallbackIntentSensitivity and the score a scored match needs with it.
        self.fallback_sensitivity = level
        self.threshold = THRESHOLD + SENSITIVITY.get(level, 0.0)
        intents: list[Mapping[str, Any]] = list(language_model.get("intents", []))
        self.intent_names: frozenset[str] = frozenset(str(i["name"]) for i in intents)
        self.intent_slots: dict[str, dict[str, str]] = {
            str(i["name"]): {str(s["name"]): str(s["type"]) for s in i.get("slots", [])}
            for i in intents
        }
        # Filled in once the samples are compiled (values in samples are never objects).
        self._plain_vocab: frozenset[str] = frozenset()
        self._value_words: frozenset[str] = frozenset()
        #: The names of other things that hold a value's word, as stems in a row.
        self._other_name_words = tuple(tuple(name.split()) for name in self.lex.other_names)
        self._compile_types(language_model.get("types", []))
        self._compile_samples(intents)
        self._compile_builtins(intents)
        self._compile_safety()
        #: Every word the model and the built-in phrases use (misspellings are mapped to it).
        self.vocabulary: list[str] = sorted(
            self.literal_vocab
            | {w for key in self.value_index for w in key.split()}
            | {w for key in self.builtin for w in key.split()}
            | self.ood_words
        )
        self._vocabulary_set = frozenset(self.vocabulary)
        #: Stems that say something twitches, the soft ones ("jerk", "jump") included.
        self._twitching = self.lex.twitch_words | self.lex.soft_synonyms.keys()
        #: What a helping verb may be followed by: the twitch, a pointing word, a core word.
        self._about_twitch = self._twitching | self.lex.anaphors | self.core_words
        #: Words that ask whether a thing is the reason, or say the twitch.
        self._cause_asking = self.lex.cause_asking | self._twitching
        #: ... and with the domain's core words: none of them is part of a value or a topic.
        self._core_or_twitching = self.core_words | self._twitching
        #: Texts of the samples that say what they are about (see :meth:`_anchored`).
        self._anchored_texts = frozenset(
            s.text
            for s in self.samples
            if self._anchored({self.lex.stem(w) for w in s.text.split()}, s.text.split())
        )
        #: Long words two misheard ones may stand for ("fashy culations").
        self._long_words = [w for w in self.vocabulary if len(w) >= JOINED_MIN_LENGTH]
        #: The words scoring knows: a word only safety samples use is padding there ("floor").
        value_words = frozenset(w for key in self.value_index for w in key.split())
        self._scoring_vocab = self._vocabulary_set - (self._only_safety - value_words)
        self._value_words = value_words
        #: Slot types said after "my" (the lexicon's ``own``) in five samples or more ("my
        #: {body_part} keeps twitching"): the speaker's body.
        own = self.lex.own
        after_my: dict[str, int] = {}
        for s in self.samples:
            for k, m in enumerate(s.stems):
                if m in s.markers and k and s.stems[k - 1] == own and s.intent != FALLBACK:
                    slot_type = self.intent_slots[s.intent][s.markers[m]]
                    after_my[slot_type] = after_my.get(slot_type, 0) + 1
        self._body_types = frozenset(t for t, n in after_my.items() if n >= 5)
        #: How closely a line with an unknown run must follow each sample (CARRIER_RATIO): a
        #: thing said where a sample takes a cause or a remedy ("would massaging the muscle
        #: help") may stray further than an unknown word taken for a body part (but not in
        #: the reading of a soft synonym: "the alarm went off and i jumped").
        #: Only where the language tells the speaker's body apart (English "my").
        body = self._body_types
        self._carrier_ratio = [
            CARRIER_RATIO if not body or body & self._slot_types(s) else THING_CARRIER_RATIO
            for s in self.samples
        ]

        #: Words that point back at a thing said ("that", "this", "it").
        self._pointing = self.lex.demonstratives | self.lex.anaphors
        #: Who may try or ask something ("should i try", "what she can do"), not "it".
        self._speakers = self.lex.pronouns - self.lex.anaphors
        #: Words that end the search for a wh-word before a question verb (_asks_on).
        self._question_stops = self.lex.question_starts | self.lex.clause_breaks | self.lex.pronouns
        #: The intent, slot and slot type of the samples that ask whether a thing said before
        #: is the reason ("i have {cause} could that be why"), if one intent's samples do.
        self._reason_slot = self._reason_asker()
        #: The intent of the open question about a reason (see ``Lexicon.open_reason``).
        open_reason = " ".join(t.stem for t in self._tokens(self.lex.open_reason))
        probe = self.exact_literal.get(open_reason) if open_reason else None
        self._open_reason_intent = probe.intent if probe is not None else None
        #: Per word, the largest share of the samples using it that one intent has (the
        #: out-of-domain samples aside): "doctor" is 0.7 SeeDoctorIntent's.
        self._telling = self._telling_shares()
        #: The intents that take a body part, and the one that answers twitching as one falls
        #: asleep, if one intent's samples say so.
        self._body_intents = frozenset(
            i for i, slots in self.intent_slots.items() if set(slots.values()) & self._body_types
        )
        self._asleep_intent = self._asker([self.lex.falling_asleep])
        self._body_questions = [(q, self._asker(q)) for q in self.lex.body_questions]
        #: The intent, and its one slot, that asks about a value of each slot type.
        self._type_askers = {
            kind: (intent, name)
            for intent, slots in self.intent_slots.items()
            if len(slots) == 1
            for name, kind in slots.items()
        }

    def __getstate__(self) -> dict[str, Any]:
        """What the disk cache keeps: everything but the learned weights, which have their own
        file and are attached on load (see ``_built``)."""
        state = dict(self.__dict__)
        state["learned"] = None
        return state

    def _second_opinion(self, text: str, tokens: Sequence[Token], result: Resolution) -> Resolution:
        """The rules' ``result``, or the learned weights' reading of ``text`` where they are
        sure (``LEARNED_INTENT``) of another intent, its slot filled as the line says it or, where
        they are sure of it (``LEARNED_SLOT``), with the value they learned.

        Firm decisions stand (see ``_firm``), and so does a reading that holds a cause or a
        remedy the line names (``_drops_a_value``); nothing is ever read as a safety intent
        here: red flags and the safety samples decide those."""
        if self.learned is None or not tokens or self._firm(result):
            return result
        features = self.learned.features(text)
        intent_head = self.learned.heads["intent"]
        intent, sure = intent_head.probabilities(features)[0]
        if (
            intent == result.intent
            or sure < LEARNED_INTENT
            or intent not in self.intent_names
            or intent in self.safety_intent.values()
            or self._drops_a_value(result, intent)
        ):
            return result
        why = ", ".join(repr(w) for w in intent_head.weighed(features, intent))
        reason = (
            f"learned from {self.learned.rows} labelled phrasings: {intent} at {sure:.2f}"
            f" (the words that weighed most: {why}) over the rules' {result.intent}."
        )
        learned = self._result(intent, tokens, {}, result.score, "learned", reason)
        slots = dict(learned.slots)
        found = self._find_values([t.stem for t in tokens])
        named = {v.id for _, _, values in found for v in values}
        for name, slot in learned.slots.items():
            head = self.learned.heads.get(name)
            if head is None:
                continue
            value_id, sure = head.probabilities(features)[0]
            unlisted = self.learned.unlisted if slot.value else None
            had = slot.id if slot.id is not None else unlisted
            # Where the line names both values, the rules' reading of which one it asks about
            # ("is it the alcohol or the caffeine") stands.
            if value_id != had and sure >= LEARNED_SLOT and not {had, value_id} <= named:
                slot_type = self.intent_slots[intent][name]
                slots[name] = self._learned_value(tokens, found, slot, slot_type, value_id)
        return replace(learned, slots=slots)

    def _drops_a_value(self, result: Resolution, intent: str) -> bool:
        """Would ``intent`` drop a cause or remedy the rules found named in the line? A named
        value outranks a body part and a general question (the labelling guide's rule 2), which
        weights that only count words miss ("is stress why my eyelid keeps flickering")."""
        kept = set(self.intent_slots.get(intent, {}).values())
        return any(
            slot.id is not None and slot.slot_type not in self._body_types | kept
            for slot in result.slots.values()
        )

    def _firm(self, result: Resolution) -> bool:
        """Is ``result`` a decision the learned second opinion leaves alone? A safety intent, a
        sample or built-in phrase said word for word, an out-of-domain reason, a reading
        without a set-aside value (``FIRM``), or a whole line a sample matches well."""
        return (
            result.intent in self.safety_intent.values()
            or result.method in FIRM
            or (result.method == "scored" and result.score >= FIRM_SCORE)
        )

    def _learned_value(
        self,
        tokens: Sequence[Token],
        found: Sequence[tuple[int, int, list[_Value]]],
        slot: Slot,
        slot_type: str,
        value_id: str,
    ) -> Slot:
        """``slot`` (of ``slot_type``) holding ``value_id`` (``Learned.unlisted``: a value the
        model does not list), said as the line says it where it names it (``found``: the values
        the line names, ``_find_values``), else by its name."""
        if self.learned is not None and value_id == self.learned.unlisted:
            spoken = slot.value or " ".join(t.raw for t in tokens if self._unknown_word(t.stem))
            return Slot(spoken or None, slot_type=slot_type)
        for start, end, values in found:
            for value in values:
                if value.slot_type == slot_type and value.id == value_id:
                    return value.slot(" ".join(t.raw for t in tokens[start:end]))
        listed = self._value_of_id.get((slot_type, value_id))
        return listed.slot(listed.name) if listed is not None else slot

    def _telling_shares(self) -> dict[str, float]:
        uses: dict[str, Counter[str]] = {}
        for sample in self.samples:
            if sample.intent != FALLBACK:
                for w in sample.content:
                    uses.setdefault(w, Counter())[sample.intent] += 1
        return {w: max(by.values()) / by.total() for w, by in uses.items() if by.total() >= 5}

    def _asker(self, phrases: Sequence[Sequence[str]]) -> str | None:
        """The intent (without a slot) whose samples say one of ``phrases`` most often."""
        # Phrases as padded strings: a substring test is a search of stems in a row, and
        # quicker than walking every sample's stems for every phrase.
        wanted = [f" {' '.join(p)} " for p in phrases if p]
        counts = Counter(
            s.intent
            for s in self.samples
            if s.intent != FALLBACK
            and not self.intent_slots.get(s.intent)
            and any(w in f" {' '.join(s.stems)} " for w in wanted)
        )
        return counts.most_common(1)[0][0] if counts else None

    def _asked_of_a_body_part(self, tokens: Sequence[Token], result: Resolution) -> Resolution:
        """A twitching body part asked about with a question of its own ("is my calf twitching
        serious", "... how do i make it stop", "which diseases could do that"): the question
        outranks the place it names (see ``Lexicon.body_questions``)."""
        if result.intent not in self._body_intents:
            return result
        stems = [t.stem for t in tokens]
        negated = self.lex.corrections  # "the doctor was not worried about my arm"
        for phrases, intent in self._body_questions:
            if intent is not None and any(
                _word_before(stems, i, negated, 2) is None for p in phrases for i in _runs(stems, p)
            ):
                reason = f"{result.reason} But it asks a question of its own: {intent}."
                return self._result(intent, tokens, {}, result.score, result.method, reason)
        return result

    def _named_beats_body_part(self, tokens: Sequence[Token], result: Resolution) -> Resolution:
        """A twitching body part asked about beside a cause the line names ("is parkinson's
        why my thumb twitches", "... her arm's twitching could it be them"): the cause is the
        question, as the labels' rule has it, unless a "not" takes it back. Not a remedy: its
        plainer names are everyday verbs ("after i eat", "when i'm walking")."""
        if result.intent not in self._body_intents or self._reason_slot is None:
            return result
        intent, name, cause_type = self._reason_slot
        stems = [t.stem for t in tokens]
        for start, end, values in reversed(self._find_values(stems)):
            if _word_before(stems, start, self.lex.corrections, 2) is not None:
                continue
            for value in values:
                if value.slot_type != cause_type:
                    continue
                spoken = " ".join(t.raw for t in tokens[start:end])
                reason = f"{result.reason} But it names {spoken!r}, which comes first: {intent}."
                return self._result(
                    intent, tokens, {name: value.slot(spoken)}, result.score, result.method, reason
                )
        return result

    def _open_reason(self, tokens: Sequence[Token], result: Resolution) -> Resolution:
        """A question about the reason that names no cause ("what's the reason for that", "why
        would my muscles flicker like that"): the open question of causes, not whether a
        named one is it ("could that be it" is the latter: it opens with no such word)."""
        if self._reason_slot is None or self._open_reason_intent is None:
            return result
        intent, name, _ = self._reason_slot
        slot = result.slots.get(name)
        if result.intent != intent or (slot is not None and slot.value is not None):
            return result
        raws, stems = [t.raw for t in tokens], [t.stem for t in tokens]
        if not any(
            w in self.lex.open_reason_words and self._complement(raws, stems, i) is None
            for i, w in enumerate(raws)
        ):
            return result  # "could that be why": its "why" completes the question
        reason = f"{result.reason} But it names no cause: {self._open_reason_intent}."
        return self._result(
            self._open_reason_intent, tokens, {}, result.score, result.method, reason
        )

    def _set_aside(self, tokens: Sequence[Token], result: Resolution) -> Resolution:
        """Causes or remedies, or falling asleep, set aside before an open question ("i don't
        drink coffee or alcohol so what else could it be", "what else helps apart from
        magnesium", "not when i'm falling asleep, during the day, what causes that"): the
        question is about the rest, so it is matched without them. A denied value only counts
        before the question ("why isn't it the coffee" asks about the coffee)."""
        stems = [t.stem for t in tokens]
        # Most lines set nothing aside: no search for values without a word that could.
        if not (self.lex.denials & set(stems) or any(_says(stems, p) for p in self.lex.exceptions)):
            return result
        spans = [
            (start, end)
            for start, end, values in self._find_values(stems)
            if values[0].slot_type not in self._body_types
        ]
        asleep = self.lex.falling_asleep
        spans = sorted(spans + [(k, k + len(asleep)) for k in _runs(stems, asleep)])
        cut = [False] * len(stems)
        last, excepted = -1, False
        for start, end in spans:
            lo = max(start - SET_ASIDE_REACH, 0)
            begin = _word_before(stems, start, self.lex.denials, SET_ASIDE_REACH)
            for phrase in self.lex.exceptions:
                k = next(_runs(stems[lo:start], phrase), None)
                if k is not None:
                    begin, excepted = lo + k, True
                    break
            if begin is None and last >= 0 and set(stems[last:start]) <= self.lex.alternatives:
                begin = last  # "not coffee or alcohol": the second is set aside too
            if begin is None or self.lex.lacks & set(stems[begin:end]):
                continue
            cut[begin:end] = [True] * (end - begin)
            last = end
        if last < 0:
            return result
        asks = self.lex.reason_words
        if not (excepted and asks & set(stems)) and not asks & set(stems[last:]):
            return result
        rest = [t for t, c in zip(tokens, cut, strict=True) if not c]
        again = self._resolve_tokens(rest)
        if again.intent in (None, FALLBACK) or again.method == "builtin":
            return result
        reason = f"{again.reason} (Matched without what it sets aside.)"
        return replace(again, method=SET_ASIDE, reason=reason)

    def _falling_asleep(self, tokens: Sequence[Token], result: Resolution) -> Resolution:
        """A body part that twitches as one falls asleep ("i nearly fell asleep on the sofa and
        my arm jerked") is the falling-asleep question, not a question about that part; so,
        said plainly, are some lines that name no part (see :meth:`_asleep_too`)."""
        stems = [t.stem for t in tokens]
        if self._asleep_intent is None or not _says(stems, self.lex.falling_asleep):
            return result
        if result.intent not in self._body_intents and not self._asleep_too(stems, result):
            return result
        intent = self._asleep_intent
        reason = f"{result.reason} But the twitch comes as one falls asleep: {intent}."
        return self._result(intent, tokens, {}, result.score, result.method, reason)

    def _asleep_too(self, stems: Sequence[str], result: Resolution) -> bool:
        """Whether a line that says someone falls asleep but is not about a body part is still
        the falling-asleep question: the whole body asked why ("i doze off and then bam my whole
        body jumps what's going on"), or a twitch or a limb that only an out-of-domain sample
        came close to ("just as i'm going under my arm flings out why", near "why are my
        eyelashes falling out"). Only when the falling asleep is said plainly: not denied ("not
        when i'm dropping off"), not a limb that "fell asleep" (numb), and not when someone is
        already sound asleep ("legs jerk all night long when he's fast asleep")."""
        near = result.intent == self._open_reason_intent or (
            result.intent == FALLBACK
            and result.score > 0  # scored near a sample, not vetoed or gated
            and bool(set(stems) & self._twitching or self._names_body(stems))
        )
        if not near or any(_says(stems, phrase) for phrase in self.lex.sound_asleep):
            return False
        return any(
            _word_before(stems, k, self.lex.denials, SET_ASIDE_REACH) is None
            and not (k > 0 and self._names_body(stems[k - 1 : k]))
            for k in _runs(stems, self.lex.falling_asleep)
        )

    def _names_body(self, stems: Sequence[str]) -> bool:
        """Do ``stems`` name a part of the body: a body word, or a value of a body slot type?"""
        return bool(set(stems) & self.lex.body_words) or any(
            v.slot_type in self._body_types
            for *_, values in self._find_values(stems)
            for v in values
        )

    def _last_named(self, tokens: Sequence[Token], result: Resolution) -> Resolution:
        """Two values of the slot joined as alternatives ("is it the coffee or the stress", "my
        thigh and my bicep"): one slot holds one value, and the one named last is the one the
        speaker ends on, so it fills the slot. A value taken back ("no not my thigh my thumb")
        leaves the slot to the other."""
        filled = [(n, s) for n, s in result.slots.items() if s.id is not None]
        if len(filled) != 1 or not self.lex.alternatives:
            return result
        name, slot = filled[0]
        stems = [t.stem for t in tokens]
        spans = [
            (i, j, v)
            for i, j, values in self._find_values(stems)
            for v in values[:1]
            if v.slot_type == slot.slot_type
        ]
        if len(spans) < 2:
            return result
        meant = [s for s in spans if _word_before(stems, s[0], self.lex.corrections, 2) is None]
        if meant and len(meant) < len(spans):  # "no not my thigh my thumb"
            spans = meant[-1:]
            if spans[0][2].id == slot.id:
                return result
            return self._refill(tokens, result, name, spans[0], "the one not taken back")
        if spans[-1][2].id == slot.id:
            return result
        (_, end, before), (start, stop, _) = spans[-2], spans[-1]
        if before.id != slot.id or not self.lex.alternatives & set(stems[end:start]):
            return result
        said = set(stems[start:stop])
        if said <= self._words_of(slot.slot_type, before.id):
            return result  # "more sleep and exercise": "regular exercise" is that value too
        return self._refill(tokens, result, name, spans[-1], "the last of two alternatives")

    def _refill(
        self,
        tokens: Sequence[Token],
        result: Resolution,
        name: str,
        span: tuple[int, int, _Value],
        why: str,
    ) -> Resolution:
        """``result`` with its slot ``name`` filled with the value said at ``span``."""
        start, end, value = span
        slot_type = result.slots[name].slot_type
        slots = dict(result.slots)
        spoken = " ".join(t.raw for t in tokens[start:end])
        slots[name] = value.slot(spoken, slot_type)
        reason = f"{result.reason} Of the values named, {why}: {value.id}."
        return replace(result, slots=slots, reason=reason)

    def _words_of(self, slot_type: str | None, value_id: str) -> set[str]:
        """Every stem of the names and synonyms of one value."""
        table = self.values.get(slot_type or "", {})
        return {w for key, v in table.items() if v.id == value_id for w in key.split()}

    def _reason_asker(self) -> tuple[str, str, str] | None:
        counts: Counter[tuple[str, str, str]] = Counter()
        for s in self.samples:
            raws = s.text.split()
            if s.intent == FALLBACK or len(raws) != len(s.stems):
                continue
            for i in range(len(raws)):
                start = self._complement(raws, s.stems, i)
                markers = [m for m in s.stems[: start or 0] if m in s.markers]
                if start is not None and len(markers) == 1:
                    name = s.markers[markers[0]]
                    counts[(s.intent, name, self.intent_slots[s.intent][name])] += 1
        return counts.most_common(1)[0][0] if counts else None

    def _slot_types(self, sample: _Sample) -> set[str | None]:
        """The slot types ``sample`` takes."""
        return {self.intent_slots[sample.intent].get(n) for n in sample.markers.values()}

    @classmethod
    def from_path(
        cls, path: str | Path = DEFAULT_MODEL_PATH, lexicon: Lexicon | None = None
    ) -> Resolver:
        """A resolver for the interaction model JSON file at ``path``."""
        with open(path, encoding="utf-8") as fh:
            return cls(json.load(fh), lexicon)

    # -- compilation ----------------------------------------------------------------------
    def _compile_types(self, types: Iterable[Mapping[str, Any]]) -> None:
        self.values: dict[str, dict[str, _Value]] = {}  # type -> stem phrase -> value
        self.value_index: dict[str, list[_Value]] = {}  # stem phrase -> values (all types)
        self.type_vocab: dict[str, frozenset[str]] = {}
        self._value_of_id: dict[tuple[str, str], _Value] = {}  # (type, id) -> value
        for slot_type in types:
            type_name = str(slot_type["name"])
            table: dict[str, _Value] = {}
            for entry in slot_type.get("values", []):
                name = entry["name"]
                canonical = str(name["value"])
                value = _Value(type_name, str(entry.get("id") or canonical), canonical)
                for phrase in [canonical, *name.get("synonyms", [])]:
                    key = self.lex.normalise(str(phrase))
                    if key and key not in table:
                        table[key] = value
            self.values[type_name] = table
            for value in table.values():
                self._value_of_id.setdefault((type_name, value.id), value)
            for key, value in table.items():
                self.value_index.setdefault(key, []).append(value)
            self.type_vocab[type_name] = frozenset(
                w
                for key in table
                for w in key.split()
                if w not in self.lex.stopwords and len(w) > 2
            )
        self.max_value_len = max((len(k.split()) for k in self.value_index), default=1)
        #: The lexicon's kinds of word that name a value of each type (see Lexicon.value_kinds).
        self._kinds = {name: (heads, leads) for name, heads, leads in self.lex.value_kinds}
        self._kind_words = frozenset(
            w for _, heads, leads in self.lex.value_kinds for w in heads | leads
        )
        self._type_keys: dict[str, list[str]] = {t: list(v) for t, v in self.values.items()}
        #: The first words of longer values that are no value themselves ("blood pressure" of
        #: "blood pressure tablets"): a value said at their end is part of another name.
        self._value_starts = (
            frozenset(
                " ".join(words[:k])
                for key in self.value_index
                for words in [key.split()]
                for k in range(2, len(words))
            )
            - self.value_index.keys()
        )

    def _compile_samples(self, intents: Iterable[Mapping[str, Any]]) -> None:
        samples: list[_Sample] = []
        for intent in intents:
            name = str(intent["name"])
            slot_types = self.intent_slots[name]
            for text in intent.get("samples", []):
                samples.append(self._compile_sample(name, str(text), slot_types))
        # An out-of-domain sample that names a slot value ("what are the side effects of
        # antibiotics") stands for the same line with any value of that type (of statins).
        for sample in [s for s in samples if s.intent == FALLBACK]:
            found = self._find_values(sample.stems)
            for slot_type in sorted({v.slot_type for _, _, values in found for v in values}):
                samples.append(self._generalised(sample, found, slot_type))
        self.samples = samples
        self.exact_literal: dict[str, _Sample] = {}
        for sample in samples:
            if sample.pattern is None:
                self.exact_literal.setdefault(sample.string, sample)
        self.slot_samples = [s for s in samples if s.pattern is not None]
        # AMAZON.FallbackIntent's samples are out-of-domain lines that share the domain's words
        # ("what's on twitch tonight"): they are matched like any sample, but their words are
        # not the domain's (they count against the domain gate, and weigh fully).
        domain = [s for s in samples if s.intent != FALLBACK]
        # Vocabulary the sample wording uses (slot values excluded) and IDF over intents.
        self.literal_vocab: frozenset[str] = frozenset(
            w for s in domain for w in s.stems if not w.startswith("SLOT_")
        )
        value_words = {w for key in self.value_index for w in key.split()}
        #: Words only the out-of-domain samples use ("stream", "recipe", "atomic").
        self.ood_words: frozenset[str] = frozenset(
            w
            for s in samples
            if s.intent == FALLBACK
            for w in s.content
            if w not in self.literal_vocab and w not in value_words
        )
        intent_words: dict[str, set[str]] = {}
        for s in domain:
            intent_words.setdefault(s.intent, set()).update(s.content)
        n_intents = max(len(intent_words), 1)
        df: dict[str, int] = {}
        for words in intent_words.values():
            for w in words:
                df[w] = df.get(w, 0) + 1
        self.idf: dict[str, float] = {
            w: MARKER_WEIGHT if w.startswith("SLOT_") else math.log(1.0 + n_intents / c)
            for w, c in df.items()
        }
        self.max_idf = math.log(1.0 + n_intents)
        for w in self.lex.light_words & self.idf.keys():
            self.idf[w] = min(self.idf[w], LIGHT_WEIGHT)
        for w in self.ood_words:
            self.idf[w] = self.max_idf
        #: The domain's core words: used by a third of the intents or more (twitch, muscle ...).
        self.core_words = frozenset(
            w for w, c in df.items() if not w.startswith("SLOT_") and c * 3 >= n_intents
        )
        #: Words that say whose body it is ("my", "his", "her").
        self._owners = frozenset({self.lex.own, *self.lex.their} - {""})
        #: The words of twitching that are core words ("twitch", "fasciculation").
        self._twitch_core = self.core_words & self.lex.twitch_words
        # Question cues ("why", "should", "how" ...) are function words, but they tell intents
        # apart ("should i go to the doctor" vs "what will the doctor do"): a light weight.
        cue_df: dict[str, int] = {}
        for intent_name in intent_words:
            said = {w for s in samples if s.intent == intent_name for w in s.stems}
            for w in self.lex.cues & said:
                cue_df[w] = cue_df.get(w, 0) + 1
        self.cue_weight: dict[str, float] = {
            w: CUE_FACTOR * math.log(1.0 + n_intents / c) for w, c in cue_df.items()
        }
        self._sample_features = [
            s.content | (self.lex.cues & set(s.stems) & self.cue_weight.keys()) for s in samples
        ]
        self._intent_vocab: dict[str, frozenset[str]] = {
            name: frozenset(words) for name, words in intent_words.items()
        }
        self._intent_vocab[FALLBACK] = frozenset(
            w for s in samples if s.intent == FALLBACK for w in s.content
        )
        self._sample_weight = [
            self._weight(s.content) + sum(self.cue_weight[w] for w in f - s.content)
            for s, f in zip(samples, self._sample_features, strict=True)
        ]
        self.index: dict[str, list[int]] = {}
        for i, s in enumerate(samples):
            for w in s.content:
                self.index.setdefault(w, []).append(i)

    def _compile_sample(self, intent: str, text: str, slot_types: Mapping[str, str]) -> _Sample:
        tokens = self.lex.analyse(text)
        stems: list[str] = []
        markers: dict[str, str] = {}
        regex_parts: list[str] = []
        groups: list[tuple[str, str]] = []
        for tok in tokens:
            if tok.stem.startswith("{") and tok.stem.endswith("}"):
                slot = tok.stem[1:-1]
                marker = _marker(slot_types.get(slot, slot))
                markers[marker] = slot
                stems.append(marker)
                group = f"g{len(groups)}"
                groups.append((group, slot))
                regex_parts.append(f"(?P<{group}>.+?)")
            else:
                stems.append(tok.stem)
                regex_parts.append(re.escape(tok.stem))
        content = frozenset(w for w in stems if w not in self.lex.stopwords)
        pattern = re.compile("^" + " ".join(regex_parts) + "$") if groups else None
        return _Sample(
            intent=intent,
            text=text,
            stems=tuple(stems),
            string=" ".join(stems),
            content=content,
            literal_content=frozenset(w for w in content if not w.startswith("SLOT_")),
            markers=markers,
            pattern=pattern,
            slot_groups=tuple(groups),
        )

    def _generalised(
        self, sample: _Sample, found: list[tuple[int, int, list[_Value]]], slot_type: str
    ) -> _Sample:
        """``sample`` with its values of ``slot_type`` said as that type's slot marker."""
        marker = _marker(slot_type)
        stems: list[str] = []
        pos = 0
        for start, end, values in found:
            if any(v.slot_type == slot_type for v in values):
                between = sample.stems[pos:start]
                if stems and stems[-1] == marker and all(w in self.lex.stopwords for w in between):
                    pos = end  # "side effects of antibiotics": one value, as when said
                    continue
                stems += [*between, marker]
                pos = end
        stems += sample.stems[pos:]
        content = frozenset(w for w in stems if w not in self.lex.stopwords)
        return _Sample(
            intent=sample.intent,
            text=sample.text,
            stems=tuple(stems),
            string=" ".join(stems),
            content=content,
            literal_content=frozenset(w for w in content if not w.startswith("SLOT_")),
            markers={marker: "value"},
            pattern=None,
            slot_groups=(),
        )

    def _compile_safety(self) -> None:
        """How safety intents are understood: a whole line said exactly as a sample, or a red
        flag (:mod:`skill.simulator.red_flags`), never a sample's wording alone nor a part of a
        line said as a sample (the red flags read the whole line) - the sample matcher
        generalises from frightened phrasings badly in both directions (missed alarms, and
        "i hurt myself at the gym" taken for self-harm).  A test keeps the red-flag table
        covering every safety sample."""
        from skill.content import SAFETY_ANSWERS

        #: Red-flag kind (a safety answer id) -> its intent.
        self.safety_intent = {key: intent for key, (intent, _) in SAFETY_ANSWERS.items()}
        self._safety = safety = frozenset(self.safety_intent.values()) & self.intent_names
        others = {
            w
            for i, words in self._intent_vocab.items()
            if i not in safety and i != FALLBACK
            for w in words
        }
        only_safety = {w for i in safety for w in self._intent_vocab.get(i, ()) if w not in others}
        #: The wording of the scored samples: a word only safety samples ("neck", "chest") or
        #: built-in phrases ("go back to the start") use can still be a slot value the model
        #: does not know ("my neck keeps twitching", "my back keeps twitching"), and so can a
        #: body word a topic sample uses in another sense ("should i cut back").
        self._plain_vocab = (
            frozenset(
                w
                for s in self.samples
                if s.intent not in safety and not s.intent.startswith("AMAZON.")
                for w in s.stems
                if not w.startswith("SLOT_")
            )
            - self.lex.body_words
        )
        self._only_safety = frozenset(only_safety)
        # Words that tie a line to the domain by themselves: used by two samples or more of the
        # topic intents ("help", "cause", "doctor", "blame"), not slot values.
        uses: dict[str, int] = {}
        for sample in self.samples:
            if sample.intent not in safety and not sample.intent.startswith("AMAZON."):
                for w in sample.literal_content:
                    uses[w] = uses.get(w, 0) + 1
        self._link_words = frozenset(w for w, n in uses.items() if n >= 2) - self.lex.light_words
        # The built-in intents' own samples extend Alexa's built-in phrases: they are matched
        # as phrases (exactly, or with a few extra words), never scored - short and made of
        # function words, they would score well against anything ("what time is it").
        self._scored_samples = frozenset(
            i
            for i, sample in enumerate(self.samples)
            if sample.intent not in safety
            and (sample.intent == FALLBACK or not sample.intent.startswith("AMAZON."))
        )

    def _compile_builtins(self, intents: Iterable[Mapping[str, Any]]) -> None:
        self.builtin: dict[str, str] = {}
        for phrase, candidates in self.lex.builtin_phrases.items():
            chosen = next((c for c in candidates if c in self.intent_names), None)
            if chosen is not None:
                self.builtin.setdefault(self.lex.normalise(phrase), chosen)
        for intent in intents:
            name = str(intent["name"])
            if name.startswith("AMAZON.") and name != FALLBACK:
                for sample in intent.get("samples", []):
                    self.builtin.setdefault(self.lex.normalise(str(sample)), name)
        self._builtin_keys = list(self.builtin)
        self._builtin_extra = frozenset(self.lex.stem(w) for w in self.lex.builtin_extra)
        self._question_words = frozenset(self.lex.stem(w) for w in self.lex.wh_words)
        self._builtin_by_length = sorted(self.builtin.items(), key=lambda kv: -len(kv[0].split()))
        #: Each built-in intent's phrases as word lists, longest first (for chained phrases).
        self._builtin_words: dict[str, list[tuple[str, list[str]]]] = {}
        #: ... and their one-word phrases, which may only open a chain ("help what can i ask").
        self._builtin_openers: dict[str, frozenset[str]] = {}
        for key, builtin in self._builtin_by_length:
            if len(key.split()) > 1:  # a one-word phrase ("stop", "help") chains too easily
                self._builtin_words.setdefault(builtin, []).append((key, key.split()))
            else:
                openers = self._builtin_openers.get(builtin, frozenset())
                self._builtin_openers[builtin] = openers | {key}
        self._builtin_intents = sorted(self._builtin_words)
        self.answer_words: dict[str, str] = {}
        for word, candidates in self.lex.answer_words.items():
            chosen = next((c for c in candidates if c in self.intent_names), None)
            if chosen is not None:
                self.answer_words[self.lex.stem(word)] = chosen

    # -- helpers --------------------------------------------------------------------------
    def _carries_unknown(self, carrier: Set[str], value_words: int | None = None) -> bool:
        """Can a sample's wording ``carrier`` take a value the model does not know? It must be
        clearly about twitching (a core word: "my phone screen keeps flickering" is not a body
        part) and either weigh enough or frame a short value ("my tongue keeps twitching":
        "twitch" is in nearly every sample, so it weighs little)."""
        if not carrier & self.core_words:
            return False
        short = value_words is not None and value_words <= SHORT_VALUE_WORDS
        return short or self._weight(carrier) >= CARRIER_WEIGHT

    def _not_a_body(self, slot_type: str, tokens: Sequence[Token], start: int, end: int) -> bool:
        """Whether an unknown run ``tokens[start:end]`` cannot be a body part of ``slot_type``:
        it names no body word and nobody's ("lack of sleep twitching", "massage for
        twitching" are a cause and a remedy; "my peeper", "his tongue" may be body parts).
        Only where the language lists body words and tells whose body it is."""
        if slot_type not in self._body_types or not self.lex.body_words:
            return False
        if any(t.stem in self.lex.body_words for t in tokens[start:end]):
            return False
        return not (start > 0 and tokens[start - 1].raw in self._owners) and not any(
            t.raw in self._owners for t in tokens[start:end]
        )

    def _weight(self, words: Iterable[str]) -> float:
        return sum(self.idf.get(w, self.max_idf) for w in words)

    @lru_cache(maxsize=4096)  # noqa: B019 - the resolver lives as long as the process
    def _correct(self, word: str) -> str:
        """Map a misspelt word to the model's vocabulary (unchanged when none is close)."""
        if word in self._vocabulary_set or len(word) < 5 or not word.isalpha():
            return word
        best = process.extractOne(word, self.vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_FUZZ)
        if best is None:
            return word
        known = str(best[0])
        if (word.startswith(known) or word.endswith(known)) and len(word) - len(known) <= 2:
            return word  # another word, not a misspelling ("dehydration" is not "hydration")
        return known

    def _tokens(self, text: str) -> list[Token]:
        tokens = self._joined([Token(self._correct(t.stem), t.raw) for t in self.lex.analyse(text)])
        if not self.lex.compounds:
            return tokens
        return [part for token in tokens for part in self._split(token)]

    def _joined(self, tokens: list[Token]) -> list[Token]:
        """A long word heard as two unknown ones ("fashy culations"): joined, when together
        they are close to a long word of the model's."""
        out: list[Token] = []
        k = 0
        while k < len(tokens):
            pair = tokens[k : k + 2]
            if len(pair) == 2 and all(self._unknown_word(t.stem) for t in pair):
                word = pair[0].stem + pair[1].stem
                best = process.extractOne(
                    word, self._long_words, scorer=fuzz.ratio, score_cutoff=JOINED_FUZZ
                )
                if best is not None:
                    out.append(Token(str(best[0]), f"{pair[0].raw} {pair[1].raw}"))
                    k += 2
                    continue
            out.append(tokens[k])
            k += 1
        return out

    def _known(self, word: str) -> bool:
        """Does the model (or the language's function words) use ``word``?"""
        return word in self._vocabulary_set or word in self.lex.stopwords

    def _unknown_word(self, word: str) -> bool:
        return word.isalpha() and not self._known(word)

    def _unasked(self, word: str) -> bool:
        """Is ``word`` foreign to the questions the model answers? Neither they nor its
        values use it, though a safety or out-of-domain sample may ("ibuprofen" of "my
        daughter took too much ibuprofen" is still a remedy the model does not list)."""
        return word not in self._plain_vocab and word not in self._value_words

    def _split(self, token: Token) -> list[Token]:
        """A word the model does not know, split before the longest last part it knows
        ("augenlidzucken" -> augenlid + zucken, "arbeitsstress" -> arbeits + stress): German
        puts the head of a compound last, and the head says what it is."""
        word = token.stem
        if word in self._vocabulary_set or len(word) < 7 or not word.isalpha():
            return [token]
        for cut in range(3, len(word) - 3):
            head = self.lex.stem(word[cut:])
            if head not in self._vocabulary_set or head in self.lex.stopwords:
                continue
            left = word[:cut]
            if left.endswith(("s", "n")) and self.lex.stem(left[:-1]) in self._vocabulary_set:
                left = left[:-1]
            return [Token(self.lex.stem(left), token.raw), Token(head, token.raw)]
        return [token]

    def _empty_slots(self, intent: str) -> dict[str, Slot]:
        return {
            name: Slot(None, slot_type=slot_type)
            for name, slot_type in self.intent_slots.get(intent, {}).items()
        }

    def _resolve_value(self, slot_type: str, tokens: Sequence[Token]) -> tuple[Slot, list[str]]:
        """The slot, and the stems of the words said that are not part of the value."""
        table = self.values.get(slot_type, {})
        toks = list(tokens)
        found = table.get(" ".join(t.stem for t in toks))
        while found is None and len(toks) > 1 and toks[0].stem in self.lex.leading_determiners:
            toks = toks[1:]
            found = table.get(" ".join(t.stem for t in toks))
        spoken = " ".join(t.raw for t in toks) or " ".join(t.raw for t in tokens)
        stems = [t.stem for t in toks]
        leftover: list[str] = []
        if found is None and table:
            best = process.extractOne(
                " ".join(stems), self._type_keys[slot_type], scorer=fuzz.ratio,
                score_cutoff=VALUE_FUZZ,
            )  # fmt: skip
            if best is not None:
                found = table[str(best[0])]
        if found is None:
            named = self._other_names(stems)
            for n in range(min(len(stems), self.max_value_len), 0, -1):
                for i in range(len(stems) - n + 1):
                    gram = stems[i : i + n]
                    candidate = table.get(" ".join(gram))
                    if candidate is not None and not all(w in self.lex.stopwords for w in gram):
                        if self._modified(stems, i, i + n) or self._has_object(stems, i, i + n):
                            continue
                        if any(named[i : i + n]):
                            continue
                        found = candidate
                        leftover = stems[:i] + stems[i + n :]
                        spoken = " ".join(t.raw for t in toks[i : i + n])
                        break
                if found is not None:
                    break
        if found is None:
            return Slot(spoken, slot_type=slot_type), stems
        return Slot(spoken, id=found.id, name=found.name, slot_type=slot_type), leftover

    def _modified(self, stems: Sequence[str], start: int, end: int) -> bool:
        """Is the value ``stems[start:end]`` part of a longer name the model does not know?
        A word just before it that the model never uses makes it something else (English puts
        the modifier first): "potassium supplements", "tonic water", "bum cheek" are not the
        values inside them, as Alexa's entity resolution, which matches the whole phrase, would
        not take them. A word after it is left alone ("ms instead", "drinking altogether"), and
        so is a count before it ("three monsters a day")."""
        word = stems[start - 1] if start else ""
        counted = word in self.lex.count_words and not (start > 1 and len(stems[start - 2]) == 1)
        return bool(word) and not self._known(word) and not counted  # "b twelve" is a name

    def _has_object(self, stems: Sequence[str], start: int, end: int) -> bool:
        """Is the value ``stems[start:end]`` a verb with an object, one the model does not know
        or another value? "drinking tonic water", "eating bananas", "drinking too many energy
        drinks" name the tonic water, the bananas and the energy drinks, not drinking or eating
        in general."""
        if end - start != 1 or stems[start] not in self.lex.object_verbs or end == len(stems):
            return False
        following = [w for w in stems[end : end + 3] if w not in self.lex.leading_determiners]
        word = following[0] if following else ""
        return (
            bool(self._plain_vocab)
            and word.isalpha()
            and word not in self.lex.stopwords
            and (word not in self._plain_vocab or word in self._value_words)
        )

    def _cut_short(self, stems: Sequence[str], start: int, end: int) -> bool:
        """Is the value ``stems[start:end]`` the end of the first words of a longer value, said
        without the rest? "high blood pressure" is not the stress of "pressure": "blood
        pressure" begins "blood pressure tablets"."""
        if not start or stems[start - 1] in self.lex.stopwords:
            return False
        return " ".join(stems[start - 1 : end]) in self._value_starts

    def _other_names(self, stems: Sequence[str]) -> list[bool]:
        """Which of ``stems`` belong to the name of another thing ("tonic water")."""
        inside = [False] * len(stems)
        for words in self._other_name_words:
            for i in _runs(stems, words):
                inside[i : i + len(words)] = [True] * len(words)
        return inside

    def _named_as_other(self, slot_type: str, span: Sequence[Token]) -> bool:
        """Whether the whole of ``span``, a leading "the" or "my" aside, is the name of a value
        of another slot type only ("the magnesium pills" is a remedy, not magnesium)."""
        stems = [t.stem for t in span]
        while len(stems) > 1 and stems[0] in self.lex.leading_determiners:
            stems = stems[1:]
        return any(
            end - start == len(stems) and all(v.slot_type != slot_type for v in values)
            for start, end, values in self._find_values(stems)
        )

    def _find_values(self, stems: Sequence[str]) -> list[tuple[int, int, list[_Value]]]:
        """Known slot values in ``stems``: (start, end, candidate values), longest first."""
        found: list[tuple[int, int, list[_Value]]] = []
        taken = self._other_names(stems)
        for n in range(min(self.max_value_len, len(stems)), 0, -1):
            for i in range(len(stems) - n + 1):
                if any(taken[i : i + n]):
                    continue
                gram = stems[i : i + n]
                if all(w in self.lex.stopwords for w in gram):
                    continue
                values = self.value_index.get(" ".join(gram))
                if (
                    values
                    and not self._has_object(stems, i, i + n)
                    and not self._cut_short(stems, i, i + n)
                ):
                    found.append((i, i + n, values))
                    for j in range(i, i + n):
                        taken[j] = True
        found.sort()
        return found

    # -- resolution -----------------------------------------------------------------------
    def split_invocation(self, utterance: str) -> Invocation:
        """Strip the wake word and the invocation the way Alexa does."""
        text = utterance.lower().replace("\u2019", "'").replace("\u2018", "'")
        text = join_spelled(text)
        text = " ".join(re.sub(r"[^a-z0-9äöüß' ]+", " ", text).split())
        text = self._wake.sub("", text)
        if text == "alexa":
            text = ""
        launch, ask, open_and, using = self._invocation
        if launch.match(text):
            return Invocation("launch", "", True)
        for pattern in (ask, open_and, using):
            match = pattern.match(text)
            if match:
                return Invocation("intent", match.group("rest"), True)
        return Invocation("intent", text, False)

    def resolve(self, utterance: str) -> Resolution:
        """Understand ``utterance`` (as typed or as said, with or without the invocation)."""
        return self._resolve(utterance, None)

    def explain(self, utterance: str, top: int = 5) -> Explanation:
        """How ``utterance`` resolves, with the best ``top`` candidates (one per intent, best
        first: the sample that scored each, its slots) and the rule that decided."""
        board: dict[str, Candidate] = {}
        resolution = self._resolve(utterance, board)
        ranked = sorted(board.values(), key=lambda c: (-c.score, c.intent))[: max(top, 0)]
        return Explanation(resolution, ranked, resolution.reason)

    def _resolve(self, utterance: str, board: dict[str, Candidate] | None) -> Resolution:
        invocation = self.split_invocation(utterance)
        if invocation.kind == "launch":
            reason = "launch phrase: the skill's name alone opens it (LaunchRequest)."
            return Resolution("launch", None, {}, 100.0, "", True, "launch", reason)
        flag = self.lex.red_flag(invocation.rest)
        if flag is not None and self.safety_intent.get(flag.kind) in self.intent_names:
            intent = self.safety_intent[flag.kind]
            method = f"red flag: {flag.name} ({flag.matched!r})"
            _note(board, intent, 100.0, flag.matched, {})
            reason = (
                f"red flag phrase {flag.matched!r} ({flag.name}): someone may be in danger, so"
                f" {intent} comes before anything else."
            )
            return Resolution(
                "intent", intent, {}, 100.0, invocation.rest, invocation.invoked, method, reason
            )
        tokens = self._tokens(invocation.rest)
        result = self._falling_asleep(tokens, self._resolve_tokens(tokens, board))
        result = self._set_aside(tokens, result)
        result = self._asked_of_a_body_part(tokens, result)
        result = self._named_beats_body_part(tokens, result)
        result = self._last_named(tokens, result)
        result = self._open_reason(tokens, result)
        result = self._second_opinion(invocation.rest, tokens, result)
        return Resolution(
            "intent",
            result.intent,
            result.slots,
            result.score,
            invocation.rest,
            invocation.invoked,
            result.method,
            result.reason,
        )

    def _resolve_tokens(
        self, tokens: list[Token], board: dict[str, Candidate] | None = None
    ) -> Resolution:
        if not tokens:
            return self._fallback(0.0, "nothing is left to match once fillers are dropped.")
        stems = [t.stem for t in tokens]
        string = " ".join(stems)
        literal = self.exact_literal.get(string)
        if literal is not None:
            _note(board, literal.intent, 100.0, literal.text, {})
            reason = f"exact sample {literal.text!r} of {literal.intent}."
            return self._result(literal.intent, tokens, {}, 100.0, "exact", reason)
        veto = self._veto(tokens)
        exact = self._exact_slot_match(tokens, string) if veto is None else None
        if exact is not None:
            resolution, sample = exact
            _note(board, sample.intent, 100.0, sample.text, _slot_ids(resolution.slots))
            return resolution
        builtin = self.builtin.get(string)
        if builtin is not None:
            reason = f"built-in phrase {string!r} of {builtin}."
            return self._builtin_result(board, builtin, 100.0, string, reason)
        chained = self._chained_builtins(stems) if veto is None else None
        if chained is not None:
            intent, keys = chained
            reason = f"built-in phrases {' + '.join(map(repr, keys))}, all of {intent}."
            return self._builtin_result(board, intent, 90.0, " + ".join(keys), reason)
        # A long built-in phrase with a few polite words ("what am i supposed to say here").
        near_builtin = self._near_builtin(stems, string, board, min_words=3)
        if near_builtin is not None and veto is None:
            return near_builtin
        if veto is not None:
            return self._fallback(0.0, veto, OUT_OF_DOMAIN)
        told_thing = self._asked_about_a_thing(tokens)
        if told_thing is not None:
            return told_thing
        told_reason = self._asked_if_the_reason(tokens)
        if told_reason is not None:
            _note(board, str(told_reason.intent), 90.0, told_reason.reason,
                  _slot_ids(told_reason.slots))  # fmt: skip
            return told_reason
        whole = self._best(tokens, board)
        choice, part = whole, None
        if whole is None or whole[0] < CONFIDENT:
            best_part = self._best_part(tokens, board)
            if best_part is not None and (
                whole is None
                or (
                    best_part[0][0] > whole[0] + PART_MARGIN
                    and not self._part_loses_a_value(whole, best_part[0])
                )
            ):
                choice, part = best_part
        unmatched = choice is None or choice[0] < self.threshold
        # Unmatched, or matched only with a body part or with a thing the model does not list
        # taken for another kind ("does a warm compress help my eyelid" is no cause): a
        # yes/no question about an unlisted thing may say what it asks.
        taken = choice[2].values() if choice is not None else ()
        if unmatched or all(sl.slot_type in self._body_types or sl.id is None for sl in taken):
            tried = self._thing_tried(tokens) or (self._cause_asked(tokens) if unmatched else None)
            if tried is not None:
                _note(board, str(tried.intent), tried.score, tried.reason, _slot_ids(tried.slots))
                return tried
        if choice is not None and choice[0] >= self.threshold:
            return self._scored_result(tokens, choice, part, whole)
        near_builtin = self._near_builtin(stems, string, board)
        if near_builtin is not None:
            return near_builtin
        aside = self._builtin_with_aside(stems, board)
        if aside is not None:
            return aside
        clause = self._twitching_clause(tokens)
        if clause is not None:
            return clause
        loose = self._loose_match(tokens, board)
        if loose is not None:
            return loose
        named = self._named_alone(tokens)
        if named is not None:
            return named
        if self._gate(tokens)[0] is False and choice is None:
            _, known, foreign = self._gate(tokens)
            return self._fallback(
                0.0,
                f"domain gate -> Fallback: {foreign} word(s) the model does not use outweigh"
                f" the {known} it knows.",
                OUT_OF_DOMAIN,
            )
        if choice is None:
            return self._fallback(
                0.0, "below threshold -> Fallback: no sample covers enough of its words."
            )
        score, sample, _ = choice
        return self._fallback(
            round(score, 1),
            f"below threshold -> Fallback: the best sample, {sample.text!r} ({sample.intent}),"
            f" scores {score:.0f} < {self.threshold:.0f}.",
        )

    def _near_builtin(
        self,
        stems: list[str],
        string: str,
        board: dict[str, Candidate] | None,
        min_words: int = 1,
    ) -> Resolution | None:
        # A built-in phrase with a few extra function words ("what was that again", "okay bye").
        words = set(stems)
        for key, intent in self._builtin_by_length:
            key_words = key.split()
            extra = words - set(key_words)
            if len(key_words) < min_words:
                break  # longest first
            if (
                len(stems) <= len(key_words) + BUILTIN_EXTRA_WORDS
                and set(key_words) <= words
                and all(w in self.lex.stopwords or w in self._builtin_extra for w in extra)
                # A question word of its own asks something else ("what should i be doing"
                # is not "i'm done"), and a lone function word ("what") is said alone.
                and not extra & self._question_words
                and not (len(key_words) == 1 and key in self.lex.stopwords)
            ):
                reason = f"built-in phrase {key!r} of {intent}, with a few extra words."
                return self._builtin_result(board, intent, 80.0, key, reason)
        if min_words > 1:
            return None
        near = process.extractOne(string, self._builtin_keys, scorer=fuzz.ratio, score_cutoff=90)
        if near is not None:
            intent = self.builtin[str(near[0])]
            reason = f"built-in phrase {near[0]!r} of {intent}, said nearly so."
            return self._builtin_result(board, intent, near[1], str(near[0]), reason)
        if stems[0] in self.answer_words:
            # An answer word before a way to leave is that way to leave ("nah forget it").
            rest = self.builtin.get(" ".join(stems[1:]))
            if rest is not None and rest in LEAVING:
                reason = f"answer word {stems[0]!r} before a built-in phrase of {rest}."
                return self._builtin_result(board, rest, 80.0, " ".join(stems), reason)
            intent = self.answer_words[stems[0]]
            reason = f"answer word {stems[0]!r} first: {intent}."
            return self._builtin_result(board, intent, 70.0, stems[0], reason)
        return None

    def _builtin_result(
        self,
        board: dict[str, Candidate] | None,
        intent: str,
        score: float,
        phrase: str,
        reason: str,
    ) -> Resolution:
        """A built-in intent, taken for ``phrase``: noted on the board, without slots."""
        _note(board, intent, score, phrase, {})
        return Resolution(
            "intent", intent, self._empty_slots(intent), score, method="builtin", reason=reason
        )

    def _builtin_with_aside(
        self, stems: list[str], board: dict[str, Candidate] | None
    ) -> Resolution | None:
        """A built-in phrase of three words or more, said (nearly) first, beside an aside that
        names nothing of the domain: "sorry say that again the kettle was on", "sweet as
        that's all cheers"; or said last, after an aside that asks nothing ("sorry the blender
        was on say that again"). Tried only when no sample matched the line. Not help, whose
        phrases take what one needs help with ("i need help finding a care home")."""
        for key, intent in self._builtin_by_length:
            key_words = key.split()
            if len(key_words) < 3:
                break  # longest first
            if intent in HELP:
                continue
            starts = list(_runs(stems, key_words))
            start = next((k for k in starts if k < 4), None)
            last = len(stems) - len(key_words)
            if start is None and last in starts and not set(stems[:last]) & self._question_words:
                start = last
            if start is None:
                continue
            rest = stems[:start] + stems[start + len(key_words) :]
            if rest and not set(rest) & self._twitching and not self._find_values(rest):
                reason = f"built-in phrase {key!r} of {intent}, beside an aside."
                return self._builtin_result(board, intent, 75.0, key, reason)
        return None

    def _chained_builtins(self, stems: Sequence[str]) -> tuple[str, list[str]] | None:
        """Two or more built-in phrases of one intent, of two words or more, said in a row
        ("forget it cancel that", "sorry i missed that can you say it again"), with only
        function words between; a one-word phrase may open or close the chain ("help what can
        i ask")."""
        for intent in self._builtin_intents:
            keys: list[str] = []
            k = 0
            phrases = self._builtin_words[intent]
            # A one-word opener, unless a longer phrase begins with it ("stop now cheers").
            if (
                stems
                and stems[0] in self._builtin_openers.get(intent, ())
                and not any(list(stems[: len(words)]) == words for _, words in phrases)
            ):
                keys.append(stems[0])
                k = 1
            while k < len(stems):
                found = next(
                    (
                        (key, words)
                        for key, words in phrases
                        if list(stems[k : k + len(words)]) == words
                    ),
                    None,
                )
                if found is not None:
                    keys.append(found[0])
                    k += len(found[1])
                elif k == len(stems) - 1 and stems[k] in self._builtin_openers.get(intent, ()):
                    keys.append(stems[k])  # ... or close it ("i'm a bit lost help")
                    k += 1
                elif stems[k] in self.lex.stopwords or stems[k] in self._builtin_extra:
                    k += 1
                else:
                    break
            # Two phrases of one intent, a longer one among them or one said twice ("stop
            # stop"): single words in a row are too easily chance ("right then").
            if (
                k == len(stems)
                and len(keys) > 1
                and (any(" " in key for key in keys) or len(set(keys)) == 1)
            ):
                return intent, keys
        return None

    def _fallback(self, score: float, reason: str = "", method: str = "fallback") -> Resolution:
        return Resolution("intent", FALLBACK, {}, score, method=method, reason=reason)

    def _veto(self, tokens: Sequence[Token]) -> str | None:
        """Why a line is not about the speaker's twitching although it shares its words: a
        spasm, cramp or tic (not a twitch), another symptom said without twitching, or a thing
        or an animal twitching."""
        stems = [t.stem for t in tokens]
        words = set(stems)
        off = sorted(words & self.lex.off_topic)
        # ... but a spasm as one falls asleep is the jolt of falling asleep.
        asleep = _says(stems, self.lex.falling_asleep)
        if off and not words & self.lex.twitch_words and not asleep:
            return (
                f"domain gate -> Fallback: {off[0]!r} is not a twitch (spasms, cramps and tics"
                " are not answered as twitching)."
            )
        other = sorted(words & self.lex.other_symptoms)
        # An "it" may point back to the twitch ("does it ache"), but not beside a part of the
        # speaker's body that has the other symptom ("my knee aches whenever it rains").
        pointed = bool({t.raw for t in tokens} & self.lex.anaphors)
        if (
            other
            and not words & self._twitching
            and (not pointed or self._own_body(stems, self._find_values(stems)))
        ):
            return (
                f"domain gate -> Fallback: about another symptom ({other[0]!r}), with no word of"
                " twitching."
            )
        things = [  # the thing is what twitches ("the light keeps flickering"), not what
            # causes it ("can too much screen time cause twitching")
            w
            for k, w in enumerate(stems)
            if w in self.lex.things
            and set(stems[k + 1 : k + 4]) & self._twitching
            and not set(stems[k + 1 : k + 4]) & self.lex.causing_words
        ]
        if things and not self._speaker_twitches(stems):
            return (
                f"domain gate -> Fallback: about a thing ({things[0]!r}) that twitches or"
                " flickers, not the speaker's muscles."
            )
        animals = sorted(
            w
            for k, w in enumerate(stems)
            if w in self.lex.animals
            and _word_before(stems, k, self.lex.eating_words, ANIMAL_REACH) is None
        )
        if animals and not self._speaker_twitches(stems):
            return (
                f"domain gate -> Fallback: about an animal ({animals[0]!r}), not the speaker's"
                " muscles."
            )
        return None

    def _keyword_only(self, tokens: Sequence[Token]) -> str | None:
        """The slot value that is a line's only tie to the domain, when the line also says
        things the model does not know: "what's the atomic number of magnesium", "find a
        coffee shop near me" (no word of twitching, of a question the samples ask, nor an "it"
        that points back to one). None when the line is in the domain."""
        if not self.lex.anaphors:  # the rule needs the language's pointing words
            return None
        stems = [t.stem for t in tokens]
        found = self._find_values(stems)
        if not found or set(stems) & self._core_or_twitching:
            return None
        if {t.raw for t in tokens} & self.lex.anaphors:
            return None
        if self._own_body(stems, found):  # "my eyelid keeps going" is the domain
            return None
        in_values = {k for start, end, _ in found for k in range(start, end)}
        rest = [
            w
            for k, w in enumerate(stems)
            if k not in in_values and w not in self.lex.stopwords and w not in self.lex.light_words
        ]
        # Words the model does not know (nor its values) must outnumber the words its
        # samples ask with ("help", "take", "blame").
        strange = sum(self._unasked(w) for w in rest)
        if not strange or strange <= sum(w in self._link_words for w in rest):
            return None
        start, end, _ = found[0]
        return " ".join(t.raw for t in tokens[start:end])

    def _own_body(
        self, stems: Sequence[str], found: Sequence[tuple[int, int, list[_Value]]]
    ) -> bool:
        """Does the line name a part of the speaker's own body ("my eyelid"), among the values
        ``found`` in it?"""
        return any(
            stems[start - 1] == self.lex.own
            and any(v.slot_type in self._body_types for v in values)
            for start, _, values in found
            if start
        )

    def _anchored(self, stems: Set[str], words: Iterable[str]) -> bool:
        """Does a line (or sample) say what it is about: a word of twitching among its
        ``stems``, or an "it" / "this" among its ``words`` that points back to it?"""
        return bool(stems & self._twitching or set(words) & self.lex.anaphors)

    def _foreign_topic(
        self, span: Sequence[Token], tokens: Sequence[Token], sample: _Sample
    ) -> str | None:
        """A sample about "it" or "twitching" matched by a line about another topic: "how do
        i get rid of a headache" ("... of it"), "is alcohol bad for your liver" ("... for
        twitching"), "how do i treat a sunburn". The other topic is a word the model does not
        know after an article or a preposition, in the question (a story's words do not
        count: "i'm breastfeeding can i take magnesium"), and not one that describes a word of
        the domain ("an underlying illness"). None when the line is in the
        domain: a word of twitching, an "it" that points back, or the speaker's own body."""
        if not self.lex.anaphors or sample.text not in self._anchored_texts:
            return None
        stems = [t.stem for t in tokens]
        if self._anchored(set(stems), (t.raw for t in tokens)) or self._speaker_twitches(stems):
            return None
        if self._own_body(stems, self._find_values(stems)):
            return None
        for k in range(1, len(span)):
            before, t = span[k - 1], span[k]
            w = t.stem
            after = span[k + 1].stem if k + 1 < len(span) else ""
            if after in self._plain_vocab and after not in self.lex.stopwords:
                continue  # it describes a word of the domain ("an underlying illness")
            # ... or the object of the sample's verb, last in the line ("how do you treat
            # chilblains" for "how do you treat it").
            last_object = k == len(span) - 1 and before.stem in sample.literal_content
            if (
                (before.raw in self.lex.topic_markers or last_object)
                and w not in self._scoring_vocab
                and w not in self.lex.stopwords
                and w not in self.lex.light_words
                and not w.isdigit()
            ):
                return t.raw
        return None

    def _twitching_clause(self, tokens: Sequence[Token]) -> Resolution | None:
        """A line that says something twitches and then goes on ("my scalp keeps twitching on
        the top of my head", "there's a twitch in my chest wall no pain at all"): the clause up
        to its first word of twitching, or up to the body part just after it (also from the
        word of twitching, someone else's body read as the speaker's), matched exactly.
        Only for a line that would otherwise go to Fallback for a low score (never one an
        out-of-domain sample or a veto took)."""
        soft = self.lex.soft_synonyms
        stems = [soft.get(t.stem, t.stem) for t in tokens]
        ends = [k + 1 for k, w in enumerate(stems) if w in self.lex.twitch_words]
        if not ends or ends[0] == len(stems):
            return None
        end = ends[0]
        # Or up to the body part the twitch is in ("there's a twitch in my neck that ..."),
        # from the start or from the twitch itself ("my husband has a twitch in his neck").
        body = self._body_after(stems, end)
        starts = [0] + [k + 1 for k in range(end) if tokens[k].raw in self.lex.clause_breaks]
        spans = [(start, end) for start in starts] + [(start, body) for start in starts if body]
        if body:
            spans.append((end - 1, body))
        for start, stop in spans:
            said = zip(stems[start:stop], tokens[start:stop], strict=True)
            part = [
                Token(self.lex.own if self.lex.own and t.raw in self.lex.their else w, t.raw)
                for w, t in said
            ]
            if len(part) < 2:
                continue
            exact = self._exact_slot_match(part, " ".join(stems[start:stop]))
            if exact is not None and exact[1].intent != FALLBACK:
                resolution, sample = exact
                clause = " ".join(t.raw for t in part)
                reason = (
                    f"the clause {clause!r}, up to its word of twitching (or the body part"
                    f" after it), is the sample"
                    f" {sample.text!r} of {sample.intent} (the whole line scored too low)."
                )
                return self._result(sample.intent, tokens, resolution.slots, 90.0, "part", reason)
        return None

    def _loose_match(
        self, tokens: Sequence[Token], board: dict[str, Candidate] | None
    ) -> Resolution | None:
        """The best sample for a line plainly about twitching that scored too low: one that
        says "twitch" (or "fasciculation"), or a softer word of twitching ("jumping",
        "flickering") with another core word or a slot value, as in "my muscles have been
        jumping all week why is that" (but not "my car jerks when i brake"). Fewer of its
        words need to be covered, the threshold is LOOSE_DROP lower, and the usual checks of
        a scored match (keyword only, a foreign topic, an out-of-domain sample) still apply."""
        stems = [t.stem for t in tokens]
        said = set(stems)
        soft = (self.lex.twitch_words | self.lex.soft_synonyms.keys()) - self._twitch_core
        plainly = bool(said & self._twitch_core) or bool(
            said & soft and (said & self.core_words or self._find_values(stems))
        )
        if not plainly:
            return None
        best = self._best(tokens, board, LOOSE_COVERAGE)
        if best is None or best[0] < self.threshold - LOOSE_DROP:
            return None
        resolution = self._scored_result(tokens, best, None, best)
        if resolution.intent == FALLBACK:
            return None
        reason = f"{resolution.reason[:-1]}, loosely: the line is plainly about twitching."
        return replace(resolution, method="loose", reason=reason)

    def _body_after(self, stems: Sequence[str], start: int) -> int:
        """The end of a body part said within a few words after ``start`` ("... a twitch in
        the side of my neck"), or 0: a body word, or a value of a body slot type."""
        found = {
            b: e
            for b, e, values in self._find_values(stems)
            if any(v.slot_type in self._body_types for v in values)
        }
        for k in range(start, min(len(stems), start + 6)):
            if k in found:
                return found[k] if found[k] < len(stems) else 0
            if stems[k] in self.lex.body_words:
                return k + 1 if k + 1 < len(stems) else 0
        return 0

    def _speaker_twitches(self, stems: Sequence[str]) -> bool:
        """Does the line say the speaker twitches ("i keep twitching", "my eyelid ...")?"""
        for k, word in enumerate(stems):
            if word in self.lex.first_person and any(
                w in self.lex.twitch_words for w in stems[k + 1 : k + 4]
            ):
                return True
        for start, _, _ in self._find_values(stems):
            before = stems[max(0, start - 2) : start + 1]  # the value may begin with "my"
            if self.lex.own in before and not set(before) & self.lex.animals:
                return True
        return False

    def _best(
        self,
        tokens: Sequence[Token],
        board: dict[str, Candidate] | None,
        coverage: float = MIN_COVERAGE,
    ) -> tuple[float, _Sample, dict[str, Slot]] | None:
        """The best scored sample for ``tokens`` (noting every candidate on ``board``), of
        those that cover at least ``coverage`` of its words."""
        best: tuple[float, _Sample, dict[str, Slot]] | None = None
        for score, sample, slots in self._scores(tokens, coverage):
            if best is None or score > best[0]:
                best = (score, sample, slots)
            if board is not None:
                named = {sample.markers[m]: s for m, s in slots.items() if m in sample.markers}
                ids: dict[str, str | None] = dict.fromkeys(self.intent_slots.get(sample.intent, {}))
                ids.update(_slot_ids(named))
                _note(board, sample.intent, round(min(score, 100.0), 1), sample.text, ids)
        return best

    def _parts(self, tokens: Sequence[Token]) -> list[tuple[int, int, bool]]:
        """The spans of a long line that may hold its question, and whether each says enough
        to be scored (or only matched exactly): each part from a question word ("... could
        that be related") or a joining word ("... and now my hand twitches") to the end, each
        clause between joining words ("... after my long run"), and a question the line opens
        with, up to a new clause's subject ("could it be ms i'm only twenty two")."""
        n = len(tokens)
        if n < 4:
            return []
        stems = [t.stem for t in tokens]
        raws = [t.raw for t in tokens]
        # A part begins after a story, not inside a question ("is there any medicine ...").
        told = [0] * (n + 1)
        for i, word in enumerate(stems):
            told[i + 1] = told[i] + (word not in self.lex.stopwords)
        inside = [False] * n  # a joining word inside a value ("eating and drinking properly")
        for start, end, _ in self._find_values(stems):
            inside[start:end] = [True] * (end - start)
        # "is" before "twitching" is a verb ("my pinky is twitching"), and after "that" it is
        # a relative clause ("ways ... that would help"): neither begins a question.
        # "how much protein should i eat": the verb belongs to the question the line opened
        # with, up to a joining word or another question word ("... where does it come from").
        opened = 0
        # ... but "what about" opens no question ("what about massage, does that work").
        if tokens[0].raw in self.lex.wh_words and not self._opener(stems):
            opened = 1
            while opened < n and tokens[opened].raw not in (
                self.lex.clause_breaks | self.lex.question_starts
            ):
                opened += 1
            if opened < n and tokens[opened].raw in self.lex.wh_words:
                opened = 0
        starts = [
            i
            for i in range(1, n - 1)
            if tokens[i].raw in self.lex.question_starts
            and i != opened
            and told[i]
            and not (tokens[i].stem == "be" and tokens[i + 1].raw.endswith("ing"))
            and stems[i + 1] not in self.lex.twitch_words
            and tokens[i - 1].raw not in self.lex.relatives
            and self._complement(raws, stems, i) is None
            and not self._asks_on(tokens, i)
        ]
        breaks = [
            i for i in range(1, n - 1) if tokens[i].raw in self.lex.clause_breaks and not inside[i]
        ]
        spans: list[tuple[int, int]] = [(i, n) for i in starts]
        # A line that opens with a joining word ("since i started my new job my cheek ...")
        # says its main clause later, from one of its subjects on.
        if any(t.raw in self.lex.clause_breaks for t in tokens[:2]):  # "(ever) since ..."
            spans += [(i, n) for i in range(2, n - 1) if tokens[i].raw in self.lex.subjects]
        spans += [(i + 1, n) for i in breaks]
        # A line that opens with its question and then tells something ("could it be ms i'm
        # only twenty two"): the question, up to where a new clause's subject begins.
        if tokens[0].raw in self.lex.question_starts:
            spans += [
                (0, i) for i in range(4, n - 1) if tokens[i].raw in self.lex.subjects and told[i]
            ]
        cuts = [-1, *breaks, n]
        spans += [(a + 1, b) for a, b in pairwise(cuts)]
        seen: set[tuple[int, int]] = set()
        out: list[tuple[int, int, bool]] = []
        for lo, hi in spans:
            if hi <= lo or (lo, hi) == (0, n) or (lo, hi) in seen:
                continue
            seen.add((lo, hi))
            # A part is scored when it says something: two words that are not function words,
            # or one that is a slot value or a core word; any part may match a sample exactly.
            said = told[hi] - told[lo]
            if said == 1:
                part = stems[lo:hi]
                said += bool(self._find_values(part)) or bool(self.core_words & set(part))
                # ... or a question whose one word only one intent's samples use ("... what
                # conditions could it be").
                said += tokens[lo].raw in self.lex.wh_words and any(
                    self.idf.get(w, 0.0) >= self.max_idf and w not in self.ood_words for w in part
                )
                # ... or a whole question that ends the line, whose one word mostly one
                # intent's samples use ("... should i go to the doctor", not "... why does
                # that happen").
                said += (
                    hi == n
                    and hi - lo >= 4
                    and lo in starts
                    and tokens[lo].raw not in self.lex.wh_words
                    # not "i can't sleep", nor inside "what is good for it"
                    and tokens[lo - 1].raw not in self.lex.subjects | self.lex.question_starts
                    and any(self._telling.get(w, 0.0) >= TELLING_SHARE for w in part)
                )
                # ... or a question of its own verb and subject that ends a long line ("...
                # she wants to find out what she can do to make it go away").
                said += (
                    hi == n
                    and hi - lo >= 5
                    and lo in starts
                    and tokens[lo - 1].raw in self._speakers
                    and tokens[lo - 2].raw in self.lex.wh_words
                )
            out.append((lo, hi, said >= 2))
        return out

    def _asks_on(self, tokens: Sequence[Token], i: int) -> bool:
        """Whether the question word at ``i`` is the verb of a question a wh-word began just
        before ("... how do they treat it", "... what therapy will they give him"): the part
        begins at the wh-word, so that its own words ("therapy", "how") are not cut away."""
        if tokens[i].raw not in self.lex.question_verbs:
            return False  # a wh-word begins its own ("what diseases, sorry, what diseases ...")
        for j in range(i - 1, max(i - 3, 0) - 1, -1):
            raw = tokens[j].raw
            if raw in self.lex.wh_words:
                # ... but "what about" asks nothing yet ("what about massage, does that work")
                return not self._opener([t.stem for t in tokens[j:i]])
            if raw in self._question_stops:
                return False  # "... find out what she can do": no question of its own
        return False

    def _complement(self, raws: Sequence[str], stems: Sequence[str], i: int) -> int | None:
        """Where the question begins whose question word at ``i`` completes it ("could that be
        why my legs twitch", "is this what's causing it"), or None: such a question asks
        whether *that* is the reason, so its "why" begins no question of its own."""
        if i < 2 or raws[i] not in self.lex.question_starts:
            return None
        # "how do they treat it", "why does it happen": a question of its own, with its verb.
        if (
            raws[i] not in self.lex.pointing_wh
            and i + 1 < len(raws)
            and raws[i + 1] in self.lex.question_verbs
        ):
            return None
        pointing = self._pointing
        if stems[i - 1] == "be" and raws[i - 2] in pointing:
            return i - 3 if i >= 3 and raws[i - 3] in self.lex.question_starts else i - 2
        if raws[i - 1] in pointing and stems[i - 2] == "be":
            return i - 2
        # A value in place of the pointing word: "could overtraining be why ...", "is
        # parkinson's why ...", "could that much coffee be what's ...".
        if raws[i] not in self.lex.reason_words:
            return None
        for start, end, _ in self._find_values(stems[:i]):
            if end == i - 1 and stems[i - 1] == "be":
                before = [
                    j
                    for j in range(max(start - 3, 0), start)
                    if raws[j] in self.lex.question_starts
                ]
                if before:
                    return before[-1]
            if end == i and start and stems[start - 1] in self.lex.leading_determiners:
                start -= 1  # "is the hangover why ..."
            if end == i and start and stems[start - 1] == "be":
                return start - 1
        return None

    def _asked_if_the_reason(self, tokens: Sequence[Token]) -> Resolution | None:
        """A story that names a value, then asks whether that is why ("i've been on the energy
        drinks all week, is that why her arm keeps jumping"): the intent whose samples ask so
        ("i have {cause} could that be why"), with the story's value; not when the question
        names a value of that type itself."""
        if self._reason_slot is None:
            return None
        intent, slot_name, slot_type = self._reason_slot
        raws = [t.raw for t in tokens]
        stems = [t.stem for t in tokens]
        for i in range(2, len(tokens)):
            start = self._complement(raws, stems, i)
            if start is None or start < 1:
                continue
            story = [
                (a, b)
                for a, b, values in self._find_values(stems[:start])
                if any(v.slot_type == slot_type for v in values)
            ]
            asked = self._find_values(stems[i:])
            if not story or any(v.slot_type == slot_type for *_, vs in asked for v in vs):
                return None
            a, b = story[-1]
            slot, _ = self._resolve_value(slot_type, tokens[a:b])
            said = " ".join(raws[start:])
            reason = (
                f"a story names {slot.value!r} and then asks {said!r}: whether that is the"
                f" reason, as samples of {intent} ask."
            )
            return self._result(intent, tokens, {slot_name: slot}, 90.0, "story reason", reason)
        return None

    def _with_antecedent(self, tokens: Sequence[Token], lo: int, hi: int) -> list[Token]:
        """The part ``tokens[lo:hi]`` with its first pointing word ("that", "they") replaced by
        the last slot value the story before it names: "i smoked weed at a party, can that
        cause twitching" is asked as "can weed cause twitching". Not a body part (the question
        is about the twitching there), nor in a question that names a value itself, other than
        the body part that twitches ("could that make my arm twitch"); a pointing word before a
        word of twitching ("this twitching") is a determiner and stays. "The" and the value's
        last word point back at it too ("a cold ... could the cold be it")."""
        part = list(tokens[lo:hi])
        if not lo or not self.lex.demonstratives:
            return part
        if any(
            v.slot_type not in self._body_types
            for *_, values in self._find_values([t.stem for t in part])
            for v in values
        ):
            return part  # the question names its own ("could that be als")
        story = [
            (start, end)
            for start, end, values in self._find_values([t.stem for t in tokens[:lo]])
            if all(v.slot_type not in self._body_types for v in values)
        ]
        if not story:
            # A thing the model does not know said just before ("what about a hot bath,
            # would that help"): the question is asked with it, and must then take it as a
            # value exactly to count (see _asked_about_a_thing).
            thing = self._thing_before(tokens, lo)
            story = [thing] if thing is not None else []
        if not story:
            return part
        start, end = story[-1]
        for before, after in reversed(story[:-1]):  # values said together are one thing
            if after == start:  # ("take magnesium" + "tablets")
                start = before
        last = tokens[end - 1].stem
        for k, token in enumerate(part):
            following = part[k + 1].stem if k + 1 < len(part) else ""
            if token.raw in self.lex.demonstratives and following not in self._twitching:
                return part[:k] + list(tokens[start:end]) + part[k + 1 :]
            if token.stem in self.lex.leading_determiners and following == last:
                # "the" and the story value's last word ("i've got a cold ... could the cold
                # be it"): the value again, by its head word.
                return part[:k] + list(tokens[start:end]) + part[k + 2 :]
        return part

    def _asked_about_a_thing(self, tokens: Sequence[Token]) -> Resolution | None:
        """A thing the model does not know, then a question about "that" which, with the thing
        in its place, is a sample exactly ("what about acupuncture, would that help" is
        "would acupuncture help")."""
        if not self.lex.demonstratives & {t.raw for t in tokens}:
            return None
        for lo, hi, _ in self._parts(tokens):
            if self._thing_before(tokens, lo) is None:
                continue
            told = self._with_antecedent(tokens, lo, hi)
            if told == list(tokens[lo:hi]):
                continue
            found = self._match_part(told, False, None)
            if found is not None and found[1].intent != FALLBACK:
                return self._scored_result(tokens, found, (lo, hi), None)
        return None

    def _opener(self, stems: Sequence[str]) -> int:
        """How many words of a follow-up's opener ("what about", "how about") begin ``stems``."""
        opener = next((o for o in self.lex.follow_up_openers if tuple(stems[: len(o)]) == o), ())
        return len(opener)

    def _named_alone(self, tokens: Sequence[Token]) -> Resolution | None:
        """A follow-up that only names a thing the model does not know ("what about a hot bath",
        "and thyroid", "stretching maybe"): an unknown value of the slot type whose kind of word
        names it (``Lexicon.value_kinds``), asked about with that type's intent."""
        words = list(tokens)[self._opener([t.stem for t in tokens]) :]
        while words and words[-1].stem in self.lex.follow_up_closers:
            words = words[:-1]
        while words and words[0].stem in self.lex.leading_determiners:
            words = words[1:]
        said = [t.stem for t in words]
        if not 1 <= len(said) <= SHORT_VALUE_WORDS + 1 or not self.lex.value_shaped(said):
            return None
        for slot_type, heads, leads in self.lex.value_kinds:
            if said[-1] not in heads and said[0] not in leads:
                continue
            # Its other words are the name's own, not the model's ("diabetes diet plan").
            if any(
                not self._unknown_word(w) and w not in self.lex.light_words
                for w in said[:-1]
                if w not in self._kind_words
            ):
                return None
            if slot_type not in self._type_askers:
                continue
            return self._unknown_value(
                tokens,
                slot_type,
                words,
                "a follow-up naming only",
                f"a kind of {slot_type} the model does not list",
            )
        return None

    def _unknown_value(
        self,
        tokens: Sequence[Token],
        slot_type: str,
        said: Sequence[Token],
        before: str,
        after: str,
    ) -> Resolution:
        """The intent that asks about ``slot_type``, with the words ``said`` as a value the
        model does not list; the reason reads "{before} 'said', {after} -> intent ..."."""
        intent, name = self._type_askers[slot_type]
        spoken = " ".join(t.raw for t in said)
        reason = f"{before} {spoken!r}, {after} -> {intent} with an unknown value."
        slot = Slot(spoken, slot_type=slot_type)
        return self._result(intent, tokens, {name: slot}, NAMED_SCORE, "named", reason)

    def _asked_whether(
        self, tokens: Sequence[Token], slot_type: str, said: Sequence[Token], what: str
    ) -> Resolution:
        """A yes/no question whether ``said``, ``what`` (an unknown value of ``slot_type``)."""
        return self._unknown_value(tokens, slot_type, said, "a yes/no question whether", what)

    def _thing_tried(self, tokens: Sequence[Token]) -> Resolution | None:
        """A yes/no question whether a thing the model does not list helps ("would chamomile
        tea settle it", "does a heating pad help", "should i try stretching it out"): an
        unknown remedy, where the line had matched only a question of what helps in general
        ("what would help") or nothing. The thing is what stands between the question's verb
        and its verb of helping, up to a preposition ("a hot water bottle on my calf"), and
        says no value the model knows: its words are unknown, kinds of remedy or another
        thing's name ("tonic water"). What follows the verb is about the twitch or nothing."""
        kind = self.lex.remedy_type
        if not self._yes_no_about(kind, tokens, 3):
            return None
        stems = [t.stem for t in tokens]
        start = 1
        if stems[1] in self._speakers and stems[2] in self.lex.remedy_tries:
            start = 3  # "should i try ..."
        verb = next(
            (k for k in range(start + 1, len(stems)) if stems[k] in self.lex.remedy_verbs), None
        )
        if verb is None and start == 3:
            verb = len(stems)  # "should i try stretching it out"
        if verb is None:
            return None
        end = next(
            (
                k
                for k in range(start, verb)
                if stems[k] in self.lex.anaphors
                or (stems[k] in self.lex.topic_markers and k > start)
            ),
            verb,
        )
        while start < end and stems[start] in self.lex.leading_determiners:
            start += 1
        thing = stems[start:end]
        rest = set(stems[verb + 1 :])
        heads = self._kinds[kind][0]
        named = self._other_names(thing)
        content = [(w, n) for w, n in zip(thing, named, strict=True) if w not in self.lex.stopwords]
        if (
            not content
            or len(thing) > 5
            or (self._find_values(thing) and not all(named))
            or not all(n or w in heads or self._unknown_word(w) for w, n in content)
            or not (not rest or rest & self._about_twitch or rest <= self.lex.stopwords)
        ):
            return None
        return self._asked_whether(
            tokens, kind, tokens[start:end], "which the model does not list, helps"
        )

    def _yes_no_about(self, kind: str, tokens: Sequence[Token], shortest: int) -> bool:
        """Whether ``tokens`` (``shortest`` words or more) open as a yes/no question and the
        model has an intent and the lexicon kinds of word for values of ``kind``."""
        return (
            kind in self._type_askers
            and kind in self._kinds
            and len(tokens) >= shortest
            and tokens[0].raw in self.lex.question_verbs
        )

    def _cause_asked(self, tokens: Sequence[Token]) -> Resolution | None:
        """A yes/no question, matched by no sample, whether a thing the model does not list is
        the reason ("could it be my thyroid", "can it come from too little vitamin b twelve",
        "is tea a problem too"): an unknown cause, when the line names a kind of cause and
        everything else it says asks whether something is the reason."""
        kind = self.lex.cause_type
        if not self._yes_no_about(kind, tokens, 2):
            return None
        stems = [t.stem for t in tokens]
        heads, leads = self._kinds[kind]
        at = next((k for k, w in enumerate(stems) if w in heads), None)
        if at is None or self._find_values(stems):
            return None
        start = at
        while start > 1 and (
            stems[start - 1] in leads
            or (self._unknown_word(stems[start - 1]) and stems[start - 1] not in self.lex.stopwords)
        ):
            start -= 1
        end = at + 1
        while end < len(stems) and end - start < 4 and self._unknown_word(stems[end]):
            end += 1
        rest = stems[1:start] + stems[end:]  # the question's own verb asks nothing yet
        if not set(rest) & self._cause_asking or any(
            self._unknown_word(w) for w in rest if w not in self.lex.stopwords
        ):
            return None
        return self._asked_whether(
            tokens,
            kind,
            tokens[start:end],
            "a kind of cause the model does not list, is the reason",
        )

    def _thing_before(self, tokens: Sequence[Token], lo: int) -> tuple[int, int] | None:
        """The run of up to three words the model never uses, that name a kind of value
        ("bath") or another thing ("tonic water"), that ends just before ``lo`` (a function
        word or two between them aside), when nothing but function words or a way of
        recommending comes before it ("what about a hot bath ...", "and tonic water ...", "my
        gran swore by tonic water ...")."""
        end = lo
        while end > 0 and tokens[end - 1].stem in self.lex.stopwords:
            end -= 1
        start = end
        # ... or the name of another thing that holds a value's word ("tonic water").
        inside = self._other_names([t.stem for t in tokens[:end]])
        while start > 0 and end - start < 3 and inside[start - 1]:
            start -= 1
        while (
            start > 0
            and end - start < 3
            and (
                self._unknown_word(tokens[start - 1].stem)
                or tokens[start - 1].stem in self._kind_words
            )
        ):
            start -= 1
        if start == end or end - start > 3:
            return None
        while start > 0 and tokens[start - 1].stem in self.lex.leading_determiners:
            start -= 1
        before = [t.stem for t in tokens[:start]]
        recommended = any(
            tuple(before[len(before) - len(phrase) :]) == phrase for phrase in self.lex.recommending
        )
        if not recommended and any(w not in self.lex.stopwords for w in before):
            return None
        return start, end

    def _best_part(
        self, tokens: Sequence[Token], board: dict[str, Candidate] | None
    ) -> tuple[tuple[float, _Sample, dict[str, Slot]], tuple[int, int]] | None:
        best: tuple[tuple[float, _Sample, dict[str, Slot]], tuple[int, int]] | None = None
        asked: tuple[tuple[float, _Sample, dict[str, Slot]], tuple[int, int]] | None = None
        for lo, hi, scored in self._parts(tokens):
            said = list(tokens[lo:hi])
            told = self._with_antecedent(tokens, lo, hi)
            # With the value a pointing word stands for, or else as said ("could that be it"
            # is a sample itself; the story's value fills its slot).
            found = self._match_part(told, scored, board)
            if found is None and told != said:
                found = self._match_part(said, scored, board)
            if found is not None and (best is None or found[0] > best[0][0]):
                best = (found, (lo, hi))
            if (
                found is not None
                and scored
                and self._asks(tokens, lo)
                and (asked is None or found[0] > asked[0][0])
            ):
                asked = (found, (lo, hi))
        # A story's statement ("i've had a twitchy week") does not outscore the question the
        # line asks ("... so what are the possible causes") when that question matches well.
        if (
            asked is not None
            and best is not None
            and asked[0][0] >= CONFIDENT
            and tokens[0].raw not in self.lex.question_starts
            and tokens[best[1][0]].raw not in self.lex.question_starts
        ):
            return asked
        return best

    def _part_loses_a_value(
        self,
        whole: tuple[float, _Sample, dict[str, Slot]],
        part: tuple[float, _Sample, dict[str, Slot]],
    ) -> bool:
        """Would the part leave unknown a value the whole line names? "would a bit of box
        breathing before bed help" matches its remedy in full; its part "bed help" asks about
        a remedy called "bed". The whole line is kept when it is over the threshold, asks for
        the same intent and knows the value the part does not, and the part's value is words
        the questions use anyway: a new thing the part names after the story's ("my son is
        on his tablet ... could the screen be doing it") is the one asked about."""
        if whole[0] < self.threshold or whole[1].intent != part[1].intent:
            return False
        known = {whole[1].markers.get(m, m) for m, sl in whole[2].items() if sl.id is not None}
        return any(
            part[1].markers.get(m, m) in known
            and sl.id is None
            and not any(self._unasked(self.lex.stem(w)) for w in (sl.value or "").split())
            for m, sl in part[2].items()
        )

    def _asks(self, tokens: Sequence[Token], i: int) -> bool:
        """Does a question begin at ``i``? A question word does, and so does a form of "be"
        before its subject ("am i overdoing it"), not one inside a statement ("my knee and my
        elbow are both twitching")."""
        if tokens[i].raw not in self.lex.question_starts:
            return False
        if tokens[i].stem != "be":
            return True
        return i + 1 < len(tokens) and tokens[i + 1].raw in self.lex.subjects | self.lex.anaphors

    def _match_part(
        self, part: Sequence[Token], scored: bool, board: dict[str, Candidate] | None
    ) -> tuple[float, _Sample, dict[str, Slot]] | None:
        """A part's exact match (100), or its best scored one when it says enough."""
        string = " ".join(t.stem for t in part)
        literal = self.exact_literal.get(string)
        found: tuple[float, _Sample, dict[str, Slot]] | None = None
        # A part said as a safety sample is left to the red flags, which read the whole line
        # ("what's the difference between twitching and having a fit" is about words).
        if (
            literal is not None
            and not literal.intent.startswith("AMAZON.")
            and literal.intent not in self._safety
        ):
            found = (100.0, literal, {})
        elif (exact := self._exact_slot_match(part, string)) is not None:
            resolution, sample = exact
            markers = {v: k for k, v in sample.markers.items()}
            found = (
                100.0,
                sample,
                {
                    markers[n]: s
                    for n, s in resolution.slots.items()
                    if n in markers and s.value is not None
                },
            )
        elif scored:
            found = self._best(part, board)
        if found is not None and found[0] == 100.0 and board is not None:
            ids: dict[str, str | None] = dict.fromkeys(self.intent_slots.get(found[1].intent, {}))
            ids.update({found[1].markers[m]: sl.id for m, sl in found[2].items()})
            _note(board, found[1].intent, 100.0, found[1].text, ids)
        return found

    def _scored_result(
        self,
        tokens: Sequence[Token],
        choice: tuple[float, _Sample, dict[str, Slot]],
        part: tuple[int, int] | None,
        whole: tuple[float, _Sample, dict[str, Slot]] | None,
    ) -> Resolution:
        score, sample, slots = choice
        shown = round(min(score, 100.0), 1)
        where = ""
        if part is not None:
            said = " ".join(t.raw for t in tokens[part[0] : part[1]])
            whole_score = f"{whole[0]:.0f}" if whole is not None else "nothing"
            where = f" on the part {said!r} (the whole line scored {whole_score})"
        if sample.intent == FALLBACK:
            return self._fallback(
                shown,
                f"scored match{where}: closest to the out-of-domain sample {sample.text!r}"
                f" ({score:.0f}) -> Fallback.",
                OUT_OF_DOMAIN,
            )
        keyword = None if score == 100.0 else self._keyword_only(tokens)
        topic = None
        if keyword is None and (part is not None or score < 100.0):
            span = tokens if part is None else tokens[part[0] : part[1]]
            topic = keyword = self._foreign_topic(span, tokens, sample)
        if keyword is not None and part is None:
            # A story may still end in a question the samples ask exactly ("i'm breastfeeding
            # can i take magnesium").
            exact_part = self._best_part(tokens, None)
            if (
                exact_part is not None
                and exact_part[0][0] == 100.0
                and exact_part[0][1].intent != FALLBACK
            ):
                return self._scored_result(tokens, exact_part[0], exact_part[1], choice)
        if keyword is not None:
            return self._fallback(
                shown,
                f"keyword only -> Fallback: {_keyword_why(keyword, topic)} (the best sample,"
                f" {sample.text!r} of {sample.intent}, scored {score:.0f}).",
                OUT_OF_DOMAIN,
            )
        named = {sample.markers[m]: s for m, s in slots.items() if m in sample.markers}
        reason = (
            f"scored match{where}: {sample.text!r} of {sample.intent} scores {score:.0f}"
            f" (threshold {self.threshold:.0f})."
        )
        method = "scored" if part is None else "scored part"
        return self._result(sample.intent, tokens, named, shown, method, reason)

    def _result(
        self,
        intent: str,
        tokens: Sequence[Token],
        slots: Mapping[str, Slot],
        score: float,
        method: str,
        reason: str = "",
    ) -> Resolution:
        """A resolution with every slot of ``intent`` present (empty ones without a value)."""
        filled = self._empty_slots(intent)
        filled.update(slots)
        # Values of the intent's slot types said outside the sample's slots fill empty slots.
        stems = [t.stem for t in tokens]
        for start, end, values in self._find_values(stems):
            for value in values:
                for slot_name, slot_type in self.intent_slots.get(intent, {}).items():
                    if slot_type == value.slot_type and filled[slot_name].value is None:
                        spoken = " ".join(t.raw for t in tokens[start:end])
                        filled[slot_name] = value.slot(spoken)
        # ... and so does a kind of value the model has no id for ("is it his dementia that's
        # making him twitch"): the slot holds the word, as Alexa fills a slot with a value it
        # does not list.
        for slot_name, slot_type in self.intent_slots.get(intent, {}).items():
            if filled[slot_name].value is not None:
                continue
            heads = self._kinds.get(slot_type, _NO_KINDS)[0]
            kind = next((t for t in reversed(tokens) if t.stem in heads), None)
            if kind is not None:
                filled[slot_name] = Slot(kind.raw, slot_type=slot_type)
        return Resolution("intent", intent, filled, score, method=method, reason=reason)

    def _exact_slot_match(
        self, tokens: Sequence[Token], string: str
    ) -> tuple[Resolution, _Sample] | None:
        best: tuple[tuple[int, int, int], _Sample, dict[str, Slot]] | None = None
        for sample in self.slot_samples:
            assert sample.pattern is not None
            match = sample.pattern.match(string)
            if match is None:
                continue
            slots: dict[str, Slot] = {}
            no_match = 0
            extra = 0
            acceptable = True
            for group, slot_name in sample.slot_groups:
                slot_type = self.intent_slots[sample.intent].get(slot_name, "")
                span = _span_tokens(tokens, string, match.start(group), match.end(group))
                if not span or len(span) > 6:
                    acceptable = False
                    break
                slot, leftover = self._resolve_value(slot_type, span)
                first = len(string[: match.start(group)].split())
                if slot.id is None and self._not_a_body(
                    slot_type, tokens, first, first + len(span)
                ):
                    acceptable = False
                    break
                if slot.id is None and all(t.stem in self.lex.stopwords for t in span):
                    acceptable = False  # "could that cause it": "that" is no value
                    break
                if slot.id is None and any(
                    v.slot_type != slot_type
                    for _, _, values in self._find_values([t.stem for t in span])
                    for v in values
                ):
                    acceptable = False  # "caffeine and twitching": a cause, not a body part
                    break
                if slot.id is not None and leftover and self._named_as_other(slot_type, span):
                    acceptable = False  # "magnesium pills" is a remedy, not "magnesium" + pills
                    break
                vocab = self.type_vocab.get(slot_type, frozenset())
                # Words of the model's own phrasing are not part of a value ("what diseases"),
                # unless a word only values use says it is one ("a lack of sleep").
                distinctive = {t.stem for t in span} & (vocab - self.literal_vocab)
                # An unknown value named by a head word of the type ("lyme disease", "benign
                # fasciculation syndrome") is one, however plain the carrier.
                heads, leads = self._kinds.get(slot_type, _NO_KINDS)
                # ... but not a kind left unnamed ("is twitching a symptom of any particular
                # diseases" asks about the diseases as a group).
                rest = {t.stem for t in span[:-1]}
                if (
                    slot.id is None
                    and span[-1].stem in heads
                    and rest & self.lex.vague_words
                    and not rest - self.lex.vague_words - self.lex.stopwords
                ):
                    acceptable = False
                    break
                if slot.id is None and (
                    span[-1].stem in vocab or span[-1].stem in heads or span[0].stem in leads
                ):
                    distinctive.add(span[-1].stem)
                if slot.id is None and slot_type in self._body_types:
                    distinctive |= {t.stem for t in span} & self.lex.body_words
                if not distinctive and any(
                    w in self._plain_vocab and w not in self.lex.stopwords and w not in vocab
                    for w in leftover
                ):
                    acceptable = False
                    break
                said = [w for w in leftover if w not in self.lex.stopwords]
                if slot.id is None and said and all(w in self._plain_vocab for w in said):
                    acceptable = False
                    break
                if not self.lex.value_shaped(leftover):  # "i want to understand", "why my"
                    acceptable = False
                    break
                # A carrier of function words alone ("what is {remedy}") takes a known value
                # with at most one word the model does not know beside it ("my morning
                # coffee", not "the atomic number of magnesium").
                said_too = [
                    w
                    for w in leftover
                    if w not in self.lex.stopwords and w not in self.lex.light_words
                ]
                if slot.id is not None and not sample.literal_content and len(said_too) > 1:
                    acceptable = False
                    break
                extra += len(leftover)
                if slot.id is None:
                    # "my muscles randomly"; a part and what it does ("left pec jumps around")
                    if {t.stem for t in span} & self._core_or_twitching:
                        acceptable = False
                        break
                    no_match += 1
                    # An unknown value needs a telling carrier phrase ("can ... cause").
                    said_words = [t for t in span if t.stem not in self.lex.leading_determiners]
                    carried = self._carries_unknown(sample.literal_content, len(said_words))
                    # ... and a word of its own, foreign to the questions the model answers.
                    unasked = any(
                        t.stem.isalpha()
                        and t.stem not in self.lex.stopwords
                        and self._unasked(t.stem)
                        for t in said_words
                    )
                    # A connective of cause ("is it from ...", "is it because of ...") frames
                    # a cause however plain the rest: a noun the model never uses is one.
                    # So does a cause said first and pointed at the twitch after it ("could
                    # ... do this", "is ... behind it").
                    after = sample.text.split("{" + slot_name + "}", 1)[-1].split()
                    anaphors = self.lex.anaphors
                    caused = (
                        bool(set(sample.stems) & self.lex.causal_words or set(after) & anaphors)
                        and len(said_words) <= SHORT_VALUE_WORDS
                        and unasked
                    )
                    # So does a remedy's: what it does to the twitch, pointed back to ("would
                    # ... calm it down", "should i put ... on it").
                    remedied = (
                        bool(set(sample.stems) & self.lex.remedial_words)
                        and len(said_words) <= SHORT_VALUE_WORDS + 1
                        and unasked
                    )
                    if not carried and not distinctive and not caused and not remedied:
                        acceptable = False
                        break
                slots[slot_name] = slot
            if not acceptable:
                continue
            rank = (no_match, extra, -len(sample.literal_content))
            if best is None or rank < best[0]:
                best = (rank, sample, slots)
        if best is None:
            return None
        _, sample, slots = best
        values = ", ".join(
            f"{name} {slot.value!r} -> {slot.id or 'no match'}" for name, slot in slots.items()
        )
        reason = f"exact sample {sample.text!r} of {sample.intent} ({values})."
        return self._result(sample.intent, tokens, slots, 100.0, "exact", reason), sample

    def _variants(
        self, tokens: Sequence[Token]
    ) -> Iterator[tuple[list[str], dict[str, Slot], float]]:
        """Stem lists to score, with a bonus: as said, with known values (and unknown words)
        replaced by slot-type markers."""
        stems = [t.stem for t in tokens]
        yield stems, {}, AS_SAID_BONUS
        found = self._find_values(stems)
        if found:
            choices = [[(span, v) for v in values] for span in found for values in [span[2]]]
            combos: list[tuple[tuple[tuple[int, int, list[_Value]], _Value], ...]] = list(
                product(*choices)
            )[:8]
            if len(found) > 1:  # "which foods are rich in magnesium": one value, one word
                combos += [(choice,) for options in choices for choice in options][:8]
            for combo in combos:
                out: list[str] = []
                slots: dict[str, Slot] = {}
                bonus = 0.0
                pos = 0
                longest: dict[str, int] = {}
                for (start, end, _), value in combo:
                    between = stems[pos:start]
                    marker = _marker(value.slot_type)
                    if out and out[-1] == marker and all(w in self.lex.stopwords for w in between):
                        between = []  # "coffee and alcohol": one slot, the longer value
                    else:
                        out.extend(between)
                        out.append(marker)
                    pos = end
                    said = stems[start:end]
                    if all(w in self.literal_vocab or w in self.lex.stopwords for w in said):
                        bonus -= LITERAL_VALUE_PENALTY  # the samples use it as a plain word
                    if end - start <= longest.get(marker, 0):
                        continue
                    longest[marker] = end - start
                    spoken = " ".join(t.raw for t in tokens[start:end])
                    slots[marker] = value.slot(spoken)
                    if self.lex.normalise(value.name) == " ".join(said):
                        bonus += CANONICAL_BONUS
                out.extend(stems[pos:])
                yield out, slots, bonus
        # A body word the model has no value for, said as one's own in a line about twitching
        # ("i get a twitch in my stomach muscles now and then"), is an unknown body part
        # wherever it stands.
        twitching = bool(self._twitching.intersection(stems))
        for k in range(1, len(stems) if twitching else 0):
            if stems[k] in self.lex.body_words and tokens[k - 1].raw in self._owners:
                for slot_type in self._body_types:
                    marker = _marker(slot_type)
                    slot = Slot(tokens[k].raw, slot_type=slot_type)
                    yield (
                        [*stems[:k], marker, *stems[k + 1 :]],
                        {marker: slot},
                        -UNKNOWN_RUN_PENALTY,
                    )
        # One run of words the samples never use (the safety samples aside), taken as an
        # unknown slot value; a known value ("cheek") is not unknown.
        known = [False] * len(stems)
        for start, end, _ in found:
            known[start:end] = [True] * (end - start)
        strange = [
            not known[k]
            and w not in self._plain_vocab
            and w not in self.lex.stopwords
            and w not in self.lex.light_words  # "randomly" is no value
            for k, w in enumerate(stems)
        ]
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(stems):
            if strange[i]:
                j = i + 1
                while j < len(stems) and stems[j] not in self._plain_vocab and not known[j]:
                    j += 1
                while j > i + 1 and stems[j - 1] in self.lex.stopwords:
                    j -= 1
                runs.append((i, j))
                i = j
            else:
                i += 1
        # With two or three runs, each is tried as the value and the others are padding
        # ("my back keeps twitching on the left side").
        if not runs or len(runs) > 3:
            return
        for start, end in runs:
            if end - start > 5:
                continue
            while start > 0 and stems[start - 1] in self.lex.leading_determiners - {
                "the",
                "a",
                "an",
                "my",
            }:
                start -= 1
            spoken = " ".join(t.raw for t in tokens[start:end])
            cost = UNKNOWN_RUN_PENALTY * (1 if len(runs) == 1 else 1.5)
            for slot_type in self.values:
                if self._not_a_body(slot_type, tokens, start, end):
                    continue
                marker = _marker(slot_type)
                yield (
                    [*stems[:start], marker, *stems[end:]],
                    {marker: Slot(spoken, slot_type=slot_type), _ANY: Slot(spoken)},
                    -cost,
                )

    def _utterance_weight(self, word: str, unknown: frozenset[str]) -> float:
        if word in self.idf:
            return self.idf[word]
        if word.startswith("SLOT_"):
            return MARKER_WEIGHT
        if word in self.cue_weight:
            return self.cue_weight[word]
        if word in unknown:
            return UNKNOWN_WEIGHT
        return self.max_idf  # known to the model (a slot value's word), but not matched here

    def _gate(self, tokens: Sequence[Token]) -> tuple[bool, int, int]:
        """The domain gate: (open, words the model knows, words it does not). The words the
        model knows must outweigh the padding; a core word ("twitch", "muscle") or a slot value
        ("eyelid") counts once more. Words only the out-of-domain samples use count against."""
        stems = [t.stem for t in tokens]
        said = [w for w in stems if w not in self.lex.stopwords]
        known = [w for w in said if w in self._scoring_vocab and w not in self.ood_words]
        foreign = len(said) - len(known)
        core = bool(self.core_words.intersection(known))
        valued = bool(self._find_values(stems))
        # A word of twitching with a value, a part of the body or another core word is the
        # domain however much else is said ("my hands twitch at the end of a twelve hour
        # shift", "weird flickering in his tongue").
        said_set = set(said)
        # ... and so is one asked about twitching ("could lack of sleep make my teenager
        # twitch", "why would a twelve year old be twitching"), unless out-of-domain words say
        # otherwise ("is twitch down again").
        cue = bool(self.lex.cues & set(stems))
        if said_set & self.lex.twitch_words and (
            valued
            or said_set & self.lex.body_words
            or len(self.core_words & set(known)) > 1
            or (
                not said_set & self.ood_words
                and (
                    cue
                    or any(
                        a.raw in self.lex.question_starts and b.stem not in self.lex.denials
                        for a, b in pairwise(tokens)
                    )
                )
            )
        ):
            return True, len(known), foreign
        # A question word ("should", "why") says a question is asked, one unknown word less.
        return (
            bool(known) and len(known) + (core or valued) + cue + self.lex.gate_slack > foreign,
            len(known),
            foreign,
        )

    def _scores(
        self, tokens: Sequence[Token], coverage: float = MIN_COVERAGE
    ) -> Iterator[tuple[float, _Sample, dict[str, Slot]]]:
        """(score, sample, slot markers -> slots) of every candidate sample for ``tokens``."""
        if not self._gate(tokens)[0]:
            return
        stems = [t.stem for t in tokens]
        said = [w for w in stems if w not in self.lex.stopwords]
        # A word that only slot values use, said outside a value, is padding ("exam" without
        # "stress", "few" without "drinks").
        in_values = {w for start, end, _ in self._find_values(stems) for w in stems[start:end]}
        unknown = frozenset(
            w
            for w in said
            if w not in self._scoring_vocab
            or (w not in in_values and w not in self._plain_vocab and w not in self.ood_words)
        )
        known = [w for w in said if w not in unknown]
        readings: list[tuple[Sequence[Token], float]] = [(tokens, 0.0)]
        # "jerking" read as "twitching" only alongside another word of the domain.
        if any(t.stem in self.lex.soft_synonyms for t in tokens) and any(
            w not in self.lex.soft_synonyms for w in known
        ):
            soft = [Token(self.lex.soft_synonyms.get(t.stem, t.stem), t.raw) for t in tokens]
            readings.append((soft, SOFT_SYNONYM_PENALTY))
        for reading, penalty in readings:
            yield from self._scores_of(reading, unknown, penalty, coverage)

    def _scores_of(
        self,
        tokens: Sequence[Token],
        unknown: frozenset[str],
        penalty: float,
        coverage: float,
    ) -> Iterator[tuple[float, _Sample, dict[str, Slot]]]:
        for stems, slots, bonus in self._variants(tokens):
            bonus -= penalty
            unknown_run = _ANY in slots
            run_words = len(str(slots[_ANY].value).split()) if unknown_run else None
            content = {w for w in stems if w not in self.lex.stopwords}
            if not content:
                continue
            features = content | (self.lex.cues & set(stems) & self.cue_weight.keys())
            weights = {w: self._utterance_weight(w, unknown) for w in features}
            n_unknown = len(features & unknown)
            total_known = sum(weights.values()) - n_unknown * UNKNOWN_WEIGHT
            markers_u = {w for w in content if w.startswith("SLOT_")}
            light = self.lex.light_words
            keyword_rule = bool(self.lex.anaphors)
            # The one word a sample of slot and function words allows beside the value must
            # describe it, just before it ("my morning coffee", not "is magnesium a metal").
            others = content - markers_u - light
            described = all(
                k + 1 < len(stems) and stems[k + 1] in markers_u
                for k, w in enumerate(stems)
                if w in others
            )
            twitching = bool(content & self._twitching)
            candidates: set[int] = set()
            for w in content:
                candidates.update(self.index.get(w, ()))
            candidates &= self._scored_samples
            string = " ".join(stems)
            # Unknown padding words do not take part in the wording comparison.
            text = " ".join(w for w in stems if w not in unknown) if unknown else string
            for i in candidates:
                sample = self.samples[i]
                # An out-of-domain line standing for any value ("is coffee good for you") is
                # not a line that twitches ("my arm flicks out as i drift off").
                if sample.intent == FALLBACK and sample.markers and twitching:
                    continue
                # A value of a type the intent has no slot for ("could my eye twitching be from
                # caffeine") is a word it does not match, and costs a little more.
                foreign = len(markers_u - sample.markers.keys())
                common = features & self._sample_features[i]
                # A sample of its slot and function words ("what is {remedy}") takes a value
                # with at most one other word ("what is the boiling point of magnesium" is not
                # a remedy question): part of the keyword-only rule (see _keyword_only).
                if (
                    keyword_rule
                    and not sample.literal_content
                    and (len(others) > 1 or (others and not described))
                ):
                    continue
                if unknown_run and (
                    not self._carries_unknown(common & sample.literal_content, run_words)
                    or fuzz.ratio(string, sample.string)
                    < (self._carrier_ratio[i] if not penalty else CARRIER_RATIO)
                ):
                    continue
                wc = sum(weights[w] for w in common)
                ws = self._sample_weight[i]
                # Padding costs little only when what is known covers the sample well.
                pad = UNKNOWN_WEIGHT if wc >= SAMPLE_COVERAGE * ws else self.max_idf
                total_u = total_known + n_unknown * pad
                # Words this sample lacks but other samples of its intent use count half.
                vocab = self._intent_vocab[sample.intent]
                total_u -= INTENT_SHARE * sum(weights[w] for w in features - common if w in vocab)
                if wc < coverage * total_u:
                    continue
                dice = 2.0 * wc / (total_u + ws)
                text_score = 0.5 * fuzz.token_sort_ratio(text, sample.string) + 0.5 * (
                    fuzz.token_set_ratio(text, sample.string)
                )
                score = 50.0 * dice + 0.5 * text_score + bonus
                score -= UNFILLED_SLOT_PENALTY * len(sample.markers.keys() - markers_u)
                score -= FOREIGN_MARKER_PENALTY * foreign
                yield score, sample, slots


def _runs(stems: Sequence[str], phrase: Sequence[str]) -> Iterator[int]:
    """Where ``phrase`` (stems in a row) begins in ``stems``; nowhere for an empty phrase."""
    words, n = tuple(phrase), len(phrase)
    if n:
        yield from (k for k in range(len(stems) - n + 1) if tuple(stems[k : k + n]) == words)


def _word_before(stems: Sequence[str], i: int, words: Set[str], reach: int) -> int | None:
    """Where one of ``words`` stands among the ``reach`` words before ``i`` (the first), if
    anywhere: a "not" just before a value or a phrase takes it back or denies it."""
    return next((k for k in range(max(i - reach, 0), i) if stems[k] in words), None)


def _says(stems: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether ``stems`` hold ``phrase`` (stems in a row); never an empty phrase."""
    return next(_runs(stems, phrase), None) is not None


def _keyword_why(keyword: str, topic: str | None) -> str:
    """Why a line's one tie to the domain is not enough (for the keyword-only reason)."""
    if topic is not None:
        return f"another topic, {topic!r}, where the sample has twitching or 'it'"
    return f"{keyword!r} is the line's only word of the domain"


def _note(
    board: dict[str, Candidate] | None,
    intent: str,
    score: float,
    sample: str,
    slots: Mapping[str, str | None],
) -> None:
    """Keep ``intent``'s best candidate on ``board`` (when explaining)."""
    if board is None:
        return
    held = board.get(intent)
    if held is None or score > held.score:
        board[intent] = Candidate(intent, score, sample, dict(slots))


def _slot_ids(slots: Mapping[str, Slot]) -> dict[str, str | None]:
    return {name: slot.id for name, slot in slots.items()}


def _built(path: Path, lexicon: Lexicon | None = None, learned: bool = True) -> Resolver:
    """The resolver for the model at ``path``, from the disk cache when it is up to date
    (see ``skill.simulator.cache``)."""
    resolver = load_or_build(path, "resolver", lambda: Resolver.from_path(path, lexicon))
    if learned and (lexicon or ENGLISH) is ENGLISH:
        resolver.learned = english_weights()
    return resolver


@cache
def default_resolver(learned: bool = True) -> Resolver:
    """The resolver for ``interaction_model/en-US.json``, loaded once on first use (with the
    learned second opinion unless ``learned`` is false)."""
    return _built(DEFAULT_MODEL_PATH, learned=learned)


def lexicon_for(locale: str) -> Lexicon:
    """The lexicon of ``locale``'s language (German for ``de-*``, else English)."""
    if locale.startswith("de"):
        from skill.simulator.lexicon_de import GERMAN

        return GERMAN
    return ENGLISH


@cache
def resolver_for(locale: str, learned: bool = True) -> Resolver:
    """The resolver for ``interaction_model/<locale>.json`` with its language's lexicon (and,
    unless ``learned`` is false, its language's learned weights), loaded once on first use."""
    if locale == "en-US":
        return default_resolver(learned)
    path = DEFAULT_MODEL_PATH.with_name(f"{locale}.json")
    return _built(path, lexicon_for(locale), learned)


def resolve(utterance: str) -> Resolution:
    """Resolve ``utterance`` against the project's en-US interaction model."""
    return default_resolver().resolve(utterance)
