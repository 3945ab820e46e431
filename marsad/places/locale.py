"""Where a story is written from, by its writing cues: currency, spelling, offices and units.

A local paper rarely names its own state or country: "the Dublin City Council" in a story priced in
dollars, with a sheriff and US spelling, is a Dublin of the United States, not Ireland's capital. The
cues (``data/locale_cues.tsv``) give each country a share of the document's cue votes; the resolver
adds a small bonus for that share, weaker than any place the text names.
"""
from __future__ import annotations

import re
from functools import lru_cache

from marsad.places.gazetteer import DATA_DIR, read_tsv


@lru_cache(maxsize=1)
def _cues() -> tuple:
    out = []
    for r in read_tsv(DATA_DIR / "locale_cues.tsv"):
        votes = {}
        for part in r["votes"].split("|"):
            cc, share = part.split(":")
            votes[cc] = float(share)
        out.append((r["name"], re.compile(r["pattern"]), votes))
    return tuple(out)


def locale_cues(text: str) -> dict[str, float]:
    """The share of the document's cue votes held by each country (ISO2); empty when no cue is present."""
    total: dict[str, float] = {}
    for _, pattern, votes in _cues():
        if pattern.search(text):
            for cc, share in votes.items():
                total[cc] = total.get(cc, 0.0) + share
    z = sum(total.values())
    return {cc: v / z for cc, v in total.items()} if z else {}


def cue_names(text: str) -> list[str]:
    """The names of the cues present in ``text`` (for explanations and tests)."""
    return [name for name, pattern, _ in _cues() if pattern.search(text)]
