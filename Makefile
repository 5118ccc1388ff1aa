# Kompetensportalen. `make run` serves the portal; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Links in mails and .ics files point where the portal is served, unless SITE_URL is set.
SITE_URL ?= http://127.0.0.1:$(PORT)
DEV_ENV := DEBUG=true SITE_URL=$(SITE_URL)
# The lock files: every dependency pinned with its hashes (see "Locked dependencies" in the README).
LOCK := requirements-dev.txt
PIP_COMPILE_VERSION := 7.7.0

.PHONY: install var run test lint format worker beat services services-stop messages bench check-deploy clean lock upgrade

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs exactly what the lock names (--require-hashes refuses anything unpinned or altered;
# --no-deps refuses anything the lock does not list), and nothing else.
$(VENV)/.installed: $(LOCK) | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r $(LOCK)
	touch $@

install: $(VENV)/.installed

# What a pristine clone lacks: the SQLite file's folder and the media folders.
var:
	mkdir -p var/media var/private

run: install var  ## install, migrate, load demo data and serve on http://127.0.0.1:$(PORT)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install  ## the whole suite (PostgreSQL, Redis and browser tests run where configured)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install  ## ruff's checks, its formatting and the layering between the apps, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install  ## a Celery worker (needs REDIS_URL)
	$(BIN)/celery -A portal worker --loglevel=info

beat: install  ## Celery beat with the schedules kept in the database (run exactly one)
	$(BIN)/celery -A portal beat --loglevel=info

services:  ## PostgreSQL and Redis from local binaries, data in var/services
	bash scripts/services.sh

services-stop:
	bash scripts/services.sh stop

messages: install  ## rebuild the translation catalogue after changing UI strings
	$(BIN)/python manage.py makemessages -l en --ignore '.venv/*' --ignore 'var/*' --no-obsolete
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

check-deploy: install  ## Django's deployment checklist with production-like settings
	DEBUG=false SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  ALLOWED_HOSTS=kompetensportalen.example $(BIN)/python manage.py check --deploy --fail-level WARNING

bench: install  ## benchmarks (see docs/benchmarks.md)
	$(BIN)/python -m pytest tests/bench -s -p no:cacheprovider -o python_files='bench_*.py' -o python_functions='bench_*' $(PYTEST_ARGS)

# The lock is changed only on purpose. `make lock` brings it in line with pyproject.toml (a new or
# changed range) and keeps every other pin; `make upgrade` takes the newest release in every range.
# Read the diff and run `make test` before committing either (the README says what to check).
# The machine's own pip configuration (extra indexes, local wheels) is left out, so the hashes are
# those of the public registry's files, which the Dockerfile installs too.
LOCK_TOOLS := var/lock-tools
PIP_COMPILE = PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= PIP_CONSTRAINT= $(LOCK_TOOLS)/bin/pip-compile --quiet \
  --generate-hashes --allow-unsafe --strip-extras $(LOCK_UPGRADE)
lock: var
	[ -x $(LOCK_TOOLS)/bin/pip-compile ] || { $(PYTHON) -m venv $(LOCK_TOOLS) && \
	  $(LOCK_TOOLS)/bin/pip install --quiet pip-tools==$(PIP_COMPILE_VERSION); }
	$(PIP_COMPILE) -o requirements.txt pyproject.toml
	$(PIP_COMPILE) --extra dev -c requirements.txt -o requirements-dev.txt pyproject.toml

upgrade:
	$(MAKE) lock LOCK_UPGRADE=--upgrade

clean:
	rm -rf $(VENV) var/db.sqlite3 staticfiles
