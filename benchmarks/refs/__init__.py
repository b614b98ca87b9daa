"""Reference skills the benchmark compares the skill against (written for the benchmark)."""
