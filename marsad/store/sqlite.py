"""The embedded store: SQLite, one file, nothing to run (the default)."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from marsad.errors import StoreError
from marsad.store.base import BaseStore


class SQLiteStore(BaseStore):
    dialect = "sqlite"
    integrity_errors = (sqlite3.IntegrityError,)
    database_errors = (sqlite3.DatabaseError,)

    def __init__(self, path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # autocommit mode: transactions are explicit (BaseStore.transaction)
            conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=60)
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable at every checkpoint, never corrupt
            super().__init__(conn, str(self.path))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc

    def _begin_sql(self) -> str:
        return "BEGIN IMMEDIATE"  # take the write lock now: no deadlock upgrading a read lock
