# Newsroom: `make run` serves the demo, `make test` runs every check.
# Both set up what they need: a virtual environment in .venv, its packages,
# and (for the browser tests) Debian's Chromium.

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1:8000
LOCK_FLAGS := --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links

.PHONY: run test lint typecheck pytest bench bench-http wrk eval fault lock search-explain chromium axe clean

$(PY):
	@interpreter=$$(PYTHON="$(PYTHON)" sh .ci/find-python) || exit 1; \
	echo "Creating $(VENV) with $$interpreter"; \
	"$$interpreter" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The locked files pin every package with its hashes (README, "Dependencies"):
# pip checks each download against them and refuses anything unpinned.
$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

# Lock requirements*.txt again from the edited requirements*.in (and only
# then: a plain `make test` never re-resolves anything).
lock: $(VENV)/.dev
	$(BIN)/pip-compile $(LOCK_FLAGS) $(LOCK_ARGS) --output-file requirements.txt requirements.in
	$(BIN)/pip-compile $(LOCK_FLAGS) $(LOCK_ARGS) --output-file requirements-dev.txt requirements-dev.in

run: $(VENV)/.runtime
	DEBUG=$${DEBUG:-1} $(PY) manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(PY) manage.py load_demo
	@echo
	@echo "Serving the demo on http://$(HOST)/  (admin: http://$(HOST)/admin/)"
	@echo "Create an admin user with:  $(PY) manage.py createsuperuser"
	@echo
	DEBUG=$${DEBUG:-1} $(PY) manage.py runserver $(HOST)

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; \
	fi

# axe-core, the accessibility engine the browser tests inject into pages.
AXE_VERSION := 4.14.1
AXE := .cache/npm/node_modules/axe-core/axe.min.js

$(AXE):
	npm install --prefix .cache/npm --no-audit --no-fund --silent axe-core@$(AXE_VERSION)

axe: $(AXE)

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

typecheck: $(VENV)/.dev
	$(BIN)/mypy .

pytest: $(VENV)/.dev chromium axe
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	@# Exit status 5 is pytest finding no test at all: a failure like any other.
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -n 2 || { status=$$?; \
		[ $$status -ne 5 ] || echo "pytest collected no tests" >&2; exit $$status; }

test: lint typecheck pytest

# The performance report measures PostgreSQL, the production database (the
# local server, on a database of its own), unless DATABASE_URL names one;
# BENCH_DATABASE=sqlite measures the zero-setup default instead.
bench: $(VENV)/.dev
	$(PY) bench/reanchor.py
	sh bench/on-postgres $(PY) bench/report.py

# Reader pages and the API over HTTP: gunicorn, wrk, Redis, beside bare Django
# (bench/over_http.py). wrk comes from Debian's packages.
wrk:
	@if ! command -v wrk >/dev/null 2>&1; then \
		echo "Installing Debian's wrk"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk >/dev/null; \
		else sudo apt-get update -qq && sudo apt-get install -y -qq wrk >/dev/null; fi; \
	fi

bench-http: $(VENV)/.runtime wrk
	sh bench/on-postgres $(PY) bench/over_http.py

# The property tests searched at length (HYPOTHESIS_PROFILE=fault: 100
# Schemathesis examples of every operation for each role, and the long
# Hypothesis runs), then review writes while a throwaway PostgreSQL 15
# cluster restarts (needs its server binaries, PG_BIN=/usr/lib/postgresql/15/bin
# by default); last, the cache's differential test in a long profile (40 runs
# of 100 steps; on PostgreSQL and Redis when DATABASE_URL and TEST_REDIS_URL
# name them).
PROPERTY_TESTS := tests/api/test_schema.py tests/claims/test_anchoring.py \
	tests/claims/test_anchoring_moves.py
fault: $(VENV)/.dev
	HYPOTHESIS_PROFILE=fault $(BIN)/pytest -n 2 -p no:cacheprovider $(PROPERTY_TESTS)
	$(PY) bench/fault.py
	DIFFERENTIAL_RUNS=40 DIFFERENTIAL_STEPS=100 DIFFERENTIAL_SEED=random \
		$(BIN)/pytest -p no:xdist -p no:cacheprovider -q tests/newsroom/test_differential.py

# PostgreSQL only: DATABASE_URL=postgres://... make search-explain
search-explain: $(VENV)/.dev
	$(PY) bench/search_explain.py

# Claim detection scored on detection/corpus/ (dev, blind; real news with
# POLNEAR_DIR), its errors by family, its speed
# and the memory its model takes.
eval: $(VENV)/.dev
	$(PY) bench/eval_detection.py

clean:
	rm -rf $(VENV) .cache staticfiles test-artifacts test-db.sqlite3 .pytest_cache .mypy_cache .ruff_cache
