"""Speech for the studio: espeak-ng renders an answer as WAV, in the locale's voice.

When espeak-ng is not installed, :func:`find_voice` returns ``None`` and the page speaks with
the browser's own ``speechSynthesis`` instead.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections import OrderedDict

from skill.simulator.cli import Speaker

__all__ = ["Voice", "find_voice"]

#: How many rendered answers are kept (an answer is a few hundred KiB of WAV).
CACHE_SIZE = 32


class Voice:
    """espeak-ng at ``binary``, with a small cache of rendered answers."""

    name = "espeak-ng"

    def __init__(self, binary: str) -> None:
        self.binary = binary
        self._cache: OrderedDict[tuple[str, str], bytes] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def voice_for(locale: str) -> str:
        """espeak-ng's voice for a locale the skill speaks (the simulator's choice)."""
        return Speaker.VOICES.get(locale, "en-us")

    def wav(self, text: str, locale: str) -> bytes:
        """``text`` spoken in ``locale``'s voice, as a WAV file (empty if espeak-ng failed)."""
        key = (locale, text)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        done = subprocess.run(
            [self.binary, "-v", self.voice_for(locale), "--stdout", "--", text],
            check=False,
            capture_output=True,
            timeout=60,
        )
        audio = done.stdout if done.returncode == 0 and done.stdout.startswith(b"RIFF") else b""
        with self._lock:
            self._cache[key] = audio
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return audio


def find_voice() -> Voice | None:
    """espeak-ng when it is on ``PATH``, else ``None`` (the browser speaks)."""
    binary = shutil.which("espeak-ng")
    return Voice(binary) if binary else None
