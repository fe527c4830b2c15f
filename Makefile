# Wijk: the two commands a newcomer needs are `make run` and `make test`.
# Everything else is for developers; `make help` lists it all.
#
# Needs only Python 3.11+ and make. The virtualenv (.venv) is created on first use and
# reinstalled only when the pinned requirements change (stamp file .venv/.installed).

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
PYTEST_WORKERS ?= auto
LOCK_ARGS ?=
UV_VERSION ?= 0.13.9

.DEFAULT_GOAL := help
.PHONY: help install run test lint format migrate seed worker beat messages compilemessages lock clean

help: ## Show this list
	@echo "Wijk - make targets (PYTHON=$(PYTHON), HOST=$(HOST), PORT=$(PORT)):"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  make %-16s %s\n", $$1, $$2}'

# --- environment -------------------------------------------------------------------------

$(VENV)/pyvenv.cfg:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
		echo "error: '$(PYTHON)' not found. Install Python 3.11 or newer, or run: make PYTHON=/path/to/python3.11 ..." >&2; \
		exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { \
		echo "error: Wijk needs Python 3.11 or newer; '$(PYTHON)' is $$($(PYTHON) -V 2>&1)." >&2; \
		echo "       Run with a newer one: make PYTHON=python3.11 ..." >&2; \
		exit 1; }
	@echo "Creating virtualenv $(VENV) with $$($(PYTHON) -V 2>&1)"
	@$(PYTHON) -m venv $(VENV) || { \
		echo "error: '$(PYTHON) -m venv' failed. On Debian/Ubuntu install python3-venv first." >&2; \
		rm -rf $(VENV); exit 1; }

$(STAMP): $(VENV)/pyvenv.cfg requirements.txt requirements-dev.txt
	$(PY) -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	@touch $@

.env: | .env.example
	cp .env.example .env
	@echo "Created .env from .env.example (development values); edit it to change settings."

install: $(STAMP) .env ## Create the virtualenv and install the pinned requirements (prod + dev)

# --- the two commands --------------------------------------------------------------------

# No collectstatic here: with DEBUG=True (the .env default) whitenoise serves files straight
# from the app and static/ folders, and STATIC_MANIFEST defaults to off.
# Two demo coöperaties, each on its own address: browsers resolve *.localhost to this machine
# (WIJK_PLATFORMDOMEIN=localhost); the plain address opens the first.
DEMO_COOPERATIES ?= debuurt hetveer

# PORT goes to Django too: without SITE_URL, links in e-mails and feeds use that port (settings).
run: install ## Migrate, load demo data, serve two demo coöperaties on port 8000 (PORT=... to change)
	$(PY) manage.py migrate --noinput
	PORT=$(PORT) $(PY) manage.py seed_demo
	@echo "Wijk is starting (stop with Ctrl-C). The demo coöperaties:"
	@$(foreach slug,$(DEMO_COOPERATIES),echo "  http://$(slug).localhost:$(PORT)/";)
	@echo "  http://$(HOST):$(PORT)/ opens the first"
	PORT=$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

# Browser tests (marked e2e) use Debian's Chromium at /usr/bin/chromium and are skipped,
# with a reason, where it is missing (CI sets WIJK_REQUIRE_E2E=1 to make that an error).
# The suite runs on every core (pytest-xdist; each worker has its own test database).
# PYTEST_WORKERS=0 runs it in this one process (a debugger, -x on the very first failure).
test: install ## Run the test suite (pytest; extra arguments via PYTEST_ARGS="...", PYTEST_WORKERS=0 for one process)
	$(BIN)/pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# --- development -------------------------------------------------------------------------

lint: install ## Check code style (ruff lint + format check), the import contracts and migrations
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	$(PY) manage.py makemigrations --check --dry-run

format: install ## Format the code and apply ruff's safe fixes
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput

seed: install ## Load the demo data, two demo coöperaties (idempotent); more residents: make seed SCALE=1000
	$(PY) manage.py seed_demo $(if $(SCALE),--scale $(SCALE))

worker: install ## Run a Celery worker (needs CELERY_BROKER_URL, e.g. redis://127.0.0.1:6379/0)
	$(BIN)/celery -A wijk worker -l info

beat: install ## Run Celery beat, the periodic scheduler (run exactly one)
	$(BIN)/celery -A wijk beat -l info

# Translations need GNU gettext (Debian: apt-get install gettext). Catalogues: locale/{nl,en}/.
messages: install ## Update the catalogues (.po) from the code and templates
	$(PY) manage.py makemessages -l nl -l en --ignore "$(VENV)/*" --ignore "staticfiles/*"

compilemessages: install ## Compile the catalogues (.po -> .mo; the .mo files are committed)
	$(PY) manage.py compilemessages --ignore "$(VENV)"

# Pins for every Python 3.11.x (--python-version 3.11), not just the one running make.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --python-version 3.11 --quiet \
	--custom-compile-command "make lock" $(LOCK_ARGS)

lock: $(VENV)/pyvenv.cfg ## Recompile requirements*.txt from pyproject.toml (LOCK_ARGS=--upgrade to upgrade)
	$(PY) -m pip install --disable-pip-version-check --quiet "uv==$(UV_VERSION)"
	$(UV_COMPILE) -o requirements.txt
	$(UV_COMPILE) --extra dev -o requirements-dev.txt
	@echo "Lock files updated; 'make install' (or any target) reinstalls from them."

clean: ## Remove the virtualenv, caches and collected static files (keeps db.sqlite3 and .env)
	rm -rf $(VENV) .pytest_cache .ruff_cache .import_linter_cache staticfiles test-results celerybeat-schedule*
	find . -path ./.git -prune -o -type d -name __pycache__ -prune -exec rm -rf {} +
