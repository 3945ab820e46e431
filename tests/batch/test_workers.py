"""`--workers N`: the same bytes as one process, in input order."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.batch import process_items
from marsad.errors import MarsadError
from marsad.records import InputDocument

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, cwd=ROOT,
                          timeout=900, env=dict(os.environ))


def test_two_workers_give_the_bytes_of_one(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok1", "text": "Gunmen killed two farmers in Konduga on Friday.", "date": "2019-08-09"}\n'
                   "{broken\n", encoding="utf-8")
    outs = []
    for n in ("1", "2"):
        p = run("extract", "examples", str(bad), "--format", "jsonl", "--workers", n)
        assert p.returncode == 1 and "bad.jsonl:2" in p.stderr  # the broken line is reported, not dropped
        outs.append(p.stdout)
    assert outs[0] == outs[1]
    assert len(outs[0].splitlines()) == 8


def test_order_kept_over_many_chunks(pipeline):
    docs = [InputDocument(text=f"Protesters marched in Basra on Friday, day {i}.", doc_id=f"d{i}",
                          publication_date="2019-11-15") for i in range(40)]
    got = [p.doc["doc_id"] for p in process_items(docs, workers=1, pipeline_factory=lambda: pipeline)]
    assert got == [f"d{i}" for i in range(40)]
    with pytest.raises(MarsadError):
        list(process_items(docs, workers=0))
