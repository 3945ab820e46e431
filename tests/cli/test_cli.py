"""End-to-end: the CLI as a user runs it, every output validated against the contract schema."""
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.output.contract import validate_document

ROOT = Path(__file__).resolve().parents[2]


def run(*args, input=None, env=None):
    e = dict(os.environ, **(env or {}))
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, cwd=ROOT,
                          input=input, env=e, timeout=600)


@pytest.fixture(scope="module")
def examples_jsonl():
    p = run("extract", "examples", "--format", "jsonl")
    assert p.returncode == 0, p.stderr
    return [json.loads(line) for line in p.stdout.splitlines()]


def test_extract_examples_valid_contract(examples_jsonl):
    assert len(examples_jsonl) == 6  # 2 txt, 1 html, 3 jsonl lines
    for d in examples_jsonl:
        assert validate_document(d) == [], d["doc_id"]
    by_id = {d["doc_id"]: d for d in examples_jsonl}
    assert by_id["ex-floods-1"]["events"] == [] or all(e["event_type"] is None for e in by_id["ex-floods-1"]["events"])
    assert any(e["event_type"] for e in by_id["ex-somalia-1"]["events"])


def test_evidence_offsets_point_into_input(examples_jsonl):
    texts = {}
    for f in (ROOT / "examples").glob("*.txt"):
        texts[f.name] = f.read_text(encoding="utf-8")
    for d in examples_jsonl:
        for ev in d["events"]:
            for sp in ev["evidence"]:
                assert sp["end"] > sp["start"]
        for p in d["places"]:
            assert p["end"] > p["start"]


def test_stdin_and_formats():
    text = "Gunmen killed three civilians in the village of Tassil in Daraa on Friday, activists said."
    for fmt in ("json", "csv", "acled-csv", "table"):
        p = run("extract", "-", "--date", "2019-08-09", "--format", fmt, input=text)
        assert p.returncode == 0, p.stderr
        assert p.stdout.strip()
    p = run("extract", "-", "--date", "2019-08-09", "--format", "acled-csv", input=text)
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    assert rows and rows[0]["event_date"] == "09 August 2019" and rows[0]["fatalities"] == "3"


def test_bad_input_reported_by_name(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Protesters marched in Basra on Friday.", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    p = run("extract", str(good), str(bad), str(tmp_path / "missing.txt"), "--format", "jsonl", "--date", "2019-11-15")
    assert p.returncode != 0
    assert "bad.jsonl:1" in p.stderr and "missing.txt" in p.stderr
    lines = [json.loads(x) for x in p.stdout.splitlines()]
    assert len(lines) == 3 and sum("error" in x for x in lines) == 2
    for x in lines:
        assert validate_document(x) == []
    p = run("extract", str(good), "--date", "09-02-2018")
    assert p.returncode == 2 and "--date" in p.stderr


def test_ingest_idempotent_and_events_export(store_url):
    db = store_url  # a SQLite file, then a PostgreSQL URL
    p = run("ingest", "examples", "--db", str(db))
    assert p.returncode == 0, p.stderr
    assert "ingested 6 new document(s)" in p.stderr
    p = run("ingest", "examples", "--db", str(db), "--format", "none")
    assert "ingested 0 new document(s)" in p.stderr and "6 already stored" in p.stderr
    p = run("events", "--db", str(db), "--format", "jsonl")
    incs = [json.loads(x) for x in p.stdout.splitlines()]
    assert incs and all(i["incident_id"] and len(i["reports"]) == 1 for i in incs)
    p = run("events", "--db", str(db), "--country", "Nigeria", "--format", "acled-csv")
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    assert rows and {r["country"] for r in rows} == {"Nigeria"}
    p = run("events", "--db", str(db), "--since", "2020-01-01", "--until", "2020-12-31", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(p.stdout)))
    assert rows and all("2020-01-01" <= r["event_date"] <= "2020-12-31" for r in rows)
    # the same store through $MARSAD_DB, with the other filters
    p = run("events", "--format", "jsonl", "--min-fatalities", "1", "--bbox", "2,4,15,14", env={"MARSAD_DB": str(db)})
    sel = [json.loads(x) for x in p.stdout.splitlines()]
    assert p.returncode == 0 and sel and len(sel) < len(incs)
    assert all(i["fatalities"] >= 1 and 4 <= i["latitude"] <= 14 and 2 <= i["longitude"] <= 15 for i in sel)
    some = next(i for i in incs if i.get("actor1") and i.get("admin1"))
    p = run("events", "--db", str(db), "--format", "jsonl", "--actor", some["actor1"][:8], "--admin1", some["admin1"])
    assert some["incident_id"] in [json.loads(x)["incident_id"] for x in p.stdout.splitlines()]
    p = run("events", "--db", str(db), "--bbox", "1,2,3")
    assert p.returncode == 2 and "--bbox" in p.stderr


def test_validate_command(tmp_path, examples_jsonl):
    f = tmp_path / "o.jsonl"
    f.write_text("\n".join(json.dumps(d) for d in examples_jsonl) + "\n", encoding="utf-8")
    assert run("validate", str(f)).returncode == 0
    broken = dict(examples_jsonl[0], events=[{"event_id": 1}])
    f.write_text(json.dumps(broken) + "\n", encoding="utf-8")
    p = run("validate", str(f))
    assert p.returncode == 1 and "events/0" in p.stdout


def test_mixed_directory_ingests_in_one_command(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Gunmen killed two farmers in Konduga, Borno, on Friday, police said.", encoding="utf-8")
    (d / "b.html").write_text("<html><head><title>Protest</title></head><body><article><p>"
                              + "Thousands of protesters marched in Basra on Friday against power cuts. " * 3
                              + "</p></article></body></html>", encoding="utf-8")
    (d / "c.jsonl").write_text('{"id": "j1", "text": "Clashes in Idlib left five fighters dead on Monday.", "date": "2019-08-12"}\n',
                               encoding="utf-8")
    (d / "d.csv").write_text("id,text,date\nc1,An air strike hit a market in Maarat al-Numan on Sunday,2019-07-22\n",
                             encoding="utf-8")
    (d / "e.rss").write_text('<?xml version="1.0"?><rss><channel><title>Wire</title><item><title>T</title>'
                             "<pubDate>Sat, 10 Aug 2019 09:00:00 GMT</pubDate><description>Police arrested 12 "
                             "protesters in Khartoum on Friday.</description></item></channel></rss>", encoding="utf-8")
    (d / "f.jsonl").write_text("{broken\n", encoding="utf-8")
    db = tmp_path / "m.sqlite"
    p = run("ingest", str(d), "--db", str(db), "--date", "2019-08-10", "--progress", "--format", "none")
    assert p.returncode == 1  # one unreadable line, reported by name
    assert "f.jsonl:1" in p.stderr
    assert "ingested 5 new document(s)" in p.stderr
    assert "doc/s" in p.stderr or "doc]" in p.stderr  # the progress bar


def test_jsonl_output_survives_splitlines():
    import json
    from marsad.output.formats import jsonl_line
    line = jsonl_line({"text": "a\u2028b\x85c\u2029d"})
    assert len(line.splitlines()) == 1 and json.loads(line)["text"] == "a\u2028b\x85c\u2029d"
