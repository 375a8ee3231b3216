# The playbook's commands. Each sets up .venv from the pinned requirements
# first and reuses it while they are unchanged.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The second runner, ProperDocs, in a virtualenv of its own (make test compares its build).
PROPERDOCS_VENV := .venv-properdocs
PROPERDOCS_STAMP := $(PROPERDOCS_VENV)/.installed
# Material prints its end-of-life notice on every build; we know (see README).
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test bench search-report translations translated review-status changelog-check links-check publish unpublish preview clean

# make serve [LANG=pl] [PORT=8000]: the edited page first, then the rest (README: "Preview").
# LANG counts only when given on the command line (the environment's is the locale).
PORT ?= 8000
SERVE_LANGUAGE := $(if $(filter command line,$(origin LANG)),$(LANG))
serve: $(STAMP)
	$(if $(SERVE_LANGUAGE),LANG=C.UTF-8 )$(BIN)/python scripts/serve.py --addr 127.0.0.1:$(PORT) $(if $(SERVE_LANGUAGE),--language $(SERVE_LANGUAGE))

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

test: $(STAMP) $(PROPERDOCS_STAMP)
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
# make publish VERSION=2026.11 [ALIAS=latest] [KIND=release] [PUSH=1] [FORCE=1] [ALLOW_DIRTY=1];
# ALIAS= publishes without an alias. The values reach the script as data:
# $(value …) takes them unexpanded, they are not exported as they are
# (make would expand them), and the shell receives them as "$$PUBLISH_…".
ALIAS ?= latest
KIND ?= release
unexport VERSION ALIAS KIND PUSH FORCE ALLOW_DIRTY MISSING_OK
publish unpublish: export PUBLISH_VERSION := $(value VERSION)
publish unpublish: export PUBLISH_PUSH := $(value PUSH)
publish: export PUBLISH_ALIAS := $(value ALIAS)
publish: export PUBLISH_KIND := $(value KIND)
publish: export PUBLISH_FORCE := $(value FORCE)
publish: export PUBLISH_ALLOW_DIRTY := $(value ALLOW_DIRTY)
unpublish: export PUBLISH_MISSING_OK := $(value MISSING_OK)
publish: $(STAMP)
	$(BIN)/python scripts/publish.py deploy "$$PUBLISH_VERSION" --alias "$$PUBLISH_ALIAS" --kind "$$PUBLISH_KIND" $${PUBLISH_PUSH:+--push} $${PUBLISH_FORCE:+--force} $${PUBLISH_ALLOW_DIRTY:+--allow-dirty}

# make unpublish VERSION=2026.10 [PUSH=1]: refuses the version latest points at.
unpublish: $(STAMP)
	$(BIN)/python scripts/publish.py delete "$$PUBLISH_VERSION" $${PUBLISH_PUSH:+--push} $${PUBLISH_MISSING_OK:+--missing-ok}

# Every published version at http://127.0.0.1:8000, as a static host serves them (missing addresses get the root 404).
preview: $(STAMP)
	$(BIN)/python scripts/publish.py serve

clean:
	rm -rf site $(VENV) $(PROPERDOCS_VENV)

# Rebuilt whenever a requirements file changes.
$(STAMP): requirements.txt requirements-test.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-test.txt
	touch $(STAMP)

# --no-deps: the plugins ask for "mkdocs", which ProperDocs stands in for; every package is pinned in the file.
$(PROPERDOCS_STAMP): requirements-properdocs.txt
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -r requirements-properdocs.txt
	touch $(PROPERDOCS_STAMP)
