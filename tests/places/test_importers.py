import sqlite3
from pathlib import Path

import pytest

from marsad.places.gazetteer import Gazetteer, create_schema
from marsad.places.importers import import_geonames, import_ocha, info

GN = Path(__file__).resolve().parents[2].parent.joinpath("shared", "gazetteers", "geonames_sy")
OCHA = Path(__file__).resolve().parents[2].parent.joinpath("shared", "gazetteers", "syria_ocha_cod")


def _empty_index(tmp_path) -> Path:
    p = tmp_path / "gaz.sqlite"
    conn = sqlite3.connect(p)
    create_schema(conn)
    conn.close()
    return p


@pytest.mark.skipif(not GN.exists(), reason="shared GeoNames Syria files not available")
def test_import_geonames(tmp_path):
    p = _empty_index(tmp_path)
    files = sorted(GN.glob("*.tsv"))
    counts = import_geonames(p, *files)
    assert counts["entries"] > 100
    g = Gazetteer.open(p)
    yabrud = g.lookup("Yabroud")
    assert yabrud and yabrud[0].geonameid == 162627 and yabrud[0].feature_code == "PPLA2"
    assert g.get(169389).name == "Idlib"
    assert g.lookup("Tartous")[0].country_code == "SY"
    # the two files overlap: rows are upserted by geonameid
    assert 0 < info(g)["entries_by_source"]["geonames"] <= counts["entries"]


@pytest.mark.skipif(not OCHA.exists(), reason="shared OCHA COD files not available")
def test_import_ocha(tmp_path):
    p = _empty_index(tmp_path)
    counts = import_ocha(p, OCHA)
    assert counts["admin"] > 300 and counts["neighbourhoods"] > 300 and counts["capitals"] > 200
    g = Gazetteer.open(p)
    adm1 = [e for e in g.lookup("Idleb") if e.feature_code == "ADM1"]
    assert adm1 and str(adm1[0].geonameid).startswith("ocha:SY")
    # neighbourhoods by their English and Arabic names, placed at their community
    n = g.lookup("Baytara")
    assert n and n[0].geonameid == "ocha:N0375" and n[0].admin1 == "Al-Hasakeh"
    assert g.lookup("البيطرة")[0].geonameid == "ocha:N0375"
    assert g.get("ocha:SY0204").name == "A'zaz"
    inf = info(p)
    assert inf["entries_by_source"]["ocha"] == sum(counts.values()) and inf["path"] == str(p)


@pytest.mark.skipif(not (GN.exists() and OCHA.exists()), reason="shared gazetteer files not available")
def test_imported_places_resolve_in_geoparser(tmp_path):
    from marsad.places.geoparse import Geoparser
    p = _empty_index(tmp_path)
    import_geonames(p, *sorted(GN.glob("*.tsv")))
    import_ocha(p, OCHA)
    gp = Geoparser(Gazetteer.open(p))
    assert gp.resolve_name("Naqshabandi").geonameid == "ocha:N0009"
    assert gp.resolve_name("Yabrud").geonameid in (162627, "ocha:SY0305-cap")
