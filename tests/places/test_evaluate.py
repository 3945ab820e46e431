from pathlib import Path

import pytest

from marsad.places.evaluate import evaluate_geoparse, load_geo

GEO = Path(__file__).resolve().parents[2].parent.joinpath("shared", "eval", "geoparsing")

TINY = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <text>Shelling hit Idlib and Damascus.</text>
    <toponyms>
      <toponym><start>13</start><end>18</end><phrase>Idlib</phrase>
        <gaztag geonameid="169389"><lat>35.93</lat><lon>36.63</lon></gaztag></toponym>
      <toponym><start>23</start><end>31</end><phrase>Damascus</phrase>
        <gaztag geonameid="170654"><lat>33.51</lat><lon>36.29</lon></gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""


def test_scoring_on_a_tiny_file(tmp_path):
    f = tmp_path / "tiny.xml"
    f.write_text(TINY, encoding="utf-8")
    assert load_geo(f)[0][2] == [(13, 18, 35.93, 36.63), (23, 31, 33.51, 36.29)]

    def fn(text):  # Idlib right, Damascus 300 km off, plus one spurious place
        return [{"start": 13, "end": 18, "latitude": 35.9, "longitude": 36.6, "name": "Idlib"},
                {"start": 23, "end": 31, "latitude": 36.2, "longitude": 37.15, "name": "Aleppo"},
                {"start": 0, "end": 8, "latitude": 0.0, "longitude": 0.0, "name": "x"}]
    errors = []
    r = evaluate_geoparse(f, fn, errors=errors)
    assert r["recall"] == 1.0 and r["acc161_of_found"] == 0.5 and r["precision"] == round(2 / 3, 4)
    assert errors and errors[0][1] == "Damascus"


def _run(nlp, geoparser, name, limit):
    path = GEO / f"{name}.xml"
    if not path.exists():
        pytest.skip(f"{path} not available")
    return evaluate_geoparse(path, lambda t: geoparser.geoparse(nlp(t)), limit=limit)


# Floors pinned slightly under what we measure on these subsets (see the places report); the full
# files are scored by `marsad eval geoparse FILE.xml`.
def test_eval_gate_gwn(nlp, geoparser):
    r = _run(nlp, geoparser, "GWN", 60)
    assert r["recall"] >= GWN_FLOOR["recall"], r
    assert r["acc161_of_found"] >= GWN_FLOOR["acc161_of_found"], r


def test_eval_gate_lgl(nlp, geoparser):
    r = _run(nlp, geoparser, "lgl", 150)
    assert r["recall"] >= LGL_FLOOR["recall"], r
    assert r["acc161_of_found"] >= LGL_FLOOR["acc161_of_found"], r


# measured 2026-11-26, session 4 (writing cues, particle spacing, list items, natural features):
# GWN[:60] recall 0.868, acc161_of_found 0.923; lgl[:150] recall 0.890, acc 0.915 (full files through the
# pipeline, `marsad eval geoparse`: GWN recall 0.880 / acc 0.934, LGL recall 0.905 / acc 0.901)
GWN_FLOOR = {"recall": 0.86, "acc161_of_found": 0.905}
LGL_FLOOR = {"recall": 0.87, "acc161_of_found": 0.90}
