# The two commands of the README. Both create .venv and install marsad into it first.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test bench clean web serve

$(BIN)/marsad: pyproject.toml
	$(PY) -m venv --copies $(VENV)  # real binaries: tools that resolve symlinks still find the venv
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/marsad

setup: $(BIN)/marsad

# Extract the bundled example reports into the embedded store and print the event table.
demo: setup
	$(BIN)/marsad ingest examples/ --db $${MARSAD_DB:-marsad-demo.sqlite}
	$(BIN)/marsad events --db $${MARSAD_DB:-marsad-demo.sqlite} --format table

# Serve the API and the dashboard over the demo store (after `make demo`).
serve: setup
	$(BIN)/marsad serve --db $${MARSAD_DB:-marsad-demo.sqlite}

# Rebuild the dashboard's vendor assets (marsad/web/static/vendor/, committed) from the pinned npm packages.
web:
	npm ci --prefix web --no-audit --no-fund
	node web/build.mjs

test: setup
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/speed.py
	$(BIN)/python bench/components.py  # per-component timings beside their budgets
	$(BIN)/python bench/load.py  # bounded load test of the API on loopback (30 s): throughput, p50/p95/p99
	$(BIN)/python bench/ingest.py

clean:
	rm -rf $(VENV) marsad-demo.sqlite*
