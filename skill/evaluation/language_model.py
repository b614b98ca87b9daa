"""The recogniser's language model: a trigram model of what the skill's users say.

Built from the locale's interaction model alone (``interaction_model/<locale>.json``):

* every intent sample, its ``{slot}`` filled with the slot type's values and synonyms (see
  :func:`expand`);
* the phrases of the built-in intents the model declares (``skill.simulator.lexicon_en``);
* the ways the skill is opened and asked: "alexa, open muscle twitch guide", "ask muscle twitch
  guide about ...", "... using muscle twitch guide" (one prefix or suffix per sample, in turn).

The trigram model is pocketsphinx's own ARPA builder (``pocketsphinx.lm.ArpaBoLM``, fixed
back-off discount), so nothing is fetched or compiled. The model and a dictionary of its words
(:mod:`skill.evaluation.pronounce`) are written to a cache directory (the system's temporary
directory, or ``--cache-dir``) under a name that is a hash of their content, and built only when
that directory does not exist yet.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from skill.evaluation import pronounce

__all__ = [
    "CACHE_ROOT",
    "ENGLISH_LOCALES",
    "LanguageModel",
    "build",
    "corpus",
    "expand",
    "tokens",
    "vocabulary",
]

ENGLISH_LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")
MODEL_DIR = Path(__file__).resolve().parents[2] / "interaction_model"
#: Where built models are kept: never in HOME.
CACHE_ROOT = Path(tempfile.gettempdir()) / "muscle-twitch-guide-asr"
#: Changes whenever the way a model is built changes, so an old cache is not reused.
BUILD_VERSION = "1"
#: Share of each n-gram order's probability mass given to back-off (ArpaBoLM's fixed discount;
#: 0.3 did a little better than its default 0.5 on the development set).
DISCOUNT_MASS = 0.3

_SLOT = re.compile(r"\{(\w+)\}")
#: A spelled letter ("a. l. s.") is the CMU dictionary's letter word "a.", other words lose
#: their punctuation but keep apostrophes ("parkinson's").
_TOKEN = re.compile(r"\b[a-z]\.(?![a-z0-9'])|[a-z0-9']+")

#: How users open the skill (the resolver's launch phrases, in its lexicon's words).
_OPENERS = ("open", "launch", "start", "begin", "talk to", "use")
#: What comes before a one-shot question, taken in turn, one per sample.
_PREFIXES = (
    "ask muscle twitch guide",
    "alexa ask muscle twitch guide",
    "tell muscle twitch guide",
    "ask muscle twitch guide about",
    "ask muscle twitch guide to",
    "alexa",
    "ask muscle twitch guide if",
    "ask muscle twitch guide for",
    "open muscle twitch guide and",
    "ask muscle twitch guide whether",
)
#: ... or after it.
_SUFFIXES = ("using muscle twitch guide", "with muscle twitch guide")


def tokens(text: str) -> list[str]:
    """The words of ``text`` as the recogniser spells them (lower case, no punctuation)."""
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


@cache
def _language_model(locale: str) -> dict[str, Any]:
    if locale not in ENGLISH_LOCALES:
        raise ValueError(
            f"the ASR round trip speaks English only ({', '.join(ENGLISH_LOCALES)}), not {locale}"
        )
    with open(MODEL_DIR / f"{locale}.json", encoding="utf-8") as fh:
        model: dict[str, Any] = json.load(fh)
    language_model: dict[str, Any] = model["interactionModel"]["languageModel"]
    return language_model


def _slot_phrases(language_model: Mapping[str, Any]) -> dict[str, list[str]]:
    """Slot type -> every value and synonym, in the model's order."""
    phrases: dict[str, list[str]] = {}
    for slot_type in language_model.get("types", []):
        found: list[str] = []
        for value in slot_type["values"]:
            found += [value["name"]["value"], *value["name"].get("synonyms", [])]
        phrases[slot_type["name"]] = list(dict.fromkeys(found))
    return phrases


def expand(
    sample: str, slot_types: Mapping[str, str], phrases: Mapping[str, list[str]]
) -> Iterator[str]:
    """``sample`` with each ``{slot}`` replaced by every value and synonym of its type."""
    match = _SLOT.search(sample)
    if match is None:
        yield sample
        return
    for phrase in phrases.get(slot_types.get(match[1], ""), []) or [match[1]]:
        yield from expand(
            sample[: match.start()] + phrase + sample[match.end() :], slot_types, phrases
        )


