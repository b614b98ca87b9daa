"""Cheap checks on a request body before anything parses it.

``json_too_deep(body, limit)``: whether JSON text nests arrays and objects deeper than ``limit``.
Python's ``json`` module (and the ASK SDK's deserializer after it) recurses once per level, so a
body nested a few thousand levels deep raises ``RecursionError`` there. This scan does not
recurse: string literals are cut out with one regular expression (escapes included), the
remaining bytes are reduced to brackets, and a counter follows them.
"""

from __future__ import annotations

import re

MAX_JSON_DEPTH = 64

# A JSON string literal: a quote, then runs of ordinary bytes or backslash escapes, then a quote
# (optional, so that an unterminated string runs to the end). Possessive quantifiers: no
# backtracking, linear time whatever the input.
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_OPENING = frozenset(b"[{")


def json_too_deep(body: bytes, limit: int = MAX_JSON_DEPTH) -> bool:
    """True if ``body`` opens more than ``limit`` arrays/objects inside one another.

    Brackets inside strings do not count. Malformed JSON is not judged here (the parser rejects
    it later); only the nesting that a recursive parser would have to follow.
    """
    depth = 0
    for byte in _STRING.sub(b"", body).translate(None, _NOT_BRACKETS):
        if byte in _OPENING:
            depth += 1
            if depth > limit:
                return True
        elif depth:  # a stray closing bracket: the parser stops there anyway
            depth -= 1
    return False
