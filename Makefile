# The commands of the README. They install what they need into .venv with uv (uv comes from
# PyPI; it installs this stack in seconds where pip takes a minute).
# --compile-bytecode: machines that set PYTHONDONTWRITEBYTECODE never cache the compiled
# modules, so every `haicap` command and every build's dbt process would compile dbt's sources
# again on import (docs/benchmarks.md, "Bytecode").
PYTHON ?= python3
VENV := .venv
UV := $(PYTHON) -m uv

.PHONY: demo test test-fast install install-test install-test-tools

$(VENV)/bin/python:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check uv
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)

install: $(VENV)/bin/python
	$(UV) pip install --quiet --compile-bytecode --python $(VENV)/bin/python -e .

install-test-tools: $(VENV)/bin/python
	$(UV) pip install --quiet --compile-bytecode --python $(VENV)/bin/python -e '.[test]'

# the browser tests' chromium as well
install-test: install-test-tools
	bash scripts/install-browser

demo: install
	$(VENV)/bin/haicap demo $(ARGS)

# everything, as CI runs it (.ci/run)
test: install-test
	$(VENV)/bin/python -m pytest $(ARGS)

# the tests not marked slow (pyproject.toml): no browser, one small demo world per session
test-fast: install-test-tools
	$(VENV)/bin/python -m pytest -m "not slow" $(ARGS)
