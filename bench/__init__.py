"""Benchmark harness (issue 6): ``python bench/run.py`` — not part of the test suite."""
