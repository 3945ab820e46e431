import pytest

from marsad.events.modality import MODALITIES, modality_of
from marsad.events.triggers import find_triggers


def _mod(nlp, text, word):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    return modality_of(tok)


@pytest.mark.parametrize("text,word,expected", [
    ("The army shelled the town on Friday.", "shelled", "asserted"),
    ("The government has consistently denied the use of chemical weapons.", "use", "denied"),
    ("The group claimed responsibility for the attack on the convoy.", "attack", "claimed"),
    ("The group claimed responsibility for the bombing.", "claimed", "claimed"),
    ("Militants reportedly attacked a police post.", "attacked", "alleged"),
    ("Rebels allegedly killed two civilians.", "killed", "alleged"),
    ("The minister accused the army of shelling the villages.", "shelling", "alleged"),
    ("The army did not attack the town.", "attack", "negated"),
    ("The militia could attack the city if talks fail.", "attack", "hypothetical"),
    ("The rebels threatened to attack the capital.", "attack", "planned"),
    ("The government plans to build a base near the border.", "build", "planned"),
    ("Troops will withdraw from the town next week.", "withdraw", "planned"),
])
def test_modality(nlp, text, word, expected):
    assert _mod(nlp, text, word) == expected


def test_modalities_are_contract_values():
    assert set(MODALITIES) == {"asserted", "claimed", "alleged", "denied", "negated", "hypothetical", "planned"}


def test_negated_trigger_has_no_acled_type(nlp):
    trigs = find_triggers(nlp("The army did not attack the town."))
    t = next(t for t in trigs if t.text == "attack")
    assert t.negated and t.event_type is None
