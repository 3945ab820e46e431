"""``marsad eval fakes FILE.csv``: FA-KES articles (no publication date given). The main event is
the one with most fatalities; compared with the crowd-coded date, governorate and deaths."""
from __future__ import annotations

import csv
from collections import Counter

from marsad.eval.common import norm, ratio, run_docs
from marsad.records import InputDocument

csv.field_size_limit(2**31 - 1)

GOVERNORATES = {
    "aleppo": {"aleppo", "halab"},
    "damascus": {"damascus", "rif dimashq", "rural damascus", "dimashq", "damascus countryside", "reef damascus"},
    "idlib": {"idlib", "idleb"},
    "deir ezzor": {"deir ez zor", "dayr az zawr", "deir ezzor", "deir ez zour", "deir al zour", "deir el zor"},
    "raqqa": {"ar raqqa", "raqqa", "ar raqqah", "al raqqa"}, "homs": {"homs", "hims"},
    "hasakeh": {"al hasakeh", "hasakah", "al hasakah", "hasakeh", "al hasaka", "hasaka"},
    "hama": {"hama", "hamah"}, "daraa": {"dar a", "daraa", "deraa", "dara a", "dara"},
    "lattakia": {"lattakia", "latakia", "al ladhiqiyah", "latakia governorate"},
    "quneitra": {"quneitra", "al qunaytirah", "qunaytirah"}, "tartous": {"tartus", "tartous", "tartouss"},
}


# the Syrian war's theatre: Syria and the neighbours its fighting spills into
SYRIA_THEATRE = {"Syria", "Iraq", "Turkey", "Lebanon", "Jordan", "Israel", "Palestine", "Palestinian Territory"}


def _gold_date(s: str) -> str:
    m, d, y = s.split("/")
    y = int(y)
    y = y + 2000 if y < 100 else y
    return f"{y:04d}-{int(m):02d}-{int(d):02d}"


def evaluate_fakes(path, pipeline, limit=None, progress=None) -> dict:
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if limit:
        rows = rows[:limit]
    docs = [InputDocument(text=r["article_content"], title=r["article_title"], doc_id=r["unit_id"]) for r in rows]
    return score_fakes(rows, run_docs(pipeline, docs, progress))


def score_fakes(rows: list[dict], out: list[dict]) -> dict:
    """Compare contract documents (one per FA-KES row, same order) with the crowd coding."""
    c = Counter()
    examples = {"date": [], "deaths": []}
    for r, doc in zip(rows, out):
        c["n"] += 1
        evs = doc.get("events") or []
        gdate = _gold_date(r["date"])
        gold = int(r["nb_civilians"] or 0) + int(r["nb_noncivilians"] or 0)
        if not evs:
            c["no_event"] += 1
            c["deaths_20pct"] += gold == 0
            continue
        prim = max(evs, key=lambda e: int(e.get("fatalities") or 0))
        c["date"] += prim.get("event_date") == gdate
        c["date_any"] += any(e.get("event_date") == gdate for e in evs)
        c["pubdate_eq_gold"] += doc.get("publication_date") == gdate
        al = GOVERNORATES.get(r["location"], {r["location"]})
        c["admin1"] += norm(prim.get("admin1")) in al
        pred = int(prim.get("fatalities") or 0)
        c["deaths_exact"] += pred == gold
        # one incident counted twice, or a toll counted as an incident: the article's incidents add
        # up to far more than the dead the coders counted
        c["overcount"] += sum(int(e.get("fatalities") or 0) for e in evs) > 1.5 * gold + 2
        for e in evs:
            if e.get("event_type"):
                c["n_events"] += 1
                c["abroad"] += (e.get("country") or "") not in SYRIA_THEATRE  # an actor's or outlet's home
        ok20 = abs(pred - gold) <= max(1, 0.2 * gold)
        c["deaths_20pct"] += ok20
        v = prim.get("victims") or {}
        c["civilians_exact"] += (v.get("civilians") or 0) == int(r["nb_civilians"] or 0)
        if prim.get("event_date") != gdate and len(examples["date"]) < 8:
            examples["date"].append({"unit_id": r["unit_id"], "gold": gdate, "marsad": prim.get("event_date"),
                                     "date_text": prim.get("date_text"), "publication_date": doc.get("publication_date")})
        if not ok20 and len(examples["deaths"]) < 8:
            examples["deaths"].append({"unit_id": r["unit_id"], "gold": gold, "marsad": pred,
                                       "evidence": (prim.get("evidence") or [{}])[0].get("text", "")[:200]})
    n = c["n"]
    res = {k: ratio(c[k], n) for k in ("date", "date_any", "pubdate_eq_gold", "admin1", "deaths_exact",
                                        "deaths_20pct", "civilians_exact", "no_event", "overcount")}
    res["abroad"] = ratio(c["abroad"], c["n_events"])
    res["n"] = n
    res["examples"] = examples
    return res