def _builtin_phrases(intent_names: set[str]) -> list[str]:
    from skill.simulator.lexicon_en import BUILTIN_PHRASES

    return [
        phrase
        for phrase, candidates in BUILTIN_PHRASES.items()
        if any(intent in intent_names for intent in candidates)
    ]


@cache
def corpus(locale: str) -> tuple[str, ...]:
    """The training sentences of ``locale``'s language model, one string each, in order."""
    language_model = _language_model(locale)
    name = str(language_model.get("invocationName", "muscle twitch guide")).lower()
    phrases = _slot_phrases(language_model)
    sentences: list[str] = []
    oneshots: list[str] = []
    for intent in language_model["intents"]:
        slot_types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            expanded = list(expand(sample, slot_types, phrases))
            sentences += expanded
            if not intent["name"].startswith("AMAZON."):
                oneshots.append(expanded[len(oneshots) % len(expanded)])
    intent_names = {str(i["name"]) for i in language_model["intents"]}
    sentences += _builtin_phrases(intent_names)
    for index, question in enumerate(oneshots):
        if index % (len(_PREFIXES) + 1) == len(_PREFIXES):
            suffix = _SUFFIXES[(index // len(_PREFIXES)) % len(_SUFFIXES)]
            sentences.append(f"{question} {suffix.replace('muscle twitch guide', name)}")
        else:
            prefix = _PREFIXES[index % (len(_PREFIXES) + 1)]
            sentences.append(f"{prefix.replace('muscle twitch guide', name)} {question}")
    for opener in _OPENERS:
        for wake in ("", "alexa "):
            sentences.append(f"{wake}{opener} {name}")
    sentences += [f"alexa ask {name}", f"{name}", f"open the {name} skill"]
    return tuple(" ".join(tokens(s)) for s in sentences if tokens(s))


def vocabulary(locale: str) -> list[str]:
    """Every word of ``locale``'s language model, sorted."""
    return sorted({word for sentence in corpus(locale) for word in sentence.split()})


@dataclass(frozen=True)
class LanguageModel:
    """A built model: the ARPA file, its dictionary, and the words espeak-ng had to guess."""

    locale: str
    lm: Path
    dictionary: Path
    guessed: tuple[str, ...]


def _dictionary_text(words: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    known = pronounce.load_dictionary()
    lines: list[str] = []
    guessed: list[str] = []
    for word in words:
        prons = known.get(word)
        if prons is None:
            found = pronounce.candidate(word)
            if found is None:
                raise ValueError(f"no pronunciation for {word!r}: add it to pronunciations.dict")
            prons = (found[0],)
            guessed.append(word)
        for number, phones in enumerate(prons, start=1):
            head = word if number == 1 else f"{word}({number})"
            lines.append(f"{head} {phones}\n")
    return "".join(lines), tuple(guessed)


def _arpa_text(sentences: Sequence[str]) -> str:
    from pocketsphinx.lm import ArpaBoLM

    builder = ArpaBoLM(add_start=True, discount_mass=DISCOUNT_MASS)
    builder.read_corpus(io.StringIO("".join(f"{s}\n" for s in sentences)))
    builder.compute()
    out = io.StringIO()
    builder.write(out)
    return out.getvalue()


def _write(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def build(locale: str = "en-US", cache_root: Path | None = None) -> LanguageModel:
    """``locale``'s language model and dictionary, from the cache or built now."""
    sentences = corpus(locale)
    dictionary, guessed = _dictionary_text(vocabulary(locale))
    digest = hashlib.sha256(
        "\n".join([BUILD_VERSION, str(DISCOUNT_MASS), dictionary, *sentences]).encode()
    ).hexdigest()[:16]
    directory = (cache_root or CACHE_ROOT) / f"{locale}-{digest}"
    lm, dic = directory / "model.lm", directory / "model.dict"
    if not (lm.is_file() and dic.is_file()):
        directory.mkdir(parents=True, exist_ok=True)
        _write(dic, dictionary)
        _write(lm, _arpa_text(sentences))
    return LanguageModel(locale, lm, dic, guessed)
