"""CASE 2021 task 2 evaluation, computed exactly as ``devscore.py suite_case`` does.

Rows are shuffled with ``random.Random(0)`` and cut to ``limit`` like the scorer; the metrics are
weighted F1 over the 25 ACLED sub-types (weights = gold support), macro F1 over the 25 sub-types,
accuracy on ACLED snippets, and ``unseen_rejected`` = share of non-ACLED snippets (CASE "unseen"
types) for which no ACLED event was produced. Also per-type precision / recall / F1 and a confusion
table ``{gold: {pred or "None": count}}`` as data.
"""
from __future__ import annotations

import csv
import random
import statistics
from collections import Counter, defaultdict
from typing import Callable, Optional

CASE_MAP = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement", "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash", "ARREST": "Arrests", "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack", "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use", "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention", "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb", "VIOL_DEMONSTR": "Violent demonstration",
}


def _ratio(n, d) -> float:
    return round(n / d, 4) if d else 0.0


def load_case(tsv_path, limit: Optional[int] = None) -> list[dict]:
    with open(tsv_path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    random.Random(0).shuffle(rows)
    if limit:
        rows = rows[:limit]
    return rows


def score_predictions(rows: list[dict], preds: dict) -> dict:
    """``preds``: {row id: ACLED sub-event type or None}."""
    tp, fp, fn = Counter(), Counter(), Counter()
    seen_ok = seen_n = unseen_ok = unseen_n = 0
    confusion: dict = defaultdict(Counter)
    for r in rows:
        pred = preds.get(r["id"])
        gold = CASE_MAP.get(r["SubType"])
        confusion[gold or r["SubType"]][pred or "None"] += 1
        if gold is None:
            unseen_n += 1
            unseen_ok += pred is None
            continue
        seen_n += 1
        seen_ok += pred == gold
        if pred == gold:
            tp[gold] += 1
        else:
            fn[gold] += 1
            if pred:
                fp[pred] += 1
    f1s, wsum, wf1 = [], 0, 0.0
    per_type = {}
    for lab in CASE_MAP.values():
        p = tp[lab] / (tp[lab] + fp[lab]) if tp[lab] + fp[lab] else 0.0
        rcl = tp[lab] / (tp[lab] + fn[lab]) if tp[lab] + fn[lab] else 0.0
        f1 = 2 * p * rcl / (p + rcl) if p + rcl else 0.0
        f1s.append(f1)
        support = tp[lab] + fn[lab]
        wsum += support
        wf1 += f1 * support
        per_type[lab] = {"precision": round(p, 4), "recall": round(rcl, 4), "f1": round(f1, 4), "support": support}
    return {"weighted_f1": round(wf1 / wsum, 4) if wsum else 0.0, "macro_f1": round(statistics.mean(f1s), 4),
            "accuracy": _ratio(seen_ok, seen_n), "unseen_rejected": _ratio(unseen_ok, unseen_n),
            "n": seen_n + unseen_n, "per_type": per_type,
            "confusion": {g: dict(c) for g, c in confusion.items()}}


def evaluate_case(tsv_path, classify_fn: Callable[[str], Optional[str]], limit: Optional[int] = None) -> dict:
    """Score ``classify_fn(text) -> ACLED sub-event type or None`` on a CASE 2021 task-2 TSV."""
    rows = load_case(tsv_path, limit)
    preds = {r["id"]: classify_fn(r["EventSnippet"]) for r in rows}
    return score_predictions(rows, preds)


def spacy_classifier(nlp):
    """A ``classify_fn`` built on :func:`marsad.events.triggers.classify_text` (the first ACLED-typed
    trigger is what the CLI scorer sees; this uses the most salient one)."""
    from .triggers import classify_text

    def fn(text: str) -> Optional[str]:
        t = classify_text(nlp(text))
        return t.sub_event_type if t is not None else None
    return fn


def first_trigger_classifier(nlp):
    """A ``classify_fn`` returning the sub-type of the first ACLED-typed trigger in text order."""
    from .triggers import find_triggers

    def fn(text: str) -> Optional[str]:
        for t in find_triggers(nlp(text)):
            if t.event_type:
                return t.sub_event_type
        return None
    return fn


def format_confusion(res: dict, top: int = 40) -> str:
    lines = []
    for gold, row in sorted(res["confusion"].items()):
        errs = {p: n for p, n in row.items() if p != gold}
        if errs:
            lines.append(f"{gold:40s} ok={row.get(gold, 0):3d} " + ", ".join(
                f"{p}:{n}" for p, n in sorted(errs.items(), key=lambda x: -x[1])))
    return "\n".join(lines[:top])
