"""Queries over stored incidents for the API and the dashboard: filters, pages, GeoJSON, timelines,
actors, places and tolls.

Everything here reads the store through its public interface (``incidents()``, ``documents()``,
``counts()``), so it works on whatever backend the store has. A :class:`Snapshot` holds the decoded
incidents in memory; :class:`SnapshotCache` rebuilds it only when the store's counts change, so a
dashboard's many small requests do not each decode every record.

Filters are the store's (:class:`~marsad.store.base.Filters`, what ``marsad events`` takes), and
:func:`matches` applies them as the store's SQL does: ``country`` is a name or ISO3 code,
``event_type`` an ACLED event type, sub-event type or PLOVER class, ``actor`` part of actor1 or
actor2, all case-insensitive; dates are inclusive.
"""
from __future__ import annotations

import threading
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Iterable, Optional

from marsad.store.base import Filters

ACTOR_FIELDS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")


def matches(f: Filters, inc: dict) -> bool:
    """Whether an incident passes the filters: the same test as :meth:`BaseStore.incidents`' SQL."""
    if f.country:
        c = f.country.lower()
        if (inc.get("country") or "").lower() != c and (inc.get("iso3") or "").lower() != c:
            return False
    if f.admin1 and (inc.get("admin1") or "").lower() != f.admin1.lower():
        return False
    if f.event_type:
        t = f.event_type.lower()
        if t not in {(inc.get(k) or "").lower() for k in ("event_type", "sub_event_type", "plover_event")}:
            return False
    if f.sub_event_type and (inc.get("sub_event_type") or "").lower() != f.sub_event_type.lower():
        return False
    if f.actor:
        a = f.actor.lower()
        if not any(a in (inc.get(k) or "").lower() for k in ("actor1", "actor2")):
            return False
    if f.since and not (inc.get("event_date") and inc["event_date"] >= f.since):
        return False
    if f.until and not (inc.get("event_date") and inc["event_date"] <= f.until):
        return False
    if f.bbox:
        west, south, east, north = f.bbox
        lat, lon = inc.get("latitude"), inc.get("longitude")
        if lat is None or lon is None or not south <= lat <= north:
            return False
        if (west <= east and not west <= lon <= east) or (west > east and not (lon >= west or lon <= east)):
            return False
    if f.min_fatalities is not None and int(inc.get("fatalities") or 0) < f.min_fatalities:
        return False
    if f.acled_only and not inc.get("event_type"):
        return False
    return True


class Snapshot:
    """Every stored incident, decoded once, newest first; tolls are read on first use."""

    def __init__(self, incidents: list[dict]):
        self.incidents = sorted(incidents, key=lambda i: (i.get("event_date") or "", i["incident_id"]), reverse=True)
        self.by_id = {i["incident_id"]: i for i in self.incidents}
        self._tolls: Optional[list[dict]] = None
        self._memo: dict = {}
        self._lock = threading.Lock()

    @classmethod
    def load(cls, store) -> "Snapshot":
        return cls(list(store.incidents()))

    def with_tolls(self, store) -> list[dict]:
        with self._lock:
            if self._tolls is None:
                self._tolls = list(_tolls_of(store.documents()))
            return self._tolls

    def select(self, f: Filters) -> list[dict]:
        return [i for i in self.incidents if matches(f, i)]

    def cached(self, key, make):
        """``make()``'s result, kept for this snapshot (the last 64 keys): the dashboard asks the same
        questions of an unchanged store again and again."""
        with self._lock:
            if key in self._memo:
                self._memo[key] = self._memo.pop(key)  # most recent last
                return self._memo[key]
        value = make()
        with self._lock:
            self._memo[key] = value
            while len(self._memo) > 64:
                self._memo.pop(next(iter(self._memo)))
        return value


