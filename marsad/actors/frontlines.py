"""Which side held a settlement on a front line (for reports of fire that name no party).

Data: ``data/ukraine_contact_line.tsv`` (the 2015-2022 contact line in Donetsk and Luhansk oblasts,
settlements marked GCA / NGCA, with sources in its header).
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from typing import Optional

from marsad.actors.kb import DATA_DIR


def _key(name: str) -> str:
    s = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    s = s.replace("'", "").replace("’", "")
    s = re.sub(r"\b(mine|city|district|village|town|settlement)\b", " ", s)
    return re.sub(r"[^a-z0-9]+", " ", s).strip()


@functools.lru_cache(maxsize=1)
def _ukraine() -> dict:
    out: dict = {}
    path = DATA_DIR / "ukraine_contact_line.tsv"
    if not path.exists():
        return out
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader((ln for ln in f if not ln.startswith("#")), delimiter="\t")
        for r in rows:
            for nm in [r["name"]] + [a for a in (r.get("aliases") or "").split("|") if a]:
                out.setdefault(_key(nm), r["control"])
    return out


def ukraine_control(name: Optional[str]) -> Optional[str]:
    """'GCA' (held by the Ukrainian government), 'NGCA' (held by the Donbas separatists) or None."""
    if not name:
        return None
    table = _ukraine()
    k = _key(name)
    if k in table:
        return table[k]
    k2 = re.sub(r"\s*\d+$", "", k)  # "Zolote 4"
    return table.get(k2)
