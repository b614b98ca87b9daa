"""Accuracy of the offline NLU over a labelled TSV file.

``python -m skill.simulator.evaluate FILE.tsv`` prints intent accuracy, slot accuracy, the
throughput and every miss. The file has the columns ``utterance``, ``intent`` and ``slots``
(``name=id,name=id`` or ``-``); a header row and lines starting with ``#`` are skipped. The intent
of a launch phrase is written ``LaunchRequest``. An expected slot id of ``?`` stands for a value
the model does not know (``ER_SUCCESS_NO_MATCH``).

Slot accuracy counts the rows that expect at least one slot: a row is right when every expected
slot resolved to the expected id and no other slot resolved. Joint accuracy counts rows where the
intent and the slots are both right. Fallback precision is the share of the lines sent to
``AMAZON.FallbackIntent`` that belong there (the rest are in-domain questions lost); Fallback
recall the share of the lines that belong there which were sent there (the rest were answered
as if in domain).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from skill.simulator.resolver import FALLBACK, Resolution, Resolver, default_resolver, resolver_for

__all__ = ["Case", "Report", "evaluate", "load_cases", "main", "predicted_slots"]

NO_MATCH = "?"


@dataclass(frozen=True)
class Case:
    """One labelled utterance."""

    utterance: str
    intent: str
    slots: dict[str, str]


@dataclass
class Report:
    """The figures of one evaluation."""

    total: int = 0
    intent_correct: int = 0
    slot_rows: int = 0
    slot_correct: int = 0
    joint_correct: int = 0
    #: Lines sent to AMAZON.FallbackIntent, lines labelled so, and lines both.
    fallback_predicted: int = 0
    fallback_expected: int = 0
    fallback_correct: int = 0
    seconds: float = 0.0
    misses: list[tuple[Case, str, dict[str, str]]] = field(default_factory=list)

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
    def fallback_precision(self) -> float:
        """Of the lines sent to Fallback, the share that belong there."""
        return self.fallback_correct / self.fallback_predicted if self.fallback_predicted else 1.0

    @property
    def fallback_recall(self) -> float:
        """Of the lines that belong to Fallback, the share sent there."""
        return self.fallback_correct / self.fallback_expected if self.fallback_expected else 1.0

    @property
    def rate(self) -> float:
        return self.total / self.seconds if self.seconds else 0.0


def _parse_slots(text: str) -> dict[str, str]:
    text = text.strip()
    if text in {"", "-"}:
        return {}
    slots: dict[str, str] = {}
    for part in text.split(","):
        name, _, value = part.strip().partition("=")
        if name:
            slots[name.strip()] = value.strip()
    return slots


def load_cases(path: str | Path) -> list[Case]:
    """The labelled rows of a TSV file."""
    cases: list[Case] = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter="\t"):
            if not row or not row[0].strip() or row[0].lstrip().startswith("#"):
                continue
            if len(row) < 2:
                raise ValueError(f"{path}: row without an intent: {row!r}")
            if row[0].strip().lower() == "utterance" and row[1].strip().lower() == "intent":
                continue
            slots = _parse_slots(row[2]) if len(row) > 2 else {}
            cases.append(Case(row[0].strip(), row[1].strip(), slots))
    return cases


def predicted_slots(resolution: Resolution) -> dict[str, str]:
    """``{name: id}`` of the filled slots (``?`` for a value without a match)."""
    return {
        name: slot.id if slot.id is not None else NO_MATCH
        for name, slot in resolution.slots.items()
        if slot.value is not None
    }


def _intent_of(resolution: Resolution) -> str:
    return "LaunchRequest" if resolution.kind == "launch" else str(resolution.intent)


def evaluate(cases: Sequence[Case], resolver: Resolver | None = None) -> Report:
    """Resolve every case and count what came out right."""
    resolver = resolver or default_resolver()
    report = Report(total=len(cases))
    start = time.perf_counter()
    results = [resolver.resolve(case.utterance) for case in cases]
    report.seconds = time.perf_counter() - start
    for case, result in zip(cases, results, strict=True):
        intent = _intent_of(result)
        slots = predicted_slots(result)
        intent_ok = intent == case.intent
        slots_ok = slots == case.slots
        report.intent_correct += intent_ok
        if case.slots:
            report.slot_rows += 1
            report.slot_correct += slots_ok
        report.joint_correct += intent_ok and slots_ok
        report.fallback_predicted += intent == FALLBACK
        report.fallback_expected += case.intent == FALLBACK
        report.fallback_correct += intent == FALLBACK and intent_ok
        if not (intent_ok and slots_ok):
            report.misses.append((case, intent, slots))
    return report


def _format_slots(slots: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(slots.items())) or "-"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m skill.simulator.evaluate", description=__doc__.splitlines()[0]
    )
    parser.add_argument("file", help="TSV: utterance, intent, slots")
    parser.add_argument("--locale", default="en-US", help="the model to resolve with")
    args = parser.parse_args(argv)
    cases = load_cases(args.file)
    resolver = resolver_for(args.locale)  # loading the model is not part of the throughput
    report = evaluate(cases, resolver)
    print(f"utterances:      {report.total}")
    print(f"intent accuracy: {report.intent_accuracy:.3f} ({report.intent_correct}/{report.total})")
    print(
        f"slot accuracy:   {report.slot_accuracy:.3f}"
        f" ({report.slot_correct}/{report.slot_rows} rows with slots)"
    )
    print(f"joint accuracy:  {report.joint_accuracy:.3f} ({report.joint_correct}/{report.total})")
    print(
        f"fallback:        precision {report.fallback_precision:.3f}"
        f" ({report.fallback_correct}/{report.fallback_predicted} sent there),"
        f" recall {report.fallback_recall:.3f}"
        f" ({report.fallback_correct}/{report.fallback_expected} that belong there)"
    )
    print(f"throughput:      {report.rate:.0f} utterances/s (NLU only)")
    if report.misses:
        print(f"\nmisses ({len(report.misses)}): utterance | expected | got")
        for case, intent, slots in report.misses:
            print(
                f"  {case.utterance} | {case.intent} {_format_slots(case.slots)}"
                f" | {intent} {_format_slots(slots)}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
