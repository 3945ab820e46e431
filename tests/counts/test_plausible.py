"""Figures beyond belief are flagged, never coded and never silently zeroed (issue 17)."""
from marsad.counts.numbers import parse_quantity
from marsad.counts.plausible import implausibility, screen_casualties
from marsad.records import Casualty


def cas(best, category="killed", high=None, victims=None):
    return Casualty(category=category, best=best, low=best, high=high, start=7, end=20, text="x",
                    trigger_start=0, victims=victims or {})


def test_digit_strings_are_exact():
    assert parse_quantity("10000000000000000000000000000").best == 10 ** 28
    assert parse_quantity("1.2 million").best == 1_200_000
    assert parse_quantity("9" * 5000).best == 10 ** 40  # past Python's int-parsing limit: a stand-in


def test_ceilings():
    assert implausibility(cas(10 ** 28)) == "more people than live on Earth"
    assert "beyond any recorded war" in implausibility(cas(200_000_000))
    assert implausibility(cas(500_000)) is None  # a whole war's toll is believable
    assert implausibility(cas(13_000_000, "displaced")) is None
    assert implausibility(cas(5, high=10 ** 12)) is not None
    assert implausibility(cas(5, victims={"civilians": 10 ** 11})) is not None


def test_screen_quotes_the_words_with_input_offsets():
    text = "HEADLINE\n\nGunmen killed 99999999999 people."
    c = Casualty(category="killed", best=99999999999, low=None, high=None, start=24, end=42,
                 text="99999999999 people", trigger_start=17)
    kept, warnings = screen_casualties([c, cas(3)], text, offset=10)
    assert kept == [cas(3)]
    (w,) = warnings
    assert "'99999999999 people'" in w and "characters 14-32" in w and "not coded" in w
