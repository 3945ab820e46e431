"""Dates that do not exist are reported, never read as another day (issue 17)."""
import pytest

from marsad.time.resolve import find_dates, invalid_dates


@pytest.mark.parametrize("text,why", [
    ("on 31 February 2018 gunmen", "February 2018 has 28 days"),
    ("on February 29, 2019", "February 2019 has 28 days"),
    ("2019-02-29", "February 2019 has 28 days"),
    ("31.02.2018", "February 2018 has 28 days"),
    ("the 31 June attack", "June has 30 days"),
    ("April 31", "April has 30 days"),
])
def test_invalid(text, why):
    (found,) = invalid_dates(text)
    assert found[3] == why and found[2] in text
    assert all(d.precision > 1 for d in find_dates(text, "2019-03-05"))  # never a day


@pytest.mark.parametrize("text", ["February 29", "29 February 2020", "May 31", "on June 30", "02.31.2018",
                                  "in 45 May", "0 March", "2018-02-28"])
def test_valid_or_not_a_date(text):
    assert invalid_dates(text) == []
