"""A report's total and its breakdown by place are one incident (marsad/merge/breakdown.py)."""
from dataclasses import replace

from marsad.merge.breakdown import fold_breakdowns
from marsad.merge.within import merge_events
from marsad.records import Event, Span


def _ev(start, fat, location, geonameid, lat, lon, precision=1, admin1="Idlib", sub="Air/drone strike",
        text="x", **kw):
    e = Event(event_id=str(start), event_date="2016-07-13", event_date_end=None, time_precision=1, date_text=None,
              event_type="Explosions/Remote violence", sub_event_type=sub, plover_event="FIGHT",
              plover_mode=None, actor1="Military Forces of Syria (2000-)", assoc_actor_1=None, inter1=1,
              actor2="Civilians (Syria)", assoc_actor_2=None, inter2=7, country="Syria", iso3="SYR",
              admin1=admin1, admin2=None, location=location, latitude=lat, longitude=lon, geo_precision=precision,
              geonameid=geonameid, fatalities=fat, fatalities_low=fat, fatalities_high=fat, injuries=None,
              victims={"civilians": None, "children": None, "women": None, "combatants": None},
              modality="asserted", source=None, notes="", evidence=(Span(start, start + 1, text),))
    return replace(e, **kw) if kw else e


PROVINCE = dict(location="Idlib", geonameid=100, lat=35.8, lon=36.6, precision=3)


def test_parts_that_add_up_to_the_total_fold_into_it():
    total = _ev(0, 15, **PROVINCE)
    a = _ev(100, 9, "Saraqib", 1, 35.86, 36.8)
    b = _ev(200, 6, "Binnish", 2, 35.95, 36.71, sub="Shelling/artillery/missile attack")
    (m,) = fold_breakdowns([total, a, b])
    assert m.fatalities == 15 and m.location == "Idlib" and len(m.evidence) == 3


def test_a_part_inside_the_total_area_folds_when_it_is_smaller():
    total = _ev(0, 22, **PROVINCE)
    part = _ev(100, 16, "Saraqib", 1, 35.86, 36.8)
    (m,) = fold_breakdowns([total, part])
    assert m.fatalities == 22


def test_a_city_total_holds_the_towns_around_it_across_a_provincial_line():
    city = _ev(0, 20, "Damascus", 10, 33.51, 36.29, precision=2, admin1="Damascus")
    town = _ev(100, 14, "Douma", 11, 33.57, 36.40, admin1="Rural Damascus")
    (m,) = fold_breakdowns([city, town])
    assert m.fatalities == 20


def test_parts_adding_up_to_more_than_the_total_stay_apart():
    total = _ev(0, 10, **PROVINCE)
    a = _ev(100, 7, "Saraqib", 1, 35.86, 36.8)
    b = _ev(200, 6, "Binnish", 2, 35.95, 36.71)
    assert len(fold_breakdowns([total, a, b])) == 3


def test_a_part_on_another_stated_day_stays_apart():
    total = _ev(0, 15, **PROVINCE, date_text="on Monday", text="Air strikes killed 15 on Monday.")
    other = _ev(100, 9, "Saraqib", 1, 35.86, 36.8, event_date="2016-07-10", date_text="on Friday",
                text="On Friday 9 people were killed in Saraqib.")
    assert len(fold_breakdowns([total, other])) == 2


def test_a_sum_across_distant_provinces_is_a_coincidence_not_a_breakdown():
    """14 in Idlib city; 12 in the Ghouta and 2 in Damascus the same day: other incidents."""
    idlib = _ev(0, 14, "Idlib", 100, 35.93, 36.63)
    ghouta = _ev(100, 12, "Eastern Ghouta", 20, 33.55, 36.45, precision=2, admin1="Rural Damascus")
    dam = _ev(200, 2, "Damascus", 10, 33.51, 36.29, admin1="Damascus", sub="Shelling/artillery/missile attack")
    assert len(fold_breakdowns([idlib, ghouta, dam])) == 3


def test_another_incident_by_its_own_wording_is_not_a_part():
    total = _ev(0, 20, **PROVINCE)
    other = _ev(100, 5, "Saraqib", 1, 35.86, 36.8, text="In a separate attack, 5 people were killed in Saraqib.")
    assert len(fold_breakdowns([total, other])) == 2


def test_merge_events_folds_breakdowns_too():
    total = _ev(0, 15, **PROVINCE)
    a = _ev(100, 9, "Saraqib", 1, 35.86, 36.8)
    b = _ev(200, 6, "Binnish", 2, 35.95, 36.71)
    assert [e.fatalities for e in merge_events([total, a, b])] == [15]


def test_a_town_toll_does_not_swallow_a_smaller_one_in_the_next_town():
    a = _ev(0, 7, "Saraqib", 1, 35.86, 36.8)
    b = _ev(100, 6, "Binnish", 2, 35.95, 36.71)
    assert len(fold_breakdowns([a, b])) == 2


def test_a_total_naming_two_provinces_holds_parts_in_both():
    total = _ev(0, 10, "Aleppo", 30, 36.2, 37.16, admin1="Aleppo",
                text="10 civilians killed in rocket attacks on Aleppo and Hama.")
    a = _ev(100, 6, "Salaheddine", 31, 36.18, 37.12, admin1="Aleppo")
    b = _ev(200, 4, "Suqaylabiyah", 32, 35.37, 36.39, admin1="Hama")
    (m,) = fold_breakdowns([total, a, b])
    assert m.fatalities == 10
