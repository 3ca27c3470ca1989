"""The held-out NLU split stays held out: no example is also a training example."""

from __future__ import annotations

import re

import yaml

from bot.core.paths import ROOT


def _examples(folder: str) -> dict[str, str]:
    out = {}
    for path in (ROOT / folder).rglob("*.yml"):
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu") or []:
            for line in (block.get("examples") or "").splitlines():
                text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip().removeprefix("- "))
                key = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
                if key:
                    out[key] = f"{path.name}: {text}"
    return out


def test_no_held_out_example_is_trained_on():
    heldout, training = _examples("tests/nlu_heldout"), _examples("data/nlu")
    assert len(heldout) >= 140
    overlap = sorted(heldout[k] for k in heldout.keys() & training.keys())
    assert not overlap, overlap
