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

.PHONY: demo test lint typecheck unit e2e routes bench-quick clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## demo: the main job: fan-out work (batch embedding, chat burst, bulk keys) on a real local proxy
demo: $(STAMP)
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

## bench-quick: client CPU per request, aio_litellm vs bare aiohttp+orjson (same run)
bench-quick: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/quick_cpu.py

clean:
	rm -rf $(VENV) .e2e .coverage .mypy_cache .ruff_cache .pytest_cache *.egg-info
