"""The ASR round trip (skill/evaluation): real espeak-ng and pocketsphinx, nothing mocked.

Tests that speak need espeak-ng: outside CI they are skipped, with the reason in pytest's
summary, when it is not installed; in CI (``CI`` set) they fail instead, because CI must run
them (``.ci/run`` installs espeak-ng).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from array import array
from pathlib import Path

import pytest

from skill.evaluation import asr, language_model, pronounce, speech
from skill.simulator.evaluate import load_cases
from tests.conftest import ROOT

DEV_SET = ROOT / "tests" / "data" / "dev_utterances.tsv"
#: The bounded round trip: 12 rows spread evenly over the development set (which is grouped by
#: intent), two voices, one speed.
ROUND_TRIP_ROWS = 12
ROUND_TRIP_VOICES = ("en-us+klatt4", "en-us+f3")
ROUND_TRIP_SPEEDS = (170,)
#: Intent accuracy after ASR in that round trip: 16/24 (0.667) measured with espeak-ng 1.51 and
#: pocketsphinx 5.1.1; the floor leaves room for other espeak-ng builds.
INTENT_FLOOR = 0.5


def require_espeak() -> str:
    binary = shutil.which("espeak-ng")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("espeak-ng is not installed, and CI must run the ASR tests (.ci/run)")
        pytest.skip("espeak-ng is not installed (apt-get install espeak-ng)")
    return binary


# -- pronunciations -----------------------------------------------------------------------------
@pytest.mark.parametrize("locale", language_model.ENGLISH_LOCALES)
def test_dictionaries_pronounce_every_word_of_the_model(locale: str) -> None:
    """The CMU dictionary and ours cover the model: no word is left to espeak-ng's guess."""
    missing = pronounce.missing_words(language_model.vocabulary(locale))
    assert missing == [], (
        f"add to skill/evaluation/pronunciations.dict (candidates: python -m "
        f"skill.evaluation.pronounce --locale {locale}): {' '.join(missing)}"
    )


def test_our_dictionary_adds_only_words_the_cmu_dictionary_lacks() -> None:
    ours = pronounce.read_dictionary(pronounce.PRONUNCIATIONS_FILE)
    cmu = pronounce.cmu_dictionary()
    assert ours
    assert sorted(set(ours) & set(cmu)) == []
    phones = {phone for prons in cmu.values() for pron in prons for phone in pron.split()}
    unknown = {p for prons in ours.values() for pron in prons for p in pron.split()} - phones
    assert unknown == set()


def test_candidates_from_known_spellings() -> None:
    cmu = pronounce.cmu_dictionary()
    assert pronounce.candidate("tumour") == (cmu["tumor"][0], "as 'tumor'")
    assert pronounce.candidate("tourettes") == (cmu["tourette's"][0], 'as "tourette\'s"')
    found = pronounce.candidate("wholegrain")
    assert found is not None and found[1] == "whole + grain"


def test_candidates_from_espeak_phonemes() -> None:
    require_espeak()
    assert pronounce.espeak_phones("hypnic") == "HH IH P N IH K"
    assert pronounce.espeak_phones("meds") == "M EH D Z"
    assert pronounce.espeak_phones("church") == "CH ER CH"


# -- language model -----------------------------------------------------------------------------
def test_tokens_and_wer_words() -> None:
    assert language_model.tokens("Could it be A. L. S.?") == ["could", "it", "be", "a.", "l.", "s."]
    assert language_model.tokens("what's a muscle twitch, really") == [
        "what's", "a", "muscle", "twitch", "really",
    ]  # fmt: skip
    assert asr.wer_words("Could it be a. l. s.? I don't know") == "could it be a l s i dont know"


def test_corpus_fills_slots_with_every_value_and_synonym() -> None:
    corpus = set(language_model.corpus("en-US"))
    for phrase in ("a. l. s.", "lou gehrig's disease", "hypomagnesemia", "sole of my foot"):
        assert any(phrase in sentence for sentence in corpus), phrase
    assert "open muscle twitch guide" in corpus
    assert any(s.startswith("ask muscle twitch guide ") for s in corpus)
    assert "{" not in " ".join(corpus)


def test_language_model_build_is_deterministic_and_cached(tmp_path: Path) -> None:
    first = language_model.build("en-US", tmp_path / "a")
    second = language_model.build("en-US", tmp_path / "b")
    assert first.lm.read_bytes() == second.lm.read_bytes()
    assert first.dictionary.read_bytes() == second.dictionary.read_bytes()
    assert first.lm.parent.name == second.lm.parent.name
    assert first.guessed == ()
    written = first.lm.stat().st_mtime_ns
    again = language_model.build("en-US", tmp_path / "a")
    assert again.lm == first.lm and again.lm.stat().st_mtime_ns == written
    # Every word of the model has a pronunciation in the model's dictionary.
    words = {line.split()[0].split("(")[0] for line in first.dictionary.read_text().splitlines()}
    assert set(language_model.vocabulary("en-US")) == words
    assert "\\3-grams:" in first.lm.read_text()


