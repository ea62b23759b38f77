# Own It: `make run` serves the demo site, `make test` runs every check. Only python3 is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Every absolute link (feeds, emails, calendar files, the PDF, the admin) is built from BASE_URL:
# `make run` points it at the server it starts, unless BASE_URL is set (in the environment or as
# `make run BASE_URL=…`), which then wins.
BASE_URL ?= http://127.0.0.1:$(PORT)
MANAGE := $(BIN)/python manage.py

.PHONY: run test lint format check pytest bench load drills install install-dev clean

# `make run` installs only what the site needs (requirements.txt); `make test` and the tools add
# requirements-dev.txt. Each is reinstalled only when its file changes.
$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: $(BIN)/.installed requirements-dev.txt
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

install-dev: $(BIN)/.installed-dev

run: install
	BASE_URL='$(BASE_URL)' $(MANAGE) migrate --noinput
	BASE_URL='$(BASE_URL)' $(MANAGE) load_demo
	# What cron does every minute in production: approved anonymous stories go live at the daily
	# publication time (docs/production.md); here, when `make run` starts.
	BASE_URL='$(BASE_URL)' $(MANAGE) publish_scheduled
	@echo "Serving Own It on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	BASE_URL='$(BASE_URL)' $(MANAGE) runserver 127.0.0.1:$(PORT)

test: install-dev lint check pytest

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install-dev
	DJANGO_SETTINGS_MODULE=culture.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=culture.settings.test $(MANAGE) makemigrations --check --dry-run

pytest: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

# Read-only and mixed (a second user writing); BENCH_ARGS="--duration 5" for shorter runs.
bench: install-dev
	$(BIN)/python bench/run.py --mixed $(BENCH_ARGS)

# 100 simulated employees for 10 minutes on PostgreSQL + Redis + 2 gunicorn workers, with the
# Monday 08:08 peak (bench/load/run.py; about 30 minutes, needs root or the postgres user for the
# run's own PostgreSQL cluster). LOAD_ARGS="--minutes 2 --stories 1000" for a quick try.
load: install-dev
	$(BIN)/python bench/load/run.py $(LOAD_ARGS)

# The fault drills (bench/drills/): Redis stopped, PostgreSQL restarted, the task worker killed
# while sending the digest, a full disk for uploads. Each checks itself; exit 1 if one fails.
drills: install-dev
	$(BIN)/python bench/drills/run_all.py $(DRILL_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
