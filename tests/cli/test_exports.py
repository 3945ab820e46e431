"""Exports users load elsewhere (ACLED CSV, JSONL, GeoJSON, Parquet), from a store on SQLite and PostgreSQL."""
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=900, env=dict(os.environ))


def test_every_export_holds_the_same_incidents(store_url, tmp_path):
    assert run("ingest", "examples", "--db", store_url, "--format", "none").returncode == 0
    incs = [json.loads(x) for x in run("events", "--db", store_url, "--format", "jsonl").stdout.splitlines()]
    assert incs

    out = tmp_path / "e.geojson"
    p = run("events", "--db", store_url, "--output", str(out))  # format from the extension
    assert p.returncode == 0 and "e.geojson" in p.stderr
    gj = json.loads(out.read_text(encoding="utf-8"))
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == len(incs)
    for f, i in zip(gj["features"], incs):
        assert f["id"] == i["incident_id"] and f["properties"]["reports"] == i["reports"]
        if i["latitude"] is None:
            assert f["geometry"] is None
        else:
            assert f["geometry"] == {"type": "Point", "coordinates": [i["longitude"], i["latitude"]]}  # lon, lat

    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "e.parquet"
    assert run("events", "--db", store_url, "--output", str(out)).returncode == 0
    rows = pq.read_table(out).to_pylist()
    assert [r["event_id"] for r in rows] == [i["incident_id"] for i in incs]
    assert [json.loads(r["record_json"]) for r in rows] == incs
    assert [r["latitude"] for r in rows] == [i["latitude"] for i in incs]
    assert all(isinstance(r["fatalities"], int) for r in rows)
    # to stdout when it is not a terminal
    p = subprocess.run([sys.executable, "-m", "marsad", "events", "--db", store_url, "--format", "parquet"],
                       capture_output=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0 and p.stdout[:4] == b"PAR1" and p.stdout[-4:] == b"PAR1"

    out = tmp_path / "e.csv"
    assert run("events", "--db", store_url, "--country", "Nigeria", "--output", str(out)).returncode == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and {r["country"] for r in rows} == {"Nigeria"} and "event_id_cnty" in rows[0]

    p = run("events", "--db", store_url, "--output", str(tmp_path / "no" / "such" / "dir.jsonl"))
    assert p.returncode == 2 and "--output" in p.stderr
