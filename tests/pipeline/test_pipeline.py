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
