"""Within-document merging: which figure an incident keeps when its mentions give several."""
from marsad.merge.within import merge_events
from marsad.records import Event, Span


def _ev(start, fat, source, text="x"):
    return Event(event_id=str(start), event_date="2016-07-13", event_date_end=None, time_precision=1, date_text=None,
                 event_type="Explosions/Remote violence", sub_event_type="Air/drone strike", plover_event="FIGHT",
                 plover_mode=None, actor1="Military Forces of Syria (2000-)", assoc_actor_1=None, inter1=1,
                 actor2="Civilians (Syria)", assoc_actor_2=None, inter2=7, country="Syria", iso3="SYR",
                 admin1="Idlib", admin2=None, location="Ariha", latitude=35.8, longitude=36.6, geo_precision=1,
                 geonameid=1, fatalities=fat, fatalities_low=fat, fatalities_high=fat, injuries=None,
                 victims={"civilians": None, "children": None, "women": None, "combatants": None},
                 modality="asserted", source=source, notes="", evidence=(Span(start, start + 1, text),))


def test_same_reporter_keeps_the_total():
    (m,) = merge_events([_ev(0, 11, "SOHR"), _ev(100, 5, None), _ev(200, 3, "SOHR")])
    assert m.fatalities == 11 and len(m.evidence) == 3


def test_conflicting_sources_code_the_lower_figure_and_say_so():
    (m,) = merge_events([_ev(0, 14, "SOHR"), _ev(100, 2, "SANA")])
    assert m.fatalities == 2 and m.fatalities_low == 2 and m.fatalities_high == 14
    assert "Reports differ" in m.notes


def test_a_sentence_opening_another_incident_stays_apart():
    a = _ev(0, 8, "SOHR", "Eight civilians were killed in rocket attacks on the public park.")
    b = _ev(100, 5, "SOHR", "Earlier five civilians were killed and 27 others were injured in rocket attacks.")
    assert len(merge_events([a, b])) == 2


def test_an_undated_mention_merges_with_the_dated_one():
    from dataclasses import replace
    head = replace(_ev(0, 0, None, "Clashes in Lower Shabelle"), event_date="2021-03-14", date_text=None)
    body = replace(_ev(100, 8, None, "Al Shabaab fighters clashed with soldiers on Saturday."),
                   event_date="2021-03-13", date_text="on Saturday")
    (m,) = merge_events([head, body])
    assert m.event_date == "2021-03-13" and m.date_text == "on Saturday" and m.fatalities == 8
    other_day = replace(body, event_id="x", event_date="2021-03-10", date_text="on Wednesday",
                        evidence=(Span(300, 301, "Al Shabaab fighters clashed with soldiers on Wednesday."),))
    assert len(merge_events([body, other_day])) == 2


def test_a_region_wide_mention_merges_with_an_incident_inside_it():
    from dataclasses import replace
    region = replace(_ev(0, 0, None, "Clashes in Idlib province"), location="Idlib", geonameid=2, geo_precision=3)
    town = _ev(100, 11, "SOHR", "Air strikes on Ariha killed 11.")
    assert len(merge_events([region, town])) == 1


def _typed(start, fat, sub, etype="Explosions/Remote violence", **kw):
    from dataclasses import replace
    return replace(_ev(start, fat, None), event_type=etype, sub_event_type=sub, **kw)


def test_the_same_dead_under_two_names_are_one_incident():
    """ "Air raids kill 42" and "bombardment ... killed 42": one incident, the more specific type."""
    head = _typed(0, 42, "Shelling/artillery/missile attack", geonameid=9, location="Syria", geo_precision=3,
                  admin1=None)
    body = _typed(100, 42, "Air/drone strike", etype="Explosions/Remote violence")
    (m,) = merge_events([head, body])
    assert m.sub_event_type == "Air/drone strike" and m.fatalities == 42 and m.location == "Ariha"
    assert len(m.evidence) == 2


def test_a_bound_and_a_close_exact_figure_are_one_toll():
    from dataclasses import replace
    head = replace(_typed(0, 80, "Air/drone strike"), fatalities_low=81, fatalities_high=None)
    body = _typed(100, 84, "Shelling/artillery/missile attack")
    (m,) = merge_events([head, body])
    assert m.fatalities == 84


