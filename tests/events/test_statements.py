"""Statements, analyses and interviews that name violence without reporting an incident (the MUC-4
notion of a relevant report; ACLED codes incidents, not talk about them). Sentences written for
these tests (no dev-set rows), each beside a report of the same words that is an incident."""
import pytest

from marsad.events.triggers import find_triggers

VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}


def _violent(nlp, text):
    return [t for t in find_triggers(nlp(text)) if t.event_type in VIOLENT and t.modality == "asserted"]


@pytest.mark.parametrize("text", [
    "The ministers discussed the fight against drug trafficking and terrorism.",
    "The bishops called for efforts to fight impunity and the struggle against repression.",
    "A death squad issued a statement on Tuesday.",
    "Police seized 2,536 kg of cocaine, the largest seizure of the year.",
    "The communique welcomes the growing liberation of international trade.",
    "There is nothing democratic about a political party controlling the army.",
    "The newspaper reported that the government did send a plane to the capital.",
    "The country has reached a situation in which people are killed and the culprits walk away.",
    "Newspapers say that since we are at war, it is easy for them to kill.",
    "They condemned the decision to send pilots to bomb the population.",
    "Have there been any more attacks against the embassy since the shooting last week?",
    "The demonstrators verbally attacked the president and asked for talks.",
])
def test_talk_about_violence_is_no_incident(nlp, text):
    assert _violent(nlp, text) == [], text


@pytest.mark.parametrize("text", [
    "Rebels fought against government troops near the town on Monday.",
    "A death squad killed three union leaders in the capital on Monday.",
    "Rebel forces seized the town of Perquin after heavy fighting.",
    "Three people were killed when gunmen attacked a bus on Monday.",
    "Air force planes bombed the village, killing four civilians.",
    "Police are investigating the murder of two young U.S. citizens in La Paz.",
    "There have been more attacks against the embassy since the shooting last week.",
    "The demonstrators physically attacked the president's guards and burned a car.",
])
def test_reports_of_incidents_stay(nlp, text):
    assert _violent(nlp, text), text


def test_hunger_strike_is_no_air_strike(nlp):
    trigs = find_triggers(nlp("Police patrols raided the centres where the hunger strikes were taking place."))
    assert not any(t.sub_event_type == "Air/drone strike" for t in trigs)


def test_raid_that_ends_in_arrests_is_the_arrest(nlp):
    # ACLED codes a search-and-arrest raid in which no one is hurt as Arrests, not as an attack
    assert _violent(nlp, "Police raided 20 homes in the city and arrested 12 suspects.") == []
    assert _violent(nlp, "Soldiers raided the village and killed four civilians.")
    assert _violent(nlp, "Police raided the house, shot dead two men and arrested a third.")
