"""Codebook decisions that must hold in every region (events/riots.py, events/battles.py,
events/protests.py, events/conventions.py), on sentences written for these tests (no dev-set rows).
Each case names the ACLED principle it checks; the counter-cases check the rule does not overreach."""
import pytest

from marsad.events.triggers import classify_text
from marsad.records import InputDocument


def _sub(nlp, text):
    t = classify_text(nlp(text))
    return t.sub_event_type if t is not None else None


@pytest.mark.parametrize("text", [
    # members of a party, a religious movement or a union engaged in a clash: a crowd (Rioters)
    "On 3 March 2023, members of the Peoples League engaged in a factional clash in Sadar upazila over a tender. "
    "Twelve people were injured in the clash.",
    "On 3 March 2023, two rival groups of the Students League engaged in a clash on the university campus.",
    "On 3 March 2023, members of the Tabligh movement clashed in the town mosque during a meeting.",
    "On 3 March 2023, supporters of the union chairman clashed with supporters of a rival candidate in the village.",
    # a crowd fighting the police riots (Rioters against state forces), outside any demonstration
    "On 3 March 2023, members of the Peoples League clashed with police in the town, using brickbats.",
    "On 3 March 2023, activists of the Peoples League and the police clashed in the town.",
])
def test_crowds_clashing_riot(nlp, text):
    assert _sub(nlp, text) == "Mob violence", text


@pytest.mark.parametrize("text, actor2", [
    ("On 3 March 2023, activists of the Peoples League and the police clashed in Dhaka.", "Police Forces"),
    ("On 3 March 2023, members of the Peoples League clashed with members of the Farmers Party in Dhaka.", "Rioters"),
])
def test_rioters_fight_the_police_or_each_other(pipeline, text, actor2):
    # ACLED actors of Mob violence: Rioters (Country) against the state force named, else against rioters
    res = pipeline.process(InputDocument(text=text, doc_id="t"))
    ev = next(e for e in res.events if e.event_type)
    assert ev.sub_event_type == "Mob violence" and ev.actor1.startswith("Rioters"), (ev.sub_event_type, ev.actor1)
    assert (ev.actor2 or "").startswith(actor2), ev.actor2


@pytest.mark.parametrize("text", [
    # firearms make the members of a body of unknown kind an armed group (Armed clash)
    "On 3 March 2023, members of the Chand outfit exchanged fire with police in the hills.",
    # members of a named armed organisation are never a crowd
    "On 3 March 2023, members of the Northern Liberation Army clashed with soldiers near the river.",
])
def test_armed_bodies_fight_battles(nlp, text):
    assert _sub(nlp, text) == "Armed clash", text


@pytest.mark.parametrize("text", [
    # the dead of a clash are the clash's (Battles), even when they are called "people"
    "At least ten people were killed following two days of ethnic clashes in the county.",
    "Six people were killed during clashes between two clans over grazing land.",
    # communities, clans and pastoralists fighting are identity militias, not rioters
    "Two neighbouring communities clashed over a boundary dispute, leaving one man dead.",
    "Fighting between rival pastoralists left five people dead near the border.",
])
def test_clashes_of_identity_groups_are_battles(nlp, text):
    assert _sub(nlp, text) == "Armed clash", text


def test_a_named_killer_keeps_the_attack(nlp):
    # only a generic death is folded into the clash that frames it: gunmen singling out civilians attack them
    assert _sub(nlp, "Gunmen shot dead three villagers in their homes during the clashes.") == "Attack"


def test_villagers_clashing_with_sticks_still_riot(nlp):
    # villagers are a crowd, not an identity militia: the identity rule must not swallow them
    assert _sub(nlp, "Villagers of two villages clashed over land using sticks, injuring ten people.") == "Mob violence"


@pytest.mark.parametrize("text", [
    "An unknown group attacked a hotel and killed a guest.",
    "Attacks by an unidentified group left two dead in the town.",
])
def test_an_unknown_group_is_never_a_crowd(nlp, text):
    # ACLED: unnamed attackers are an Unidentified Armed Group, not rioters
    assert _sub(nlp, text) == "Attack", text


