"""Slot values by the words that name them, for requests Alexa did not resolve.

Alexa normally resolves a slot to a value id (entity resolution).  A slot can still arrive
with a value and no ``resolutions`` block, or with ``ER_ERROR_TIMEOUT``; the skill then looks
the spoken words up in the model's own values and synonyms.  That table is generated from
``interaction_model/`` into ``slot_values.json`` (``twitch-guide models``; a test and
``twitch-guide check`` fail when it drifts), so there is no second hand-kept list.

The table is read on the first lookup, not at import: most requests never need it.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from skill.content import DEFAULT_LOCALE

TABLE = Path(__file__).with_name("slot_values.json")

_NOT_WORD = re.compile(r"[^\w' ]+")
_SPACES = re.compile(r"\s+")
_LEADING = re.compile(r"^(?:(?:the|a|an|my|some|too much|too many|much|lots of) )+")


def normalise(phrase: str) -> str:
    """Lower case, punctuation to spaces, one space, no leading article ("the coffee")."""
    text = _SPACES.sub(" ", _NOT_WORD.sub(" ", phrase.lower())).strip()
    return _LEADING.sub("", text)


@cache
def _table() -> dict[str, dict[str, dict[str, str]]]:
    data: dict[str, dict[str, dict[str, str]]] = json.loads(TABLE.read_text(encoding="utf-8"))
    return data


def lookup(locale: str | None, slot_type: str, heard: str) -> str | None:
    """The value id of ``slot_type`` that ``heard`` names in ``locale``'s model (the default
    locale's for a locale without a model), if any."""
    table = _table()
    by_type = table.get(locale or "") or table.get(DEFAULT_LOCALE) or {}
    return by_type.get(slot_type, {}).get(normalise(heard))
