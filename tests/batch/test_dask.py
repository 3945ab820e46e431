"""`marsad ingest --engine dask`: a real LocalCluster, Parquet shards, and the store holding what the
local engine stores, on SQLite and PostgreSQL."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="the Dask engine needs the test extras (dask[distributed], pyarrow)")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=900, env=dict(os.environ))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("dask-in")
    (d / "more.jsonl").write_text(
        "".join(json.dumps({"id": f"m{i}", "text": f"Gunmen killed {i + 2} villagers in Konduga, Borno, on Friday, "
                            f"police said. Report {i}.", "date": "2019-08-10"}) + "\n" for i in range(20))
        + "{broken\n", encoding="utf-8")
    return ["examples", str(d / "more.jsonl")]


@pytest.fixture(scope="module")
def local_events(inputs, tmp_path_factory):
    db = tmp_path_factory.mktemp("dask-local") / "local.sqlite"
    p = run("ingest", *inputs, "--db", str(db), "--format", "none")
    assert p.returncode == 1 and "more.jsonl:21" in p.stderr, p.stderr
    return run("events", "--db", str(db), "--format", "jsonl").stdout


def test_dask_engine_matches_local(inputs, local_events, store_url, tmp_path):
    shards = tmp_path / "shards"
    p = run("ingest", *inputs, "--db", store_url, "--engine", "dask", "--workers", "2", "--shards", str(shards),
            "--format", "none", "--progress")
    assert p.returncode == 1 and "more.jsonl:21" in p.stderr  # the broken line is reported by name
    assert "ingested 26 new document(s)" in p.stderr and "1 failed" in p.stderr
    assert "summary: 27 document(s)" in p.stderr and "documents/s" in p.stderr
    assert run("events", "--db", store_url, "--format", "jsonl").stdout == local_events

    docs = [r for f in sorted(shards.glob("documents-*.parquet")) for r in pq.read_table(f).to_pylist()]
    assert len(docs) == 27 and [r["seq"] for r in docs] == list(range(27))
    assert sum(r["error"] for r in docs) == 1
    events = [r for f in sorted(shards.glob("events-*.parquet")) for r in pq.read_table(f).to_pylist()]
    import re
    n_events = int(re.search(r"with (\d+) event\(s\)", p.stderr).group(1))
    assert len(events) == n_events >= len(local_events.splitlines())  # events, before merging into incidents
    assert all(isinstance(e["fatalities"], int) for e in events)

    # idempotent: the same job again stores nothing new
    p = run("ingest", *inputs, "--db", store_url, "--engine", "dask", "--workers", "1", "--shards", str(tmp_path / "s2"),
            "--format", "none")
    assert "ingested 0 new document(s)" in p.stderr and "26 already stored" in p.stderr


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    p = run("ingest", "examples", "--db", str(tmp_path / "x.sqlite"), "--engine", "dask",
            "--scheduler", "tcp://127.0.0.1:1", "--format", "none")
    assert p.returncode == 2 and "tcp://127.0.0.1:1" in p.stderr and "Traceback" not in p.stderr


def test_a_running_cluster_by_its_scheduler_address(inputs, local_events, tmp_path):
    """--scheduler: a cluster started elsewhere (here a LocalCluster of this test process, reached
    over TCP like a remote one) runs the pipeline; the store holds what the local engine stores."""
    from dask.distributed import LocalCluster
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None,
                      protocol="tcp", host="127.0.0.1") as cluster:
        db = tmp_path / "remote.sqlite"
        p = run("ingest", *inputs, "--db", str(db), "--engine", "dask", "--scheduler", cluster.scheduler_address,
                "--shards", str(tmp_path / "shards"), "--format", "none")
        assert "ingested 26 new document(s)" in p.stderr, p.stderr
        assert run("events", "--db", str(db), "--format", "jsonl").stdout == local_events
        assert cluster.scheduler_address.startswith("tcp://")
