"""ACLED actor conventions in event assembly (marsad/events/roles.py) and the front-line table.

The notes below are written for these tests in the style of ACLED notes (not copied from any data
set); each pins one coding convention. The actor floors on the ACLED dev notes (actor1, actor2,
inter1) are in the evaluation gate, tests/eval/test_gate_acled_fakes.py.
"""
from __future__ import annotations

from marsad.actors.frontlines import ukraine_control
from marsad.events.roles import _same_side


def _primary(pipeline, text):
    res = pipeline.process_text(text)
    evs = [e for e in res.events if e.event_type]
    assert evs, f"no event in {text!r}"
    return evs[0]


# ---------------------------------------------------------------- pure helpers
def test_ukraine_contact_line_table():
    assert ukraine_control("Zolote-4") == "GCA"
    assert ukraine_control("Avdiivka") == "GCA"
    assert ukraine_control("Horlivka") == "NGCA"
    assert ukraine_control("Gorlovka") == "NGCA"  # transliteration alias
    assert ukraine_control("Kyiv") is None
    assert ukraine_control(None) is None


def test_rival_governments_are_not_one_side():
    assert _same_side("Military Forces of Syria (2000-)", "Police Forces of Syria (2000-)")
    assert not _same_side("Military Forces of Yemen (2012-)", "Military Forces of Yemen (2016-) Supreme Political Council")
    assert not _same_side("Military Forces of Libya (2016-) Government of National Accord",
                          "Military Forces of Libya (2014-) Haftar Faction")
    assert not _same_side("Military Forces of Syria (2000-)", "Military Forces of Turkey (2016-)")


# ---------------------------------------------------------------- conventions on whole notes
def test_protest_with_intervention_names_the_police(pipeline):
    e = _primary(pipeline, "On 3 June 2021, around 50 teachers held a protest in front of the education office in "
                           "Kisumu, Kenya, demanding unpaid salaries. Police dispersed the crowd with tear gas.")
    assert e.actor1.startswith("Protesters (Kenya)") and e.inter1 == 6
    if e.sub_event_type in ("Protest with intervention", "Excessive force against protesters"):
        assert e.actor2 and e.actor2.startswith("Police Forces of Kenya") and e.inter2 == 1


def test_looting_has_civilian_victims(pipeline):
    e = _primary(pipeline, "On 12 March 2021, Boko Haram fighters looted shops and burned houses in Gwoza "
                           "(Gwoza, Borno), Nigeria.")
    if e.sub_event_type == "Looting/property destruction":
        assert e.actor2 == "Civilians (Nigeria)" and e.inter2 == 7


def test_repelled_attack_puts_the_attacker_first(pipeline):
    e = _primary(pipeline, "On 10 June 2020, Afghan security forces repelled an attack by Taliban militants on a "
                           "checkpoint in Chaparhar district, Nangarhar, Afghanistan.")
    assert e.actor1 == "Taliban" and e.inter1 == 2
    assert e.actor2 and e.actor2.startswith("Military Forces of Afghanistan")


def test_rival_yemeni_governments_clash(pipeline):
    e = _primary(pipeline, "On 4 June 2020, pro-Hadi forces clashed with Houthi forces in Sirwah (Sirwah, Marib), "
                           "Yemen, with no report of fatalities.")
    names = {e.actor1, e.actor2}
    assert "Military Forces of Yemen (2012-)" in names
    assert any(n and "Supreme Political Council" in n for n in names)
    assert e.inter1 == 1 and e.inter2 == 1


def test_anti_group_prefix_is_not_the_group(pipeline):
    e = _primary(pipeline, "On 5 June 2020, anti-Houthi forces shelled positions in Hays district (Al Hudaydah), "
                           "Yemen. No casualties were reported.")
    assert not (e.actor1 or "").endswith("Supreme Political Council")


def test_unnamed_gunmen_against_police(pipeline):
    e = _primary(pipeline, "On 2 June 2020, in Celaya, Guanajuato, Mexico, two armed men clashed with police "
                           "officers. One of the men was killed.")
    assert e.sub_event_type == "Armed clash"
    assert e.actor1.startswith("Unidentified") and e.inter1 == 3
    assert e.actor2 and e.actor2.startswith("Police Forces of Mexico")


def test_clan_militiamen_are_an_identity_militia(pipeline):
    e = _primary(pipeline, "On 3 June 2020, militiamen from a sub-clan opened fire on a market in Gaalkacyo "
                           "(Gaalkacyo, Mudug), Somalia, killing one civilian.")
    assert "Clan Militia" in (e.actor1 or "") and e.inter1 == 4


def test_osce_report_without_a_party(pipeline):
    # fire observed near a government-held settlement: the separatist side fired
    e = _primary(pipeline, "On 5 June 2020, the OSCE SMM observed a total of 12 explosions involving unknown weapons "
                           "near Svitlodarsk.")
    assert e.actor1 == "NAF: United Armed Forces of Novorossiya" and e.inter1 == 2
    # near a non-government-held one: the government side fired
    e = _primary(pipeline, "On 5 June 2020, the OSCE SMM observed a total of 12 explosions involving unknown weapons "
                           "near Horlivka.")
    assert e.actor1.startswith("Military Forces of Ukraine") and e.inter1 == 1


def test_regime_forces_in_an_undated_syrian_note(pipeline):
    e = _primary(pipeline, "Regime forces clashed with rebel fighters near Kafr Nabudah in northern Hama. "
                           "No fatalities were reported.")
    assert e.actor1 == "Military Forces of Syria (2000-)" and e.inter1 == 1
    assert e.actor2 == "Opposition Rebels (Syria)"