def test_a_protest_named_as_antecedent_is_not_the_event(nlp):
    # violence "following demonstrations" by others is not a violent demonstration; the protest is the setting
    text = ("On 5 August 2024, a mob set ablaze the house of a local party leader amid the unrest after the "
            "resignation of the minister, following anti-government demonstrations.")
    assert _sub(nlp, text) == "Mob violence"


def test_demonstrators_attacking_an_official_make_a_violent_demonstration(nlp):
    text = "Hundreds of workers protested at the city hall. Some members of the group attacked a county official."
    assert _sub(nlp, text) == "Violent demonstration"


@pytest.mark.parametrize("text, victims", [
    ("On 9 April 2022, Russian forces shelled Kostiantynivka, Donetsk. One civilian died.", True),
    ("On 9 April 2022, Russian forces shelled Kostiantynivka, Donetsk. 2 people were killed, 5 were injured.", True),
    ("On 9 April 2022, Russian forces shelled Kostiantynivka, Donetsk. Two soldiers were killed.", False),
])
def test_civilians_hit_by_remote_violence_are_actor2(pipeline, text, victims):
    # ACLED Explosions/Remote violence: civilians hit are "Civilians (Country)", also when the
    # casualties are reported in a sentence of their own
    res = pipeline.process(InputDocument(text=text, doc_id="t"))
    ev = next(e for e in res.events if e.event_type)
    assert ev.event_type == "Explosions/Remote violence"
    assert (ev.actor2 or "").startswith("Civilians") == victims, ev.actor2


@pytest.mark.parametrize("text, actor1", [
    ("On 3 October 2021, near a village of Kani township (Sagaing region), the Kani PDF attacked a military "
     "convoy with landmines.", "People's Defense Force - Kani"),
    ("On 3 October 2021, near a village of Kani township (Sagaing region), joint local PDF groups attacked a "
     "military convoy with landmines.", "People's Defense Force - Local Group"),
])
def test_myanmar_defence_forces_by_acled_name(pipeline, text, actor1):
    # ACLED's actor names for Myanmar's People's Defense Forces after 2021
    res = pipeline.process(InputDocument(text=text, doc_id="t"))
    ev = next(e for e in res.events if e.event_type)
    assert ev.actor1 == actor1, ev.actor1


def test_civilians_evacuated_are_a_strategic_development(pipeline):
    # ACLED: the evacuation of civilians is Strategic developments / Other, with the civilians as actor 1;
    # forces evacuating a position stay a matter of territory
    res = pipeline.process(InputDocument(text="On 2 May 2022, 300 civilians were evacuated from Kupiansk, Kharkiv.",
                                         doc_id="t"))
    ev = next(e for e in res.events if e.event_type)
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Other")
    assert (ev.actor1 or "").startswith("Civilians"), ev.actor1


# ---------------------------------------------------------------- third round (crude devices, protest topics)

@pytest.mark.parametrize("text", [
    # ACLED Codebook: crude devices (petrol bombs, Molotov cocktails, crude bombs) are no explosive
    # weapons; thrown by a party's supporters or by unnamed people the event is a riot
    "On 4 May 2023, supporters of a defeated candidate threw crude bombs at the procession of the winner in the village.",
    "On 4 May 2023, unidentified men hurled petrol bombs at the house of a councillor in the town.",
    "On 4 May 2023, two men threw cocktail bombs at the office of the Farmers Party in the town.",
])
def test_crude_devices_by_a_crowd_or_unnamed_people_riot(pipeline, text):
    res = pipeline.process(InputDocument(text=text, doc_id="t"))
    ev = next(e for e in res.events if e.event_type)
    assert ev.sub_event_type == "Mob violence", (text, ev.sub_event_type)
    assert ev.actor1.startswith("Rioters"), ev.actor1  # a riot's unnamed perpetrators are rioters


