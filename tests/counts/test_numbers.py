"""The number grammar: golden phrases and property tests."""
import pytest
from hypothesis import given, settings, strategies as st

from marsad.counts.numbers import find_quantities, int_to_words, parse_quantity, words_to_int


@pytest.mark.parametrize("text,best,low,high,vague", [
    ("seven", 7, None, None, False),
    ("twenty-one", 21, None, None, False),
    ("Thirty one", 31, None, None, False),
    ("one hundred and twenty-one", 121, None, None, False),
    ("1,200", 1200, None, None, False),
    ("1.2 million", 1_200_000, None, None, False),
    ("23 million", 23_000_000, None, None, False),
    ("a dozen", 12, None, None, False),
    ("half a dozen", 6, None, None, False),
    ("dozens", 12, 12, None, True),          # ACLED: dozens = 12
    ("tens", 10, 10, None, True),            # ACLED: tens = 10
    ("hundreds", 100, 100, None, True),      # ACLED: hundreds = 100
    ("scores", 20, 20, None, True),
    ("hundreds of thousands", 100_000, 100_000, None, True),
    ("several", 10, 2, None, True),          # ACLED: unspecified plural = 10
    ("an unknown number of", 10, 1, None, True),
    ("a few", 3, 2, None, True),
    ("at least 8", 8, 8, None, False),
    ("at least eight", 8, 8, None, False),
    ("more than 12", 12, 13, None, False),
    ("over 70", 70, 71, None, False),
    ("nearly 50", 50, None, 50, False),
    ("almost 60", 60, None, 60, False),
    ("up to 30", 30, None, 30, False),
    ("fewer than 10", 9, None, 9, False),
    ("about 200", 200, 180, 220, False),
    ("some 350,000", 350_000, 315_000, 385_000, False),
    ("10 to 15", 10, 10, 15, False),
    ("10-15", 10, 10, 15, False),
    ("between 8 and 12", 8, 8, 12, False),
    ("between 2 to 4", 2, 2, 4, False),
    ("8 or 9", 8, 8, 9, False),
    ("21 or more", 21, 21, None, False),
])
def test_golden_quantities(text, best, low, high, vague):
    q = parse_quantity(text)
    assert q is not None, text
    assert (q.best, q.low, q.high, q.vague) == (best, low, high, vague)
    assert q.text == text


def test_offsets_in_sentence():
    text = "The Observatory said air strikes killed more than 12 people and wounded dozens."
    qs = find_quantities(text)
    assert [text[q.start:q.end] for q in qs] == ["more than 12", "dozens"]


def test_prepositions_are_not_prefixes_without_a_number():
    assert find_quantities("over the weekend, some residents fled") == []


def test_no_number():
    assert parse_quantity("the army advanced") is None


@given(st.integers(min_value=0, max_value=999_999_999))
def test_words_round_trip(n):
    assert words_to_int(int_to_words(n).split()) == n


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=999_999_999))
def test_words_and_digits_agree(n):
    w = parse_quantity(int_to_words(n))
    d = parse_quantity(f"{n:,}")
    assert w is not None and d is not None
    assert w.best == d.best == n


@settings(max_examples=300)
@given(st.sampled_from(["", "at least ", "more than ", "nearly ", "up to ", "about ", "fewer than ", "some ",
                        "no fewer than ", "over "]),
       st.integers(min_value=1, max_value=100_000),
       st.sampled_from(["", " to {m}", "-{m}", " or more"]))
def test_range_invariants(prefix, n, suffix):
    text = prefix + str(n) + suffix.format(m=n + 5)
    q = parse_quantity(text)
    assert q is not None
    assert q.best >= 0
    if q.high is not None:
        assert q.best <= q.high
    if q.low is not None:
        # "more than N": best N, low N + 1 (ACLED keeps the stated figure); otherwise low <= best
        assert q.low <= q.best + (1 if prefix.strip() in ("more than", "over") else 0)
