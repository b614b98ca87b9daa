"""Synthetic speech for the ASR round trip: espeak-ng, resampled to 16 kHz mono.

espeak-ng writes 16-bit mono WAV at 22050 Hz; pocketsphinx's en-US acoustic model expects
16 kHz. :func:`resample` converts with linear interpolation after a short low-pass filter (a
[1, 2, 1] / 4 kernel, which halves the energy that would fold back above 8 kHz), in plain
Python: no numpy, no sox.

A voice is an espeak-ng language voice ("en-us", "en-gb-x-rp"), optionally with a variant
("en-us+f3", a female variant). espeak-ng falls back silently for an unknown variant, so
:func:`check_voices` checks names against ``espeak-ng --voices``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from array import array
from collections.abc import Iterable
from functools import cache
from pathlib import Path

__all__ = [
    "DEFAULT_SPEEDS",
    "DEFAULT_VOICES",
    "RATE",
    "check_voices",
    "espeak_binary",
    "resample",
    "synthesise",
    "write_wav",
]

#: US, US with a female variant and with the Klatt synthesiser (the closest to real speech for
#: pocketsphinx), British, British received pronunciation.
DEFAULT_VOICES = ("en-us", "en-us+f3", "en-us+klatt4", "en-gb", "en-gb-x-rp")
#: Words per minute: espeak-ng's default (175) lies between.
DEFAULT_SPEEDS = (150, 190)
#: What pocketsphinx's acoustic model was trained on.
RATE = 16000


def espeak_binary() -> str | None:
    """The espeak-ng executable, or None when it is not installed."""
    return shutil.which("espeak-ng")


@cache
def _listed(binary: str, kind: str) -> frozenset[str]:
    """Names ``espeak-ng --voices=KIND`` lists: languages and file names (``!v/f3`` -> f3)."""
    out = subprocess.run(
        [binary, f"--voices={kind}"], capture_output=True, text=True, check=True, timeout=30
    ).stdout
    names: set[str] = set()
    for line in out.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 5:
            names.add(fields[1].lower())
            names.add(fields[4].rsplit("/", 1)[-1].lower())
    return frozenset(names)


def check_voices(voices: Iterable[str], binary: str) -> list[str]:
    """The ``voices`` espeak-ng does not have (an English language, then ``+variant``)."""
    unknown: list[str] = []
    for voice in voices:
        language, _, variant = voice.lower().partition("+")
        known = language.startswith("en") and language in _listed(binary, "en")
        if not known or (variant and variant not in _listed(binary, "variant")):
            unknown.append(voice)
    return unknown


def resample(samples: array[int], rate_in: int, rate_out: int = RATE) -> array[int]:
    """16-bit ``samples`` at ``rate_in`` as 16-bit samples at ``rate_out`` (mono)."""
    if rate_in == rate_out or not samples:
        return array("h", samples)
    n = len(samples)
    if rate_out < rate_in:  # a light low-pass before dropping samples
        padded = [samples[0], *samples, samples[-1]]
        smooth = [(padded[i] + 2 * padded[i + 1] + padded[i + 2]) / 4 for i in range(n)]
    else:
        smooth = [float(s) for s in samples]
    count = (n * rate_out) // rate_in
    step = rate_in / rate_out
    out = array("h", bytes(2 * count))
    for i in range(count):
        position = i * step
        left = int(position)
        frac = position - left
        right = left + 1 if left + 1 < n else left
        value = smooth[left] + (smooth[right] - smooth[left]) * frac
        out[i] = max(-32768, min(32767, round(value)))
    return out


def _read_wav(path: Path) -> tuple[array[int], int]:
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
            raise ValueError(f"{path}: not 16-bit mono")
        samples = array("h")
        samples.frombytes(wav.readframes(wav.getnframes()))
        return samples, wav.getframerate()


def write_wav(path: Path, samples: array[int], rate: int = RATE) -> None:
    """A 16-bit mono WAV file."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())


def synthesise(text: str, voice: str, speed: int, binary: str) -> array[int]:
    """``text`` spoken by espeak-ng's ``voice`` at ``speed`` words per minute, 16 kHz mono."""
    with tempfile.TemporaryDirectory(prefix="twitch-asr-") as tmp:
        raw = Path(tmp) / "espeak.wav"
        subprocess.run(
            [binary, "-v", voice, "-s", str(speed), "-w", str(raw), "--", text],
            capture_output=True,
            check=True,
            timeout=120,
        )
        samples, rate = _read_wav(raw)
    return resample(samples, rate, RATE)
