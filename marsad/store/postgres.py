"""PostgreSQL behind the same interface, for archives and many writers.

``open_store("postgresql://user:password@host:5432/dbname")``; the schema and behaviour are the
SQLite store's (``base.py``), the migrations the same list (``migrations.py``). Needs the
``psycopg`` driver (``pip install 'marsad[postgres]'``).
"""
from __future__ import annotations

import re

from marsad.errors import StoreError
from marsad.store.base import BaseStore

_MIGRATION_LOCK = 0x6D61727361640F  # pg_advisory_xact_lock key: one migrator at a time


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", url)


class PostgresStore(BaseStore):
    dialect = "postgresql"

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError(f"{_redact(url)}: PostgreSQL needs the psycopg driver: pip install 'marsad[postgres]'") from exc
        self.url = url
        self.integrity_errors = (psycopg.IntegrityError,)
        self.database_errors = (psycopg.Error,)
        try:
            conn = psycopg.connect(url, autocommit=True)  # transactions are explicit (BaseStore.transaction)
        except psycopg.Error as exc:
            raise StoreError(f"{_redact(url)}: cannot connect ({str(exc).strip().splitlines()[0]})") from exc
        try:
            super().__init__(conn, _redact(url))
        except psycopg.Error as exc:
            conn.close()
            raise StoreError(f"{_redact(url)}: cannot open the database ({exc})") from exc

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    def _lock_migrations(self):
        self.execute("SELECT pg_advisory_xact_lock(?)", (_MIGRATION_LOCK,))
