# The two commands of the README: `make demo` and `make test`. Everything else helps.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DEMO_STORE ?= var/demo-store
HOST ?= 127.0.0.1
PORT ?= 8000
# Quiet installs: no "new pip available" notice.
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup demo test test-fast lint eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Reinstalls when the dependency list or the lock changes.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e ".[test]"
	touch $@ $(VENV)/.installed-app

# What the application alone needs (make demo): no test tools.
$(VENV)/.installed-app: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install -q -c constraints.txt -e .
	touch $@

setup: $(VENV)/.installed ## Create .venv and install innograph with its test tools

# The CORDIS slice and the example documents into the embedded store (scripts/demo-store),
# then the API and the views on http://$(HOST):$(PORT) (`make demo PORT=8080`).
demo: $(VENV)/.installed-app ## Build the demo graph and serve it (installs the app only)
	VENV=$(VENV) scripts/demo-store $(DEMO_STORE) $(HOST) $(PORT)
	INNOGRAPH_NEO4J_URI= $(BIN)/innograph serve --store $(DEMO_STORE) --host $(HOST) --port $(PORT)

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
