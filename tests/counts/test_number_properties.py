"""Hypothesis properties of the number grammar on arbitrary text (issue 17)."""
import sys
from pathlib import Path

from hypothesis import given, settings, strategies as st

from marsad.counts.numbers import parse_quantity

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "fuzz"))
from targets import check_numbers  # noqa: E402

WORDS = st.sampled_from(["at", "least", "more", "than", "between", "and", "to", "-", "or", "dozens", "of",
                         "hundreds", "thousands", "a", "few", "twenty-one", "one", "hundred", "million", "1,200",
                         "1.5", "12", "0", "people", "killed", "over", "nearly", "about", "several", "plus", "+",
                         "9" * 45, "1e9", ",", ".", "m", "bn", "from", "up", "as", "many"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=12).map(" ".join))
def test_number_phrases(text):
    check_numbers(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text):
    check_numbers(text)


@given(st.integers(min_value=0, max_value=10 ** 30))
def test_digits_exact(n):
    assert parse_quantity(str(n)).best == n
    assert parse_quantity(f"{n:,}").best == n
