from marsad.output.contract import document_to_dict, validate_document
from marsad.records import InputDocument


def test_other_language_reported_not_mangled(pipeline):
    res = pipeline.process(InputDocument(text="Les frappes aériennes ont tué quatorze personnes dans la province "
                                              "d'Idleb vendredi, selon l'Observatoire syrien des droits de l'homme."))
    assert res.language == "fr" and res.events == ()
    assert any("not supported" in w for w in res.warnings)
    assert validate_document(document_to_dict(res)) == []


def test_dateline_gives_publication_date(pipeline):
    res = pipeline.process(InputDocument(text="Published June 4 2016 A Russian airstrike on Aleppo killed eight "
                                              "civilians on Saturday, a civil defense source said."))
    assert res.publication_date == "2016-06-04"
    ev = res.events[0]
    assert ev.event_date == "2016-06-04" and ev.date_text == "on Saturday"  # 4 June 2016 was a Saturday
    assert ev.fatalities == 8 and ev.sub_event_type == "Air/drone strike"


def test_no_date_no_guess(pipeline):
    res = pipeline.process(InputDocument(text="Clashes took place between regime forces and rebels in Jobar. "
                                              "There were no reported fatalities."))
    assert res.publication_date is None
    assert res.events and all(e.event_date is None for e in res.events)
    assert any("no publication date" in w for w in res.warnings)


def test_headline_and_body_merge_into_one_incident(pipeline):
    text = ("Car bomb kills six in Homs\n\nSix people were killed and 20 wounded on Monday by a car bomb in "
            "a district of Homs, a monitoring group said.")
    res = pipeline.process(InputDocument(text=text, publication_date="2014-03-17"))
    acled = [e for e in res.events if e.event_type]
    assert len(acled) == 1
    e = acled[0]
    assert e.fatalities == 6 and e.injuries == 20 and e.location == "Homs"
    assert len(e.evidence) == 2


def test_conflicting_figures_keep_both(pipeline):
    text = ("A suicide bomber blew herself up at a checkpoint in Konduga on Thursday, killing at least four people, "
            "a security source said. Police said three people died in the blast.")
    res = pipeline.process(InputDocument(text=text, publication_date="2020-05-08"))
    e = [e for e in res.events if e.event_type][0]
    assert e.sub_event_type == "Suicide bomb"
    assert e.fatalities == 3 and e.fatalities_low == 3


def test_one_reporter_total_and_its_parts_code_the_total(pipeline):
    # one monitor, one incident: the later figures are parts of the total, not a conflicting report
    text = ("At least 11 civilians including three children were killed in air strikes on the town of Ariha in "
            "Idlib province on Wednesday, the Syrian Observatory for Human Rights said. Five of them died in the "
            "market place. Another three were killed in the strikes on the outskirts of the town.")
    res = pipeline.process(InputDocument(text=text, publication_date="2016-07-13"))
    e = [e for e in res.events if e.event_type][0]
    assert e.fatalities == 11


def test_recap_of_an_earlier_incident_is_a_toll_not_an_event(pipeline):
    text = ("A car bomb killed at least 17 people near the Bab al-Salama crossing on Thursday, a monitor said. "
            "The latest attack comes one week after a suicide bomber blew himself up at a border crossing in "
            "Idlib province killing 29 opposition fighters.\n\n"
            "Saturday's convoy attack killed 126 people, the Syrian Observatory for Human Rights said.")
    res = pipeline.process(InputDocument(text=text, publication_date="2016-10-13"))  # a Thursday
    assert max(e.fatalities for e in res.events) == 17
    recaps = sorted(t.count_low for t in res.tolls if t.scope == "background")
    assert 29 in recaps and 126 in recaps  # Saturday 8 October: five days before the report


def test_killed_and_injured_total_is_not_fatalities(pipeline):
    text = "At least 19 killed and injured in a terrorist attack on an official building in Tell Abyad on Wednesday."
    res = pipeline.process(InputDocument(text=text, publication_date="2016-06-29"))
    assert all(e.fatalities == 0 for e in res.events)


def test_headline_figure_counts_and_its_offsets_index_the_title(pipeline):
    title = "Air raid kills 19 Syrians in IS-held village"
    body = ("Date of publication 5 October 2016 An air raid has hit a village controlled by the IS group in "
            "Aleppo province killing civilians including three children, activists said.")
    res = pipeline.process(InputDocument(text=body, title=title))
    e = max(res.events, key=lambda e: e.fatalities)
    assert e.fatalities == 19
    for s in e.evidence:
        src = title if s.field == "title" else body
        assert src[s.start:s.end] == s.text
    assert any(s.field == "title" for s in e.evidence) and any(s.field is None for s in e.evidence)
    assert all(body[p.start:p.end] == p.text for p in res.places)
    assert validate_document(document_to_dict(res)) == []


def test_headline_already_opening_the_text_is_not_read_twice(pipeline):
    title = "Car bomb kills six in Homs"
    body = "Car bomb kills six in Homs\n\nSix people were killed on Monday by a car bomb in Homs, a monitor said."
    res = pipeline.process(InputDocument(text=body, title=title, publication_date="2014-03-17"))
    assert all(s.field is None for e in res.events for s in e.evidence)


def test_outlet_name_is_not_part_of_the_headline():
    from marsad.pipeline import _strip_site_name
    assert _strip_site_name("Rocket attacks kill 30 in Aleppo | Jordan Times") == "Rocket attacks kill 30 in Aleppo"
    assert _strip_site_name("Car bomb kills six in Homs - Region - World - Ahram Online") == "Car bomb kills six in Homs"
    assert _strip_site_name("Syria - 12 killed in Homs") == "Syria - 12 killed in Homs"


def test_who_died_after_a_clash_is_that_clash_toll(pipeline):
    text = ("On 29 April 2020, in Nuevo Laredo, Tamaulipas, members of Tropa del Infierno clashed with police "
            "officers in colonia Manuel Cavazos Lerma. Seven members of this group died.")
    evs = [e for e in pipeline.process(InputDocument(text=text)).events if e.event_type]
    assert len(evs) == 1 and evs[0].sub_event_type == "Armed clash" and evs[0].fatalities == 7


def test_an_officer_shot_dead_in_the_next_sentence_is_the_clash_toll(pipeline):
    text = ("On 1 May 2020, Mayi Mayi militiamen and the police clashed in Oicha (Beni, Nord-Kivu). "
            "1 Police officer was shot and killed.")
    evs = [e for e in pipeline.process(InputDocument(text=text)).events if e.event_type]
    assert len(evs) == 1 and evs[0].fatalities == 1


def test_a_note_that_states_its_coded_figure_is_believed(pipeline):
    text = ("On 29 April 2020, 7 civilians were killed by a NATO airstrike in the Badrok area of Chaghcharan, Ghor. "
            "Fatalities coded as 0 (VoJ reported 7 fatalities).")
    e = [e for e in pipeline.process(InputDocument(text=text)).events if e.event_type][0]
    assert e.fatalities == 0
    text = ("Islamist faction fighters inflicted regime casualties through sniper fire on the village of Jawalek "
            "amid an exchange of fire with regime forces. Unknown number of fatalities coded to 10.")
    evs = [e for e in pipeline.process(InputDocument(text=text)).events if e.event_type]
    assert not evs or evs[0].fatalities == 10
