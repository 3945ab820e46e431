"""Faults (issue 17): SIGKILL during cross-document merging, a locked SQLite file, a full disk and
a PostgreSQL restart mid-batch. Each test runs a real `marsad ingest`, breaks it, checks that
what is stored is whole and that the error says how to resume, resumes by running the same command
again, and compares the store with one uninterrupted run: nothing lost, nothing duplicated.
(SIGKILL during ingest itself: tests/batch/test_crash_rerun.py.)"""
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from marsad.store import open_store

ROOT = Path(__file__).resolve().parents[2]
N = 24  # 12 incidents, each reported twice: the second reports come 12 documents later and merge
BATCH = "4"
PLACES = ["Aleppo", "Idlib", "Maiduguri", "Mogadishu", "Sanaa", "Kabul", "Mosul", "Benghazi", "Kandahar", "Taiz",
          "Kismayo", "Homs"]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    f = tmp_path_factory.mktemp("faults") / "reports.jsonl"
    rows = []
    for i in range(N):
        k = i % 12
        day = 1 + k
        if i < 12:
            text = f"Gunmen killed {3 + k} civilians in {PLACES[k]} on {day} March 2019, police said."
        else:
            text = (f"Police in {PLACES[k]} said {3 + k} civilians were killed by gunmen on {day} March 2019. "
                    f"Residents described the attack.")
        rows.append({"id": f"r{i:02d}", "text": text, "date": f"2019-03-{day + 1:02d}"})
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return f


def ingest_cmd(corpus, db, prelude=None):
    args = [str(corpus), "--db", str(db), "--format", "none", "--batch-size", BATCH]
    if prelude is None:
        return [sys.executable, "-m", "marsad", "ingest", *args]
    code = prelude + "\nfrom marsad.cli import main\nsys.exit(main(['ingest'] + sys.argv[1:]))\n"
    return [sys.executable, "-c", code, *args]


