# The only command runner. `make run` and `make test` do all the set-up on a fresh machine.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
SAMPLES := $(wildcard samples/*.csv samples/*.yaml)

.PHONY: run install graphiql-assets explorer-assets test test-unit check lint load serve bench neo4j-launcher clean

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || "$$(scripts/find-python.sh)" -m venv $(VENV)
	$(PY) -m pip install -q -c constraints.txt -e ".[dev]"
	@touch $(STAMP)

install: $(STAMP) graphiql-assets explorer-assets

# GraphiQL's browser assets, served by the API itself (optional: without npm, or if npm ci fails, the page loads
# them from the CDN; the API never needs node). npm ci runs again only when the lockfile changes.
GRAPHIQL_DIR := api/graphiql
GRAPHIQL_STAMP := $(GRAPHIQL_DIR)/node_modules/.package-lock.json
$(GRAPHIQL_STAMP): $(GRAPHIQL_DIR)/package.json $(GRAPHIQL_DIR)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "installing GraphiQL's assets: npm ci in $(GRAPHIQL_DIR)"; \
	  (cd $(GRAPHIQL_DIR) && npm ci --no-audit --no-fund --loglevel=error) && touch $@ \
	    || echo "npm ci failed in $(GRAPHIQL_DIR): GraphiQL will load its assets from the CDN"; \
	else echo "npm not found: GraphiQL will load its assets from the CDN (the API itself does not need node)"; fi

graphiql-assets: $(GRAPHIQL_STAMP)

# The explorer's graph-drawing library (cytoscape), pinned in explorer/assets/package.json and served by the
# app itself. Without it the coalition network shows as a list (the pages need no JavaScript).
EXPLORER_ASSETS := explorer/assets
EXPLORER_STAMP := $(EXPLORER_ASSETS)/node_modules/.package-lock.json
$(EXPLORER_STAMP): $(EXPLORER_ASSETS)/package.json $(EXPLORER_ASSETS)/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  echo "installing the explorer's assets: npm ci in $(EXPLORER_ASSETS)"; \
	  (cd $(EXPLORER_ASSETS) && npm ci --no-audit --no-fund --loglevel=error) && touch $@ \
	    || echo "npm ci failed in $(EXPLORER_ASSETS): the coalition network will show as a list only"; \
	else echo "npm not found: the explorer's coalition network will show as a list only"; fi

explorer-assets: $(EXPLORER_STAMP)

# Load the project's sample data once (again only when a sample file changes), then serve.
var/.samples-loaded: $(STAMP) $(SAMPLES)
	$(VENV)/bin/ogp load samples/
	@mkdir -p var && touch $@

run: var/.samples-loaded graphiql-assets explorer-assets
	$(VENV)/bin/ogp serve --host $(HOST) --port $(PORT)

load: $(STAMP)
	$(VENV)/bin/ogp load $(FILES)

serve: $(STAMP) graphiql-assets explorer-assets
	$(VENV)/bin/ogp serve --host $(HOST) --port $(PORT)

# Both legs: the embedded FalkorDB always, and a real Neo4j (started by the suite through
# neo4j-launcher/, or at NEO4J_URI); the Neo4j leg skips with a reason where Java/Maven are missing.
test: $(STAMP) graphiql-assets explorer-assets
	$(PY) -m pytest

test-unit: $(STAMP)
	$(PY) -m pytest tests/unit

# The inner loop (target: under 2 minutes): lint, type check, unit tests and the integration tests on the
# embedded FalkorDB. Not in it (make test runs them): Neo4j, the real OGP files, the HTTP audit, browsers, slow ones.
CHECK_SKIPS := not realdata and not audit and not browser and not slow
check: lint
	OGP_SKIP_NEO4J=1 $(PY) -m pytest -q -m "$(CHECK_SKIPS)"

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy graph loaders queries api explorer bench cli discovery

# Then the judged relevance benchmark (bench/relevance.py); both always run.
# Load time, memory, latency ratios and throughput at 1x and 10x on both backends (BENCH_ARGS="--scales 1,10,100"
# adds the 100x corpus; `$(PY) -m bench --help` lists the options). wrk is Debian's package, installed when missing.
bench: $(STAMP)
	@command -v wrk >/dev/null 2>&1 || { echo "installing wrk (Debian)"; apt-get update -qq && apt-get install -y -qq wrk; }
	$(PY) -m bench $(BENCH_ARGS); latency=$$?; $(PY) -m bench.relevance && exit $$latency

neo4j-launcher:
	neo4j-launcher/run.sh --build-only

clean:
	rm -rf $(VENV) var $(GRAPHIQL_DIR)/node_modules $(EXPLORER_ASSETS)/node_modules
