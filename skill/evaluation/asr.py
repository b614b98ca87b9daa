"""ASR round trip: each labelled utterance spoken, recognised offline, and understood.

For every row of a labelled TSV file (``skill.simulator.evaluate.load_cases``), every voice and
every speed:

1. espeak-ng speaks the utterance (:mod:`skill.evaluation.speech`, 16 kHz mono);
2. pocketsphinx transcribes it with its en-US acoustic model and a language model built from the
   skill's own interaction model (:mod:`skill.evaluation.language_model`, pronunciations from
   :mod:`skill.evaluation.pronounce`);
3. the simulator's resolver (``resolver_for(locale)``) reads the transcript, and the intent and
   slots are compared with the row's labels.

The report gives the word error rate (jiwer; apostrophes and a spelled letter's dot are
ignored on both sides, so "don't" and "dont" are the same word) and the intent and slot
accuracy after ASR, overall, per voice, per speed and per voice and speed, next to the intent
and slot accuracy on the typed text. Markdown by default, ``--json`` for one JSON object.

    python -m skill.evaluation.asr tests/data/heldout_utterances_2.tsv --jobs 2

Development tooling: needs espeak-ng on PATH and the ``asr`` extra (pocketsphinx, jiwer).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from skill.evaluation import language_model, speech
from skill.evaluation.nlu import Outcome, intent_of
from skill.simulator.evaluate import Case, load_cases, predicted_slots
from skill.simulator.resolver import resolver_for

__all__ = [
    "Figures",
    "Recording",
    "RoundTrip",
    "Transcriber",
    "main",
    "round_trip",
    "to_json",
    "to_markdown",
    "wer_words",
]

#: pocketsphinx's settings other than its models (all others are its defaults). Language weight
#: 8 instead of 6.5: the domain model is small and the synthetic voices are far from the
#: acoustic model's training speech (measured on the development set, docs/nlu-evaluation.md).
DECODER_SETTINGS: dict[str, Any] = {"lw": 8.0}


def wer_words(text: str) -> str:
    """``text`` as the word error rate compares it: the recogniser's words without apostrophes
    or a spelled letter's dot."""
    return " ".join(w.replace("'", "").rstrip(".") for w in language_model.tokens(text))


# -- recognition --------------------------------------------------------------------------------
class Transcriber:
    """espeak-ng and pocketsphinx for one language model, reused for every recording."""

    def __init__(
        self, model: language_model.LanguageModel, binary: str, audio_dir: Path | None = None
    ) -> None:
        from pocketsphinx import Decoder, get_model_path

        self.binary = binary
        self.audio_dir = audio_dir
        self.decoder = Decoder(
            hmm=str(Path(get_model_path()) / "en-us" / "en-us"),
            lm=str(model.lm),
            dict=str(model.dictionary),
            loglevel="FATAL",
            **DECODER_SETTINGS,
        )

    def transcribe(self, text: str, voice: str, speed: int, name: str = "") -> str:
        """What pocketsphinx hears when espeak-ng's ``voice`` says ``text`` at ``speed``."""
        samples = speech.synthesise(text, voice, speed, self.binary)
        if self.audio_dir is not None and name:
            speech.write_wav(self.audio_dir / f"{name}.wav", samples)
        self.decoder.start_utt()
        self.decoder.process_raw(samples.tobytes(), full_utt=True)
        self.decoder.end_utt()
        hypothesis = self.decoder.hyp()
        return str(hypothesis.hypstr) if hypothesis is not None else ""


_WORKER: Transcriber | None = None


def _start_worker(model: language_model.LanguageModel, binary: str, audio: Path | None) -> None:
    global _WORKER
    _WORKER = Transcriber(model, binary, audio)


def _work(job: tuple[str, str, int, str]) -> str:
    assert _WORKER is not None
    return _WORKER.transcribe(*job)


# -- figures ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Recording(Outcome):
    """One utterance, spoken by one voice at one speed, as recognised and understood (the
    resolver's outcome on the transcript)."""

    voice: str = ""
    speed: int = 0
    transcript: str = ""


