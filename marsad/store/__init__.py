"""The embedded event store (SQLite)."""
from marsad.store.sqlite import Store, StoreStats

__all__ = ["Store", "StoreStats"]
