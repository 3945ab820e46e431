"""Golden triggers: the founding article (read from ../shared at run time) and our own sentences."""
from pathlib import Path

import pytest

from marsad.events.triggers import ACLED_TYPES, SUBTYPE_TO_TYPE, Trigger, classify_text, find_triggers, lexicon

ARTICLE = Path(__file__).resolve().parents[3] / "shared" / "examples" / "000_29281ecb90590ecd.txt"


@pytest.fixture(scope="module")
def article(nlp):
    if not ARTICLE.exists():
        pytest.skip(f"{ARTICLE} not found (shared examples absent)")
    text = ARTICLE.read_text(encoding="utf-8")
    return text, find_triggers(nlp(text))


def _at(text, trigs, phrase, word):
    """The trigger whose text is `word`, inside the first occurrence of `phrase`."""
    base = text.index(phrase)
    start = base + phrase.index(word)
    hits = [t for t in trigs if t.start <= start < t.end or start <= t.start < start + len(word)]
    assert hits, f"no trigger for {word!r} in {phrase!r}"
    return hits[0]


def test_lexicon_uses_exact_acled_spelling():
    placeholders = {"GENERIC", "EXPLOSION", "TERRITORY", "BASE", "FIREARMS"}  # decided by the rules
    for r in lexicon().rows:
        if r.role in ("trigger", "instrument") and r.etype in ACLED_TYPES:
            assert r.subtype in placeholders or SUBTYPE_TO_TYPE.get(r.subtype) == r.etype, r
    covered = {r.subtype for r in lexicon().rows if r.role in ("trigger", "instrument")}
    missing = set(SUBTYPE_TO_TYPE) - covered - {"Government regains territory", "Non-state actor overtakes territory",
                                                "Headquarters or base established", "Protest with intervention",
                                                "Excessive force against protesters"}
    assert not missing, missing
    assert len(SUBTYPE_TO_TYPE) == 25 and len(ACLED_TYPES) == 6


def test_air_strikes_killed(article):
    text, trigs = article
    t = _at(text, trigs, "air strikes killed more than 12 people", "killed")
    assert (t.event_type, t.sub_event_type) == ("Explosions/Remote violence", "Air/drone strike")
    assert t.plover_mode == "aerial" and t.modality == "asserted"
    assert text[t.patient[0]:t.patient[1]] == "more than 12 people"


def test_warplanes_killed(article):
    text, trigs = article
    t = _at(text, trigs, "warplanes killed 14 people", "killed")
    assert t.sub_event_type == "Air/drone strike"
    assert t.instrument == "warplane"
    assert text[t.patient[0]:t.patient[1]] == "14 people"


def test_shelling_by_syrian_army(article):
    text, trigs = article
    t = _at(text, trigs, "Syrian army forces are shelling", "shelling")
    assert t.sub_event_type == "Shelling/artillery/missile attack"
    assert "Syrian army forces" in text[t.agent[0]:t.agent[1]]


def test_turkey_resumed_air_strikes(article):
    text, trigs = article
    t = _at(text, trigs, "Turkey resumed its air strikes on Afrin overnight", "air strikes")
    assert t.sub_event_type == "Air/drone strike"
    assert text[t.patient[0]:t.patient[1]] == "Afrin"


def test_denied_chemical_weapons(article):
    text, trigs = article
    t = _at(text, trigs, "Damascus has consistently denied the use of chemical weapons", "chemical weapons")
    assert t.modality == "denied"
    assert t.modality != "asserted"


def test_telephoned_is_consult_phone(article):
    text, trigs = article
    t = _at(text, trigs, "telephoned his Russian counterpart", "telephoned")
    assert (t.plover_event, t.plover_mode) == ("CONSULT", "phone")
    assert t.event_type is None


def test_called_for_truce(article):
    text, trigs = article
    t = _at(text, trigs, "called for a humanitarian truce", "called for")
    assert t.plover_event in ("DEMAND", "REQUEST")
    assert t.modality == "planned"
    truce = _at(text, trigs, "called for a humanitarian truce", "truce")
    assert truce.event_type is None  # a truce asked for did not happen


