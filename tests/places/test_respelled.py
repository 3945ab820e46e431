"""Place names respelled as translation writes them, when no name of the story is left as the gazetteer
spells it (places/normalize.vowel_frame, gazetteer.translit_rows, coherence._corroboration)."""
import pytest

from marsad.places.normalize import translit_key, vowel_frame


@pytest.mark.parametrize("a, b", [("hagillah", "hajilah"), ("yessne", "yasne"), ("channei", "chennai"),
                                  ("regqa", "raqqa"), ("idllip", "idlib"), ("humss", "homs")])
def test_respellings_share_a_vowel_frame(a, b):
    assert vowel_frame(a) == vowel_frame(b)


def test_the_frame_tells_apart_names_that_share_a_key():
    assert translit_key("Hagillah") == translit_key("Haql") == "hkl"
    assert vowel_frame("hagillah") != vowel_frame("haql")


def test_closest_spelling_scores_highest_among_one_key(gaz):
    rows = {(r[2], r[5]): s for s, r in gaz.translit_rows("Hagillah", limit=60)}
    assert rows.get(("Hajilah", "SY"), 0) > rows.get(("Hialeah", "US"), 1)


def _places(nlp, geoparser, text):
    return {p.text: p for p in geoparser.geoparse(nlp(text)) if p.name}


def test_two_respelled_names_of_one_province_back_each_other(nlp, geoparser):
    got = _places(nlp, geoparser, "Regime helicopters dropped barrel bombs on Kafrenbell in the southern "
                                  "countryside of Edleeb.")
    assert got["Kafrenbell"].country_code == "SY" and got["Kafrenbell"].name == "Kafranbel"
    assert got["Edleeb"].admin1 == "Idleb"


def test_a_respelled_village_beside_its_region(nlp, geoparser):
    got = _places(nlp, geoparser, "Fighting was reported near Krasnogorivka, in Donetsk oblast.")
    assert got["Krasnogorivka"].name == "Krasnohorivka" and got["Krasnogorivka"].country_code == "UA"


def test_a_respelled_major_city_alone_is_found(nlp, geoparser):
    got = _places(nlp, geoparser, "Clashes erupted in Alepo on Tuesday.")
    assert got["Alepo"].name == "Aleppo"


def test_a_person_who_sounds_like_a_village_is_no_place(nlp, geoparser):
    assert _places(nlp, geoparser, "Mr. Kensafra told reporters the vote was fair.") == {}


def test_a_key_one_edit_away_spelled_close_joins_the_same_key_names(gaz):
    # a letter added where the key folds ("h" after a vowel) moves the key one edit; the spelling stays close
    rows = [(r[2], r[5]) for _, r in gaz.translit_rows("Hiderahbad", limit=60)]
    assert ("Hyderabad", "PK") in rows[:3]


def test_a_name_english_spells_as_written_gets_no_one_edit_readings_beside_its_key(gaz):
    joined = {r[1] for _, r in gaz.translit_rows("Bilgrahde", limit=60)}
    alone = {r[1] for _, r in gaz.translit_rows("Bilgrahde", limit=60, near_join=False)}
    assert alone < joined


@pytest.mark.parametrize("text, name, country", [
    ("Government forces shelled villages in Hemah province on Monday.", "Hemah", "SY"),
    ("Security forces arrested three men in Tertouss city.", "Tertouss city", "SY"),
])
def test_a_kind_word_backs_a_respelled_province_or_city(nlp, geoparser, text, name, country):
    got = _places(nlp, geoparser, text)
    assert name in got and got[name].country_code == country


def test_a_kind_word_does_not_make_an_english_phrase_a_province(nlp, geoparser):
    got = _places(nlp, geoparser, "A haz-mat day will be held in Zionsville, Indiana this fall, Waste District "
                                  "director Dave Lamm said.")
    assert all(p.country_code != "IQ" for p in got.values())


def test_writing_cues_do_not_put_a_respelled_capital_elsewhere(nlp, geoparser):
    # "MPs" is a British writing cue: where the story is written from, not where it happened
    got = _places(nlp, geoparser, "Activists and MPs held one-person protests in Musscow on Labour Day.")
    assert got["Musscow"].country_code == "RU"
