"""Time: temporal expressions resolved against the publication date."""
from __future__ import annotations

from marsad.time.resolve import find_dates, resolve_expression

__all__ = ["find_dates", "resolve_expression"]
