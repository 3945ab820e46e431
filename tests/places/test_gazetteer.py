
import pytest

from marsad.places.gazetteer import Gazetteer
from marsad.places.normalize import name_key, phonetic, skeleton
from marsad.records import GazetteerEntry


@pytest.mark.parametrize("name,key", [
    ("Al-Hasakeh", "hasakeh"), ("Ar-Raqqa", "raqqa"), ("Deir ez-Zor", "deir zor"), ("el-Arish", "arish"),
    ("Ḩamāh", "hamah"), ("St. Louis", "st louis"), ("Dar'a", "dara"), ("الغوطة", "غوطه"), ("U.S.", "u s"),
])
def test_name_key(name, key):
    assert name_key(name) == key


def test_phonetic_and_skeleton_fold_transliteration_noise():
    assert phonetic(name_key("Idleb")) == phonetic(name_key("Idlib"))
    assert skeleton("gauta") == skeleton("ghouta")
    assert skeleton("afreen") == skeleton("afrin")


def test_from_entries_tiny_gazetteer():
    g = Gazetteer.from_entries([
        GazetteerEntry(170654, "Damascus", 33.51, 36.29, "SY", "P", "PPLC", admin1="Damascus", population=1569394),
        GazetteerEntry(4352728, "Damascus", 39.29, -77.20, "US", "P", "PPL", admin1="Maryland", population=15257),
        GazetteerEntry("marsad:eastern-ghouta", "Eastern Ghouta", 33.57, 36.40, "SY", "L", "RGN", source="marsad"),
    ], alternates={"marsad:eastern-ghouta": ["Ghouta", "al-Ghouta al-Sharqiya"]})
    assert [e.geonameid for e in g.lookup("DAMASCUS")] == [170654, 4352728]
    assert g.lookup("al-Ghouta al-Sharqiya")[0].geonameid == "marsad:eastern-ghouta"
    assert g.fuzzy("Gauta")[0].geonameid == "marsad:eastern-ghouta"
    assert g.get(170654).name == "Damascus"


def test_reopen_answers_the_same(gaz):
    # Open time is measured in bench/components.py and bench/speed.py.
    g = Gazetteer.open(gaz.path)
    assert [e.geonameid for e in g.lookup("Aleppo")] == [e.geonameid for e in gaz.lookup("Aleppo")]
    g.close()


@pytest.mark.parametrize("name,gid", [
    ("Damascus", 170654), ("Aleppo", 170063), ("Afrin", 174186), ("Homs", 169577), ("Latakia", 173576),
    ("Mosul", 99072), ("Kabul", 1138958), ("Maiduguri", 2331447),
])
def test_golden_city_ids(gaz, name, gid):
    # the most prominent entry of a name may be the admin1 unit; the city must be among the first
    ids = [e.geonameid for e in gaz.lookup(name)[:3]]
    assert gid in ids, (name, ids)


def test_idlib_city_id(gaz):
    # GeoNames' Idlib city is 169389 (169388 is not in GeoNames' cities files)
    cities = [e for e in gaz.lookup("Idlib") if e.feature_class == "P"]
    assert cities[0].geonameid == 169389


def test_countries_admin1_and_supplement(gaz):
    sy = gaz.country("SY")
    assert sy.geonameid == 163843 and sy.name == "Syria" and sy.feature_code == "PCLI"
    assert gaz.admin1_name("SY", "12") == "Idleb"
    assert gaz.admin1_name("SY", "08") == "Rural Damascus"
    assert gaz.admin1_name("US", "TX") == "Texas"
    for variant in ("Idleb", "Ar-Raqqa", "Al-Hasakeh", "Dara", "Rural Damascus", "Deir ez-Zor"):
        assert any(e.feature_code == "ADM1" and e.country_code == "SY" for e in gaz.lookup(variant)), variant
    for name, gid in [("eastern Ghouta", "marsad:eastern-ghouta"), ("al-Ghouta al-Sharqiya", "marsad:eastern-ghouta"),
                      ("Hole camp", "marsad:hole-camp"), ("Rukban", "marsad:rukban"), ("Golan Heights", "marsad:golan"),
                      ("Gaza Strip", "marsad:gaza-strip"), ("Donbas", "marsad:donbas"), ("Euphrates", "marsad:euphrates")]:
        assert gaz.lookup(name)[0].geonameid == gid, name
    assert gaz.lookup("U.S.")[0].geonameid == 6252001


def test_arabic_names(gaz):
    assert gaz.lookup("دمشق")[0].geonameid == 170654
    assert gaz.lookup("الغوطة الشرقية")[0].geonameid == "marsad:eastern-ghouta"


def test_fuzzy_translation_noise(gaz):
    assert gaz.fuzzy("Gauta", country="SY")[0].geonameid == "marsad:eastern-ghouta"
    assert any(e.geonameid == 170654 for e in gaz.fuzzy("Damaskus")[:3])


def test_ruler_names(gaz):
    names = gaz.ruler_names()
    assert 1000 < len(names) <= 6000
    d = dict(names)
    assert d.get("Syria") == "GPE" and d.get("Eastern Ghouta") == "LOC" and d.get("Idlib") == "GPE"
    assert "Rukban camp" in d
    assert "South" not in d and "Central" not in d


def test_name_particles_spaced_either_way(gaz):
    from marsad.places.normalize import spacing_variants
    assert "de soto parish" in spacing_variants("desoto parish")
    assert spacing_variants("la salle county") == ["lasalle county"]
    assert spacing_variants("deir zor") == []
    assert any(e.admin1 == "Louisiana" and e.feature_code == "ADM2" for e in gaz.lookup("DeSoto Parish"))
    assert any(e.admin1 == "Illinois" for e in gaz.lookup("Du Page County"))


@pytest.mark.parametrize("word,iso", [("salvadoran", "SV"), ("guatemalan", "GT"), ("honduran", "HN"),
                                      ("nicaraguan", "NI"), ("bolivian", "BO"), ("ecuadorian", "EC"),
                                      ("eritrean", "ER"), ("cambodian", "KH"), ("slovak", "SK")])
def test_every_country_has_its_peoples_adjective(gaz, word, iso):
    gid = gaz.demonyms().get(word)
    assert gid is not None and gaz.country(iso) is not None and str(gaz.country(iso).geonameid) == str(gid)
