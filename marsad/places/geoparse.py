"""Toponym resolution over a parsed spaCy Doc: ``Geoparser(gaz).geoparse(doc) -> list[Place]``.

Recognition (which spans name places, demonyms included) is ``RecognitionMixin`` in ``recognise.py``.

Resolution: candidates from exact, alternate and folded names, then phonetic+fuzzy names for
translation noise ("Gauta" -> Ghouta). Candidates are ranked by prominence (population, feature
class), the document's country focus and admin1 (state/province) focus, the parent named next to the
toponym ("X, Y", "X in Y"), and their coherence with the likely readings of the document's other names
(near each other or in the same admin1 unit). Countries, oceans and states keep their dominant sense
against small homonymous towns. The resolver may decline (a Place with None ids).
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from typing import Optional

from marsad.ingest.dateline import find_bulletin_header
from marsad.places.coherence import (_cluster, _cluster_index, _context, _corroboration, _distribution,
                                     _share_base_names, _support)
from marsad.places.gazetteer import ADMIN_CODES, COUNTRY_CODES, FAC_CODES, Gazetteer, haversine_km, prior
from marsad.places.locale import locale_cues
from marsad.places.normalize import name_key, translit_key
from marsad.places.recognise import (_ABBR_FULL, _ABBR_HEAD, _ORG_AFTER, SOUND_SLOT_MIN, SUFFIX_KIND,  # noqa: F401
                                     RecognitionMixin, _is_link, _Mention, _spelled_in_english, ascii_name)
from marsad.records import GazetteerEntry, Place
from marsad.parse.doctext import doc_text


def _level(m: _Mention) -> Optional[str]:
    """The level of a name's likeliest reading on priors: "country", "state", "capital" or None."""
    if not m.cands:
        return None
    s, row = max(m.cands, key=lambda c: c[0] * 4.0 + prior(c[1][7], c[1][11] or 0, c[1][12]) * 0.7)
    if s < 0.95:
        return None
    if row[7] in COUNTRY_CODES:
        return "country"
    return "state" if row[7] == "ADM1" else "capital" if row[7] == "PPLC" else None


def _peers(a: _Mention, b: _Mention) -> bool:
    """Are two names in a row list items of one level rather than a place and its parent?
    ("Moscow, Kiev, Minsk", "Missouri, New York, North Carolina"; but "Paris, Texas")"""
    la = _level(a)
    return la is not None and la == _level(b)


def _row_entry(gaz: Gazetteer, row) -> GazetteerEntry:
    return gaz._row_to_entry(row)


def geo_precision(fcode: str, fclass: str, admin1: Optional[str], near: bool = False) -> int:
    """ACLED geo_precision: 1 a town, 2 part of a region / near a town, 3 a region, province or country."""
    if fcode in COUNTRY_CODES or fcode in ("ADM1", "CONT", "RGN") and not admin1 or fcode == "ADM1":
        return 3
    if fcode in ("SEA", "OCN", "GULF", "STM", "DSRT", "STRT"):
        return 3
    if fclass == "P":
        return 2 if (near or fcode == "PPLX") else 1
    if fclass == "S" or fcode in FAC_CODES:
        return 2 if near else 1
    return 2

# ---------------------------------------------------------------------- weights
# (the document-coherence measures themselves are in coherence.py)
# Resolution runs N_IT passes with context after a first pass on priors alone. Each pass adds to a
# candidate's score:
# - SUPPORT_W x (capped) support: for each other name of the document, the weight of its likely reading
#   nearest to the candidate (within a few hundred km, or in the same admin1 unit), as weighted in
#   coherence._distribution;
# - A1_W x the share of the rest of the document's admin1 focus held by the candidate's admin1 unit
#   (states/provinces named count 1, a repeated name A1_REP, a resolved town A1_PLACE; shares are of at
#   least A1_MIN so that one lone mention does not hold it all).
# Dominant senses: a country, continent or ocean (or, when BIG_ADM1, a state/province of the same
# country) is not read as a town smaller than BIG_TOWN (BIG_TOWN_VS_STATE for a state), or known only
# by a variant name, unless the text names the town's parent ("China, Texas").
N_IT = 2
SOUND_PRIOR_W = 0.35
_PACK_SOURCES = ("wof", "ocha")
SOUND_NEAR_KM = 150.0
PACK_FOCUS_MIN = 0.15  # a country's share of the first-pass focus that admits its packs' villages
MAJOR_POP = 100_000
SOUND_MAJOR_MIN = 0.82  # a major place written another way beside small places of the exact name
# outside the packs' countries, a small place written another way is a reading when its key is the name's
# and its spelling close (gazetteer.translit_rows: 0.7 + 0.2 x spelling similarity)
SOUND_ANY_MIN = 0.87
# outside the packs' countries, a major place is a reading of a name no place bears when spelled this close
# (a same-key name of 0.65 spelling similarity, a key one edit away of 0.88: "Pehrson" is no Paterson)
SOUND_NEAR_MAJOR_MIN = 0.83
SOUND_MS_LOW = 0.7  # the least score of a same-key reading
SPELL_W = 8.0
SUPPORT_W = 3.0
SUPPORT_CAP = 1.5
A1_W = 2.0
# Clusters: CLUSTER_W x (capped) the number of other names with any exact-name town/district reading
# within coherence.CLUSTER_KM (less up to 4 x that), each weighted down by its number of homonyms.
CLUSTER_W = 3.0
CLUSTER_CAP = 2.0
# Variant names: a place matched by a variant of its name loses ALT_PEN against the places that bear the
# name as their own.
ALT_MS = 0.96
ALT_SHADOWED_MS = 0.95
ALT_PEN = 1.0
WEAK_PERSON_VOTE = 0.05
A1_REP = 0.5
A1_PLACE = 0.3
A1_MIN = 1.0
BIG_ADM1 = 1
BIG_TOWN = 10_000
STATE_SHARE = 0.6  # unlisted towns: the share of the admin1 focus that makes a story one state's
NEAR_LINE_KM = 60.0
BIG_TOWN_VS_STATE = 100_000  # "California" is the state, not California, Maryland (12,000)
ADM2_POP_CAP = 100_000  # see _score
# first-level units that are countries in their own right: named as such, they outrank towns of the name
# as countries do ("England" is not England, Arkansas)
CONSTITUENT_COUNTRIES = frozenset({"adm1:GB.ENG", "adm1:GB.SCT", "adm1:GB.WLS", "adm1:GB.NIR"})
# Writing cues (currency, spelling, offices): CUE_VOTE x each country's share of the cue votes joins
# the country focus, as about half of one place name would
CUE_VOTE = 0.5
FOCUS_MIN = 1.0  # the rest of the document's country votes are shares of at least this much
VOTE_T = 1.5  # temperature of an ambiguous name's first-pass vote over the countries of its readings
# Respelled names backing each other (coherence._corroboration): a reading a name has only by a variant
# spelling gains CORR_W x its level (2: another name of the document has a reading in the same province or
# near; 1: its country is named); a backed reading is not declined as a sound-alike nothing supports, nor is
# a major place (MAJOR_POP, a capital, a province) written another way in a place slot.
CORR_W = 1.0
SOUND_ONE_CC_MIN = 0.86  # same transliteration key and a close spelling (gazetteer.translit_rows)


