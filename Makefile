# The two promises of the README: `make serve` and `make test` work on a fresh machine.
# Both create .venv from the pinned requirements when it is missing or out of date.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.package-lock.json
# Material prints an end-of-life banner on every build (known: README, "Libraries, and why").
export NO_MKDOCS_2_WARNING := 1
# Python caches compiled code, even where the environment says not to: without the cache every
# test worker re-compiles the tests and rewrites their asserts (about 3 s each) and every build
# or tool it starts re-compiles the handbook's modules. The cache (__pycache__/) is ignored by git.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: serve test test-fast lint format screenshots build check audit bench published dist social fonts clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	# hooks/handbook/ importable by the tools and tests, edits live (pyproject.toml)
	$(BIN)/pip install --disable-pip-version-check --quiet --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

## serve: set up if needed, then serve the site with live reload on http://127.0.0.1:8000/
serve: $(STAMP)
	$(BIN)/mkdocs serve

## test: set up if needed, then run the whole test suite (the quiz core in Node, then pytest,
## one worker per core; a test file stays on one worker, so its fixtures are made once; the
## longest files first, in tests/conftest.py's order)
test: lint
	PYTHON=$(BIN)/python node --test tests/js/
	$(BIN)/python -m pytest -n auto --dist loadfile --no-loadscope-reorder

## test-fast: the edit-test loop: the quiz core in Node and every test that builds, serves or
## opens no site and runs no long property test (pytest -m "not build and not slow")
test-fast: lint
	PYTHON=$(BIN)/python node --test tests/js/
	$(BIN)/python -m pytest -m "not build and not slow" -q -n auto

## lint: Ruff (lint and format check) on the Python, ESLint on the JavaScript, yamllint on
## the YAML (pyproject.toml, eslint.config.mjs, .yamllint); make test and test-fast run it first
lint: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/eslint .
	$(BIN)/yamllint --strict .

## format: let Ruff format the Python and fix what it can (then review the diff)
format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## build: a strict build of all three languages into site/
build: $(STAMP)
	$(BIN)/mkdocs build --strict

## check: validate content_data/ only (fast; lists every problem)
check: $(STAMP)
	$(BIN)/python -m handbook.check content_data

## audit: Lighthouse (mobile) on home, a chapter and the quiz in each language; fails below budget
audit: $(STAMP) $(NODE_STAMP)
	$(BIN)/python tools/audit.py

## published: add new pages and item anchors to tests/published_links.txt (commit it)
published: $(STAMP)
	$(BIN)/python tools/published.py

## dist: dist/site/ to deploy, dist/crm-handbook-<date>.zip to use offline and dist/books/ (the
## whole handbook as PDF and EPUB per language; needs Chromium and pandoc) (SITE_URL=https://… make dist)
dist: $(STAMP)
	$(BIN)/python tools/dist.py

## social: redraw docs/assets/images/social-<lang>.png (link previews; commit them)
social: $(STAMP) $(NODE_STAMP)
	$(BIN)/python tools/social_images.py

## fonts: cut docs/assets/fonts/Vazirmatn-Arabic.woff2 from the npm Vazirmatn (commit it)
fonts: $(STAMP) $(NODE_STAMP)
	$(BIN)/python tools/fonts.py

## screenshots: home, KPI chapter and quiz in each language, phone and desktop, light and dark,
## to artifacts/screenshots/ (to look at; not a test)
screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py

## bench: build time, rebuild time, page weight and search index sizes against budgets
bench: $(STAMP) $(NODE_STAMP)
	$(BIN)/python tools/bench.py

clean:
	rm -rf site dist artifacts .pytest_cache .hypothesis
