# Two commands do all the set-up on a fresh machine:
#   make run    build the environment, train if the data changed, start everything
#   make test   the same set-up, then every test
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV     := .venv
PY       := $(VENV)/bin/python
SIGNPOST := $(VENV)/bin/signpost
STAMP    := $(VENV)/.installed

export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: help run setup test lint bench bench-quick chromium scale-services clean

help:
	@echo "make run    set up (first time: several minutes) and start the assistant"
	@echo "make test   set up, then run every test"
	@echo "make lint   ruff and the import contracts"
	@echo "make bench  benchmarks (figures in var/bench/; about an hour)"
	@echo "make bench-quick  speed against the mood bot, and the quality figures (about 15 minutes)"
	@echo "make clean  remove var/, models/ and the virtual environment"

# Rasa 3.6 needs Python 3.10. Look on PATH, then in pyenv, and check each
# candidate really runs: pyenv's shims fail unless PYENV_VERSION names one.
PYTHON310 := $(shell for c in python3.10 $$(pyenv root 2>/dev/null)/versions/3.10.*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	  if "$$c" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then echo "$$c"; break; fi; done)

$(STAMP): pyproject.toml requirements.lock requirements-nodeps.lock
	@if [ -z "$(PYTHON310)" ]; then \
	  echo "error: Python 3.10 not found. Rasa 3.6 needs it." >&2; \
	  echo "Install it, e.g. 'pyenv install 3.10.13' or 'apt-get install python3.10 python3.10-venv', then run make again." >&2; \
	  exit 1; fi
	@echo "using $(PYTHON310)"
	@[ -x $(PY) ] || $(PYTHON310) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check pip==24.0
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -r requirements-nodeps.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# GOV.UK Frontend for the widget and the kiosk, from npm at the locked version.
GOVUK := node_modules/govuk-frontend/package.json
$(GOVUK): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing Debian's npm for GOV.UK Frontend"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(GOVUK)

setup: $(STAMP) $(GOVUK)
	$(SIGNPOST) setup

run: $(STAMP) $(GOVUK)
	$(SIGNPOST) run

# Debian's chromium for the browser tests; Playwright's own download cannot work here.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# ruff, and the import contracts in pyproject.toml (features never import a framework).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# PostgreSQL and Redis for the scale-out tests (tests/scale), which start their
# own throwaway servers on loopback. Debian's packages; nothing is left running.
scale-services:
	@{ command -v redis-server >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; } || { \
	  echo "installing Debian's postgresql and redis-server for the scale-out tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql redis-server >/dev/null; }

# pytest exits 5 when it collects no tests; treat that as a failure, never a pass.
test: setup chromium scale-services lint
	@set +e; $(VENV)/bin/pytest -ra $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

# Benchmarks measure; tests never time anything.
bench: setup
	$(PY) -m bench.directory_query
	$(PY) -m bench.safeguarding_and_handoffs
	$(PY) -m bench.nlu_quality
	$(PY) -m bench.featurizers
	$(PY) -m bench.load
	$(PY) -m bench.profile
	$(PY) -m bench.latency
	$(PY) -m bench.repair
	$(PY) -m bench.cap_turns
	$(PY) -m bench.insight
	$(PY) -m bench.oruk_import
	$(PY) -m bench.faults
	$(PY) -m bench.report

# What a developer runs often (issue 21): ours against the mood bot in one run, no cold
# training, and the understanding and repair figures that must not drop (no
# cross-validation: that retrains five times).
bench-quick: setup
	BENCH_QUICK=1 $(PY) -m bench.load
	SIGNPOST_BENCH_SKIP_CV=1 $(PY) -m bench.nlu_quality
	$(PY) -m bench.repair
	$(PY) -m bench.cap_turns
	$(PY) -m bench.report

clean:
	rm -rf var models $(VENV) .rasa .pytest_cache .ruff_cache node_modules
