"""The studio page in a real browser (Debian's Chromium through Playwright).

Each test runs a real studio on 127.0.0.1 (a free port) and drives the page as a person would:
typing, clicking, choosing, loading files. Every step leaves a screenshot in build/studio/.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser_support import SCREENSHOTS, chromium, need_browser, shot, studio_server
from tests.conftest import ROOT
from tests.test_studio import EXAMPLE, expected_turns

pytestmark = pytest.mark.slow


def until(page: Any, predicate: str, arg: Any = None, timeout: float = 10.0) -> None:
    """Wait until ``predicate`` (JavaScript, with ``arg``) is true in ``page``. Polled from
    here, because Playwright's own wait_for_function compiles it with eval, which the page's
    Content-Security-Policy forbids."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(predicate, arg):
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {predicate}")
        time.sleep(0.01)


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
        until(
            self.page,
            "n => window.studio.turns.length > n && !document.body.dataset.busy",
            arg=before,
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
            until(
                page,
                "n => window.studio.played === n || window.studio.soundError",
                arg=turn["index"],
            )
            assert page.evaluate("window.studio.soundError") is None
            assert page.evaluate("document.getElementById('player').duration") > 5
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
    # Up recalls the lines typed before, as in a terminal.
    page.press("#say", "ArrowUp")
    assert page.input_value("#say") == "stop"
    page.press("#say", "ArrowUp")
    assert page.input_value("#say") == "no"
    page.press("#say", "ArrowDown")
    page.press("#say", "ArrowDown")
    assert page.input_value("#say") == ""
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
    from skill.simulator.resolver import resolver_for

    threshold = resolver_for("en-US").threshold
    assert "AMAZON.FallbackIntent" in why and f"threshold {threshold:.0f}" in why
    assert "heard: “what's the weather like”" in why
    assert "-> Fallback" in why  # the resolver's own rule for it
    shot(studio.page, "04-why-fallback")


def test_locale_de_de(studio: Page) -> None:
    page = studio.page
    studio.say("open muscle twitch guide")
    page.select_option("#locale", "de-DE")
    until(page, "window.studio.state.locale === 'de-DE'")
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
    until(page, "window.studio.turns.length === 0")
    assert page.locator("#chat li").count() == 0
    page.set_input_files("#replay-file", str(exported))
    until(page, f"window.studio.turns.length === {len(lines)}")
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
    until(page, "window.studio.turns.length === 2")
    assert page.locator("#locale").input_value() == "en-GB"
    assert "GP" in studio.last_answer()

    # A file that is no replay says why.
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "text", "userInput": "hello"}', encoding="utf-8")
    page.set_input_files("#replay-file", str(broken))
    until(page, "document.getElementById('status').textContent.length > 0")
    assert "list of strings" in page.inner_text("#status")
    studio.errors.clear()  # the browser logs the refused request (HTTP 400) as an error


def test_first_load_and_turn_latency(browser: Any) -> None:
    """The page's first load (no browser cache) and the time from Enter to the answer on
    screen, medians; build/studio/timings.json keeps the figures."""
    loads, ready = [], []
    with studio_server() as url:
        for _ in range(7):
            tab = browser.new_page()
            cdp = browser.new_cdp_session(tab)  # a first load each time: nothing from the cache
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
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


