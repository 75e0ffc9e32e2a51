"""The hand-written corpus (tests/fixtures/notes/corpus): no wrong link at all, at
least 98 % of citing notes linked, every expected warning raised.

The corpus is 300+ notes in the forms of history, law, IR and literature essays with
their expected links written by hand; benchmarks/bench_notes.py prints the same
scores, and docs/notes.md records them.
"""

from __future__ import annotations

from corpus_eval import CORPUS, load, score_corpus


def test_the_corpus_is_large_and_spans_the_fields():
    essays = load(CORPUS)
    assert sum(len(e["notes"]) for _, e in essays) >= 300
    assert {e["field"] for _, e in essays} == {
        "history",
        "law",
        "international relations",
        "literature",
    }


def test_no_wrong_link_and_recall_of_at_least_98_percent():
    score = score_corpus()
    wrong = [f for f in score.failures if "linked" in f]
    assert score.wrong_links == 0, wrong
    assert score.recall >= 0.98, wrong


def test_every_expected_warning_is_raised():
    score = score_corpus()
    assert score.warnings >= 10
    assert score.warnings_right == score.warnings, score.failures


def test_expected_fields_of_first_citations():
    score = score_corpus()
    assert score.fields >= 500
    assert score.fields_right / score.fields >= 0.99, score.failures


def test_held_out_notes_have_no_wrong_link():
    score = score_corpus(CORPUS.parent / "heldout")
    assert score.notes >= 50
    assert score.wrong_links == 0, score.failures
    assert score.recall >= 0.98, score.failures
    assert score.warnings_right == score.warnings, score.failures
