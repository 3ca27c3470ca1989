"""How the bench reads Rasa's cross-validation reports (issue 14): Rasa's own macro
average, and the one over labelled intents that the held-out figures use."""

from __future__ import annotations

import json

from bench.nlu_quality import read_cross_validation


def _row(f1: float, support: int) -> dict:
    return {"precision": f1, "recall": f1, "f1-score": f1, "support": support}


def test_both_averages_per_intent_and_the_pairs_confused(tmp_path):
    report = {
        "affirm": _row(1.0, 3),
        "deny": _row(0.5, 2),
        "nlu_fallback": _row(0.0, 0),  # answered, never a label
        "accuracy": 0.8,
        "macro avg": _row(0.5, 5),
        "weighted avg": _row(0.8, 5),
    }
    errors = [
        {"text": "nah", "intent": "deny", "intent_prediction": {"name": "nlu_fallback", "confidence": 0.3}},
        {"text": "nope", "intent": "deny", "intent_prediction": {"name": "nlu_fallback", "confidence": 0.2}},
        {"text": "ok", "intent": "affirm", "intent_prediction": {"name": "deny", "confidence": 0.5}},
    ]
    (tmp_path / "intent_report.json").write_text(json.dumps(report))
    (tmp_path / "intent_errors.json").write_text(json.dumps(errors))
    cv = read_cross_validation(tmp_path, folds=5)
    assert cv["intent_macro_f1"] == 0.5  # Rasa's, with nlu_fallback's row
    assert cv["intent_macro_f1_labelled_intents"] == 0.75
    assert cv["accuracy"] == 0.8
    assert cv["per_intent_f1"] == {"affirm": 1.0, "deny": 0.5, "nlu_fallback": 0.0}
    assert cv["confused"][0] == {"expected": "deny", "predicted": "nlu_fallback", "count": 2}
    assert len(cv["confused"]) == 2