def test_echo_show_display_and_touch(studio: Page) -> None:
    page = studio.page
    assert "has no screen" in page.inner_text("#display")  # echo-dot, as in chat
    page.select_option("#device", "echo-show-8")
    until(page, "window.studio.state.device === 'echo-show-8'")
    turn = studio.say("what are the everyday causes")
    directive = turn["response"]["response"]["directives"][0]
    screen = directive["datasources"]["screen"]
    assert studio.raw("json-input")["context"]["Viewport"]["pixelWidth"] == 960
    display = page.locator("#display")
    assert display.locator("[data-id=title]").inner_text() == screen["title"]
    items = display.locator("[data-id^='item-']")
    assert items.count() == len(screen["items"]) == 8
    first = screen["items"][0]["text"]
    assert items.first.inner_text() == f"1. {first}"
    assert display.locator(".apl-warnings").count() == 0
    assert "Echo Show 8 \u00b7 960 \u00d7 600 dp" in display.inner_text()
    shot(page, "07-echo-show-8-list")
    display.screenshot(path=str(SCREENSHOTS / "07-echo-show-8-display.png"))
    # The screen keeps fitting the pane when the window changes.
    scale = float(display.get_attribute("data-scale") or 0)
    page.set_viewport_size({"width": 1800, "height": 1000})
    until(page, "s => Number(document.getElementById('display').dataset.scale) > s", scale)
    page.set_viewport_size({"width": 1440, "height": 900})
    until(page, "s => Number(document.getElementById('display').dataset.scale) === s", scale)

    # Touch "Coffee": the document's SendEvent arguments go to the skill as a UserEvent.
    before = studio.turns()
    display.locator("[data-id='item-coffee']").click()
    until(page, "n => window.studio.turns.length > n && !document.body.dataset.busy", arg=before)
    touched = page.evaluate("window.studio.turns.at(-1)")
    request = touched["request"]["request"]
    assert request["type"] == "Alexa.Presentation.APL.UserEvent"
    assert request["arguments"] == ["item", "everyday_causes", "coffee"]
    assert request["token"] == directive["token"]
    assert request["source"]["id"] == "item-coffee"
    assert touched["request"]["session"]["new"] is False
    assert studio.last_answer().startswith("Coffee can cause muscle twitching")
    assert "(touched: item, everyday_causes, coffee)" in page.inner_text("#chat")
    assert "Alexa.Presentation.APL.UserEvent" in page.inner_text("#log")
    assert display.locator("[data-id=title]").inner_text() != screen["title"]
    shot(page, "08-touched-coffee")

    # The same answer on the other screens.
    for name in ("echo-spot", "echo-show-15", "fire-tv"):
        page.select_option("#device", name)
        until(page, f"window.studio.state.device === '{name}'")
        studio.say("what are the everyday causes")
        assert display.locator("[data-id^='item-']").count() == 8
        assert display.locator(".apl-warnings").count() == 0
        display.screenshot(path=str(SCREENSHOTS / f"09-{name}-display.png"))
        if name == "fire-tv":  # no touch: the d-pad focuses an item and selects it
            before = studio.turns()
            display.locator("[data-id='item-drugs']").focus()
            page.keyboard.press("Enter")
            until(
                page,
                "n => window.studio.turns.length > n && !document.body.dataset.busy",
                arg=before,
            )
            event = page.evaluate("window.studio.turns.at(-1).request.request")
            assert event["arguments"] == ["item", "everyday_causes", "drugs"]
    page.select_option("#device", "echo-dot")
    until(page, "window.studio.state.device === 'echo-dot'")
    studio.say("what helps")
    assert "has no screen" in page.inner_text("#display")


#: (binding, values, expected) for the renderer's expression language.
BINDINGS = [
    ("plain text", {}, "plain text"),
    ("${1 + 2 * 3}", {}, 7),
    ("${(1 + 2) * 3}", {}, 9),
    ("${payload.screen.title}", {"payload": {"screen": {"title": "T"}}}, "T"),
    ("${payload.screen.missing}", {"payload": {"screen": {}}}, None),
    ("${ordinal}. ${data.text}", {"ordinal": 2, "data": {"text": "Drugs"}}, "2. Drugs"),
    (
        "${viewport.shape == 'round' ? 'center' : 'left'}",
        {"viewport": {"shape": "round"}},
        "center",
    ),
    ("${viewport.shape == 'round' ? 3 : 2}", {"viewport": {"shape": "rectangle"}}, 2),
    (
        "${viewport.shape != 'round' && viewport.mode == 'hub' && viewport.width >= 1280}",
        {"viewport": {"shape": "rectangle", "mode": "hub", "width": 1920}},
        True,
    ),
    ("${index == 0 ? @first : @number}", {"index": 0}, 96),
    ("${index == 0 ? @first : @number}", {"index": 3}, 64),
    ("@first", {}, 96),
    ("${payload.list[1]}", {"payload": {"list": ["a", "b"]}}, "b"),
    ("${payload.list.length}", {"payload": {"list": ["a", "b"]}}, 2),
    ("${!flag}", {"flag": ""}, True),
    ("${a ?? 'default'}", {}, "default"),
    ("${Math.max(2, 5)}", {}, 5),
    ("x ${'}'} y", {}, "x } y"),
]


def test_renderer_expressions(studio: Page) -> None:
    resources = {"dimensions": {"first": 96, "number": 64}}
    results = studio.page.evaluate(
        """async ([cases, resources]) => {
            const apl = await import('/static/apl.js');
            return cases.map(([b, values]) => apl.evaluateBinding(b, values, resources));
        }""",
        [[[b, v] for b, v, _ in BINDINGS], resources],
    )
    assert results == [expected for _, _, expected in BINDINGS]


