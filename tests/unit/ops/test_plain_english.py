"""Every sentence a claimant reads is plain English (issue 18): scored with textstat's
Flesch-Kincaid grade, each list item a sentence; the median at grade 4 or below (a
reading age of about 9), at least 95% at grade 6 or below, every text above that
reviewed with its reason, and no jargon without its plain words beside it."""

from __future__ import annotations

import pytest

from bot.core.knowledge_files import KnowledgeError
from bot.core.plain_english import load as load_plain_english
from bot.ops import readability as r
from bot.ops.wording import Wording


@pytest.fixture(scope="module")
def report(knowledge):
    return r.check(knowledge)


def test_median_reading_age_is_about_nine(report):
    assert report.summary.median <= r.GRADE_TARGET_MEDIAN


def test_nearly_every_text_is_at_grade_six_or_below(report):
    assert report.summary.share_at_ceiling >= r.SHARE_AT_CEILING, report.summary


def test_every_harder_text_was_reviewed(report):
    assert not report.unreviewed, [(w.where, s.grade, w.text[:80]) for w, s in report.unreviewed]


def test_the_reviewed_list_has_nothing_that_no_longer_needs_it(report):
    assert not report.stale, [(x.where, x.starts) for x in report.stale]


def test_every_jargon_word_is_explained_where_it_is_used(report):
    assert not report.jargon, [(w.where, terms) for w, terms in report.jargon]


def test_the_check_reads_a_real_number_of_texts(report):
    # The catalogue, not a handful: the domain responses, every replies module and the knowledge.
    assert report.summary.graded > 200 and report.summary.labels > 40


@pytest.mark.parametrize(
    "text, sentences",
    [
        ("One line", "One line."),
        ("Here:\n- first\n- second thing", "Here: first. second thing."),
        ("1. call them\n2) go in", "call them. go in."),
        ("See https://example.org/a?b=1 now.", "See website now."),
        ("Ends well!\n\n  \nNext", "Ends well! Next."),
    ],
)
def test_list_items_and_lines_are_sentences(text, sentences):
    assert r.as_sentences(text) == sentences


@pytest.mark.parametrize(
    "text, label",
    [
        ("Housing", True),
        ("Me and my partner", True),
        ("I feel nervous using computers", True),
        ("Yes, that's right.", False),  # a sentence
        ("one two three four five six seven", False),
        ("Debt\nHousing", False),
    ],
)
def test_what_counts_as_a_label(text, label):
    assert r.is_label(text) is label


@pytest.mark.parametrize(
    "text, names, ok",
    [
        ("Housing", (), True),
        ("Health or disability", (), False),  # dis-a-bil-i-ty
        ("Personal Independence Payment", ("Personal Independence Payment",), True),
        ("Personal Independence Payment", (), False),
    ],
)
def test_a_label_may_use_a_name_but_no_other_long_word(text, names, ok):
    assert r.score(text, names).label_ok is ok


def test_long_sentences_with_long_words_score_higher():
    easy = r.score("You can get help. It is free. Call them today.")
    hard = r.score(
        "Notwithstanding the aforementioned considerations, eligibility determinations necessitate "
        "comprehensive documentation of circumstances."
    )
    assert easy.grade is not None and hard.grade is not None
    assert easy.grade <= r.GRADE_TARGET_MEDIAN < r.GRADE_CEILING < hard.grade


def test_the_summary_counts_grades_and_labels():
    scores = [r.Score("a", 2.0), r.Score("b", 8.0), r.Score("c", 4.0), r.Score("d", None, label_ok=False)]
    s = r.summarise(scores)
    assert (s.texts, s.graded, s.median, s.labels, s.labels_failing) == (4, 3, 4.0, 1, 1)
    assert s.share_at_ceiling == pytest.approx(2 / 3)


JARGON_DOC = {
    "meta": {"title": "t", "source": "s", "effective_from": "2026-12-03"},
    "jargon": [
        {"term": "LCWRA", "means": ["cannot work or get ready for work"]},
        {"term": "grace period", "means": ["a time when the cap does not apply"]},
    ],
    "names": ["Jobcentre"],
}


@pytest.mark.parametrize(
    "text, missing",
    [
        ("You get the LCWRA element.", ["LCWRA"]),
        ("A check found you cannot work or get ready for work (LCWRA).", []),
        ("lcwra in lower case is a word, not the short form", []),
        ("A Grace Period may apply.", ["grace period"]),
        ("A grace period: a time when the cap does not apply.", []),
        ("Nothing hard here.", []),
        ("LCWRAS is not the term", []),
    ],
)
def test_jargon_needs_its_plain_words_in_the_same_text(tmp_path, text, missing):
    plain = load_plain_english(tmp_path / "plain_english.yml", JARGON_DOC)
    assert r.unexplained(text, plain.jargon) == missing


@pytest.mark.parametrize(
    "broken",
    [
        {**JARGON_DOC, "jargon": [{"term": "DLA"}]},  # no plain words
        {**JARGON_DOC, "jargon": [{"means": ["x"]}]},  # no term
        {**JARGON_DOC, "names": []},
    ],
)
def test_a_bad_plain_english_file_names_the_problem(tmp_path, broken):
    with pytest.raises(KnowledgeError, match=r"plain_english\.yml"):
        load_plain_english(tmp_path / "plain_english.yml", broken)


def test_a_review_covers_only_the_text_it_names():
    review = r.Reviewed("domain.yml utter_greet button", "Health", "why")
    assert review.covers(Wording("domain.yml utter_greet button", "Health or disability"))
    assert not review.covers(Wording("domain.yml utter_greet button", "Housing"))
    assert not review.covers(Wording("domain.yml other", "Health or disability"))
