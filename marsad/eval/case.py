"""``marsad eval case FILE.tsv``: CASE 2021 task 2 snippets (ACLED sub-event types), through the
whole pipeline: the primary event (first with an ACLED type) is the prediction."""
from __future__ import annotations

from marsad.eval.common import primary_acled, run_docs
from marsad.events.evaluate_case import CASE_MAP, load_case, score_predictions
from marsad.records import InputDocument

__all__ = ["CASE_MAP", "evaluate_case_file"]


def evaluate_case_file(path, pipeline, limit=None) -> dict:
    rows = load_case(path, limit)
    docs = [InputDocument(text=r["EventSnippet"], doc_id=f"c{r['id']}") for r in rows]
    out = {d["doc_id"]: d for d in run_docs(pipeline, docs)}
    preds = {}
    for r in rows:
        e = primary_acled((out.get(f"c{r['id']}") or {}).get("events") or [])
        preds[r["id"]] = e.get("sub_event_type") if e and e.get("event_type") else None
    return score_predictions(rows, preds)
