"""Within a report: each incident once, with its own dead, in the place it happened.

General cases, written for this test: an event's location is never an actor's nationality, a
monitor's base or a dateline; figures over a period are tolls; mentions of one incident merge."""
import pytest

from marsad.records import InputDocument


def _acled(res):
    return [e for e in res.events if e.event_type]


def _run(pipeline, text, title=None):
    return pipeline.process(InputDocument(text=text, title=title, doc_id="t", publication_date="2016-03-07"))


@pytest.mark.parametrize("text", [
    "US-led coalition air strikes killed 11 civilians in the village of Kafr Nabl in Idlib province on Monday.",
    "Air strikes killed 11 civilians in Kafr Nabl in Idlib province on Monday, the UK-based monitor said.",
    "Russian jets struck a market in Kafr Nabl in Idlib province on Monday, killing 11 civilians.",
    "MOSCOW (Sputnik) - Air strikes killed 11 civilians in Kafr Nabl in Idlib province on Monday.",
])
def test_an_actor_or_outlet_never_places_the_event(pipeline, text):
    evs = _acled(_run(pipeline, text))
    assert evs and all(e.country == "Syria" for e in evs), [(e.location, e.country) for e in evs]


def test_no_place_in_reach_gives_the_theatre_not_the_attacker_capital(pipeline):
    text = ("Fighting raged across Syria on Monday. Washington said on Tuesday that air strikes by "
            "the US-led coalition had killed 9 militants.")
    evs = _acled(_run(pipeline, text))
    assert evs and all(e.country == "Syria" for e in evs), [(e.location, e.country) for e in evs]


def test_a_state_as_agent_is_not_the_scene(pipeline):
    text = "Air strikes launched by Russia killed 14 people in the town of Saraqib in Idlib province on Sunday."
    (e,) = [e for e in _acled(_run(pipeline, text)) if e.fatalities]
    assert e.country == "Syria" and e.fatalities == 14


@pytest.mark.parametrize("period", [
    "since a ceasefire collapsed on February 27",
    "in nearly two weeks of fighting",
    "since the regime launched its assault",
])
def test_a_count_over_a_period_is_a_toll_and_the_day_keeps_its_own(pipeline, period):
    text = (f"At least 23 people were killed in air strikes on the town of Saraqib in Idlib province on Monday. "
            f"More than 300 civilians have been killed in the province {period}, a monitor said.")
    res = _run(pipeline, text)
    figs = sorted(e.fatalities for e in res.events if e.fatalities)
    assert figs == [23], figs
    assert any(t.count_low and t.count_low >= 300 for t in res.tolls)


def test_headline_and_body_of_one_incident_are_one_event(pipeline):
    title = "Government air raids kill 42 near the capital"
    text = ("Bombardment of the rebel-held town of Douma in Eastern Ghouta killed 42 people on Monday, "
            "a monitoring group said.")
    res = _run(pipeline, text, title)
    killed = [e for e in res.events if e.fatalities]
    assert len(killed) == 1 and killed[0].fatalities == 42
    assert sum(e.fatalities for e in res.events) == 42


def test_attackers_nationality_does_not_make_the_theatre(pipeline):
    text = ("Russian jets bombed the market of an unnamed town on Sunday, killing 14 people, "
            "Syrian activists said.")
    evs = _acled(_run(pipeline, text))
    assert evs and all(e.country == "Syria" for e in evs), [(e.location, e.country) for e in evs]


def test_a_dateline_in_capitals_is_where_the_story_was_filed(pipeline):
    text = "BEIRUT At least 12 people were killed in shelling of the town of Jisr al-Shughur in Idlib province on Monday."
    evs = _acled(_run(pipeline, text))
    assert evs and all(e.country == "Syria" for e in evs), [(e.location, e.country) for e in evs]


def test_headlines_of_other_stories_are_not_events_of_this_report(pipeline):
    body = "Gunmen killed three soldiers at a checkpoint in Idlib province on Monday, a monitor said. " * 2
    text = body + "... 87 Related Car Bomb Kills 40 in Beirut Ten Killed in Baghdad Market Blast"
    res = _run(pipeline, text)
    assert all(e.country == "Syria" for e in _acled(res))
    assert sum(e.fatalities for e in res.events) == 3
    assert any("page furniture" in w for w in res.warnings)


