"""Cross-document merging: the pure matcher (marsad.merge.across)."""
import itertools
import random

from hypothesis import given, settings, strategies as st

from marsad.merge import across


def _event(eid, day="2017-04-15", fat=10, sub="Remote explosive/landmine/IED", etype="Explosions/Remote violence",
           loc=("Aleppo", 36.2, 37.16, "Aleppo"), text="A bomb blast hit a bus convoy of evacuees near Aleppo",
           actor1="Unidentified Armed Group (Syria)", update=False, modality="asserted"):
    name, lat, lon, admin1 = loc
    return {"event_id": eid, "event_date": day, "time_precision": 1, "event_type": etype, "sub_event_type": sub,
            "plover_event": "ASSAULT", "modality": modality, "iso3": "SYR", "country": "Syria", "admin1": admin1,
            "location": name, "latitude": lat, "longitude": lon, "geo_precision": 1, "geonameid": {"Aleppo": 170063, "Al Bab": 170017}.get(name),
            "actor1": actor1, "actor2": "Civilians (Syria)", "fatalities": fat, "fatalities_low": fat,
            "fatalities_high": fat, "source": None,
            "evidence": [{"start": 0, "end": len(text), "text": text + (" The toll rose to %d." % fat if update else "")}]}


def _report(doc, ev, pub="2017-04-15", outlet="x", dateline=None):
    # the story is the event's sentence: its headline and lead are that sentence
    d = {"doc_id": doc, "publication_date": pub, "source": outlet, "events": [ev]}
    return across.make_report(ev, d, "h" + doc, dateline, across.lead_words(d, ev["evidence"][0]["text"]))


def test_same_incident_from_two_outlets_links_with_reasons():
    a = _report("d1", _event("e1", fat=43))
    b = _report("d2", _event("e9", fat=100, text="Bomb on evacuee buses outside Aleppo convoy kills 100"), pub="2017-04-16")
    lk = across.compare(a, b)
    assert lk is not None and lk.score >= across.SCORE_THRESHOLD
    assert any("same sub-event type" in r for r in lk.reasons)
    assert any("shared evidence word" in r for r in lk.reasons)


def test_blocking_other_country_day_place_or_family():
    a = _report("d1", _event("e1"))
    assert across.compare(a, _report("d2", _event("e2", day="2017-04-20"))) is None
    far = _report("d2", _event("e2", loc=("Damascus", 33.5, 36.3, "Damascus")))
    assert across.compare(a, far) is None
    protest = _report("d2", _event("e2", etype="Protests", sub="Peaceful protest"))
    assert across.compare(a, protest) is None
    assert across.compare(a, _report("d1", _event("e2"))) is None  # one document's events stay apart


def test_vague_reports_are_never_merged():
    assert not _report("d1", _event("e1", modality="denied")).mergeable
    assert not _report("d1", _event("e1", etype="Strategic developments", sub="Agreement")).mergeable
    ev = _event("e1", day="2017-03")
    ev["time_precision"] = 3
    assert not _report("d1", ev).mergeable


def test_a_report_placed_only_in_the_country_needs_the_same_story():
    ev = _event("e1", text="Death toll in car bomb attack on Syria evacuee buses hits 43")
    ev.update(admin1=None, geo_precision=3, location="Syria", latitude=None, longitude=None)
    vague = _report("d1", ev)
    same_story = _report("d2", _event("e2", text="A suicide car bomb hit buses carrying evacuees from Foua, "
                                                 "the bomb attack on evacuees killed 43"))
    other = _report("d3", _event("e3", text="Shelling hit a market"))
    assert across.compare(vague, same_story) is not None
    assert across.compare(vague, other) is None


def test_dateline_disagreeing_with_metadata_gives_a_second_window():
    a = _report("d1", _event("e1", day="2016-06-13"), pub="2016-06-13", dateline="2016-06-04")
    b = _report("d2", _event("e2", day="2016-06-04"), pub="2016-06-04")
    assert across.compare(a, b) is not None


def test_a_relative_date_is_resolved_again_against_the_texts_own_dateline():
    # the metadata says 2016-06-15 but the text is dated Monday 2016-06-20: "on Sunday" is June 19
    ev = _event("e1", day="2016-06-12")
    ev["date_text"] = "on Sunday"
    r = _report("d1", ev, pub="2016-06-15", dateline="2016-06-20")
    assert r.windows[0] == ("2016-06-19", "2016-06-19") and r.event_date == "2016-06-19"
    stated = _event("e2", day="2016-06-12")
    stated["date_text"] = "on June 12 2016"  # a date stated outright stays the event's
    assert _report("d2", stated, pub="2016-06-15", dateline="2016-06-20").windows[0][0] == "2016-06-12"


