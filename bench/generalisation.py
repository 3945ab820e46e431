"""Generalisation: the devscore figures on the half of each dev set studied while writing rules, and
on the half never read.

    .venv/bin/python bench/generalisation.py regions|acled|case|plover [--limit N]

Each dev row goes to one half by the MD5 of its text (even: "studied", odd: "held out"; PLOVER
records alternate by position), so the split is fixed, needs no list of rows and is the same on
every machine. Error analysis for the rules of `marsad/events/riots.py`, `protests.py`, `battles.py`,
the actor conventions of `conventions.py` and the PLOVER rules of `plover.py` read only the studied
half; the held-out half is the check that a rule holds on text it was not written from. The metrics are ``../shared/tools/devscore.py``'s own
(imported from it): event and sub-event type, fatalities, location, actor1/actor2 for ACLED notes
(per region file for ``regions``; ``actor2_named`` leaves out the notes whose actor 2 is Myanmar's
"NA", ACLED's empty actor 2, which no actor name can match), weighted F1 for CASE 2021, the PLOVER
class of the first event.
Runs ``marsad extract`` once over the whole set and prints JSON with ``studied``, ``held_out`` and
``all``.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _devscore():
    path = SHARED / "tools" / "devscore.py"
    if not path.exists():
        sys.exit(f"{path} not found: the shared evaluation data is not beside this checkout")
    spec = importlib.util.spec_from_file_location("devscore", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def half_of(text: str) -> str:
    return "studied" if int(hashlib.md5(text.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "held_out"


def load(ds, suite: str) -> list[dict]:
    csv.field_size_limit(10**9)
    rows: list[dict] = []
    if suite in ("regions", "acled"):
        for name in ds.SPLITS["dev"][suite]:
            with open(SHARED / "eval" / name, encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    if r.get("notes"):
                        r["_set"] = Path(name).stem.split("_")[0]
                        rows.append(r)
        for i, r in enumerate(rows):
            r["_id"], r["_text"], r["_half"] = f"a{i}", r["notes"], half_of(r["notes"])
    elif suite == "case":
        with open(SHARED / "eval" / "case2021" / "dev.tsv", encoding="utf-8") as f:
            rows = list(csv.DictReader(f, delimiter="\t"))
        for r in rows:
            r["_id"], r["_text"], r["_half"] = "c" + r["id"], r["EventSnippet"], half_of(r["EventSnippet"])
    elif suite == "plover":
        recs = json.loads((SHARED / "eval" / "plover" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
        recs = [r for r in recs if r.get("text") and r.get("event") and r["event"] != "DOCUMENT"]
        for k, r in enumerate(recs):
            r["_id"], r["_text"], r["_half"] = r["id"], r["text"], "studied" if k % 2 == 0 else "held_out"
        rows = recs
    return rows


def extract(rows: list[dict]) -> dict:
    marsad = ROOT / ".venv" / "bin" / "marsad"
    tmp = Path(tempfile.mkdtemp(prefix="marsad-gen-"))
    with (tmp / "in.jsonl").open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps({"id": r["_id"], "text": r["_text"]}) + "\n")
    p = subprocess.run([str(marsad if marsad.exists() else "marsad"), "extract", str(tmp / "in.jsonl"),
                        "--format", "jsonl"], capture_output=True, text=True)
    out = {}
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            o = json.loads(line)
            out[str(o.get("doc_id"))] = o
    return out


def score_notes(ds, rows, out) -> dict:
    c = Counter()
    for r in rows:
        e = ds.primary_acled(out.get(r["_id"]))
        c["n"] += 1
        c["n@" + r["_set"]] += 1
        if e is None:
            continue
        c["event_type"] += e.get("event_type") == r["event_type"]
        c["sub_event_type"] += e.get("sub_event_type") == r["sub_event_type"]
        c["sub@" + r["_set"]] += e.get("sub_event_type") == r["sub_event_type"]
        c["fatalities"] += str(e.get("fatalities")) == str(int(float(r["fatalities"] or 0)))
        prec = int(float(r.get("geo_precision") or 3))
        c["location"] += ds.km(e.get("latitude"), e.get("longitude"), r["latitude"], r["longitude"]) <= (
            25 if prec <= 2 else 75)
        c["actor1"] += ds.actor_match(e.get("actor1"), r["actor1"])
        if r.get("actor2"):
            c["n_actor2"] += 1
            hit = ds.actor_match(e.get("actor2"), r["actor2"])
            c["actor2"] += hit
            if r["actor2"] != "NA":
                c["n_actor2_named"] += 1
                c["actor2_named"] += hit
    res = {k: ds.ratio(c[k], c["n"]) for k in ("event_type", "sub_event_type", "fatalities", "location", "actor1")}
    res["actor2"] = ds.ratio(c["actor2"], c["n_actor2"])
    # Myanmar's file writes "NA" where ACLED left actor 2 empty (459 of its 1,000 notes; the other
    # files leave it blank, and devscore skips blank ones): actor 2 on the notes that name one
    res["actor2_named"] = ds.ratio(c["actor2_named"], c["n_actor2_named"])
    res.update({k: ds.ratio(v, c["n@" + k[4:]]) for k, v in sorted(c.items()) if k.startswith("sub@")})
    res["n"] = c["n"]
    return res


def score_case(ds, rows, out) -> dict:
    """devscore's CASE figure: the primary ACLED event's sub-type, scored by marsad's own CASE scorer."""
    from marsad.events.evaluate_case import score_predictions
    preds = {}
    for r in rows:
        e = ds.primary_acled(out.get(r["_id"])) or {}
        preds[r["_id"]] = e.get("sub_event_type") if e.get("event_type") else None
    res = score_predictions([{**r, "id": r["_id"]} for r in rows], preds)
    return {"weighted_f1": res["weighted_f1"], "n": res["n"]}


def score_plover(ds, rows, out) -> dict:
    first = 0
    for r in rows:
        evs = ds.events_of(out.get(r["_id"]))
        first += bool(evs) and evs[0].get("plover_event") == r["event"]
    return {"plover_first": ds.ratio(first, len(rows)), "n": len(rows)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("suite", choices=("regions", "acled", "case", "plover"))
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    ds = _devscore()
    rows = load(ds, args.suite)
    if args.limit:
        rows = rows[: args.limit]
    out = extract(rows)
    score = {"regions": score_notes, "acled": score_notes, "case": score_case, "plover": score_plover}[args.suite]
    res = {h: score(ds, [r for r in rows if h == "all" or r["_half"] == h], out) for h in ("studied", "held_out", "all")}
    print(json.dumps(res, indent=1))


if __name__ == "__main__":
    main()