_KIND_AFTER = re.compile(r"\s+(province|governorate|district|city|town|village)\b", re.I)


def _stem_of(a: str, b: str) -> bool:
    """One name is the other with an ending ("dagestani"/"dagestan", "abkhaz"/"abkhazia")."""
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 3


class Geoparser(RecognitionMixin):
    """``Geoparser(gaz).geoparse(doc) -> list[Place]``; ``resolve_name(name, country_hint)``."""

    def __init__(self, gazetteer: Gazetteer, fuzzy: bool = True, include_demonyms: bool = True,
                 approximate_unresolved: bool = True):
        self.gaz = gazetteer
        self.use_fuzzy = fuzzy
        self.include_demonyms = include_demonyms
        self.approximate_unresolved = approximate_unresolved
        self._dem = gazetteer.demonyms()
        self._cand_cache: dict = {}
        self._dem_cache: dict = {}
        # transliteration variants are read as small places in the countries of the packs (names written
        # in Arabic, Persian, Pashto, Kurdish... scripts), as major places anywhere, and as small places
        # elsewhere when spelled close (SOUND_ANY_MIN)
        self._translit_ccs = frozenset(json.loads(gazetteer.meta("packs") or "{}")) if gazetteer.path else frozenset()

    # ------------------------------------------------------------------ candidates
    def _candidates(self, query: str, fuzzy: bool = True) -> list[tuple[float, tuple]]:
        ck = (query, fuzzy)
        hit = self._cand_cache.get(ck)
        if hit is not None:
            return hit
        rows = self.gaz.lookup_rows(query)
        m = _ABBR_HEAD.match(query)
        if m:  # "St. Paul" -> "Saint Paul", "Mt. Pleasant" -> "Mount Pleasant" (as well as any place that
            # has the abbreviated form among its variant names)
            seen = {r[1] for _, _, r in rows}
            rows = list(rows) + [x for x in self.gaz.lookup_rows(_ABBR_FULL[m.group(1).lower()] + " "
                                                                   + query[m.end():]) if x[2][1] not in seen]
        # a variant name (an old or alternate name) scores ALT_MS, or ALT_SHADOWED_MS when some town of
        # comparable size bears the name as its own ("Kaliningrad" is also an old name of Korolev; but a
        # variant of a far bigger city keeps it: "Cologne" is Cologne, not Cologne, Minnesota)
        own_pop = max([(row[11] or 0) for _, kind, row in rows if kind == 0 and row[6] == "P"], default=-1)

        def alt_ms(row):
            if own_pop < 0 or row[12] != "geonames" or (row[11] or 0) > 5 * max(own_pop, 1000):
                return ALT_MS
            return ALT_SHADOWED_MS
        out = [(1.0 if kind == 0 else alt_ms(row), row) for _, kind, row in rows]
        # a country known by the own name of one of its first-level units is that unit ("England",
        # "Scotland": the constituent country, not the United Kingdom)
        units = {row[5] for s, row in out if s >= 1.0 and row[7] == "ADM1"}
        if units:
            out = [c for c in out if not (c[0] < 1.0 and c[1][7] in COUNTRY_CODES and c[1][5] in units)]
        if out and self.use_fuzzy and len(name_key(query)) >= 4 and len(translit_key(query)) >= 3 and not any(
                self._major(row) for _, row in out):
            # only small places bear the name as written: a major city or province written another
            # way is a reading too ("Haret" is a Lebanese village, and Herat respelled; "Dome" Duma)
            seen = {row[1] for _, row in out}
            out = out + [c for c in self.gaz.translit_rows(query, limit=10, major_only=True)
                         if c[0] >= SOUND_MAJOR_MIN and self._major(c[1]) and c[1][1] not in seen
                         and c[1][5] in self._translit_ccs]
        if not out and fuzzy and self.use_fuzzy and len(name_key(query)) >= 4:
            # a name written another way: the same transliteration key (or one edit from it), else a
            # sound-alike spelled similarly; ranked below exact names (see normalize.translit_key)
            out = [c for c in self.gaz.translit_rows(query, limit=60, near_join=not _spelled_in_english(query))
                   if c[1][5] in self._translit_ccs or c[0] >= SOUND_ANY_MIN
                   or self._major(c[1]) and c[0] >= SOUND_NEAR_MAJOR_MIN]
            if out and _spelled_in_english(query):
                # transliteration respells names written in other scripts (the packs' countries); a name
                # English spells as written is no respelling of a place elsewhere ("Anfield" is not
                # Enfield Town, "Whole Foods" not Hollywood), only the adjective of one: its name with or
                # without an ending ("Dagestani", "Abkhaz", "Slovak")
                qk = name_key(query)
                out = [c for c in out if c[1][5] in self._translit_ccs or _stem_of(qk, name_key(c[1][2]))]
            if not out:
                out = [((s - 80) / 20 * 0.3 + 0.5, row)
                       for s, row in self.gaz.fuzzy_rows(query, limit=12, min_score=84)]
        if len(self._cand_cache) > 100_000:
            self._cand_cache.clear()
        self._cand_cache[ck] = out
        return out

    def _dem_entry(self, gid):
        if gid not in self._dem_cache:
            self._dem_cache[gid] = self.gaz.get(gid)
        return self._dem_cache[gid]

    def resolve_name(self, name: str, country_hint: Optional[str] = None) -> Optional[GazetteerEntry]:
        """The best gazetteer entry for a bare name (optionally preferring a country), or None."""
        q, kind, near = self._clean_query(name)
        cands = self._candidates(q)
        if country_hint and not any(c[1][5] == country_hint for c in cands) and len(name_key(q)) >= 4:
            # none of that country bears the name as written: one that is written another way
            cands = cands + self.gaz.translit_rows(q, limit=60, country=country_hint)
        if not cands:
            return None
        best = max(cands, key=lambda c: self._score(c, kind, {country_hint: 1.0} if country_hint else {}, None, []))
        if best[0] < 0.6 and not (country_hint and best[1][5] == country_hint):
            return None
        return _row_entry(self.gaz, best[1])

    @staticmethod
    def _major(row) -> bool:
        """A place whose name a respelling is likelier to be than a small place's exact name."""
        return (row[7] in COUNTRY_CODES or row[7] in ("ADM1", "PPLC") or row[12] == "marsad"
                or (row[11] or 0) >= MAJOR_POP)

    @staticmethod
    def _kind_fits(text: str, m: _Mention, row) -> bool:
        """Does the kind word of the name ("X province", "X governorate", "X city") fit the reading's kind
        (a first- or second-level unit for a province, governorate or district; a town for a city, town or
        village)?"""
        kind = m.suffix_kind
        if kind is None:
            w = _KIND_AFTER.match(text, m.end)
            kind = SUFFIX_KIND.get(w.group(1).lower()) if w else None
        if kind == "A":
            return row[7] in ("ADM1", "ADM2") or row[6] == "A" and row[7] not in COUNTRY_CODES
        if kind == "P":
            return row[6] == "P"
        return False

    @staticmethod
    def _prominent(c) -> bool:
        s, row = c
        fcode, pop, src = row[7], row[11] or 0, row[12]
        return (fcode in COUNTRY_CODES or fcode in ("ADM1", "CONT", "PPLC") or src in ("marsad", "ocha", "admin1")
                or pop >= 50000 or row[5] == "SY")

    @staticmethod
    def _vote(m: _Mention, ms: float) -> float:
        """Weight of a mention in the document's country focus: tagged names count most; sound-alike
        matches and names read only from their slot little (a list of unknown villages must not pull
        the document abroad)."""
        w = 1.0 if m.strength == 2 else 0.6
        if ms < 0.9:
            w *= 0.3
        if m.locative and m.label == "RUN":
            w *= 0.5
        if m.strength < 2 and m.label in ("PERSON", "ORG") and not m.locative:
            w *= WEAK_PERSON_VOTE  # "Chad Walker", "Mayor McCoy": a name the tagger took for a person
        return w

    @staticmethod
    def _display_name(m: _Mention, e: GazetteerEntry) -> str:
        """The plain English/ASCII name: the text's own spelling when it is one of the entry's names
        ("Hama" for "Ḩamāh"), else the name with diacritics and ayn/hamza marks removed."""
        if e.name.isascii():
            return e.name
        q = m.query
        if (m.best_ms >= 0.95 and q.isascii() and not q.isupper() and q[:1].isupper()
                and name_key(q) and any(ch.isalpha() for ch in q)):
            return q
        return ascii_name(e.name)

    # ------------------------------------------------------------------ resolution
    def _score(self, cand, kind: Optional[str], focus: dict, parent_row, anchors: list, a1set=frozenset(),
               ancestors=(), is_parent: bool = False, a1f=None) -> float:
        s, row = cand
        fclass, fcode, pop, src, cc = row[6], row[7], row[11] or 0, row[12], row[5]
        if src == "admin2" and pop > ADM2_POP_CAP:
            pop = ADM2_POP_CAP  # a district's population is summed from its towns' and is sometimes a metro's
        # a name matched only by its sound (transliteration key) says less about prominence: a big city
        # that sounds alike is not likelier than the village spelled alike
        score = s * 4.0 + prior(fcode, pop, src) * (0.7 if s >= 0.9 else SOUND_PRIOR_W)
        # among the places a name written another way may be, the one spelled most like it is the likelier
        # (gazetteer.translit_rows: 0.7 + 0.2 x spelling similarity): "Morellie" is Morelia before Madrid,
        # which shares its key through an old name; a name as written (0.9 and up) has it all
        score += SPELL_W * min(1.0, max(0.0, (s - SOUND_MS_LOW) / 0.2))
        if s == ALT_SHADOWED_MS:
            score -= ALT_PEN
        if focus:
            score += 7.0 * focus.get(cc, 0.0)
        if a1set and fcode != "ADM1" and (cc, row[8]) in a1set:
            score += 2.5
        if a1f and fcode != "ADM1" and fcode not in COUNTRY_CODES and row[8]:
            score += A1_W * a1f.get((cc, row[8]), 0.0)  # the rest of the document's admin1 focus
        if kind == "A" and (fcode in ADMIN_CODES or fclass == "A"):
            score += 3
        elif kind == "P" and fclass == "P":
            score += 2
        elif kind in ("S", "R") and fclass in ("S", "L"):
            score += 2
        if parent_row is not None:
            pcc, pa1, pfcode = parent_row[5], parent_row[8], parent_row[7]
            if cc == pcc:
                score += 4
                if pfcode == "ADM1" and row[8] == pa1:
                    score += 4
                elif row[9] and row[9] == parent_row[9] and pfcode == "ADM1":
                    score += 4
            else:
                score -= 4
        if is_parent and (fcode == "ADM1" or fcode in COUNTRY_CODES or fcode == "ADM2"):
            score += 2.0  # "in X, Pernambuco": the name after a place is its state, not a homonymous city
        for arow in ancestors:  # "X (Y, Z)": the grandparent constrains X too
            if arow[5] != cc:
                score -= 2
            elif arow[7] == "ADM1" and row[8] == arow[8] and fcode != "ADM1":
                score += 3
            elif arow[6] == "P" or arow[7] == "ADM2":
                d = haversine_km(row[3], row[4], arow[3], arow[4])
                score += 2.5 if d < 60 else 1.0 if d < 150 else 0.0
        if parent_row is not None and (parent_row[6] == "P" or parent_row[7] == "ADM2") and parent_row[5] == cc \
                and fclass != "A":
            d = haversine_km(row[3], row[4], parent_row[3], parent_row[4])  # "X (Rutshuru, ...)": near its seat
            score += 2.5 if d < 60 else 1.0 if d < 150 else 0.0
        if anchors and (fcode in COUNTRY_CODES or fcode == "CONT"):
            if any(a[2] == cc for a in anchors):
                score += 2.5
        elif anchors:
            # (an anchor at this very point is this place under another name: "Youngstown" is a variant
            # name of Mount Gilead, which the text names too; it backs nothing)
            d = min([x for x in (haversine_km(row[3], row[4], a[0], a[1]) for a in anchors) if x > 0.01],
                    default=1e9)
            if d < 50:
                score += 2.5
            elif d < 250:
                score += 1.5
            elif d < 1000:
                score += 0.5
        return score

    @staticmethod
    def _bulletin_header(ments: list, header) -> list:
        """A bulletin's header ("SAN SALVADOR, 14 APR 89 (RADIO CADENA YSKL) --") names the city the
        report was filed from, then its source: a word of the broadcaster's or agency's name ("CADENA
        SONORA", "ACAN-EFE", "CADENA NACIONAL") is no place, and the filing city is one a news service
        files from (a capital, an administrative seat or a large town), not a village of the same name
        abroad. Names of the header's place part without such a reading keep all theirs."""
        p0, p1 = header.place.start, header.place.end
        h1 = header.span.end
        out = []
        for m in ments:
            if p1 <= m.start < h1:
                continue  # the source's name
            if p0 <= m.start < p1 and m.demonym_gid is None and m.cands:
                filed = [c for c in m.cands if c[1][7] in COUNTRY_CODES or (
                    c[1][6] == "P" and (c[1][7] in ("PPLC", "PPLA", "PPLA2") or (c[1][11] or 0) >= 50_000))]
                if filed:
                    m.cands = filed
            out.append(m)
        return out

    def geoparse(self, doc) -> list[Place]:
        text = doc_text(doc)
        ments = self._mentions(doc, text)
        header = find_bulletin_header(text)
        if header is not None and ments:
            ments = self._bulletin_header(ments, header)
        self.last_mentions = ments  # for inspection (tests, debugging)
        if not ments:
            return []
        _share_base_names(ments)
        # parent context: "X, Y" and "X in Y"
        for a, b in zip(ments, ments[1:]):
            if a.demonym_gid is not None or b.demonym_gid is not None:
                continue
            between = text[a.end:b.start]
            if _is_link(between) and not _peers(a, b):
                a.parent = b
                a.strong_link = "(" in between
        # pass 1: priors only -> country focus (ambiguous names spread their weight over countries;
        # a name repeated in the document counts little more than once)
        seen_q: Counter = Counter()
        # where the story is written from is a weak vote of its own (places/locale.py)
        cue_votes = {cc: CUE_VOTE * share for cc, share in locale_cues(text).items()}
        weights: Counter = Counter(cue_votes)
        for m in ments:
            qk = m.query.lower()
            seen_q[qk] += 1
            rep = 1.0 if seen_q[qk] == 1 else 0.2
            if m.demonym_gid is not None:
                e = self._dem_entry(m.demonym_gid)
                if e and e.country_code:
                    weights[e.country_code] += 0.5 * rep
                    m.contrib = {e.country_code: 0.5 * rep}
                continue
            if not m.cands:
                continue
            scored = sorted(((self._score(c, m.suffix_kind, {}, None, []), c) for c in m.cands),
                            key=lambda t: -t[0])
            m.best = scored[0][1][1]
            m.prior_scored = scored
            m.dist = _distribution(scored)
            w = self._vote(m, max(c[0] for c in m.cands)) * rep
            top = scored[0][0]
            per_cc: dict = {}
            for sc, c in scored[:8]:
                cc = c[1][5]
                if cc and cc not in per_cc:
                    per_cc[cc] = math.exp((sc - top) / VOTE_T)
            z = sum(per_cc.values()) or 1.0
            for cc, v in per_cc.items():
                weights[cc] += w * v / z
                m.contrib[cc] = m.contrib.get(cc, 0.0) + w * v / z
        # the packs' villages (places/packs.py) are readings only in countries the document is about: a
        # story that says nothing of Pakistan does not hold one of its hundred Islamabads or a Nigerian
        # hamlet named like a Texas town (unless nothing else bears the name)
        total = sum(weights.values()) or 1.0
        for m in ments:
            if not m.cands or not any(c[1][12] in _PACK_SOURCES for c in m.cands):
                continue
            keep = [c for c in m.cands if c[1][12] not in _PACK_SOURCES
                    or weights.get(c[1][5], 0.0) / total >= PACK_FOCUS_MIN]
            if keep and len(keep) < len(m.cands):
                m.cands = keep
                scored = sorted(((self._score(c, m.suffix_kind, {}, None, []), c) for c in keep), key=lambda t: -t[0])
                m.best = scored[0][1][1]
                m.prior_scored = scored
                m.dist = _distribution(scored)
        named = {self._dem_entry(m.demonym_gid).country_code for m in ments
                 if m.demonym_gid is not None and self._dem_entry(m.demonym_gid) is not None}
        named |= {m.prior_scored[0][1][1][5] for m in ments if m.prior_scored
                  and m.prior_scored[0][1][1][7] in COUNTRY_CODES and m.prior_scored[0][1][0] >= 0.82}
        corr = _corroboration(ments, named - {None, ""})
        # pass 2 and 3: resolve with context; focus, anchors and admin1 units re-estimated from pass 2
        # spatial coherence: how many other names of the document have a reading near each candidate
        # ("Alexandria", "Brandon", "Kensington" and "Douglas County" together are in Minnesota)
        ctx = _context(ments, self._vote)
        cidx = _cluster_index(ments)

        def depth(m):
            d, p = 0, m.parent
            while p is not None and d < 4:
                d, p = d + 1, p.parent
            return d

        order = sorted(range(len(ments)), key=lambda k: depth(ments[k]))
        same_query: dict = {}
        for m in ments:
            if m.demonym_gid is None:
                same_query.setdefault(m.query.lower(), []).append(m)
        pos = {id(m): k for k, m in enumerate(ments)}
        child_of = {pos[id(m.parent)] for m in ments if m.parent is not None}
        anchors: list = []
        a1set: set = set()
        a1states: dict = {}  # (cc, admin1 code) -> the state's row, for the states the document names
        a1w: Counter = Counter()  # admin1 focus: states/provinces named, and those of the places resolved
        for it in range(int(N_IT)):
            total = sum(weights.values()) or 1.0
            focus = {cc: w / total for cc, w in weights.items()}
            for k in order:
                m = ments[k]
                if m.demonym_gid is not None or not m.cands:
                    continue
                prow = m.parent.best if m.parent is not None else None
                ancestors = []
                p = m.parent.parent if m.parent is not None else None
                while p is not None and len(ancestors) < 3:
                    if p.best is not None:
                        ancestors.append(p.best)
                    p = p.parent
                own = (m.best[3], m.best[4], m.best[5]) if m.best is not None else None
                anc = [a for a in anchors if a != own]
                # what the rest of the document says about countries (this mention's own vote removed)
                same_q = same_query.get(m.query.lower(), (m,))
                others = {cc: w - sum(x.contrib.get(cc, 0.0) for x in same_q) for cc, w in weights.items()}
                tot_o = sum(v for v in others.values() if v > 0)
                fo = ({cc: v / max(tot_o, FOCUS_MIN) for cc, v in others.items() if v > 0}
                      if tot_o > 0.3 else {})
                # the same without the writing cues: where the story's other names are (a cue says where a
                # story is written from, not that its events are elsewhere: "MPs" in a note on Moscow)
                others_p = {cc: v - cue_votes.get(cc, 0.0) for cc, v in others.items()}
                tot_p = sum(v for v in others_p.values() if v > 1e-9)
                fo_p = ({cc: v / max(tot_p, FOCUS_MIN) for cc, v in others_p.items() if v > 1e-9}
                        if tot_p > 0.3 else {})
                a1o = {}
                if a1w:
                    own = Counter()
                    for x in same_q:
                        own.update(x.a1contrib)
                    a1o = {key: w - own.get(key, 0.0) for key, w in a1w.items()}
                    tot_a = sum(v for v in a1o.values() if v > 0)
                    a1o = {key: v / max(tot_a, A1_MIN) for key, v in a1o.items() if v > 0}
                scored = [(self._score(c, m.suffix_kind, fo if fo else focus, prow, anc, a1set, ancestors, k in child_of,
                                       a1o) + CORR_W * corr.get((id(m), c[1][1]), 0), c) for c in m.cands]
                scored.sort(key=lambda t: -t[0])
                if ctx and len(scored) > 1:
                    # spatial and admin1 coherence with the other names' likely readings, and
                    # clusters with any of their readings
                    qk = m.query.lower()
                    # clusters choose among towns: a name whose likeliest sense is a country or state
                    # ("Mexico") is not pulled to its towns by the other towns of that country (but
                    # "Jordan" among Minnesota towns is Jordan, Minnesota)
                    p0 = m.prior_scored[0][1][1] if m.prior_scored else None
                    town_level = p0 is not None and (p0[6] == "P" or p0[7] == "ADM2")
                    big_cc = p0[5] if p0 is not None else None
                    lim = scored[0][0] - SUPPORT_CAP * SUPPORT_W - CLUSTER_CAP * CLUSTER_W - 0.5
                    head = [(sc + SUPPORT_W * min(SUPPORT_CAP, _support(c[1], qk, ctx))
                             + (CLUSTER_W * min(CLUSTER_CAP, _cluster(c[1], qk, cidx))
                                if (town_level or c[1][5] != big_cc) and c[0] >= 0.95
                                else 0.0), c)
                            for sc, c in scored[:16] if sc >= lim]
                    scored = sorted(head, key=lambda t: -t[0]) + scored[len(head):]
                if (scored[0][1][1][6] == "P" and (scored[0][1][1][11] or 0) < 100_000
                        and (prow is None or prow[5] != scored[0][1][1][5])):
                    # a country, continent or ocean named as such is not a small town of the same name
                    # ("China", "Mexico", "Atlantic") unless the text says so ("China, Texas")
                    big = [t for t in scored if t[1][0] >= 0.95 and (
                        t[1][1][7] in COUNTRY_CODES or t[1][1][7] in ("CONT", "OCN", "SEA")
                        or t[1][1][1] in CONSTITUENT_COUNTRIES
                        or BIG_ADM1 and t[1][1][7] == "ADM1" and t[1][0] >= 1.0 and (t[1][1][11] or 0) > 0
                        and t[1][1][5] == scored[0][1][1][5])]
                    cap = BIG_TOWN_VS_STATE if big and big[0][1][1][7] == "ADM1" else BIG_TOWN
                    top_row = scored[0][1][1]
                    if (big and big[0][1][1][7] in COUNTRY_CODES and ctx
                            and (fo or focus).get(big[0][1][1][5], 0.0) < 0.05
                            and _cluster(top_row, m.query.lower(), cidx) >= 0.9):
                        big = []  # "Jordan" beside Scott County, Minnesota, in a story with nothing of Jordan's
                    unbacked = bool(a1set) and (top_row[5], top_row[8]) not in a1set and a1o.get(
                        (top_row[5], top_row[8]), 0.0) == 0.0  # the story names states, not this town's
                    if big and ((top_row[11] or 0) < cap or scored[0][1][0] < big[0][1][0] or unbacked):
                        # the best of those and of the big cities of the name ("Washington": DC, not the state)
                        alt = big[0]
                        for t in scored:
                            if t[0] <= alt[0]:
                                break
                            if t[1][0] >= 1.0 and t[1][1][6] == "P" and (t[1][1][11] or 0) >= 100_000:
                                alt = t
                                break
                        scored.remove(alt)
                        scored.insert(0, (scored[0][0] + 0.01, alt[1]))
                m.top = scored[:40]
                m.dist = _distribution(scored)
                m.best_score, (ms, m.best) = scored[0][0], scored[0][1]
                m.best_ms = ms
                m.margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 10.0
                bcc, bfc = m.best[5], m.best[7]
                m.declined, m.declined_row = None, m.best
                big = (bfc in COUNTRY_CODES or bfc in ("ADM1", "CONT", "PPLC") or m.best[12] in ("marsad", "admin1")
                       or (m.best[11] or 0) >= 100_000)
                parent_cc = prow[5] if prow is not None else None
                top_o = max(fo.values()) if fo else 0.0
                level = corr.get((id(m), m.best[1]), 0)
                # a respelled name backed by another name of the story, or a major place written another
                # way where a place is named ("shelled Alleppu"), unless the story is plainly elsewhere
                # (a name the tagger took for a body or person, out of a place slot, is not backed: "Houthi")
                # A reading is backed by another name near it (level 2); by its country named, when it is
                # spelled close to the text (level 1); a major place by its country or by nothing against
                # it; in the packs' countries (names transliterated from Arabic, Persian, Cyrillic ...), a
                # name tagged as a place (or in a place slot: "near Dolomytne", tagged as a body at the end of
                # a text without its full stop) whose close readings are all of one country, when the story
                # says nothing of other countries
                fits = not fo_p or fo_p.get(bcc, 0.0) >= 0.25  # the rest of the story is not plainly elsewhere
                # the kind of place the text says the name is ("Hemah province", "Tertouss city") and the
                # reading is of that kind: the name is a place of the kind, spelled close to the reading, when
                # the reading is a major place, or a province or district of a country the story is about,
                # and no parent named says otherwise
                # (a name English spells as written, "Waste District", is no respelling unless the story
                # is about the reading's country)
                kind_fit = (ms >= SOUND_SLOT_MIN and (parent_cc is None or parent_cc == bcc)
                            and (big or fits and bfc in ("ADM1", "ADM2"))
                            and (fo_p.get(bcc, 0.0) >= 0.25 or not _spelled_in_english(m.query))
                            and self._kind_fits(text, m, m.best))
                backed = ms < 0.95 and (m.strength == 2 or m.locative or kind_fit) and (
                    kind_fit
                    or level == 2 and ms >= SOUND_SLOT_MIN or level == 1 and fits and (big or ms >= SOUND_SLOT_MIN)
                    or big and ms >= SOUND_ONE_CC_MIN and fits
                    or not fo and (m.strength == 2 or m.locative) and ms >= SOUND_ONE_CC_MIN and bcc in self._translit_ccs
                    and all(c[1][5] == bcc for c in m.cands if c[0] >= SOUND_SLOT_MIN))
                if backed and prow is not None and parent_cc != bcc and prow[7] in COUNTRY_CODES:
                    backed = False
                if backed:
                    pass
                elif (SOUND_ANY_MIN <= ms < 0.95 and not big and bcc not in self._translit_ccs
                      and parent_cc != bcc):
                    # a small place outside the packs' countries, spelled close to the name but not as it
                    # is written, needs another name of the story near it ("Readington" is not Ruddington)
                    m.declined, m.best = "sound-alike abroad", None
                elif parent_cc is not None and parent_cc != bcc and (
                        not big or (m.strong_link or prow[7] == "ADM1") and not (
                        bfc in COUNTRY_CODES or bfc in ("ADM1", "CONT"))) and (
                        prow[7] in COUNTRY_CODES or prow[7] == "ADM1" or m.parent.best_score > 0 and m.parent.margin > 1):
                    m.declined, m.best = "parent", None  # "Goyali, Gadabay": no Goyali in Gadabay's country
                # decline fuzzy matches that nothing else in the document supports
                # (a weak name, one the tagger took for a person or body, must be backed by the others)
                elif ms < 0.9 and parent_cc != bcc and fo.get(bcc, 0.0) < 0.25 and not (
                        ms >= 0.75 and not fo_p and m.strength >= 2):
                    m.declined, m.best = "unsupported sound-alike", None
                # a small place that only sounds like the name needs more than its country: its province
                # named, or the document's other places near it ("Viridian" is not Fredonia, Kansas)
                elif (ms < 0.9 and not big and parent_cc != bcc and it == N_IT - 1
                      and a1o.get((bcc, m.best[8]), 0.0) == 0.0 and (bcc, m.best[8]) not in a1set
                      and not any(haversine_km(m.best[3], m.best[4], a[0], a[1]) < SOUND_NEAR_KM for a in anc)):
                    m.declined, m.best = "sound-alike far from the story", None
                # an admin unit of another country in a document about one country ("Colonia" in Mexico)
                elif (bfc == "ADM1" and parent_cc != bcc and fo.get(bcc, 0.0) < 0.05 and top_o >= 0.6
                      and tot_o >= 1.5 and m.best_ms < 1.0 + 1e-9 and len(m.query.split()) == 1
                      and m.strength < 2):
                    m.declined, m.best = "foreign admin1", None
                # a small town of another country in a document about one country ("Operation Peace Spring")
                elif (not big and parent_cc != bcc and fo.get(bcc, 0.0) < 0.05 and top_o >= 0.5
                      and tot_o >= 1.0):
                    m.declined, m.best = "foreign town", None
                # "Walker County" read as the town of Walker: only if the town is where the story is
                elif m.suffix_kind == "C" and m.best[6] == "P" and it == N_IT - 1 and not (
                        (m.best[5], m.best[8]) in a1set or (prow is not None and prow[5] == m.best[5] and (
                            prow[7] != "ADM1" or prow[8] == m.best[8])) or any(
                            haversine_km(m.best[3], m.best[4], a[0], a[1]) < 120 for a in anc)):
                    m.declined, m.best = "county as town", None
                # a small town of another state in a document about one state (named, or home to the
                # other places: "Kent", "Orient" when the story is in Minnesota or Ohio and the gazetteer
                # knows only other Kents): an unlisted place of that state, coded to the state's most
                # mentioned town or the state itself, as ACLED codes an unknown village
                elif (it == N_IT - 1 and prow is None and a1o and not big and m.best[7] not in ADMIN_CODES
                      and m.best[12] == "geonames"):
                    dom, share = max(a1o.items(), key=lambda kv: kv[1])
                    if (share >= STATE_SHARE and dom[0] == bcc and dom != (bcc, m.best[8])
                            and (len(m.cands) > 1 or ms < 0.95)  # a name with homonyms, or a sound-alike
                            and a1o.get((bcc, m.best[8]), 0.0) == 0.0
                            and not any(c[1][5] == dom[0] and c[1][8] == dom[1] for c in m.cands)):
                        # (but a reading just across the state line from the story's places is the town:
                        # Gainesville, Texas in a story about the Oklahoma border)
                        near = [c for c in m.cands if c[0] >= 0.95 and c[1][6] == "P" and any(
                            haversine_km(c[1][3], c[1][4], a[0], a[1]) < NEAR_LINE_KM for a in anc)]
                        if near:
                            m.best_ms, m.best = max(near, key=lambda c: c[1][11] or 0)
                        else:
                            m.in_state = (dom, a1states.get(dom))
                            m.declined, m.best = "unlisted town", None
                if m.best is None and (ms < 0.95 or m.strength < 2):
                    m.dist = []  # a declined sound-alike says nothing about where the others are
            if it < N_IT - 1:
                weights = Counter(cue_votes)
                seen_q = Counter()
                anchor_set = {}
                for m in ments:
                    qk = m.query.lower()
                    seen_q[qk] += 1
                    rep = 1.0 if seen_q[qk] == 1 else 0.2
                    m.contrib = {}
                    if m.demonym_gid is not None:
                        e = self._dem_entry(m.demonym_gid)
                        if e and e.country_code:
                            weights[e.country_code] += 0.5 * rep
                            m.contrib = {e.country_code: 0.5 * rep}
                    elif m.best is not None and m.best[5]:
                        v = self._vote(m, m.best_ms) * rep
                        weights[m.best[5]] += v
                        m.contrib = {m.best[5]: v}
                        m.a1contrib = {}
                        if m.best[8] and m.best[7] not in COUNTRY_CODES:
                            ra = 1.0 if seen_q[qk] == 1 else A1_REP
                            va = self._vote(m, m.best_ms) * ra * (1.0 if m.best[7] == "ADM1" else A1_PLACE)
                            if m.best[7] != "ADM1" and m.margin < 0.5:
                                va *= 0.5
                            a1w[(m.best[5], m.best[8])] += va
                            m.a1contrib = {(m.best[5], m.best[8]): va}
                        if m.best[7] == "ADM1":
                            a1set.add((m.best[5], m.best[8]))
                            a1states[(m.best[5], m.best[8])] = m.best
                        elif m.best[7] not in COUNTRY_CODES and m.best[7] != "CONT" and m.margin > 1.0:
                            anchor_set[(m.best[3], m.best[4], m.best[5])] = 1
                anchors = list(anchor_set)[:30]
                ctx = _context(ments, self._vote)
        # a part of a named place ("Dublin City", "North Arlington") ends where the place itself does,
        # unless one of its own readings near it won
        for m in ments:
            b = m.part_of
            if b is not None and b.best is not None and (m.best is None or not any(
                    c[1] is m.best for c in m.cands[:len(m.cands) - len(b.cands)])):
                m.best, m.best_ms, m.best_score = b.best, b.best_ms, b.best_score
        # focal town for approximate coordinates of unresolved facilities
        # (the most mentioned town; among equals, the one nearest the document's other towns and districts)
        town_counts = Counter(m.best for m in ments if m.best is not None and m.best[6] == "P")
        focal_town = None
        if town_counts:
            local = [m.best for m in ments if m.best is not None and (m.best[6] == "P" or m.best[7] == "ADM2")]
            top_n = town_counts.most_common(1)[0][1]
            tied = [t for t, n in town_counts.items() if n == top_n]
            if len(tied) > 1:
                focal_town = min(tied, key=lambda t: sum(min(1000.0, haversine_km(t[3], t[4], o[3], o[4]))
                                                         for o in local))
            else:
                focal_town = tied[0]
        places = []
        for m in ments:
            if m.demonym_gid is not None:
                if not self.include_demonyms:
                    continue
                e = self._dem_entry(m.demonym_gid)
                if e is None:
                    continue
                places.append(Place(text=m.text, start=m.start, end=m.end, name=e.name, geonameid=e.geonameid,
                                    latitude=e.latitude, longitude=e.longitude, country_code=e.country_code or None,
                                    country=self.gaz.country_name(e.country_code) if e.country_code else None,
                                    admin1=None, admin2=None, feature_code=e.feature_code, geo_precision=3,
                                    score=0.5, is_demonym=True))
                continue
            if m.best is not None:
                e = _row_entry(self.gaz, m.best)
                a1 = e.admin1 if e.admin1 else None
                if e.feature_code == "ADM1" and not a1:
                    a1 = e.name
                conf = 1 / (1 + math.exp(-(m.best_score - 8) / 3))
                modifier = bool(_ORG_AFTER.match(text[m.end:m.end + 40])) and e.feature_code not in COUNTRY_CODES
                places.append(Place(text=m.text, start=m.start, end=m.end, name=self._display_name(m, e),
                                    geonameid=e.geonameid,
                                    latitude=e.latitude, longitude=e.longitude, country_code=e.country_code or None,
                                    country=self.gaz.country_name(e.country_code) if e.country_code else None,
                                    admin1=ascii_name(a1) if a1 else None,
                                    admin2=ascii_name(e.admin2) if e.admin2 else None, feature_code=e.feature_code,
                                    geo_precision=geo_precision(e.feature_code, e.feature_class, e.admin1,
                                                                m.near or m.suffix_kind == "C"),
                                    score=conf, is_demonym=modifier))
                continue
            if m.strength < 2 and m.in_state is None:
                continue
            # unresolved toponym entity: approximate by its parent or the document's focal town
            approx = None
            if self.approximate_unresolved:
                if m.parent is not None and m.parent.best is not None:
                    approx = m.parent.best
                elif m.in_state is not None:
                    # the state's most mentioned town, else the state
                    (scc, sa1), st = m.in_state
                    towns = Counter(x.best for x in ments if x.best is not None and x.best[6] == "P"
                                    and x.best[5] == scc and x.best[8] == sa1)
                    approx = towns.most_common(1)[0][0] if towns else st
                elif m.label in ("FAC", "LOC", "GPE") and focal_town is not None:
                    approx = focal_town
            if approx is None and m.strength < 2:
                continue  # a weak name kept only for an unlisted town that has nowhere to go
            if approx is not None:
                e = _row_entry(self.gaz, approx)
                places.append(Place(text=m.text, start=m.start, end=m.end, name=None, geonameid=None,
                                    latitude=e.latitude, longitude=e.longitude, country_code=e.country_code or None,
                                    country=self.gaz.country_name(e.country_code) if e.country_code else None,
                                    admin1=ascii_name(e.admin1 if e.feature_code != "ADM1" else e.name or "") or None,
                                    admin2=None,
                                    feature_code=None,
                                    geo_precision=2 if e.feature_class == "P" else 3, score=0.2))
            else:
                places.append(Place(text=m.text, start=m.start, end=m.end, name=None, geonameid=None,
                                    latitude=None, longitude=None, country_code=None, country=None, admin1=None,
                                    admin2=None, feature_code=None, geo_precision=None, score=0.0))
        return places
