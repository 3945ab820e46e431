"""Writing cues: where a story is written from (places/locale.py) and how it moves lone ambiguous names."""
from marsad.places.locale import cue_names, locale_cues
from marsad.places.gazetteer import DATA_DIR, read_tsv


def test_cue_file_is_well_formed():
    rows = list(read_tsv(DATA_DIR / "locale_cues.tsv"))
    assert len(rows) >= 10
    for r in rows:
        for part in r["votes"].split("|"):
            cc, share = part.split(":")
            assert len(cc) == 2 and cc.isupper() and 0 < float(share) <= 1, r


def test_cues_of_a_us_local_story():
    text = ("The City Council on Monday approved $10.3 million in bonds. Sheriff Tom Ray said the "
            "neighborhood center would reopen.")
    names = cue_names(text)
    assert {"dollar", "us-sheriff", "us-spelling"} <= set(names), names
    shares = locale_cues(text)
    assert max(shares, key=shares.get) == "US" and abs(sum(shares.values()) - 1) < 1e-9


def test_cues_of_a_british_story():
    shares = locale_cues("The councillors agreed to spend £40,000 on the town centre.")
    assert max(shares, key=shares.get) == "GB"


def test_no_cues_no_votes():
    assert locale_cues("Shelling killed 12 people near the town on Friday.") == {}
    # a dollar sign in an identifier or a word that merely contains a cue is no cue
    assert locale_cues("The variable $x and the word centrefold-ish matter not.") == {}


def _places(nlp, geoparser, text):
    return geoparser.geoparse(nlp(text))


def test_lone_town_name_in_a_us_local_story(nlp, geoparser):
    # Mansfield, Nottinghamshire is bigger than Mansfield, Texas; a city council pricing its debt in
    # dollars is in the United States
    text = ("Mansfield OKs refinancing $10.3 million in debt. MANSFIELD - The City Council on Monday "
            "authorized the refinancing of city debt at lower interest rates. Mansfield officials said "
            "the savings would go to the neighborhood parks program.")
    ps = _places(nlp, geoparser, text)
    assert {p.country_code for p in ps if p.text.lower() == "mansfield"} == {"US"}, ps


def test_lone_town_name_in_a_british_story(nlp, geoparser):
    text = ("Councillors in Mansfield agreed to spend £40,000 on the town centre. Mansfield council said "
            "the work would start in the spring.")
    ps = _places(nlp, geoparser, text)
    assert {p.country_code for p in ps if p.text == "Mansfield"} == {"GB"}, ps


def test_cues_do_not_move_a_story_that_names_its_places(nlp, geoparser):
    # dollars in a story about Russia do not make Moscow a town in Pennsylvania
    text = ("Baltia Air Lines will fly from New York to St. Petersburg and Moscow, with fares from $450. "
            "Russia's aviation agency approved the Moscow route.")
    ps = _places(nlp, geoparser, text)
    assert {p.country_code for p in ps if p.text in ("Moscow", "St. Petersburg")} == {"RU"}, ps