def test_a_part_the_total_states_is_the_same_incident(pipeline):
    title = "Barrel bombs kill 11 children in Aleppo"
    text = ("A barrel bomb attack on a neighbourhood of Aleppo killed fifteen civilians, among them 11 children, "
            "on Sunday, a monitor said.")
    res = _run(pipeline, text, title)
    assert [e.fatalities for e in res.events if e.fatalities] == [15]


def test_an_air_strike_is_flown_by_a_side_that_has_aircraft(pipeline):
    text = ("Rebels repelled a government offensive near Saraqib in Idlib province on Sunday. "
            "Warplanes heavily bombarded the rebel-held towns of Saraqib and Binnish on Sunday, killing 7 fighters.")
    strikes = [e for e in _acled(_run(pipeline, text)) if e.sub_event_type == "Air/drone strike"]
    assert strikes and all(e.actor1 and "Rebels" not in e.actor1 for e in strikes), [e.actor1 for e in strikes]
    assert strikes[0].actor1.startswith("Military Forces of Syria")


def test_jets_named_by_nationality_are_that_state_forces(pipeline):
    text = "Russian jets bombed a market in Idlib province on Sunday, killing 9 civilians."
    (e,) = [e for e in _acled(_run(pipeline, text)) if e.sub_event_type == "Air/drone strike"]
    assert e.actor1.startswith("Military Forces of Russia") and e.country == "Syria"


def test_unidentified_aircraft_stay_unidentified(pipeline):
    text = "Unidentified warplanes struck a depot near Idlib on Sunday, killing 4 fighters."
    (e,) = [e for e in _acled(_run(pipeline, text)) if e.sub_event_type == "Air/drone strike"]
    assert not e.actor1.startswith(("Military Forces of Syria", "Military Forces of Russia"))


def test_place_after_a_closed_aside_is_the_scene(pipeline):
    # "(as reported)" is closed before the place: the place is not the report's venue, even without commas
    text = ("Around 4 May 2020 (as reported) in Hermosillo Sonora two men were shot by a group of armed "
            "criminals One man died and the other was injured")
    evs = [e for e in pipeline.process_text(text).events if e.event_type]
    assert evs and evs[0].location == "Hermosillo"


@pytest.mark.parametrize("text", [
    "Shelling killed 6 people in Maarat al-Numan in Idlib province on Monday. The war began in March 2011 "
    "with protests against the government.",
    "Tue Jan 5 2016 Shelling kills 6 in Idlib province. Shelling killed 6 people in Maarat al-Numan in Idlib "
    "province on Monday.",
])
def test_a_month_or_weekday_in_a_date_is_not_a_place(pipeline, text):
    evs = _acled(_run(pipeline, text))
    assert evs and all(e.country == "Syria" for e in evs), [(e.location, e.country) for e in evs]


def test_a_peoples_adjective_is_not_a_place(pipeline):
    text = ("Air strikes killed 7 fighters of an alliance of Kurdish and Arab fighters near Tabqa in Raqqa province "
            "on Monday. Arab states condemned the strikes, recalling the Arab Spring uprisings; the truce in the "
            "Arab country is fragile.")
    evs = _acled(_run(pipeline, text))
    assert evs and all(e.country == "Syria" for e in evs), [(e.location, e.country) for e in evs]


def test_a_town_on_the_border_with_a_neighbour_is_on_this_side(pipeline):
    text = ("Militants executed 6 prisoners in a town on the border with Iraq on Monday, the monitor said. "
            "The killings took place in Deir Ezzor province.")
    evs = [e for e in _acled(_run(pipeline, text)) if e.fatalities]
    assert evs and all(e.country == "Syria" for e in evs), [(e.location, e.country) for e in evs]


def test_a_local_name_matched_to_a_far_namesake_is_not_the_scene(pipeline):
    """A road or quarter the gazetteer lacks, sharing its name with a village abroad in a country the
    report never names, is no event's location: the event stays in the theatre."""
    text = ("Government forces shelled rebel positions in Aleppo on Monday. The shelling was concentrated on "
            "the Castello road, killing 3 fighters, the monitor said.")
    evs = [e for e in _acled(_run(pipeline, text)) if e.fatalities]
    assert evs and all(e.country == "Syria" for e in evs), [(e.location, e.country) for e in evs]


