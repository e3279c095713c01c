# Quick start: `make run` (set up, build db/evidence.db from the corpus, serve) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus/seeds
GOLD ?= ../shared/corpus/gold
DB ?= db/evidence.db
PORT ?= 8001

.PHONY: install build run serve test evaluate bench clean

$(BIN)/evidence: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(BIN)/evidence

# A build that skipped unreadable files exits 1 but still swaps in the new database.
build: install
	$(BIN)/evidence build $(CORPUS) --db $(DB) || test $$? -eq 1

serve: install
	$(BIN)/evidence serve --db $(DB) --port $(PORT)

run: build serve

test: install
	$(BIN)/python -m pytest

evaluate: install
	$(BIN)/evidence evaluate $(GOLD) $(CORPUS)
	$(BIN)/evidence evaluate tests/corpus/gold tests/corpus/docs

bench: install
	$(BIN)/python bench/extract_bench.py

clean:
	rm -rf $(VENV) $(DB) build *.egg-info
