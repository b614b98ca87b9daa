"""``make bench``: the skill measured against reference skills in the same run.

``python -m benchmarks [--smoke] [--out PATH]``: see ``benchmarks.run``.
"""
