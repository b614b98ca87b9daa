"""How well the offline NLU understands an annotation set, and where the model contradicts
itself.

:func:`evaluate` resolves every :class:`~skill.evaluation.annotations.Case` with the resolver of
its locale (:func:`skill.simulator.resolver.resolver_for`) and returns a :class:`Report`:

* **intent accuracy**: the rows whose intent came out as expected;
* **slot accuracy**: over the rows that expect at least one slot, those where every expected
  slot resolved to the expected id (``?``: filled, but with a value the model does not know)
  and no other slot was filled;
* **joint accuracy**: intent and slots both right, over all rows;
* per intent **precision, recall and F1** (F1 = 2 x correct / (expected + predicted));
  ``AMAZON.FallbackIntent``'s precision and recall on their own, since a question the skill
  should answer that falls to Fallback is a user left without an answer;
* a **confusion matrix**, expected x predicted, over the intents that occur;
* the **misses**, and the **throughput** of the resolver alone (loading the models is done
  before the clock starts).

:func:`conflicts` resolves every sample of an interaction model, its slot references filled
with a value of the slot type, and lists the samples that resolve to another intent.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from skill import model_rules
from skill.content import DEFAULT_LOCALE
from skill.evaluation.annotations import LAUNCH, NO_MATCH, Case, format_slots
from skill.simulator.resolver import FALLBACK, Resolution, Resolver, resolver_for

__all__ = [
    "FALLBACK",
    "Conflict",
    "ConflictReport",
    "IntentScore",
    "Outcome",
    "Report",
    "conflicts",
    "evaluate",
    "fallback_line",
    "filled_samples",
    "intent_of",
    "markdown",
    "predicted_slots",
    "to_dict",
]


def predicted_slots(resolution: Resolution) -> dict[str, str]:
    """``{name: id}`` of the filled slots (``?`` for a value without a match)."""
    return {
        name: slot.id if slot.id is not None else NO_MATCH
        for name, slot in resolution.slots.items()
        if slot.value is not None
    }


def intent_of(resolution: Resolution) -> str:
    """The intent a resolution stands for (``LaunchRequest`` for a launch)."""
    return LAUNCH if resolution.kind == "launch" else str(resolution.intent)


@dataclass(frozen=True)
class Outcome:
    """One case and what the resolver made of it."""

    case: Case
    intent: str
    slots: dict[str, str]

    @property
    def intent_ok(self) -> bool:
        return self.intent == self.case.intent

    @property
    def slots_ok(self) -> bool:
        return self.slots == self.case.slots

    @property
    def right(self) -> bool:
        return self.intent_ok and self.slots_ok


@dataclass(frozen=True)
class IntentScore:
    """How one intent fared: rows expecting it, rows predicted as it, and both."""

    intent: str
    expected: int
    predicted: int
    correct: int

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.expected if self.expected else None

    @property
    def f1(self) -> float | None:
        both = self.expected + self.predicted
        return 2 * self.correct / both if both else None


@dataclass
class Report:
    """The figures of one evaluation."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def intent_correct(self) -> int:
        return sum(o.intent_ok for o in self.outcomes)

    @property
    def slot_rows(self) -> int:
        return sum(bool(o.case.slots) for o in self.outcomes)

    @property
    def slot_correct(self) -> int:
        return sum(o.slots_ok for o in self.outcomes if o.case.slots)

    @property
    def joint_correct(self) -> int:
        return sum(o.right for o in self.outcomes)

    @property
    def intent_accuracy(self) -> float:
        return self.intent_correct / self.total if self.total else 0.0

    @property
    def slot_accuracy(self) -> float:
        return self.slot_correct / self.slot_rows if self.slot_rows else 1.0

    @property
    def joint_accuracy(self) -> float:
        return self.joint_correct / self.total if self.total else 0.0

    @property
    def rate(self) -> float:
        """Utterances per second of resolver time."""
        return self.total / self.seconds if self.seconds else 0.0

    @property
    def misses(self) -> list[tuple[Case, str, dict[str, str]]]:
        """(case, predicted intent, predicted slots) of every row not entirely right."""
        return [(o.case, o.intent, o.slots) for o in self.outcomes if not o.right]

    def labels(self) -> list[str]:
        """Every intent that occurs, expected or predicted, sorted."""
        return sorted({o.case.intent for o in self.outcomes} | {o.intent for o in self.outcomes})

    def score(self, intent: str) -> IntentScore:
        return IntentScore(
            intent,
            expected=sum(o.case.intent == intent for o in self.outcomes),
            predicted=sum(o.intent == intent for o in self.outcomes),
            correct=sum(o.case.intent == intent and o.intent_ok for o in self.outcomes),
        )

    def per_intent(self) -> list[IntentScore]:
        return [self.score(intent) for intent in self.labels()]

    def confusion(self) -> tuple[list[str], list[list[int]]]:
        """(labels, rows): ``rows[i][j]`` counts the rows expecting ``labels[i]`` that were
        resolved to ``labels[j]``."""
        labels = self.labels()
        pairs = Counter((o.case.intent, o.intent) for o in self.outcomes)
        return labels, [[pairs[(e, p)] for p in labels] for e in labels]

    def locales(self) -> dict[str, int]:
        return dict(Counter(o.case.locale or DEFAULT_LOCALE for o in self.outcomes))


