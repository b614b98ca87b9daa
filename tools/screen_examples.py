"""Writes docs/screens/<device>.json: for each device profile, what the device tells the skill
about itself (``supportedInterfaces``, ``Viewport``) and the skill's response to one list
question, as the device receives it (``userAgent`` left out: it names the machine's Python).
The screens' responses are the same on every screen: the document adapts to the viewport.

    python tools/screen_examples.py          # rewrite the files
    python tools/screen_examples.py --check  # exit 1 when a file is out of date
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screens"
QUESTION = "EverydayCausesIntent"


def examples() -> dict[str, str]:
    """File name -> the text it should hold."""
    sys.path.insert(0, str(ROOT))
    from skill.app import build_skill, lambda_handler_for
    from skill.simulator.devices import DEVICES
    from skill.simulator.envelopes import Conversation

    handler = lambda_handler_for(build_skill(None))
    files: dict[str, str] = {}
    for name, profile in DEVICES.items():
        conversation = Conversation(handler, device=profile)
        response: dict[str, Any] = conversation.intent(QUESTION)
        response.pop("userAgent", None)
        context = dict((conversation.last_request or {})["context"])
        system = context.pop("System")
        example = {
            "device": profile.label,
            "request": {
                "context.System.device.supportedInterfaces": system["device"][
                    "supportedInterfaces"
                ],
                **{f"context.{key}": value for key, value in context.items()},
                "request.intent.name": QUESTION,
            },
            "response": response,
        }
        files[f"{name}.json"] = json.dumps(example, indent=2, ensure_ascii=False) + "\n"
    return files


def main(argv: list[str]) -> int:
    stale = []
    for file_name, text in examples().items():
        path = OUT / file_name
        if "--check" in argv:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(file_name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"out of date in docs/screens/: {', '.join(stale)} (run tools/screen_examples.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