def test_no_toll_as_incident(article):
    text, trigs = article
    start = text.index("the death toll jumped")
    assert not [t for t in trigs if t.event_type and start <= t.start < start + 21]


def test_trigger_record_is_frozen(article):
    _, trigs = article
    t = trigs[0]
    assert isinstance(t, Trigger)
    with pytest.raises(Exception):
        t.score = 1.0  # type: ignore[misc]


# ---- our own sentences (written for these tests)

@pytest.mark.parametrize("text,sub", [
    ("Gunmen opened fire on civilians at a market in the town, killing five people.", "Attack"),
    ("Soldiers clashed with rebels near the border on Monday.", "Armed clash"),
    ("A roadside bomb killed three soldiers on the highway.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint, killing two policemen.", "Suicide bomb"),
    ("Militants hurled a grenade at a police patrol.", "Grenade"),
    ("Rebel fighters captured the town of Kafr Nabl from government forces.", "Non-state actor overtakes territory"),
    ("Government troops recaptured the village from the insurgents.", "Government regains territory"),
    ("Gunmen kidnapped four aid workers on the road to the capital.", "Abduction/forced disappearance"),
    ("Hundreds of people protested in the capital against rising fuel prices.", "Peaceful protest"),
    ("Police fired tear gas to disperse hundreds of protesters in the capital.", "Protest with intervention"),
    ("Rioters torched cars and threw stones at the police.", "Violent demonstration"),
    ("A mob lynched a man accused of theft in the village.", "Mob violence"),
    ("Police arrested the opposition leader at his home.", "Arrests"),
    ("The two sides signed a ceasefire agreement in the capital.", "Agreement"),
    ("Army engineers defused an explosive device planted near the school.", "Disrupted weapons use"),
    ("Turkish forces set up a new military base near the town.", "Headquarters or base established"),
    ("Government artillery shelled the rebel-held district overnight.", "Shelling/artillery/missile attack"),
    ("Syrian government forces used chlorine gas in an attack on the town.", "Chemical weapon"),
])
def test_snippet_classification(nlp, text, sub):
    t = classify_text(nlp(text))
    assert t is not None and t.sub_event_type == sub, (text, t)
    assert t.event_type == SUBTYPE_TO_TYPE[sub]


@pytest.mark.parametrize("text", [
    "A magnitude 6.1 earthquake killed at least 40 people and destroyed hundreds of houses.",
    "Three people died when their car collided with a truck on the motorway.",
    "The central bank raised interest rates by half a percentage point on Thursday.",
    "The home team won the match two goals to one after extra time.",
])
def test_non_political_texts_have_no_acled_trigger(nlp, text):
    assert not [t for t in find_triggers(nlp(text)) if t.event_type]


def test_arguments_passive_and_relative(nlp):
    text = "Five villagers were killed by militants who attacked the village at dawn."
    trigs = find_triggers(nlp(text))
    killed = next(t for t in trigs if t.text == "killed")
    assert text[killed.agent[0]:killed.agent[1]] == "militants"
    assert text[killed.patient[0]:killed.patient[1]] == "Five villagers"
    attacked = next(t for t in trigs if t.text == "attacked")
    assert text[attacked.agent[0]:attacked.agent[1]] == "militants"
    assert text[attacked.patient[0]:attacked.patient[1]] == "the village"


def test_found_dead_and_severed_heads_are_attacks_even_in_a_crime_frame():
    from marsad.pipeline import Pipeline
    p = Pipeline()
    for text, fat in [("On 2 May 2020, in Tuxtepec, Oaxaca, a human head was found in Costa Verde. 1 fatality.", 1),
                      ("Around 27 April 2020, in Timoteo, a drug trafficker was found dead in Nova Primavera "
                       "neighborhood. Five people were arrested as the suspects of the crime.", 1)]:
        evs = [e for e in p.process_text(text).events if e.event_type]
        assert evs and evs[0].sub_event_type == "Attack" and evs[0].fatalities == fat
