"""Figures that tests measure, printed at the end of the run (see conftest.py)."""

from __future__ import annotations

LINES: list[str] = []


def report(line: str) -> None:
    print(line)
    LINES.append(line)
