"""Offline Alexa simulator: genuine request envelopes, a session keeper, NLU and a CLI.

Development tooling only. Nothing the Lambda handler imports may import this package.
``skill.simulator.envelopes`` is stdlib only; the resolver needs rapidfuzz (a dev dependency).
"""

from skill.simulator.envelopes import Conversation, Slot

__all__ = ["Conversation", "Slot"]
