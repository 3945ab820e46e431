"""A number grammar for news English: "seven", "twenty-one", "1,200", "1.2 million", "a dozen",
"dozens", "at least 8", "more than 12", "between 8 and 12", "10 to 15".

Every expression becomes a :class:`~marsad.records.Quantity` with an ACLED-conservative ``best``
figure and the ``low``/``high`` range the words support.

Conventions (ACLED codebook, "Reported fatalities", and what the ACLED dev notes show):

* "dozens" = 12, "tens" = 10, "hundreds" = 100, "thousands" = 1,000 (ACLED's stated values).
  "scores" is not in the codebook: we use 20 (one score), the same "one unit" reading ACLED applies
  to "dozens".
* "several", "many", "numerous", "an unknown number of" -> 10: ACLED codes unspecified plural
  fatalities as 10 (its notes say "the unknown number of fatalities are coded as 10"). ``low`` is 2
  (a plural), ``high`` None, ``vague`` True.
* "a few", "a handful of", "some" (bare, no figure) -> 3, low 2: conservative reading.
* "at least N" / "no fewer than N" / "N or more": best N, low N, high None.
* "more than N" / "over N": best N (ACLED keeps the stated figure), low N+1, high None.
* "nearly / almost / close to N": best N, low None, high N.
* "up to N" / "as many as N": best N, low None, high N.
* "fewer than / less than / under N": best N-1, low None, high N-1.
* "about / around / approximately / some / an estimated N": best N, low/high N -/+ 10% (at least 1).
* ranges "10 to 15", "10-15", "between 8 and 12", "8 or 9": best = the lower figure, low/high the ends.
"""
from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Optional, Union

from marsad.records import Quantity

__all__ = ["parse_quantity", "find_quantities", "words_to_int", "int_to_words", "VAGUE"]

