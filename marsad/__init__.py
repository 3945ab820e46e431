"""marsad: news text to ACLED-compatible, geocoded, deduplicated conflict event records."""
from __future__ import annotations

__version__ = "0.1.0"
CONTRACT_VERSION = "1"

__all__ = ["__version__", "CONTRACT_VERSION"]
