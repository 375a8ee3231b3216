# The playbook's commands. Each sets up .venv from the pinned requirements
# first and reuses it while they are unchanged.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Material prints its end-of-life notice on every build; we know (see README).
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench search-report translations translated review-status changelog-check links-check publish unpublish preview clean

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

test: $(STAMP)
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/python -m pytest

# Search quality per language: recall@5 of tests/search_queries/ and index sizes.
search-report: build
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/python scripts/search_report.py site

# Build times, search index sizes and page weight, with the budgets (one table, about ten minutes).
bench: $(STAMP)
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/python scripts/bench.py

# Which translations are up to date, out of date or missing.
translations: $(STAMP)
	$(BIN)/python scripts/translations.py status

# PAGE, BASE, LABELS and BRANCH are data, never shell: the recipes below hand
# them over as "$$NAME", which the shell reads from the environment and does
# not parse, as --option="…", which argparse does not take for an option.
# Make exports a value given on its command line after expanding it (a $(…)
# in it runs in make); CI passes values from outside through the environment
# instead (NAME="…" make target), which make hands on untouched.

# Every page with its owner, last review, due date and days overdue.
review-status: $(STAMP)
	$(BIN)/python scripts/review_status.py

# After reviewing a translation: make translated PAGE=pl/channels (or PAGE=pl for all).
translated: $(STAMP)
	$(BIN)/python scripts/translations.py mark "$$PAGE"

# Pull-request CI: a change to docs/ needs an entry in changes/ (BASE=origin/main LABELS='["…"]').
changelog-check: $(STAMP)
	$(BIN)/python scripts/changelog_check.py --base="$$BASE" --labels="$$LABELS"

# Pull-request CI: no page or section id of the published latest disappears
# without a redirect (BRANCH=origin/gh-pages in CI; gh-pages when not given).
links-check: $(STAMP)
	$(BIN)/python scripts/links_check.py --branch="$${BRANCH:-gh-pages}"

# Publishing with mike to the local gh-pages branch (README: "Publishing").
# make publish VERSION=2026.11 [ALIAS=latest] [PUSH=1]; ALIAS= publishes without an alias.
ALIAS ?= latest
KIND ?= release
publish: $(STAMP)
	$(BIN)/python scripts/publish.py deploy "$(VERSION)" --alias "$(ALIAS)" --kind "$(KIND)" $(if $(PUSH),--push)

# make unpublish VERSION=2026.10 [PUSH=1]: refuses the version latest points at.
unpublish: $(STAMP)
	$(BIN)/python scripts/publish.py delete "$(VERSION)" $(if $(PUSH),--push) $(if $(MISSING_OK),--missing-ok)

# Every published version at http://127.0.0.1:8000, as a static host serves them (missing addresses get the root 404).
preview: $(STAMP)
	$(BIN)/python scripts/publish.py serve

clean:
	rm -rf site $(VENV)

# Rebuilt whenever a requirements file changes.
$(STAMP): requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	touch $(STAMP)
