"""Output formats for ``marsad extract`` and ``marsad events``: table, json, jsonl, csv, acled-csv,
geojson and parquet.

Every writer takes contract dicts (document objects, or stored incidents for ``events``), so the
machine formats are exactly the contract and the human ones are views of it.
"""
from __future__ import annotations

import csv
import json
import shutil
from datetime import date
from typing import IO, Iterable

FORMATS = ("table", "json", "jsonl", "csv", "acled-csv", "geojson", "parquet")

CSV_COLUMNS = ["doc_id", "event_id", "event_date", "event_date_end", "time_precision", "date_text", "event_type",
               "sub_event_type", "plover_event", "plover_mode", "modality", "actor1", "assoc_actor_1", "inter1",
               "actor2", "assoc_actor_2", "inter2", "country", "iso3", "admin1", "admin2", "location", "latitude",
               "longitude", "geo_precision", "geonameid", "fatalities", "fatalities_low", "fatalities_high",
               "injuries", "civilians", "children", "women", "combatants", "source", "notes", "evidence"]

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "country", "admin1", "admin2", "admin3", "location",
                 "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities",
                 "tags", "timestamp", "iso3"]

_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Riots": "Demonstrations",
             "Protests": "Demonstrations", "Strategic developments": "Strategic developments"}


def _events_with_doc(items: Iterable[dict]):
    for d in items:
        if "error" in d:
            continue
        if "incident_id" in d:  # a stored incident is already an event-shaped record
            yield d.get("documents", [None])[0], d
            continue
        for ev in d.get("events", []):
            yield d["doc_id"], ev


def _flat(doc_id, ev: dict) -> dict:
    row = {k: ev.get(k) for k in CSV_COLUMNS if k in ev}
    row["doc_id"] = doc_id
    row["event_id"] = ev.get("incident_id") or ev.get("event_id")
    v = ev.get("victims") or {}
    for k in ("civilians", "children", "women", "combatants"):
        row[k] = v.get(k)
    row["evidence"] = " | ".join(s["text"] for s in ev.get("evidence", []))
    return row


def _acled_date(s):
    if not s:
        return ""
    d = date.fromisoformat(s)
    return f"{d.day:02d} {d.strftime('%B')} {d.year}"


def _acled_row(doc_id, ev: dict, n: int) -> dict:
    i1, i2 = ev.get("inter1") or 0, ev.get("inter2") or 0
    a, b = sorted((i1, i2), reverse=False)
    interaction = int(f"{a}{b}") if a else (b or "")
    return {
        "event_id_cnty": ev.get("incident_id") or ev.get("event_id") or f"{doc_id}-{n}",
        "event_date": _acled_date(ev.get("event_date")),
        "year": (ev.get("event_date") or "")[:4],
        "time_precision": ev.get("time_precision") or "",
        "disorder_type": _DISORDER.get(ev.get("event_type") or "", ""),
        "event_type": ev.get("event_type"), "sub_event_type": ev.get("sub_event_type"),
        "actor1": ev.get("actor1") or "", "assoc_actor_1": ev.get("assoc_actor_1") or "", "inter1": i1 or "",
        "actor2": ev.get("actor2") or "", "assoc_actor_2": ev.get("assoc_actor_2") or "", "inter2": i2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if i2 == 7 else "",
        "iso": "", "country": ev.get("country") or "", "admin1": ev.get("admin1") or "",
        "admin2": ev.get("admin2") or "", "admin3": "", "location": ev.get("location") or "",
        "latitude": ev.get("latitude") if ev.get("latitude") is not None else "",
        "longitude": ev.get("longitude") if ev.get("longitude") is not None else "",
        "geo_precision": ev.get("geo_precision") or "", "source": ev.get("source") or "",
        "source_scale": "", "notes": ev.get("notes") or "", "fatalities": ev.get("fatalities") or 0,
        "tags": "", "timestamp": "", "iso3": ev.get("iso3") or "",
    }


