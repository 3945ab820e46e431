"""Crash-safe, idempotent ingestion: a real `marsad ingest` is SIGKILLed part-way through and run
again; every document is then stored exactly once, on SQLite and on PostgreSQL."""
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.store import open_store

ROOT = Path(__file__).resolve().parents[2]
N_DOCS = 160

PLACES = ["Aleppo", "Idlib", "Homs", "Hama", "Daraa", "Raqqa", "Deir ez-Zor", "Mosul", "Kirkuk", "Basra",
          "Maiduguri", "Kano", "Mogadishu", "Kismayo", "Sanaa", "Taiz", "Benghazi", "Tripoli", "Kabul", "Kandahar"]
DEEDS = ["Gunmen killed {n} civilians in {p} on Friday, police said.",
         "An air strike on a market in {p} killed {n} people on Sunday, activists said.",
         "Clashes between the army and rebels near {p} left {n} fighters dead on Monday.",
         "Hundreds of protesters marched in {p} on Tuesday to demand the release of {n} detained students."]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("crash")
    f = d / "reports.jsonl"
    with f.open("w", encoding="utf-8") as out:
        for i in range(N_DOCS):
            text = DEEDS[i % len(DEEDS)].format(n=2 + i % 17, p=PLACES[i % len(PLACES)]) + f" Report {i}."
            out.write(json.dumps({"id": f"r{i:03d}", "text": text, "date": "2019-08-10"}) + "\n")
    return f


def _ingest(corpus, db, *extra):
    return [sys.executable, "-m", "marsad", "ingest", str(corpus), "--db", str(db), "--format", "none",
            "--batch-size", "4", *extra]


def _contents(db):
    with open_store(db) as s:
        docs = sorted(d["doc_id"] for d in s.documents())
        reports = sorted((r["doc_id"], r["event_id"]) for i in s.incidents() for r in i["reports"])
        incidents = sorted(tuple(sorted(i["documents"])) for i in s.incidents())
        n_rows = s.execute("SELECT count(*) FROM reports").fetchone()[0]
    return docs, reports, incidents, n_rows


def test_sigkill_then_rerun_loses_and_duplicates_nothing(corpus, store_url, tmp_path):
    proc = subprocess.Popen(_ingest(corpus, store_url), cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    stored_at_kill = 0
    deadline = time.time() + 600
    try:
        while time.time() < deadline and proc.poll() is None:
            try:
                with open_store(store_url) as s:
                    stored_at_kill = s.counts()["documents"]
            except Exception:  # the store may not exist yet
                stored_at_kill = 0
            if stored_at_kill >= 8:
                os.kill(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"the ingest ended before it could be killed: {proc.stderr.read()[-500:]}"
    with open_store(store_url) as s:
        partial = s.counts()["documents"]
    assert 8 <= partial < N_DOCS and partial % 4 == 0  # whole batches only

    p = subprocess.run(_ingest(corpus, store_url), cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    assert f"ingested {N_DOCS - partial} new document(s)" in p.stderr and f"{partial} already stored" in p.stderr
    docs, reports, incidents, n_rows = _contents(store_url)
    assert docs == sorted(f"r{i:03d}" for i in range(N_DOCS))  # nothing lost
    assert len(reports) == len(set(reports)) == n_rows  # nothing duplicated

    # the same as one uninterrupted run
    clean = tmp_path / "clean.sqlite"
    p = subprocess.run(_ingest(corpus, clean), cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    assert _contents(clean) == (docs, reports, incidents, n_rows)
    assert len(reports) >= N_DOCS // 2  # most reports give an event