class SnapshotCache:
    """One snapshot per store, rebuilt when the store's document or incident count changes."""

    def __init__(self):
        self._key = None
        self._snap: Optional[Snapshot] = None
        self._lock = threading.Lock()

    def get(self, store) -> Snapshot:
        counts = store.counts()
        key = (getattr(store, "label", id(store)), counts.get("documents"), counts.get("incidents"))
        with self._lock:
            if self._snap is None or key != self._key:
                self._snap = Snapshot.load(store)
                self._key = key
            return self._snap


def _tolls_of(documents: Iterable[dict]) -> Iterable[dict]:
    for d in documents:
        for n, t in enumerate(d.get("tolls") or []):
            yield dict(t, toll_id=f"{d['doc_id']}:{n}", doc_id=d["doc_id"], title=d.get("title"),
                       publication_date=d.get("publication_date"))


# ---------------------------------------------------------------------- summaries
SUMMARY_FIELDS = ("incident_id", "event_date", "event_type", "sub_event_type", "plover_event", "actor1", "actor2",
                  "country", "iso3", "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities",
                  "fatalities_low", "fatalities_high", "modality", "source")


def summary(inc: dict) -> dict:
    s = {k: inc.get(k) for k in SUMMARY_FIELDS}
    s["fatalities"] = int(s["fatalities"] or 0)
    s["reports"] = len(inc.get("reports") or [])
    return s


def page(rows: list, limit: int, offset: int) -> dict:
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset:offset + limit]}


MAP_FIELDS = ("incident_id", "event_date", "event_type", "sub_event_type", "plover_event", "actor1", "actor2",
              "country", "admin1", "location", "fatalities")


