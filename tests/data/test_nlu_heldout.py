"""The held-out NLU sets stay held out: no example of tests/nlu_heldout, of the
untouched real-wording set, or of the everyday out-of-domain questions is also a
training example."""

from __future__ import annotations

import re

import pytest
import yaml

from bot.core.paths import ROOT
from tests.ood import build_everyday_questions, build_everyday_questions_2, build_everyday_questions_3


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


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def test_no_held_out_example_is_trained_on():
    heldout, training = _examples("tests/nlu_heldout"), _examples("data/nlu")
    assert len(heldout) >= 140
    overlap = sorted(heldout[k] for k in heldout.keys() & training.keys())
    assert not overlap, overlap


def test_the_untouched_set_is_untouched():
    untouched, training = _examples("tests/nlu_untouched"), _examples("data/nlu")
    assert len(untouched) >= 300
    assert not sorted(untouched[k] for k in untouched.keys() & training.keys())
    assert not sorted(untouched.keys() & _examples("tests/nlu_heldout").keys())


@pytest.mark.parametrize("read", [build_everyday_questions.read, build_everyday_questions_2.read, build_everyday_questions_3.read])
def test_everyday_questions_are_not_trained_on(read):
    everyday = {_key(line) for line in read()}
    assert len(everyday) >= 1000
    assert not sorted(everyday & _examples("data/nlu").keys())
