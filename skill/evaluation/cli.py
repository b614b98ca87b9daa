"""``twitch-guide evaluate``: the offline NLU measured on annotation sets.

``twitch-guide evaluate FILE...``
    Resolve every annotation (JSON, CSV or TSV: :mod:`skill.evaluation.annotations`) with its
    locale's resolver and print intent and slot accuracy, AMAZON.FallbackIntent's precision and
    recall, precision/recall/F1 per intent, the confusion matrix, the misses and the throughput
    as Markdown (``--json``: one JSON object). ``--min-intent X`` / ``--min-slot Y`` (fractions)
    exit 1 when a figure is below. ``--rules-only`` leaves out the learned second opinion
    (``skill.simulator.learned``): the interaction model and the resolver's rules alone, the
    closer stand-in for what Alexa learns from the model.
``twitch-guide evaluate --convert OUT FILE``
    Write FILE's annotations to OUT in the format OUT's extension names. A set with rows in
    several locales is written one file per locale, ``OUT`` with the locale before the
    extension (``set.en-GB.json``). ``--console`` writes what the developer console takes: no
    ``locale`` key, no launch rows, utterances without the wake word and invocation.
``twitch-guide evaluate --conflicts``
    Resolve every sample of the locale's interaction model (``--model PATH``: another model
    file) and list those that resolve to another intent; exit 1 when there is one.
``twitch-guide evaluate --asr ...``
    The ASR round trip (:mod:`skill.evaluation.asr`), given the other arguments.

``--locale`` chooses the model: by default a JSON set's own locale, else en-US; a TSV row with
a locale column keeps its own.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skill.content import DEFAULT_LOCALE, LOCALES

if TYPE_CHECKING:
    from skill.evaluation.annotations import Case

__all__ = ["main"]

ASR_FLAG = "--asr"
ASR_MODULE = "skill.evaluation.asr"


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Measure the offline NLU on annotation sets (Alexa NLU Evaluation format).",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="annotation set: .json .csv .tsv")
    parser.add_argument(
        "--locale",
        choices=LOCALES,
        help="the model to use (default: a JSON set's own locale, else en-US)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--min-intent", type=float, metavar="X", help="exit 1 below X intent")
    parser.add_argument("--min-slot", type=float, metavar="Y", help="exit 1 below Y slot accuracy")
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="without the learned second opinion: the interaction model and the rules alone",
    )
    parser.add_argument("--convert", metavar="OUT", help="write FILE's annotations to OUT")
    parser.add_argument(
        "--console",
        action="store_true",
        help="with --convert: the developer console's form (no launches, no invocation)",
    )
    parser.add_argument(
        "--conflicts", action="store_true", help="samples that resolve to another intent"
    )
    parser.add_argument("--model", type=Path, help="with --conflicts: an interaction model file")
    parser.add_argument(ASR_FLAG, action="store_true", help="ASR round trip (other arguments)")
    return parser


def _asr(argv: list[str]) -> int:
    try:
        module = importlib.import_module(ASR_MODULE)
    except ModuleNotFoundError as error:
        if error.name != ASR_MODULE:
            raise
        print(
            f"twitch-guide evaluate {ASR_FLAG}: the ASR round trip ({ASR_MODULE}) is not"
            " part of this installation",
            file=sys.stderr,
        )
        return 2
    code: int = module.main(argv)
    return code


def _fail(message: str) -> int:
    print(f"twitch-guide evaluate: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv if argv is None else argv)
    prog = f"twitch-guide {args_in[0]}" if args_in else "twitch-guide evaluate"
    rest = args_in[1:]
    if ASR_FLAG in rest:
        return _asr([a for a in rest if a != ASR_FLAG])
    parser = _parser(prog)
    args = parser.parse_args(rest)
    try:
        if args.conflicts:
            if args.files or args.convert:
                parser.error("--conflicts takes no FILE and no --convert")
            return _conflicts(args)
        if args.convert:
            if len(args.files) != 1:
                parser.error("--convert OUT takes exactly one FILE")
            return _convert(args)
        if not args.files:
            parser.error("name an annotation set (FILE), or --conflicts / --convert / --asr")
        return _evaluate(args)
    except (OSError, ValueError) as error:
        return _fail(str(error))


def _evaluate(args: argparse.Namespace) -> int:
    from skill.evaluation import annotations, nlu

    cases = [case for path in args.files for case in annotations.load(path, args.locale)]
    if not cases:
        return _fail("no annotations in " + ", ".join(args.files))
    report = nlu.evaluate(cases, locale=args.locale or DEFAULT_LOCALE, learned=not args.rules_only)
    failures = []
    if args.min_intent is not None and report.intent_accuracy < args.min_intent:
        failures.append(f"intent accuracy {report.intent_accuracy:.3f} < {args.min_intent}")
    if args.min_slot is not None and report.slot_accuracy < args.min_slot:
        failures.append(f"slot accuracy {report.slot_accuracy:.3f} < {args.min_slot}")
    if args.json:
        record: dict[str, Any] = {"files": [str(p) for p in args.files], **nlu.to_dict(report)}
        record["thresholds"] = {"min_intent": args.min_intent, "min_slot": args.min_slot}
        record["passed"] = not failures
        print(json.dumps(record, ensure_ascii=False))
    else:
        title = ", ".join(Path(p).name for p in args.files)
        sys.stdout.write(nlu.markdown(report, title))
    for failure in failures:
        print(f"twitch-guide evaluate: below the threshold: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _convert(args: argparse.Namespace) -> int:
    from skill.evaluation import annotations

    source = args.files[0]
    cases = annotations.load(source, args.locale)
    by_locale: dict[str, list[Case]] = {}
    for case in cases:
        by_locale.setdefault(case.locale or DEFAULT_LOCALE, []).append(case)
    out = Path(args.convert)
    for locale, group in by_locale.items():
        target = out if len(by_locale) == 1 else out.with_name(f"{out.stem}.{locale}{out.suffix}")
        dropped = 0
        if args.console:
            group, dropped = _for_console(group, locale)
        annotations.write(target, group, locale, with_locale=not args.console)
        note = f" ({dropped} launch rows left out)" if dropped else ""
        print(f"{target}: {len(group)} annotations, {locale}{note}")
    return 0


def _for_console(cases: list[Case], locale: str) -> tuple[list[Case], int]:
    """The cases as the console's NLU Evaluation takes them: an utterance is what is said after
    the skill was invoked, so launches are left out and the invocation is taken off."""
    from dataclasses import replace

    from skill.evaluation.annotations import LAUNCH
    from skill.simulator.resolver import resolver_for

    resolver = resolver_for(locale)
    kept = []
    for case in cases:
        said = resolver.split_invocation(case.utterance)
        if case.intent == LAUNCH or said.kind == "launch":
            continue
        kept.append(replace(case, utterance=said.rest) if said.invoked else case)
    return kept, len(cases) - len(kept)


def _conflicts(args: argparse.Namespace) -> int:
    from skill import model_rules
    from skill.evaluation import annotations, nlu
    from skill.simulator.resolver import Resolver, lexicon_for, resolver_for

    locale = args.locale or DEFAULT_LOCALE
    if args.model is not None:
        document = model_rules.load(args.model)
        resolver = Resolver(document, lexicon_for(locale))
        title = f"{args.model} ({locale})"
    else:
        document = model_rules.load(annotations.model_path(locale))
        resolver = resolver_for(locale)
        title = locale
    report = nlu.conflicts(document, resolver)
    if args.json:
        print(json.dumps({"model": title, **report.to_dict()}, ensure_ascii=False))
    else:
        sys.stdout.write(report.markdown(title))
    return 1 if report.conflicts else 0
