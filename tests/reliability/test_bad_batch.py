"""One bad document never stops or corrupts a batch (issue 17): unreadable files, documents over a
limit, and a document whose analysis raises are each reported by name while every other document
of the batch comes out exactly as it does alone."""
import json
import random
import subprocess
import sys
from pathlib import Path

from marsad.output.contract import document_to_dict
from marsad.records import InputDocument

ROOT = Path(__file__).resolve().parents[2]
GOOD = ["Gunmen killed four farmers in Konduga on Friday, police said.",
        "An air strike on a market in Saraqeb killed 9 people on Sunday, activists said."]


def test_a_document_whose_analysis_raises_fails_alone(pipeline, monkeypatch):
    import marsad.counts as counts
    real = counts.find_casualties

    def explode(doc):
        if "BOOM" in doc.text:
            raise RuntimeError("a stage crashed")
        return real(doc)

    monkeypatch.setattr(counts, "find_casualties", explode)
    docs = [InputDocument(text=t, doc_id=f"d{i}", publication_date="2019-08-10")
            for i, t in enumerate([GOOD[0], "BOOM: gunmen killed 3 in Idlib on Friday.", GOOD[1]])]
    out = list(pipeline.process_many(docs))
    assert [r.doc_id for r in out] == ["d0", "d1", "d2"]
    assert out[1].error["code"] == "analysis_failed" and "a stage crashed" in out[1].error["message"]
    alone = [pipeline.process(d) for d in (docs[0], docs[2])]
    assert [document_to_dict(r) for r in (out[0], out[2])] == [document_to_dict(r) for r in alone]


def test_cli_batch_with_bad_files_reports_them_and_keeps_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD[0], encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(random.Random(3).randbytes(4000))  # binary
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c1", "text": GOOD[1]}) + "\n{broken\n"
                                      + json.dumps({"id": "c3", "text": "x" * 50}) + "\n", encoding="utf-8")
    (tmp_path / "d.html").write_text("<html><body>" + "<div>" * 300 + "text" + "</div>" * 300, encoding="utf-8")
    (tmp_path / "e.pdf").write_bytes(b"%PDF-1.4 ...")  # unsupported suffix in a folder
    p = subprocess.run([sys.executable, "-m", "marsad", "extract", str(tmp_path), "--date", "2019-08-10",
                        "--format", "jsonl"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 1  # failures make the exit status non-zero...
    lines = [json.loads(ln) for ln in p.stdout.splitlines()]
    ok = [d for d in lines if "error" not in d]
    assert len(ok) == 3 and {"c1", "c3"} <= {d["doc_id"] for d in ok}  # a.txt, c1, c3
    assert all(d["events"] or d["tolls"] for d in ok if d["doc_id"] != "c3")
    errors = {d["error"]["code"] for d in lines if "error" in d}
    assert {"binary", "json", "html_depth", "unsupported"} <= errors
    for name in ("b.txt", "c.jsonl:2", "d.html", "e.pdf"):  # ...and every failure is named on stderr
        assert name in p.stderr
