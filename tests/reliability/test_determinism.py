"""Determinism (issue 17): the same input gives byte-identical output across runs, processes,
batch orders, batch sizes, --workers counts and Python hash seeds; and the same store contents,
exported byte for byte, whatever order the documents were ingested in."""
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PLACES = ["Aleppo", "Idlib", "Maiduguri", "Mogadishu", "Sanaa", "Kabul", "Mosul", "Benghazi"]
DEEDS = ["Gunmen killed {n} civilians in {p} on Friday, police said.",
         "An air strike on a market in {p} killed {n} people on Sunday, activists said.",
         "Clashes between the army and rebels near {p} left {n} fighters dead on Monday.",
         "Government warplanes struck {p} on Friday, killing {n} civilians, a monitor said."]


def run(args, seed):
    env = dict(os.environ, PYTHONHASHSEED=str(seed))
    p = subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, cwd=ROOT, timeout=900, env=env)
    assert p.returncode == 0, p.stderr.decode()[-2000:]
    return p.stdout


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    d = tmp_path_factory.mktemp("det")
    records = [{"id": f"r{i:02d}", "text": DEEDS[i % 4].format(n=3 + i % 5, p=PLACES[i % 8]) + " Residents fled.",
                "date": f"2019-08-{10 + i:02d}"} for i in range(16)]
    # two reports of one incident, so merging across documents is part of what is compared
    records.append({"id": "dup", "text": "Gunmen killed 3 civilians in Aleppo on Friday, residents said.",
                    "date": "2019-08-10"})
    fwd = d / "fwd.jsonl"
    fwd.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    shuffled = records[:]
    random.Random(17).shuffle(shuffled)
    rev = d / "shuffled.jsonl"
    rev.write_text("".join(json.dumps(r) + "\n" for r in shuffled), encoding="utf-8")
    examples = sorted(str(p) for p in (ROOT / "examples").iterdir() if p.suffix != ".md")
    return d, fwd, rev, examples


def test_extract_is_byte_identical(inputs):
    d, fwd, rev, examples = inputs
    base = ["extract", "--format", "jsonl"]
    a = run(base + examples + [str(fwd)], seed=0)
    b = run(base + examples + [str(fwd), "--workers", "2"], seed=4242)
    assert a == b  # another process, hash seed and worker count (so other batches): the same bytes
    c = run(base + examples[::-1] + [str(rev)], seed=99)
    lines_a, lines_c = a.decode().splitlines(), c.decode().splitlines()
    assert len(lines_a) == len(lines_c) >= len(examples) + 17
    assert sorted(lines_a) == sorted(lines_c)  # another order: each document's line is the same bytes
    assert sum(1 for ln in lines_a if json.loads(ln).get("events")) >= 15


def test_store_export_is_independent_of_ingest_order(inputs, tmp_path):
    d, fwd, rev, _ = inputs
    exports = []
    for i, (src, seed, extra) in enumerate([(fwd, 1, []), (rev, 2, ["--workers", "2", "--batch-size", "5"])]):
        db = tmp_path / f"s{i}.sqlite"
        run(["ingest", str(src), "--db", str(db), "--format", "none"] + extra, seed=seed)
        exports.append(run(["events", "--db", str(db), "--format", "jsonl"], seed=seed + 10))
    assert exports[0] == exports[1]
    assert len(exports[0].splitlines()) >= 6
