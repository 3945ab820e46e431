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


def test_name_after_a_title_and_given_names_is_a_person(nlp, geoparser):
    found = _texts(nlp, geoparser, "The murder of Judge Carlos Valencia was condemned in Bogota.")
    assert "Valencia" not in found and "Bogota" in found


def test_surname_of_a_person_named_in_full_is_the_person(nlp, geoparser):
    text = ("Colonel Rene Emilio Ponce toured the front near Perquin. "
            "Later Ponce said the rebels had withdrawn from the area.")
    found = _texts(nlp, geoparser, text)
    assert "Ponce" not in found and "Perquin" in found


def test_place_used_as_a_place_stays_beside_a_namesake(nlp, geoparser):
    text = "Ambassador John Paris left for talks. Later the envoy flew to Paris from Madrid."
    found = _texts(nlp, geoparser, text)
    assert "Paris" in found and "Madrid" in found


def test_bulletin_header_names_a_city_the_report_is_filed_from(nlp, geoparser):
    text = ("SAN SALVADOR, 14 APR 89 (RADIO CADENA SONORA) -- [TEXT] UNIDENTIFIED INDIVIDUALS PLACED "
            "EXPLOSIVE DEVICES AT THE ENTRANCE OF MERINO'S HOME.")
    ps = geoparser.geoparse(nlp(text))
    head = [p for p in ps if p.start == 0]
    assert head and head[0].country_code == "SV", [(p.text, p.name, p.country_code) for p in ps]
    assert not any(p.text == "SONORA" for p in ps)  # the broadcaster's name