def test_an_event_dated_by_its_report_may_be_days_older():
    said = _event("e1", day="2013-08-24", text="Fabius said on Saturday that Syria was behind a chemical massacre near Damascus")
    said["date_text"] = "on Saturday"
    r = _report("d1", said, pub="2013-08-24")
    assert ("2013-08-21", "2013-08-24") in r.windows
    attack = _report("d2", _event("e2", day="2013-08-21", text="a chemical massacre near Damascus killed hundreds"),
                     pub="2013-08-21")
    assert across.compare(r, attack) is not None
    own = _event("e3", day="2013-08-24", text="rockets hit Damascus on Saturday")
    own["date_text"] = "on Saturday"  # the event's own date: no wider window
    assert _report("d3", own, pub="2013-08-24").windows == (("2013-08-24", "2013-08-24"),)


def _chemical(eid, day, text, loc=("Damascus", 33.51, 36.29, "Damascus"), fat=0, date_text=None, etype="Explosions/Remote violence",
              sub="Chemical weapon"):
    ev = _event(eid, day=day, fat=fat, sub=sub, etype=etype, loc=loc, text=text, actor1="Military Forces of Syria (2000-)")
    ev["date_text"] = date_text
    return ev


def test_a_reaction_story_refers_back_to_the_attack_it_names_with_its_date():
    story = ("Fabius said on Tuesday the draft resolution would include an explicit condemnation of an August 21 "
             "chemical weapons attack on the outskirts of Damascus. France wants a vote this week.")
    ev = _chemical("e1", "2013-09-10", "Fabius said on Tuesday the draft resolution would be under Chapter 7",
                   fat=1400, date_text="on Tuesday")
    d = {"doc_id": "d1", "publication_date": "2013-09-10", "source": "x", "events": [ev]}
    r = across.make_report(ev, d, "hd1", None, across.lead_words(d, story), story)
    assert ("2013-08-21", "2013-08-21") in r.refs and r.windows[0] == ("2013-09-10", "2013-09-10")
    attack = _report("d2", _chemical("e2", "2013-08-21", "a chemical weapons attack with sarin rockets near Damascus killed 1300",
                                     fat=1300), pub="2013-08-21")
    lk = across.compare(r, attack)
    assert lk is not None and any("refers back" in x for x in lk.reasons)
    # the referred day is the attack's only: a strike of another kind that day stays apart
    strike = _report("d3", _event("e3", day="2013-08-21", sub="Air/drone strike", loc=("Damascus", 33.51, 36.29, "Damascus"),
                                  text="air strikes on Damascus killed 1300"), pub="2013-08-21")
    assert across.compare(r, strike) is None


def test_an_attack_named_without_a_date_is_one_of_the_days_before_the_story():
    story = ("Zarif called on Monday for an inquiry into the recent chemical attack in the town of Khan Shaykhoun, "
             "which killed at least 86 people.")
    ks = ("Khan Shaykhoun", 35.44, 36.65, "Idleb")
    ev = _chemical("e1", "2017-04-10", "the recent chemical attack in the town of Khan Shaykhoun killed 86 sarin",
                   loc=ks, fat=86, date_text="on Monday")
    d = {"doc_id": "d1", "publication_date": "2017-04-10", "source": "x", "events": [ev]}
    r = across.make_report(ev, d, "hd1", None, frozenset(), story)
    assert r.refs == ((across._shift("2017-04-10", -across.REFERENCE_DAYS), "2017-04-10"),)
    attack = _report("d2", _chemical("e2", "2017-04-04", "a sarin attack on Khan Shaykhoun killed 86", loc=ks, fat=86),
                     pub="2017-04-04")
    assert across.compare(r, attack) is not None
    # an event the text dates outright is dated by the text, not by what the story refers to
    ev2 = dict(ev, date_text="on April 10 2017")
    assert across.make_report(ev2, d, "hd1", None, frozenset(), story).refs == ()
    # an attack of another kind is named by other words; no reference window
    ev3 = _event("e3", day="2017-04-10", sub="Air/drone strike", loc=ks, text="air strikes on Khan Shaykhoun")
    assert across.make_report(ev3, d, "hd1", None, frozenset(), story).refs == ()
    # the references survive the store's round trip
    assert across.report_from_dict(across.report_to_dict(r)) == r


def test_within_an_incident_a_rare_attack_needs_no_shared_words():
    vague = _chemical("e1", "2013-08-23", "officials said they could not yet determine use", loc=("Syria", None, None, None))
    vague.update(geo_precision=3)
    other = _chemical("e2", "2013-08-23", "inspectors asked for access to the site", fat=0)
    a, b = _report("d1", vague, pub="2013-08-23"), _report("d2", other, pub="2013-08-23")
    assert across.compare(a, b) is None  # too little in common to link by themselves
    assert across.compare(a, b, within=True) is not None  # but no veto once other reports join them
    shelling = dict(vague, sub_event_type="Shelling/artillery/missile attack")
    shelling2 = dict(other, sub_event_type="Shelling/artillery/missile attack")
    assert across.compare(_report("d1", shelling, pub="2013-08-23"), _report("d2", shelling2, pub="2013-08-23"), within=True) is None


