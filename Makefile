# One entry point for people and CI. `make test` is what .ci/run calls.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Optional local settings (proxy address, live provider keys): see .env.template.
ifneq (,$(wildcard .env))
include .env
export
endif

.PHONY: demo test lint typecheck unit e2e routes api-md bench bench-quick bench-e2e clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: the main job: fan-out work (batch embedding, chat burst, bulk keys) on a real local proxy
demo: $(STAMP)
	@echo "make demo: fan-out jobs (batch embedding, chat burst, bulk keys) on a local LiteLLM proxy;"
	@echo "  it starts the proxy stack first (the first run installs it: a few minutes)"
	$(BIN)/python -m e2e.demo

## test: lint, type-check, unit tests (coverage >= 90%), then the e2e suite on a real proxy
test: lint typecheck unit e2e

lint: $(STAMP)
	$(BIN)/ruff check aio_litellm tests e2e benchmarks tools
	$(BIN)/ruff format --check aio_litellm tests e2e benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy aio_litellm

unit: $(STAMP)
	$(BIN)/coverage erase
	$(BIN)/coverage run -m pytest -q tests
	$(BIN)/coverage report

## e2e: starts a real LiteLLM proxy (see e2e/launcher.py), runs e2e/, stops what it started
e2e: $(STAMP)
	$(BIN)/python -m pytest -q -rs e2e

routes: $(STAMP)
	$(BIN)/python -m aio_litellm routes

## api-md: regenerate api.md from the endpoint declarations (a unit test checks it is current)
api-md: $(STAMP)
	$(BIN)/python tools/gen_api_md.py

## bench: every client on every workload at C=1,64,1024, 3 runs each, against nginx -> benchmarks/results/
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	command -v nginx >/dev/null || test -x /usr/sbin/nginx || (test "$$(id -u)" = 0 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light) \
	  || echo "nginx not installed: the benchmark falls back to an aiohttp upstream")
	$(BIN)/python benchmarks/bench.py

## bench-quick: the same at C=64 with a tenth of the requests (a minute or two)
bench-quick: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/bench.py --quick --reps 1

## bench-e2e: batch embedding and bulk key creation through the real local proxy
bench-e2e: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/e2e_fanout.py

clean:
	rm -rf $(VENV) .e2e .coverage .mypy_cache .ruff_cache .pytest_cache *.egg-info
