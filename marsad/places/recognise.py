"""Toponym recognition over a parsed spaCy Doc: which spans name places.

GPE/LOC/FAC entities; ORG/NORP/PERSON/LANGUAGE entities that are gazetteer names (the small English
model tags "Ghouta" as ORG and "Afrin" as NORP); capitalised untagged proper-noun runs that are
gazetteer names ("Idleb"); demonyms ("Turkish" -> Turkey). Also the place at the start of a body's
name ("Athens Police Department"), county lists ("Barrow, Jackson and Madison counties"), US postal
codes after a place ("Paris, TX"), and names that go on past the gazetteer's ("New London") kept
whole; street addresses are not places. Resolution is in ``geoparse.py``.
"""

import re
from dataclasses import dataclass, field
from typing import Optional

from marsad.places.gazetteer import COUNTRY_CODES, GENERIC_NAMES, REGION_CODES
from marsad.places.normalize import ARTICLES, name_key
from marsad.parse.doctext import doc_text as text_of
from marsad.time.resolve import MONTHS, WEEKDAYS


TOPO_LABELS = {"GPE", "LOC", "FAC"}
WEAK_LABELS = {"ORG", "NORP", "PERSON", "LANGUAGE", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "NAME"}
# words of a real date or time (a DATE entity without one of these or a digit is a name the tagger mistook:
# "... near Novoluhanske" at the end of a text without its full stop)
_DATE_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "christmas",
               "easter", "ramadan", "eid", "new", "year", "years", "day", "days", "week", "weeks", "month", "months",
               "today", "yesterday", "tomorrow", "tonight", "morning", "evening", "night", "afternoon", "noon",
               "midnight", "season", "spring", "summer", "autumn", "fall", "winter", "decade", "century", "hour",
               "hours", "minutes", "weekend", "holiday", "day's", "era", "age", "period", "time", "past", "last"}
_DIRECTION_ABBREVS = {"N.", "S.", "E.", "W.", "NE.", "NW.", "SE.", "SW.", "N.E.", "N.W.", "S.E.", "S.W."}
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
SOUND_SLOT_MIN = 0.84  # a sound-alike (places/gazetteer.translit_rows) in a place slot: key and spelling close
_AFTER_CURRENCY = {"dollar", "dollars", "currency"}
# titles before a person's name ("Mr Mason", "Col Ponce", "Msgr Romero")
_PERSON_TITLES = {"mr", "mrs", "ms", "dr", "msgr", "monsignor", "gen", "general", "col", "colonel", "capt", "captain",
                  "maj", "major", "lt", "lieutenant", "sgt", "sergeant", "president", "senator", "sen", "rep",
                  "father", "fr", "bishop", "archbishop", "cardinal", "judge", "prof", "professor", "comdr",
                  "commander", "minister", "ambassador", "governor", "mayor", "deputy", "congressman", "sir", "lord",
                  "sheikh", "rev", "reverend", "pastor", "imam", "ayatollah", "king", "queen", "prince", "princess"}
# words after a place's name that make a company of it ("Houston Oil", "Bogota Petroleum Company")
_COMPANY_WORDS = {"oil", "petroleum", "airlines", "airways", "bank", "company", "corporation", "corp", "inc", "ltd",
                  "gas", "mining", "insurance", "motors", "steel", "telecom", "holdings", "brewery"}


def _english_name(word: str) -> bool:
    """A group's name English spells this way ("Jesuit", "Catholic", "Marxist"): a sound-alike of a place
    is no respelling of it (the fuzzy index is for names written another way)."""
    from marsad.parse.restore import word_casings
    return word.lower() in word_casings()


def _spelled_in_english(name: str) -> bool:
    """Every word of ``name`` is one English writes ("Anfield", "Whole Foods", "Green"): the name is spelled
    as English spells it, not a transliteration of a name from another script."""
    from marsad.parse.restore import word_casings
    casings = word_casings()
    words = re.findall(r"[^\W\d_]{2,}", name)
    return bool(words) and all(w.lower() in casings for w in words)
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


