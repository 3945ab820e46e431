"""Shared helpers for the evaluation commands."""
from __future__ import annotations

import math
import re
import time
from typing import Optional

STOP = {"of", "the", "forces", "force", "military", "and", "unidentified", "armed", "group", "groups", "al"}


def km(lat1, lon1, lat2, lon2) -> float:
    if None in (lat1, lon1, lat2, lon2) or "" in (lat1, lon1, lat2, lon2):
        return float("inf")
    lat1, lon1, lat2, lon2 = map(math.radians, map(float, (lat1, lon1, lat2, lon2)))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def norm(s) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(s or "").lower()).strip()


def actor_tokens(name) -> set:
    return {t for t in norm(re.sub(r"\(.*?\)", "", name or "")).split() if t not in STOP and not t.isdigit()}


def actor_match(pred, gold) -> bool:
    """Normalised match: case, punctuation and the regime-period suffix ignored; token overlap >= 0.6."""
    g, p = actor_tokens(gold), actor_tokens(pred)
    if not g:
        return not p
    if not p:
        return False
    return len(g & p) / min(len(g), len(p)) >= 0.6


def actor_exact(pred, gold) -> bool:
    return norm(pred) == norm(gold)


def parse_acled_date(s: str) -> Optional[str]:
    for fmt in ("%d %B %Y", "%d-%b-%y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return time.strftime("%Y-%m-%d", time.strptime(s.strip(), fmt))
        except ValueError:
            pass
    return None


def ratio(n, d) -> float:
    return round(n / d, 4) if d else 0.0


def primary_acled(events: list[dict]) -> Optional[dict]:
    for e in events:
        if e.get("event_type"):
            return e
    return events[0] if events else None


def prf(tp, fp, fn) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 4), round(r, 4), round(f, 4)


def run_docs(pipeline, docs, progress=None):
    """Run the pipeline over InputDocuments; return contract dicts in order."""
    from tqdm import tqdm
    import sys
    from marsad.output.contract import document_to_dict
    from dataclasses import replace
    from marsad.ingest.normalize import repair_text
    # the same text repair every reader applies, so evaluation sees what `marsad extract` sees
    docs = [replace(d, text=repair_text(d.text)[0]) for d in docs]
    enabled = sys.stderr.isatty() if progress is None else progress
    out = []
    with tqdm(total=len(docs), disable=not enabled, file=sys.stderr, leave=False, unit="doc") as bar:
        for res in pipeline.process_many(docs):
            out.append(document_to_dict(res))
            bar.update(1)
    return out
