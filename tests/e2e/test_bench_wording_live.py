"""The load bench's claimants word things their own way (bench/conversations.py,
issue 21). That is fair only if every wording means, to the model, what the scripted
text means: otherwise the bench's conversations would wander off their script and
cost something else. Each wording, in every case and with every ending the bench
uses, must be read as the same intent as the original."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from bench.conversations import _CASES, _ENDINGS, LONG_SCRIPTS, SAID_OTHERWISE

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

TYPED = sorted({t for script in LONG_SCRIPTS.values() for t in script if isinstance(t, str) and t[:1] != "/"})


def _intent(stack, text: str) -> str:
    query = urllib.parse.urlencode({"token": stack.settings.rasa_token()})
    request = urllib.request.Request(
        f"{stack.settings.rasa_url}/model/parse?{query}", data=json.dumps({"text": text}).encode(), method="POST"
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())["intent"]["name"]


def test_every_scripted_text_has_other_wordings_and_none_is_stale():
    assert set(SAID_OTHERWISE) == set(TYPED)


def test_every_wording_is_read_as_the_scripted_text(stack):
    wrong = []
    for original in TYPED:
        meant = _intent(stack, original)
        for wording in {original, *SAID_OTHERWISE[original]}:
            for case in _CASES:
                for ending in set(_ENDINGS) if wording[-1:].isalnum() else {""}:
                    text = case(wording) + ending
                    if (read := _intent(stack, text)) != meant:
                        wrong.append((original, meant, text, read))
    assert not wrong, wrong
