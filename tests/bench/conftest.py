"""Benchmarks print figures; they assert only that the work was done, never a time.

Run with `make bench` (files are named bench_*.py so the ordinary suite does not collect them).
"""

import platform
import time
from contextlib import contextmanager
from pathlib import Path

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


DOCS = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"


def write_section(key: str, title: str, lines: list[str]) -> None:
    """Replace this benchmark's own section of docs/benchmarks.md (between its markers), or add it."""
    start, end = f"<!-- {key}:start -->", f"<!-- {key}:end -->"
    DOCS.parent.mkdir(exist_ok=True)
    text = DOCS.read_text() if DOCS.exists() else "# Benchmarks\n"
    section = "\n".join([start, f"## {title}", "", *lines, end])
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip() + "\n\n" + section + "\n"
    DOCS.write_text(text)
