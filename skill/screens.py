"""What a device with a screen shows: APL documents filled from the same words as the speech.

Three documents live in ``skill/apl/`` as JSON (data, not code): ``answer`` (title, text, the
article section it comes from, the disclaimer), ``list`` (a list's introduction and every item,
each one touchable) and ``safety`` (the locale's emergency, crisis and poisoning numbers, large,
and nothing else). A document holds no words: it binds ``payload.screen``, a datasource built
here from a :class:`Screen`, whose texts are the catalog entry's own (escaped the way speech is,
safety numbers filled in the way the card shows them).

A device that does not report ``Alexa.Presentation.APL`` gets no directive at all, and the
documents are read from disk only the first time a screen asks for one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ask_sdk_core.handler_input import HandlerInput

from skill import content

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

DOCUMENT_DIR = Path(__file__).with_name("apl")
KINDS = ("answer", "list", "safety")
#: Every token of a rendered document starts so; a touch on anything else is not ours.
TOKEN_PREFIX = "twitch-guide"
#: The first argument of a list item's ``SendEvent``.
ITEM_EVENT = "item"
#: The safety screen's rows: number field -> the phrase that labels it.
NUMBER_LABELS = {
    "emergency": "screen_emergency",
    "crisis": "screen_crisis",
    "poison": "screen_poison",
}


@dataclass(frozen=True)
class Screen:
    """What a display shows with one reply, in the words of its catalog entry.

    Texts may hold the safety numbers' placeholders, like the card's.  A ``list`` has
    ``items`` (item id, text) and the ``list_id`` of its topic; a ``safety`` screen names the
    ``number`` its answer is for, shown first.
    """

    kind: str
    title: str
    body: str = ""
    section: str = ""
    items: tuple[tuple[str, str], ...] = ()
    list_id: str = ""
    number: str = ""

    def record(self) -> dict[str, Any]:
        """The screen as session data (Repeat shows it again)."""
        return {
            "kind": self.kind,
            "title": self.title,
            "body": self.body,
            "section": self.section,
            "items": [list(item) for item in self.items],
            "list_id": self.list_id,
            "number": self.number,
        }

    @classmethod
    def from_record(cls, record: Any) -> Screen | None:
        """A screen from session data that came back from the device, or None when it is not
        exactly what :meth:`record` writes (it is input like any other)."""
        if not isinstance(record, Mapping) or record.get("kind") not in KINDS:
            return None
        texts = [record.get(key) for key in ("title", "body", "section", "list_id", "number")]
        if not all(isinstance(text, str) for text in texts):
            return None
        items = record.get("items")
        if not isinstance(items, list) or not all(
            isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)
            for item in items
        ):
            return None
        title, body, section, list_id, number = texts
        return cls(
            str(record["kind"]),
            str(title),
            str(body),
            str(section),
            tuple((item[0], item[1]) for item in items),
            str(list_id),
            str(number),
        )

    @property
    def token(self) -> str:
        """The rendered document's token: the kind, and the list a touch refers to."""
        return ".".join(part for part in (TOKEN_PREFIX, self.kind, self.list_id) if part)


def supports_apl(handler_input: HandlerInput) -> bool:
    """True when the device can show APL documents (it reports ``Alexa.Presentation.APL``)."""
    system = handler_input.request_envelope.context
    system = getattr(system, "system", None)
    device = getattr(system, "device", None)
    interfaces = getattr(device, "supported_interfaces", None)
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


@cache
def document(kind: str) -> dict[str, Any]:
    """The APL document for screens of ``kind``, read once."""
    with open(DOCUMENT_DIR / f"{kind}.json", encoding="utf-8") as fh:
        loaded: dict[str, Any] = json.load(fh)
    return loaded


@cache
def document_bytes(kind: str) -> int:
    """Size of the document in a response (compact JSON), for the 24 KB limit."""
    return len(json.dumps(document(kind), separators=(",", ":"), ensure_ascii=False).encode())


def datasource(screen: Screen, cat: content.Catalog, text: Callable[[str], str]) -> dict[str, Any]:
    """The ``payload`` the document binds; ``text`` renders each string for display."""
    phrases = cat.phrases
    label = cat.sections.get(screen.section)
    data: dict[str, Any] = {
        "title": text(screen.title),
        "body": text(screen.body),
        "source": text(phrases["screen_source"].replace("{section}", label)) if label else "",
        "footer": text(phrases["card_footer"]),
        "hint": text(phrases["touch_hint"]) if screen.items else "",
        "listId": screen.list_id,
        "items": [{"id": item_id, "text": text(label)} for item_id, label in screen.items],
        "numbers": _numbers(screen, cat, text) if screen.kind == "safety" else [],
    }
    return {"screen": data}


def _numbers(
    screen: Screen, cat: content.Catalog, text: Callable[[str], str]
) -> list[dict[str, str]]:
    """The safety screen's rows, the answer's own number first."""
    order = sorted(NUMBER_LABELS, key=lambda field: field != screen.number)
    rows = []
    for field in order:
        number = str(getattr(cat.numbers, field))
        if field == "crisis" and cat.numbers.crisis_alt:
            number = f"{number} / {cat.numbers.crisis_alt}"
        rows.append(
            {"id": field, "label": text(cat.phrases[NUMBER_LABELS[field]]), "number": number}
        )
    return rows


def directive(kind: str, token: str, datasources: dict[str, Any]) -> RenderDocumentDirective:
    """The ``Alexa.Presentation.APL.RenderDocument`` directive: document ``kind`` bound to
    ``datasources``.  The SDK's APL package (some 70 modules) is imported here, not with the
    skill: a device without a screen never needs it."""
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    return RenderDocumentDirective(token=token, document=document(kind), datasources=datasources)


def touched_item(token: Any, arguments: Any) -> tuple[str, str] | None:
    """(list topic id, item id) of a touch on a list item, or None when the event is not one
    that a document of ours sent (a stale or forged token, or other arguments)."""
    if not isinstance(arguments, list) or len(arguments) != 3:
        return None
    kind, list_id, item_id = arguments
    if kind != ITEM_EVENT or not isinstance(list_id, str) or not isinstance(item_id, str):
        return None
    if token != Screen("list", "", list_id=list_id).token:
        return None
    return list_id, item_id