def test_the_same_figure_in_another_town_on_another_stated_day_stays_apart():
    a = _typed(0, 12, "Air/drone strike", date_text="on Monday",
               evidence=(Span(0, 1, "Air strikes killed 12 people in Ariha on Monday."),))
    b = _typed(100, 12, "Armed clash", etype="Battles", event_date="2016-07-12", date_text="on Tuesday",
               geonameid=2, location="Saraqib", evidence=(Span(100, 101, "Clashes on Tuesday left 12 dead in Saraqib."),))
    assert len(merge_events([a, b])) == 2


def test_a_day_carried_from_another_sentence_does_not_part_a_restated_toll():
    """The same 12 dead, the second mention dated only by a day its own sentence does not state."""
    a = _typed(0, 12, "Air/drone strike", date_text="on Monday",
               evidence=(Span(0, 1, "Air strikes killed 12 people in Ariha on Monday."),))
    b = _typed(100, 12, "Air/drone strike", event_date="2016-07-12", date_text="on Tuesday",
               evidence=(Span(100, 101, "During that operation 12 people were killed, activists said."),))
    (m,) = merge_events([a, b])
    assert m.fatalities == 12 and m.event_date == "2016-07-13"


def test_small_equal_figures_in_two_named_towns_stay_apart():
    a = _typed(0, 2, "Air/drone strike")
    b = _typed(100, 2, "Shelling/artillery/missile attack", geonameid=2, location="Saraqib")
    assert len(merge_events([a, b])) == 2


def test_a_part_stated_by_the_total_joins_it_across_names_and_towns_of_one_province():
    from dataclasses import replace
    whole = replace(_typed(0, 15, "Air/drone strike"), victims={"civilians": 15, "children": 11, "women": None,
                                                                  "combatants": None})
    part = replace(_typed(100, 11, "Attack", etype="Violence against civilians", geonameid=2, location="Ariha East"),
                   victims={"civilians": None, "children": 11, "women": None, "combatants": None})
    (m,) = merge_events([part, whole])
    assert m.fatalities == 15 and m.sub_event_type == "Air/drone strike"


def test_a_telling_figure_told_identically_is_one_incident_even_when_places_were_read_apart():
    a = _typed(0, 18, "Attack", etype="Violence against civilians", admin1="Homs", geonameid=3, location="Homs")
    b = _typed(100, 18, "Armed clash", etype="Battles", admin1="Deir ez-Zor", geonameid=4, location="Al Mayadin")
    (m,) = merge_events([a, b])
    assert m.fatalities == 18 and m.location == "Homs" and m.sub_event_type == "Attack"


def test_small_figures_of_an_attack_and_a_clash_stay_apart():
    a = _typed(0, 2, "Armed clash", etype="Battles")
    b = _typed(100, 2, "Attack", etype="Violence against civilians")
    assert len(merge_events([a, b])) == 2


def _said(start, fat, sub, text, **kw):
    return _typed(start, fat, sub, evidence=(Span(start, start + len(text), text),), **kw)


def test_a_figure_for_the_attack_is_another_report_of_the_incident_told_last():
    """ "the attack killed 58" and "the attack killed more than 100": conflicting reports of one
    incident, whatever place their own sentences name; ACLED codes the lowest."""
    told = _said(0, 0, "Air/drone strike", "Warplanes struck a market in the town on Tuesday.")
    one = _said(100, 58, "Air/drone strike", "The monitor said the attack killed at least 58 people.", source="SOHR")
    two = _said(200, 100, "Armed clash", "Meanwhile the opposition said the attack killed more than 100 as they fled "
                "to Turkey.", etype="Battles", source="Coalition", country="Turkey", geonameid=7, geo_precision=3,
                location="Turkey", admin1=None)
    (m,) = merge_events([told, one, two])
    assert m.fatalities == 58 and m.sub_event_type == "Air/drone strike" and m.location == "Ariha"
    assert len(m.evidence) == 3


def test_an_updated_toll_for_the_attack_is_coded():
    told = _said(0, 12, "Air/drone strike", "Air strikes killed 12 people in the town on Tuesday.")
    upd = _said(100, 20, "Air/drone strike", "The death toll from the strikes rose to 20, the monitor said.")
    (m,) = merge_events([told, upd])
    assert m.fatalities == 20


def test_a_description_of_another_moment_or_day_is_no_anaphor():
    told = _said(0, 12, "Air/drone strike", "Air strikes killed 12 people in Ariha.")
    after = _said(100, 5, "Attack", "A day after the attack gunmen killed five people in Saraqib.",
                  etype="Violence against civilians", geonameid=2, location="Saraqib")
    dated = _said(200, 38, "Air/drone strike", "The report concluded the March 16 strike killed 38 people.",
                  geonameid=3, location="Al Jinah", admin1="Aleppo")
    assert len(merge_events([told, after])) == 2
    assert len(merge_events([told, dated])) == 2
    other = _said(300, 7, "Air/drone strike", "In a separate attack the strikes killed seven.", geonameid=2,
                  location="Saraqib")
    assert len(merge_events([told, other])) == 2


