"""The studio page in a real browser (Debian's Chromium through Playwright).

Each test runs a real studio on 127.0.0.1 (a free port) and drives the page as a person would:
typing, clicking, choosing, loading files. Every step leaves a screenshot in build/studio/.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import SCREENSHOTS, chromium, need_browser, shot, studio_server
from tests.conftest import ROOT
from tests.test_studio import EXAMPLE, expected_turns

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    executable = need_browser()
    with chromium(tmp_path_factory.mktemp("chromium"), executable) as context:
        yield context


class Page:
    """One tab on a fresh studio, with what the page logged and requested."""

    def __init__(self, context: Any, url: str) -> None:
        self.url = url
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page = context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("request", self._request)
        self.open()

    def _request(self, request: Any) -> None:
        if not request.url.startswith((self.url, "data:", "blob:")):
            self.foreign.append(request.url)

    def open(self) -> None:
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready]")

    def turns(self) -> int:
        count: int = self.page.evaluate("window.studio.turns.length")
        return count

    def say(self, text: str) -> dict[str, Any]:
        """Type ``text`` and press Enter; the new turn once it is on screen."""
        before = self.turns()
        self.page.fill("#say", text)
        self.page.press("#say", "Enter")
        self.page.wait_for_function(
            "n => window.studio.turns.length > n && !document.body.dataset.busy", arg=before
        )
        turn: dict[str, Any] = self.page.evaluate("window.studio.turns.at(-1)")
        return turn

    def last_answer(self) -> str:
        text: str = self.page.locator("#chat li.alexa .bubble").last.inner_text()
        return text

    def raw(self, element_id: str) -> Any:
        return json.loads(self.page.get_attribute(f"#{element_id}", "data-raw") or "null")

    def close(self) -> None:
        self.page.close()
        assert self.errors == [], self.errors
        assert self.foreign == [], f"the page reached beyond the studio: {self.foreign}"


@pytest.fixture
def studio(browser: Any) -> Iterator[Page]:
    with studio_server() as url:
        page = Page(browser, url)
        yield page
        page.close()


def test_readme_conversation(studio: Page, browser: Any) -> None:
    page = studio.page
    shot(page, "01-empty")
    assert page.locator("#locale").input_value() == "en-US"
    expected = expected_turns(EXAMPLE)
    for number, (line, want) in enumerate(zip(EXAMPLE, expected, strict=True), start=1):
        if number == 2:
            with page.expect_response("**/api/speech/*.wav") as audio:
                turn = studio.say(line)
            answer = audio.value
            assert answer.status == 200 and answer.headers["content-type"] == "audio/wav"
            assert page.get_attribute("#player", "src") == f"/api/speech/{turn['index']}.wav"
        else:
            turn = studio.say(line)
        assert studio.last_answer() == want["speech"], line
        assert turn["record"]["intent"] == want["intent"]
        if number == 2:
            shot(page, "02-eyelid")
            # Skill I/O: the envelopes as the handler saw them.
            request, response = studio.raw("json-input"), studio.raw("json-output")
            assert request["request"]["intent"]["name"] == "BodyPartIntent"
            assert request["request"]["intent"]["slots"]["body_part"]["value"] == "eyelid"
            assert response["response"]["outputSpeech"]["ssml"] == want["ssml"]
            understood = page.inner_text("#understood")
            assert "BodyPartIntent" in understood and "ER_SUCCESS_MATCH" in understood
            assert "eye" in understood
            assert "BodyPartIntent" in page.inner_text("#why")
            # The card, as the Alexa app shows it.
            assert page.inner_text("#card .card-title") == want["card"]["title"]
            assert page.inner_text("#card .card-text") == want["card"]["text"]
            # Speech: the plain text and the SSML beside it.
            assert page.inner_text("#voice .plain") == want["speech"]
            assert page.inner_text("#voice pre.ssml") == want["ssml"]
            # Copy buttons put the pretty JSON on the clipboard.
            browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=studio.url)
            page.click("button[data-copy=json-input]")
            copied = page.evaluate("navigator.clipboard.readText()")
            assert json.loads(copied) == request
            assert page.inner_text("button[data-copy=json-input]") == "Copied"
        if number == 3:
            attributes = json.loads(page.inner_text("#attributes"))
            assert attributes == turn["response"]["sessionAttributes"]
    # The end of the session is visible, in the chat and in the device log.
    assert page.locator("#chat .marker.ended").count() == 1
    assert page.locator("#chat .marker").first.inner_text().lower() == "new session"
    log = page.inner_text("#log")
    assert "SpeechSynthesizer.Speak" in log and "Session ended" in log
    assert "IntentRequest (AMAZON.StopIntent)" in log
    shot(page, "03-session-ended")
    # Any earlier turn can be looked at again.
    page.locator("#chat li.you .bubble", has_text="could it be").click()
    assert studio.raw("json-input")["request"]["intent"]["name"] == "CauseCheckIntent"
    assert "turn 4" in page.inner_text("#io-turn")
    # A reload shows the same conversation.
    studio.open()
    assert studio.turns() == len(EXAMPLE)
    assert studio.last_answer() == expected[-1]["speech"]


def test_why_this_intent_explains_fallback(studio: Page) -> None:
    turn = studio.say("ask muscle twitch guide what's the weather like")
    assert turn["record"]["intent"] == "AMAZON.FallbackIntent"
    why = studio.page.inner_text("#why")
    assert "AMAZON.FallbackIntent" in why and "threshold 60" in why
    assert "heard: “what's the weather like”" in why
    shot(studio.page, "04-why-fallback")


def test_locale_de_de(studio: Page) -> None:
    page = studio.page
    studio.say("open muscle twitch guide")
    page.select_option("#locale", "de-DE")
    page.wait_for_function("window.studio.state.locale === 'de-DE'")
    assert studio.turns() == 0 and page.evaluate("document.documentElement.lang") == "de-DE"
    with page.expect_response("**/api/speech/*.wav") as audio:
        turn = studio.say("öffne muskelzucken ratgeber")
    assert audio.value.status == 200
    assert studio.last_answer().startswith("Willkommen beim Muskelzucken Ratgeber")
    assert turn["request"]["request"]["locale"] == "de-DE"
    studio.say("kann kaffee zucken auslösen")
    assert studio.last_answer().startswith("Kaffee kann Muskelzucken auslösen")
    assert "espeak-ng, de-DE" in page.inner_text("#voice")
    shot(page, "05-de-DE")


def test_export_and_reimport_a_replay(studio: Page, tmp_path: Path) -> None:
    page = studio.page
    lines = EXAMPLE[:4]
    for line in lines:
        studio.say(line)
    said = [t["record"]["speech"] for t in page.evaluate("window.studio.turns")]
    with page.expect_download() as download:
        page.click("#export")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    exported = SCREENSHOTS / "replay.json"
    download.value.save_as(exported)
    replay = json.loads(exported.read_text(encoding="utf-8"))
    assert replay["type"] == "text" and replay["locale"] == "en-US"
    assert replay["userInput"] == lines and replay["skillId"].startswith("amzn1.ask.skill.")

    # The same file runs headless, with the same answers.
    command = ["chat", "--replay", str(exported), "--json", "--no-store"]
    headless = subprocess.run(
        [sys.executable, "-m", "skill.cli", *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    records = [json.loads(line) for line in headless.stdout.splitlines()]
    assert [r["speech"] for r in records[: len(lines)]] == said

    # Start over, then load the file back into the page.
    page.click("#new-session")
    page.wait_for_function("window.studio.turns.length === 0")
    assert page.locator("#chat li").count() == 0
    page.set_input_files("#replay-file", str(exported))
    page.wait_for_function(f"window.studio.turns.length === {len(lines)}")
    assert [t["record"]["speech"] for t in page.evaluate("window.studio.turns")] == said
    assert "Replayed replay.json" in page.inner_text("#status")
    shot(page, "06-replayed")

    # A file recorded elsewhere (another skill id, another locale, .quit at the end).
    console = tmp_path / "console.json"
    console.write_text(
        json.dumps(
            {
                "skillId": "amzn1.ask.skill.12345678-1234-1234-1234-123456789012",
                "locale": "en-GB",
                "type": "text",
                "userInput": ["open muscle twitch guide", "should i see my g. p.", ".quit"],
            }
        ),
        encoding="utf-8",
    )
    page.set_input_files("#replay-file", str(console))
    page.wait_for_function("window.studio.turns.length === 2")
    assert page.locator("#locale").input_value() == "en-GB"
    assert "GP" in studio.last_answer()

    # A file that is no replay says why.
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "text", "userInput": "hello"}', encoding="utf-8")
    page.set_input_files("#replay-file", str(broken))
    page.wait_for_function("document.getElementById('status').textContent.length > 0")
    assert "list of strings" in page.inner_text("#status")
    studio.errors.clear()  # the browser logs the refused request (HTTP 400) as an error


def test_first_load_and_turn_latency(browser: Any) -> None:
    """The page's first load and the time from Enter to the answer on screen (medians)."""
    loads, ready = [], []
    with studio_server() as url:
        for _ in range(7):
            tab = browser.new_page()
            tab.goto(url)
            tab.wait_for_selector("body[data-ready]")
            timing = tab.evaluate(
                "(() => { const n = performance.getEntriesByType('navigation')[0];"
                " const r = performance.getEntriesByName('studio-ready')[0];"
                " return [n.loadEventEnd - n.startTime, r ? r.startTime : null]; })()"
            )
            loads.append(timing[0])
            ready.append(timing[1])
            tab.close()
        page = Page(browser, url)
        for line in [*EXAMPLE[:5], "what causes muscle twitching", "yes", "more", "help"]:
            page.say(line)
        turns = page.page.evaluate("window.studio.timings")
        page.close()
    figures = {
        "first_load_ms_median": round(statistics.median(loads), 1),
        "ready_ms_median": round(statistics.median(ready), 1),
        "turn_ms_median": round(statistics.median(turns), 1),
        "turn_ms_max": round(max(turns), 1),
        "loads": len(loads),
        "turns": len(turns),
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "timings.json").write_text(json.dumps(figures, indent=2) + "\n")
    print(f"\nstudio timings: {figures}")
    # Generous bounds: a regression of an order of magnitude, not the machine's noise.
    assert figures["first_load_ms_median"] < 3000
    assert figures["turn_ms_median"] < 1500