def _title_case(sent) -> bool:
    """A headline written in title case ("Belgian F-16 Jets in Area"): its capitals say nothing."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.is_title for t in words) >= 0.8 * len(words)


def _date_word(tok) -> bool:
    w = tok.text.rstrip(".").lower()
    return tok.text[:1].isupper() and (w in MONTHS or w in WEEKDAYS)


def _part_of_date(doc, span) -> bool:
    """ "in March 2011", "6 March", "Mon Jul 6 2015": a month or weekday name beside a number or
    another month or weekday name is part of a date, not the place of that name ("March",
    Cambridgeshire; "Mon", Myanmar)."""
    if len(span) != 1 or not _date_word(span[0]):
        return False
    i = span.start
    for j in (i - 1, i + 1, i + 2):
        if 0 <= j < len(doc) and (j != i + 2 or doc[i + 1].text == ","):
            n = doc[j]
            if n.like_num or _date_word(n):
                return True
    return False


def _group_adjective(doc, span, locative: bool) -> bool:
    """ "the Arab country", "the Arab Spring", "Kurdish and Arab fighters": an adjective naming a people
    or a faith qualifies a noun; it is not the place that happens to bear the word (Arab, Alabama).
    Demonyms of countries are read before this (``demonyms.tsv``); a place-kind noun after the word
    ("X village") or a locative preposition or "the city of" before it keeps it a place."""
    if len(span) != 1 or locative:
        return False
    t = span[0]
    if t.pos_ != "ADJ" or t.dep_ not in ("amod", "conj", "compound", "nmod"):
        return False
    if span.start > 0 and doc[span.start - 1].lower_ in _LOC_PREPS:
        return False
    if span.start > 1 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in _LOC_OF:
        return False  # "the city of Aleppo Syrian activists said": the tagger's adjective is a place
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and (nxt.lower_ in _LOC_AFTER or nxt.lower_ in SUFFIX_KIND):
        return False
    head = t
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "Kurdish and Arab fighters"
    return head.head.pos_ in ("NOUN", "PROPN") and head.head.i != head.i
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
_SETTLEMENT_TAILS = {"Colony", "Springs", "Falls", "Heights", "Village", "Junction", "Mills", "Grove", "Township",
                     "Landing", "Crossing", "Estates"}
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
    part_of: Optional["_Mention"] = None  # "Dublin City" -> the "Dublin" mention it is part of
    in_state: Optional[tuple] = None  # ((cc, admin1 code), state row or None): where an unlisted town is
    prior_scored: list = field(default_factory=list)  # [(score, candidate)] on priors alone, best first
    unknown: bool = False  # a longer name than any gazetteer name ("New London" when we only know London)
    declined: Optional[str] = None  # the rule that declined the best reading, if one did
    declined_row: Optional[tuple] = None  # that reading




class RecognitionMixin:
    """The recognition half of ``Geoparser`` (needs ``self.gaz``, ``self._candidates``, ``self._dem``)."""

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
        doc_text = text_of(doc) if doc_text is None else doc_text
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
            elif m is not None and not m.cands and len(span) > 2:
                # "Lamar County Commissioners", "Lamar County Elections Coordinator" tagged as places:
                # the county at their start
                emb = self._embedded(doc, span)
                if emb is not None and emb.cands and emb.demonym_gid is None and emb.label == "GPE":
                    m = emb
            if m is None:
                continue
            out.append(m)
            for t in range(m.tok_start, m.tok_end):
                taken[t] = True
        # untagged proper-noun runs and demonym adjectives
        lower_words = {t.text for t in doc if t.is_lower and t.is_alpha}
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
                    if t.is_title and t.lower_ in lower_words and (t.is_sent_start or _title_case(t.sent)):
                        continue  # "Man arrested ...", "Jets in Area": a word the text also writes lower-case
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
        out = _drop_surnames(doc, self._locative, self._drop_person_names(self._counties(doc, out, doc_text)))
        return self._state_codes(doc, out, doc_text)

    @staticmethod
    def _drop_person_names(out: list) -> list:
        """A one-word name the tagger calls a person ("Taylor", "Goodwin"), or an organisation known only
        as a sound-alike ("House", "Senate"), is a place only where the document also uses it as one (a
        GPE/LOC mention of the same name, or a place slot: "in Mansfield"), or where it names a curated
        place (a supplement or OCHA entry, a Syrian place, a country: "Gauta" tagged ORG is still Ghouta)."""
        strong = {m.query.lower() for m in out if m.demonym_gid is None and (m.strength == 2 or m.locative)}
        keep = []
        for m in out:
            if (m.demonym_gid is None and m.strength == 1 and m.label in ("PERSON", "ORG") and not m.locative
                    and m.tok_end - m.tok_start == 1 and m.query.lower() not in strong
                    and not any(row[12] in ("marsad", "ocha") or row[5] == "SY"
                                or (row[7] in COUNTRY_CODES and s >= 0.95) for s, row in m.cands)):
                if m.label == "PERSON":
                    continue
                # an organisation's name may be a town's ("Gainesville" for its council), but not a
                # sound-alike of one ("House" for Hesse)
                m.cands = [c for c in m.cands if c[0] >= 0.95]
                if not m.cands:
                    continue
            keep.append(m)
        return keep

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
            if ent.label_ in ("DATE", "TIME") and all(
                    t.is_title and t.is_alpha and t.lower_ not in _DATE_WORDS for t in ent):
                ent = Span(doc, ent.start, ent.end, label="NAME")  # a name the tagger took for a date
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
            if span[k].text in _COUNTY_WORDS and all(t.text[:1].isupper() and t.is_alpha for t in span[:k]):
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
        """Is the token run doc[i:end] in a place slot: "in X", "village of X", "X (", "X town"? (a
        direction between the preposition and the name keeps the slot: "in northern X", "in rural X")"""
        if i > 1 and doc[i - 1].is_lower and doc[i - 1].lower_ in DIRECTIONS:
            i -= 1
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
        if _after_title(doc, span.start):
            return None  # "Mr Mason", "President Cristiani", "Judge Carlos Valencia": a person's name
        if span.end < len(doc) and doc[span.end].text.lower() in _COMPANY_WORDS and doc[span.end].text[:1].isupper():
            return None  # "Houston Oil", "Lima Petroleum": a company named after a place
        if _part_of_date(doc, span):
            return None  # "in March 2011", "Mon Jul 6 2015"
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
        if _group_adjective(doc, span, locative):
            return None  # "the Arab country", "Kurdish and Arab fighters" (not "the city of Aleppo Syrian activists")
        words = q.split()
        if cands and len(words) > 1 and words[-1] in ("City", "CITY") and all(c[0] < 1.0 for c in cands):
            # "Dublin City", "Las Vegas City": only a variant name of one of the places called Dublin
            head = [c for c in self._candidates(" ".join(words[:-1]), fuzzy=False) if c[0] >= 1.0]
            seen = {c[1] for c in cands}
            cands = cands + [c for c in head if c[1] not in seen]
        if not cands and len(words) > 1 and (words[0].lower() in DIRECTIONS or words[0] in _DIRECTION_ABBREVS):
            # "northern Syria" -> Syria, "W. Phila." -> Philadelphia
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
        place_slot = None
        if not cands and strength < 2:
            # weak labels: try the fuzzy index only for one-word names (translation noise), or for a
            # short name in a place slot ("shelled Ftireh in the countryside of Idllab")
            place_slot = locative or (label != "RUN" and self._locative(doc, start, end)) or (
                start > 0 and doc[start - 1].text == "(")  # "in X (Y)": Y is X's district or province
            if strength == 1 and (label in ("ORG", "NORP", "PERSON") and len(span) == 1 and len(q) >= 5
                                  and not (label == "NORP" and _english_name(q))
                                  or place_slot and len(span) <= 3 and len(name_key(q)) >= 4):
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
            if place_slot if place_slot is not None else (locative or (label != "RUN" and self._locative(doc, start, end))):
                # an exact name, or a name written another way that spells much like it
                cands = [c for c in cands if c[0] >= 0.95] or [c for c in cands if c[0] >= SOUND_SLOT_MIN]
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
        if any(c[0] >= 0.95 and (c[1][7] in COUNTRY_CODES or c[1][7] in ("ADM1", "CONT")) for c in head) and not (
                right and doc[end].text in _SETTLEMENT_TAILS):
            return None  # "New U.S. airline", "Florida Highway Patrol": the country or state (but
            # "Tennessee Colony" is a village the gazetteer does not know, not Tennessee)
        if right and doc[end].text in _COUNTY_WORDS:
            return None  # an unknown county: the name alone (with kind C) is still the best reading
        return Span(doc, s0, e0, label=span.label_), False



def _after_title(doc, i: int) -> bool:
    """Does a person's title stand before token i, over at most two more capitalised words of the name
    ("Mr Mason", "Judge Carlos Valencia", "Colonel Rene Emilio Ponce")?"""
    k = i - 1
    for _ in range(3):
        if k < 0 or doc[k].is_punct or doc[k].is_sent_end:
            return False
        if doc[k].lower_.rstrip(".") in _PERSON_TITLES:
            return True
        if not doc[k].text[:1].isupper() or doc[k].is_stop:
            return False
        k -= 1
    return False


def _person_names(doc) -> list:
    """Token spans naming people: PERSON entities of two or more words, and the capitalised words
    after a title ("Colonel Rene Emilio Ponce")."""
    names = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2]
    n = len(doc)
    for t in doc:
        if t.lower_.rstrip(".") not in _PERSON_TITLES or t.i + 1 >= n:
            continue
        j = t.i + 1
        while j < n and j - t.i <= 3 and doc[j].text[:1].isupper() and not doc[j].is_punct \
                and not doc[j].is_stop and not doc[j].is_sent_start:
            j += 1
        if j > t.i + 1:
            names.append((t.i + 1, j))
    return names


def _drop_surnames(doc, in_slot, out: list) -> list:
    """A one-word name that is the surname of a person the document names ("Colonel Rene Emilio Ponce"
    ... "Ponce said"; "Gonzalo Rodriguez Gacha" ... "Rodriguez and his people") is that person, not a
    place: reports name a person in full once and by surname after. A name the document also writes in
    a place slot or as a tagged place elsewhere is kept."""
    names = _person_names(doc)
    if not names:
        return out
    sur = {doc[k].lower_ for a, b in names if b - a >= 2 for k in range(a + 1, b)}
    inside = {k for a, b in names for k in range(a, b)}
    if not sur:
        return out
    slotted = {m.query.lower() for m in out if m.locative or in_slot(doc, m.tok_start, m.tok_end)}
    keep = []
    for m in out:
        one = m.demonym_gid is None and m.tok_end - m.tok_start == 1
        if one and m.tok_start in inside:
            continue  # a word of the person's own name
        if one and m.query.lower() in sur and m.query.lower() not in slotted:
            continue
        keep.append(m)
    return keep
