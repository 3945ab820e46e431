"""The embedded store: SQLite, one file, nothing to run (the default)."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from marsad.errors import StoreError
from marsad.store.base import BaseStore


def lock_timeout() -> float:
    """Seconds to wait for a lock held by another process ($MARSAD_LOCK_TIMEOUT, default 60)."""
    try:
        return float(os.environ.get("MARSAD_LOCK_TIMEOUT", "60"))
    except ValueError:
        return 60.0


class SQLiteStore(BaseStore):
    dialect = "sqlite"
    integrity_errors = (sqlite3.IntegrityError,)
    database_errors = (sqlite3.DatabaseError,)

    def __init__(self, path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # autocommit mode: transactions are explicit (BaseStore.transaction)
            # a writer waits this long for another process's lock before giving up with a clear error
            conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=lock_timeout())
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable at every checkpoint, never corrupt
            super().__init__(conn, str(self.path))
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc

    def _begin_sql(self) -> str:
        return "BEGIN IMMEDIATE"  # take the write lock now: no deadlock upgrading a read lock
