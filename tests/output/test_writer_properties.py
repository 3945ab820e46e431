"""Hypothesis properties of the output writer (issue 17): any document the pipeline can build is
valid under the contract's JSON Schema, and every machine format round-trips it: jsonl and json
give back the same objects, one jsonl line per document whatever characters the text holds, csv
one row per event."""
import csv
import io
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from marsad.output.contract import document_to_dict, load_schema, validate_document
from marsad.output.formats import write_documents
from marsad.records import DocumentResult, EntityRecord, Event, Place, Span, Toll

SCHEMA = load_schema()["$defs"]
text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)  # \u2028, NUL, RTL marks included
opt_text = st.none() | text
nat = st.integers(0, 10 ** 12)
opt_nat = st.none() | nat
date = st.none() | st.dates().map(lambda d: d.isoformat())
lat = st.none() | st.floats(-90, 90, allow_nan=False)
lon = st.none() | st.floats(-180, 180, allow_nan=False)
gid = st.none() | st.integers(0, 10 ** 9) | text


def enum(defn, field):
    return st.sampled_from(SCHEMA[defn]["properties"][field]["enum"])


span = st.builds(lambda s, n, t, f: Span(s, s + n, t, f), st.integers(0, 10 ** 6), st.integers(0, 500), text,
                 st.sampled_from([None, "title"]))
spans = st.lists(span, min_size=1, max_size=3).map(tuple)
victims = st.fixed_dictionaries({k: opt_nat for k in ("civilians", "children", "women", "combatants")})
event = st.builds(
    Event, event_id=text, event_date=date, event_date_end=date, time_precision=enum("event", "time_precision"),
    date_text=opt_text, event_type=enum("event", "event_type"), sub_event_type=enum("event", "sub_event_type"),
    plover_event=opt_text, plover_mode=opt_text, actor1=opt_text, assoc_actor_1=opt_text,
    inter1=st.none() | st.integers(0, 8), actor2=opt_text, assoc_actor_2=opt_text, inter2=st.none() | st.integers(0, 8),
    country=opt_text, iso3=st.none() | st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3), admin1=opt_text, admin2=opt_text,
    location=opt_text, latitude=lat, longitude=lon, geo_precision=enum("event", "geo_precision"), geonameid=gid,
    fatalities=nat, fatalities_low=opt_nat, fatalities_high=opt_nat, injuries=opt_nat, victims=victims,
    modality=enum("event", "modality"), source=opt_text, notes=text, evidence=spans)
toll = st.builds(Toll, kind=enum("toll", "kind"), scope=enum("toll", "scope"), count_low=opt_nat,
                 count_high=opt_nat, period_start=date, period_end=date, location=opt_text, latitude=lat,
                 longitude=lon, source=opt_text, evidence=spans)
place = st.builds(lambda t, s, n, name, g, la, lo, cc, a1, fc, sc: Place(t, s, s + n, name, g, la, lo, cc, None, a1,
                                                                          None, fc, 1, sc),
                  text, st.integers(0, 10 ** 6), st.integers(0, 100), opt_text, gid, lat, lon, opt_text, opt_text,
                  opt_text, st.floats(0, 1))
entity = st.builds(EntityRecord, canonical=text, type=enum("entity", "type"), kb_id=opt_text, mentions=st.lists(span, max_size=2).map(tuple))
document = st.builds(
    DocumentResult, doc_id=text, title=opt_text, source=opt_text, url=opt_text, publication_date=date,
    language=st.sampled_from(["en", "ar", "und"]), text=text, events=st.lists(event, max_size=3).map(tuple),
    tolls=st.lists(toll, max_size=2).map(tuple), places=st.lists(place, max_size=2).map(tuple),
    entities=st.lists(entity, max_size=2).map(tuple), warnings=st.lists(text, max_size=3).map(tuple),
    error=st.none() | st.fixed_dictionaries({"code": text, "message": text}))
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.lists(document, min_size=1, max_size=4))
def test_contract_valid_and_jsonl_round_trips(docs):
    dicts = [document_to_dict(d) for d in docs]
    for d in dicts:
        assert validate_document(d) == []
    out = io.StringIO()
    write_documents(dicts, "jsonl", out)
    lines = out.getvalue().splitlines()  # the strictest line splitter: \u2028, \x85, \x0c... all split it
    assert len(lines) == len(dicts)
    assert [json.loads(ln) for ln in lines] == dicts
    out = io.StringIO()
    write_documents(dicts, "json", out)
    assert json.loads(out.getvalue()) == dicts


@SETTINGS
@given(st.lists(document, min_size=1, max_size=4), st.sampled_from(["csv", "acled-csv"]))
def test_csv_one_row_per_event(docs, fmt):
    dicts = [document_to_dict(d) for d in docs]
    out = io.StringIO()
    write_documents(dicts, fmt, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    events = [e for d in dicts if "error" not in d for e in d["events"]]
    if fmt == "acled-csv":
        events = [e for e in events if e.get("event_type")]
    assert len(rows) == len(events)
    if fmt == "csv":
        assert [r["event_id"] for r in rows] == [e["event_id"] for e in events]


@SETTINGS
@given(document)
def test_table_never_fails(doc):
    write_documents([document_to_dict(doc)], "table", io.StringIO())
