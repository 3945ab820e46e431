"""Cross-document merging in the store: merge on ingest, order independence, unmerge that holds."""
import json
import random
import sqlite3

import pytest

from marsad.errors import StoreError
from marsad.store import open_store


def _doc(doc_id, fat, pub, day=None, text="A bomb blast hit a bus convoy of evacuees outside Aleppo",
         loc=("Aleppo", 36.2, 37.16)):
    ev = {"event_id": "e" + doc_id, "event_date": day or pub, "time_precision": 1,
          "event_type": "Explosions/Remote violence", "sub_event_type": "Remote explosive/landmine/IED",
          "plover_event": "ASSAULT", "modality": "asserted", "country": "Syria", "iso3": "SYR", "admin1": "Aleppo",
          "location": loc[0], "latitude": loc[1], "longitude": loc[2], "geo_precision": 1, "geonameid": None,
          "actor1": "Unidentified Armed Group (Syria)", "actor2": "Civilians (Syria)", "fatalities": fat,
          "fatalities_low": fat, "fatalities_high": fat, "source": None,
          "evidence": [{"start": 0, "end": len(text), "text": text}]}
    return {"doc_id": doc_id, "title": None, "source": "outlet-" + doc_id, "url": None, "publication_date": pub,
            "language": "en", "events": [ev], "tolls": [], "places": [], "entities": [], "warnings": []}


DOCS = [_doc("a", 43, "2017-04-15"), _doc("b", 100, "2017-04-15", text="Bomb on evacuee buses in a convoy near Aleppo"),
        _doc("c", 126, "2017-04-16", day="2017-04-15", text="The toll from the bus convoy bomb outside Aleppo rose to 126"),
        _doc("d", 3, "2017-04-15", text="Rebel shelling killed three in Damascus", loc=("Damascus", 33.51, 36.29))]


def _ingest(path, docs):
    with open_store(path) as s:
        for d in docs:
            s.add_document(d, f"text of {d['doc_id']}")
        return sorted(json.dumps(i, sort_keys=True) for i in s.incidents())


def test_reports_of_one_incident_merge_into_one_record(store_url):
    with open_store(store_url) as s:
        for d in DOCS:
            s.add_document(d, f"text of {d['doc_id']}")
        incs = list(s.incidents())
        assert s.counts() == {"documents": 4, "incidents": 2}
    bus = next(i for i in incs if len(i["documents"]) > 1)
    assert bus["documents"] == ["a", "b", "c"] and len(bus["reports"]) == 3
    assert bus["fatalities_low"] == 43 and bus["fatalities_high"] == 126
    assert bus["fatalities"] == 126  # "rose to 126", a later update, supersedes the earlier 43 and 100
    assert [(v["from"], v["to"]) for v in bus["revisions"]] == [(100, 126)]
    assert all(r["merged_because"] for r in bus["reports"][1:])


def test_order_does_not_change_the_incidents(store_url, tmp_path):
    first = _ingest(store_url, DOCS)
    for seed in range(3):
        docs = list(DOCS)
        random.Random(seed).shuffle(docs)
        assert _ingest(tmp_path / f"o{seed}.sqlite", docs) == first


def test_unmerge_is_recorded_and_survives_more_ingestion(store_url):
    db = store_url
    with open_store(db) as s:
        for d in DOCS[:2]:
            s.add_document(d, f"text of {d['doc_id']}")
        inc = next(s.incidents())
        assert inc["documents"] == ["a", "b"]
        with pytest.raises(StoreError):
            s.unmerge(inc["incident_id"], "zzz")
        new = s.unmerge(inc["incident_id"], "b")
        assert len(new) == 1
        assert sorted(i["documents"] for i in s.incidents()) == [["a"], ["b"]]
    with open_store(db) as s:
        for d in DOCS:  # re-ingest everything, and a new report of the incident
            s.add_document(d, f"text of {d['doc_id']}")
        docs = sorted(i["documents"] for i in s.incidents())
    assert ["a", "b"] not in docs and not any({"a", "b"} <= set(d) for d in docs)
    assert any("c" in d and len(d) == 2 for d in docs)  # the new report still merges with one of them


def test_show_by_id_and_prefix(store_url):
    with open_store(store_url) as s:
        for d in DOCS:
            s.add_document(d, f"text of {d['doc_id']}")
        inc = next(i for i in s.incidents() if len(i["documents"]) == 3)
        assert s.incident(inc["incident_id"]) == inc
        assert s.incident(inc["incident_id"][:8]) == inc
        assert s.incident("nope") is None


def test_a_store_from_before_merging_is_merged_when_opened(tmp_path):
    db = tmp_path / "old.sqlite"
    with open_store(db) as s:
        for d in DOCS:
            s.add_document(d, f"text of {d['doc_id']}")
    con = sqlite3.connect(db)  # take the database back to what the first schema held
    with con:
        con.execute("DROP TABLE merge_reports")
        con.execute("DROP TABLE merge_splits")
        con.execute("DELETE FROM migrations WHERE name = '003_cross_document_merging'")
        con.execute("UPDATE incidents SET record_json = record_json")
    con.close()
    with open_store(db) as s:
        assert s.counts() == {"documents": 4, "incidents": 2}
