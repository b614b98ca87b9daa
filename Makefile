# Two commands do all setup on a fresh machine: `make chat` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat ask studio test lint typecheck pytest clean bench bench-smoke

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Talk to the skill in the offline simulator: make chat (LOCALE=en-GB, en-CA, en-AU, en-IN ...).
LOCALE ?= en-US
chat: $(STAMP)
	$(BIN)/twitch-guide chat --locale $(LOCALE)

## The Test page in the browser, offline: make studio (LOCALE=de-DE, PORT=8801, DEVICE=echo-show-8).
PORT ?= 8800
studio: $(STAMP)
	$(BIN)/twitch-guide studio --locale $(LOCALE) --port $(PORT) $(if $(DEVICE),--device $(DEVICE))

## One question: make ask Q="can coffee cause twitching"
ask: $(STAMP)
	$(BIN)/twitch-guide ask --locale $(LOCALE) "$(Q)"

## The whole suite: tests, linters, type checks, and the benchmark once in smoke mode.
test: lint typecheck cfn check apl pytest

## Each test step runs with an empty HOME of its own (removed afterwards) and without the
## settings that choose a visit store, so nothing in the developer's home is read or written:
## not the visit store, not the tools' per-user configuration (~/.cfnlintrc, ...).
## Installing ($(STAMP)) still uses the real HOME, where pip's own configuration lives.
ISOLATED = home="$$(mktemp -d)" && trap 'rm -rf "$$home"' EXIT && \
	env -u TWITCH_GUIDE_DB -u TABLE_NAME -u XDG_CACHE_HOME HOME="$$home"

lint: $(STAMP)
	$(ISOLATED) $(BIN)/ruff check skill tests lambda benchmarks tools
	$(ISOLATED) $(BIN)/ruff format --check skill tests lambda benchmarks tools

typecheck: $(STAMP)
	$(ISOLATED) $(BIN)/mypy

## Every test, the benchmark's smoke run included, in one pytest run (its summary closes `make test`).
## The Lambda runtime's Python is found here, with the real HOME (pyenv), for the artifact tests.
pytest: $(STAMP)
	$(ISOLATED) LAMBDA_PYTHON="$(LAMBDA_PYTHON)" BENCH_SMOKE=1 $(BIN)/pytest -q

## Cold start, warm latency, memory, size, throughput against reference skills (benchmarks/).
## Table on stdout, JSON in benchmarks/results/latest.json. Uses build/lambda.zip if present.
bench: $(STAMP)
	$(MAKE) -s lambda || echo "bench: could not build build/lambda.zip; its rows are skipped"
	$(BIN)/python -m benchmarks

## The benchmark once with tiny counts (keeps it working; no timing assertions).
bench-smoke: $(STAMP)
	$(ISOLATED) LAMBDA_PYTHON="$(LAMBDA_PYTHON)" BENCH_SMOKE=1 $(BIN)/pytest -q tests/test_bench_smoke.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache

## The Lambda artifact (tools/build_lambda.py): build/lambda.zip, rebuilt when a source changes.
## Built and byte-compiled with the runtime's Python (3.13): python3.13 on PATH, else pyenv's.
LAMBDA_PYTHON ?= $(or $(shell python3.13 -c 'import sys; print(sys.executable)' 2>/dev/null),$(lastword $(wildcard $(HOME)/.pyenv/versions/3.13*/bin/python3.13)),python3.13)
LAMBDA_SOURCES := $(shell find skill lambda \( -name '*.py' -o -name '*.json' \) -not -path '*/__pycache__/*' 2>/dev/null) tools/build_lambda.py

.PHONY: lambda build-MuscleTwitchFunction cfn check models skill-endpoint

lambda: build/lambda.zip

build/lambda.zip: $(LAMBDA_SOURCES)
	$(LAMBDA_PYTHON) tools/build_lambda.py --zip $@

## `sam build` (template.yaml: Metadata: BuildMethod: makefile) runs this with ARTIFACTS_DIR set.
build-MuscleTwitchFunction:
	$(LAMBDA_PYTHON) tools/build_lambda.py --dir "$(ARTIFACTS_DIR)"

## Validate the APL documents (skill/apl/) with Amazon's APL validator, the npm package
## apl-suggester, installed into tools/apl/node_modules on first use (needs Node 18 or later).
APL_VALIDATOR := tools/apl/node_modules/apl-suggester/package.json

$(APL_VALIDATOR): tools/apl/package.json tools/apl/package-lock.json
	npm ci --prefix tools/apl --no-audit --no-fund --silent
	touch $@

.PHONY: apl
apl: $(APL_VALIDATOR)
	node tools/apl/validate.js skill/apl/*.json > /dev/null && echo "apl: $(words $(wildcard skill/apl/*.json)) documents pass the APL validator"

## Lint the SAM template.
cfn: $(STAMP)
	$(ISOLATED) $(BIN)/cfn-lint template.yaml

## Offline certification self-check: manifest, interaction model, live responses.
check: $(STAMP)
	$(ISOLATED) $(BIN)/twitch-guide check

## Regenerate what is derived from interaction_model/ (skill/slot_values.json); `check` fails when stale.
models: $(STAMP)
	$(BIN)/twitch-guide models

## After `sam deploy`: put the SkillEndpointArn output into skill-package/skill.json.
## make skill-endpoint ARN=arn:aws:lambda:REGION:ACCOUNT:function:NAME:live
skill-endpoint:
	@$(PYTHON) tools/skill_endpoint.py "$(ARN)"
