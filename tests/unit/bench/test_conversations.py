"""The load bench's claimants (issue 21): each words typed turns their own way, the
same way for every stack in a run, and a button's payload is never changed."""

from __future__ import annotations

import random

import pytest

from bench.conversations import LONG_SCRIPTS, SAID_OTHERWISE, in_own_words


def _typed() -> list[str]:
    return [t for script in LONG_SCRIPTS.values() for t in script if isinstance(t, str) and t[:1] != "/"]


@pytest.mark.parametrize("payload", ["/estimate_benefit_cap", '/answer_skills{"device":"smartphone"}'])
def test_a_payload_is_sent_as_it_is(payload):
    assert all(in_own_words(payload, random.Random(seed)) == payload for seed in range(50))


def test_the_same_claimant_says_the_same_things_to_every_stack():
    said = [[in_own_words(t, rng) for t in _typed()] for rng in (random.Random("words-3"), random.Random("words-3"))]
    assert said[0] == said[1]


def test_claimants_seldom_send_the_same_text():
    # Forty claimants, each through every script: the bench's most at once.
    sent = {t: [in_own_words(t, random.Random(f"words-{i}")) for i in range(40)] for t in set(_typed())}
    every = [s for said in sent.values() for s in said]
    assert len(set(every)) / len(every) > 0.25
    # Every scripted text, even "no", reaches the stack in several ways.
    assert all(len(set(said)) >= 4 for said in sent.values()), {t: set(s) for t, s in sent.items() if len(set(s)) < 4}


@pytest.mark.parametrize("text", sorted(SAID_OTHERWISE))
def test_every_wording_keeps_what_it_names(text):
    # An area or an amount the next turns depend on is in every wording of it.
    for wording in SAID_OTHERWISE[text]:
        for kept in ("Leeds", "Cardiff", "Bradford", "2", "000"):
            if kept in text:
                assert kept in wording, (text, wording)
