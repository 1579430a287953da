# heardline: two commands on a fresh machine.
#   make demo   set up everything and convert the bundled sample article into out/
#   make test   set up everything (plus test tools) and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test lint setup system-deps clean bench bench-speed

demo: setup
	$(BIN)/heardline convert
	$(BIN)/heardline feed out

ACE     = .tools/node_modules/.bin/ace-cli

test: setup $(ACE) lint
	@scripts/system-deps.sh --test
	$(BIN)/python -m pytest

# static checks, run by make test before the suite: ruff (pyflakes, bugbear, pyupgrade, simplify) and mypy --strict
lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

# Ace by DAISY, the EPUB accessibility checker, with Debian's Chromium (no browser download)
$(ACE):
	@scripts/system-deps.sh --test
	mkdir -p .tools
	cd .tools && PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund --prefix . @daisy/ace-cli >/dev/null

setup: system-deps $(STAMP)

system-deps:
	@scripts/system-deps.sh

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/python -m pip install --quiet -e .[dask] --group test
	@touch $(STAMP)

bench: setup
	$(BIN)/python bench/corpus.py

bench-speed: setup
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(VENV) .tools out/*/ .pytest_cache