@pytest.mark.parametrize("text, sub", [
    # counter-cases: improvised / hand-made bombs are IEDs, grenades are grenades
    ("On 4 May 2023, unidentified men threw a hand-made bomb at the police station in the town.",
     "Remote explosive/landmine/IED"),
    ("On 4 May 2023, unidentified men detonated an improvised explosive device at the checkpoint.",
     "Remote explosive/landmine/IED"),
    ("On 4 May 2023, militants threw a grenade and petrol bombs at a police post in the town.", "Grenade"),
])
def test_explosive_weapons_stay_explosions(nlp, text, sub):
    assert _sub(nlp, text) == sub, text


@pytest.mark.parametrize("text", [
    # ACLED: Excessive force is lethal force *against* demonstrators; the killing a protest is about is its topic
    "On 4 May 2023, hundreds of students staged a protest in the city against the killing of a classmate.",
    "On 4 May 2023, residents held a rally in the town in protest of the killing of a trader by unidentified men.",
])
def test_the_killing_a_protest_is_about_is_no_excessive_force(pipeline, text):
    res = pipeline.process(InputDocument(text=text, doc_id="t"))
    ev = next(e for e in res.events if e.event_type)
    assert ev.sub_event_type == "Peaceful protest", (text, ev.sub_event_type)
    assert ev.fatalities == 0  # the dead of the topic are not the demonstration's


def test_force_used_on_a_protest_is_still_excessive(nlp):
    assert _sub(nlp, "On 4 May 2023, police shot dead two protesters during a demonstration in the city.") == \
        "Excessive force against protesters"


def _first(pipeline, text):
    res = pipeline.process(InputDocument(text=text, doc_id="t"))
    return next(e for e in res.events if e.event_type)


@pytest.mark.parametrize("text, actor2", [
    # ACLED Codebook, Explosions/Remote violence: actor 2 is the side hit, named as the target ...
    ("On 3 May 2021, in Tanai township, Kachin State, the Myanmar military fired artillery shells into a KIA "
     "controlled area. Casualties unknown.", "KIO/KIA"),
    ("On 25 March 2022, Russian forces shelled Ukrainian positions near Brovary, Kyiv. Casualties unknown.",
     "Military Forces of Ukraine"),
    # ... or as the casualties, in a sentence of their own
    ("On 21 March 2022, Russian forces shelled Kramatorsk, Donetsk. 12 Ukrainian soldiers were killed.",
     "Military Forces of Ukraine"),
    ("On 4 August 2021, near Lashio town, Shan State, an explosion occurred on a road. The explosion injured "
     "two Myanmar military soldiers.", "Military Forces of Myanmar"),
    # civilians when the fire is aimed at them or at their homes, schools, places of worship
    ("On 5 June 2021, in Loikaw town, Kayah State, the Myanmar military fired artillery shells into a "
     "residential area, destroying two houses.", "Civilians"),
])
def test_remote_violence_names_the_side_hit(pipeline, text, actor2):
    ev = _first(pipeline, text)
    assert ev.event_type == "Explosions/Remote violence", ev.sub_event_type
    assert (ev.actor2 or "").startswith(actor2), ev.actor2


def test_shelling_a_town_names_no_invented_target(pipeline):
    ev = _first(pipeline, "On 24 March 2022, Russian forces shelled Izium, Kharkiv. Casualties unknown.")
    assert ev.actor2 is None, ev.actor2


@pytest.mark.parametrize("text, actor1, actor2", [
    # coordinated nationalities share the force noun: a force each
    ("On 14 April 2022, armed clashes continued between the Ukrainian and Russian forces near Mariupol, Donetsk.",
     "Military Forces of Ukraine", "Military Forces of Russia"),
    # Donetsk and Luhansk rebels are ACLED's NAF
    ("On 3 April 2022, Ukrainian forces clashed with Luhansk rebels near Popasna, Luhansk.",
     "Military Forces of Ukraine", "NAF: United Armed Forces of Novorossiya"),
])
def test_both_sides_of_a_battle(pipeline, text, actor1, actor2):
    ev = _first(pipeline, text)
    assert ev.actor1.startswith(actor1) and (ev.actor2 or "").startswith(actor2), (ev.actor1, ev.actor2)


