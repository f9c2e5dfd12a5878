# thiduakt — `make run` serves the demo, `make test` runs every test layer. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PYTEST := $(VENV)/bin/pytest
HOST ?= 127.0.0.1
PORT ?= 8000
BENCH_SCALE ?= province

.DEFAULT_GOAL := help
.PHONY: help run test test-unit test-integration test-e2e sysdeps sysdeps-run install install-dev \
        migrate demo messages lint fmt audit compose-check backup restore bench bench-ten clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-18s %s\n", $$1, $$2}'

# --- set-up -----------------------------------------------------------------------------
sysdeps-run: ## Debian packages the application needs (fonts with Vietnamese, gettext)
	@scripts/sysdeps.sh run

sysdeps: ## Debian packages the tests need too (PostgreSQL, Redis, Chromium, poppler, docker-compose, LibreOffice Writer)
	@scripts/sysdeps.sh test

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed ## Virtualenv with the runtime requirements

install-dev: $(VENV)/.installed-dev ## Virtualenv with the test tools too

messages: install ## Compile the translations (locale/*/LC_MESSAGES/django.po)
	if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then $(PY) manage.py compilemessages --ignore=.venv --verbosity=0; fi

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo data (idempotent)
	$(PY) manage.py load_demo

# --- the two commands ---------------------------------------------------------------------
run: sysdeps-run install messages demo ## Serve the demo: web, Celery worker and beat, on embedded defaults
	HOST=$(HOST) PORT=$(PORT) PY=$(PY) scripts/run.sh

test: sysdeps install-dev messages ## Run every test layer: unit (SQLite), integration (PostgreSQL, Redis, worker), e2e (Chromium)
	$(MAKE) --no-print-directory test-unit
	$(MAKE) --no-print-directory test-integration
	$(MAKE) --no-print-directory test-e2e

test-unit: ## The fast layer on SQLite
	$(PYTEST) -n 2

test-integration: ## The same critical paths on a private PostgreSQL and Redis with a real worker
	$(PY) -m tests.services -- $(PYTEST) -m integration

test-e2e: ## The browser journeys in Debian's Chromium
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PYTEST) -m e2e

# --- tools ------------------------------------------------------------------------------------
lint: install-dev ## ruff lint and format check, migrations check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

fmt: install-dev ## Format the code
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install-dev ## Print figures (name value unit) on a private PostgreSQL holding a province: pages under load, query counts, eligibility, ballots, PDFs, exports
	@scripts/sysdeps.sh bench
	rm -rf var/bench && mkdir -p var/bench
	$(PY) -m bench.run --scale $(BENCH_SCALE)

bench-ten: ## The same figures on ten provinces of data (150,000 staff, 1.5 M award records); about half an hour
	$(MAKE) --no-print-directory bench BENCH_SCALE=ten

audit: install-dev ## Security checks: bandit over the code, pip-audit over requirements.txt (needs PyPI's JSON API)
	$(VENV)/bin/bandit -c pyproject.toml -r . -q
	$(PY) scripts/audit_deps.py requirements.txt

backup: install ## Back up the database and the uploaded files into BACKUP_DIR (var/backups)/<date-time>/
	PY=$(PY) scripts/backup.sh

restore: install ## Restore a backup folder: make restore FROM=var/backups/<date-time> (asks first)
	PY=$(PY) scripts/restore.sh $(FROM)

compose-check: ## Validate docker-compose.yml (no engine needed)
	docker-compose -f docker-compose.yml config -q

clean: ## Remove the virtualenv and local data
	rm -rf $(VENV) var
