"""Where the project lives on disk, for code that reads its files (knowledge/, config.yml)."""

from __future__ import annotations

from pathlib import Path

# bot/core/paths.py -> the project root, where every process runs.
ROOT = Path(__file__).resolve().parents[2]
