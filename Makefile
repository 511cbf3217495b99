# One entry point for people and CI. `make test` is what .ci/run calls.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: test lint typecheck unit routes bench-quick clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## test: lint, type-check, unit tests with coverage (>= 90% lines and branches)
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check aio_litellm tests benchmarks tools
	$(BIN)/ruff format --check aio_litellm tests benchmarks tools

typecheck: $(STAMP)
	$(BIN)/mypy aio_litellm

unit: $(STAMP)
	$(BIN)/coverage erase
	$(BIN)/coverage run -m pytest -q tests
	$(BIN)/coverage report

routes: $(STAMP)
	$(BIN)/python -m aio_litellm routes

## bench-quick: client CPU per request, aio_litellm vs bare aiohttp+orjson (same run)
bench-quick: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python benchmarks/quick_cpu.py

clean:
	rm -rf $(VENV) .coverage .mypy_cache .ruff_cache .pytest_cache *.egg-info