def test_default_cache_is_under_the_temporary_directory() -> None:
    assert not language_model.CACHE_ROOT.is_relative_to(Path.home())


# -- speech -------------------------------------------------------------------------------------
def test_resample_to_16_khz() -> None:
    assert len(speech.resample(array("h", [1000] * 22050), 22050)) == 16000
    steady = speech.resample(array("h", [1000] * 441), 22050)
    assert len(steady) == 320 and set(steady) == {1000}
    assert speech.resample(array("h", [1, 2, 3]), 16000) == array("h", [1, 2, 3])


def test_synthesised_speech_is_16_khz_mono(tmp_path: Path) -> None:
    binary = require_espeak()
    samples = speech.synthesise("muscle twitch guide", "en-us", 150, binary)
    assert len(samples) > speech.RATE // 2  # more than half a second
    path = tmp_path / "x.wav"
    speech.write_wav(path, samples)
    import wave

    with wave.open(str(path)) as wav:
        assert (wav.getframerate(), wav.getnchannels(), wav.getsampwidth()) == (16000, 1, 2)


def test_voices_are_checked() -> None:
    binary = require_espeak()
    assert speech.check_voices(speech.DEFAULT_VOICES, binary) == []
    assert speech.check_voices(["en-us+nosuchvariant", "de", "xx"], binary) == [
        "en-us+nosuchvariant", "de", "xx",
    ]  # fmt: skip


# -- the round trip -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def round_trip(tmp_path_factory: pytest.TempPathFactory) -> tuple[asr.RoundTrip, float]:
    require_espeak()
    cases = load_cases(DEV_SET)
    cases = cases[:: len(cases) // ROUND_TRIP_ROWS][:ROUND_TRIP_ROWS]
    start = time.perf_counter()
    result = asr.round_trip(
        cases,
        file=str(DEV_SET),
        voices=ROUND_TRIP_VOICES,
        speeds=ROUND_TRIP_SPEEDS,
        cache_root=tmp_path_factory.mktemp("asr-cache"),
    )
    return result, time.perf_counter() - start


@pytest.mark.slow
def test_round_trip_measures_wer_and_intent_accuracy(
    round_trip: tuple[asr.RoundTrip, float],
) -> None:
    result, seconds = round_trip
    print(f"ASR round trip: {len(result.recordings)} recordings in {seconds:.1f} s")
    assert len(result.recordings) == ROUND_TRIP_ROWS * len(ROUND_TRIP_VOICES)
    overall = result.overall
    assert overall.wer is not None and 0.0 < overall.wer < 1.0
    assert overall.intent_accuracy >= INTENT_FLOOR, asr.to_markdown(result)
    assert result.text.wer is None and result.text.intent_accuracy >= overall.intent_accuracy
    assert set(result.by_voice()) == set(ROUND_TRIP_VOICES)
    assert sum(f.recordings for f in result.by_voice().values()) == overall.recordings
    assert all(r.transcript for r in result.recordings)


@pytest.mark.slow
def test_round_trip_reports(round_trip: tuple[asr.RoundTrip, float]) -> None:
    result, _ = round_trip
    markdown = asr.to_markdown(result)
    assert "| **after ASR, all** | 24 |" in markdown
    assert "| voice en-us+klatt4 | 12 |" in markdown and "| speed 170 wpm | 24 |" in markdown
    report = json.loads(json.dumps(asr.to_json(result)))
    assert report["asr"]["recordings"] == 24 and 0 < report["asr"]["wer"] < 1
    assert set(report["by_voice"]) == set(ROUND_TRIP_VOICES)
    assert set(report["by_voice_and_speed"]) == {f"{v}@170" for v in ROUND_TRIP_VOICES}
    assert len(report["recordings"]) == 24


# -- command line -------------------------------------------------------------------------------
@pytest.mark.slow
def test_command_line_json_and_min_intent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    require_espeak()
    argv = [str(DEV_SET), "--limit", "2", "--voices", "en-us+klatt4", "--speeds", "170"]
    argv += ["--json", "--quiet", "--cache-dir", str(tmp_path), "--min-intent", "1.01"]
    assert asr.main(argv) == 1
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["utterances"] == 2 and report["voices"] == ["en-us+klatt4"]
    assert "below --min-intent" in err


def test_command_line_rejects_a_locale_it_cannot_hear(capsys: pytest.CaptureFixture[str]) -> None:
    assert asr.main([str(DEV_SET), "--locale", "de-DE"]) == 2
    assert "English only" in capsys.readouterr().err


def test_command_line_rejects_unknown_voices(capsys: pytest.CaptureFixture[str]) -> None:
    require_espeak()
    assert asr.main([str(DEV_SET), "--voices", "en-us,en-us+nosuch"]) == 2
    assert "en-us+nosuch" in capsys.readouterr().err
