# Quick start: `make run` (set up, build db/evidence.db from the corpus, serve) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= ../shared/corpus/seeds
GOLD ?= ../shared/corpus/gold
DB ?= db/evidence.db
PORT ?= 8001

.PHONY: install browser build run serve test evaluate bench load-bench clean

$(BIN)/evidence: pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

install: $(BIN)/evidence

# A build that skipped unreadable files exits 1 but still swaps in the new database; exit 2
# (nothing built: a missing path, no readable document, fewer documents than the current
# database without BUILD_FLAGS=--allow-shrink, another build running) stops make.
BUILD_FLAGS ?=
build: install
	$(BIN)/evidence build $(CORPUS) --db $(DB) $(BUILD_FLAGS) || test $$? -eq 1

serve: install
	$(BIN)/evidence serve --db $(DB) --port $(PORT)

run: build serve

# Debian's Chromium for the headless-browser tests (tests/test_browser.py). Installed from
# Debian's registry when missing; as root directly, otherwise through sudo.
CHROMIUM := /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { \
	  SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
	@$(CHROMIUM) --version

# EVIDENCE_REQUIRE_BROWSER=1: a missing Chromium fails the browser tests instead of skipping them.
test: install browser
	EVIDENCE_REQUIRE_BROWSER=1 $(BIN)/python -m pytest

evaluate: install
	$(BIN)/evidence evaluate $(GOLD) $(CORPUS)
	$(BIN)/evidence evaluate tests/corpus/gold tests/corpus/docs
	$(BIN)/evidence evaluate tests/blind/gold tests/blind/docs
	$(BIN)/evidence evaluate ../shared/corpus/real/gold ../shared/corpus/real/docs
	$(BIN)/evidence evaluate tests/blind2/gold tests/blind2/docs

bench: install
	$(BIN)/python bench/extract_bench.py

clean:
	rm -rf $(VENV) $(DB) build *.egg-info

load-bench: install
	$(BIN)/python bench/load_bench.py --records 100000
