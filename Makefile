# heardline: two commands on a fresh machine.
#   make demo   set up everything and convert the bundled sample article into out/
#   make test   set up everything (plus test tools) and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test lint setup system-deps clean bench bench-speed bench-voices

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
	$(BIN)/python -m pip install --quiet -e ".[piper,dask]" --group test
	@touch $(STAMP)

# extraction quality: heardline beside trafilatura on ../shared (HEARDLINE_SHARED=DIR elsewhere)
bench: setup
	nice -n 5 $(BIN)/python bench/extraction.py
	nice -n 5 $(BIN)/python bench/normalize.py

bench-speed: setup
	nice -n 5 $(BIN)/python bench/speed.py

# synthesis speed and recogniser word error rate, Piper beside espeak-ng
bench-voices: setup
	$(BIN)/python -m pip install --quiet --group bench
	$(BIN)/python bench/voices.py

clean:
	rm -rf $(VENV) .tools out/*/ .pytest_cache
