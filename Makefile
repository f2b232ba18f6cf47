# The two commands of the README. Both install what they need into .venv with uv
# (uv comes from PyPI; it installs this stack in seconds where pip takes a minute).
# --compile-bytecode: machines that set PYTHONDONTWRITEBYTECODE (this one does) never cache the
# compiled modules, so every `haicap` command and every build's dbt process would compile dbt's
# sources again on import (3.9 s instead of 1.9 s for dbt alone).
PYTHON ?= python3
VENV := .venv
UV := $(PYTHON) -m uv

.PHONY: demo test install install-test

$(VENV)/bin/python:
	$(PYTHON) -m pip install --quiet --disable-pip-version-check uv
	$(UV) venv --quiet --allow-existing --python $(PYTHON) $(VENV)

install: $(VENV)/bin/python
	$(UV) pip install --quiet --compile-bytecode --python $(VENV)/bin/python -e .

install-test: $(VENV)/bin/python
	$(UV) pip install --quiet --compile-bytecode --python $(VENV)/bin/python -e '.[test]'
	bash scripts/install-browser

demo: install
	$(VENV)/bin/haicap demo $(ARGS)

test: install-test
	$(VENV)/bin/python -m pytest $(ARGS)
