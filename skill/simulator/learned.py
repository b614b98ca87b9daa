"""A second opinion learned from labelled phrasings, for the offline resolver.

The resolver's rules read a line through the interaction model: its samples, its synonyms and
the lexicon's readings. Sixteen rounds of blind sets showed where that stops generalising: each
new writer brings phrasings no sample and no rule foresaw (a story before the question, slang
for a cause, a remedy by an everyday name), and the rules caught up one phrasing at a time.
Alexa's own NLU is statistical, and learns from many phrasings at once. This module is the
simulator's counterpart: a linear classifier (tf-idf weighted words, multinomial logistic
regression) trained on the project's labelled development sets, ``tests/data/dev_en_*.tsv``
(never on a held-out set), one head for the intent and one for each slot type's value ids.

It only weighs in; the rules stay the first word and a red flag the last: see
``Resolver._second_opinion``. Training needs scikit-learn and happens in development
(``twitch-guide learn``, ``skill/evaluation/learn.py``); this module only reads the weights it
wrote (``learned_en.json``) with plain Python, so the simulator stays quick to start.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["ENGLISH_WEIGHTS", "Head", "Learned", "english", "words"]

#: Where ``twitch-guide learn`` writes the English weights.
ENGLISH_WEIGHTS = Path(__file__).with_name("learned_en.json")

#: The words of a line as the trainer's vectoriser reads them (scikit-learn's default token
#: pattern: runs of two or more word characters, lower case).
_WORD = re.compile(r"(?u)\b\w\w+\b")


def words(text: str) -> list[str]:
    """The words of ``text`` the weights know how to count."""
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class Head:
    """One classifier over the shared words: its labels, their intercepts and, for each word,
    its weight towards each label."""

    labels: tuple[str, ...]
    intercepts: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]

    def probabilities(self, features: dict[str, float]) -> list[tuple[str, float]]:
        """Each label with its probability (softmax of the linear scores), best first."""
        scores = list(self.intercepts)
        for word, value in features.items():
            row = self.weights.get(word)
            if row is not None:
                for i, weight in enumerate(row):
                    scores[i] += value * weight
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return sorted(zip(self.labels, [e / total for e in exps], strict=True), key=lambda p: -p[1])

    def weighed(self, features: dict[str, float], label: str, top: int = 3) -> list[str]:
        """The words of the line that pushed hardest towards ``label``."""
        i = self.labels.index(label)
        pushes = [
            (value * self.weights[word][i], word)
            for word, value in features.items()
            if word in self.weights
        ]
        return [word for push, word in sorted(pushes, reverse=True)[:top] if push > 0]


@dataclass(frozen=True)
class Learned:
    """The learned weights: the words' inverse document frequencies and the heads (``intent``
    and one per slot type, by slot type name)."""

    idf: dict[str, float]
    heads: dict[str, Head]
    #: How many labelled rows, from how many files, and the digest of their text.
    rows: int
    files: int
    digest: str
    #: The label a slot head gives a value the model does not list (the annotation sets' own).
    unlisted: str

    def features(self, text: str) -> dict[str, float]:
        """The line as the trainer saw it: sublinear term frequency times idf, unit length."""
        counts = Counter(w for w in words(text) if w in self.idf)
        raw = {w: (1.0 + math.log(n)) * self.idf[w] for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {w: v / norm for w, v in raw.items()}

    @classmethod
    def from_json(cls, document: dict[str, Any]) -> Learned:
        """The weights as ``skill.evaluation.learn`` writes them."""
        vocabulary: list[str] = document["vocabulary"]
        heads = {
            name: Head(
                tuple(head["labels"]),
                tuple(head["intercepts"]),
                {vocabulary[int(i)]: tuple(row) for i, row in head["weights"].items()},
            )
            for name, head in document["heads"].items()
        }
        trained = document["trained_on"]
        return cls(
            dict(zip(vocabulary, document["idf"], strict=True)),
            heads,
            int(trained["rows"]),
            int(trained["files"]),
            str(trained["digest"]),
            str(document["unlisted"]),
        )

    @classmethod
    def from_path(cls, path: Path) -> Learned:
        """The weights stored at ``path``."""
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))


@cache
def english() -> Learned | None:
    """The English weights, loaded once; None when they have not been trained."""
    if not ENGLISH_WEIGHTS.exists():
        return None
    return Learned.from_path(ENGLISH_WEIGHTS)