UNITS = {
    "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SCALE_ABBR = {"mln": 1_000_000, "bn": 1_000_000_000, "m": 1_000_000, "k": 1_000}
NUMBER_WORDS = set(UNITS) | set(TENS) | set(SCALES)

# vague plural quantities: word(s) -> (best, low, high)
VAGUE: dict[tuple[str, ...], tuple[int, Optional[int], Optional[int]]] = {
    ("hundreds", "of", "thousands"): (100_000, 100_000, None),
    ("tens", "of", "thousands"): (10_000, 10_000, None),
    ("hundreds", "of", "millions"): (100_000_000, 100_000_000, None),
    ("tens", "of", "millions"): (10_000_000, 10_000_000, None),
    ("dozens",): (12, 12, None),
    ("scores",): (20, 20, None),
    ("tens",): (10, 10, None),
    ("hundreds",): (100, 100, None),
    ("thousands",): (1_000, 1_000, None),
    ("millions",): (1_000_000, 1_000_000, None),
    ("several",): (10, 2, None),
    ("many",): (10, 2, None),
    ("numerous",): (10, 2, None),
    ("an", "unknown", "number", "of"): (10, 1, None),
    ("unknown", "number", "of"): (10, 1, None),
    ("unspecified", "number", "of"): (10, 1, None),
    ("a", "number", "of"): (10, 2, None),
    ("a", "few"): (3, 2, None),
    ("a", "handful", "of"): (3, 2, None),
    ("handful", "of"): (3, 2, None),
}
# exact fixed words
FIXED: dict[tuple[str, ...], int] = {
    ("half", "a", "dozen"): 6, ("a", "dozen"): 12, ("dozen",): 12, ("a", "score", "of"): 20,
    ("a", "couple", "of"): 2, ("a", "pair", "of"): 2, ("a", "hundred"): 100, ("a", "thousand"): 1000,
    ("a", "million"): 1_000_000, ("one", "dozen"): 12, ("two", "dozen"): 24, ("three", "dozen"): 36,
    ("a", "single"): 1,
}

# prefixes: words -> kind
PREFIXES: list[tuple[tuple[str, ...], str]] = [
    (("at", "least"), "atleast"), (("no", "fewer", "than"), "atleast"), (("no", "less", "than"), "atleast"),
    (("not", "less", "than"), "atleast"), (("not", "fewer", "than"), "atleast"), (("a", "minimum", "of"), "atleast"),
    (("at", "a", "minimum"), "atleast"),
    (("more", "than"), "morethan"), (("over",), "morethan"), (("upwards", "of"), "morethan"),
    (("in", "excess", "of"), "morethan"), (("upward", "of"), "morethan"), (("above",), "morethan"),
    (("nearly",), "nearly"), (("almost",), "nearly"), (("close", "to"), "nearly"), (("just", "under"), "nearly"),
    (("nearing",), "nearly"), (("approaching",), "nearly"),
    (("up", "to"), "upto"), (("as", "many", "as"), "upto"), (("as", "much", "as"), "upto"), (("at", "most"), "upto"),
    (("a", "maximum", "of"), "upto"),
    (("fewer", "than"), "lessthan"), (("less", "than"), "lessthan"), (("under",), "lessthan"),
    (("about",), "about"), (("around",), "about"), (("approximately",), "about"), (("roughly",), "about"),
    (("some",), "about"), (("an", "estimated"), "about"), (("estimated",), "about"), (("approx",), "about"),
    (("circa",), "about"), (("nearly", "about"), "about"), (("just", "over"), "morethan"),
    (("well", "over"), "morethan"), (("more", "then"), "morethan"),
]
PREFIXES.sort(key=lambda p: -len(p[0]))
# words allowed to be skipped before a number after a prefix ("at least some 12" rare); none for now

TOKEN_RE = re.compile(r"\d[\d,.]*\d|\d|[A-Za-z]+(?:-[A-Za-z]+)*|[^\sA-Za-z\d]")
DIGITS_RE = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")


def _tokens(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in TOKEN_RE.finditer(text):
        s = m.group(0)
        # "12." at sentence end: strip trailing punctuation from digit tokens
        out.append((s, m.start(), m.end()))
    return out


def words_to_int(words: list[str]) -> Optional[int]:
    """["one", "hundred", "and", "twenty-one"] -> 121; None when not a well-formed number."""
    parts: list[str] = []
    for w in words:
        parts.extend(p for p in w.lower().split("-") if p)
    if not parts or parts[0] == "and" or parts[-1] == "and":
        return None
    total = 0
    current = 0
    last = None  # "unit" | "teen" | "tens" | "hundred" | "scale"
    for p in parts:
        if p == "and":
            if last not in ("hundred", "scale"):
                return None
            continue
        if p in UNITS:
            v = UNITS[p]
            if last in ("unit", "teen"):
                return None
            if last == "tens" and (v >= 10 or v == 0):
                return None
            current += v
            last = "teen" if v >= 10 else "unit"
        elif p in TENS:
            if last in ("unit", "teen", "tens"):
                return None
            current += TENS[p]
            last = "tens"
        elif p == "hundred":
            if last == "hundred" or current % 100 == 0 and current != 0 and current >= 100:
                return None
            current = (current or 1) * 100
            last = "hundred"
        elif p in SCALES:
            scale = SCALES[p]
            if current == 0:
                current = 1
            total += current * scale
            current = 0
            last = "scale"
        else:
            return None
    return total + current


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
         "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS_W = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def int_to_words(n: int) -> str:
    """121 -> "one hundred and twenty-one" (British style, as in wire copy). For tests and notes."""
    if n < 0:
        raise ValueError(n)
    if n < 20:
        return _ONES[n]
    if n < 100:
        t, u = divmod(n, 10)
        return _TENS_W[t] + ("-" + _ONES[u] if u else "")
    if n < 1000:
        h, r = divmod(n, 100)
        return _ONES[h] + " hundred" + (" and " + int_to_words(r) if r else "")
    for scale_v, scale_w in ((1_000_000_000, "billion"), (1_000_000, "million"), (1000, "thousand")):
        if n >= scale_v:
            q, r = divmod(n, scale_v)
            s = int_to_words(q) + " " + scale_w
            if r:
                s += (" and " if r < 100 else " ") + int_to_words(r)
            return s
    raise AssertionError


def _digit_value(s: str) -> Optional[Union[int, Fraction]]:
    """Exact value of a digit string ("1,200" -> 1200, "1.2" -> 6/5): floats would turn
    "10000000000000000000000000000" into 9999999999999999583119736832."""
    if not DIGITS_RE.match(s):
        return None
    s = s.replace(",", "")
    if len(s) > 40:  # past any count (and Python's int-parsing limit): a stand-in far beyond belief
        return 10 ** 40
    return Fraction(s) if "." in s else int(s)


class _Core:
    __slots__ = ("value", "low", "high", "vague", "end")

    def __init__(self, value, low, high, vague, end):
        self.value, self.low, self.high, self.vague, self.end = value, low, high, vague, end


_BY_FIRST: dict[int, dict[str, list[tuple[str, ...]]]] = {}
for _table in (VAGUE, FIXED):
    _idx: dict[str, list[tuple[str, ...]]] = {}
    for _words in sorted(_table, key=len, reverse=True):
        _idx.setdefault(_words[0], []).append(_words)
    _BY_FIRST[id(_table)] = _idx
_PREFIX_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str]]] = {}
for _words, _kind in PREFIXES:
    _PREFIX_BY_FIRST.setdefault(_words[0], []).append((_words, _kind))


