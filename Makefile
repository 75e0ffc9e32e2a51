# Set-up is part of every target: a fresh clone needs only Python >= 3.11 for `make site`.
# `make test` also installs the Nu HTML checker with npm (when npm is there) and runs the
# browser tests with Debian's Chromium (when it is there; .ci/run installs both in CI).
PYTHON ?= python3
NPM ?= npm
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
TOOLS := node_modules/.ready
PORT ?= 8000

.PHONY: site test lint tools serve screenshot clean

$(READY): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(READY)

# Test-only tools from npm (package.json): vnu.jar, the Nu HTML checker, run with java.
# --ignore-scripts: vnu-jar's install script would download a JDK; java 17 is used instead.
$(TOOLS): package.json package-lock.json
	@if command -v $(NPM) >/dev/null 2>&1; then \
		$(NPM) ci --ignore-scripts --no-audit --no-fund --loglevel=error && touch $(TOOLS); \
	else \
		echo "npm not found: the Nu HTML checker tests will be skipped (they fail with CI=true)"; \
	fi

tools: $(TOOLS)

site: $(READY)
	$(BIN)/glossator build --content content --out _site

lint: $(READY)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts

# The whole suite, over every core (pytest-xdist); `$(BIN)/python -m pytest` runs it in one.
test: lint $(TOOLS)
	$(BIN)/python -m pytest -n auto

# Builds, serves on 127.0.0.1, rebuilds on every change to content/ or templates/ and
# reloads the open pages (Ctrl-C stops).
serve: $(READY)
	$(BIN)/glossator serve --content content --out _site --port $(PORT)

# Retakes the essay screenshots (test-artifacts/) and updates the README's picture.
screenshot: $(READY)
	$(BIN)/python -m pytest -q tests/site/test_browser.py -k screenshots
	cp test-artifacts/essay-1440-notes.png docs/screenshot-essay.png

clean:
	rm -rf _site test-artifacts