def evaluate(
    cases: Sequence[Case],
    resolver: Resolver | None = None,
    *,
    locale: str = DEFAULT_LOCALE,
    learned: bool = True,
) -> Report:
    """Resolve every case - with ``resolver``, or else with its locale's resolver (``locale``
    for a case without one; with its learned second opinion unless ``learned`` is false) - and
    collect what came out."""
    resolvers: dict[str, Resolver] = {}
    if resolver is None:
        for case in cases:
            key = case.locale or locale
            if key not in resolvers:
                resolvers[key] = resolver_for(key, learned)  # loaded before the clock starts
    start = time.perf_counter()
    if resolver is not None:
        results = [resolver.resolve(case.utterance) for case in cases]
    else:
        results = [resolvers[case.locale or locale].resolve(case.utterance) for case in cases]
    seconds = time.perf_counter() - start
    outcomes = [
        Outcome(case, intent_of(result), predicted_slots(result))
        for case, result in zip(cases, results, strict=True)
    ]
    return Report(outcomes, seconds)


# -- output -----------------------------------------------------------------------------------
def _ratio(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _score_dict(score: IntentScore) -> dict[str, Any]:
    return {
        "expected": score.expected,
        "predicted": score.predicted,
        "correct": score.correct,
        "precision": _ratio(score.precision),
        "recall": _ratio(score.recall),
        "f1": _ratio(score.f1),
    }


def to_dict(report: Report) -> dict[str, Any]:
    """Every figure of ``report`` as one JSON-ready object."""
    labels, rows = report.confusion()
    return {
        "utterances": report.total,
        "locales": report.locales(),
        "intent_accuracy": _ratio(report.intent_accuracy),
        "intent_correct": report.intent_correct,
        "slot_accuracy": _ratio(report.slot_accuracy),
        "slot_rows": report.slot_rows,
        "slot_correct": report.slot_correct,
        "joint_accuracy": _ratio(report.joint_accuracy),
        "joint_correct": report.joint_correct,
        "fallback": _score_dict(report.score(FALLBACK)),
        "per_intent": {s.intent: _score_dict(s) for s in report.per_intent()},
        "confusion": {"labels": labels, "matrix": rows},
        "misses": [
            {
                "utterance": case.utterance,
                "locale": case.locale,
                "expected": {"intent": case.intent, "slots": case.slots},
                "predicted": {"intent": intent, "slots": slots},
            }
            for case, intent, slots in report.misses
        ],
        "seconds": round(report.seconds, 6),
        "utterances_per_second": round(report.rate, 1),
    }


def _fraction(value: float | None, part: int, whole: int) -> str:
    return "-" if value is None else f"{value:.3f} ({part}/{whole})"


def _short(intent: str) -> str:
    """A column heading: "AMAZON.FallbackIntent" -> "Fallback", "CauseCheckIntent" ->
    "CauseCheck"."""
    name = intent.removeprefix("AMAZON.")
    return name.removesuffix("Intent") or name


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def fallback_line(report: Report) -> str:
    """AMAZON.FallbackIntent's precision and recall, as one line."""
    s = report.score(FALLBACK)
    return (
        f"{FALLBACK}: precision {_fraction(s.precision, s.correct, s.predicted)},"
        f" recall {_fraction(s.recall, s.correct, s.expected)}"
    )


def markdown(report: Report, title: str) -> str:
    """The report as Markdown: figures, Fallback, per intent, confusion matrix, misses."""
    locales = ", ".join(f"{loc} {n}" for loc, n in sorted(report.locales().items()))
    r = report
    intent = _fraction(r.intent_accuracy, r.intent_correct, r.total)
    slot = _fraction(r.slot_accuracy, r.slot_correct, r.slot_rows)
    joint = _fraction(r.joint_accuracy, r.joint_correct, r.total)
    out = [
        f"# NLU evaluation: {title}",
        "",
        "| figure | value |",
        "|---|---|",
        f"| utterances | {r.total} ({locales}) |",
        f"| intent accuracy | {intent} |",
        f"| slot accuracy | {slot} rows with slots |",
        f"| joint accuracy | {joint} |",
        f"| throughput | {r.rate:.0f} utterances/s (resolver only) |",
        "",
        fallback_line(r),
        "",
        "## Per intent",
        "",
        "| intent | expected | predicted | correct | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in report.per_intent():
        figures = (
            "-" if value is None else f"{value:.3f}" for value in (s.precision, s.recall, s.f1)
        )
        out.append(
            f"| {s.intent} | {s.expected} | {s.predicted} | {s.correct} | "
            + " | ".join(figures)
            + " |"
        )
    labels, rows = report.confusion()
    out += [
        "",
        "## Confusion matrix (rows: expected, columns: predicted)",
        "",
        "| expected \\ predicted | " + " | ".join(_short(label) for label in labels) + " |",
        "|---|" + "---|" * len(labels),
    ]
    for label, row in zip(labels, rows, strict=True):
        cells = (str(n) if n else "." for n in row)
        out.append(f"| {label} | " + " | ".join(cells) + " |")
    misses = report.misses
    out += ["", f"## Misses ({len(misses)})", ""]
    if misses:
        out += ["| utterance | expected | got |", "|---|---|---|"]
        for case, intent, slots in misses:
            out.append(
                f"| {_cell(case.utterance)} | {case.intent} {format_slots(case.slots)}"
                f" | {intent} {format_slots(slots)} |"
            )
    else:
        out.append("none")
    return "\n".join(out) + "\n"


# -- conflicts --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Conflict:
    """A sample of ``intent`` that, said as ``utterance``, resolves to ``resolved``."""

    intent: str
    sample: str
    utterance: str
    resolved: str


@dataclass(frozen=True)
class ConflictReport:
    samples: int
    conflicts: list[Conflict]

    def to_dict(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "conflicts": [
                {"intent": c.intent, "sample": c.sample, "utterance": c.utterance,
                 "resolved": c.resolved}
                for c in self.conflicts
            ],
        }  # fmt: skip

    def markdown(self, title: str) -> str:
        out = [
            f"# Sample conflicts: {title}",
            "",
            f"{len(self.conflicts)} of {self.samples} samples resolve to another intent.",
        ]
        if self.conflicts:
            out += ["", "| intent | sample | said as | resolves to |", "|---|---|---|---|"]
            out += [
                f"| {c.intent} | {_cell(c.sample)} | {_cell(c.utterance)} | {c.resolved} |"
                for c in self.conflicts
            ]
        return "\n".join(out) + "\n"


def filled_samples(document: model_rules.Document) -> Iterator[tuple[str, str, str]]:
    """(intent, sample, utterance) for every sample of the model; each slot reference is
    filled with the first value of its slot type (a slot of a type without values, with its
    name)."""
    types = model_rules.custom_types(document)
    for intent in model_rules.intents(document):
        slot_types = {str(s["name"]): str(s["type"]) for s in intent.get("slots", [])}
        for sample in intent.get("samples", []):

            def fill(match: Any, slot_types: dict[str, str] = slot_types) -> str:
                values = types.get(slot_types.get(match.group(1), ""), {}).get("values", [])
                return str(values[0]["name"]["value"]) if values else str(match.group(1))

            yield str(intent["name"]), str(sample), model_rules.SLOT_REF_RE.sub(fill, sample)


def conflicts(document: model_rules.Document, resolver: Resolver) -> ConflictReport:
    """Every sample of ``document`` that ``resolver`` resolves to an intent other than its own."""
    found: list[Conflict] = []
    count = 0
    for intent, sample, utterance in filled_samples(document):
        count += 1
        resolved = intent_of(resolver.resolve(utterance))
        if resolved != intent:
            found.append(Conflict(intent, sample, utterance, resolved))
    return ConflictReport(count, found)