def _match_words(lower: list[str], i: int, words: tuple[str, ...]) -> bool:
    return tuple(lower[i:i + len(words)]) == words


def _core(toks, lower, i) -> Optional[_Core]:
    """A bare number starting at token i (no qualifier)."""
    n = len(toks)
    if i >= n:
        return None
    # vague and fixed multiword expressions
    for table, is_vague in ((VAGUE, True), (FIXED, False)):
        for words in _BY_FIRST[id(table)].get(lower[i], ()):
            if _match_words(lower, i, words):
                if is_vague:
                    best, low, high = table[words]
                else:
                    best, low, high = table[words], None, None
                end = i + len(words)
                # "a couple of hundred", "a few hundred", "several thousand", "dozens of" -> skip "of"
                if is_vague and end < n and lower[end] in SCALES and words[-1] != "of":
                    mult = SCALES[lower[end]]
                    unit = {"a few": 3, "several": 3, "many": 3}.get(" ".join(words), 1)
                    return _Core(unit * mult, 2 * mult if unit > 1 else mult, None, True, end + 1)
                if not is_vague and end < n and lower[end] in ("hundred", "thousand", "million") \
                        and words in (("a", "couple", "of"),):
                    return _Core(2 * SCALES[lower[end]], None, None, False, end + 1)
                return _Core(best, low, high, is_vague, end)
    t = toks[i][0]
    dv = _digit_value(t)
    if dv is not None:
        end = i + 1
        # "1.2 million", "3 thousand", "2m"
        if end < n and lower[end] in SCALES:
            dv *= SCALES[lower[end]]
            end += 1
        elif end < n and lower[end] in SCALE_ABBR and toks[end][1] == toks[i][2]:
            dv *= SCALE_ABBR[lower[end]]
            end += 1
        return _Core(int(round(dv)), None, None, False, end)
    if lower[i] in NUMBER_WORDS or "-" in lower[i] and all(p in NUMBER_WORDS for p in lower[i].split("-")):
        # greedy: take the longest run of number words that parses
        j = i
        while j < n and (lower[j] in NUMBER_WORDS or lower[j] == "and"
                         or ("-" in lower[j] and all(p in NUMBER_WORDS for p in lower[j].split("-")))):
            j += 1
        for k in range(j, i, -1):
            v = words_to_int(lower[i:k])
            if v is not None:
                # "hundred"/"thousand" alone as a word: "hundred" without a count is vague-ish; keep value
                end = k
                # "a hundred" handled by FIXED; "one" as pronoun is left to the caller
                return _Core(v, None, None, False, end)
    return None


def _apply_prefix(kind: Optional[str], v: int):
    if kind is None:
        return v, None, None
    if kind == "atleast":
        return v, v, None
    if kind == "morethan":
        return v, v + 1, None
    if kind in ("nearly", "upto"):
        return v, None, v
    if kind == "lessthan":
        return max(v - 1, 0), None, max(v - 1, 0)
    if kind == "about":
        d = max(1, int(math.ceil(v * 0.1)))
        return v, max(v - d, 0), v + d
    raise ValueError(kind)


