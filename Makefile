# One command to run, one to test. Everything installs into .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install browser run test lint typecheck migrate seed serve schema bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

NODE_STAMP := node_modules/.installed-stamp

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $(NODE_STAMP)

install: $(STAMP) $(NODE_STAMP)

# Browser tests drive Debian's Chromium with Playwright (never a downloaded browser build).
# Without root (a laptop), install it yourself; the browser tests skip without it, except in CI.
browser:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk; } || \
	  echo "chromium is not installed: browser tests will be skipped"

migrate: install
	$(BIN)/qingsu migrate

seed: migrate
	$(BIN)/qingsu seed --demo

serve: install
	$(BIN)/qingsu serve

run: seed
	$(BIN)/qingsu serve --host 127.0.0.1 --port 8000

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy .

schema: install
	$(BIN)/qingsu export-schema

test: install browser
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/qingsu export-schema --check
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python -m bench.list_queries
	$(BIN)/python -m bench.list_throughput
	$(BIN)/python -m bench.submit_throughput

clean:
	rm -rf $(VENV) *.egg-info qingsu.sqlite3
