"""What every request goes through before the application: its body, read whole and in time,
and a cheap check of that body before anything parses it.

``BufferedBody``: WSGI middleware that reads the whole body (bounded in size, and in time under
gevent) before the application runs, so that neither the application nor the request verifier
ever waits on a client.

``json_too_deep(body, limit)``: whether JSON text nests arrays and objects deeper than ``limit``.
Python's ``json`` module (and the ASK SDK's deserializer after it) recurses once per level, so a
body nested a few thousand levels deep raises ``RecursionError`` there. This scan does not
recurse: string literals are cut out with one regular expression (escapes included), the
remaining bytes are reduced to brackets, and a counter follows them.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from http import HTTPStatus
from typing import TYPE_CHECKING

from skill.web.blocking import gevent_patched

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

MAX_JSON_DEPTH = 64
_READ_SIZE = 64 * 1024

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


class _BodyTimeout(Exception):
    """Raised (by a gevent timer) into a body read that did not finish in time.

    An ``Exception``, not a ``BaseException`` like ``gevent.Timeout``: gunicorn marks a request
    body whose read raised an ``Exception`` as failed and closes the connection after answering.
    """


class _BodyTooLarge(Exception):
    pass


class _BodyUnreadable(Exception):
    pass


def _deadline(seconds: float | None) -> AbstractContextManager[object]:
    """A deadline for the body read: a gevent timer when gevent has patched the socket module
    (``twitch-guide serve``: gunicorn's gevent worker), else none (a server that reads whole
    requests itself, or the development server)."""
    if seconds is None or not gevent_patched():
        return nullcontext()
    import gevent

    timer: AbstractContextManager[object] = gevent.Timeout(seconds, _BodyTimeout)
    return timer


class BufferedBody:
    """WSGI middleware: the whole request body is read, at most ``max_bytes`` and within
    ``timeout`` seconds, before the application runs; the application gets it from memory.

    Requests that cannot be read are answered here, each with one line passed to ``reject``:
    408 when the body takes longer than ``timeout`` (a stalled or trickling client; enforced
    under gevent, where the connection is then closed), 413 above ``max_bytes`` (declared in
    ``Content-Length`` or found while reading a chunked body), 400 when the body is shorter than
    declared or its chunked framing is broken.
    """

    def __init__(
        self,
        app: WSGIApplication,
        *,
        max_bytes: int,
        timeout: float | None,
        reject: Callable[[str], None],
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.reject = reject

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        try:
            body = self._read(environ)
        except _BodyTimeout:
            return self._refuse(
                start_response, 408, "request timeout", f"body not received in {self.timeout} s"
            )
        except _BodyTooLarge:
            return self._refuse(
                start_response,
                413,
                "request entity too large",
                f"body larger than {self.max_bytes} bytes",
            )
        except _BodyUnreadable as exc:
            return self._refuse(start_response, 400, "bad request", str(exc))
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))
        environ["wsgi.input_terminated"] = True
        return self.app(environ, start_response)

    def _read(self, environ: WSGIEnvironment) -> bytes:
        declared = environ.get("CONTENT_LENGTH") or ""
        if declared:
            if not (declared.isascii() and declared.isdigit()):
                raise _BodyUnreadable("invalid Content-Length")
            limit = int(declared)
            if limit > self.max_bytes:
                raise _BodyTooLarge()
        elif environ.get("wsgi.input_terminated"):
            limit = self.max_bytes + 1  # chunked: read to the end, or one byte past the limit
        else:
            return b""  # no Content-Length, and a server that cannot mark the end: no body
        stream = environ["wsgi.input"]
        chunks: list[bytes] = []
        size = 0
        try:
            with _deadline(self.timeout):
                while size < limit:
                    chunk = stream.read(min(_READ_SIZE, limit - size))
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
        except (_BodyTimeout, _BodyTooLarge):
            raise
        except Exception as exc:  # the server's framing errors, resets, client disconnects
            raise _BodyUnreadable(f"body could not be read ({type(exc).__name__})") from exc
        if size > self.max_bytes:
            raise _BodyTooLarge()
        if declared and size < limit:
            raise _BodyUnreadable("body shorter than its Content-Length")
        return b"".join(chunks)

    def _refuse(
        self, start_response: StartResponse, status: int, error: str, reason: str
    ) -> Iterable[bytes]:
        self.reject(reason)  # the reason goes to the log; the caller learns only the status
        payload = json.dumps({"error": error, "status": status}).encode()
        start_response(
            f"{status} {HTTPStatus(status).phrase}",
            [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))],
        )
        return [payload]
