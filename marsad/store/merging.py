"""The store's side of cross-document merging (the matching itself is ``marsad.merge.across``).

When a document is stored, each of its events becomes a report (table ``merge_reports``, with the
blocking keys country and date range). The reports linked to the new ones, directly or through
other linked reports, form the neighbourhood that is clustered again; its old incidents are replaced
by the new ones. Clustering a neighbourhood depends only on the reports in it and the recorded
splits, so the incidents do not depend on the order documents were ingested in.

``marsad events unmerge ID DOC`` records splits (table ``merge_splits``) between the document's
reports and the incident's other reports, then clusters the neighbourhood again; the splits are
read by every later clustering, so re-ingesting or adding documents never undoes them.

The tables come from migration ``003_cross_document_merging``; the SQL here is plain and runs
through the store's ``execute`` (``?`` placeholders), so it works on SQLite and PostgreSQL alike.
"""
from __future__ import annotations

import json
from typing import Iterable, Optional

from marsad.merge import across
from marsad.merge.across import Key, Link, Report

class MergeIndex:
    """Cross-document merging over an open store (inside the caller's transaction)."""

    def __init__(self, store):
        self.store = store

    def _exec(self, q: str, args: tuple = ()):
        return self.store.execute(q, args)

    # ------------------------------------------------------------------ writing
    def add_document(self, doc: dict, content_hash: str, text: str) -> list[str]:
        """Add the document's events as reports and cluster their neighbourhood; returns the ids
        of the incidents the document's reports now belong to."""
        from marsad.ingest.dateline import find_dateline
        found = find_dateline(text or "")
        dateline = found[0].isoformat() if found is not None else None
        keys = []
        lead = across.lead_words(doc, text)
        for ev in doc.get("events", []):
            r = across.make_report(ev, doc, content_hash, dateline, lead, text)
            if r.key in keys:  # the same event twice (same id: same content) is one report
                continue
            lo, hi = r.date_bounds
            self._exec("INSERT INTO merge_reports VALUES (?,?,?,?,?,?,?,?)",
                       (r.doc_id, r.event_id, r.iso3, lo, hi, int(r.mergeable),
                        json.dumps(across.report_to_dict(r), ensure_ascii=False),
                        json.dumps(ev, ensure_ascii=False)))
            keys.append(r.key)
        return self.recluster(keys)

    def recluster(self, seeds: Iterable[Key], extra_old: Iterable[str] = ()) -> list[str]:
        """Cluster again the neighbourhood of ``seeds`` and rewrite its incidents."""
        reports, events = {}, {}
        seeds = list(seeds)
        for k in seeds:
            got = self._load(k)
            if got is not None:
                reports[k], events[k] = got
        component = set(reports)
        frontier = sorted(k for k in component if reports[k].mergeable)
        links: dict[tuple[Key, Key], Link] = {}
        while frontier:
            r = reports[frontier.pop()]
            for c, ev in self._candidates(r):
                if c.key not in reports:
                    reports[c.key], events[c.key] = c, ev
                lk = across.compare(r, c)
                if lk is None or lk.score < across.SCORE_THRESHOLD:
                    continue
                links[(lk.a, lk.b)] = lk
                if c.key not in component:
                    component.add(c.key)
                    frontier.append(c.key)
        members = [reports[k] for k in sorted(component)]
        splits = self._splits(component)
        groups = across.cluster(members, links.values(), splits)
        old = set(extra_old)
        for k in component:
            for (inc,) in self._exec("SELECT incident_id FROM reports WHERE doc_id = ? AND event_id = ?", k).fetchall():
                old.add(inc)
        for inc in old:
            self._exec("DELETE FROM reports WHERE incident_id = ?", (inc,))
            self._exec("DELETE FROM incidents WHERE incident_id = ?", (inc,))
        out = {}
        for g in groups:
            record = across.combine(g, events, links.values())
            self._write_incident(record, g, events)
            for r in g:
                out[r.key] = record["incident_id"]
        return sorted({out[k] for k in seeds if k in out})

    def _write_incident(self, record: dict, group: list[Report], events: dict) -> None:
        inc = record["incident_id"]
        self.store.write_incident(record)
        for r in group:
            self._exec("INSERT INTO reports (incident_id, doc_id, event_id, event_json) VALUES (?,?,?,?)",
                       (inc, r.doc_id, r.event_id, json.dumps(events[r.key], ensure_ascii=False)))

    def split(self, incident_id: str, doc_id: str, when: str) -> list[str]:
        """Record that ``doc_id``'s reports are not the incident's other reports; re-cluster."""
        rows = self._exec("SELECT doc_id, event_id FROM reports WHERE incident_id = ?", (incident_id,)).fetchall()
        keys = [(str(d), str(e)) for d, e in rows]
        # every report of the document, so that none of its other events takes the place of the split one
        mine = [(str(d), str(e)) for d, e in self._exec(
            "SELECT doc_id, event_id FROM merge_reports WHERE doc_id = ?", (doc_id,)).fetchall()]
        others = [k for k in keys if k[0] != doc_id]
        for a in mine:
            for b in others:
                x, y = sorted((a, b))
                self._exec("DELETE FROM merge_splits WHERE doc_a = ? AND event_a = ? AND doc_b = ? AND event_b = ?",
                           (x[0], x[1], y[0], y[1]))
                self._exec("INSERT INTO merge_splits VALUES (?,?,?,?,?)", (x[0], x[1], y[0], y[1], when))
        self.recluster(sorted(set(keys) | set(mine)), extra_old=[incident_id])
        moved = [k for k in keys if k[0] == doc_id]
        return sorted({inc for k in moved for (inc,) in self._exec(
            "SELECT incident_id FROM reports WHERE doc_id = ? AND event_id = ?", k).fetchall()})

    # ------------------------------------------------------------------ reading
    def _load(self, k: Key) -> Optional[tuple[Report, dict]]:
        row = self._exec("SELECT report_json, event_json FROM merge_reports WHERE doc_id = ? AND event_id = ?",
                         k).fetchone()
        if row is None:
            return None
        return across.report_from_dict(json.loads(row[0])), json.loads(row[1])

    def _candidates(self, r: Report):
        lo, hi = r.date_bounds
        if lo is None or r.iso3 is None:
            return
        q = ("SELECT report_json, event_json FROM merge_reports WHERE mergeable = 1 AND iso3 = ? "
             "AND date_lo <= ? AND date_hi >= ? AND doc_id <> ?")
        for rj, ej in self._exec(q, (r.iso3, hi, lo, r.doc_id)).fetchall():
            yield across.report_from_dict(json.loads(rj)), json.loads(ej)

    def _splits(self, keys: set) -> list[tuple[Key, Key]]:
        docs = sorted({k[0] for k in keys})
        out = []
        for d in docs:
            for a0, a1, b0, b1 in self._exec(
                    "SELECT doc_a, event_a, doc_b, event_b FROM merge_splits WHERE doc_a = ?", (d,)).fetchall():
                if (a0, a1) in keys and (b0, b1) in keys:
                    out.append(((a0, a1), (b0, b1)))
        return out

    def missing_documents(self) -> list[str]:
        """Stored documents whose events have no reports here (stored before merging existed)."""
        q = ("SELECT DISTINCT r.doc_id FROM reports r LEFT JOIN merge_reports m "
             "ON m.doc_id = r.doc_id AND m.event_id = r.event_id WHERE m.doc_id IS NULL")
        return sorted(str(d) for (d,) in self._exec(q).fetchall())
