"""Toponym recognition and resolution over a parsed spaCy Doc.

Recognition: GPE/LOC/FAC entities; ORG/NORP/PERSON/LANGUAGE entities that are gazetteer names (the
small English model tags "Ghouta" as ORG and "Afrin" as NORP); capitalised untagged proper-noun runs
that are gazetteer names ("Idleb"); demonyms ("Turkish" -> Turkey, ``is_demonym=True``).

Recognition also reads the place named at the start of a body's name ("Athens Police Department",
"Henderson County Jail"), county lists ("Barrow, Jackson and Madison counties"), and keeps a name that
goes on past the gazetteer's ("New London", "Story City") whole, unresolved, rather than reading its
known part; street addresses ("2517 Memphis St.") are not places.

Resolution: candidates from exact, alternate and folded names, then phonetic+fuzzy names for
translation noise ("Gauta" -> Ghouta). Candidates are ranked by prominence (population, feature
class), the document's country focus and admin1 (state/province) focus, the parent named next to the
toponym ("X, Y", "X in Y"), and their coherence with the likely readings of the document's other names
(near each other or in the same admin1 unit). Countries, oceans and states keep their dominant sense
against small homonymous towns. The resolver may decline (a Place with None ids).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Optional

from marsad.records import GazetteerEntry, Place
from marsad.places.gazetteer import (ADMIN_CODES, COUNTRY_CODES, FAC_CODES, GENERIC_NAMES, REGION_CODES,
                                     Gazetteer,
                                     haversine_km, prior)
from marsad.places.normalize import ARTICLES, name_key

TOPO_LABELS = {"GPE", "LOC", "FAC"}
WEAK_LABELS = {"ORG", "NORP", "PERSON", "LANGUAGE", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"}
DIRECTIONS = {"eastern", "western", "northern", "southern", "east", "west", "north", "south", "northeastern",
              "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
              "south-eastern", "south-western", "central", "upper", "lower", "greater", "rural", "northeast",
              "northwest", "southeast", "southwest"}
SUFFIX_KIND = {"province": "A", "governorate": "A", "state": "A", "region": "R", "district": "A",
               "countryside": "A", "county": "C", "parish": "C", "borough": "C", "township": "C", "city": "P", "town": "P", "village": "P", "area": "R",
               "camp": "S", "neighbourhood": "N", "neighborhood": "N", "district's": "A", "suburb": "N",
               "suburbs": "N", "outskirts": "N", "airport": "S", "airbase": "S", "crossing": "S"}
NEAR_WORDS = {"near", "outside", "outskirts", "around", "vicinity", "nearby", "close", "countryside", "suburbs",
              "suburb", "outskirt", "west", "east", "north", "south", "of"}
_POSS = re.compile(r"(?:'s|’s|'|’)$")
_ABBREV = re.compile(r"^(?:(?:[A-Z]\.){2,4}|[A-Z][a-z]{1,4}\.)$")  # "U.S.", "S.C.", "Tenn.", "Ga."
_COUNTY_WORDS = {"County", "Parish", "Borough", "Township"}
# lowercase starts allowed for a toponym: Arabic articles ("al-Hasakeh") and particles
_LOWER_OK = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|ad|ed|es|ul|de|du|la|le|di|da|dos|das|do)[- ]", re.I)
# words that may stand between a toponym and the parent unit named after it:
# "Kurla town (Mumbai Suburban, Maharashtra)", "Abu Dali in southern Idleb countryside", "X, Y"
_LINK_WORDS = {"in", "of", "near", "the", "(", ",", "-", "at", "outside"} | set(SUFFIX_KIND) | {
    "lga", "municipality", "commune", "department", "sub-district", "subdistrict", "tehsil", "upazila",
    "sector", "zone", "towns", "villages", "cities", "districts", "provinces", "limits", "valley", "plains"}
# single words that are names of some small place but in news are common nouns
_STOP_SINGLE = {"airport", "republic", "camp", "vila", "villa", "colonia", "barangay", "municipality", "kingdom", "zone",
                "sector", "road", "street", "avenue", "county", "commune", "township", "parish", "police", "army",
                "regime", "air", "geo", "union", "liberty", "independence", "progress", "mission", "victory"}
_AFTER_CURRENCY = {"dollar", "dollars", "currency"}
# a capitalised name right after these words, or right before "(" / "town" / "village"..., is a place name
# even when the tagger missed it ("attacked a checkpoint in Kishkiyeh", "in Radhan town (Larkana, Sindh)")
_LOC_PREPS = {"in", "at", "near", "outside", "around", "from", "towards", "toward", "into", "between",
              "across", "to", "via", "through"}
_LOC_OF = {"village", "town", "city", "area", "district", "outskirts", "countryside", "vicinity", "suburbs",
           "municipality", "province", "governorate", "villages", "towns", "region", "neighbourhood",
           "neighborhood", "commune", "entrance", "east", "west", "north", "south", "southeast", "southwest",
           "northeast", "northwest"}
_LOC_AFTER = {"town", "village", "city", "district", "area", "camp", "countryside", "municipality", "lga",
              "neighbourhood", "neighborhood", "commune", "sub-district", "subdistrict", "tehsil", "province",
              "governorate", "frontline", "front", "road", "checkpoint", "villages", "towns", "region"}
# a toponym that names an armed group or body ("Donbass People's Militia", "Luhansk People's Republic
# forces") is a modifier, not where something happened: returned flagged like a demonym
_ORG_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:People's\s+|People’s\s+|Popular\s+|Revolutionary\s+|Military\s+)?"
                        r"(?:Militia|Militias|Army|Brigade|Brigades|Forces|Front|Movement|Party|Council|Police|"
                        r"Regiment|Battalion|Division|Group|Operations Command|Guard|Guards|Republic)\b")
# words that begin Arabic (and other) compound place names; alone before another name they are a fragment
_NAME_PREFIXES = {"abu", "um", "umm", "tall", "tal", "tell", "tel", "kafr", "kfar", "kafar", "deir", "dayr", "dair",
                  "bir", "ber", "ain", "ein", "ayn", "jabal", "jebel", "jabel", "wadi", "beit", "bayt", "khirbet",
                  "khirbat", "ras", "qasr", "sheikh", "shaykh", "hay", "mazraat", "tell", "marj", "bab", "bani",
                  "beni", "al", "el", "ad", "as", "ar", "an", "ash", "at", "az", "san", "santa", "santo", "port",
                  "mount", "lake", "fort", "saint", "st", "ciudad", "puerto", "villa", "nova", "novo"}
_PARTY_PREFIX = re.compile(r"^[DRI]-[A-Z][a-z]")
_COUNTIES = re.compile(r"(?i)\b(?:counties|parishes)\b")
_STATE_CODE = re.compile(r",\s*([A-Z]{2})\b(?![.'’-]?\w)")
_ABBR_HEAD = re.compile(r"^(St|Ste|Mt|Ft|Pt)\.?\s+", re.I)
_ABBR_FULL = {"st": "Saint", "ste": "Sainte", "mt": "Mount", "ft": "Fort", "pt": "Point"}
# words that start the rest of a facility's or body's name after a place name ("Athens Police Department")
_INST_WORDS = {"Reservoir", "Area", "Police", "Department", "Jail", "Detention", "Sheriff", "Sheriff's", "Sheriff’s",
               "Fire", "High", "Middle", "Elementary", "School", "Schools", "Hospital", "Medical", "Airport",
               "Council", "Library", "Museum", "Courthouse", "Court", "Municipal", "Public", "Regional", "Community",
               "Chamber", "Board", "Commission", "Health", "Memorial", "Central", "District", "University",
               "College", "Academy", "Church", "Mosque", "Cathedral", "Prison", "Stadium", "Arena", "Center",
               "Centre", "Station", "Port", "Harbor", "Harbour", "Bridge", "Dam", "Mall", "Market", "Hotel",
               "Office", "Zoo", "Water", "Electric", "Transit", "Housing", "Emergency", "Rescue", "Civic", "Town",
               "Township", "Village", "State", "National", "International", "Times", "News", "Herald", "Post",
               "Daily", "Tribune", "Gazette", "Journal", "Press", "Club", "Hall", "Baptist", "Methodist",
               "Catholic", "Presbyterian", "Lutheran", "Chapter", "Branch", "Unified", "Independent", "Consolidated",
               "Highway", "Turnpike", "Metropolitan", "Metro", "Planning", "Parks", "Economic", "Airbase", "Base",
               "Camp", "Refinery", "Factory", "Plant", "Mine", "Field", "Square", "Quarter", "Governorate",
               "Security", "Military", "Army", "Provincial", "Municipality", "Teachers", "Ministry",
               "Rotary", "Lions", "Kiwanis", "Little", "Youth", "Senior", "Seniors", "Historical", "Heritage", "Arts",
               "Symphony", "Circuit", "Superior", "Adult", "Juvenile", "Family", "Elections", "Election", "Mayor"}
# ... of which these are often named after people: the name before them must be a prominent place
_EPONYM_INST = {"University", "College", "Academy", "High", "Middle", "Elementary", "School", "Hospital", "Medical",
                "Memorial", "Stadium", "Arena", "Center", "Centre", "Library", "Museum", "Church", "Mosque",
                "Cathedral", "Hall", "Club", "Hotel", "Mall", "Square", "Field", "Park", "Chapel", "Castle",
                "Bridge", "Dam", "Market", "Office", "Plant", "Factory", "Mine", "Refinery", "Camp", "Base",
                "Airbase", "Station", "Zoo", "Baptist", "Methodist", "Catholic", "Presbyterian", "Lutheran",
                "Times", "News", "Herald", "Post", "Tribune", "Gazette", "Journal", "Press", "Daily"}
# ... of which these make the name before them a place even when the tagger called it an organisation
_CIVIC_INST = {"Police", "Sheriff", "Sheriff's", "Sheriff’s", "Fire", "Council", "Courthouse", "Municipal", "Township",
               "Public", "Schools", "School", "Emergency", "Circuit", "City", "Town", "Village", "Board", "Commission",
               "Chamber", "Planning", "Parks", "Housing", "Transit", "Water", "Mayor", "Jail", "Detention"}
# words after a name that make a street of it ("Memphis St.", "Dublin Road")
_STREET_WORDS = {"St.", "St", "Street", "Ave.", "Ave", "Avenue", "Road", "Rd.", "Rd", "Blvd.", "Blvd", "Boulevard",
                 "Drive", "Dr.", "Lane", "Ln.", "Pike", "Parkway", "Pkwy.", "Way", "Court", "Ct.", "Circle", "Place"}
# "Springfield City Council": the municipality, not a place called "Springfield City"
_CIVIC_AFTER = {"Council", "Hall", "Manager", "Commission", "Commissioners", "Attorney", "Clerk", "Police", "School",
                "Schools", "Limits", "Department", "Government", "Board", "Mayor", "Administrator", "Court",
                "Planning", "Utilities", "Treasurer", "Engineer", "Fire"}
# words before/after a name that make another place's name of it ("New London", "Elbow Lake")
_NAME_HEADS = {"New", "St.", "St", "Saint", "Ste.", "Mount", "Mt.", "Mt", "Fort", "Ft.", "Port", "Great", "Little",
               "Lake", "Glen", "Grand", "Old", "Point", "Cape", "NEW", "ST.", "MOUNT", "FORT", "PORT", "LAKE"}
_NAME_TAILS = {"City", "Lake", "Park", "Estates", "Beach", "Heights", "Springs", "Falls", "Village", "Hills",
               "Harbor", "Harbour", "Creek", "Colony", "Mills", "Junction", "Grove", "Township", "Island", "Islands",
               "River", "Bay", "Valley", "Ridge", "Landing", "Crossing", "Center", "Centre", "Gardens", "Point",
               "County", "Parish", "Borough", "CITY", "COUNTY", "LAKE", "PARK", "BEACH", "RIVER"}
_CONNECTORS = {"de", "del", "la", "las", "los", "el", "al", "da", "do", "dos", "das", "di", "du", "des", "sur"}
_ASCII_MARKS = dict.fromkeys(map(ord, "ʿʾ‘’`´ʼʻ\u02b9"), None)


def ascii_name(name: str) -> str:
    """GeoNames asciiname-like form: "‘Afrīn" -> "Afrin", "Ḩamāh" -> "Hamah"."""
    import unicodedata
    if not name or name.isascii():
        return name
    s = unicodedata.normalize("NFKD", name.translate(_ASCII_MARKS))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.translate(str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "Đ": "D", "ß": "ss", "ħ": "h",
                                   "Ł": "L", "Ø": "O", "æ": "ae", "œ": "oe"}))
    if not s.isascii():  # another script (Arabic...): keep the original
        return name
    return re.sub(r"\s+", " ", s).strip() or name


def _is_link(between: str) -> bool:
    """Does the text between two toponyms make the second one the parent of the first?"""
    b = between.strip()
    if not b or len(b) > 40 or ")" in b or ";" in b or "." in b:
        return False
    if b in (",", "in", ", in", "of", "near", "("):
        return True
    toks = re.findall(r"\(|,|[\w'-]+", b.lower())
    if not toks or not any(t in ("(", ",", "in", "of") for t in toks):
        return False
    return all(t in _LINK_WORDS or t in DIRECTIONS for t in toks)


@dataclass
class _Mention:
    start: int  # char offsets
    end: int
    text: str
    query: str
    strength: int  # 2 entity GPE/LOC/FAC, 1 weak label / untagged run, 0 demonym
    label: str
    tok_start: int
    tok_end: int
    suffix_kind: Optional[str] = None
    demonym_gid: object = None
    near: bool = False
    cands: list = field(default_factory=list)  # [(match score 0..1, row tuple)]
    parent: Optional["_Mention"] = None
    best: Optional[tuple] = None
    best_score: float = 0.0
    margin: float = 0.0
    best_ms: float = 0.0
    locative: bool = False  # recognised from its slot ("in X"), not from the tagger or prominence
    strong_link: bool = False  # "X (Y, Z)": ACLED's parenthesised admin units
    contrib: dict = field(default_factory=dict)  # this mention's vote in the country focus
    top: list = field(default_factory=list)  # the best few (score, candidate) of the last pass (for debugging)
    dist: list = field(default_factory=list)  # [(row, probability)]: this mention's likely readings so far
    a1contrib: dict = field(default_factory=dict)  # this mention's vote in the admin1 focus
    unknown: bool = False  # a longer name than any gazetteer name ("New London" when we only know London)


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

# ---------------------------------------------------------------------- document coherence
# Resolution runs N_IT passes with context after a first pass on priors alone. Each pass adds to a
# candidate's score:
# - SUPPORT_W x (capped) support: for each other name of the document, the weight of its likely reading
#   nearest to the candidate (within a few hundred km, or in the same admin1 unit); readings are weighted
#   exp((score - best) / _TEMP) / (sum of those) ** _NORM (_NORM 1: probabilities, 0: relative to the best);
# - A1_W x the share of the rest of the document's admin1 focus held by the candidate's admin1 unit
#   (states/provinces named count 1, a repeated name A1_REP, a resolved town A1_PLACE; shares are of at
#   least A1_MIN so that one lone mention does not hold it all).
# Dominant senses: a country, continent or ocean (or, when BIG_ADM1, a state/province of the same
# country) is not read as a town smaller than BIG_TOWN, or known only by a variant name, unless the text
# names the town's parent ("China, Texas").
N_IT = 2
SUPPORT_W = 3.0
SUPPORT_CAP = 1.5
_NORM = 0.5
_TEMP = 1.5
A1_W = 2.0
A1_REP = 0.5
A1_PLACE = 0.3
A1_MIN = 1.0
BIG_ADM1 = 1
BIG_TOWN = 10_000
ADM2_POP_CAP = 100_000  # see _score
VOTE_T = 1.5  # temperature of an ambiguous name's first-pass vote over the countries of its readings


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
            if p <= best:
                continue
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


class Geoparser:
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

    # ------------------------------------------------------------------ candidates
    def _candidates(self, query: str, fuzzy: bool = True) -> list[tuple[float, tuple]]:
        ck = (query, fuzzy)
        hit = self._cand_cache.get(ck)
        if hit is not None:
            return hit
        rows = self.gaz.lookup_rows(query)
        if not rows:
            m = _ABBR_HEAD.match(query)
            if m:  # "St. Paul" -> "Saint Paul", "Mt. Pleasant" -> "Mount Pleasant"
                rows = self.gaz.lookup_rows(_ABBR_FULL[m.group(1).lower()] + " " + query[m.end():])
        out = [(1.0 if kind == 0 else 0.95, row) for _, kind, row in rows]
        if not out and fuzzy and self.use_fuzzy and len(name_key(query)) >= 4:
            out = [((s - 80) / 20 * 0.3 + 0.5, row) for s, row in self.gaz.fuzzy_rows(query, limit=12, min_score=84)]
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
        if not cands:
            return None
        best = max(cands, key=lambda c: self._score(c, kind, {country_hint: 1.0} if country_hint else {}, None, []))
        if best[0] < 0.6 and not (country_hint and best[1][5] == country_hint):
            return None
        return _row_entry(self.gaz, best[1])

    @staticmethod
    def _clean_query(text: str) -> tuple[str, Optional[str], bool]:
        t = _POSS.sub("", text.strip())
        words = t.split()
        near = False
        while words and words[0].lower() in ("the", "a", "an"):
            words = words[1:]
        kind = None
        if len(words) > 1 and words[-1].lower() in SUFFIX_KIND:
            kind = SUFFIX_KIND[words[-1].lower()]
            if kind == "N":
                near = True
        return " ".join(words) if words else t, kind, near

    # ------------------------------------------------------------------ recognition
    def _mentions(self, doc, doc_text: Optional[str] = None) -> list[_Mention]:
        doc_text = doc.text if doc_text is None else doc_text
        out: list[_Mention] = []
        taken = [False] * len(doc)
        in_ent = [False] * len(doc)
        person_words = {t.text for e in doc.ents if e.label_ == "PERSON" for t in e}
        for ent in doc.ents:
            for k in range(ent.start, ent.end):
                in_ent[k] = True
        for ent in self._segments(doc, in_ent):
            label = ent.label_
            if label in TOPO_LABELS:
                strength = 2
            elif label in WEAK_LABELS:
                strength = 1
            else:
                continue
            toks = list(ent)
            # drop leading determiners/directions and trailing possessives from the span
            while toks and toks[0].lower_ in ("the", "a", "an"):
                toks = toks[1:]
            while toks and (toks[-1].is_punct or (toks[-1].is_stop and toks[-1].is_lower)):
                toks = toks[:-1]
            if not toks:
                continue
            span = doc[toks[0].i: toks[-1].i + 1]
            text = span.text
            if len(span) == 1 and span[0].lower_ in GENERIC_NAMES:
                continue
            nxt = doc[span.end] if span.end < len(doc) else None
            if (len(span) == 1 and nxt is not None and nxt.is_title and nxt.pos_ == "PROPN"
                    and (nxt.ent_type_ == "PERSON" or nxt.text in person_words) and not nxt.is_sent_start):
                taken[span.start] = taken[span.end] = True
                continue  # "Vladimir Putin", "Paris Hilton": a first name, not a place
            if strength == 1 and text.isupper() and len(text.replace(".", "")) <= 4:
                cands = [c for c in self._candidates(text, fuzzy=False)
                         if c[0] >= 0.9 and (c[1][7] in COUNTRY_CODES or c[1][7] == "ADM1" or c[1][12] == "marsad")]
                if not cands:
                    dg = self._dem.get(text.lower())
                    if dg is None:
                        continue
            if label in ("NORP", "LANGUAGE") or (label in WEAK_LABELS and len(toks) == 1):
                dg = self._dem.get(_POSS.sub("", text).lower())
                if dg is not None:
                    out.append(_Mention(span.start_char, span.end_char, text, text, 0, label, span.start, span.end,
                                        demonym_gid=dg))
                    for t in span:
                        taken[t.i] = True
                    continue
            m = self._make(doc, span, strength, label)
            if m is None and strength == 1 and len(span) > 1:
                m = self._embedded(doc, span)
            if m is None:
                continue
            out.append(m)
            for t in range(m.tok_start, m.tok_end):
                taken[t] = True
        # untagged proper-noun runs and demonym adjectives
        i, n = 0, len(doc)
        while i < n:
            t = doc[i]
            if taken[i] or not (t.is_title or (t.is_upper and len(t) >= 2)) or not (
                    t.is_alpha or _ABBREV.match(t.text)):
                i += 1
                continue
            j = i
            while j + 1 < n and not taken[j + 1] and j + 1 - i < 4 and (
                    (doc[j + 1].is_title and doc[j + 1].is_alpha) or
                    (doc[j + 1].text in ("-",) and j + 2 < n and doc[j + 2].is_title) or
                    (doc[j + 1].lower_ in _CONNECTORS and doc[j + 1].is_lower and j + 2 < n
                     and doc[j + 2].is_title and not taken[j + 2] and j + 2 - i < 4)):
                j += 1
            if doc[j].lower_ in _CONNECTORS or doc[j].text == "-":
                j -= 1
            found = False
            for end in range(j + 1, i, -1):  # longest match first
                span = doc[i:end]
                if end - i > 1 and span.text.lower() in self._dem:  # "North American", "Latin American"
                    out.append(_Mention(span.start_char, span.end_char, span.text, span.text, 0, "DEM",
                                        span.start, span.end, demonym_gid=self._dem[span.text.lower()]))
                    found = True
                    i = end
                    break
                if end - i == 1:
                    dg = self._dem.get(t.lower_)
                    if dg is not None and t.pos_ in ("ADJ", "PROPN", "NOUN"):
                        out.append(_Mention(span.start_char, span.end_char, span.text, span.text, 0, "DEM",
                                            span.start, span.end, demonym_gid=dg))
                        found = True
                        i = end
                        break
                    if t.lower_ in GENERIC_NAMES:
                        continue
                    if t.is_upper and len(t) <= 4:
                        m = self._make(doc, span, 1, "RUN")
                        if m is not None and any(c[0] >= 0.9 and (c[1][7] in COUNTRY_CODES or c[1][7] == "ADM1"
                                                                   or c[1][12] == "marsad") for c in m.cands):
                            out.append(m)
                            found = True
                            i = end
                            break
                        continue
                    if t.is_stop or (t.pos_ not in ("PROPN",) and not (
                            t.pos_ in ("NOUN", "ADJ", "VERB", "X") and self._locative(doc, i, end))):
                        continue
                    if (end < n and doc[end].ent_type_ == "PERSON" and doc[end].is_title
                            or t.ent_type_ == "PERSON"):
                        continue  # "Judge David Horwitz", "Michael Kehoe": a first name
                if end - i >= 2 and span[-1].text in _COUNTY_WORDS and not span[0].is_stop:
                    m = self._make(doc, span, 2, "GPE")  # "Walker County": a place even if unknown
                    if m is not None:
                        out.append(m)
                        found = True
                        i = end
                        break
                m = self._make(doc, span, 1, "RUN")
                if m is not None and any(in_ent[k] for k in range(i, end)):
                    # inside another entity ("Gainesville Police Department"): primary names only
                    m.cands = [c for c in m.cands if c[0] >= 1.0]
                if m is None and self._locative(doc, i, end) and not any(in_ent[k] for k in range(i, end)):
                    m = self._make(doc, span, 1, "RUN", locative=True)
                if m is not None and (m.unknown or m.cands and (self._strong_name(m) or m.label == "RUN" and m.locative)):
                    out.append(m)
                    found = True
                    i = m.tok_end
                    break
            if not found:
                i += 1
        out.sort(key=lambda m: m.start)
        return self._state_codes(doc, self._counties(doc, out, doc_text), doc_text)

    def _state_codes(self, doc, out: list, text: str) -> list:
        """US postal state codes after a place and a comma ("Paris, TX"): the state (a bare "IN" or "OK"
        elsewhere is a word)."""
        if ", " not in text:
            return out
        add = []
        taken = {(m.start, m.end) for m in out}
        for m in out:
            if m.demonym_gid is not None:
                continue
            mt = _STATE_CODE.match(text, m.end)
            if not mt:
                continue
            a, b = mt.span(1)
            if (a, b) in taken or any(x.start < b and a < x.end for x in out):
                continue
            name = self.gaz.admin1_name("US", mt.group(1))
            if not name:
                continue
            cands = [c for c in self._candidates(name, fuzzy=False) if c[1][7] == "ADM1" and c[1][5] == "US"]
            if not cands:
                continue
            sp = doc.char_span(a, b, alignment_mode="expand")
            if sp is None:
                continue
            add.append(_Mention(a, b, mt.group(1), name, 2, "GPE", sp.start, sp.end, cands=cands))
            taken.add((a, b))
        if not add:
            return out
        return sorted(out + add, key=lambda m: m.start)

    def _counties(self, doc, out: list, text: str) -> list:
        """County names used bare: "Barrow, Jackson and Madison counties", and "Barrow" in a document that
        also says "Barrow County" (the county, unless the bare name is a prominent place)."""
        lists = []
        for t in (doc if _COUNTIES.search(text) else ()):
            if t.lower_ not in ("counties", "parishes") or t.i == 0:
                continue
            unit = "County" if t.lower_ == "counties" else "Parish"
            j, names = t.i - 1, []
            while j >= 0 and len(names) < 8:
                if doc[j].text in (",", "and", "or", "&"):
                    j -= 1
                    continue
                if not (doc[j].is_title and doc[j].is_alpha):
                    break
                k = j
                while k - 1 >= 0 and doc[k - 1].is_title and doc[k - 1].is_alpha and j - k < 2:
                    k -= 1
                names.append((k, j + 1))
                j = k - 1
            if len(names) >= 2 or names and doc[names[0][1]].i == t.i:
                lists += [(a, b, unit) for a, b in names]
        bare: dict = {}
        for m in out:
            if m.suffix_kind == "C" and m.query.endswith((" County", " Parish")) and m.cands:
                bare[m.query.rsplit(" ", 1)[0].lower()] = m
        if not lists and not bare:
            return out
        by_tok = {}
        for m in out:
            for k in range(m.tok_start, m.tok_end):
                by_tok[k] = m
        from spacy.tokens import Span
        new = list(out)
        for a, b, unit in lists:
            sp = Span(doc, a, b)
            q2 = sp.text + " " + unit
            cands = [c for c in self._candidates(q2, fuzzy=False) if c[0] >= 0.95]
            if not cands or any(c[0] >= 1.0 and (c[1][7] in COUNTRY_CODES or c[1][7] == "ADM1")
                                for c in self._candidates(sp.text, fuzzy=False)):
                continue  # "Texas and Oklahoma counties": counties of those states
            olds = {id(by_tok[k]): by_tok[k] for k in range(a, b) if k in by_tok}
            new = [m for m in new if id(m) not in olds]
            new.append(_Mention(sp.start_char, sp.end_char, sp.text, q2, 2, "GPE", a, b, "C", cands=cands))
        if bare:
            for m in new:
                cm = bare.get(m.query.lower())
                if cm is None or m.suffix_kind == "C" or m.demonym_gid is not None:
                    continue
                if any(c[0] >= 1.0 and (c[1][7] in COUNTRY_CODES or c[1][7] in ("ADM1", "PPLC", "CONT")
                                        or (c[1][11] or 0) >= 100_000) for c in m.cands):
                    continue
                m.query, m.cands, m.suffix_kind = cm.query, cm.cands, "C"
        new.sort(key=lambda m: m.start)
        return new

    def _segments(self, doc, in_ent):
        """The entities, split at brackets and commas ("Thyolo (Thyolo, Southern)" is three names) and
        extended over untagged capitalised words when the longer name is a gazetteer name ("Kafr" +
        "Qaddum")."""
        from spacy.tokens import Span
        for ent in doc.ents:
            a = ent.start
            for k in range(ent.start, ent.end + 1):
                if k == ent.end or doc[k].text in ("(", ")", ",", ";", "[", "]"):
                    if k > a:
                        end = k
                        if k == ent.end and ent.label_ in WEAK_LABELS | TOPO_LABELS:
                            e2 = end
                            while e2 < len(doc) and e2 - end < 3 and not in_ent[e2] and doc[e2].is_title \
                                    and doc[e2].is_alpha:
                                e2 += 1
                            if e2 > end and self.gaz.lookup_rows(doc[a:e2].text):
                                end = e2
                        yield Span(doc, a, end, label=ent.label_)
                    a = k + 1

    def _embedded(self, doc, span) -> Optional[_Mention]:
        """A country or demonym at the start of an organisation's name: "U.S. Department of ...",
        "British Embassy"."""
        first = span[0]
        for k in range(1, min(len(span) - 1, 4)):
            if span[k].text in _COUNTY_WORDS and all(t.is_title for t in span[:k]):
                return self._make(doc, doc[span.start: span.start + k + 1], 2, "GPE")
        dg = self._dem.get(first.lower_)
        if dg is not None:
            return _Mention(first.idx, first.idx + len(first), first.text, first.text, 0, "EMB", first.i,
                            first.i + 1, demonym_gid=dg)
        for k in (2, 1):
            if len(span) <= k:
                continue
            sub = doc[span.start: span.start + k]
            if not all(t.is_alpha or t.text.replace(".", "").isalpha() for t in sub):
                continue
            cands = [c for c in self._candidates(sub.text, fuzzy=False)
                     if c[0] >= 0.9 and (c[1][7] in COUNTRY_CODES or c[1][7] == "CONT" or c[1][12] == "marsad")]
            if cands:  # "Georgia Department of Education": the country, or the state of that name
                cands += [c for c in self._candidates(sub.text, fuzzy=False) if c[0] >= 1.0 and c[1][7] == "ADM1"]
                return _Mention(sub.start_char, sub.end_char, sub.text, sub.text, 1, "EMB", sub.start, sub.end,
                                cands=cands)
        return None

    def _strong_name(self, m: _Mention) -> bool:
        """An untagged run is kept when its exact-name candidates include a prominent place."""
        for s, row in m.cands:
            if s < 0.85:
                continue
            fcode, pop, src = row[7], row[11] or 0, row[12]
            if fcode == "ADM1" and not pop and src != "marsad":
                continue  # "Michael", "Patrick": parishes of the Isle of Man, and first names
            if fcode in COUNTRY_CODES or fcode in ("ADM1", "CONT") or src in ("marsad", "ocha") or pop >= 20000:
                return True
        return False

    @staticmethod
    def _locative(doc, i: int, end: int) -> bool:
        """Is the token run doc[i:end] in a place slot: "in X", "village of X", "X (", "X town"?"""
        if i > 0:
            prev = doc[i - 1].lower_
            if prev in _LOC_PREPS or prev == "the" and i > 1 and doc[i - 2].lower_ in _LOC_PREPS:
                return True
            if prev == "of" and i > 1 and doc[i - 2].lower_ in _LOC_OF:
                return True
        if end < len(doc):
            nxt = doc[end].lower_
            if nxt == "(" or nxt in _LOC_AFTER:
                return True
        return False

    def _make(self, doc, span, strength: int, label: str, locative: bool = False) -> Optional[_Mention]:
        text = span.text
        if _PARTY_PREFIX.match(text):  # "Sen. Tom Harkin, D-Iowa": the state the politician represents
            cands = [c for c in self._candidates(text[2:], fuzzy=False) if c[0] >= 0.95]
            if not cands:
                return None
            return _Mention(span.start_char + 2, span.end_char, text[2:], text[2:], 2, "GPE", span.start, span.end,
                            cands=cands)
        if len(span) == 1 and span.end < len(doc) and span[0].lower_ in _NAME_PREFIXES and (
                doc[span.end].is_title or doc[span.end].text in ("-", "'s")):
            return None  # "Tall" of "Tall Toukan", "Abu" of "Abu Ajwa": the start of a longer name
        generic = all(w in GENERIC_NAMES for w in re.split(r"[\s-]+", text.lower()) if w)
        if text.endswith("-") or name_key(text) in ARTICLES or len(span) == 1 and span[0].lower_ in _STOP_SINGLE:
            return None  # "As-", "Al": a fragment
        if text[:1].islower() and not _LOWER_OK.match(text) and not (
                text.split()[0].lower() in DIRECTIONS and len(text.split()) > 1):
            return None  # "geo office", "regime": not proper names
        if span.end < len(doc) and doc[span.end].lower_ in _AFTER_CURRENCY:
            return None  # "US dollar", "the Syrian pound"
        if (span.end < len(doc) and doc[span.end].text in _STREET_WORDS and span.start > 0
                and doc[span.start - 1].like_num):
            return None  # "2517 Memphis St.", "6016 Dublin Road": a street address, not the place
        ext = self._extend(doc, span)
        if ext is not None:
            span, found = ext
            text = span.text
            if not found and len(span) > 3:
                return None
            if not found:  # "New London", "Story City", "Lake Vermont": a place we do not know
                return _Mention(span.start_char, span.end_char, text, text, 2, "GPE" if strength < 2 else label,
                                span.start, span.end, unknown=True)
        q, kind, near = self._clean_query(text)
        start, end = span.start, span.end
        if kind is None and end < len(doc) and doc[end].lower_ in SUFFIX_KIND:  # "Idlib province"
            kind = SUFFIX_KIND[doc[end].lower_]
            near = near or kind == "N"
        # "the eastern Ghouta": try with a preceding direction word first
        if start > 0 and doc[start - 1].lower_ in DIRECTIONS:
            q2 = doc[start - 1].text + " " + q
            c2 = [c for c in self._candidates(q2, fuzzy=True) if c[0] >= 0.6]
            if c2 and doc[start - 1].is_lower and not any(
                    c[1][12] != "geonames" or c[1][6] != "P" for c in c2) and self._candidates(q, fuzzy=False):
                c2 = []  # "north Arlington": the north of Arlington, not the town of North Arlington
            if c2:
                sp = doc[start - 1:end]
                return _Mention(sp.start_char, sp.end_char, sp.text, q2, strength, label, sp.start, sp.end,
                                kind, cands=c2, near=near)
        cands = self._candidates(q, fuzzy=False)
        words = q.split()
        if cands and len(words) > 1 and words[-1] in ("City", "CITY") and all(c[0] < 1.0 for c in cands):
            # "Dublin City", "Las Vegas City": only a variant name of one of the places called Dublin
            head = [c for c in self._candidates(" ".join(words[:-1]), fuzzy=False) if c[0] >= 1.0]
            seen = {c[1] for c in cands}
            cands = cands + [c for c in head if c[1] not in seen]
        if not cands and len(words) > 1 and words[0].lower() in DIRECTIONS:  # "northern Syria" -> Syria
            cands = self._candidates(" ".join(words[1:]), fuzzy=False)
            near = bool(cands)
        stripped = " ".join(words[:-1]) if kind is not None and len(words) > 1 and (
            words[-1].lower() in SUFFIX_KIND) else None
        if not cands and stripped:  # "Idlib province" -> Idlib (kind A), exact names before fuzzy ones
            cands = self._candidates(stripped, fuzzy=False)
        if not cands and len(span) >= 2:
            # "New Concord Reservoir", "Henderson County Jail", "Athens Police Department": the place
            # named at the start of a facility's or body's name
            for k in range(len(span) - 1, 0, -1):
                rest = span[k]
                if rest.text not in _INST_WORDS or span[k - 1].is_punct:
                    continue
                sub = span[:k]
                if sub[0].lower_ in ("the", "a") or (len(sub) == 1 and sub[0].lower_ in _NAME_PREFIXES):
                    continue
                c_sub = [c for c in self._candidates(sub.text, fuzzy=False) if c[0] >= 0.95]
                if rest.text in _EPONYM_INST and not any(self._prominent(c) for c in c_sub):
                    continue  # "Cornell University", "Douglas High School": named after people, not towns
                if c_sub and not all(w in GENERIC_NAMES for w in sub.text.lower().split()):
                    civic = rest.text in _CIVIC_INST or sub[-1].text in _COUNTY_WORDS
                    if strength < 2 and not civic:
                        return self._make(doc, sub, strength, label, locative)
                    return self._make(doc, sub, 2, "GPE" if strength < 2 else label, locative)
        if not cands and strength == 2:
            cands = self._candidates(stripped or q, fuzzy=True)
        if not cands and strength < 2:
            # weak labels: try the fuzzy index only for one-word names (translation noise)
            if strength == 1 and label in ("ORG", "NORP", "PERSON") and len(span) == 1 and len(q) >= 5:
                cands = [c for c in self._candidates(q, fuzzy=True) if c[0] >= 0.6]
            if not cands:
                return None
        if cands and generic:  # "North East", "South-West": a region's name, not some country's province
            cands = [c for c in cands if c[1][7] in REGION_CODES or c[1][7] == "CONT" or c[1][12] == "marsad"]
            if not cands:
                return None
        if cands and len(name_key(q)) <= 3:
            # a short word matches a place's own name, not an alternate (alternates of 2-3 letters are
            # mostly airport and postal codes: "Jan" is JAN, Jackson's airport)
            cands = [c for c in cands if c[0] >= 1.0 or c[1][7] in COUNTRY_CODES or c[1][7] == "ADM1"
                     or c[1][12] == "marsad"]
            if not cands:
                return None
        if strength < 2 and cands:
            # weak labels need an exact name of a prominent place, or a Syrian/supplement/OCHA place,
            # or an exact name in a place slot ("in Kurla town (...)")
            if locative or (label != "RUN" and self._locative(doc, start, end)):
                cands = [c for c in cands if c[0] >= 0.95]
                if not cands:
                    return None
                locative = True
            else:
                if label == "PERSON" and len(span) > 1:
                    return None
                if not any(self._prominent(c) for c in cands):
                    return None
        if kind is None and start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in (
                "countryside", "province", "governorate", "countrysides"):
            kind = "A"  # "the southern countryside of Idleb": the governorate
        if not near and start > 0 and doc[start - 1].lower_ in NEAR_WORDS - {"of"}:
            near = True
        if not near and start > 1 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in NEAR_WORDS:
            near = True
        return _Mention(span.start_char, span.end_char, text, q, strength, label, start, end, kind,
                        cands=cands, near=near, locative=locative)

    def _extend(self, doc, span):
        """(span, known) when the name goes on over a word that makes it another place's name: "New" +
        "London", "St." + "Paul", "Guernsey" + "County", "Story" + "City". ``known`` is False when the
        longer name is not in the gazetteer (the shorter one must then not be read as the place). None
        when the span does not go on."""
        from spacy.tokens import Span
        start, end = span.start, span.end
        left = start > 0 and doc[start - 1].text in _NAME_HEADS and (
            start < 2 or not doc[start - 2].is_title or doc[start - 2].is_sent_start or doc[start - 2].is_punct)
        right = end < len(doc) and doc[end].text in _NAME_TAILS
        if not left and not right:
            return None
        s0 = start - 1 if left else start
        e0 = end + 1 if right else end
        for a, b in ((s0, e0), (start, e0), (s0, end)):
            if (a, b) == (start, end):
                continue
            sub = doc[a:b]
            if self._candidates(sub.text, fuzzy=False) or (
                    sub[-1].text in _COUNTY_WORDS and self._candidates(sub.text, fuzzy=False)):
                return Span(doc, a, b, label=span.label_), True
        head = self._candidates(span.text, fuzzy=False)
        if right and doc[end].text == "City":
            if end + 1 < len(doc) and (doc[end + 1].text in _CIVIC_AFTER or doc[end + 1].is_title):
                return None  # "Springfield City Council", "Gainesville City Elections"
            if any(c[0] >= 1.0 and (c[1][7] in ("PPLC", "PPLA") or (c[1][11] or 0) >= 200_000) for c in head):
                return None  # "Aleppo City", "Gaza City": the city itself
        if any(c[0] >= 0.95 and (c[1][7] in COUNTRY_CODES or c[1][7] in ("ADM1", "CONT")) for c in head):
            return None  # "New U.S. airline", "Florida Highway Patrol": the country or state
        if right and doc[end].text in _COUNTY_WORDS:
            return None  # an unknown county: the name alone (with kind C) is still the best reading
        return Span(doc, s0, e0, label=span.label_), False

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
        score = s * 4.0 + prior(fcode, pop, src) * 0.7
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
            d = min(haversine_km(row[3], row[4], a[0], a[1]) for a in anchors)
            if d < 50:
                score += 2.5
            elif d < 250:
                score += 1.5
            elif d < 1000:
                score += 0.5
        return score

    def geoparse(self, doc) -> list[Place]:
        text = doc.text
        ments = self._mentions(doc, text)
        self.last_mentions = ments  # for inspection (tests, debugging)
        if not ments:
            return []
        # parent context: "X, Y" and "X in Y"
        for a, b in zip(ments, ments[1:]):
            if a.demonym_gid is not None or b.demonym_gid is not None:
                continue
            between = text[a.end:b.start]
            if _is_link(between):
                a.parent = b
                a.strong_link = "(" in between
        # pass 1: priors only -> country focus (ambiguous names spread their weight over countries;
        # a name repeated in the document counts little more than once)
        seen_q: Counter = Counter()
        weights: Counter = Counter()
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
        # pass 2 and 3: resolve with context; focus, anchors and admin1 units re-estimated from pass 2
        # spatial coherence: how many other names of the document have a reading near each candidate
        # ("Alexandria", "Brandon", "Kensington" and "Douglas County" together are in Minnesota)
        ctx = _context(ments, self._vote)

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
                fo = {cc: v / tot_o for cc, v in others.items() if v > 0} if tot_o > 0.3 else {}
                a1o = {}
                if a1w:
                    own = Counter()
                    for x in same_q:
                        own.update(x.a1contrib)
                    a1o = {key: w - own.get(key, 0.0) for key, w in a1w.items()}
                    tot_a = sum(v for v in a1o.values() if v > 0)
                    a1o = {key: v / max(tot_a, A1_MIN) for key, v in a1o.items() if v > 0}
                scored = [(self._score(c, m.suffix_kind, fo if fo else focus, prow, anc, a1set, ancestors, k in child_of,
                                       a1o), c) for c in m.cands]
                scored.sort(key=lambda t: -t[0])
                if ctx and len(scored) > 1:
                    # spatial and admin1 coherence with the other names' likely readings
                    qk = m.query.lower()
                    lim = scored[0][0] - SUPPORT_CAP * SUPPORT_W - 0.5
                    head = [(sc + SUPPORT_W * min(SUPPORT_CAP, _support(c[1], qk, ctx)), c)
                            for sc, c in scored[:16] if sc >= lim]
                    scored = sorted(head, key=lambda t: -t[0]) + scored[len(head):]
                if (scored[0][1][1][6] == "P" and (scored[0][1][1][11] or 0) < 100_000
                        and (prow is None or prow[5] != scored[0][1][1][5])):
                    # a country, continent or ocean named as such is not a small town of the same name
                    # ("China", "Mexico", "Atlantic") unless the text says so ("China, Texas")
                    big = [t for t in scored if t[1][0] >= 0.95 and (
                        t[1][1][7] in COUNTRY_CODES or t[1][1][7] in ("CONT", "OCN", "SEA")
                        or BIG_ADM1 and t[1][1][7] == "ADM1" and t[1][0] >= 1.0 and (t[1][1][11] or 0) > 0
                        and t[1][1][5] == scored[0][1][1][5])]
                    if big and ((scored[0][1][1][11] or 0) < BIG_TOWN or scored[0][1][0] < big[0][1][0]):
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
                big = (bfc in COUNTRY_CODES or bfc in ("ADM1", "CONT", "PPLC") or m.best[12] in ("marsad", "admin1")
                       or (m.best[11] or 0) >= 100_000)
                parent_cc = prow[5] if prow is not None else None
                top_o = max(fo.values()) if fo else 0.0
                if parent_cc is not None and parent_cc != bcc and (
                        not big or (m.strong_link or prow[7] == "ADM1") and not (
                        bfc in COUNTRY_CODES or bfc in ("ADM1", "CONT"))) and (
                        prow[7] in COUNTRY_CODES or prow[7] == "ADM1" or m.parent.best_score > 0 and m.parent.margin > 1):
                    m.best = None  # "Goyali, Gadabay": no Goyali in Gadabay's country
                # decline fuzzy matches that nothing else in the document supports
                elif ms < 0.9 and parent_cc != bcc and fo.get(bcc, 0.0) < 0.25 and not (
                        ms >= 0.75 and not fo):
                    m.best = None
                # an admin unit of another country in a document about one country ("Colonia" in Mexico)
                elif (bfc == "ADM1" and parent_cc != bcc and fo.get(bcc, 0.0) < 0.05 and top_o >= 0.6
                      and tot_o >= 1.5 and m.best_ms < 1.0 + 1e-9 and len(m.query.split()) == 1
                      and m.strength < 2):
                    m.best = None
                # a small town of another country in a document about one country ("Operation Peace Spring")
                elif (not big and parent_cc != bcc and fo.get(bcc, 0.0) < 0.05 and top_o >= 0.5
                      and tot_o >= 1.0):
                    m.best = None
                # "Walker County" read as the town of Walker: only if the town is where the story is
                elif m.suffix_kind == "C" and m.best[6] == "P" and it == N_IT - 1 and not (
                        (m.best[5], m.best[8]) in a1set or (prow is not None and prow[5] == m.best[5] and (
                            prow[7] != "ADM1" or prow[8] == m.best[8])) or any(
                            haversine_km(m.best[3], m.best[4], a[0], a[1]) < 120 for a in anc)):
                    m.best = None
                if m.best is None and (ms < 0.95 or m.strength < 2):
                    m.dist = []  # a declined sound-alike says nothing about where the others are
            if it < N_IT - 1:
                weights = Counter()
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
                        elif m.best[7] not in COUNTRY_CODES and m.best[7] != "CONT" and m.margin > 1.0:
                            anchor_set[(m.best[3], m.best[4], m.best[5])] = 1
                anchors = list(anchor_set)[:30]
                ctx = _context(ments, self._vote)
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
            if m.strength < 2:
                continue
            # unresolved toponym entity: approximate by its parent or the document's focal town
            approx = None
            if self.approximate_unresolved:
                if m.parent is not None and m.parent.best is not None:
                    approx = m.parent.best
                elif m.label in ("FAC", "LOC", "GPE") and focal_town is not None:
                    approx = focal_town
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
