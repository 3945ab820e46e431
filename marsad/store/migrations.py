"""Schema migrations, shared by every store backend.

A migration is a name and SQL written once for both SQLite and PostgreSQL, or a mapping
``{"sqlite": ..., "postgresql": ...}`` where the two dialects differ. Each store applies the
migrations it has not applied yet, in list order, each in its own transaction, and records the
name in the ``migrations`` table. Append new migrations at the end; never edit one that has landed
(a store that applied it would not apply the change).

Portable SQL used here: TEXT, INTEGER and DOUBLE PRECISION columns (SQLite maps the last to REAL),
``ON CONFLICT`` clauses, ``lower()``/``upper()``; JSON is stored as TEXT in both.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Union


@dataclass(frozen=True)
class Migration:
    name: str
    sql: Union[str, dict]

    def for_dialect(self, dialect: str) -> str:
        return self.sql if isinstance(self.sql, str) else self.sql[dialect]


MIGRATIONS: list[Migration] = [
    Migration("001_initial", """
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
    # Columns for the filters of `marsad events` (actor, bounding box), filled from the stored records.
    Migration("002_incident_actors_coordinates", {
        "sqlite": """
        ALTER TABLE incidents ADD COLUMN actor1 TEXT;
        ALTER TABLE incidents ADD COLUMN actor2 TEXT;
        ALTER TABLE incidents ADD COLUMN latitude DOUBLE PRECISION;
        ALTER TABLE incidents ADD COLUMN longitude DOUBLE PRECISION;
        UPDATE incidents SET actor1 = json_extract(record_json, '$.actor1'),
                             actor2 = json_extract(record_json, '$.actor2'),
                             latitude = json_extract(record_json, '$.latitude'),
                             longitude = json_extract(record_json, '$.longitude');
        CREATE INDEX incidents_admin1 ON incidents(admin1);
        CREATE INDEX incidents_latlon ON incidents(latitude, longitude);
        CREATE INDEX reports_doc ON reports(doc_id);
        """,
        "postgresql": """
        ALTER TABLE incidents ADD COLUMN actor1 TEXT;
        ALTER TABLE incidents ADD COLUMN actor2 TEXT;
        ALTER TABLE incidents ADD COLUMN latitude DOUBLE PRECISION;
        ALTER TABLE incidents ADD COLUMN longitude DOUBLE PRECISION;
        UPDATE incidents SET actor1 = record_json::json->>'actor1',
                             actor2 = record_json::json->>'actor2',
                             latitude = (record_json::json->>'latitude')::double precision,
                             longitude = (record_json::json->>'longitude')::double precision;
        CREATE INDEX incidents_admin1 ON incidents(admin1);
        CREATE INDEX incidents_latlon ON incidents(latitude, longitude);
        CREATE INDEX reports_doc ON reports(doc_id);
        """,
    }),
    # Cross-document merging (marsad/store/merging.py): each event as a report with its blocking keys,
    # and the splits users recorded with `marsad events unmerge`. Documents stored before it are
    # merged when the store is next opened (BaseStore._merge_backfill).
    Migration("003_cross_document_merging", """
    CREATE TABLE merge_reports (
        doc_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        iso3 TEXT,
        date_lo TEXT,
        date_hi TEXT,
        mergeable INTEGER NOT NULL,
        report_json TEXT NOT NULL,
        event_json TEXT NOT NULL,
        PRIMARY KEY (doc_id, event_id)
    );
    CREATE INDEX merge_reports_block ON merge_reports(iso3, date_lo);
    CREATE TABLE merge_splits (
        doc_a TEXT NOT NULL, event_a TEXT NOT NULL, doc_b TEXT NOT NULL, event_b TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (doc_a, event_a, doc_b, event_b)
    );
    """),
]


def statements(sql: str) -> list[str]:
    """Split a migration's SQL into statements (migrations hold no ';' inside literals)."""
    return [s.strip() for s in sql.split(";") if s.strip()]