RANGE_WORDS = {"to", "-", "–", "—", "or", "and"}


def _scan(toks, lower, i) -> Optional[tuple[Quantity, int]]:
    """A quantity expression starting at token i: returns (Quantity, end token index)."""
    n = len(toks)
    start = i
    kind = None
    between = False
    for words, k in _PREFIX_BY_FIRST.get(lower[i], ()):
        if _match_words(lower, i, words):
            # "over" / "under" / "above" / "some" / "about" are prepositions/determiners too:
            # only a prefix when a number follows
            if _core(toks, lower, i + len(words)) is not None:
                kind = k
                i += len(words)
            break
    if kind is None and lower[i] in ("between", "from") and i + 1 < n:
        if _core(toks, lower, i + 1) is not None:
            between = lower[i] == "between"
            i += 1
            kind = "range_from" if not between else "range_between"
    core = _core(toks, lower, i)
    if core is None:
        return None
    end = core.end
    best, low, high, vague = core.value, core.low, core.high, core.vague
    if kind in ("range_from", "range_between"):
        kind_ok = False
        if end + 1 < n and lower[end] in (("and", "to", "-", "–") if between else ("to", "-", "–", "—")):
            c2 = _core(toks, lower, end + 1)
            if c2 is not None and c2.value >= best and not c2.vague:
                low, high, end = best, c2.value, c2.end
                kind_ok = True
        if not kind_ok:
            start = i  # "from 12" is not a quantity phrase: keep the bare number
            kind = None
    elif kind is not None and not vague:
        best, low, high = _apply_prefix(kind, best)
    elif kind is not None and vague:
        if kind == "morethan" or kind == "atleast":
            pass
        elif kind in ("nearly", "upto", "lessthan"):
            low = None
    else:
        # suffix: ranges and "or more"
        if end + 1 < n and not vague:
            sep = lower[end]
            if sep in ("to", "-", "–", "—", "or"):
                # the "-" must touch both numbers ("10-15") or be spaced; avoid "2011-2012"? years also ranges, fine
                c2 = _core(toks, lower, end + 1)
                if c2 is not None and not c2.vague and c2.value > best and (sep != "or" or c2.value <= best * 3 + 2):
                    low, high, end = best, c2.value, c2.end
                elif sep == "or" and end + 1 < n and lower[end + 1] in ("more", "so"):
                    low = best if lower[end + 1] == "more" else None
                    if lower[end + 1] == "so":
                        d = max(1, int(math.ceil(best * 0.1)))
                        low, high = max(best - d, 0), best + d
                    end += 2
            elif sep == "plus" or sep == "+":
                low, end = best, end + 1
    if low is not None and low > best:
        if not vague and kind not in ("morethan",):
            low = best
    if high is not None and high < best:
        high = best
    text_start = toks[start][1]
    text_end = toks[end - 1][2]
    return Quantity(text="", start=text_start, end=text_end, best=int(best), low=low, high=high, vague=vague), end


def find_quantities(text: str) -> list[Quantity]:
    """All number expressions in ``text``, left to right, with character offsets into ``text``."""
    toks = _tokens(text)
    lower = [t[0].lower() for t in toks]
    out: list[Quantity] = []
    i = 0
    n = len(toks)
    while i < n:
        w = lower[i]
        first = w[0]
        if not (first.isdigit() or w in _STARTERS or "-" in w and w.split("-")[0] in NUMBER_WORDS):
            i += 1
            continue
        r = _scan(toks, lower, i)
        if r is None:
            i += 1
            continue
        q, end = r
        out.append(Quantity(text=text[q.start:q.end], start=q.start, end=q.end, best=q.best, low=q.low,
                            high=q.high, vague=q.vague))
        i = end
    return out


_STARTERS = (NUMBER_WORDS | {w[0] for w in VAGUE} | {w[0] for w in FIXED} | {p[0][0] for p in PREFIXES}
             | {"between", "from"})


def parse_quantity(text: str) -> Optional[Quantity]:
    """Parse one number expression ("more than 12", "dozens", "1.2 million"); None if the text
    holds no number. When the text holds several, the first is returned."""
    qs = find_quantities(text)
    return qs[0] if qs else None
