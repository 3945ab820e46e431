"""Ingest throughput on 1 and 2 workers (local processes and Dask), and SQLite against PostgreSQL.

    .venv/bin/python bench/ingest.py [--limit N] [--skip-dask] [--skip-postgres]

Corpus: the FA-KES dev articles (../shared/eval/fakes/dev.csv) plus the ACLED dev notes
(../shared/eval/acled/*_dev.csv), written to one JSONL file. Every run is a real
`marsad ingest CORPUS --db NEW_STORE --format none` in a fresh process and a fresh store, timed
from start to exit (model loading, Dask cluster start-up and store writes included); documents/s
is documents / wall seconds. Then the stores: the same corpus is extracted once, and its results are
loaded into a new SQLite file and a new PostgreSQL database (a real server started from `pgserver`),
timing the store alone (transactions, merging across documents, indexes).

The machine is shared: the 1-minute load average before and after each run is printed beside it,
and wall-clock speed-ups are only meaningful when the load stayed near the number of cores (Linux
gives each session one share of the CPU under contention, so extra workers cannot show a gain on a
busy machine). The CPU seconds of each run (the command and its worker processes) show the cost of
parallelism that remains: on free cores, 2 workers take about (CPU of 2 workers) / 2 seconds.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"
csv.field_size_limit(10**9)


def corpus(path: Path, limit: int = 0) -> int:
    rows = []
    with open(SHARED / "fakes" / "dev.csv", encoding="utf-8") as f:
        for i, r in enumerate(csv.DictReader(f)):
            rows.append({"id": f"fakes-{i}", "title": r["article_title"], "text": r["article_content"]})
    for name in ("global_2020-05_dev.csv", "syria_battles_2017-2019_dev.csv"):
        with open(SHARED / "acled" / name, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                rows.append({"id": f"acled-{r['event_id_cnty']}", "text": r["notes"]})
    if limit:
        rows = rows[:limit // 2] + rows[-(limit - limit // 2):]  # some articles, some notes
    with path.open("w", encoding="utf-8") as out:
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
    return len(rows)


def marsad() -> str:
    exe = ROOT / ".venv" / "bin" / "marsad"
    return str(exe) if exe.exists() else "marsad"


def load() -> float:
    return os.getloadavg()[0]


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed_ingest(src: Path, db: str, *extra: str) -> dict:
    before = load()
    cpu0 = _child_cpu()
    t0 = time.perf_counter()
    p = subprocess.run([marsad(), "ingest", str(src), "--db", db, "--format", "none", *extra],
                       capture_output=True, text=True)
    secs = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        sys.exit(f"marsad ingest {' '.join(extra)} failed:\n{p.stderr[-2000:]}")
    summary = next((x for x in p.stderr.splitlines() if x.startswith("summary:")), "")
    return {"secs": secs, "cpu": _child_cpu() - cpu0, "load_before": before, "load_after": load(), "summary": summary}


def store_times(src: Path, pg_url: str | None) -> dict:
    """Extract once (in this process), then time loading the same results into each store."""
    from marsad.batch import ingest_processed, process_items
    from marsad.ingest.readers import read_paths
    from marsad.store import open_store
    done = list(process_items(read_paths([str(src)]), workers=2))
    out = {}
    targets = [("SQLite", str(Path(tempfile.mkdtemp(prefix="bench-st-")) / "s.sqlite"))]
    if pg_url:
        targets.append(("PostgreSQL", pg_url))
    for name, target in targets:
        before = load()
        t0 = time.perf_counter()
        with open_store(target) as st:
            s = ingest_processed(done, st, batch_size=16)
            counts = st.counts()
        out[name] = {"secs": time.perf_counter() - t0, "load_before": before, "load_after": load(),
                     "documents": s.added, "incidents": counts["incidents"], "merges": s.merges}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=0, help="use N documents: the first N//2 and the last N - N//2 of the corpus (articles first, notes last)")
    ap.add_argument("--skip-dask", action="store_true")
    ap.add_argument("--skip-postgres", action="store_true")
    args = ap.parse_args()
    if not (SHARED / "fakes" / "dev.csv").exists():
        sys.exit(f"{SHARED} not found: the shared evaluation data must be beside this checkout")
    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    src = tmp / "corpus.jsonl"
    n = corpus(src, args.limit)
    print(f"corpus: {n} documents (FA-KES dev articles + ACLED dev notes); {os.cpu_count()} cores; "
          f"load average now {load():.1f}", flush=True)

    runs = [("local", "1", []), ("local", "2", [])]
    if not args.skip_dask:
        runs += [("dask", "1", ["--engine", "dask"]), ("dask", "2", ["--engine", "dask"])]
    res = {}
    print(f"\n{'engine':8} {'workers':>7} {'seconds':>8} {'docs/s':>7} {'CPU s':>7}  {'load before/after':>17}", flush=True)
    for engine, w, extra in runs:
        r = timed_ingest(src, str(tmp / f"{engine}-{w}.sqlite"), "--workers", w, *extra,
                         *(["--shards", str(tmp / f"shards-{w}")] if engine == "dask" else []))
        res[(engine, w)] = r
        print(f"{engine:8} {w:>7} {r['secs']:8.1f} {n / r['secs']:7.1f} {r['cpu']:7.1f}  "
              f"{r['load_before']:8.1f}/{r['load_after']:<8.1f}", flush=True)
    for engine in ("local", "dask"):
        if (engine, "2") in res:
            print(f"{engine}: 2 workers / 1 worker = {res[(engine, '1')]['secs'] / res[(engine, '2')]['secs']:.2f}x "
                  f"(target >= 1.7x)")
    print(f"last summary: {res[runs[-1][0], runs[-1][1]]['summary']}")

    srv = None
    pg_url = None
    if not args.skip_postgres:
        try:
            import pgserver
            srv = pgserver.get_server(Path(tempfile.mkdtemp(prefix="marsad-pg-")) / "data", cleanup_mode="delete")
            pg_url = srv.get_uri()
        except ImportError:
            print("PostgreSQL skipped: pip install pgserver psycopg[binary] (the test extras)")
    try:
        st = store_times(src, pg_url)
    finally:
        if srv is not None:
            srv.cleanup()
    print(f"\n{'store':11} {'seconds':>8} {'docs/s':>7} {'incidents':>9} {'merges':>6}  load before/after")
    for name, r in st.items():
        print(f"{name:11} {r['secs']:8.1f} {r['documents'] / r['secs']:7.1f} {r['incidents']:9} {r['merges']:6}  "
              f"{r['load_before']:.1f}/{r['load_after']:.1f}")


if __name__ == "__main__":
    main()
