# Two commands on a fresh machine with Python 3.11+: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test install system-packages messages lint migrate-check serve worker beat clean bench load

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

install: $(STAMP)

# .mo files are build output: compiled from the committed .po files with polib.
messages: install
	$(PY) scripts/compile_catalogues.py >/dev/null

run: messages
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	SESSION_COOKIE_SECURE=false CSRF_COOKIE_SECURE=false $(PY) manage.py runserver 127.0.0.1:8000

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

migrate-check: install
	$(PY) manage.py makemigrations --check --dry-run

# Chromium, LibreOffice Writer and Calc (no GUI), poppler-utils, fonts-liberation, gettext, wrk: installed with
# apt as root, else `make test` stops at once printing the apt-get command.
system-packages:
	scripts/system_packages.sh

test: system-packages messages lint migrate-check
	$(VENV)/bin/pytest $(PYTEST_ARGS)

worker: install
	$(VENV)/bin/celery -A dialogue_portal worker --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A dialogue_portal beat --loglevel=INFO

# Benchmark and load test: need PostgreSQL and Redis on 127.0.0.1 (see bench/ in the README).
bench: messages
	$(PY) bench/run.py --petitions 100000

load: messages
	$(PY) -m bench.load --duration 30

clean:
	rm -rf $(VENV) staticfiles db.sqlite3

# Refresh the catalogues: project-wide strings in locale/, each app's in <app>/locale/.
catalogues: install
	$(PY) manage.py makemessages -l vi -l en --no-obsolete --ignore=.venv --ignore='dialogues/*' --ignore='petitions/*' --ignore='public/*' --ignore='reports/*' --ignore='dialogue_portal/audit/*' --ignore='tests/*' --ignore='bench/*'
	for app in dialogues petitions reports public; do (cd $$app && ../$(PY) ../manage.py makemessages -l vi -l en --no-obsolete); done
	cd dialogue_portal/audit && ../../$(PY) ../../manage.py makemessages -l vi -l en --no-obsolete