@dataclass(frozen=True)
class Figures:
    """Word error rate and accuracy over some recordings."""

    recordings: int
    wer: float | None
    intent_correct: int
    slot_rows: int
    slot_correct: int

    @property
    def intent_accuracy(self) -> float:
        return self.intent_correct / self.recordings if self.recordings else 0.0

    @property
    def slot_accuracy(self) -> float:
        return self.slot_correct / self.slot_rows if self.slot_rows else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "recordings": self.recordings,
            "wer": None if self.wer is None else round(self.wer, 4),
            "intent_accuracy": round(self.intent_accuracy, 4),
            "intent_correct": self.intent_correct,
            "slot_accuracy": round(self.slot_accuracy, 4),
            "slot_rows": self.slot_rows,
            "slot_correct": self.slot_correct,
        }


def word_error_rate(pairs: Iterable[tuple[str, str]]) -> float:
    """jiwer's word error rate over (reference, hypothesis) pairs, as :func:`wer_words`
    writes them; a pair whose reference has no words is left out."""
    import jiwer

    kept = [(wer_words(ref), wer_words(hyp)) for ref, hyp in pairs]
    kept = [(ref, hyp) for ref, hyp in kept if ref]
    if not kept:
        return 0.0
    return float(jiwer.wer([ref for ref, _ in kept], [hyp for _, hyp in kept]))


def figures(recordings: Sequence[Recording]) -> Figures:
    """The figures of ``recordings``."""
    with_slots = [r for r in recordings if r.case.slots]
    return Figures(
        recordings=len(recordings),
        wer=word_error_rate((r.case.utterance, r.transcript) for r in recordings),
        intent_correct=sum(r.intent_ok for r in recordings),
        slot_rows=len(with_slots),
        slot_correct=sum(r.slots_ok for r in with_slots),
    )


@dataclass
class RoundTrip:
    """Everything one run measured."""

    file: str
    locale: str
    voices: tuple[str, ...]
    speeds: tuple[int, ...]
    cases: list[Case]
    text: Figures
    recordings: list[Recording]
    model: language_model.LanguageModel
    seconds: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)

    @property
    def overall(self) -> Figures:
        return figures(self.recordings)

    def by_voice(self) -> dict[str, Figures]:
        return {v: figures([r for r in self.recordings if r.voice == v]) for v in self.voices}

    def by_speed(self) -> dict[int, Figures]:
        return {s: figures([r for r in self.recordings if r.speed == s]) for s in self.speeds}

    def by_voice_and_speed(self) -> dict[tuple[str, int], Figures]:
        return {
            (v, s): figures([r for r in self.recordings if r.voice == v and r.speed == s])
            for v in self.voices
            for s in self.speeds
        }