def geojson(rows: Iterable[dict]) -> dict:
    """Incidents with coordinates as a GeoJSON FeatureCollection (RFC 7946: [longitude, latitude]),
    each with what a map shows of it (the rest is one ``/api/incidents/{id}`` away)."""
    features = []
    without = 0
    for inc in rows:
        lat, lon = inc.get("latitude"), inc.get("longitude")
        if lat is None or lon is None:
            without += 1
            continue
        props = {k: inc.get(k) for k in MAP_FIELDS}
        props["fatalities"] = int(props["fatalities"] or 0)
        features.append({"type": "Feature", "id": inc["incident_id"],
                         "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                         "properties": props})
    return {"type": "FeatureCollection", "features": features, "without_coordinates": without}


def period_start(day: str, interval: str) -> str:
    d = date.fromisoformat(day)
    if interval == "week":
        d = d - timedelta(days=d.weekday())  # ISO weeks start on Monday
    elif interval == "month":
        d = d.replace(day=1)
    return d.isoformat()


def timeline(rows: Iterable[dict], interval: str = "day") -> dict:
    """Events and fatalities per period (day, ISO week starting Monday, or month) and event type;
    ``auto``: a week per period up to two years of events, a month beyond."""
    if interval == "auto":
        rows = list(rows)
        dates = [i["event_date"] for i in rows if i.get("event_date")]
        span = (date.fromisoformat(max(dates)) - date.fromisoformat(min(dates))).days if dates else 0
        interval = "month" if span > 2 * 366 else "week"
    if interval not in ("day", "week", "month"):
        raise ValueError(f"interval must be day, week, month or auto, not {interval!r}")
    buckets: dict = defaultdict(lambda: [0, 0])
    undated = 0
    for inc in rows:
        day = inc.get("event_date")
        try:
            p = period_start(day, interval) if day else None
        except ValueError:
            p = None
        if p is None:
            undated += 1
            continue
        b = buckets[(p, inc.get("event_type") or "(outside ACLED)")]
        b[0] += 1
        b[1] += int(inc.get("fatalities") or 0)
    items = [{"period": p, "event_type": t, "events": e, "fatalities": f}
             for (p, t), (e, f) in sorted(buckets.items())]
    return {"interval": interval, "buckets": items, "undated": undated}


def actors(rows: Iterable[dict]) -> list[dict]:
    """Each actor named in the incidents, with how many incidents name it in which role, and their fatalities."""
    acc: dict = defaultdict(lambda: {"incidents": 0, "as_actor1": 0, "as_actor2": 0, "associated": 0, "fatalities": 0})
    for inc in rows:
        names = set()
        for k in ACTOR_FIELDS:
            for name in _names(inc.get(k)):
                a = acc[name]
                a["as_actor1" if k == "actor1" else "as_actor2" if k == "actor2" else "associated"] += 1
                names.add(name)
        for name in names:
            acc[name]["incidents"] += 1
            acc[name]["fatalities"] += int(inc.get("fatalities") or 0)
    return [dict(name=n, **v) for n, v in sorted(acc.items(), key=lambda kv: (-kv[1]["incidents"], kv[0]))]


def _names(value) -> list[str]:
    if not value:
        return []
    return [p.strip() for p in str(value).split(";") if p.strip()]


def places(rows: Iterable[dict]) -> list[dict]:
    """Each location of the incidents, with its coordinates, incident count and fatalities."""
    acc: dict = {}
    for inc in rows:
        if not inc.get("location") and not inc.get("country"):
            continue
        key = (inc.get("location"), inc.get("admin1"), inc.get("country"))
        p = acc.get(key)
        if p is None:
            p = acc[key] = {"location": inc.get("location"), "admin1": inc.get("admin1"), "country": inc.get("country"),
                            "iso3": inc.get("iso3"), "latitude": inc.get("latitude"),
                            "longitude": inc.get("longitude"), "geo_precision": inc.get("geo_precision"),
                            "incidents": 0, "fatalities": 0}
        p["incidents"] += 1
        p["fatalities"] += int(inc.get("fatalities") or 0)
    return sorted(acc.values(), key=lambda p: (-p["incidents"], p["location"] or "", p["country"] or ""))


def facets(rows: list[dict]) -> dict:
    """What the dashboard's filters offer: countries, event types and the date range present."""
    countries = Counter(i.get("country") for i in rows if i.get("country"))
    types = Counter(i.get("event_type") for i in rows if i.get("event_type"))
    dates = sorted(i["event_date"] for i in rows if i.get("event_date"))
    return {"countries": [{"name": c, "incidents": n} for c, n in sorted(countries.items())],
            "event_types": [{"name": t, "incidents": n} for t, n in sorted(types.items())],
            "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
            "incidents": len(rows)}


def select_tolls(tolls: list[dict], *, since: Optional[str] = None, until: Optional[str] = None,
                 kind: Optional[str] = None, scope: Optional[str] = None) -> list[dict]:
    """Tolls whose period (or, without one, publication date) overlaps [since, until]."""
    out = []
    for t in tolls:
        if kind and (t.get("kind") or "").lower() != kind.lower():
            continue
        if scope and (t.get("scope") or "").lower() != scope.lower():
            continue
        start = t.get("period_start") or t.get("publication_date")
        end = t.get("period_end") or t.get("publication_date") or start
        if since and not (end and end >= since):
            continue
        if until and not (start and start <= until):
            continue
        out.append(t)
    return out


def incident_detail(store, inc: dict) -> dict:
    """An incident with every report: the report's document (title, source, text), its figures and its
    evidence spans, and the figures of all reports side by side."""
    reports = []
    docs: dict = {}
    for r in inc.get("reports") or []:
        doc = docs.get(r["doc_id"])
        if doc is None:
            doc = docs[r["doc_id"]] = store.document(r["doc_id"]) or {"doc_id": r["doc_id"]}
        reports.append(dict(r, title=doc.get("title"), url=doc.get("url"), text=doc.get("text"),
                            outlet=doc.get("source"),
                            publication_date=r.get("publication_date") or doc.get("publication_date")))
    figures = [{"doc_id": r["doc_id"], "source": r.get("source") or r.get("outlet"), "publication_date": r.get("publication_date"),
                "fatalities": r.get("fatalities"), "fatalities_low": r.get("fatalities_low"),
                "fatalities_high": r.get("fatalities_high")} for r in reports]
    detail = dict(inc, reports=reports, figures=figures)
    detail.setdefault("revisions", [])
    return detail
