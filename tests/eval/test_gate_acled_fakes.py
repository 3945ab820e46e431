"""Evaluation gate: floors on the ../shared/eval dev sets, and contract validity of every output.

Floors sit a little under the figures measured when they were pinned (README, "Accuracy"); a
change that lowers quality below them fails CI. The dev sets are read from ../shared at run time
and never copied into the repository; without them these tests skip.
"""
import csv
import hashlib

import pytest

from marsad.eval.acled import score_acled
from marsad.eval.common import run_docs
from marsad.eval.fakes import score_fakes
from marsad.output.contract import validate_document
from marsad.records import InputDocument

csv.field_size_limit(2**31 - 1)

# measured 2026-11-25 with this harness (README "Accuracy" gives devscore's figures; this one is
# stricter: a note with no event counts as wrong): floors sit about 0.02 under the measurements.
ACLED_FLOORS = {"event_type": 0.89, "sub_event_type": 0.85, "fatalities": 0.90, "date": 0.95, "actor1": 0.81,
                "actor2": 0.72, "inter1": 0.85, "location": 0.58, "no_date_gives_null": 0.97}
FAKES_FLOORS = {"date": 0.53, "deaths_20pct": 0.70, "admin1": 0.68}
# measured 2026-12-05 (devscore: overcount 0.244, abroad 0.035): ceilings a little above
FAKES_CEILINGS = {"overcount": 0.27, "abroad": 0.05}


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


@pytest.fixture(scope="module")
def acled_run(pipeline, shared):
    rows = []
    for name in ("global_2020-05_dev.csv", "syria_battles_2017-2019_dev.csv"):
        p = shared("eval", "acled", name)
        with open(p, encoding="utf-8") as f:
            rows += [r for r in csv.DictReader(f) if r.get("notes")]
    docs = [InputDocument(text=r["notes"], doc_id=f"a{i}") for i, r in enumerate(rows)]
    return rows, run_docs(pipeline, docs, progress=False)


@pytest.fixture(scope="module")
def fakes_run(pipeline, shared):
    p = shared("eval", "fakes", "dev.csv")
    with open(p, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    docs = [InputDocument(text=r["article_content"], title=r["article_title"], doc_id=r["unit_id"]) for r in rows]
    return rows, run_docs(pipeline, docs, progress=False)


def _all_valid(run):
    rows, out = run
    assert len(out) == len(rows)
    bad = [(d["doc_id"], validate_document(d)) for d in out if validate_document(d) or "error" in d]
    assert not bad, bad[:3]


def _above_floors(res, floors):
    low = {k: (res[k], v) for k, v in floors.items() if res[k] < v}
    assert not low, f"below floor: {low}; all: { {k: v for k, v in res.items() if not isinstance(v, dict)} }"


def test_acled_notes_all_contract_valid(acled_run):
    _all_valid(acled_run)


def test_acled_floors(acled_run):
    _above_floors(score_acled(*acled_run), ACLED_FLOORS)


def test_fakes_all_contract_valid(fakes_run):
    _all_valid(fakes_run)


def test_fakes_floors(fakes_run):
    _above_floors(score_fakes(*fakes_run), FAKES_FLOORS)


def test_fakes_ceilings_each_incident_once_in_its_place(fakes_run):
    res = score_fakes(*fakes_run)
    high = {k: (res[k], v) for k, v in FAKES_CEILINGS.items() if res[k] > v}
    assert not high, f"above ceiling: {high}"


def test_tolls_never_counted_in_incidents(fakes_run, acled_run):
    """No event's fatalities equal a toll's count taken from the same words."""
    for _, out in (fakes_run, acled_run):
        for d in out:
            toll_spans = {(e["start"], e["end"]) for t in d.get("tolls", []) for e in t["evidence"]}
            for ev in d.get("events", []):
                if ev["fatalities"]:
                    assert not any((e["start"], e["end"]) in toll_spans for e in ev["evidence"]), d["doc_id"]
