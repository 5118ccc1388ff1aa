# Kompetensportalen. `make run` serves the portal; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEV_ENV := DEBUG=true

.PHONY: install run test lint format worker beat services services-stop messages bench check-deploy clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install  ## install, migrate, load demo data and serve on http://127.0.0.1:$(PORT)
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py seed_demo
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install  ## the whole suite (PostgreSQL, Redis and browser tests run where configured)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .

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

clean:
	rm -rf $(VENV) var/db.sqlite3 staticfiles
