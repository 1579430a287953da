# heardline: two commands on a fresh machine.
#   make demo   set up everything and convert the bundled sample article into out/
#   make test   set up everything (plus test tools) and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test setup system-deps clean bench

demo: setup
	$(BIN)/heardline convert

test: setup
	@scripts/system-deps.sh --test
	$(BIN)/python -m pytest

setup: system-deps $(STAMP)

system-deps:
	@scripts/system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e . --group test
	@touch $(STAMP)

bench: setup
	$(BIN)/python bench/corpus.py

clean:
	rm -rf $(VENV) out/*/ .pytest_cache
