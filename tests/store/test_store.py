import pytest

from marsad.errors import StoreError
from marsad.store import Store


def _doc(doc_id, ev_date="2018-02-09", country="Syria"):
    ev = {"event_id": "e1", "event_date": ev_date, "event_type": "Battles", "sub_event_type": "Armed clash",
          "plover_event": "ASSAULT", "country": country, "iso3": "SYR", "admin1": "Idlib", "location": "Idlib",
          "fatalities": 3, "fatalities_low": 3, "fatalities_high": 3, "source": None,
          "evidence": [{"start": 0, "end": 5, "text": "Clash"}]}
    return {"doc_id": doc_id, "title": None, "source": None, "url": None, "publication_date": ev_date,
            "language": "en", "events": [ev], "tolls": [], "places": [], "entities": [], "warnings": []}


def test_idempotent_and_filters(tmp_path):
    db = tmp_path / "m.sqlite"
    with Store(db) as s:
        assert s.add_document(_doc("d1"), "Clash one.")
        assert not s.add_document(_doc("d1"), "Clash  one.")  # same normalised text
        assert s.add_document(_doc("d2", "2019-01-01", "Iraq"), "Clash two.")
        assert s.counts() == {"documents": 2, "incidents": 2}
        assert [i["country"] for i in s.incidents(country="iraq")] == ["Iraq"]
        assert len(list(s.incidents(since="2018-06-01"))) == 1
        assert len(list(s.incidents(event_type="Armed clash"))) == 2
        inc = next(s.incidents(until="2018-12-31"))
        assert inc["documents"] == ["d1"] and len(inc["reports"]) == 1 and inc["incident_id"]
    with Store(db) as s:  # reopen: migrations are recorded, data kept
        assert s.counts()["documents"] == 2


def test_conflicting_id_keeps_stored(tmp_path):
    with Store(tmp_path / "m.sqlite") as s:
        s.add_document(_doc("same"), "text A")
        with pytest.raises(StoreError):
            s.add_document(_doc("same"), "text B")
        assert s.counts() == {"documents": 1, "incidents": 1}


def test_bad_database_file(tmp_path):
    p = tmp_path / "bad.sqlite"
    p.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as e:
        Store(p)
    assert "bad.sqlite" in str(e.value)