def test_a_day_toll_and_its_breakdown_by_town_are_one_incident(pipeline):
    text = ("Air strikes on Idlib province killed 15 civilians on Monday, the monitor said. "
            "Nine people were killed in Saraqib, and six died when a market was hit in Binnish.")
    evs = [e for e in _acled(_run(pipeline, text)) if e.fatalities]
    assert sum(e.fatalities for e in evs) == 15, [(e.location, e.fatalities) for e in evs]


@pytest.mark.parametrize("text", [
    "An air strike hit a clinic near Idlib late Sunday, killing 4 medics, just days after dozens of aid workers "
    "were killed in the province.",
    "A car bomb killed 4 people at a market in Jableh on Sunday. The attack came as the monitor reported that "
    "troops had executed 30 people earlier this week in a village in Hama province.",
])
def test_an_earlier_incident_cited_as_background_keeps_its_dead_out_of_todays(pipeline, text):
    evs = [e for e in _acled(_run(pipeline, text)) if e.fatalities]
    assert evs and max(e.fatalities for e in evs) == 4, [(e.location, e.fatalities) for e in evs]


def test_the_parties_to_a_pact_are_not_its_scene(pipeline):
    text = ("Air strikes killed 5 people in Atareb in Aleppo province on Monday. The town lies in a zone agreed "
            "under a deal between the government's allies Russia and Iran and the rebels' backer Turkey.")
    evs = _acled(_run(pipeline, text))
    assert evs and all(e.country == "Syria" for e in evs), [(e.sub_event_type, e.location, e.country) for e in evs]


@pytest.mark.parametrize("text", [
    # the parties named around a pact verb, appositions and conjuncts included
    "Air strikes killed 5 people in Atareb in Aleppo province on Monday. The town lies in a zone agreed "
    "earlier this year between the government's allies Russia and Iran and the rebels' backer Turkey.",
    # coordinated states as the subject of the pact
    "Shelling killed eight people in Douma near Damascus.\n\nRebels fired rockets at Damascus on Monday, a day "
    "after Russia and the United States agreed a plan to end the war.",
    # a place of a clause inside the event's sentence belongs to that clause
    "The shelling of Atareb in Aleppo province came as a new round of peace talks entered a second day "
    "in the Kazakh capital Astana.",
])
def test_states_and_venues_around_an_incident_are_not_its_scene(pipeline, text):
    evs = _acled(_run(pipeline, text))
    assert evs and all(e.country == "Syria" for e in evs), [(e.sub_event_type, e.location, e.country) for e in evs]


def test_a_lower_bound_restated_in_the_lead_is_not_more_dead(pipeline):
    """ "More than 30 killed" in the headline and "killed more than 30" in the lead: one figure;
    "four more" would add to it."""
    text = ("More than 30 Rebels Killed in Suicide Blast. The group on Monday claimed responsibility for a "
            "suicide bombing that killed more than 30 rebel fighters near Atme in Idlib province.")
    evs = [e for e in _acled(_run(pipeline, text)) if e.fatalities]
    assert [e.fatalities for e in evs] == [30], [(e.location, e.fatalities) for e in evs]


def test_where_talks_were_held_is_not_the_theatre(pipeline):
    text = ("The government and the rebels met in Caracas. In Caracas they agreed to negotiate a cease-fire, "
            "and the talks will resume in Caracas next month. The massacre of the Honduran peasants on Sunday "
            "was planned in cold blood, the rebels said.")
    evs = [e for e in _acled(_run(pipeline, text)) if e.event_type == "Violence against civilians"]
    assert evs and all(e.country == "Honduras" for e in evs), [(e.location, e.country) for e in evs]


def test_a_bulletin_filed_at_home_is_not_about_the_venue_of_talks(pipeline):
    text = ("TEGUCIGALPA, 4 MAY 90 (RADIO AMERICA) -- [TEXT] THE TALKS WILL BE HELD IN MANAGUA. THE "
            "DIALOGUE IN MANAGUA WILL DISCUSS A CEASE-FIRE. THE DELEGATES WILL MEET IN MANAGUA ON MONDAY. "
            "GUNMEN KILLED A UNION LEADER ON SUNDAY.")
    evs = [e for e in _acled(_run(pipeline, text)) if e.event_type == "Violence against civilians"]
    assert evs and all(e.country == "Honduras" for e in evs), [(e.location, e.country) for e in evs]
