"""Benchmarks and checks run by hand (`.venv/bin/python scripts/<name>.py`); a package so the
test suite imports their code (tests/test_bad_days.py: `from scripts import bad_days`)."""