def _versions(binary: str) -> dict[str, str]:
    import subprocess

    found = {"espeak-ng": "?"}
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False)
    words = out.stdout.split()
    if "text-to-speech:" in words:
        found["espeak-ng"] = words[words.index("text-to-speech:") + 1]
    for package in ("pocketsphinx", "jiwer"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "?"
    return found


def round_trip(
    cases: Sequence[Case],
    *,
    file: str = "",
    locale: str = "en-US",
    voices: Sequence[str] = speech.DEFAULT_VOICES,
    speeds: Sequence[int] = speech.DEFAULT_SPEEDS,
    jobs: int = 1,
    cache_root: Path | None = None,
    audio_dir: Path | None = None,
    binary: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> RoundTrip:
    """Speak, recognise and resolve every case with every voice at every speed."""
    binary = binary or speech.espeak_binary()
    if binary is None:
        raise RuntimeError("espeak-ng is not installed (e.g. `apt-get install espeak-ng`)")
    start = time.perf_counter()
    model = language_model.build(locale, cache_root)
    resolver = resolver_for(locale)
    text_recordings = []
    for case in cases:
        resolution = resolver.resolve(case.utterance)
        text_recordings.append(
            Recording(
                case,
                intent_of(resolution),
                predicted_slots(resolution),
                voice="",
                speed=0,
                transcript=case.utterance,
            )
        )
    text = figures(text_recordings)
    text = Figures(text.recordings, None, text.intent_correct, text.slot_rows, text.slot_correct)
    plan = [(case, v, s) for v in voices for s in speeds for case in cases]
    jobs_in = [
        (c.utterance, v, s, f"{v}-{s}-{i % len(cases) + 1:04d}" if audio_dir else "")
        for i, (c, v, s) in enumerate(plan)
    ]
    if audio_dir is not None:
        audio_dir.mkdir(parents=True, exist_ok=True)
    transcripts: list[str] = []
    if jobs > 1 and len(plan) > 1:
        with ProcessPoolExecutor(
            max_workers=jobs, initializer=_start_worker, initargs=(model, binary, audio_dir)
        ) as pool:
            for transcript in pool.map(_work, jobs_in, chunksize=8):
                transcripts.append(transcript)
                if progress is not None:
                    progress(len(transcripts), len(plan))
    else:
        transcriber = Transcriber(model, binary, audio_dir)
        for job in jobs_in:
            transcripts.append(transcriber.transcribe(*job))
            if progress is not None:
                progress(len(transcripts), len(plan))
    recordings = []
    for (case, voice, speed), transcript in zip(plan, transcripts, strict=True):
        resolution = resolver.resolve(transcript)
        recordings.append(
            Recording(
                case,
                intent_of(resolution),
                predicted_slots(resolution),
                voice=voice,
                speed=speed,
                transcript=transcript,
            )
        )
    return RoundTrip(
        file=file,
        locale=locale,
        voices=tuple(voices),
        speeds=tuple(speeds),
        cases=list(cases),
        text=text,
        recordings=recordings,
        model=model,
        seconds=time.perf_counter() - start,
        versions=_versions(binary),
    )


# -- reports ------------------------------------------------------------------------------------
def _row(label: str, f: Figures) -> str:
    wer = "-" if f.wer is None else f"{f.wer:.3f}"
    slots = f"{f.slot_accuracy:.3f} ({f.slot_correct}/{f.slot_rows})" if f.slot_rows else "-"
    return (
        f"| {label} | {f.recordings} | {wer} "
        f"| {f.intent_accuracy:.3f} ({f.intent_correct}/{f.recordings}) | {slots} |"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def to_markdown(result: RoundTrip) -> str:
    """The report as Markdown."""
    v = result.versions
    lines = [
        f"## ASR round trip: {result.file or 'utterances'} ({result.locale})",
        "",
        f"{_count(len(result.cases), 'utterance')} x {_count(len(result.voices), 'voice')}"
        f" x {_count(len(result.speeds), 'speed')} = {_count(len(result.recordings), 'recording')}"
        f" in {result.seconds:.0f} s;"
        f" espeak-ng {v.get('espeak-ng', '?')}, pocketsphinx {v.get('pocketsphinx', '?')},"
        f" jiwer {v.get('jiwer', '?')}.",
        "",
        "| | recordings | WER | intent | slots |",
        "|---|---|---|---|---|",
        _row("typed text (no ASR)", result.text),
        _row("**after ASR, all**", result.overall),
    ]
    lines += [_row(f"voice {voice}", f) for voice, f in result.by_voice().items()]
    lines += [_row(f"speed {speed} wpm", f) for speed, f in result.by_speed().items()]
    if len(result.voices) > 1 and len(result.speeds) > 1:
        lines += [
            _row(f"{voice} at {speed} wpm", f)
            for (voice, speed), f in result.by_voice_and_speed().items()
        ]
    if result.model.guessed:
        lines += ["", "Pronounced by espeak-ng's guess: " + ", ".join(result.model.guessed)]
    return "\n".join(lines) + "\n"


def to_json(result: RoundTrip) -> dict[str, Any]:
    """The report as one JSON object, with every recording."""
    return {
        "file": result.file,
        "locale": result.locale,
        "utterances": len(result.cases),
        "voices": list(result.voices),
        "speeds": list(result.speeds),
        "seconds": round(result.seconds, 1),
        "versions": result.versions,
        "text": result.text.as_dict(),
        "asr": result.overall.as_dict(),
        "by_voice": {voice: f.as_dict() for voice, f in result.by_voice().items()},
        "by_speed": {str(speed): f.as_dict() for speed, f in result.by_speed().items()},
        "by_voice_and_speed": {
            f"{voice}@{speed}": f.as_dict()
            for (voice, speed), f in result.by_voice_and_speed().items()
        },
        "guessed_pronunciations": list(result.model.guessed),
        "recordings": [
            {
                "utterance": r.case.utterance,
                "voice": r.voice,
                "speed": r.speed,
                "transcript": r.transcript,
                "expected_intent": r.case.intent,
                "intent": r.intent,
                "expected_slots": r.case.slots,
                "slots": r.slots,
            }
            for r in result.recordings
        ],
    }


# -- command line -------------------------------------------------------------------------------
def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m skill.evaluation.asr",
        description="ASR round trip: espeak-ng speaks each labelled utterance, pocketsphinx"
        " transcribes it, the resolver reads the transcript.",
    )
    parser.add_argument("file", help="TSV: utterance, intent, slots")
    parser.add_argument("--locale", default="en-US", help="an English locale (default en-US)")
    parser.add_argument(
        "--voices",
        default=",".join(speech.DEFAULT_VOICES),
        help="espeak-ng voices, comma separated (default %(default)s)",
    )
    parser.add_argument(
        "--speeds",
        default=",".join(str(s) for s in speech.DEFAULT_SPEEDS),
        help="words per minute, comma separated (default %(default)s)",
    )
    parser.add_argument("--limit", type=int, help="the first N rows only (see --seed)")
    parser.add_argument("--seed", type=int, help="with --limit: a sample of N rows, this seed")
    parser.add_argument("--json", action="store_true", help="one JSON object, every recording")
    parser.add_argument(
        "--min-intent", type=float, help="exit 1 when intent accuracy after ASR is below this"
    )
    parser.add_argument("--jobs", type=int, default=1, help="recognise in N processes")
    parser.add_argument(
        "--cache-dir",
        type=Path,
        help=f"where language models are kept (default {language_model.CACHE_ROOT})",
    )
    parser.add_argument("--audio-dir", type=Path, help="keep each recording as a WAV file here")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return parser


def main(argv: list[str]) -> int:
    """``python -m skill.evaluation.asr FILE [options]``: the report on stdout; 0, 1 when
    below ``--min-intent``, 2 for a usage error or a missing tool."""
    try:
        return _main(argv)
    except SystemExit as stop:  # argparse's usage errors and --help
        return stop.code if isinstance(stop.code, int) else 2


def _main(argv: list[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.locale not in language_model.ENGLISH_LOCALES:
        parser.error(
            f"--locale {args.locale}: the ASR round trip speaks English only"
            f" ({', '.join(language_model.ENGLISH_LOCALES)}); pocketsphinx's model is en-US"
        )
    try:
        speeds = [int(s) for s in _split(args.speeds)]
    except ValueError:
        parser.error(f"--speeds {args.speeds}: words per minute, e.g. 150,190")
    if not speeds or any(not 80 <= s <= 450 for s in speeds):
        parser.error(f"--speeds {args.speeds}: each between 80 and 450 words per minute")
    voices = _split(args.voices)
    if not voices:
        parser.error("--voices: at least one voice")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit: at least 1")
    if args.jobs < 1:
        parser.error("--jobs: at least 1")
    binary = speech.espeak_binary()
    if binary is None:
        print("error: espeak-ng is not installed (apt-get install espeak-ng)", file=sys.stderr)
        return 2
    unknown = speech.check_voices(voices, binary)
    if unknown:
        parser.error(
            f"--voices: espeak-ng has no English voice {', '.join(unknown)}"
            " (see espeak-ng --voices=en and --voices=variant)"
        )
    try:
        import jiwer  # noqa: F401
        import pocketsphinx  # noqa: F401
    except ImportError as missing:
        print(f"error: {missing}; install the asr extra: pip install -e '.[asr]'", file=sys.stderr)
        return 2
    cases = load_cases(args.file)
    if args.limit is not None and args.limit < len(cases):
        if args.seed is None:
            cases = cases[: args.limit]
        else:
            chosen = sorted(random.Random(args.seed).sample(range(len(cases)), args.limit))
            cases = [cases[i] for i in chosen]

    def progress(done: int, total: int) -> None:
        if not args.quiet and (done % 50 == 0 or done == total):
            print(
                f"\r{done}/{total} recordings", end="\n" if done == total else "", file=sys.stderr
            )

    result = round_trip(
        cases,
        file=args.file,
        locale=args.locale,
        voices=voices,
        speeds=speeds,
        jobs=args.jobs,
        cache_root=args.cache_dir,
        audio_dir=args.audio_dir,
        binary=binary,
        progress=progress,
    )
    if args.json:
        print(json.dumps(to_json(result), indent=2, ensure_ascii=False))
    else:
        print(to_markdown(result), end="")
    if args.min_intent is not None and result.overall.intent_accuracy < args.min_intent:
        print(
            f"intent accuracy after ASR {result.overall.intent_accuracy:.3f}"
            f" is below --min-intent {args.min_intent}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
