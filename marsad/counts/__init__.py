"""Counts: the number grammar and casualty figures (killed, injured, ...) with their scope."""
from __future__ import annotations

from marsad.counts.casualties import find_casualties
from marsad.counts.numbers import find_quantities, parse_quantity

__all__ = ["parse_quantity", "find_quantities", "find_casualties"]
