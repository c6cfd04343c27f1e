# Everything sets itself up: a fresh machine needs only Python >= 3.11 and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint pytest site-check validate-data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs build --strict
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check src tests macros benchmarks
	$(BIN)/ruff format --check src tests macros benchmarks
	$(BIN)/handbook lint

pytest: $(STAMP)
	$(BIN)/python -m pytest

validate-data: $(STAMP)
	$(BIN)/handbook validate data/

test: lint pytest build validate-data

clean:
	rm -rf site $(VENV) docs/zh/downloads docs/en/downloads
