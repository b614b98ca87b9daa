"""Work that blocks in C, kept off gevent's event loop.

gunicorn's gevent worker (``twitch-guide serve``) serves all of a worker's connections from one
thread.  Python code that waits on a patched socket yields to the others; a C library that
waits does not.  SQLite does: for a file lock held by the other worker (up to its busy
timeout) and for the disk on every commit.  ``off_the_loop`` wraps such a persistence adapter
so that its calls run on gevent's pool of native threads (``sqlite3`` releases the GIL while it
waits), and only the request that needs the data waits for it.

DynamoDB needs nothing of the kind: botocore talks through patched sockets and yields.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_model import RequestEnvelope

T = TypeVar("T")


def gevent_patched() -> bool:
    """True in a process whose socket module gevent has monkey-patched (a gevent worker)."""
    if "gevent" not in sys.modules:
        return False
    from gevent import monkey

    return bool(monkey.is_module_patched("socket"))


def _in_thread(function: Callable[..., T], *args: Any) -> T:
    """``function(*args)`` on gevent's thread pool; its exception, if any, raised here (the pool
    would otherwise print a traceback of its own for it)."""
    import gevent

    def call() -> tuple[bool, Any]:
        try:
            return True, function(*args)
        except Exception as exc:
            return False, exc

    ok, value = gevent.get_hub().threadpool.apply(call)
    if not ok:
        raise value
    result: T = value
    return result


class ThreadPoolAdapter(AbstractPersistenceAdapter):
    """Runs every call of ``adapter`` on gevent's thread pool while the calling greenlet waits,
    at most ``concurrency`` at a time per process (more writers on one SQLite file only wait
    longer for its lock)."""

    def __init__(self, adapter: AbstractPersistenceAdapter, concurrency: int = 1) -> None:
        from gevent.lock import BoundedSemaphore

        self.adapter = adapter
        self._slots = BoundedSemaphore(concurrency)

    def _run(self, function: Callable[..., T], *args: Any) -> T:
        with self._slots:
            return _in_thread(function, *args)

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        attributes: dict[str, Any] = self._run(self.adapter.get_attributes, request_envelope)
        return attributes

    def save_attributes(
        self, request_envelope: RequestEnvelope, attributes: dict[str, Any]
    ) -> None:
        self._run(self.adapter.save_attributes, request_envelope, attributes)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self._run(self.adapter.delete_attributes, request_envelope)


def off_the_loop(
    adapter: AbstractPersistenceAdapter | None,
) -> AbstractPersistenceAdapter | None:
    """``adapter``, wrapped in ``ThreadPoolAdapter`` if it blocks in C and gevent runs the app."""
    from skill.persistence import SQLiteAdapter

    if isinstance(adapter, SQLiteAdapter) and gevent_patched():
        return ThreadPoolAdapter(adapter)
    return adapter
