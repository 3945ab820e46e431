"""Rules added in the second pass (our own sentences, written for these tests)."""
import pytest

from marsad.events.modality import modality_of
from marsad.events.triggers import classify_text, find_triggers


def _main(nlp, text):
    t = classify_text(nlp(text))
    return t.sub_event_type if t is not None else None


def test_month_may_is_no_modal(nlp):
    doc = nlp("On 7 May 2020, near the village, army troops from battalion 405 clashed with KNU brigade 5.")
    tok = next(t for t in doc if t.lower_ == "clashed")
    assert modality_of(tok) == "asserted"


def test_clause_before_its_governor_is_not_planned(nlp):
    doc = nlp("On Monday, students protested in the city against the new fees, the students also called for help.")
    tok = next(t for t in doc if t.lower_ == "protested")
    assert modality_of(tok) == "asserted"


@pytest.mark.parametrize("text,expected", [
    # sexual violence is coded as such whatever came with it
    ("Security forces raped, beat and assaulted civilians during the unrest.", "Sexual violence"),
    # heavier weapons decide the fire they describe
    ("The monitors observed a total of 7 bursts of fire involving heavy machineguns near the town.",
     "Shelling/artillery/missile attack"),
    ("The monitors observed a total of 2 bursts of fire involving small arms near the town.", "Armed clash"),
    # a victim linked to drug-trafficking gangs: an armed clash (ACLED)
    ("A man was shot to death in the neighbourhood by two armed men. The victim had charges against him "
     "for drug trafficking.", "Armed clash"),
    # arson against property
    ("Unknown people carried out an arson attack targeting a commercial building in the district.",
     "Looting/property destruction"),
    # a territory change that was only attempted
    ("The army clashed with the militants near the village in an attempt to advance and control the village.",
     "Armed clash"),
    ("Rebel fighters briefly captured the two areas from government forces before the latter retook them.",
     "Armed clash"),
    # a group of unarmed people attacking a rally
    ("A dozen people were injured when a group of Turks attacked a peaceful rally in the city on Wednesday.",
     "Mob violence"),
    # the topic of a protest is not its conduct
    ("Protesters gathered outside the court in demonstration against the detention of two activists accused of "
     "hurling a Molotov cocktail at a bank.", "Peaceful protest"),
    ("Thousands of non-violent protesters marched in several cities on Sunday.", "Peaceful protest"),
    ("Hundreds of lawyers took to the streets to protest against police brutality, carrying boards that read "
     "stop state violence.", "Peaceful protest"),
    # an earlier event given as the time of the reported one
    ("A day after police arrested hundreds of protesters demonstrating against the president, the council "
     "said three of its members have been abducted.", "Abduction/forced disappearance"),
    # detentions by a non-state armed group are abductions; abducted and killed is an attack
    ("On 6 May, the militants arrested 4 people in charges of joining the army in the city.",
     "Abduction/forced disappearance"),
    ("Three civilians were kidnapped and killed by Taliban militants in the city.", "Attack"),
    # an off-duty soldier is not engaged as a combatant
    ("Militants shot and killed a soldier (assumed off-duty) near the mosque.", "Attack"),
    # weapons found in a stash
    ("Police stand before a stash of projectiles belonging to the militants found in the city.",
     "Disrupted weapons use"),
    # a group of workers pressing a demand
    ("On 5 May, workers of a construction company demanded the payments of their salaries.", "Peaceful protest"),
    ("Two militants detonated explosives, killing themselves near the capital after police called on them "
     "to surrender.", "Suicide bomb"),
])
def test_rules(nlp, text, expected):
    assert _main(nlp, text) == expected


def test_expelling_diplomats_is_no_attack(nlp):
    assert _main(nlp, "US throws out Russian diplomats: Russia vows revenge") is None


def test_intent_statements_take_the_plover_intent_class(nlp):
    trigs = find_triggers(nlp("Portugal will support Turkey's efforts to join the union, its president said."))
    sup = next(t for t in trigs if t.lemma == "support")
    assert sup.plover_event == "AGREE" and sup.event_type is None
