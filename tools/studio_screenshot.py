"""Write docs/studio.png, the README's picture of the studio (Debian's Chromium, Playwright).

    .venv/bin/python tools/studio_screenshot.py [OUT.png]

A studio runs on a free loopback port without a visit store; the page talks to it on an Echo
Show 8 and the screenshot is taken when the answer and its list are on screen.
"""

from __future__ import annotations

import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skill.studio.cli import make_server  # noqa: E402

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
LINES = ["open muscle twitch guide", "what are the everyday causes"]
#: The picture stays small: a modest window, drawn at 80 % (a PNG of text compresses poorly).
VIEWPORT = {"width": 1280, "height": 760}
SCALE = 0.8


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    out = Path(argv[0]) if argv else ROOT / "docs" / "studio.png"
    server = make_server("127.0.0.1", 0, db=None, device="echo-show-8")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        with tempfile.TemporaryDirectory() as profile, sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                profile,
                executable_path="/usr/bin/chromium",
                headless=True,
                args=CHROMIUM_ARGS,
                viewport=VIEWPORT,
                device_scale_factor=SCALE,
            )
            page = context.new_page()
            page.goto(url)
            page.wait_for_selector("body[data-ready]")
            page.uncheck("#speak")
            for line in LINES:
                before = page.evaluate("window.studio.turns.length")
                page.fill("#say", line)
                page.press("#say", "Enter")
                # Polled from here: the page's Content-Security-Policy forbids the eval that
                # Playwright's wait_for_function uses.
                done = "n => window.studio.turns.length > n && !document.body.dataset.busy"
                while not page.evaluate(done, before):
                    time.sleep(0.01)
            page.mouse.move(0, 0)
            page.screenshot(path=str(out))
            context.close()
    finally:
        server.shutdown()
        server.server_close()
    print(f"{out} ({out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
