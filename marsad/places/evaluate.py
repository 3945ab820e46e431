"""Geoparsing evaluation on GeoWebNews (GWN.xml) and LGL (lgl.xml) style files.

Scoring follows the shared dev scorer: a gold toponym (one with coordinates) is *found* when a
predicted place overlaps its character span; accuracy is the share of found toponyms whose predicted
point lies within 161 km (100 miles) of the gold point; the median error is over found toponyms.
Precision is the share of predicted places that overlap any gold toponym span (with or without
coordinates).
"""
from __future__ import annotations

import math
import statistics
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Callable, Iterable, Optional


def km(lat1, lon1, lat2, lon2) -> float:
    if None in (lat1, lon1, lat2, lon2):
        return float("inf")
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(min(1.0, math.sqrt(a)))


def load_geo(path) -> list[tuple[str, str, list, list]]:
    """[(id, text, gold [(start, end, lat, lon)], all_spans [(start, end)])] from a GWN/LGL file."""
    path = Path(path)
    root = ET.parse(path).getroot()
    arts = []
    for i, a in enumerate(root):
        text = a.findtext("text") or ""
        gold, spans = [], []
        for t in a.iter():
            if t.tag not in ("toponym", "location"):
                continue
            try:
                s, e = int(t.findtext("start")), int(t.findtext("end"))
            except (TypeError, ValueError):
                continue
            spans.append((s, e))
            lat = t.findtext("gaztag/lat") or t.findtext("latitude") or t.findtext("lat")
            lon = t.findtext("gaztag/lon") or t.findtext("longitude") or t.findtext("lon")
            if not lat or not lon:
                continue
            gold.append((s, e, float(lat), float(lon)))
        arts.append((f"{path.stem}-{i}", text, gold, spans))
    return arts


def _get(p, k):
    return p.get(k) if isinstance(p, dict) else getattr(p, k, None)


def evaluate_geoparse(xml_path, parse_fn: Callable[[str], Iterable], limit: Optional[int] = None,
                      errors: Optional[list] = None) -> dict:
    """Score ``parse_fn(text) -> places`` (Place records or contract dicts) on a GWN/LGL file.

    Returns recall, precision, acc161 (of found and of all gold), median error km, counts and speed.
    If ``errors`` is a list, (doc id, gold text, predicted name, km) of misses beyond 161 km are added.
    """
    arts = load_geo(xml_path)
    if limit:
        arts = arts[:limit]
    n_gold = found = within = 0
    n_pred = pred_ok = 0
    errs = []
    t0 = time.perf_counter()
    for doc_id, text, gold, spans in arts:
        places = [p for p in (parse_fn(text) or []) if _get(p, "start") is not None]
        for p in places:
            n_pred += 1
            ps, pe = _get(p, "start"), _get(p, "end")
            pred_ok += any(ps < e and pe > s for s, e in spans)
        for s, e, lat, lon in gold:
            n_gold += 1
            hit = [p for p in places if _get(p, "start") < e and (_get(p, "end") or 0) > s]
            if not hit:
                if errors is not None:
                    errors.append((doc_id, text[s:e], None, None))
                continue
            found += 1
            d = km(_get(hit[0], "latitude"), _get(hit[0], "longitude"), lat, lon)
            errs.append(d)
            within += d <= 161
            if d > 161 and errors is not None:
                errors.append((doc_id, text[s:e], _get(hit[0], "name"), round(d) if d != float("inf") else -1))
    secs = time.perf_counter() - t0
    finite = [x for x in errs if x != float("inf")]
    r = lambda a, b: round(a / b, 4) if b else 0.0  # noqa: E731
    return {
        "docs": len(arts), "gold": n_gold, "found": found, "predicted": n_pred,
        "recall": r(found, n_gold), "precision": r(pred_ok, n_pred),
        "acc161_of_found": r(within, found), "acc161": r(within, n_gold),
        "median_km": round(statistics.median(finite), 1) if finite else None,
        "seconds": round(secs, 2),
    }
