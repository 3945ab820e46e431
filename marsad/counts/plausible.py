"""Figures beyond belief: a count of people larger than any real event could have.

"killed 10000000000000000000000000000 people" is a typo, a spoof or a scrape gone wrong. Such a
casualty is not coded (it would poison every total it joined) and not silently dropped either: it
comes back as a warning naming the words and why they are not believable.

Ceilings (per category, for any scope, incident or whole war):

* more people than live on Earth (8.3 billion, UN World Population Prospects 2024) is impossible;
* killed, injured, missing, abducted or arrested: over 100 million. The deadliest war on record,
  the Second World War, killed 70-85 million people in six years;
* displaced: over 1 billion. UNHCR counted 123 million people forcibly displaced worldwide in 2024.
"""
from __future__ import annotations

from marsad.records import Casualty

WORLD_POPULATION = 8_300_000_000
CEILINGS = {"killed": 100_000_000, "injured": 100_000_000, "missing": 100_000_000, "abducted": 100_000_000,
            "arrested": 100_000_000, "displaced": 1_000_000_000}


def _largest(c: Casualty) -> int:
    figures = [c.best, c.low or 0, c.high or 0] + [v for v in (c.victims or {}).values() if isinstance(v, int)]
    return max(figures)


def implausibility(c: Casualty) -> str | None:
    """Why the figure of ``c`` is beyond belief, or None when it is believable."""
    n = _largest(c)
    if n > WORLD_POPULATION:
        return "more people than live on Earth"
    ceiling = CEILINGS.get(c.category, 100_000_000)
    if n > ceiling:
        return f"more than {ceiling:,} {c.category}, beyond any recorded war or disaster"
    return None


def screen_casualties(casualties: list[Casualty], text: str, offset: int = 0) -> tuple[list[Casualty], list[str]]:
    """(believable casualties, warnings for the others). ``offset`` is subtracted from the offsets
    the warnings quote (the length of a headline analysed ahead of the text)."""
    kept: list[Casualty] = []
    warnings: list[str] = []
    for c in casualties:
        why = implausibility(c)
        if why is None:
            kept.append(c)
            continue
        where = (f"characters {c.start - offset}-{c.end - offset}" if c.start >= offset
                 else f"title characters {c.start}-{c.end}")
        words = text[c.start:c.end]
        if len(words) > 80:
            words = words[:60] + "..." + words[-17:]
        warnings.append(f"implausible figure: {words!r} ({c.category}, {where}) is {why}; not coded")
    return kept, warnings
