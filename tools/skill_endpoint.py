"""Put the deployed function's alias ARN into the skill manifest.

Usage: ``python tools/skill_endpoint.py ARN`` (``make skill-endpoint ARN=...``), with the
``SkillEndpointArn`` output of ``sam deploy``.  Only the endpoint line of
``skill-package/skill.json`` changes.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

MANIFEST = Path(__file__).resolve().parents[1] / "skill-package" / "skill.json"
#: A qualified Lambda ARN: the alias (or version) is required, as Alexa must call the alias.
ALIAS_ARN = re.compile(
    r"arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+"
)


def set_endpoint(arn: str, manifest: Path = MANIFEST) -> None:
    """Write ``arn`` as the custom skill's endpoint URI, or raise ValueError."""
    if not ALIAS_ARN.fullmatch(arn):
        raise ValueError(f"not a Lambda alias ARN: {arn!r}")
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["manifest"]["apis"]["custom"]["endpoint"]["uri"] = arn
    manifest.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: make skill-endpoint ARN=<the SkillEndpointArn output of sam deploy>")
        return 2
    try:
        set_endpoint(argv[0])
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print(f"{MANIFEST.name}: endpoint set to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
