"""The codebook decisions of events/riots.py, events/protests.py and the PLOVER speech-act rules
(events/plover.py), on sentences written for these tests (no dev-set rows)."""
import pytest

from marsad.events.triggers import find_triggers


def _main(nlp, text):
    trigs = [t for t in find_triggers(nlp(text)) if t.event_type]
    return trigs[0] if trigs else None


@pytest.mark.parametrize("text", [
    "Supporters of the ruling party beat three opposition activists with sticks outside the market.",
    "Members of the Students Union attacked two journalists with iron rods on the campus.",
    "Villagers hacked two suspected cattle thieves with machetes.",
    "Members of the People's Party clashed with members of the Farmers League using batons and stones.",
])
def test_crowds_without_firearms_riot(nlp, text):
    # ACLED Codebook, Riots: violence by a collective without an organised armed structure
    t = _main(nlp, text)
    assert t is not None and (t.event_type, t.sub_event_type) == ("Riots", "Mob violence"), text


@pytest.mark.parametrize("text, sub", [
    ("Gunmen shot dead two villagers near the border.", "Attack"),
    ("Militants attacked an army checkpoint, killing three soldiers.", "Armed clash"),
    ("Residents shot dead two suspected thieves with rifles.", "Attack"),
])
def test_armed_perpetrators_stay_armed(nlp, text, sub):
    t = _main(nlp, text)
    assert t is not None and t.sub_event_type == sub, (text, t and t.sub_event_type)


def test_party_supporters_riot_even_with_a_gun(nlp):
    # supporters of a party are rioters, not a militia, whatever one of them carried
    t = _main(nlp, "Supporters of the ruling party assaulted and injured a journalist, and one of them fired a pistol.")
    assert t is not None and t.sub_event_type == "Mob violence"


def test_road_blocking_is_a_violent_demonstration(nlp):
    t = _main(nlp, "Hundreds of traders protested against new taxes and blocked the main highway with burning tyres.")
    assert t is not None and t.sub_event_type == "Violent demonstration"


def test_march_on_a_road_stays_peaceful(nlp):
    t = _main(nlp, "Hundreds of traders marched along the main road to protest against new taxes.")
    assert t is not None and t.sub_event_type == "Peaceful protest"


def _plover(nlp, text):
    return [(t.plover_event, t.modality) for t in find_triggers(nlp(text)) if not t.event_type and t.plover_event]


def test_reported_must_is_a_demand(nlp):
    assert ("DEMAND", "planned") in _plover(nlp, "The minister said the rebels must hand back the prisoners.")


def test_demanded_act_is_not_an_event(nlp):
    got = _plover(nlp, "The union demanded that the government lift the ban on its newspaper.")
    assert got and all(p == "DEMAND" for p, _ in got), got


def test_dispatch_is_coded_by_its_purpose(nlp):
    got = _plover(nlp, "The council sent a team of experts to investigate the allegations.")
    assert ("INVESTIGATE", "asserted") in got and all(p != "MOBILIZE" for p, _ in got), got


def test_support_verb_gives_the_source(nlp):
    doc = nlp("The prosecutor launched an investigation into the deaths.")
    inv = [t for t in find_triggers(doc) if t.plover_event == "INVESTIGATE"]
    assert inv and inv[0].agent is not None and doc.text[inv[0].agent[0]:inv[0].agent[1]].endswith("prosecutor")


def test_spoken_pronoun_is_the_speaker(nlp):
    doc = nlp("Opposition leaders said they would boycott the elections.")
    thr = [t for t in find_triggers(doc) if t.plover_event == "THREATEN"]
    assert thr and doc.text[thr[0].agent[0]:thr[0].agent[1]] == "Opposition leaders"


def test_road_blocked_by_bodies_stays_peaceful(nlp):
    # ACLED's 2020 global notes: "protesters blocked the road" (no barricades) is a peaceful protest
    t = _main(nlp, "Hundreds of traders protested against new taxes and blocked the main highway for hours.")
    assert t is not None and t.sub_event_type == "Peaceful protest"


def test_members_of_a_gang_are_no_crowd(nlp):
    t = _main(nlp, "Members of the Mara Salvatrucha gang clashed with police officers in the market.")
    assert t is not None and t.sub_event_type == "Armed clash"