def test_background_told_of_an_earlier_year_is_not_merged():
    ev = _event("e1", day="2016-06-13", etype="Violence against civilians", sub="Attack",
                text="Syria's war started with the brutal repression of anti-government protests in 2011")
    r = _report("d1", ev)
    assert not r.mergeable and "2011" in r.why_not


def test_the_wars_toll_is_background_not_an_incident():
    ev = _event("e1", day="2017-10-01", sub="Chemical weapon", fat=0,
                text="Hundreds of thousands of civilians have been killed in the war, mostly by the regime's chemical weapons and sieges")
    r = _report("d1", ev, pub="2017-10-01")
    assert not r.mergeable and "war" in r.why_not
    # an incident's own toll told with the war stays an incident
    one = _event("e2", day="2013-08-21", sub="Chemical weapon", fat=1400,
                 text="The attack killed more than 1,400 people, the deadliest of the war")
    assert _report("d2", one, pub="2013-08-21").mergeable


def test_rare_shared_words_weigh_more_than_common_ones():
    from marsad.merge.wordtable import weight
    assert weight("sarin") == 1.0 and weight("castello") == 1.0
    assert weight("children") < 0.3 and weight("school") < 0.3
    assert weight("children") < weight("convoy") < weight("evacuee")


def test_the_cited_source_is_not_a_shared_word():
    a = _event("e1", text="SANA reporter said rockets hit a house in Aleppo, SANA reported")
    b = _event("e2", text="SANA reporter said shells hit a bakery in Aleppo, SANA reported", day="2017-04-15")
    a["source"] = b["source"] = "SANA"
    lk = across.compare(_report("d1", a), _report("d2", b))
    assert lk is not None and not any("sana" in r.split(":")[-1] for r in lk.reasons if "shared" in r)


def test_conservative_figure_range_and_revision():
    evs = {("d1", "e"): _event("e", fat=43), ("d2", "e"): _event("e", fat=126, update=True),
           ("d3", "e"): _event("e", fat=112)}
    pubs = {"d1": "2017-04-15", "d2": "2017-04-16", "d3": "2017-04-16"}
    group = [_report(d, evs[(d, "e")], pub=pubs[d], outlet=d) for d in ("d1", "d2", "d3")]
    rec = across.combine(group, evs, across.links_among(group))
    assert rec["documents"] == ["d1", "d2", "d3"] and len(rec["reports"]) == 3
    # the update (126) supersedes the earlier 43; 112 from another outlet is the conservative figure
    assert rec["fatalities"] == 112 and rec["fatalities_low"] == 43 and rec["fatalities_high"] == 126
    assert [(v["from"], v["to"]) for v in rec["revisions"]] == [(43, 126)]
    assert rec["revisions"][0]["stated_as_update"]
    assert rec["reports"][1]["merged_because"].startswith("matches d1#e")


def _reports(seed):
    rnd = random.Random(seed)
    out = []
    for i in range(12):
        day = f"2017-04-{rnd.choice([14, 15, 16, 17]):02d}"
        fat = rnd.choice([0, 5, 40, 43, 100, 126])
        loc = rnd.choice([("Aleppo", 36.2, 37.16, "Aleppo"), ("Al Bab", 36.37, 37.51, "Aleppo")])
        sub = rnd.choice(["Remote explosive/landmine/IED", "Remote explosive/landmine/IED", "Chemical weapon"])
        out.append(_report(f"d{i}", _event(f"e{i}", day=day, fat=fat, loc=loc, sub=sub), pub=day))
    return out


def _partition(reports):
    links = across.links_among(reports)
    return sorted(tuple(r.key for r in g) for g in across.cluster(reports, links))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.randoms())
def test_clustering_does_not_depend_on_order(seed, rnd):
    reports = _reports(seed)
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert _partition(reports) == _partition(shuffled)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000))
def test_an_incident_never_holds_two_reports_of_one_document_nor_a_split(seed):
    reports = _reports(seed)
    links = across.links_among(reports)
    splits = [(reports[0].key, reports[1].key)]
    for g in across.cluster(reports, links, splits):
        docs = [r.doc_id for r in g]
        assert len(docs) == len(set(docs))
        assert not ({reports[0].key, reports[1].key} <= {r.key for r in g})
        for x, y in itertools.combinations(g, 2):
            assert across.compare(x, y, within=True) is not None
