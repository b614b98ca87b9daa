"""What the offline resolver needs to know about a language, in one object.

The resolver (``skill.simulator.resolver``) matches utterances against an interaction model;
everything in that matching that depends on the language is a :class:`Lexicon`: how text is
cleaned and stemmed, which words are fillers or function words, the phrases of Alexa's built-in
intents, the red-flag phrases of the safety intents, and how an invocation is said ("ask ...",
"frag ..."). English lives in ``skill.simulator.resolver`` (it came first), German in
``skill.simulator.lexicon_de``; :func:`for_locale` picks one by a locale's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# The built-in intents a phrase can mean, in order of preference: the first one the interaction
# model declares is used (a skill gets only the built-in intents it declares).
HELP = ("AMAZON.HelpIntent",)
STOP = ("AMAZON.StopIntent", "AMAZON.CancelIntent")
CANCEL = ("AMAZON.CancelIntent", "AMAZON.StopIntent")
YES = ("AMAZON.YesIntent",)
NO = ("AMAZON.NoIntent",)
REPEAT = ("AMAZON.RepeatIntent",)
MORE = ("AMAZON.MoreIntent", "AMAZON.NextIntent", "AMAZON.YesIntent")
NEXT = ("AMAZON.NextIntent", "AMAZON.MoreIntent", "AMAZON.YesIntent")
START_OVER = ("AMAZON.StartOverIntent", "AMAZON.NavigateHomeIntent")
HOME = ("AMAZON.NavigateHomeIntent", "AMAZON.StartOverIntent")

#: (kind, name, matched text) of a red flag, or None.
RedFlagFinder = Callable[[str], Any]


@dataclass(frozen=True)
class Token:
    """One word of an utterance: its stem (what is matched) and the word as said."""

    stem: str
    raw: str


@dataclass(frozen=True)
class Lexicon:
    """One language's tables and functions for the resolver."""

    language: str
    clean: Callable[[str], str]
    drop_fillers: Callable[[list[str]], list[str]]
    stem: Callable[[str], str]
    stopwords: frozenset[str]
    cues: frozenset[str]
    light_words: frozenset[str]
    leading_determiners: frozenset[str]
    value_glue: frozenset[str]
    soft_synonyms: Mapping[str, str]
    builtin_phrases: Mapping[str, tuple[str, ...]]
    #: Words that may follow a built-in phrase without changing it ("... skill", "... bitte").
    builtin_extra: frozenset[str]
    answer_words: Mapping[str, tuple[str, ...]]
    red_flag: RedFlagFinder
    #: Regular expressions (no groups) of the launch words ("open"), the words that ask
    #: ("ask|tell"), the words that join a question to the invocation ("to|about") and the
    #: words that name the skill after a question ("using|with").
    openers: str
    askers: str
    joiners: str
    trailers: str
    #: What is said before "alexa" and ignored ("hey|ok").
    wake: str
    #: Words that may stand between a launch word and the name ("please", "bitte mal den"), and
    #: words that may follow the name in a launch ("please"; German puts the verb last:
    #: "muskelzucken ratgeber starten", "mach muskelzucken ratgeber auf").
    launch_fillers: str = "please|the"
    launch_closers: str = "please"
    #: How many more unknown words than known ones an utterance may have and still be matched
    #: (the domain gate): German inflects and compounds more, so more of its words are unknown.
    gate_slack: int = 0
    #: Words that leave a kind of value unnamed ("any particular diseases", "some kind of
    #: condition"): with only these beside its head word, a phrase names no value.
    vague_words: frozenset[str] = frozenset()
    #: Whether unknown words may be compounds of known ones ("augenlidzucken" is "augenlid"
    #: and "zucken"): German writes compounds as one word, English rarely.
    compounds: bool = False
    #: Words that may begin the question after a story ("... could that be related": could,
    #: is, what, why ...) and words that join clauses ("and", "after", "because"): the resolver
    #: scores the parts of a line that does not resolve as a whole. Empty: no parts.
    question_starts: frozenset[str] = frozenset()
    clause_breaks: frozenset[str] = frozenset()
    #: Words that may begin a main clause after a leading joining word ("since ... my cheek").
    subjects: frozenset[str] = frozenset()
    #: Words after which a question word begins a relative clause ("that would help").
    relatives: frozenset[str] = frozenset()
    #: Words that open a question whose verb comes after a phrase of its own ("how much
    #: protein should i eat"): a verb of asking after one is still that question, not a new
    #: one after a story. Empty: every question word after something said may begin a part.
    wh_words: frozenset[str] = frozenset()
    #: Verbs that ask right after a wh-phrase ("... how do they treat it", "... what therapy
    #: will they give him"): such a verb begins no part of its own, the wh-word does; and
    #: "how" or "why" before one asks anew ("... to be ms how do they treat it"), where before
    #: anything else it may complete a question ("could stress be why my eye twitches").
    #: Empty: no such rule.
    question_verbs: frozenset[str] = frozenset()
    #: Wh-words that may complete a question before such a verb ("is this what is causing it").
    pointing_wh: frozenset[str] = frozenset()
    #: Subject pronouns: one between a wh-word and a verb makes an embedded question ("find
    #: out what she can do"), not a question of its own.
    pronouns: frozenset[str] = frozenset()
    #: Stems of what is not answered as twitching ("spasm", "cramp", "tic"): a line that says
    #: one and no word of twitching goes to Fallback.
    off_topic: frozenset[str] = frozenset()
    #: Stems of the words of twitching that outweigh an off-topic word ("twitch", "jerk").
    twitch_words: frozenset[str] = frozenset()
    #: Stems of animals: a line about an animal twitching, and not about the speaker, is not
    #: in the domain ("my dog twitches in his sleep").
    animals: frozenset[str] = frozenset()
    #: Stems of eating: said just before an animal, they make it a meal, not the topic ("i eat
    #: basically chicken and rice"). Empty: every animal is a topic.
    eating_words: frozenset[str] = frozenset()
    #: Words that point back to what was said before ("is it stress", "does that help").
    #: Empty: no keyword-only rule (see ``Resolver._keyword_only``).
    anaphors: frozenset[str] = frozenset()
    #: Pointing words that stand for a thing named earlier in the line ("i smoked weed at a
    #: party can that cause twitching"): the question is matched with the thing in their place.
    #: Empty: no such substitution.
    demonstratives: frozenset[str] = frozenset()
    #: Phrases (stems) by which someone recommends a thing ("my aunt swears by epsom salt
    #: baths"): the thing after one may be what a pointing word stands for, whatever story
    #: comes before. Empty: no such rule.
    recommending: tuple[tuple[str, ...], ...] = ()
    #: Stems of verbs that are slot values on their own ("eating", "drinking") but name their
    #: object when one follows: "drinking tonic water" is the tonic water. Empty: no such rule.
    object_verbs: frozenset[str] = frozenset()
    #: Words before a topic ("a headache", "your liver", "for weight loss"): the
    #: foreign-topic rule (see ``Resolver._foreign_topic``) looks for a topic after them.
    topic_markers: frozenset[str] = frozenset()
    #: Connectives that introduce a cause ("is it from ...", "because of ..."): a word the model
    #: never uses after one is an unknown cause.
    causal_words: frozenset[str] = frozenset()
    #: Stems that say what something does to "it" ("would ... calm it down", "is ... any good
    #: for it"): with a word pointing back to the twitch they frame a remedy, however plain.
    remedial_words: frozenset[str] = frozenset()
    #: The slot type (with its kinds in ``value_kinds``) of things a yes/no question asks
    #: about when it asks whether a thing helps ("would chamomile tea settle it", "does a
    #: heating pad help"). Empty: no such rule.
    remedy_type: str = ""
    #: Stems of helping ("help", "ease", "settle"): the thing asked about comes before one.
    remedy_verbs: frozenset[str] = frozenset()
    #: Stems after "should i" that put a thing to the test ("try", "use").
    remedy_tries: frozenset[str] = frozenset()
    #: The slot type of causes: with a kind of cause ("thyroid", "vitamin") a yes/no question
    #: that matched nothing asks about an unknown cause ("could it be my thyroid"). Empty: no
    #: such rule.
    cause_type: str = ""
    #: Stems that ask whether a thing is the reason ("can it come from ...", "is tea a
    #: problem too", "could it be ...").
    cause_asking: frozenset[str] = frozenset()
    #: Things that twitch or flicker ("the cursor", "a light"): not the speaker's muscles.
    things: frozenset[str] = frozenset()
    #: Verbs of causing: a thing before one causes the twitch rather than twitching itself
    #: ("can too much screen time cause twitching").
    causing_words: frozenset[str] = frozenset()
    #: Words that count a thing ("three monsters a day", "a few beers"): said before a value
    #: they are no part of another name (see ``other_names``), so the value is still said.
    count_words: frozenset[str] = frozenset()
    #: Names of other things that hold a value's word (stems, space separated: "tonic water" is
    #: no water, "a sports massage" no sport): the value inside them is not said. Alexa's entity
    #: resolution matches the whole phrase a slot took, so it would not resolve them either.
    other_names: frozenset[str] = frozenset()
    #: Body parts the model has no value for: an unknown value, whatever the samples say.
    body_words: frozenset[str] = frozenset()
    #: The stems that say one is falling asleep, as the readings leave them ("fall sleep"): a
    #: twitch of a body part then is the falling-asleep question. Empty: no such rule.
    falling_asleep: tuple[str, ...] = ()
    #: Phrases (stems) that say one is already asleep ("fast asleep", "all night"): twitching
    #: then is not the falling-asleep question, whatever else is said.
    sound_asleep: tuple[tuple[str, ...], ...] = ()
    #: Question words that can complete a question about a reason ("could that be why ...",
    #: "is stress what's causing it"): after "be" and a value they open no question of their own.
    #: Empty: no such rule.
    reason_words: frozenset[str] = frozenset()
    #: The language's plain open question about a reason ("why does this happen"), and the
    #: words that open one ("why", "what"): a question of the samples that ask whether a named
    #: thing is the reason, said with such a word and naming nothing ("what's the reason for
    #: that"), is this question's. Empty: no such rule.
    open_reason: str = ""
    open_reason_words: frozenset[str] = frozenset()
    #: Words that join two named values as alternatives or a correction ("coffee or stress",
    #: "my thigh and my bicep"): the one named last is the slot's value. Empty: no such rule.
    alternatives: frozenset[str] = frozenset()
    #: Words that take back the value they come just before ("no not my thigh my thumb", "the
    #: tablets not the food"): another value of the slot said in the line is the one meant.
    corrections: frozenset[str] = frozenset()
    #: Phrases that set aside the value named just after them, wherever the question is
    #: ("apart from", "besides": "what else helps apart from magnesium"), and words that deny
    #: it ("not", "never": "i don't drink coffee so what else could it be"), which set it aside
    #: only before an open question (see ``Resolver._set_aside``). Empty: no such rule.
    exceptions: tuple[tuple[str, ...], ...] = ()
    denials: frozenset[str] = frozenset()
    #: Words that turn a denial into a lack ("not having enough magnesium" names a shortage).
    lacks: frozenset[str] = frozenset()
    #: Questions that outrank the body part they are asked about, in order: each a set of
    #: phrases (stems) that ask it ("is it serious", "how do i stop", "which diseases"). A
    #: twitching body part asked about so is that question ("is my calf twitching serious" asks
    #: when to see a doctor), asked of the intent whose samples say its phrases most. A phrase
    #: just after "not" does not ask ("the doctor was not worried"). Empty: no such rule.
    body_questions: tuple[tuple[tuple[str, ...], ...], ...] = ()
    #: Kinds of word that name a value of a slot type the model does not list, by slot type,
    #: in order of precedence: the last word of the name ("a hot bath", "vitamin d deficiency")
    #: or its first ("low b twelve"). A follow-up that only names such a thing ("what about a
    #: hot bath", "and thyroid") asks about it. Empty: no such rule.
    value_kinds: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = ()
    #: The frame of such a follow-up: stems before the thing ("what about") and after it
    #: ("maybe").
    follow_up_openers: tuple[tuple[str, ...], ...] = ()
    follow_up_closers: frozenset[str] = frozenset()
    #: Other symptoms (a rash, an ache): the topic of a line without a word of twitching.
    other_symptoms: frozenset[str] = frozenset()
    #: Stems of the speaker ("i", "me"): with them an animal may be part of the story.
    first_person: frozenset[str] = frozenset()
    #: Someone else's ("his", "her") and the speaker's own ("my"): "my" before a body part is
    #: the speaker's body, and a twitching clause about another person's body is matched as
    #: the samples say it ("a twitch in his neck" as "a twitch in my neck"). Empty: neither.
    their: frozenset[str] = frozenset()
    own: str = ""

    def analyse(self, text: str) -> list[Token]:
        """Normalise ``text`` into tokens (``{slot}`` placeholders are kept as they are)."""
        words = self.drop_fillers(self.clean(text).split())
        return [Token(w if w.startswith("{") else self.stem(w), w) for w in words]

    def normalise(self, text: str) -> str:
        """The normalised, stemmed form of ``text`` (space separated)."""
        return " ".join(t.stem for t in self.analyse(text))

    def value_shaped(self, stems: list[str] | tuple[str, ...]) -> bool:
        """Could ``stems`` be (part of) a spoken slot value rather than a clause?"""
        words = list(stems)
        while words and words[0] in self.leading_determiners:
            words = words[1:]
        if words and words[0] in self.stopwords and words[0] not in self.value_glue:
            return False  # "why my", "i want to": a clause (but "in my back" qualifies a value)
        return all(w not in self.stopwords or w in self.value_glue for w in words)

    def invocation_patterns(self, name: str) -> tuple[re.Pattern[str], ...]:
        """Launch, one-shot ("ask NAME to ..."), "open NAME and ..." and "... using NAME"."""
        inv = r"(?:the\s+)?" + r"\s+".join(re.escape(w) for w in name.split())
        inv += r"(?:\s+(?:skill|app))?"
        opener, asker, joiner = self.openers, self.askers, self.joiners
        fillers, closers = self.launch_fillers, self.launch_closers
        launch = rf"(?:(?:{opener})\s+(?:(?:{fillers})\s+)*|(?:{asker})\s+)?"
        return (
            re.compile(rf"^{launch}{inv}(?:\s+(?:{closers}))*$"),
            re.compile(rf"^(?:{asker})\s+{inv}\s+(?:(?:{joiner})\s+)?(?P<rest>.+)$"),
            re.compile(
                rf"^(?:{opener})\s+{inv}\s+(?:and|und)\s+(?:(?:{asker})\s+(?:it\s+)?)?(?P<rest>.+)$"
            ),
            re.compile(rf"^(?P<rest>.+?)\s+(?:{self.trailers})\s+{inv}$"),
        )
