"""The event store: SQLite by default, PostgreSQL by URL, one interface (``base.BaseStore``).

    open_store()                                 # $MARSAD_DB, else marsad.sqlite in the data dir
    open_store("events.sqlite")                  # a SQLite file (or "sqlite:///path")
    open_store("postgresql://u:p@host/dbname")   # a PostgreSQL database
"""
from __future__ import annotations

import os
from typing import Optional, Union
from pathlib import Path

from marsad.store.base import ADDED, FAILED, SKIPPED, BaseStore, Filters, Outcome, StoreStats
from marsad.store.migrations import MIGRATIONS, Migration

__all__ = ["open_store", "store_target", "Store", "BaseStore", "Filters", "Outcome", "StoreStats",
           "ADDED", "SKIPPED", "FAILED", "MIGRATIONS", "Migration"]


def store_target(target: Optional[Union[str, Path]] = None) -> str:
    """The store a command uses: ``target`` (``--db``), else ``$MARSAD_DB``, else the default SQLite file."""
    if target:
        return str(target)
    if os.environ.get("MARSAD_DB"):
        return os.environ["MARSAD_DB"]
    from marsad.paths import default_db_path
    return str(default_db_path())


def is_postgres(target: str) -> bool:
    return str(target).startswith(("postgresql://", "postgres://"))


def open_store(target: Optional[Union[str, Path]] = None) -> BaseStore:
    """Open (creating and migrating as needed) the store at a path or URL; see the module doc."""
    t = store_target(target)
    if is_postgres(t):
        from marsad.store.postgres import PostgresStore
        return PostgresStore(t)
    if t.startswith("sqlite:///"):
        t = t[len("sqlite:///") - 1:] if t.startswith("sqlite:////") else t[len("sqlite:///"):]
    from marsad.store.sqlite import SQLiteStore
    return SQLiteStore(t)


# The earlier name: ``Store(path_or_url)`` opens a store exactly as ``open_store`` does.
Store = open_store
