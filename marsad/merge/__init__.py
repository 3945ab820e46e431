"""Merging event mentions into incidents: within a document (now) and across documents (store)."""
from marsad.merge.within import merge_events, compatible

__all__ = ["merge_events", "compatible"]
