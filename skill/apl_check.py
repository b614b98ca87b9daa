"""The screens section of ``twitch-guide check``: rules for what devices with a display show.

* The manifest declares ``ALEXA_PRESENTATION_APL`` with viewports that take in every screen
  profile the simulator knows (``skill.simulator.devices``).
* On a device with a screen every spoken response renders exactly one of the skill's documents
  (``skill/apl/``) with a token of the skill's; a device without one gets no directive.
* A screen's words are the response's own: the title is the card's title (or the skill's), the
  text is found in the card or the speech, the footer is the disclaimer; every text is escaped
  the way speech is (no markup, no stray ``&``).
* A list shows every item of its topic, each touchable with the arguments the touch handler
  reads; a safety screen shows the locale's emergency, crisis and poisoning numbers, the
  answer's own first, and nothing to touch.
* The response, document included, stays within Alexa's 24 KB.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from skill import content, screens
from skill.replies import MAX_RESPONSE_BYTES

RENDER = "Alexa.Presentation.APL.RenderDocument"
APL_INTERFACE = "ALEXA_PRESENTATION_APL"
#: An ``&`` that does not start one of the entities escaping writes.
_RAW_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")


def check_manifest(manifest: dict[str, Any]) -> list[str]:
    """The manifest declares APL for a viewport of every screen profile."""
    from skill.simulator.devices import DEVICES

    interfaces = (
        manifest.get("manifest", {}).get("apis", {}).get("custom", {}).get("interfaces") or []
    )
    apl = next((i for i in interfaces if i.get("type") == APL_INTERFACE), None)
    if apl is None:
        return [f"manifest: interface {APL_INTERFACE} is not declared"]
    viewports = apl.get("supportedViewports") or []
    problems = []
    for device in DEVICES.values():
        if not device.has_screen:
            continue
        fits = any(
            v.get("mode") == device.mode
            and v.get("shape") == device.shape
            and v.get("minWidth", 0) <= device.width_dp <= v.get("maxWidth", 0)
            and v.get("minHeight", 0) <= device.height_dp <= v.get("maxHeight", 0)
            for v in viewports
        )
        if not fits:
            problems.append(
                f"manifest: no supported viewport for {device.label} "
                f"({device.mode} {device.shape} {device.width_dp}x{device.height_dp} dp)"
            )
    return problems


def rendered(envelope: dict[str, Any]) -> list[dict[str, Any]]:
    """The RenderDocument directives of a response."""
    directives = envelope.get("response", {}).get("directives") or []
    return [d for d in directives if d.get("type") == RENDER]


def _plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _escaped(text: str) -> bool:
    return "<" not in text and ">" not in text and not _RAW_AMPERSAND.search(text)


def check_screen(
    envelope: dict[str, Any], has_screen: bool, cat: content.Catalog, where: str
) -> list[str]:
    """Rules for the screen of one spoken response (see the module's docstring)."""
    from skill.simulator.envelopes import ssml_to_text

    response = envelope.get("response", {})
    documents = rendered(envelope)
    if not has_screen:
        return [f"{where}: a directive for a device without a screen"] if documents else []
    if "outputSpeech" not in response:
        return [f"{where}: a document without speech"] if documents else []
    if len(documents) != 1:
        return [f"{where}: {len(documents)} RenderDocument directives (1 expected)"]
    problems: list[str] = []
    directive = documents[0]
    token = str(directive.get("token", ""))
    kind = token.split(".")[1] if token.startswith(screens.TOKEN_PREFIX + ".") else ""
    if kind not in screens.KINDS or directive.get("document") != screens.document(kind):
        return [f"{where}: document {token!r} is not one of the skill's"]
    if len(json.dumps(envelope).encode()) > MAX_RESPONSE_BYTES:
        problems.append(f"{where}: response with its document over {MAX_RESPONSE_BYTES} bytes")
    data = (directive.get("datasources") or {}).get("screen") or {}
    found = [data.get(k) for k in ("title", "body", "source", "footer", "hint")]
    found += [i.get("text") for i in data.get("items") or []]
    found += [r.get(k) for r in data.get("numbers") or [] for k in ("label", "number")]
    texts = [t for t in found if isinstance(t, str)]
    if len(texts) != len(found):
        return [*problems, f"{where}: a screen text that is not a string"]
    problems += [f"{where}: unescaped screen text {t[:40]!r}" for t in texts if not _escaped(t)]
    card = response.get("card") or {}
    title = _plain(data["title"])
    titles = {_plain(str(card.get("title", ""))), cat.phrases["skill_title"]}
    titles |= {e.title for e in cat.safety.values()}
    if title not in titles:
        problems.append(f"{where}: screen title {title!r} is neither the card's nor the skill's")
    said = (
        _plain(str(card.get("content", ""))) + " " + ssml_to_text(response["outputSpeech"]["ssml"])
    )
    body = _plain(data["body"])
    if body and body not in said:
        problems.append(f"{where}: screen text is not the card's or the speech's: {body[:60]!r}")
    if _plain(data["footer"]) != _plain(cat.phrases["card_footer"]):
        problems.append(f"{where}: screen footer is not the disclaimer")
    problems += _check_kind(kind, data, cat, where)
    return problems


def _check_kind(kind: str, data: dict[str, Any], cat: content.Catalog, where: str) -> list[str]:
    problems: list[str] = []
    items = data.get("items") or []
    if kind == "list":
        shape = content.TOPICS.get(str(data.get("listId")))
        ids = [i.get("id") for i in items]
        if shape is None or ids != list(shape.items):
            problems.append(f"{where}: the list shows {ids}, not its topic's items")
    elif items:
        problems.append(f"{where}: a {kind} screen with touchable items")
    if kind == "safety":
        numbers = [r.get("number", "") for r in data.get("numbers") or []]
        for field in screens.NUMBER_LABELS:
            if not any(str(getattr(cat.numbers, field)) in n for n in numbers):
                problems.append(f"{where}: safety screen lacks the {field} number")
        if data.get("body") or data.get("hint"):
            problems.append(f"{where}: the safety screen shows more than its numbers")
    elif data.get("numbers"):
        problems.append(f"{where}: safety numbers on a {kind} screen")
    return problems


def touches(envelope: dict[str, Any]) -> list[tuple[str, list[str], str]]:
    """(token, arguments, item id) of every touchable item on the response's screen."""
    out = []
    for directive in rendered(envelope):
        data = (directive.get("datasources") or {}).get("screen") or {}
        for item in data.get("items") or []:
            arguments = [screens.ITEM_EVENT, str(data.get("listId")), str(item.get("id"))]
            out.append((str(directive.get("token")), arguments, str(item.get("id"))))
    return out


def check_touch(
    envelope: dict[str, Any], item_id: str, cat: content.Catalog, where: str
) -> list[str]:
    """A touch on item ``item_id`` answers that item: its entry's speech, and a new screen."""
    from skill.simulator.envelopes import ssml_to_text

    entry = next((t.entries[item_id] for t in cat.slot_topics if item_id in t.entries), None)
    speech = ssml_to_text(envelope.get("response", {}).get("outputSpeech", {}).get("ssml", ""))
    problems = []
    if entry is None or _plain(entry.speech) not in speech:
        problems.append(f"{where}: a touch on {item_id!r} did not answer it: {speech[:60]!r}")
    if not rendered(envelope):
        problems.append(f"{where}: a touch on {item_id!r} rendered no screen")
    return problems