#: One utterance per document in skill/apl/, and the element ids it must show.
DOCUMENT_PROBES = {
    "list": ("what are the everyday causes", ["title", "intro", "items", "footer"]),
    "answer": ("why does my eyelid keep twitching", ["title", "footer"]),
    "safety": ("my dad collapsed and he's not breathing", ["title", "numbers"]),
}


def test_renderer_draws_every_document_on_every_screen(studio: Page) -> None:
    """Each of the skill's documents, as the skill sends it, on each profile with a screen:
    no unsupported component, property or resource; every text inside the screen."""
    from skill.simulator.cli import Simulator, build_handler

    devices = [
        d for d in studio.page.evaluate("window.studio.state.devices") if d["viewport"] is not None
    ]
    assert {d["name"] for d in devices} == {
        "echo-spot",
        "echo-show-5",
        "echo-show-8",
        "echo-show-15",
        "fire-tv",
    }
    directives: dict[str, dict[str, Any]] = {}
    records: list[dict[str, Any]] = []
    simulator = Simulator(build_handler(None), lambda r, _: records.append(r), device="echo-show-8")
    for name, (utterance, _) in DOCUMENT_PROBES.items():
        simulator.one_shot(utterance)
        (directive,) = records[-1]["directives"]
        directives[name] = directive
    assert len({d["token"] for d in directives.values()}) == 3
    for device in devices:
        for name, directive in directives.items():
            report = studio.page.evaluate(
                """async ([directive, viewport]) => {
                    const apl = await import('/static/apl.js');
                    const { screen, warnings } = apl.renderDocument(directive, viewport);
                    const host = document.createElement('div');
                    host.id = 'apl-probe';
                    host.style.cssText = 'position:absolute;left:0;top:0;z-index:9';
                    document.getElementById('apl-probe')?.remove();
                    host.append(screen);
                    document.body.append(host);
                    const box = screen.getBoundingClientRect();
                    const ids = {};
                    for (const node of screen.querySelectorAll('[data-id]')) {
                        const r = node.getBoundingClientRect();
                        ids[node.dataset.id] = {
                            text: node.innerText, width: r.width, height: r.height,
                            inside: r.left >= box.left - 1 && r.right <= box.right + 1
                                && r.top >= box.top - 1,
                        };
                    }
                    return { warnings, ids, width: box.width, height: box.height };
                }""",
                [directive, {**device["viewport"], "locale": "en-US"}],
            )
            where = f"{name} on {device['name']}"
            assert report["warnings"] == [], where
            viewport = device["viewport"]
            assert (report["width"], report["height"]) == (viewport["width"], viewport["height"])
            screen = directive["datasources"]["screen"]
            for element in DOCUMENT_PROBES[name][1]:
                found = report["ids"][element]
                assert found["width"] > 0 and found["height"] > 0, f"{element} of {where}"
                assert found["inside"], f"{element} of {where} leaves the screen"
            assert report["ids"]["title"]["text"] == screen["title"], where
            if name == "list":
                items = [k for k in report["ids"] if k.startswith("item-")]
                assert len(items) == len(screen["items"]), where
            if name == "safety":
                numbers = [k for k in report["ids"] if k.startswith("number-")]
                assert len(numbers) == len(screen["numbers"]) == 3, where
                assert "911" in report["ids"]["numbers"]["text"], where
            studio.page.locator("#apl-probe").screenshot(
                path=str(SCREENSHOTS / f"apl-{device['name']}-{name}.png")
            )
    studio.page.evaluate("document.getElementById('apl-probe')?.remove()")


def test_without_espeak_the_browser_speaks(browser: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """No espeak-ng on the server: the page reads the answer with speechSynthesis instead."""
    monkeypatch.setattr("skill.studio.voice.find_voice", lambda: None)
    with studio_server() as url:
        page = Page(browser, url)
        page.page.evaluate(
            """() => {
                window.spoken = [];
                window.speechSynthesis.speak = (u) => window.spoken.push([u.text, u.lang]);
            }"""
        )
        turn = page.say("open muscle twitch guide")
        spoken = page.page.evaluate("window.spoken")
        assert spoken == [[turn["record"]["speech"], "en-US"]]
        assert "the browser's voice, en-US" in page.page.inner_text("#voice")
        page.close()
