"""Document coherence for toponym resolution: how the other names of a document back each reading.

* ``_distribution`` / ``_context`` / ``_support``: the likely readings of each name, and how near a
  candidate they are (same admin1 unit, or within a few hundred km);
* ``_cluster_index`` / ``_cluster``: clusters of small places named together, over all their exact-name
  readings (a county backs the towns inside it);
* ``_share_base_names``: "North Arlington", "Dublin City" as parts of a place the document names;
* ``_corroboration``: names written another way that back each other (two respelled names of one
  governorate, or a respelled village and its country named).

The weights that turn these into scores are in ``geoparse.py``.
"""
from __future__ import annotations

import math
import re

from marsad.places.gazetteer import COUNTRY_CODES, haversine_km

_NORM = 0.5  # readings are weighted exp((score - best) / _TEMP) / (sum of those) ** _NORM
_TEMP = 1.5  # (_NORM 1: probabilities, 0: relative to the best)
CLUSTER_KM = 30.0
CLUSTER_T = 2.0  # temperature of a reading's plausibility against its name's best on priors alone
_LINK_WORDS = frozenset({"of", "the", "and", "de", "city", "county", "new", "north", "south", "east", "west",
                         "saint", "st.", "mount", "mt.", "lake", "port", "fort", "upper", "lower", "great"})


def _distribution(scored) -> list:
    """[(row, p)] for the few likeliest readings of a mention, from its sorted [(score, (ms, row))]."""
    if not scored:
        return []
    top = scored[0][0]
    ws = [math.exp((sc - top) / _TEMP) for sc, _ in scored[:8]]
    z = sum(ws) ** _NORM
    return [(c[1], w / z) for (sc, c), w in zip(scored[:8], ws) if w / z >= 0.05]


def _context(ments, vote) -> dict:
    """{query: (weight, [(lat, lon, cc, admin1code, is_admin1, p)])}: each distinct name's likely readings.
    Countries and continents are left out (the country focus covers them)."""
    ctx: dict = {}
    for m in ments:
        if m.demonym_gid is not None or not m.dist:
            continue
        qk = m.query.lower()
        w = vote(m, m.best_ms if m.best_ms else max(c[0] for c in m.cands))
        pts = []
        for row, p in m.dist:
            fcode = row[7]
            if fcode in COUNTRY_CODES or fcode in ("CONT", "OCN", "SEA") or row[5] in (None, ""):
                continue
            pts.append((row[3], row[4], row[5], row[8], fcode == "ADM1", p))
        if not pts:
            continue
        cur = ctx.get(qk)
        if cur is None or w > cur[0]:
            ctx[qk] = (w, pts)
    return ctx


def _support(row, own_q: str, ctx: dict) -> float:
    """How much the other names of the document back this reading: for each other name, the
    probability of its likeliest reading near this one (same admin1 unit, or within a few hundred km),
    weighted by how much that name counts."""
    fcode, cc, a1 = row[7], row[5], row[8]
    if fcode in COUNTRY_CODES or fcode == "CONT" or not cc:
        return 0.0
    lat, lon = row[3], row[4]
    is_a1 = fcode == "ADM1"
    coslat = math.cos(lat * math.pi / 180)
    total = 0.0
    for q, (w, pts) in ctx.items():
        if q == own_q:
            continue
        best = 0.0
        for plat, plon, pcc, pa1, p_is_a1, p in pts:
            if p <= best or (plat == lat and plon == lon):
                continue  # (the same place under another name backs nothing)
            same_a1 = pcc == cc and a1 and pa1 == a1
            if p_is_a1 or is_a1:
                k = 0.8 if same_a1 else 0.0
            else:
                dy = plat - lat
                if dy > 4 or dy < -4:
                    k = 0.4 if same_a1 else 0.0
                else:
                    dx = (plon - lon) * coslat
                    d = 111.2 * math.sqrt(dy * dy + dx * dx)
                    k = 1.0 if d < 40 else 0.8 if d < 100 else 0.5 if d < 250 else 0.2 if d < 500 else 0.0
                    if same_a1 and k < 0.4:
                        k = 0.4
            if p * k > best:
                best = p * k
        total += w * best
    return total