def contents(db):
    with open_store(db) as s:
        docs = sorted(d["doc_id"] for d in s.documents())
        reports = sorted((r["doc_id"], r["event_id"]) for i in s.incidents() for r in i["reports"])
        incidents = sorted(tuple(sorted(i["documents"])) for i in s.incidents())
        n_rows = s.execute("SELECT count(*) FROM reports").fetchone()[0]
    return docs, reports, incidents, n_rows


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    """The store after one uninterrupted run, to compare the resumed ones with."""
    db = tmp_path_factory.mktemp("clean") / "clean.sqlite"
    p = subprocess.run(ingest_cmd(corpus, db), cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    got = contents(db)
    assert got[0] == [f"r{i:02d}" for i in range(N)]
    assert sum(1 for docs in got[2] if len(docs) > 1) >= 8, got[2]  # the second reports merged
    return got


def resume_and_compare(corpus, db, clean, partial):
    p = subprocess.run(ingest_cmd(corpus, db), cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    assert f"ingested {N - partial} new document(s)" in p.stderr and f"{partial} already stored" in p.stderr
    docs, reports, incidents, n_rows = contents(db)
    assert len(reports) == len(set(reports)) == n_rows  # nothing duplicated
    assert (docs, reports, incidents, n_rows) == clean  # nothing lost: as one uninterrupted run


def n_docs(db):
    try:
        with open_store(db) as s:
            return s.counts()["documents"]
    except Exception:  # not created yet
        return 0


# ---------------------------------------------------------------------------- SIGKILL during merging
KILL_IN_MERGE = textwrap.dedent("""
    import os, signal, sys
    import marsad.store.merging as m
    write = m.MergeIndex._write_incident
    seen = []
    def write_then_die(self, record, group, events):
        # the process dies inside cross-document merging: after rewriting one incident that
        # gathers reports of two documents, before the rest of the merge and the commit
        write(self, record, group, events)
        if len({r.doc_id for r in group}) > 1:
            seen.append(1)
            if len(seen) == 2:
                os.kill(os.getpid(), signal.SIGKILL)
    m.MergeIndex._write_incident = write_then_die
""")


def test_sigkill_during_merging(corpus, clean, store_url):
    p = subprocess.run(ingest_cmd(corpus, store_url, KILL_IN_MERGE), cwd=ROOT, capture_output=True, text=True,
                       timeout=900)
    assert p.returncode == -signal.SIGKILL, p.stderr[-1000:]
    partial = n_docs(store_url)
    assert 12 <= partial < N and partial % int(BATCH) == 0  # whole batches only: the merging one is gone
    docs, reports, incidents, n_rows = contents(store_url)
    assert all(len(d) == 1 for d in incidents)  # no half-merged incident was kept
    resume_and_compare(corpus, store_url, clean, partial)


# ---------------------------------------------------------------------------- a locked SQLite file
def test_locked_sqlite_file(corpus, clean, tmp_path):
    db = tmp_path / "locked.sqlite"
    env = dict(os.environ, MARSAD_LOCK_TIMEOUT="2")
    proc = subprocess.Popen(ingest_cmd(corpus, db), cwd=ROOT, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True, env=env)
    holder = None
    try:
        deadline = time.time() + 600
        while proc.poll() is None and time.time() < deadline and n_docs(db) < 8:
            time.sleep(0.05)
        # another process takes the write lock and keeps it (a backup tool, a second writer)
        holder = sqlite3.connect(str(db), isolation_level=None, timeout=60)
        holder.execute("BEGIN EXCLUSIVE")
        err = proc.communicate(timeout=600)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 2, err
    assert "database is locked" in err and "Run the same command again to resume" in err, err
    holder.execute("ROLLBACK")
    holder.close()
    partial = n_docs(db)
    assert 8 <= partial < N and partial % int(BATCH) == 0
    resume_and_compare(corpus, db, clean, partial)


# ---------------------------------------------------------------------------- a full disk
@pytest.fixture
def small_disk(tmp_path):
    """A 400 KiB tmpfs (root can mount one; elsewhere the test is skipped)."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(mnt)], capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill (needs root): {p.stderr.strip()}")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_disk_full(corpus, clean, small_disk, tmp_path):
    big = tmp_path / "big.jsonl"  # enough text to fill the disk part-way through
    rows = [json.loads(ln) for ln in corpus.read_text(encoding="utf-8").splitlines()]
    padding = " The statement was repeated by local officials." * 200
    big.write_text("".join(json.dumps(dict(r, text=r["text"] + padding)) + "\n" for r in rows), encoding="utf-8")
    db = small_disk / "full.sqlite"
    p = subprocess.run(ingest_cmd(big, db), cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert p.returncode == 2, p.stderr
    assert "disk is full" in p.stderr and "Run the same command again to resume" in p.stderr, p.stderr
    with sqlite3.connect(str(db)) as c:  # what is stored is whole
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = n_docs(db)
    assert 0 < partial < N and partial % int(BATCH) == 0
    # room is made (here: the disk grows) and the same command resumes
    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    p = subprocess.run(ingest_cmd(big, db), cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stderr
    assert f"ingested {N - partial} new document(s)" in p.stderr
    docs, reports, incidents, n_rows = contents(db)
    assert docs == clean[0] and len(reports) == len(set(reports)) == n_rows


# ---------------------------------------------------------------------------- PostgreSQL restarts
def test_postgres_restart_mid_batch(corpus, clean, pg_server, pg_url):
    import pgserver
    proc = subprocess.Popen(ingest_cmd(corpus, pg_url), cwd=ROOT, stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True)
    try:
        deadline = time.time() + 600
        while proc.poll() is None and time.time() < deadline and n_docs(pg_url) < 8:
            time.sleep(0.05)
        # the server goes down hard (as on a crash or failover) and comes back
        pgserver.pg_ctl(["-w", "-m", "immediate", "-l", str(pg_server.log), "restart"], pgdata=pg_server.pgdata,
                        user=pg_server.system_user, timeout=120)
        err = proc.communicate(timeout=600)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 2, err
    assert "Run the same command again to resume" in err, err
    partial = n_docs(pg_url)
    assert 8 <= partial < N and partial % int(BATCH) == 0
    resume_and_compare(corpus, pg_url, clean, partial)
