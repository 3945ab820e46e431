"""The founding article, reviewed by hand against its text (published Friday 9 February 2018).

Pinned here: every violent incident with its sub-event type, place, date, fatalities, actors and
reporting source; the running toll and the whole-war figure only as tolls; the phone calls and the
UN appeal as PLOVER events with their dates; the garbled names resolved.
"""
from pathlib import Path

import pytest

from marsad.output.contract import document_to_dict, validate_document
from marsad.records import InputDocument

ARTICLE = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "000_29281ecb90590ecd.txt"


@pytest.fixture(scope="module")
def doc(pipeline):
    if not ARTICLE.exists():
        pytest.skip(f"{ARTICLE} not found: the founding article lives in ../shared")
    text = ARTICLE.read_text(encoding="utf-8")
    res = pipeline.process(InputDocument(text=text, publication_date="2018-02-09", date_origin="argument"))
    d = document_to_dict(res)
    d["_text"] = text
    return d


def find(doc, **want):
    out = []
    for e in doc["events"]:
        if all((e.get(k) == v) if not callable(v) else v(e.get(k)) for k, v in want.items()):
            out.append(e)
    return out


def one(doc, **want):
    evs = find(doc, **want)
    assert len(evs) == 1, f"expected one event {want}, got {len(evs)}: " + "; ".join(
        f"{e['sub_event_type'] or e['plover_event']} {e['location']} {e['event_date']}" for e in doc["events"])
    return evs[0]


def test_contract_valid(doc):
    d = {k: v for k, v in doc.items() if k != "_text"}
    assert validate_document(d) == []


def test_ghouta_air_strikes_friday(doc):
    e = one(doc, sub_event_type="Air/drone strike", location="Eastern Ghouta")
    assert e["event_date"] == "2018-02-09" and e["time_precision"] == 1
    assert (e["fatalities"], e["fatalities_low"], e["fatalities_high"]) == (12, 13, None)
    assert e["actor1"] == "Military Forces of Syria (2000-)" and e["inter1"] == 1
    assert e["source"].split("; ")[0] == "Syrian Observatory for Human Rights"
    assert e["admin1"] == "Rural Damascus" and e["country"] == "Syria" and e["iso3"] == "SYR"
    assert any("more than 12 people" in s["text"] for s in e["evidence"])


def test_idlib_warplanes(doc):
    e = one(doc, sub_event_type="Air/drone strike", location="Idlib")
    assert e["event_date"] == "2018-02-09"
    assert e["fatalities"] == 14 and e["fatalities_low"] == 14 and e["fatalities_high"] == 14
    assert e["source"].split("; ")[0] == "Syrian Observatory for Human Rights"
    assert e["geo_precision"] == 1 and abs(e["latitude"] - 35.93) < 0.1


def test_turkish_strikes_on_afrin_overnight(doc):
    e = one(doc, sub_event_type="Air/drone strike", event_date="2018-02-08")
    assert e["location"] == "Afrin" and e["admin1"] == "Aleppo"
    assert e["date_text"] == "overnight"
    assert e["actor1"] == "Military Forces of Turkey (2016-)"
    assert e["actor2"] == "YPG: Peoples Protection Units"
    assert e["fatalities"] == 9
    assert e["victims"]["combatants"] == 7 and e["victims"]["civilians"] == 2
    # one incident, reported in five sentences
    assert len(e["evidence"]) >= 3


def test_syrian_army_shelling_ghouta(doc):
    e = find(doc, sub_event_type="Shelling/artillery/missile attack", location="Eastern Ghouta")
    assert e and e[0]["actor1"] == "Military Forces of Syria (2000-)"


def test_state_tv_damascus_two_killed_four_wounded(doc):
    e = one(doc, location="Damascus", fatalities=2)
    assert e["injuries"] == 4 and e["event_type"] == "Explosions/Remote violence"
    assert e["source"].split("; ")[0].lower() == "state television"


def test_tolls_are_not_incidents(doc):
    tolls = {(t["scope"], t["count_low"]) for t in doc["tolls"]}
    assert ("cumulative", 231) in tolls
    cum = next(t for t in doc["tolls"] if t["scope"] == "cumulative")
    assert (cum["period_start"], cum["period_end"]) == ("2018-02-06", "2018-02-09")
    assert cum["location"] == "Eastern Ghouta" and cum["source"] == "Syrian Observatory for Human Rights"
    assert any(t["scope"] == "background" and t["count_low"] == 100000 for t in doc["tolls"])
    assert not any(e["fatalities"] >= 100 for e in doc["events"])
    assert sum(e["fatalities"] for e in doc["events"]) == 12 + 14 + 9 + 2


def test_no_chemical_attack_from_a_denial(doc):
    assert not find(doc, sub_event_type="Chemical weapon")
    rej = [e for e in find(doc, plover_event="REJECT") if any("denied" in s["text"] for s in e["evidence"])]
    assert len(rej) == 1
    assert rej[0]["actor1"] == "Government of Syria (2000-)" and rej[0]["event_type"] is None


def test_diplomacy_as_plover_events(doc):
    calls = find(doc, plover_event="CONSULT", plover_mode="phone")
    pairs = {(e["actor1"], e["actor2"], e["event_date"]) for e in calls}
    assert ("Government of France (2017-)", "Government of Russia (2000-)", "2018-02-09") in pairs
    assert ("Government of Russia (2000-)", "Government of Turkey (2016-)", "2018-02-08") in pairs
    un = one(doc, plover_event="DEMAND", actor1="United Nations")
    assert un["event_date"] == "2018-02-06" and un["date_text"] == "on Tuesday" and un["event_type"] is None
    assert all(e["event_type"] is None for e in find(doc, plover_event="CONSULT"))


def test_garbled_names_resolved(doc):
    ents = {e["canonical"]: e for e in doc["entities"]}
    macron = ents["Emmanuel Macron"]
    assert {m["text"] for m in macron["mentions"]} == {"Emmanuel Macaron", "McCron"}
    assert len(macron["mentions"]) == 3
    for m in macron["mentions"]:
        assert doc["_text"][m["start"]:m["end"]] == m["text"]
    ghouta = ents["Eastern Ghouta"]
    assert "eastern Gauta" in {m["text"] for m in ghouta["mentions"]}
    assert "Idleb" in {m["text"] for m in ents["Idlib"]["mentions"]}
    ypg = [e for e in doc["entities"] if e["kb_id"] == "ypg"][0]
    assert {"Kurdish people\u2019s protection units", "the units to protect the Kurdish people"} <= {m["text"] for m in ypg["mentions"]}
    assert ents["Syrian Observatory for Human Rights"]["type"] == "media"
