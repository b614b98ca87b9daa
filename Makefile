# Two commands do all setup on a fresh machine: `make chat` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat ask test lint typecheck pytest clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Talk to the skill in the offline simulator.
chat: $(STAMP)
	$(BIN)/twitch-guide chat

## One question: make ask Q="can coffee cause twitching"
ask: $(STAMP)
	$(BIN)/twitch-guide ask "$(Q)"

## The whole suite: tests, linters, type checks.
test: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check skill tests lambda
	$(BIN)/ruff format --check skill tests lambda

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
