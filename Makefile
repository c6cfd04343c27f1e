# Everything sets itself up: a fresh machine needs only Python >= 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

# Browser tests and PDFs: Debian's chromium (Playwright drives it; `playwright install` is not
# used), Noto CJK fonts, fontconfig's fc-match; axe-core from npm (package-lock.json).
CHROMIUM := /usr/bin/chromium
NOTO_CJK := /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
AXE      := node_modules/axe-core/axe.min.js
# the checker page serves Pyodide's core from node_modules (handbook.site.checker_bundle)
PYODIDE  := node_modules/pyodide/pyodide.asm.wasm
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test lint pytest site-check validate-data clean browser-deps pdf test-browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP) $(PYODIDE)
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) $(PYODIDE)
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check src tests macros benchmarks
	$(BIN)/ruff format --check src tests macros benchmarks
	$(BIN)/mypy
	$(BIN)/handbook lint

pytest: $(STAMP) browser-deps $(AXE) $(PYODIDE)
	$(BIN)/python -m pytest

# only the tests that drive Chromium (search box, language switch, downloads, print, PDFs, axe, network)
test-browser: $(STAMP) browser-deps $(AXE) $(PYODIDE)
	$(BIN)/python -m pytest -m browser

# the site with a PDF of the handbook per language in site/downloads/
pdf: $(STAMP) browser-deps $(PYODIDE)
	HANDBOOK_PDF=1 $(BIN)/mkdocs build --strict

browser-deps:
	@if [ -x $(CHROMIUM) ] && [ -f $(NOTO_CJK) ] && command -v fc-match >/dev/null; then :; else \
	  echo "installing Debian's chromium, fonts-noto-cjk and fontconfig with apt-get"; \
	  $(SUDO) apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium fonts-noto-cjk fontconfig; \
	fi

$(AXE) $(PYODIDE): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(AXE) $(PYODIDE)

validate-data: $(STAMP)
	$(BIN)/handbook validate data/

test: lint pytest build validate-data

clean:
	rm -rf site $(VENV) docs/zh/downloads docs/en/downloads node_modules
