# The two commands of the README: `make run` and `make test`. Everything else is setup.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | sha1sum | cut -c1-12)

.PHONY: setup run test lint clean chromium

setup: $(STAMP)

# constraints.txt pins every package (a `pip freeze` of a working install) so a fresh machine
# resolves exactly what was tested.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

run: setup
	$(BIN)/attrition run seeds/articles

test: setup chromium
	$(BIN)/ruff check .
	$(BIN)/pytest

# Headless Chromium renders the reports in tests (Debian's package): installed when missing and we are root.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "chromium is missing: sudo apt-get install -y chromium (the report tests need it)" >&2; exit 1; fi; }

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) attrition.duckdb attrition_reports .pytest_cache .ruff_cache