def _table(items: list[dict], out: IO[str]) -> None:
    width = shutil.get_terminal_size((160, 20)).columns
    cols = [("date", 10), ("sub_event_type", 24), ("actor1", 26), ("actor2", 22), ("location", 18),
            ("admin1", 14), ("fat", 4), ("mod", 8), ("source", 18)]
    header = "  ".join(name.ljust(w) for name, w in cols)
    n_docs = n_ev = 0
    for d in items:
        n_docs += 1
        if "error" in d:
            out.write(f"! {d.get('doc_id')}: {d['error']['code']}: {d['error']['message']}\n")
            continue
        out.write(f"\n# {d['doc_id']}  {d.get('title') or ''}  published {d.get('publication_date') or 'unknown'}\n")
        evs = d.get("events", [])
        if not evs:
            out.write("  (no events)\n")
        else:
            out.write("  " + header[: width - 2] + "\n")
        for ev in evs:
            n_ev += 1
            sub = ev.get("sub_event_type") or f"[{ev.get('plover_event') or '-'}]"
            vals = [ev.get("event_date") or "?", sub, ev.get("actor1") or "", ev.get("actor2") or "",
                    ev.get("location") or "", ev.get("admin1") or "", str(ev.get("fatalities", 0)),
                    ev.get("modality") or "", ev.get("source") or ""]
            line = "  ".join(str(v)[:w].ljust(w) for v, (_, w) in zip(vals, cols))
            out.write("  " + line[: width - 2] + "\n")
        for t in d.get("tolls", []):
            hi = t.get("count_high")
            rng = f"{t.get('count_low')}" + (f"-{hi}" if hi and hi != t.get("count_low") else ("+" if hi is None else ""))
            out.write(f"  toll: {t['scope']} {t['kind']} {rng} ({t.get('period_start') or '?'}..{t.get('period_end') or '?'}) "
                      f"{t.get('location') or ''}: \"{t['evidence'][0]['text'][:80]}\"\n")
    out.write(f"\n{n_docs} document(s), {n_ev} event(s)\n")


def geojson(items: Iterable[dict]) -> dict:
    """A GeoJSON FeatureCollection: one Point feature per event (or stored incident), with the
    record as its properties; events without coordinates keep a null geometry, as GeoJSON allows."""
    feats = []
    for doc_id, ev in _events_with_doc(items):
        lat, lon = ev.get("latitude"), ev.get("longitude")
        geom = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
        props = dict(ev)
        props.setdefault("doc_id", doc_id)
        feats.append({"type": "Feature", "id": ev.get("incident_id") or f"{doc_id}:{ev.get('event_id')}",
                      "geometry": geom, "properties": props})
    return {"type": "FeatureCollection", "features": feats}


# characters that str.splitlines() (and many line readers) treat as line ends but JSON leaves raw
_LINE_BREAKERS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def jsonl_line(d: dict) -> str:
    """One JSON Lines record: UTF-8 text kept readable, but never split by a reader's splitlines()."""
    return json.dumps(d, ensure_ascii=False).translate(_LINE_BREAKERS) + "\n"


def write_documents(items: Iterable[dict], fmt: str, out: IO[str]) -> None:
    """Write contract dicts (documents, or stored incidents) in ``fmt``; streams for jsonl/csv."""
    if fmt == "jsonl":
        for d in items:
            out.write(jsonl_line(d))
            out.flush()
    elif fmt == "json":
        json.dump(list(items), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        w = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for doc_id, ev in _events_with_doc(items):
            w.writerow(_flat(doc_id, ev))
    elif fmt == "acled-csv":
        w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
        w.writeheader()
        for n, (doc_id, ev) in enumerate(_events_with_doc(items)):
            if ev.get("event_type"):
                w.writerow(_acled_row(doc_id, ev, n))
    elif fmt == "geojson":
        json.dump(geojson(items), out, ensure_ascii=False)
        out.write("\n")
    elif fmt == "parquet":
        from marsad.output.tables import write_events_parquet
        binary = getattr(out, "buffer", out)
        if getattr(out, "isatty", lambda: False)():
            from marsad.errors import ConfigError
            raise ConfigError("--format parquet writes binary: give --output FILE or redirect stdout to a file")
        out.flush()
        write_events_parquet(items, binary)
        binary.flush()
    elif fmt == "table":
        _table(list(items), out)
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