def test_a_described_attack_is_only_the_incident_told_that_way():
    """ "the mosque strike" names an incident told with a mosque; a chemical attack told last is
    another incident, and its figure is not replaced by the mosque strike's."""
    chem = _said(0, 90, "Chemical weapon", "A chemical weapons attack killed nearly 90 people in Khan Sheikhoun.",
                 location="Khan Shaykhun")
    mosque = _said(100, 38, "Air/drone strike", "The watchdog concluded the mosque strike killed at least 38 people.",
                   geonameid=3, location="Al Jinah", admin1="Aleppo")
    assert sorted(m.fatalities for m in merge_events([chem, mosque])) == [38, 90]
    told = _said(0, 40, "Air/drone strike", "Around 40 people were killed in the crowded mosque in Al Jinah.",
                 geonameid=3, location="Al Jinah", admin1="Aleppo")
    assert len(merge_events([told, mosque])) == 1
    deadly = _said(100, 58, "Air/drone strike", "The monitor said the deadly attack killed at least 58 people.")
    assert len(merge_events([chem, deadly])) == 1


def test_a_city_standing_for_its_surroundings_and_a_town_around_it_give_one_toll():
    """ "killed four outside the capital Damascus" and "four civilians in Douma": one incident."""
    city = _typed(0, 4, "Air/drone strike", admin1="Damascus", geonameid=5, location="Damascus",
                  latitude=33.51, longitude=36.29)
    town = _typed(100, 4, "Air/drone strike", admin1="Rural Damascus", geonameid=6, location="Douma",
                  latitude=33.57, longitude=36.40)
    (m,) = merge_events([city, town])
    assert m.fatalities == 4
    from dataclasses import replace
    small = [replace(city, fatalities=2, fatalities_low=2, fatalities_high=2),
             replace(town, fatalities=2, fatalities_low=2, fatalities_high=2)]
    assert len(merge_events(small)) == 2
    far = replace(town, latitude=34.2, longitude=37.3, location="Far Town", geonameid=8)
    assert len(merge_events([city, far])) == 2


def test_a_smaller_figure_for_the_raids_in_a_town_of_the_area_is_a_part_of_the_total():
    total = _said(0, 18, "Air/drone strike", "Air strikes in Idlib province killed at least 18 people on Friday.",
                  geonameid=9, geo_precision=3, location="Idlib", admin1="Idlib")
    part = _said(100, 2, "Air/drone strike", "The air raids hit the hospital in the town killing two staffers.")
    (m,) = merge_events([total, part])
    assert m.fatalities == 18


def test_a_description_joins_only_an_incident_it_can_name_with_no_other_day_told_between():
    """ "the strike" names no chemical attack; after "a March 16 air strike that killed dozens", "the
    mosque strike killed 38" is that strike's toll, not the day's incident's."""
    gas = _said(0, 90, "Chemical weapon", "A chemical attack killed 90 people in the town on Tuesday.")
    strike = _said(200, 38, "Air/drone strike", "The report concluded the mosque strike killed at least 38 people.",
                   source="HRW")
    assert len(merge_events([gas, strike])) == 2
    told = _said(0, 10, "Shelling/artillery/missile attack", "Shelling hit a mosque in the town on Tuesday, killing 10.")
    assert len(merge_events([told, strike])) == 1  # nothing told between: the same incident
    recap = _typed(100, 0, None, etype=None, plover_event="ACCUSE", geonameid=11, location="Geneva",
                   evidence=(Span(100, 160, "The group said in a report that a March 16 air strike hit a mosque."),))
    assert {m.fatalities for m in merge_events([told, recap, strike])} >= {10, 38}


def test_a_counted_figure_outranks_a_vague_word_or_an_upper_bound_for_the_same_incident():
    """ACLED codes "hundreds" (100) or "up to N" only when no figure is reported."""
    counted = _ev(0, 38, None, "An air strike killed 38 civilians as they fled.")
    for vague, fig in (("The group has reported hundreds of civilians killed in the strikes.", 100),
                       ("The strike left up to 60 civilians dead.", 60),
                       ("Dozens of people were killed in the raid.", 12)):
        other = _ev(100, fig, None, vague)
        for pair in ([counted, other], [other, counted]):
            (m,) = merge_events(pair)
            assert m.fatalities == 38, vague
    # two counted figures from one reporter: the larger is the total, as before
    (m,) = merge_events([counted, _ev(100, 45, None, "The toll rose to 45.")])
    assert m.fatalities == 45


