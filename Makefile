# Newsroom: `make run` serves the demo, `make test` runs every check.
# Both set up what they need: a virtual environment in .venv, its packages,
# and (for the browser tests) Debian's Chromium.

VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1:8000

.PHONY: run test lint typecheck pytest bench eval fault search-explain chromium axe clean

$(PY):
	@interpreter=$$(PYTHON="$(PYTHON)" sh .ci/find-python) || exit 1; \
	echo "Creating $(VENV) with $$interpreter"; \
	"$$interpreter" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

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
	CHROMIUM=$(CHROMIUM) $(BIN)/pytest -n 2

test: lint typecheck pytest

# The performance report measures PostgreSQL, the production database (the
# local server, on a database of its own), unless DATABASE_URL names one;
# BENCH_DATABASE=sqlite measures the zero-setup default instead.
bench: $(VENV)/.dev
	$(PY) bench/reanchor.py
	sh bench/on-postgres $(PY) bench/report.py

# Review writes while a throwaway PostgreSQL 15 cluster restarts (needs its
# server binaries, PG_BIN=/usr/lib/postgresql/15/bin by default); then the
# cache's differential test in a long profile (40 runs of 100 steps; on
# PostgreSQL and Redis when DATABASE_URL and TEST_REDIS_URL name them).
fault: $(VENV)/.dev
	$(PY) bench/fault.py
	DIFFERENTIAL_RUNS=40 DIFFERENTIAL_STEPS=100 DIFFERENTIAL_SEED=random \
		$(BIN)/pytest -p no:xdist -q tests/newsroom/test_differential.py

# PostgreSQL only: DATABASE_URL=postgres://... make search-explain
search-explain: $(VENV)/.dev
	$(PY) bench/search_explain.py

# Claim detection scored on corpus/ (tuning and held-out stories), its speed
# and the memory its model takes.
eval: $(VENV)/.dev
	$(PY) bench/eval_detection.py

clean:
	rm -rf $(VENV) .cache staticfiles test-artifacts test-db.sqlite3 .pytest_cache .mypy_cache .ruff_cache
