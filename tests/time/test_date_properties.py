"""Hypothesis properties of the date resolver on arbitrary text and on every calendar date (issue 17)."""
import calendar
import datetime as dt
import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st

from marsad.time.resolve import find_dates, invalid_dates

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
from targets import check_dates  # noqa: E402

MONTHS = "January February March April May June July August September October November December".split()
WORDS = st.sampled_from(["on", "in", "since", "between", "and", "to", "-", "the", "last", "next", "Friday",
                         "February", "Feb.", "31", "29", "2018", "2019", "2018-02-31", "31.02.2018", "night",
                         "past", "four", "days", "ago", "weekend", "this", "week", "month", "overnight", "of"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=10).map(" ".join))
def test_date_phrases(text):
    check_dates(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text):
    check_dates(text)


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
       st.sampled_from(["{d} {M} {y}", "{M} {d}, {y}", "{y}-{m:02d}-{d:02d}"]))
def test_every_real_date_resolves_to_itself(d, fmt):
    text = "on " + fmt.format(d=d.day, M=MONTHS[d.month - 1], y=d.year, m=d.month)
    (found,) = find_dates(text, d + dt.timedelta(days=3))
    assert found.date == d.isoformat() and found.precision == 1
    assert invalid_dates(text) == []


@given(st.integers(1990, 2030), st.integers(1, 12), st.data())
def test_every_impossible_day_is_reported(y, m, data):
    last = calendar.monthrange(y, m)[1]
    if last == 31:
        return
    day = data.draw(st.integers(last + 1, 31))
    text = f"on {day} {MONTHS[m - 1]} {y}"
    (bad,) = invalid_dates(text)
    assert bad[2] == f"{day} {MONTHS[m - 1]} {y}"
    assert all(f.precision > 1 for f in find_dates(text, dt.date(y, 12, 31)))
