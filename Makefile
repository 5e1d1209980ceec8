# The two commands: `make run` (the demo newsroom) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export DEBUG ?= 1
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve test install migrate demo lint bench bench-quick bench-analysis clean audit

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo --site-url http://$(HOST):$(PORT)

run: demo
	@echo "Serving the demo newsroom on http://$(HOST):$(PORT)/ (admin: http://$(HOST):$(PORT)/admin/)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production stack on this machine: DEBUG off, migrations applied, static files collected
# (whitenoise serves them), gunicorn with newsroom/gunicorn.conf.py, and a job worker when
# RQ_REDIS_URL names a broker. Loopback host names only, so plain HTTP (see README).
serve: install
	@set -e; \
	export DEBUG=0 HOST=$(HOST) PORT=$(PORT) ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"; \
	if [ -z "$$SECRET_KEY" ]; then \
		echo "No SECRET_KEY in the environment: using a random one for this run only (logins end when it stops)."; \
		SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')"; export SECRET_KEY; \
	fi; \
	$(BIN)/python manage.py migrate --noinput; \
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0; \
	if [ -n "$$RQ_REDIS_URL" ]; then \
		echo "Job worker for queue $${RQ_QUEUE:-newsroom} on the broker in RQ_REDIS_URL"; \
		$(BIN)/python manage.py rqworker --with-scheduler "$${RQ_QUEUE:-newsroom}" & \
		trap "kill $$! 2>/dev/null" EXIT; \
	fi; \
	echo "Serving on http://$(HOST):$(PORT)/ with DEBUG off (gunicorn; Ctrl-C stops)"; \
	$(BIN)/gunicorn --config newsroom/gunicorn.conf.py newsroom.wsgi

test: install
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Known vulnerabilities in the pinned requirements (and what they pull in), from
# the PyPI advisory data; --strict fails when a package cannot be checked.
audit: install
	$(BIN)/pip-audit --requirement requirements.txt --strict --progress-spinner off

# Serving speed of every public page type next to a trivial Django view (gunicorn + wrk):
# 1,000 / 10,000 / 100,000 stories, SQLite and PostgreSQL, page cache off and on.
# Report: bench/results/<date>.md. See bench/README.md.
bench: install
	$(BIN)/python bench/pages.py $(BENCH_ARGS)

# The same at 1,000 stories on SQLite with short runs: a few minutes.
bench-quick: install
	$(BIN)/python bench/pages.py --quick $(BENCH_ARGS)

# The story analysis on a newsroom-sized database.
bench-analysis: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
