"""Merging event mentions into incidents: within a document (now) and across documents (store)."""
from marsad.merge.within import absorb_followups, compatible, merge_events

__all__ = ["merge_events", "compatible", "absorb_followups"]
