"""The store's behaviour, the same on SQLite and PostgreSQL (``store_url`` runs each test on both)."""
import sqlite3

import pytest

from marsad.errors import StoreError
from marsad.store import MIGRATIONS, Filters, open_store, store_target


def _doc(doc_id, ev_date="2018-02-09", country="Syria", **ev_fields):
    ev = {"event_id": "e1", "event_date": ev_date, "event_type": "Battles", "sub_event_type": "Armed clash",
          "plover_event": "ASSAULT", "country": country, "iso3": "SYR", "admin1": "Idlib", "location": "Idlib",
          "actor1": "Military Forces of Syria (2000-)", "actor2": "HTS: Hayat Tahrir al Sham",
          "latitude": 35.93, "longitude": 36.63,
          "fatalities": 3, "fatalities_low": 3, "fatalities_high": 3, "source": None,
          "evidence": [{"start": 0, "end": 5, "text": "Clash"}]}
    ev.update(ev_fields)
    return {"doc_id": doc_id, "title": None, "source": None, "url": None, "publication_date": ev_date,
            "language": "en", "events": [ev], "tolls": [], "places": [], "entities": [], "warnings": []}


def test_idempotent_and_filters(store_url):
    with open_store(store_url) as s:
        assert s.add_document(_doc("d1"), "Clash one.")
        assert not s.add_document(_doc("d1"), "Clash  one.")  # same normalised text
        assert s.add_document(_doc("d2", "2019-01-01", "Iraq"), "Clash two.")
        assert s.counts() == {"documents": 2, "incidents": 2}
        assert [i["country"] for i in s.incidents(country="iraq")] == ["Iraq"]
        assert len(list(s.incidents(since="2018-06-01"))) == 1
        assert len(list(s.incidents(event_type="Armed clash"))) == 2
        inc = next(s.incidents(until="2018-12-31"))
        assert inc["documents"] == ["d1"] and len(inc["reports"]) == 1 and inc["incident_id"]
        assert s.incident(inc["incident_id"]) == inc
    with open_store(store_url) as s:  # reopen: migrations are recorded, data kept
        assert s.counts()["documents"] == 2
        assert s.applied_migrations() == [m.name for m in MIGRATIONS]


def test_every_filter(store_url):
    with open_store(store_url) as s:
        s.add_document(_doc("a", admin1="Idlib", fatalities=0), "text a")
        s.add_document(_doc("b", "2018-03-01", admin1="Aleppo", fatalities=12, latitude=36.2, longitude=37.16,
                            actor1="Military Forces of Turkey (2016-)", actor2="YPG: Peoples Protection Units"), "text b")
        s.add_document(_doc("c", "2018-04-01", "Iraq", iso3="IRQ", admin1="Ninewa", fatalities=5, latitude=36.34,
                            longitude=43.13, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike",
                            plover_event="FIGHT", actor1="Islamic State (Iraq)", actor2=None), "text c")
        s.add_document(_doc("d", "2018-05-01", "Fiji", iso3="FJI", admin1="Western", latitude=-17.8, longitude=177.4,
                            actor1="Rioters_100% (Fiji)"), "text d")

        def ids(**kw):
            return sorted(i["documents"][0] for i in s.incidents(Filters(**kw)))

        assert ids(admin1="aleppo") == ["b"]
        assert ids(country="IRQ") == ["c"]
        assert ids(event_type="air/drone strike") == ["c"] and ids(event_type="fight") == ["c"]
        assert ids(event_type="Battles") == ["a", "b", "d"]
        assert ids(actor="turkey") == ["b"] and ids(actor="ypg") == ["b"] and ids(actor="islamic state") == ["c"]
        assert ids(actor="military forces of syria") == ["a"] and ids(actor="hts") == ["a", "d"]
        assert ids(actor="_100%") == ["d"] and ids(actor="%") == ["d"]  # LIKE wildcards are literal
        assert ids(since="2018-03-01", until="2018-04-01") == ["b", "c"]
        assert ids(min_fatalities=5) == ["b", "c"] and ids(min_fatalities=0) == ["a", "b", "c", "d"]
        assert ids(bbox=(35.0, 35.0, 38.0, 37.0)) == ["a", "b"]  # west, south, east, north
        assert ids(bbox=(170.0, -20.0, -170.0, -10.0)) == ["d"]  # across the antimeridian
        assert ids(country="Syria", min_fatalities=1, bbox=(37.0, 36.0, 38.0, 37.0)) == ["b"]
        assert ids(limit=2) == ["a", "b"]


def test_conflicting_id_keeps_stored(store_url):
    with open_store(store_url) as s:
        s.add_document(_doc("same"), "text A")
        with pytest.raises(StoreError):
            s.add_document(_doc("same"), "text B")
        assert s.counts() == {"documents": 1, "incidents": 1}


def test_batch_is_atomic_and_a_bad_document_fails_alone(store_url):
    with open_store(store_url) as s:
        s.add_document(_doc("x"), "text x")
        out = s.add_documents([(_doc("p"), "text p", "f.txt"), (_doc("x"), "another text", None),
                               (_doc("q"), "text q", None), (_doc("p2"), "text  p", None)])
        assert [o.status for o in out] == ["added", "failed", "added", "skipped"]
        assert "'x'" in out[1].message
        assert s.counts() == {"documents": 3, "incidents": 3}

        class Boom(Exception):
            pass

        def items():
            yield _doc("r"), "text r", None
            raise Boom()
        with pytest.raises(Boom):
            s.add_documents(items())
        assert s.counts()["documents"] == 3  # nothing of the interrupted batch
        assert not s.has_text("text r") and s.has_text("text q")


def test_migrations_upgrade_an_old_store(tmp_path):
    """A store made before migration 002 gains its columns, filled from the stored records."""
    import json
    p = tmp_path / "old.sqlite"
    c = sqlite3.connect(p)
    c.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    c.executescript(MIGRATIONS[0].for_dialect("sqlite"))
    c.execute("INSERT INTO migrations VALUES ('001_initial', '2026-01-01')")
    rec = {"incident_id": "i1", "event_date": "2018-02-09", "actor1": "Police Forces of Iraq", "latitude": 33.3,
           "longitude": 44.4, "fatalities": 2}
    c.execute("INSERT INTO incidents (incident_id, event_date, fatalities, record_json) VALUES ('i1', '2018-02-09', 2, ?)",
              (json.dumps(rec),))
    c.commit()
    c.close()
    with open_store(p) as s:
        assert s.applied_migrations() == [m.name for m in MIGRATIONS]
        assert [i["incident_id"] for i in s.incidents(actor="police", bbox=(44, 33, 45, 34))] == ["i1"]


def test_bad_database_file(tmp_path):
    p = tmp_path / "bad.sqlite"
    p.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError) as e:
        open_store(p)
    assert "bad.sqlite" in str(e.value)


def test_unreachable_postgres_is_a_clear_error():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as e:
        open_store("postgresql://marsad:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "cannot connect" in str(e.value) and "secret" not in str(e.value)


def test_store_target(monkeypatch, tmp_path):
    monkeypatch.setenv("MARSAD_DB", "postgresql://h/db")
    assert store_target(None) == "postgresql://h/db"
    assert store_target("x.sqlite") == "x.sqlite"
    monkeypatch.delenv("MARSAD_DB")
    assert store_target(None).endswith("marsad.sqlite")
    with open_store(f"sqlite:///{tmp_path}/u.sqlite") as s:
        assert s.counts()["documents"] == 0
    assert (tmp_path / "u.sqlite").exists()
