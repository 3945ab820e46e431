"""`marsad events show` and `marsad events unmerge` as a user runs them, on a store holding one
incident reported by three documents (built through the library: no pipeline run needed)."""
import json

from marsad.cli import main
from marsad.store import open_store


def _doc(doc_id, fat, pub, text):
    ev = {"event_id": "e" + doc_id, "event_date": "2017-04-15", "time_precision": 1,
          "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
          "plover_event": "ASSAULT", "modality": "asserted", "country": "Syria", "iso3": "SYR", "admin1": "Aleppo",
          "location": "Aleppo", "latitude": 36.2, "longitude": 37.16, "geo_precision": 1, "geonameid": 170063,
          "actor1": "Unidentified Armed Group (Syria)", "actor2": "Civilians (Syria)", "fatalities": fat,
          "fatalities_low": fat, "fatalities_high": fat, "source": "Syrian Observatory for Human Rights" if doc_id == "c" else None,
          "evidence": [{"start": 0, "end": len(text), "text": text}]}
    return {"doc_id": doc_id, "title": None, "source": "outlet-" + doc_id, "url": None, "publication_date": pub,
            "language": "en", "events": [ev], "tolls": [], "places": [], "entities": [], "warnings": []}


def _store(path):
    with open_store(path) as s:
        for doc_id, fat, pub, text in (
                ("a", 43, "2017-04-15", "A car bomb hit buses of evacuees from Foua near Aleppo"),
                ("b", 100, "2017-04-15", "The bomb on the evacuee buses from Foua killed 100"),
                ("c", 126, "2017-04-16", "The toll from the bombing of the Foua evacuee buses rose to 126")):
            s.add_document(_doc(doc_id, fat, pub, text), text)
        return next(i for i in s.incidents() if len(i["documents"]) == 3)


def test_show_prints_reports_figures_by_source_revisions_and_why(tmp_path, capsys):
    db = str(tmp_path / "m.sqlite")
    inc = _store(db)
    assert main(["events", "show", inc["incident_id"][:8], "--db", db]) == 0
    out = capsys.readouterr().out
    assert inc["incident_id"] in out and "3 report(s) in 3 document(s)" in out
    assert "figures by source" in out and "revisions of the toll" in out and "100 -> 126 (stated as an update)" in out
    assert out.count("merged: matches") == 2
    assert "- outlet-a: 43" in out and "- Syrian Observatory for Human Rights: 126" in out
    assert "fatalities coded: 126 (reports range 43-126)" in out
    assert main(["events", "--db", db, "show", inc["incident_id"], "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == ["a", "b", "c"]


def test_unmerge_splits_and_reports_errors(tmp_path, capsys):
    db = str(tmp_path / "m.sqlite")
    inc = _store(db)
    assert main(["events", "unmerge", inc["incident_id"], "c", "--db", db]) == 0
    assert "split document c" in capsys.readouterr().out
    with open_store(db) as s:
        assert sorted(i["documents"] for i in s.incidents()) == [["a", "b"], ["c"]]
    assert main(["events", "unmerge", inc["incident_id"], "zzz", "--db", db]) == 2
    assert "not one of its reports" in capsys.readouterr().err
    assert main(["events", "show", "0000000000000000", "--db", db]) == 2
