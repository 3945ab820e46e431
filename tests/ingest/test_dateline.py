"""Datelines and publication stamps at the head of an article."""
import csv
import datetime as dt

import pytest


from marsad.ingest.dateline import find_dateline


@pytest.mark.parametrize("text,date", [
    ("Wed 05 Apr 2017 Airstrikes hit Idlib.", "2017-04-05"),
    ("Published June 4 2016 A Russian airstrike on Aleppo killed eight.", "2016-06-04"),
    ("12 February 2015 Three killed in Aleppo.", "2015-02-12"),
    ("Monday, April 11, 2016 Clashes continued.", "2016-04-11"),
    ("2016-06-04 Shelling in Daraa.", "2016-06-04"),
    ("09-06-2016 Syria Terrorist Attacks in Aleppo", "2016-06-09"),
    ("07.07.2015Get short URL A suicide bomber", "2015-07-07"),
    ("18 dead in IS attack on Kurd-held Syria town Monitor AFP Thursday 30 Jul 2015 At least 18", "2015-07-30"),
    ("Date of publication 14 August 2016 Scores of civilians", "2016-08-14"),
    ("DAMASCUS, Feb 9, 2018 (Reuters) - Air strikes", "2018-02-09"),
])
def test_datelines(text, date):
    r = find_dateline(text)
    assert r is not None, text
    d, span = r
    assert d.isoformat() == date
    assert text[span.start:span.end] == span.text


def test_no_year_no_dateline():
    # the year of "Feb 9" is unknown: guessing it would shift every relative date of the article
    assert find_dateline("DAMASCUS, Feb 9 (Reuters) - Air strikes killed 12 people.") is None


def test_event_date_in_sentence_is_not_a_dateline():
    assert find_dateline("On 6 May 2020, gunmen attacked Allawa.") is None
    assert find_dateline("Air strikes killed 12 people.") is None


def test_fakes_datelines_match_coded_dates(shared):
    path = shared("eval", "fakes", "dev.csv")
    with open(path, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    found = equal = 0
    for r in rows:
        m, d, y = r["date"].split("/")
        y = int(y) + 2000 if int(y) < 100 else int(y)
        res = find_dateline(r["article_content"])
        if res:
            found += 1
            equal += res[0] == dt.date(y, int(m), int(d))
    assert found / len(rows) >= 0.9
    assert equal / len(rows) >= 0.6  # the coded date is the event's; datelines are the publication's


def test_bulletin_header_gives_date_place_and_source():
    import datetime as dt
    from marsad.ingest.dateline import find_bulletin_header, find_dateline

    text = "   SAN SALVADOR, 17 NOV 89 (RADIO CADENA YSU) -- [TEXT] THE ARMED FORCES REPORTED"
    h = find_bulletin_header(text)
    assert h.date == dt.date(1989, 11, 17) and h.source == "RADIO CADENA YSU" and h.place.text == "SAN SALVADOR"
    assert text[h.span.start:h.span.end].endswith("--")
    assert find_dateline(text)[0] == dt.date(1989, 11, 17)
    h = find_bulletin_header("   MEXICO CITY (MEXICO), 12 JAN 90 (DPA) -- [TEXT] X")
    assert h.place.text == "MEXICO CITY (MEXICO)" and h.date == dt.date(1990, 1, 12) and h.source == "DPA"
    h = find_bulletin_header("   SAN SALVADOR, NO DATE (RADIO CADENA YSU) -- [INTERVIEW]")
    assert h.date is None and h.source == "RADIO CADENA YSU" and find_dateline("SAN SALVADOR, NO DATE -- X") is None
    assert find_bulletin_header("BEIRUT, Feb 9 (Reuters) - Syrian forces") is None
