"""Browser tests' support: Debian's Chromium through Playwright, and a studio on a free port.

Playwright never downloads a browser here: Chromium is the system's (``/usr/bin/chromium``,
or ``$STUDIO_CHROMIUM``), launched by path with a fresh profile. Without it the browser tests
are skipped with the reason printed, except in CI (``$CI`` set), where they fail.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

#: Where the screenshots of each step go (build/ is not committed).
SCREENSHOTS = ROOT / "build" / "studio"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
VIEWPORT = {"width": 1440, "height": 900}


def chromium_path() -> str | None:
    """The system's Chromium, or ``None``."""
    explicit = os.environ.get("STUDIO_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).exists() else None
    for candidate in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(candidate).exists():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


def need_browser() -> str:
    """Chromium's path; skips the test (fails it in CI) when it or Playwright is missing."""
    reason = None
    path = chromium_path()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "Playwright is not installed (pip install -e '.[dev]')"
    if path is None:
        reason = "no Chromium found (apt-get install chromium, or set STUDIO_CHROMIUM)"
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests are required in CI: {reason}")
        print(f"\nbrowser tests skipped: {reason}")
        pytest.skip(reason)
    assert path is not None
    return path


@contextmanager
def chromium(tmp_path: Path, executable: str) -> Iterator[Any]:
    """A persistent Playwright context on a fresh user-data directory."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,
            accept_downloads=True,
        )
        try:
            yield context
        finally:
            context.close()


@contextmanager
def studio_server(**options: Any) -> Iterator[str]:
    """A real studio on 127.0.0.1 (a free port), served from a thread; yields its URL."""
    from skill.studio.cli import make_server

    options.setdefault("db", None)
    server = make_server("127.0.0.1", 0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def shot(page: Any, name: str) -> Path:
    """A screenshot of ``page`` as build/studio/NAME.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
