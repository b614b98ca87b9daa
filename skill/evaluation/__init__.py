"""Offline evaluation of the skill's understanding: NLU annotation sets and ASR round trips."""