@pytest.mark.parametrize("text, actor2", [
    # ACLED Codebook, Violent demonstration: the state force the rioters engage is actor 2 ...
    ("On 6 May 2019, protesters blocked the road in Kisumu and threw stones at police officers.", "Police Forces"),
    # ... two crowds fighting each other are Rioters on both sides, the police who disperse them no side
    ("On 3 March 2017, supporters of two parties threw stones at each other in Kisumu. Police dispersed them "
     "with tear gas.", "Rioters"),
])
def test_rioters_against_whom(pipeline, text, actor2):
    ev = _first(pipeline, text)
    assert ev.event_type == "Riots" and (ev.actor2 or "").startswith(actor2), (ev.sub_event_type, ev.actor2)


def test_police_only_reporting_a_riot_are_no_side(pipeline):
    ev = _first(pipeline, "On 6 May 2019, students rioted in Kisumu, burning tyres; police said five were injured.")
    assert ev.event_type == "Riots" and ev.actor2 is None, ev.actor2


@pytest.mark.parametrize("text, actor1", [
    # ACLED Codebook, identity militias: pastoralist cattle raiders are ethnic militias
    ("On 4 May 2019, cattle rustlers killed two herders in a village near Baringo, Kenya.", "Unidentified Ethnic Militia"),
    ("On 4 May 2019, raiders attacked a village near Lokichogio, Kenya, and stole 200 goats, killing three people.",
     "Unidentified Ethnic Militia"),
    # robbers are no identity militia
    ("On 4 May 2019, armed raiders robbed a bank in Nairobi, Kenya, killing a guard.", "Unidentified Armed Group"),
])
def test_cattle_raiders_are_ethnic_militias(pipeline, text, actor1):
    ev = _first(pipeline, text)
    assert ev.actor1.startswith(actor1), ev.actor1


def test_herders_are_fulani_only_where_fulani_live(pipeline):
    ev = _first(pipeline, "On 4 May 2019, cattle rustlers killed two herders in a village near Baringo, Kenya.")
    assert not (ev.actor2 or "").startswith("Fulani"), ev.actor2
    ev = _first(pipeline, "On 4 May 2019, armed herdsmen attacked a village in Benue State, Nigeria, killing six.")
    assert ev.actor1.startswith("Fulani"), ev.actor1


@pytest.mark.parametrize("text", [
    # ACLED Codebook, Explosions/Remote violence: civilians hit, told after the attack
    "On 29 November 2021, near a village of Mohnyin township, Kachin State, the military fired artillery rounds "
    "near the village, destroying three houses.",
    "On 26 March 2022, Russian forces shelled Ochakiv, Mykolaiv. As a result of the shelling, a 13-year-old girl "
    "was wounded.",
])
def test_civilian_harm_after_a_remote_attack(pipeline, text):
    ev = _first(pipeline, text)
    assert ev.event_type == "Explosions/Remote violence" and (ev.actor2 or "").startswith("Civilians"), ev.actor2


def test_protest_with_intervention_names_the_force(pipeline):
    # actor 2 of a Protest with intervention is the force, not the protesters or journalists arrested
    ev = _first(pipeline, "On 5 March 2018, several student protesters and journalists were arrested during a "
                          "demonstration against the hospital management in Nairobi, Kenya.")
    assert ev.sub_event_type == "Protest with intervention" and (ev.actor2 or "").startswith("Police Forces"), ev.actor2


def test_a_lynching_vigilante_group_are_rioters(pipeline):
    # ACLED Codebook, Rioters: the perpetrators of Mob violence are Rioters, not an unnamed militia
    ev = _first(pipeline, "On 4 June 2018, a vigilante group attacked and killed a suspected criminal in Nairobi.")
    assert ev.sub_event_type == "Mob violence" and ev.actor1.startswith("Rioters"), ev.actor1
    assert (ev.actor2 or "").startswith("Civilians"), ev.actor2
