# The two commands of the README: `make demo` and `make test`. Everything else helps.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_STORE ?= var/demo-store
# The demo documents (examples/README.md describes them and is not one of them).
DEMO_DOCS := $(filter-out examples/README.md,$(wildcard examples/*.md examples/*.txt))
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup demo test test-fast lint eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Reinstalls when the dependency list or the lock changes.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e ".[test]"
	touch $@

setup: $(VENV)/.installed ## Create .venv and install innograph with its test tools

demo: setup ## Ingest the example documents into the embedded store and serve the API
	$(BIN)/innograph ingest $(DEMO_DOCS) --store $(DEMO_STORE)
	$(BIN)/innograph serve --store $(DEMO_STORE) --host $(HOST) --port $(PORT)

test: setup ## Set up everything the tests need (Neo4j, Chromium) and run the whole suite
	scripts/test-setup
	scripts/run-tests

test-fast: setup ## The suite without the slow, Neo4j and browser tests
	$(BIN)/pytest -q -m "not slow and not neo4j and not browser"

lint: setup ## ruff, mypy and the layering contract
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	VENV=$(VENV) scripts/typecheck

eval: setup ## Score the extractor on the shared gold: train/test splits of dev2, and dev
	scripts/eval

bench: setup ## Run every benchmark; writes bench/RESULTS.md and bench/results.json
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) var build *.egg-info
