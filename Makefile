# The playbook's commands. Each sets up .venv from the pinned requirements
# first and reuses it while they are unchanged.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints its end-of-life notice on every build; we know (see README).
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench translations translated changelog-check clean

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

test: $(STAMP)
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/python -m pytest

# Build times, search index sizes and page weight, with the budgets (one table, a few minutes).
bench: $(STAMP)
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/python scripts/bench.py

# Which translations are up to date, out of date or missing.
translations: $(STAMP)
	$(BIN)/python scripts/translations.py status

# After reviewing a translation: make translated PAGE=pl/channels (or PAGE=pl for all).
translated: $(STAMP)
	$(BIN)/python scripts/translations.py mark $(PAGE)

# Pull-request CI: a change to docs/ needs an entry in changes/ (BASE=origin/main LABELS='["…"]').
changelog-check: $(STAMP)
	$(BIN)/python scripts/changelog_check.py --base "$(BASE)" --labels '$(LABELS)'

clean:
	rm -rf site $(VENV)

# Rebuilt whenever a requirements file changes.
$(STAMP): requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	touch $(STAMP)
