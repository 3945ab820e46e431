"""``marsad eval acled FILE.csv``: ACLED export with notes. The note text goes in; the primary
event (the first with an ACLED event type) is compared with every coded column."""
from __future__ import annotations

import csv
import random
from collections import Counter, defaultdict

from marsad.eval.common import (actor_exact, actor_match, km, parse_acled_date, prf, primary_acled, ratio,
                                run_docs)
from marsad.records import InputDocument

csv.field_size_limit(2**31 - 1)


def load_acled(path, limit=None) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r.get("notes")]
    if limit:
        random.Random(0).shuffle(rows)
        rows = rows[:limit]
    return rows


def evaluate_acled(path, pipeline, limit=None, progress=None) -> dict:
    rows = load_acled(path, limit)
    docs = [InputDocument(text=r["notes"], doc_id=f"a{i}") for i, r in enumerate(rows)]
    return score_acled(rows, run_docs(pipeline, docs, progress))


def score_acled(rows: list[dict], out: list[dict]) -> dict:
    """Compare contract documents (one per ACLED row, same order) with the coded columns."""
    c = Counter()
    conf = defaultdict(Counter)
    tp, fp, fn = Counter(), Counter(), Counter()
    fat_disagree = Counter()
    for r, doc in zip(rows, out):
        c["n"] += 1
        evs = doc.get("events") or []
        e = primary_acled(evs) or {}
        gold_t, gold_s = r["event_type"], r["sub_event_type"]
        pred_t, pred_s = e.get("event_type"), e.get("sub_event_type")
        c["event_type"] += pred_t == gold_t
        c["sub_event_type"] += pred_s == gold_s
        conf[gold_s][pred_s or "(none)"] += 1
        if pred_s == gold_s:
            tp[gold_s] += 1
        else:
            fn[gold_s] += 1
            if pred_s:
                fp[pred_s] += 1
        gold_f = int(float(r["fatalities"] or 0))
        pred_f = e.get("fatalities", 0) if e else 0
        c["fatalities"] += str(pred_f) == str(gold_f)
        if str(pred_f) != str(gold_f):
            fat_disagree["coded 0, text has a figure" if gold_f == 0 else
                          ("coded > 0, none found in text" if not pred_f else "both > 0, differ")] += 1
        c["fatalities_zero_baseline"] += gold_f == 0
        gd = parse_acled_date(r["event_date"])
        if gd and gd[:4] in r["notes"]:
            c["n_date"] += 1
            c["date"] += e.get("event_date") == gd
        else:
            c["n_nodate"] += 1
            c["nodate_null"] += e.get("event_date") is None
        prec = int(float(r.get("geo_precision") or 3))
        lim = 25 if prec <= 2 else 75
        c["location"] += km(e.get("latitude"), e.get("longitude"), r["latitude"], r["longitude"]) <= lim
        c["admin1"] += (e.get("admin1") or "").lower() == r["admin1"].lower()
        c["country"] += (e.get("country") or "").lower() == r["country"].lower()
        c["actor1"] += actor_match(e.get("actor1"), r["actor1"])
        c["actor1_exact"] += actor_exact(e.get("actor1"), r["actor1"])
        c["inter1"] += str(e.get("inter1") or "") == str(r.get("inter1") or "")
        if r.get("actor2"):
            c["n_actor2"] += 1
            c["actor2"] += actor_match(e.get("actor2"), r["actor2"])
            c["actor2_exact"] += actor_exact(e.get("actor2"), r["actor2"])
    n = c["n"]
    res = {k: ratio(c[k], n) for k in ("event_type", "sub_event_type", "fatalities", "fatalities_zero_baseline",
                                        "location", "admin1", "country", "actor1", "actor1_exact", "inter1")}
    res["date"] = ratio(c["date"], c["n_date"])
    res["n_date"] = c["n_date"]
    res["no_date_gives_null"] = ratio(c["nodate_null"], c["n_nodate"])
    res["actor2"] = ratio(c["actor2"], c["n_actor2"])
    res["actor2_exact"] = ratio(c["actor2_exact"], c["n_actor2"])
    res["n"] = n
    res["fatalities_disagreements"] = dict(fat_disagree)
    res["per_type"] = {lab: dict(zip(("precision", "recall", "f1"), prf(tp[lab], fp[lab], fn[lab])),
                                 support=tp[lab] + fn[lab]) for lab in sorted(set(tp) | set(fn) | set(fp))}
    res["confusion"] = {g: dict(p) for g, p in conf.items()}
    return res
