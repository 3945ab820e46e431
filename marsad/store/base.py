"""The store interface and everything the backends share.

Every backend (``sqlite.py``, ``postgres.py``) gives a DB-API connection in autocommit mode, its
dialect name, and the exception classes of its driver; the SQL here is written once, with ``?``
placeholders, in the portable subset both databases accept.

* Idempotent: a document is keyed by the hash of its normalised text (``content_hash``); ingesting
  it again changes nothing (``skipped``), so re-running a job over the same input is safe.
* Atomic: :meth:`BaseStore.add_documents` writes a batch in one transaction; a crash (even SIGKILL)
  leaves every earlier batch stored and nothing of the interrupted one. Inside a batch each
  document has its own savepoint, so one bad document fails alone.
* Schema changes are named, recorded migrations (``migrations.py``, table ``migrations``), applied
  in order on both databases.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Iterator, Optional, Sequence

from marsad.errors import StoreError
from marsad.ingest.normalize import doc_hash
from marsad.store.migrations import MIGRATIONS, statements

ADDED, SKIPPED, FAILED = "added", "skipped", "failed"


@dataclass
class StoreStats:
    added: int = 0
    skipped: int = 0
    failed: int = 0
    events: int = 0


@dataclass(frozen=True)
class Outcome:
    """What happened to one document of a batch: ``added``, ``skipped`` (already stored) or ``failed``."""
    status: str
    doc_id: str
    events: int = 0
    merges: int = 0  # events of the document merged into incidents already stored
    message: Optional[str] = None


@dataclass(frozen=True)
class Filters:
    """Filters of :meth:`BaseStore.incidents`; every field is optional and they combine with AND.

    ``bbox`` is (west, south, east, north) in degrees, as GeoJSON orders it.
    """
    country: Optional[str] = None
    admin1: Optional[str] = None
    event_type: Optional[str] = None
    sub_event_type: Optional[str] = None
    actor: Optional[str] = None
    since: Optional[str] = None
    until: Optional[str] = None
    bbox: Optional[tuple] = None
    min_fatalities: Optional[int] = None
    acled_only: bool = False
    limit: Optional[int] = None


class BaseStore:
    """Documents and the incidents extracted from them. Use :func:`marsad.store.open_store`."""

    dialect = "?"
    integrity_errors: tuple = ()
    database_errors: tuple = ()

    def __init__(self, conn, label: str):
        self.conn = conn
        self.label = label
        self._depth = 0  # transaction nesting: 0 = none, 1 = transaction, >1 = savepoints
        self._migrate()
        self._merge_backfill()

    # ------------------------------------------------------------------ plumbing
    def close(self):
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _sql(self, sql: str) -> str:
        return sql

    def execute(self, sql: str, args: Sequence = ()):
        """Run one statement written with ``?`` placeholders; returns the cursor."""
        if args:
            return self.conn.execute(self._sql(sql), tuple(args))
        return self.conn.execute(self._sql(sql))

    def _begin_sql(self) -> str:
        return "BEGIN"

    @contextmanager
    def transaction(self):
        """A transaction (or, nested, a savepoint): committed when the block ends, rolled back on error."""
        self._depth += 1
        sp = f"sp{self._depth}"
        try:
            self.execute(self._begin_sql() if self._depth == 1 else f"SAVEPOINT {sp}")
            try:
                yield self
            except BaseException:
                self.execute("ROLLBACK" if self._depth == 1 else f"ROLLBACK TO SAVEPOINT {sp}")
                if self._depth > 1:
                    self.execute(f"RELEASE SAVEPOINT {sp}")
                raise
            self.execute("COMMIT" if self._depth == 1 else f"RELEASE SAVEPOINT {sp}")
        finally:
            self._depth -= 1

    def _lock_migrations(self):
        """Serialise concurrent migrators (inside the migration transaction)."""

    def _migrate(self):
        self.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        for m in MIGRATIONS:
            with self.transaction():
                self._lock_migrations()
                if self.execute("SELECT 1 FROM migrations WHERE name = ?", (m.name,)).fetchone():
                    continue
                for stmt in statements(m.for_dialect(self.dialect)):
                    self.execute(stmt)
                self.execute("INSERT INTO migrations VALUES (?, ?)", (m.name, _now()))

    def applied_migrations(self) -> list[str]:
        return [r[0] for r in self.execute("SELECT name FROM migrations ORDER BY name")]

    # ------------------------------------------------------------------ writing
    def has_text(self, text: str) -> bool:
        return self.execute("SELECT 1 FROM documents WHERE content_hash = ?", (doc_hash(text),)).fetchone() is not None

    def add_document(self, doc: dict, text: str, origin: Optional[str] = None) -> bool:
        """Store one processed document (a contract dict) and its events as incidents.

        Returns False when a document with the same text is already stored; raises StoreError
        when its id is stored for a different text (what is stored is kept).
        """
        out = self.add_documents([(doc, text, origin)])[0]
        if out.status == FAILED:
            raise StoreError(out.message)
        return out.status == ADDED

    def add_documents(self, items: Iterable[tuple]) -> list[Outcome]:
        """Store a batch of ``(contract dict, text, origin)`` in one transaction.

        Either the whole batch is stored or none of it (a crash mid-batch stores nothing of it);
        a document that cannot be stored (an id clash) is rolled back alone and reported ``failed``.
        """
        outcomes = []
        try:
            with self.transaction():
                for doc, text, origin in items:
                    outcomes.append(self._add_one(doc, text, origin))
        except self.database_errors as exc:
            raise StoreError(f"{self.label}: cannot write documents ({exc})") from exc
        return outcomes

    def _add_one(self, doc: dict, text: str, origin: Optional[str]) -> Outcome:
        h = doc_hash(text)
        if self.execute("SELECT 1 FROM documents WHERE content_hash = ?", (h,)).fetchone():
            return Outcome(SKIPPED, doc["doc_id"])
        try:
            with self.transaction():
                self.execute(
                    "INSERT INTO documents (doc_id, content_hash, title, source, url, publication_date, language,"
                    " origin, text, result_json, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (doc["doc_id"], h, doc.get("title"), doc.get("source"), doc.get("url"),
                     doc.get("publication_date"), doc.get("language"), origin, text,
                     json.dumps(doc, ensure_ascii=False), _now()))
                incident_ids = self._add_incidents(doc, h, text) or []
        except self.integrity_errors as exc:
            if self.execute("SELECT 1 FROM documents WHERE content_hash = ?", (h,)).fetchone():
                return Outcome(SKIPPED, doc["doc_id"])  # another writer stored the same text meanwhile
            # the same doc_id with different text: keep what is stored, report the clash
            return Outcome(FAILED, doc["doc_id"], message=f"document {doc['doc_id']!r}: id already stored "
                                                           f"for a different text ({_first_line(exc)})")
        return Outcome(ADDED, doc["doc_id"], events=len(doc.get("events", [])),
                       merges=self._merged_count(incident_ids, doc["doc_id"]))

    def _merged_count(self, incident_ids, doc_id: str) -> int:
        """How many of the incidents a document's reports joined hold other documents' reports too."""
        n = 0
        for inc_id in dict.fromkeys(incident_ids):
            inc = self.incident(inc_id)
            if inc is not None and any(d != doc_id for d in inc.get("documents") or []):
                n += 1
        return n

    def _add_incidents(self, doc: dict, h: str, text: str) -> list[str]:
        """The document's events become reports, merged with the stored reports of the same
        incidents (``merging.py``); the rest become incidents of their own. Returns the ids of the
        incidents the document's reports belong to."""
        from marsad.store.merging import MergeIndex
        return MergeIndex(self).add_document(doc, h, text)

    def _merge_backfill(self) -> None:
        """Documents stored before cross-document merging existed get their reports merged now."""
        from marsad.store.merging import MergeIndex
        index = MergeIndex(self)
        for doc_id in index.missing_documents():
            row = self.execute("SELECT result_json, content_hash, text FROM documents WHERE doc_id = ?",
                               (doc_id,)).fetchone()
            if row is not None:
                with self.transaction():
                    index.add_document(json.loads(row[0]), row[1], row[2])

    def unmerge(self, incident_id: str, doc_id: str) -> list[str]:
        """Split ``doc_id``'s reports out of an incident. The split is recorded (``merge_splits``)
        and holds for every later ingestion. Returns the incidents the document's reports now form."""
        from marsad.store.merging import MergeIndex
        inc = self.incident(incident_id)
        if inc is None:
            raise StoreError(f"no incident {incident_id!r} in {self.label}")
        docs = inc.get("documents") or []
        if doc_id not in docs:
            raise StoreError(f"incident {inc['incident_id']}: document {doc_id!r} is not one of its reports "
                             f"({', '.join(docs)})")
        if len(docs) < 2:
            raise StoreError(f"incident {inc['incident_id']}: {doc_id!r} is its only document; nothing to split")
        with self.transaction():
            return MergeIndex(self).split(inc["incident_id"], doc_id, _now())

    def write_incident(self, record: dict) -> None:
        """Insert or update an incident from its record (the output contract's event, plus
        ``incident_id``, ``documents`` and ``reports``); the filter columns are taken from it."""
        cols = _incident_columns(record)
        names = ", ".join(cols)
        marks = ",".join("?" * len(cols))
        updates = ", ".join(f"{c} = excluded.{c}" for c in cols if c != "incident_id")
        self.execute(f"INSERT INTO incidents ({names}) VALUES ({marks}) ON CONFLICT (incident_id) DO UPDATE SET {updates}",
                     list(cols.values()))

    # ------------------------------------------------------------------ reading
    def incidents(self, filters: Optional[Filters] = None, **kw) -> Iterator[dict]:
        """Stored incidents, by event date then id, filtered by a :class:`Filters` or its fields as keywords."""
        f = filters or Filters(**kw)
        q = "SELECT record_json FROM incidents WHERE 1=1"
        args: list = []
        if f.country:
            q += " AND (lower(country) = lower(?) OR upper(iso3) = upper(?))"
            args += [f.country, f.country]
        if f.admin1:
            q += " AND lower(admin1) = lower(?)"
            args.append(f.admin1)
        if f.event_type:
            q += " AND (lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?) OR upper(plover_event) = upper(?))"
            args += [f.event_type, f.event_type, f.event_type]
        if f.sub_event_type:
            q += " AND lower(sub_event_type) = lower(?)"
            args.append(f.sub_event_type)
        if f.actor:
            pat = "%" + f.actor.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            q += " AND (lower(actor1) LIKE ? ESCAPE '\\' OR lower(actor2) LIKE ? ESCAPE '\\')"
            args += [pat, pat]
        if f.since:
            q += " AND event_date >= ?"
            args.append(f.since)
        if f.until:
            q += " AND event_date <= ?"
            args.append(f.until)
        if f.bbox:
            west, south, east, north = f.bbox
            q += " AND latitude BETWEEN ? AND ?"
            args += [south, north]
            if west <= east:
                q += " AND longitude BETWEEN ? AND ?"
                args += [west, east]
            else:  # a box across the antimeridian
                q += " AND (longitude >= ? OR longitude <= ?)"
                args += [west, east]
        if f.min_fatalities is not None:
            q += " AND fatalities >= ?"
            args.append(int(f.min_fatalities))
        if f.acled_only:
            q += " AND event_type IS NOT NULL"
        q += " ORDER BY event_date, incident_id"
        if f.limit:
            q += f" LIMIT {int(f.limit)}"
        for (js,) in self.execute(q, args).fetchall():
            yield json.loads(js)

    def incident(self, incident_id: str) -> Optional[dict]:
        """One incident by id, or by a unique prefix of at least 6 characters; None when absent."""
        row = self.execute("SELECT record_json FROM incidents WHERE incident_id = ?", (incident_id,)).fetchone()
        if row is None and len(incident_id) >= 6 and incident_id.isalnum():
            rows = self.execute("SELECT record_json FROM incidents WHERE incident_id LIKE ?",
                                (incident_id + "%",)).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return json.loads(row[0]) if row else None

    def document(self, doc_id: str) -> Optional[dict]:
        """One stored document: its metadata, its text and its processed result (``result``), or None."""
        row = self.execute("SELECT doc_id, title, source, url, publication_date, language, text, result_json "
                           "FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        keys = ("doc_id", "title", "source", "url", "publication_date", "language", "text")
        return dict(zip(keys, row[:7]), result=json.loads(row[7]))

    def documents(self) -> Iterator[dict]:
        for (js,) in self.execute("SELECT result_json FROM documents ORDER BY ingested_at, doc_id").fetchall():
            yield json.loads(js)

    def counts(self) -> dict:
        n_doc = self.execute("SELECT count(*) FROM documents").fetchone()[0]
        n_inc = self.execute("SELECT count(*) FROM incidents").fetchone()[0]
        return {"documents": n_doc, "incidents": n_inc}


def report_of(doc: dict, ev: dict) -> dict:
    """The output contract's ``reports`` entry: one document's account of an incident."""
    return {"doc_id": doc["doc_id"], "event_id": ev["event_id"],
            "publication_date": doc.get("publication_date"),
            "source": ev.get("source") or doc.get("source"),
            "fatalities": ev.get("fatalities"), "fatalities_low": ev.get("fatalities_low"),
            "fatalities_high": ev.get("fatalities_high"), "evidence": ev.get("evidence")}


def _incident_columns(record: dict) -> dict:
    r = record
    return {"incident_id": r["incident_id"], "event_date": r.get("event_date"), "event_type": r.get("event_type"),
            "sub_event_type": r.get("sub_event_type"), "plover_event": r.get("plover_event"),
            "country": r.get("country"), "iso3": r.get("iso3"), "admin1": r.get("admin1"),
            "location": r.get("location"), "fatalities": int(r.get("fatalities") or 0),
            "actor1": r.get("actor1"), "actor2": r.get("actor2"),
            "latitude": r.get("latitude"), "longitude": r.get("longitude"),
            "record_json": json.dumps(r, ensure_ascii=False)}


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
