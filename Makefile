# One command to run the portal with demo data, one to run the tests.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# What slips, certificates' QR codes and feeds print: the address `make run` serves on, unless set.
PORTAL_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test setup messages lint bench check clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# The compiled catalogue is committed; it is rebuilt only where gettext's msgfmt is installed.
COMPILE := command -v msgfmt >/dev/null && $(PY) manage.py compilemessages --ignore=.venv -v 0 || true

setup: $(STAMP)
	@$(COMPILE)
	$(PY) manage.py migrate --noinput -v 0

# The web server and, beside it, the worker that makes certificate ZIPs and PDFs in the background
# (stopped with the server: Ctrl-C stops both).
run: setup
	$(PY) manage.py seed_demo
	@echo "Cổng thông tin: http://$(HOST):$(PORT)/"
	PORTAL_BASE_URL=$(PORTAL_BASE_URL) $(PY) manage.py db_worker --reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	PORTAL_BASE_URL=$(PORTAL_BASE_URL) $(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	@$(COMPILE)
	$(PY) -m pytest $(PYTEST_ARGS)

# Regenerate the catalogue after changing UI strings (takes a lock: several people may run it).
# Translations live in locale/vi/translations/*.json (one file per area); this fills the .po from them.
messages: $(STAMP)
	flock .messages.lock sh -c '$(PY) manage.py makemessages -l vi --ignore=.venv --ignore=staticfiles \
	  --ignore=tests --ignore=tools --no-obsolete --add-location file && $(PY) tools/po_fill.py; \
	  status=$$?; $(PY) manage.py compilemessages --ignore=.venv -v 0; exit $$status'

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

bench: setup
	$(PY) -m tests.bench

clean:
	rm -rf $(VENV) staticfiles