def _cluster_index(ments) -> dict:
    """{query: (weight, {(lat cell, lon cell): [(lat, lon, gid, plausibility)]})}: where each name of the
    document could be, over its exact-name readings as towns or districts (not only its likeliest), each
    with its plausibility against the name's best reading on priors alone ("Miami" could be Miamitown,
    but hardly)."""
    idx: dict = {}
    for m in ments:
        if m.demonym_gid is not None or not m.prior_scored:
            continue
        qk = m.query.lower()
        if qk in idx:
            continue
        top = m.prior_scored[0][0]
        cells: dict = {}
        n = 0
        for sc, (ms, row) in m.prior_scored:
            if ms < 0.95 or not (row[6] == "P" or row[7] == "ADM2") or row[3] is None:
                continue
            rel = math.exp(min(0.0, sc - top) / CLUSTER_T)
            if rel < 0.02:
                continue
            cells.setdefault((int(row[3] // 1), int(row[4] // 1)), []).append((row[3], row[4], row[1], rel))
            n += 1
        if n:
            # a name with many homonyms lands near any place by chance more often: it counts less,
            # except a county's ("Madison County" with Richmond is Kentucky, however many Madison
            # Counties there are)
            w = (1.0 if m.strength == 2 else 0.5)
            if m.suffix_kind != "C":
                w /= 1.0 + math.log(max(1.0, n / 8.0))
            idx[qk] = (w, cells)
    return idx


def _cluster(row, own_q: str, idx: dict) -> float:
    """How many other names of the document have some reading within a few tens of km of this one
    ("New London", "Mt. Pleasant" and "Winfield" together are three Iowa towns, whatever their more
    populous homonyms): small places named together are near each other."""
    if not (row[6] == "P" or row[7] == "ADM2"):
        return 0.0
    lat, lon, gid = row[3], row[4], row[1]
    ci, cj = int(lat // 1), int(lon // 1)
    own_words = set(own_q.split())
    total = 0.0
    for q, (w, cells) in idx.items():
        if q == own_q or own_words & set(q.split()) - _LINK_WORDS:
            continue  # "New London" and "London City" are one name
        best = 0.0
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for plat, plon, pgid, rel in cells.get((ci + di, cj + dj), ()):
                    if pgid == gid or rel <= best:
                        continue
                    d = haversine_km(lat, lon, plat, plon)
                    k = rel * (1.0 if d < CLUSTER_KM else 0.6 if d < 2 * CLUSTER_KM else 0.25 if d < 4 * CLUSTER_KM
                               else 0.0)
                    if k > best:
                        best = k
        total += w * best
    return total


_PART_HEAD = re.compile(r"^(?:north|south|east|west|northern|southern|eastern|western|central|downtown|"
                        r"greater|upper|lower|[nsew]\.|[ns]\.[ew]\.|north-?east|north-?west|south-?east|"
                        r"south-?west)\s+(.+)$", re.I)
_PART_TAIL = re.compile(r"^(.+?)\s+(?:city|city area|area|metro|metro area|city limits)$", re.I)


def _share_base_names(ments) -> None:
    """"North Arlington", "Dublin City" and "S.E. Paris" in a document that also names Arlington, Dublin
    and Paris are parts of those places: they take the base name's readings (and so resolve with it),
    keeping only their own readings near one of the base's ("North Arlington, NJ" is no part of
    Arlington, Texas, but nor is it in the running once Arlington is)."""
    base = {}
    for m in ments:
        if m.demonym_gid is None and m.cands:
            base.setdefault(m.query.lower(), m)
    for m in ments:
        if m.demonym_gid is not None:
            continue
        mt = _PART_HEAD.match(m.query) or _PART_TAIL.match(m.query)
        if not mt:
            continue
        b = base.get(mt.group(1).lower())
        if b is None or b is m:
            continue
        if mt.re is _PART_TAIL and any(ms >= 1.0 and row[6] == "P" for ms, row in m.cands):
            continue  # "Kansas City", "Mexico City": a place of its own
        own = [c for c in m.cands if any(haversine_km(c[1][3], c[1][4], bc[1][3], bc[1][4]) < 40
                                         for bc in b.cands[:20])]
        m.query, m.suffix_kind = b.query, b.suffix_kind
        m.cands = own + list(b.cands)
        m.part_of = b
        m.near = m.near or mt.re is _PART_HEAD


_KIND_WORDS = frozenset({"village", "town", "area", "province", "governorate", "district", "countryside",
                         "camp", "region", "al", "el"})
CORR_KM = 100.0  # two readings this close (or in one admin1 unit) back each other
CORR_MS = 0.8  # the least match score of a reading that can back another
CORR_TOP = 8  # readings per name that can back another (the likeliest on priors)
CORR_PLAUSIBLE = 3.0  # ... within this much of the name's best prior score


def _corroboration(ments, countries_named: set) -> dict:
    """{(id(mention), gid): level} for the readings a name has only by a variant spelling (match score
    below 0.95): 2 when another name of the document (exact or itself respelled) has a plausible reading
    within CORR_KM, or is the reading's province, 1 when the reading's country is named (as a country or
    demonym).

    When a story is translated, every name in it may be respelled, and no exact name is left to back a
    respelled one. Two names that each match some place only by their sound are then still evidence for
    each other when their readings lie together: that two unrelated words both sound like places of one
    province is unlikely, that two names of one story's province do is the rule."""
    per = []
    for m in ments:
        if m.demonym_gid is not None or not m.cands:
            continue
        scored = m.prior_scored or [(0.0, c) for c in m.cands]
        # a name that bears some place's name as written backs only with those readings, and only with
        # its plausible ones (on priors: "Somerset" in New Jersey backs nothing in England)
        least = 0.95 if any(c[0] >= 0.95 for _, c in scored) else CORR_MS
        top = max([sc for sc, c in scored if c[0] >= least], default=0.0)
        rows = [c for sc, c in scored if c[0] >= least and sc >= top - CORR_PLAUSIBLE][:CORR_TOP]
        per.append((m, m.query.lower(), [(ms, row) for ms, row in rows if row[3] is not None]))
    out: dict = {}
    for m, q, rows in per:
        for ms, row in rows:
            if ms >= 0.95:
                continue
            cc, a1, lat, lon = row[5], row[8], row[3], row[4]
            level = 1 if cc and cc in countries_named else 0
            if level < 2 and cc:
                words = set(q.split()) - _LINK_WORDS - _KIND_WORDS
                for m2, q2, rows2 in per:
                    if m2 is m or q2 == q or words & set(q2.split()):
                        continue  # ("Peruti village" and "Peruti" are one name)
                    for ms2, r2 in rows2:
                        if r2[5] != cc or r2[7] in COUNTRY_CODES or r2[1] == row[1] or (
                                r2[3] == lat and r2[4] == lon):
                            continue
                        if (a1 and r2[8] == a1 and r2[7] == "ADM1") or (abs(r2[3] - lat) < 1.0 and haversine_km(
                                lat, lon, r2[3], r2[4]) < CORR_KM):
                            level = 2
                            break
                    if level == 2:
                        break
            if level:
                out[(id(m), row[1])] = level
    return out
