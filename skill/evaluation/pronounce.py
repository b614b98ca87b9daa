"""Pronunciations for the ASR round trip: pocketsphinx's dictionary, ours, and candidates.

pocketsphinx decodes only words its dictionary can pronounce. Its wheel ships the CMU
dictionary (``cmudict-en-us.dict``, ARPAbet phones without stress); the words of the skill's
models that it lacks (fasciculation, hypnic, physiotherapy, British spellings, ...) are in
``pronunciations.dict`` beside this module, written in the same format and checked by hand.

Candidates for new words come from two sources, tried in order:

1. a spelling the CMU dictionary knows: an apostrophe added or dropped ("tourettes" ->
   "tourette's"), the American spelling of a British one ("tumour" -> "tumor",
   "haemorrhage" -> "hemorrhage"), or two known words of four letters or more run together
   ("wholegrain");
2. espeak-ng's own phonemes (``espeak-ng -q -x``) mapped to ARPAbet.

``python -m skill.evaluation.pronounce`` lists the words of the English models that neither
dictionary has, with a candidate for each in the dictionary's format (``--locale`` for one
model, words as arguments for those words only); review them before adding them to the file.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

__all__ = [
    "PRONUNCIATIONS_FILE",
    "Dictionary",
    "candidate",
    "cmu_dictionary",
    "espeak_phones",
    "load_dictionary",
    "main",
    "read_dictionary",
]

#: Our pronunciations of the words the CMU dictionary lacks.
PRONUNCIATIONS_FILE = Path(__file__).with_name("pronunciations.dict")

#: word -> its pronunciations (space-separated ARPAbet phones), first one first.
Dictionary = Mapping[str, tuple[str, ...]]

_VARIANT = re.compile(r"^(?P<word>[^\s(]+)(?:\(\d+\))?$")

#: espeak-ng's English phoneme names (``-x``, stress marks removed) -> ARPAbet.
ESPEAK_TO_ARPABET: dict[str, str] = {
    # vowels
    "a": "AE", "a#": "AH", "a2": "AH", "aa": "AA", "A:": "AA", "A": "AA", "A@": "AA R",
    "0": "AA", "O:": "AO", "O": "AO", "O@": "AO R", "o@": "AO R", "OI": "OY", "oU": "OW",
    "o": "OW", "V": "AH", "@": "AH", "@2": "AH", "@5": "AH", "@L": "AH L", "3": "ER",
    "3:": "ER", "I": "IH", "I2": "IH", "I#": "IH", "i": "IY", "i:": "IY", "i@": "IY AH",
    "i@3": "IY ER", "I@": "IH R", "E": "EH", "E2": "EH", "E#": "EH", "e@": "EH R", "eI": "EY",
    "aI": "AY", "aI@": "AY ER", "aI3": "AY ER", "aU": "AW", "aU@": "AW ER", "U": "UH",
    "u:": "UW", "u": "UW", "U@": "UH R", "ju:": "Y UW",
    # consonants
    "p": "P", "b": "B", "t": "T", "d": "D", "k": "K", "g": "G", "f": "F", "v": "V", "s": "S",
    "z": "Z", "h": "HH", "m": "M", "n": "N", "l": "L", "r": "R", "w": "W", "j": "Y", "T": "TH",
    "D": "DH", "S": "SH", "Z": "ZH", "N": "NG", "tS": "CH", "dZ": "JH", "t#": "T", "d#": "D",
    "r-": "R", "n-": "N", "m-": "M", "l/": "L", "L": "L", "?": "T", "x": "K", "z#": "Z",
    "t2": "T", "d2": "D",
}  # fmt: skip
#: The shortest part of a compound: shorter ones split "keeled" into "kee" + "led".
_PART = 4
_STRESS = re.compile(r"[',;%=_|]")
#: ARPAbet's vowels.
_VOWELS = frozenset(
    ("AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER", "EY", "IH", "IY", "OW", "OY", "UH", "UW")
)
#: British spellings and their American forms, as the CMU dictionary writes them.
_SPELLINGS: tuple[tuple[str, str], ...] = (
    ("our", "or"), ("ours", "ors"), ("aem", "em"), ("aen", "en"), ("oe", "e"), ("ae", "e"),
    ("ise", "ize"), ("ised", "ized"), ("ising", "izing"), ("tre", "ter"), ("yse", "yze"),
)  # fmt: skip


def read_dictionary(path: str | Path) -> dict[str, tuple[str, ...]]:
    """A dictionary file (``word PH ON ES``, alternatives as ``word(2)``), comments skipped."""
    entries: dict[str, list[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            head, _, phones = line.partition(" ")
            match = _VARIANT.match(head)
            if match is None or not phones.strip():
                raise ValueError(f"{path}: not a dictionary line: {line!r}")
            entries.setdefault(match["word"], []).append(" ".join(phones.split()))
    return {word: tuple(prons) for word, prons in entries.items()}


@cache
def cmu_dictionary() -> dict[str, tuple[str, ...]]:
    """The CMU dictionary that the pocketsphinx wheel ships."""
    from pocketsphinx import get_model_path

    return read_dictionary(Path(get_model_path()) / "en-us" / "cmudict-en-us.dict")


@cache
def load_dictionary() -> dict[str, tuple[str, ...]]:
    """The CMU dictionary with ours on top (ours wins for a word both have)."""
    return {**cmu_dictionary(), **read_dictionary(PRONUNCIATIONS_FILE)}


def espeak_phones(word: str, voice: str = "en-us", binary: str | None = None) -> str | None:
    """espeak-ng's pronunciation of ``word`` in ARPAbet, or None (no espeak-ng, unknown
    phoneme)."""
    binary = binary or shutil.which("espeak-ng")
    if binary is None:
        return None
    result = subprocess.run(
        [binary, "-q", "-x", "--sep= ", "-v", voice, "--", word],
        capture_output=True,
        text=True,
        check=False,
        timeout=30,
    )
    phones: list[str] = []
    for name in _STRESS.sub("", result.stdout).split():
        mapped = ESPEAK_TO_ARPABET.get(name)
        if mapped is None:
            return None
        phones += mapped.split()
    # "3 r" before a vowel ("haemorrhage": m 3 r I) is one r-coloured vowel in ARPAbet.
    merged: list[str] = []
    for i, phone in enumerate(phones):
        after = phones[i + 1] if i + 1 < len(phones) else ""
        if phone == "R" and merged and merged[-1] == "ER" and after in _VOWELS:
            continue
        merged.append(phone)
    return " ".join(merged) or None


def _spelling_variants(word: str) -> list[str]:
    variants: list[str] = []
    if word.endswith("'s"):
        variants.append(word[:-2] + "s")
    elif word.endswith("s"):
        variants.append(word[:-1] + "'s")
    for british, american in _SPELLINGS:
        for form in [*variants, word]:
            if british in form:
                variants.append(form.replace(british, american))
    return variants


def candidate(word: str, known: Dictionary | None = None) -> tuple[str, str] | None:
    """(phones, where they came from) for ``word``, or None when nothing can pronounce it."""
    known = cmu_dictionary() if known is None else known
    for variant in _spelling_variants(word):
        if variant in known:
            return known[variant][0], f"as {variant!r}"
    for split in range(_PART, len(word) - _PART + 1):
        head, tail = word[:split], word[split:]
        if head in known and tail in known:
            return f"{known[head][0]} {known[tail][0]}", f"{head} + {tail}"
    phones = espeak_phones(word)
    return (phones, "espeak-ng") if phones else None


def missing_words(words: Iterable[str], known: Dictionary | None = None) -> list[str]:
    """The ``words`` the dictionary cannot pronounce, sorted."""
    known = load_dictionary() if known is None else known
    return sorted({w for w in words if w not in known})


def main(argv: Sequence[str] | None = None) -> int:
    from skill.evaluation.language_model import ENGLISH_LOCALES, vocabulary

    parser = argparse.ArgumentParser(
        prog="python -m skill.evaluation.pronounce",
        description="Words the pronunciation dictionaries lack, with candidate pronunciations.",
    )
    parser.add_argument("words", nargs="*", help="these words (default: every English model's)")
    parser.add_argument("--locale", choices=ENGLISH_LOCALES, help="one model only")
    args = parser.parse_args(argv)
    if args.words:
        words = [w.lower() for w in args.words]
    else:
        locales = [args.locale] if args.locale else list(ENGLISH_LOCALES)
        words = sorted({w for locale in locales for w in vocabulary(locale)})
    missing = missing_words(words) if not args.words else words
    for word in missing:
        found = candidate(word)
        if found is None:
            print(f"# {word}: no candidate")
        else:
            print(f"{word} {found[0]}  # {found[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
