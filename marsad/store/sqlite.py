"""SQLite store for documents and the incidents extracted from them.

* Idempotent: a document is keyed by the hash of its normalised text; ingesting it again changes
  nothing (``skipped``), so re-running a job over the same folder is safe.
* Each document is written in one transaction: a failure leaves everything stored before intact.
* Schema changes are named, recorded migrations (table ``migrations``).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Optional

from marsad.errors import StoreError
from marsad.ingest.normalize import doc_hash

MIGRATIONS = [
    ("001_initial", """
    CREATE TABLE documents (
        doc_id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title TEXT, source TEXT, url TEXT, publication_date TEXT, language TEXT,
        origin TEXT, text TEXT NOT NULL, result_json TEXT NOT NULL, ingested_at TEXT NOT NULL
    );
    CREATE TABLE incidents (
        incident_id TEXT PRIMARY KEY,
        event_date TEXT, event_type TEXT, sub_event_type TEXT, plover_event TEXT,
        country TEXT, iso3 TEXT, admin1 TEXT, location TEXT, fatalities INTEGER NOT NULL DEFAULT 0,
        record_json TEXT NOT NULL
    );
    CREATE TABLE reports (
        incident_id TEXT NOT NULL REFERENCES incidents(incident_id) ON DELETE CASCADE,
        doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
        event_id TEXT NOT NULL,
        event_json TEXT NOT NULL,
        PRIMARY KEY (incident_id, doc_id, event_id)
    );
    CREATE INDEX incidents_date ON incidents(event_date);
    CREATE INDEX incidents_country ON incidents(country);
    CREATE INDEX incidents_type ON incidents(event_type, sub_event_type);
    """),
]


@dataclass
class StoreStats:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0


class Store:
    def __init__(self, path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(self.path))
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc

    def close(self):
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _migrate(self):
        c = self.conn
        c.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {r[0] for r in c.execute("SELECT name FROM migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with c:
                c.executescript("BEGIN;" + sql + f"INSERT INTO migrations VALUES ('{name}', '{_now()}'); COMMIT;")

    # ------------------------------------------------------------------ writing
    def has_text(self, text: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (doc_hash(text),)).fetchone() is not None

    def add_document(self, doc: dict, text: str, origin: Optional[str] = None) -> bool:
        """Store one processed document (a contract dict) and its events as incidents.

        Returns False when a document with the same text is already stored.
        """
        h = doc_hash(text)
        if self.conn.execute("SELECT 1 FROM documents WHERE content_hash = ?", (h,)).fetchone():
            return False
        try:
            with self.conn:
                self.conn.execute(
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (doc["doc_id"], h, doc.get("title"), doc.get("source"), doc.get("url"),
                     doc.get("publication_date"), doc.get("language"), origin, text,
                     json.dumps(doc, ensure_ascii=False), _now()))
                for ev in doc.get("events", []):
                    inc_id = hashlib.sha256(f"{h}|{ev['event_id']}".encode()).hexdigest()[:16]
                    report = {"doc_id": doc["doc_id"], "event_id": ev["event_id"],
                              "publication_date": doc.get("publication_date"),
                              "source": ev.get("source") or doc.get("source"),
                              "fatalities": ev.get("fatalities"), "fatalities_low": ev.get("fatalities_low"),
                              "fatalities_high": ev.get("fatalities_high"), "evidence": ev.get("evidence")}
                    record = dict(ev, incident_id=inc_id, documents=[doc["doc_id"]], reports=[report])
                    self.conn.execute(
                        "INSERT OR REPLACE INTO incidents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                        (inc_id, ev.get("event_date"), ev.get("event_type"), ev.get("sub_event_type"),
                         ev.get("plover_event"), ev.get("country"), ev.get("iso3"), ev.get("admin1"),
                         ev.get("location"), int(ev.get("fatalities") or 0), json.dumps(record, ensure_ascii=False)))
                    self.conn.execute("INSERT OR REPLACE INTO reports VALUES (?,?,?,?)",
                                      (inc_id, doc["doc_id"], ev["event_id"], json.dumps(ev, ensure_ascii=False)))
        except sqlite3.IntegrityError as exc:
            # the same doc_id with different text: keep what is stored, report the clash
            raise StoreError(f"document {doc['doc_id']!r}: id already stored for a different text ({exc})") from exc
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot write document {doc['doc_id']!r} ({exc})") from exc
        return True

    # ------------------------------------------------------------------ reading
    def incidents(self, *, country: Optional[str] = None, event_type: Optional[str] = None,
                  sub_event_type: Optional[str] = None, since: Optional[str] = None, until: Optional[str] = None,
                  acled_only: bool = False, limit: Optional[int] = None) -> Iterator[dict]:
        q = "SELECT record_json FROM incidents WHERE 1=1"
        args: list = []
        if country:
            q += " AND (lower(country) = lower(?) OR upper(iso3) = upper(?))"
            args += [country, country]
        if event_type:
            q += " AND (lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?) OR upper(plover_event) = upper(?))"
            args += [event_type, event_type, event_type]
        if sub_event_type:
            q += " AND lower(sub_event_type) = lower(?)"
            args.append(sub_event_type)
        if since:
            q += " AND event_date >= ?"
            args.append(since)
        if until:
            q += " AND event_date <= ?"
            args.append(until)
        if acled_only:
            q += " AND event_type IS NOT NULL"
        q += " ORDER BY event_date, incident_id"
        if limit:
            q += f" LIMIT {int(limit)}"
        for (js,) in self.conn.execute(q, args):
            yield json.loads(js)

    def documents(self) -> Iterator[dict]:
        for (js,) in self.conn.execute("SELECT result_json FROM documents ORDER BY ingested_at, doc_id"):
            yield json.loads(js)

    def counts(self) -> dict:
        n_doc = self.conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        n_inc = self.conn.execute("SELECT count(*) FROM incidents").fetchone()[0]
        return {"documents": n_doc, "incidents": n_inc}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
