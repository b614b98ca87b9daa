"""The physical floor: a bare Lambda handler that parses the event and returns a fixed response.

No SDK at all; it only reads the request type, so the cost is the interpreter plus ``json``-free
dict access (Lambda hands the handler an already-parsed dict).
"""

from typing import Any

_RESPONSE = {
    "version": "1.0",
    "response": {
        "outputSpeech": {"type": "SSML", "ssml": "<speak>Hello.</speak>"},
        "shouldEndSession": False,
    },
}


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    request = event.get("request") or {}
    if request.get("type") == "SessionEndedRequest":
        return {"version": "1.0", "response": {}}
    return _RESPONSE
