# Two commands matter: `make run` and `make test`. Both build .venv on first use.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# Re-install whenever pyproject.toml changes.
RUN_STAMP  := $(VENV)/.run-installed
TEST_STAMP := $(VENV)/.test-installed

.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck imports pytest validate format clean qt-check report-pngs screens

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; $(PYTHON) is " + sys.version.split()[0])'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	@touch $@

$(TEST_STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $@ $(RUN_STAMP)

run: $(RUN_STAMP) ## Set up .venv and open the desktop app
	@$(PY) -m ui.qt_check
	$(PY) -m ui.app

test: $(TEST_STAMP) ## Set up .venv with test tools; run lint, type checks and the whole suite
	$(MAKE) --no-print-directory lint typecheck imports
	@QT_QPA_PLATFORM=offscreen $(PY) -m ui.qt_check
	$(PY) -m pytest -q

lint: $(TEST_STAMP) ## ruff: lint and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(TEST_STAMP) ## mypy strict on the core
	$(VENV)/bin/mypy assessor

imports: $(TEST_STAMP) ## import-linter: the core never imports Qt or ui
	$(VENV)/bin/lint-imports

pytest: $(TEST_STAMP) ## Only the test suite (pass ARGS="-k name" to select)
	$(PY) -m pytest -q $(ARGS)

validate: $(RUN_STAMP) ## Check the bundled and user questionnaires
	$(VENV)/bin/assessor validate

format: $(TEST_STAMP) ## Reformat the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

REPORT_DIR := build/report
report-pngs: $(RUN_STAMP) ## Write the demo report and a PNG of every page to build/report (needs pdftoppm)
	@command -v pdftoppm >/dev/null || { echo "pdftoppm is missing: apt-get install -y poppler-utils"; exit 1; }
	rm -rf $(REPORT_DIR) && mkdir -p $(REPORT_DIR)
	ASSESSOR_DATA_DIR=$(REPORT_DIR)/data $(VENV)/bin/assessor --db $(REPORT_DIR)/demo.sqlite demo >/dev/null
	ASSESSOR_DATA_DIR=$(REPORT_DIR)/data $(VENV)/bin/assessor --db $(REPORT_DIR)/demo.sqlite report 1 -o $(REPORT_DIR)/demo.pdf
	pdftoppm -png -r 60 $(REPORT_DIR)/demo.pdf $(REPORT_DIR)/page
	@echo "Pages: $(REPORT_DIR)/page-*.png"

screens: $(RUN_STAMP) ## Write a PNG of every screen, light and dark, to build/screens
	rm -rf build/screens
	QT_QPA_PLATFORM=offscreen $(PY) -m ui.screens build/screens

qt-check: $(RUN_STAMP) ## Check that the system has the libraries Qt needs
	$(PY) -m ui.qt_check

clean: ## Remove .venv and caches
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
