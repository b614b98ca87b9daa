"""Replay files in the ASK CLI's ``ask dialog`` format, read and written offline.

``ask dialog --replay FILE`` and its ``.record FILE`` command use one small JSON object::

    {"skillId": "amzn1.ask.skill...", "locale": "en-US", "type": "text",
     "userInput": ["open muscle twitch guide", "why does my eyelid twitch", "stop"]}

``twitch-guide chat --replay FILE`` and the studio's replay loader read it; the studio's export
writes it. Each ``userInput`` line is said as in ``twitch-guide chat``. ``.quit`` (what
``.record FILE --append-quit`` appends) ends the replay; the skill id is kept on export and
not used when replaying (the skill answers as the simulator's skill).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skill.content import LOCALES
from skill.simulator.envelopes import DEFAULT_SKILL_ID

__all__ = ["QUIT", "Replay", "ReplayError", "load_replay", "parse_replay"]

#: The ``ask dialog`` command that ends a conversation inside a replay file.
QUIT = ".quit"
#: The only input type ``ask dialog`` replays.
TEXT = "text"


class ReplayError(ValueError):
    """A replay file this project cannot run (the message says why)."""


@dataclass(frozen=True)
class Replay:
    """What a replay file holds."""

    locale: str
    user_input: tuple[str, ...]
    skill_id: str = DEFAULT_SKILL_ID

    def lines(self) -> list[str]:
        """The inputs to say, in order, up to (not including) a ``.quit``."""
        said: list[str] = []
        for line in self.user_input:
            text = line.strip()
            if text.lower() == QUIT:
                break
            if text:
                said.append(text)
        return said

    def to_json(self) -> dict[str, Any]:
        """The file's content, keys in the order ``ask dialog`` writes them."""
        return {
            "skillId": self.skill_id,
            "locale": self.locale,
            "type": TEXT,
            "userInput": list(self.user_input),
        }


def parse_replay(data: Any, *, default_locale: str = "en-US") -> Replay:
    """A :class:`Replay` from a decoded replay file; :class:`ReplayError` when it is not one."""
    if not isinstance(data, dict):
        raise ReplayError("a replay file is a JSON object")
    kind = data.get("type", TEXT)
    if kind != TEXT:
        raise ReplayError(f"only replay files of type 'text' can be run, not {kind!r}")
    user_input = data.get("userInput")
    if not isinstance(user_input, list) or not all(isinstance(s, str) for s in user_input):
        raise ReplayError("'userInput' must be a list of strings")
    locale = data.get("locale", default_locale)
    if locale not in LOCALES:
        raise ReplayError(f"locale {locale!r} is not one the skill speaks ({', '.join(LOCALES)})")
    skill_id = data.get("skillId") or DEFAULT_SKILL_ID
    if not isinstance(skill_id, str):
        raise ReplayError("'skillId' must be a string")
    for line in user_input:
        if "${" in line:
            raise ReplayError(f"input {line!r} has a variable: replace it with a value first")
    return Replay(locale=str(locale), user_input=tuple(user_input), skill_id=skill_id)


def load_replay(path: str | Path, *, default_locale: str = "en-US") -> Replay:
    """Read and check the replay file at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ReplayError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ReplayError(f"{path} is not JSON: {exc}") from exc
    return parse_replay(data, default_locale=default_locale)
