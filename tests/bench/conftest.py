"""Benchmarks print figures; they assert only that the work was done, never a time.

Run with `make bench` (files are named bench_*.py so the ordinary suite does not collect them).
"""

import platform
import time
from contextlib import contextmanager

import pytest


def machine() -> str:
    import os

    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


@contextmanager
def timed(label: str, results: dict):
    start = time.perf_counter()
    yield
    results[label] = time.perf_counter() - start


@pytest.fixture
def report():
    lines: list[str] = []
    yield lines
    print("\n" + "\n".join(lines))
