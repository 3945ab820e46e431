"""Names that are not where anything happened: a person's name after a title, a company named after a
town, a group's English name that sounds like a place (sentences written for these tests)."""


def _texts(nlp, geoparser, text):
    return {p.text for p in geoparser.geoparse(nlp(text))}


def test_name_after_a_personal_title_is_a_person(nlp, geoparser):
    found = _texts(nlp, geoparser, "The statement was signed by Mr Mason and read out in San Salvador.")
    assert "Mason" not in found and "San Salvador" in found


def test_company_named_after_a_town(nlp, geoparser):
    found = _texts(nlp, geoparser, "Guerrillas attacked the pipeline operated by Houston Oil near Arauca.")
    assert "Houston" not in found


def test_group_name_is_no_sound_alike_of_a_place(nlp, geoparser):
    ps = geoparser.geoparse(nlp("The murder of the Jesuit priests in San Salvador was condemned."))
    assert all(p.country_code == "SV" for p in ps), [(p.text, p.name) for p in ps]


def test_name_tagged_as_a_date_at_the_end_of_a_text(nlp, geoparser):
    # without its closing full stop, the small model tags the text's last name as a DATE
    text = "On 1 May 2020 the monitors observed 13 bursts of fire involving heavy machineguns near Novoluhanske"
    assert "Novoluhanske" in _texts(nlp, geoparser, text)
    assert "May" not in _texts(nlp, geoparser, text)
