# hrgraph — `make run` builds the graph and answers a question; `make test` runs everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Debian packages the server-backed and independent-parser tests need.
DEB_PACKAGES := virtuoso-opensource raptor2-utils curl

.PHONY: help install sysdeps run build test test-fast lint check bench release clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install hrgraph with its test extras

sysdeps: ## Install the Debian packages the server tests use (needs root and apt-get)
	@missing=""; \
	command -v virtuoso-t >/dev/null 2>&1 || missing="$$missing virtuoso-opensource"; \
	command -v rapper >/dev/null 2>&1 || missing="$$missing raptor2-utils"; \
	command -v curl >/dev/null 2>&1 || missing="$$missing curl"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "warning: missing$$missing (install them to run the server tests)"; fi; \
	fi

build: install ## Build the graph into build/
	$(BIN)/hrgraph build

run: build ## Install, build, validate, reason, then show Paraguay's obligations today
	$(BIN)/hrgraph obligations PRY

lint: install ## ruff check, ruff format --check, mypy --strict over src and tests
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src tests

check: lint ## Lint, types and the whole test suite (server, browser and slow tests included)
	$(BIN)/pytest -q

test: install sysdeps ## Install (and the Debian packages), then `make check`: what CI runs
	$(MAKE) check

test-fast: install ## Lint, types and the tests that are neither slow nor server tests
	$(MAKE) lint
	$(BIN)/pytest -q -m "not slow and not server"

bench: install ## Benchmarks at 10k/100k/1M triples (not part of test)
	$(BIN)/python -m hrgraph.bench

release: build ## Versioned, dated bundle in release/hrgraph-VERSION/ (+ .tar.gz)
	$(BIN)/hrgraph release

clean: ## Remove build outputs (keeps .venv)
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