def test_a_merged_incident_takes_its_own_day_not_the_day_a_source_spoke():
    """ "85 troops were killed, a monitor said Saturday" and the assault "launched early Thursday":
    the merged incident is dated Thursday; the day of telling (or a dateline) is not its own."""
    from marsad.merge.within import _combine
    said = _typed(0, 85, "Armed clash", etype="Battles", event_date="2014-07-26", date_text="Saturday",
                  evidence=(Span(0, 1, "AFP Saturday 26 Jul 2014 At least 85 troops were killed in the assault "
                                       "on the base, a monitoring group said Saturday."),))
    told = _typed(200, 85, "Armed clash", etype="Battles", event_date="2014-07-24", date_text="early Thursday",
                  evidence=(Span(200, 201, "In all 85 soldiers died in the assault launched early Thursday."),))
    assert _combine(said, told).event_date == "2014-07-24" and _combine(told, said).event_date == "2014-07-24"
    own = _typed(0, 85, "Armed clash", etype="Battles", event_date="2014-07-26", date_text="Saturday",
                 evidence=(Span(0, 1, "At least 85 troops were killed on Saturday, a monitor said."),))
    assert _combine(own, told).event_date == "2014-07-26"  # two stated days: the first mention's


def test_dead_the_attack_also_killed_add_to_its_toll():
    """ "the explosion also killed a senior commander" adds to the incident's dead; it is neither
    another report of the figure nor a conflicting one."""
    told = _said(0, 25, "Suicide bomb", "An explosion at a mosque killed at least 25 fighters on Friday.",
                 source="SOHR")
    more = _said(100, 1, "Suicide bomb", "The monitor said the explosion also killed a senior commander.",
                 source="the monitor")
    (m,) = merge_events([told, more])
    assert m.fatalities == 26
    said = _said(100, 20, "Suicide bomb", "The ministry said the explosion killed 20.", source="Ministry")
    (m,) = merge_events([told, said])
    assert m.fatalities == 20  # conflicting reports: the lowest


def test_a_part_of_other_victims_is_not_the_part_the_total_states():
    """ "14 killed, including three children" does not state "three commanders killed"."""
    from dataclasses import replace
    whole = replace(_said(0, 14, "Air/drone strike", "Strikes on Thursday killed 14, including three children.",
                          date_text="on Thursday"),
                    victims={"civilians": None, "children": 3, "women": None, "combatants": None})
    fighters = replace(_said(100, 3, "Armed clash", "Three commanders were killed in the fighting, the ministry "
                             "said.", etype="Battles", geonameid=9, location="Syria", geo_precision=3, admin1=None),
                       victims={"civilians": None, "children": None, "women": None, "combatants": 3})
    assert len(merge_events([whole, fighters])) == 2
    kids = replace(fighters, victims={"civilians": None, "children": 3, "women": None, "combatants": None})
    assert len(merge_events([whole, kids])) == 1


_SEEDED = r"""
from dataclasses import replace
from marsad.merge.within import merge_events
from marsad.records import Span
import sys; sys.path.insert(0, sys.argv[1])
from test_within import _ev
a = replace(_ev(0, 3, "SOHR"), evidence=(Span(0, 9, "Three men"), Span(0, 40, "Three men were killed in an air strike.")))
b = replace(_ev(100, 3, "SOHR"), evidence=(Span(0, 40, "Three men were killed in an air strike."), Span(100, 120, "x")))
(m,) = merge_events([a, b])
print([(s.start, s.end) for s in m.evidence])
"""


def test_evidence_order_does_not_depend_on_the_hash_seed():
    # spans that start together come longest first (the sentence before the words in it), in every run:
    # set iteration order changes with PYTHONHASHSEED, and the first span is what later steps read
    import os
    import subprocess
    import sys
    from pathlib import Path
    outs = set()
    for seed in ("0", "1", "2", "3", "4", "5", "6", "7"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        p = subprocess.run([sys.executable, "-c", _SEEDED, str(Path(__file__).parent)], env=env,
                           capture_output=True, text=True, check=True)
        outs.add(p.stdout.strip())
    assert outs == {"[(0, 40), (0, 9), (100, 120)]"}
