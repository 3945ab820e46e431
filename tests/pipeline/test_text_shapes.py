"""Text as it comes: capitals-only wires, bulletins, unpunctuated text read like clean text."""
from marsad.output.contract import document_to_dict, validate_document
from marsad.records import InputDocument

CLEAN = ("On 3 May 2020, Syrian regime forces shelled the town of Kafr Nabl in Idleb province, killing "
         "two civilians.")


def _primary(res):
    return next(e for e in res.events if e.event_type)


def test_capitals_read_like_clean_text_and_spans_index_the_input(pipeline):
    clean = _primary(pipeline.process(InputDocument(text=CLEAN)))
    res = pipeline.process(InputDocument(text=CLEAN.upper()))
    upper = _primary(res)
    assert (upper.sub_event_type, upper.actor1, upper.location, upper.fatalities) == \
        (clean.sub_event_type, clean.actor1, clean.location, clean.fatalities)
    for s in upper.evidence:
        assert res.text[s.start:s.end] == s.text and s.text.isupper()
    for p in res.places:
        assert res.text[p.start:p.end] == p.text
    assert any("true-cased" in w for w in res.warnings)
    assert validate_document(document_to_dict(res)) == []


def test_bulletin_header_gives_date_and_source(pipeline):
    text = ("   SAN SALVADOR, 17 NOV 89 (RADIO CADENA YSU) -- [TEXT] URBAN COMMANDOS OF THE FMLN\n"
            "ATTACKED A NATIONAL POLICE POST IN SAN SALVADOR LAST NIGHT WITH RIFLES\n"
            "AND GRENADES.  TWO POLICEMEN WERE KILLED IN THE ATTACK, THE ARMED FORCES\n"
            "PRESS COMMITTEE REPORTED TODAY.  THE GUERRILLAS WITHDREW TO THE NORTH.\n")
    res = pipeline.process(InputDocument(text=text))
    assert res.publication_date == "1989-11-17" and res.source == "RADIO CADENA YSU"
    ev = _primary(res)
    assert ev.country == "El Salvador" and ev.event_type in ("Battles", "Violence against civilians", "Explosions/Remote violence")
    assert ev.fatalities == 2
    assert all("[TEXT]" not in s.text for s in ev.evidence)


def test_ordinary_text_is_not_reshaped(pipeline):
    res = pipeline.process(InputDocument(text=CLEAN))
    assert not any("reshaped" in w for w in res.warnings)
