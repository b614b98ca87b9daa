"""The ``twitch-guide`` command: a thin dispatcher to the subcommand modules.

Each subcommand lives in its own module with its own ``main(argv) -> int``.
They are imported only when chosen, so ``twitch-guide ask`` never pays for
Flask or boto3 imports it does not use.
"""

from __future__ import annotations

import importlib
import sys

#: subcommand -> (module with ``main(argv)``, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "ask": ("skill.simulator.cli", "one-shot question(s) to the skill, offline"),
    "chat": ("skill.simulator.cli", "a conversation with the skill, offline"),
    "studio": ("skill.studio.cli", "the Test page in the browser: chat, Skill I/O, device, voice"),
    "serve": ("skill.web.serve", "run the skill as an HTTPS-ready web service (gunicorn)"),
    "check": ("skill.check", "offline certification self-check"),
    "models": ("skill.models", "regenerate what is derived from interaction_model/"),
    "evaluate": ("skill.evaluation.cli", "measure the offline NLU on annotation sets"),
    "learn": ("skill.evaluation.learn", "train the offline NLU's learned second opinion"),
}

USAGE = (
    "usage: twitch-guide {"
    + ",".join(COMMANDS)
    + "} [options]\n\n"
    + "\n".join(f"  {name:<10}{help_text}" for name, (_, help_text) in COMMANDS.items())
)


def main(argv: list[str] | None = None) -> int:
    """Run the chosen subcommand and return its exit code."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in {"-h", "--help"}:
        print(USAGE)
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"twitch-guide: unknown command {name!r}\n\n{USAGE}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    code: int = module.main([name, *rest])
    return code


if __name__ == "__main__":
    sys.exit(main())
