"""Temporal expressions in news text, resolved against the publication date.

``find_dates(doc, pub_date)`` scans the document text (a spaCy ``Doc`` or a plain ``str``) and
returns :class:`~marsad.records.DateExpr` records with character offsets. Resolution rules:

* Weekdays ("on Friday", "Friday's attack", "killed Thursday") -> the most recent such day ON OR
  BEFORE the publication date (a same-day weekday is the publication date itself); "last Friday"
  -> strictly before the publication date; "next Friday" / "coming Friday" -> strictly after.
  "this Friday" is read like a bare weekday (news reports the past far more than the future).
* "today", "this morning", "tonight", "earlier today" -> pub date. "yesterday" -> pub - 1.
* "overnight", "last night", "late on Thursday night": the night before publication. We code the
  night by its EARLIER calendar day (pub - 1, precision 1), as ACLED does for events that start
  in the evening: the attack "overnight" in a Friday paper began on Thursday. "overnight Thursday"
  -> Thursday.
* "at/over the weekend" -> the most recent Saturday-Sunday that starts before the publication
  date (precision 2, span); end clamped to the pub date.
* "this week"/"earlier this week" -> Monday of pub week .. pub (precision 2); "last week" -> the
  previous Monday-Sunday (precision 2); "this month"/"earlier this month" -> 1st .. pub
  (precision 3); "last month" -> previous calendar month (precision 3).
* "in the past/last N days|weeks|hours" -> pub-(N-1) .. pub for days (precision 2, kind
  "duration"); "N days ago" -> a point.
* Explicit dates ("January 20", "20 January", "Jan. 20", "9 May 2020", "May 9, 2020",
  "2018-02-09", "09.06.2016", "09-06-2016") -> the date; a missing year is inferred as the latest
  year that does not put the date after the publication date (never in the future).
* Months ("in March 2017", "in March") -> first of the month, precision 3, kind "span".
* "since <date>" -> a "duration" from the date to the pub date. "between 3 and 5 March" -> span.
* Years alone ("in 2011", "since 2011") -> span Jan 1 .. Dec 31 (or .. pub for "since"),
  precision 3.

With ``pub_date`` None, relative expressions keep their text but get ``date=None``; explicit
dates that state their year still resolve.

dateparser is not used: it resolves "on March 3" to the future.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Optional, Union

from marsad.records import DateExpr
from marsad.parse.doctext import doc_text

__all__ = ["find_dates", "resolve_expression", "explicit_date_spans", "invalid_dates", "MONTHS", "WEEKDAYS", "infer_year", "DATE_PATTERNS"]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
NUMWORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14,
            "fifteen": 15, "twenty": 20, "thirty": 30, "several": None, "few": None, "couple": 2}

_MONTH_NAMES = "January February March April May June July August September October November December".split()
_ABBRS = "Jan Feb Mar Apr Jun Jul Aug Sept Sep Oct Nov Dec".split()
# Capitalised or upper case (month patterns are case-sensitive: "may" the verb is not a month, and
# case-sensitive patterns are several times faster)
_MONTH_FULL = "(?:" + "|".join(m for n in _MONTH_NAMES for m in (n, n.upper())) + ")"
_MONTH_ABBR = "(?:" + "|".join(m for n in _ABBRS for m in (n, n.upper())) + ")"
MONTH = rf"(?P<mon>{_MONTH_FULL}|{_MONTH_ABBR}\.?)"
MONTH2 = rf"(?P<mon2>{_MONTH_FULL}|{_MONTH_ABBR}\.?)"
_WD_FULL = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WD_ABBR = r"(?:Mon|Tues|Tue|Wed|Thurs|Thur|Thu|Fri|Sat|Sun)"
WDP = rf"(?:(?:{_WD_FULL}|{_WD_ABBR})\.?,?\s+(?:the\s+)?)?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
DAY2 = r"(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUMW = r"(?P<n>\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty|thirty|several|few|couple(?: of)?)"

# (name, compiled regex). Order = priority; matches may not overlap (first wins, then longest).
DATE_PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("dmy_num", re.compile(r"(?<![\d.])(?P<day>[0-3]?\d)[./-](?P<m>[01]?\d)[./-](?P<year>(?:19|20)\d\d)(?!\d)")),
    ("range_dm", re.compile(rf"\b(?:(?P<pre>[Bb]etween|[Ff]rom|BETWEEN|FROM)\s+)?{DAY}\s*(?:-|–|to|and|TO|AND)\s*{DAY2}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?\b")),
    ("range_md", re.compile(rf"\b(?:(?P<pre>[Bb]etween|[Ff]rom|BETWEEN|FROM)\s+)?{MONTH}\s+{DAY}\s*(?:-|–|to|and|TO|AND)\s*{DAY2}(?:,?\s+{YEAR})?\b")),
    ("dmy", re.compile(rf"\b{WDP}{DAY}\s+(?:of\s+)?{MONTH},?(?:\s+{YEAR})?\b")),
    ("mdy", re.compile(rf"\b{WDP}{MONTH}\s+{DAY}(?!\d)(?:(?:,\s*|\s+|(?=(?:19|20)\d\d)){YEAR})?\b(?!:)")),
    ("month_year", re.compile(rf"\b{MONTH}(?:,)?\s+{YEAR}\b")),
    ("past_n", re.compile(rf"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:{_NUMW}\s+)?(?P<unit>days?|weeks?|hours?|months?)\b", re.I)),
    ("ago", re.compile(rf"\b{_NUMW}\s+(?P<unit>days?|weeks?|months?)\s+ago\b", re.I)),
    ("day_before_yesterday", re.compile(r"\b(?:the\s+)?day\s+before\s+yesterday\b", re.I)),
    ("weekday_night", re.compile(rf"\b(?:(?:late|early)\s+)?(?:on\s+)?(?P<wd>{_WD_FULL})\s+(?:night|evening)\b", re.I)),
    ("overnight_wd", re.compile(rf"\bovernight\s+(?:on\s+)?(?P<wd>{_WD_FULL})(?:\s+to\s+{_WD_FULL})?\b", re.I)),
    ("weekday", re.compile(rf"\b(?:(?P<rel>last|next|this|past|coming|previous|early|late|on)\s+)?(?:(?:early|late)\s+)?(?:on\s+)?(?P<wd>{_WD_FULL})(?:'s)?\b(?:\s+(?:morning|afternoon|evening|night))?", re.I)),
    ("today", re.compile(r"\b(?:earlier\s+|later\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)),
    ("yesterday", re.compile(r"\byesterday(?:\s+(?:morning|afternoon|evening))?\b", re.I)),
    ("overnight", re.compile(r"\b(?:overnight|last\s+night|late\s+last\s+night|during\s+the\s+night|at\s+dawn\s+today)\b", re.I)),
    ("weekend", re.compile(r"\b(?:at|over|during|on)\s+the\s+(?P<which>last\s+|past\s+)?weekend\b|\blast\s+weekend\b|\bthis\s+weekend\b", re.I)),
    ("this_week", re.compile(r"\b(?:earlier\s+|later\s+)?this\s+week\b", re.I)),
    ("last_week", re.compile(r"\b(?:last|past|previous)\s+week\b", re.I)),
    ("this_month", re.compile(r"\b(?:earlier\s+|later\s+)?this\s+month\b", re.I)),
    ("last_month", re.compile(r"\b(?:last|past|previous)\s+month\b", re.I)),
    ("month", re.compile(rf"\b(?P<prep>in|since|during|early|late|mid|mid-|end\s+of|beginning\s+of|start\s+of)\s*(?:-\s*)?{MONTH}(?![a-z])", re.I)),
    ("year", re.compile(r"\b(?P<prep>in|since|during|of|early|late|mid|until|before|after|from)\s+(?P<year>(?:19|20)\d\d)\b"
                        r"(?!-\d)(?!\s+(?:people|persons|civilians|fighters|soldiers|troops|men|women|children|"
                        r"refugees|families|homes|houses|buildings|km|kilomet|met|dollars|euros|tons|tonnes|residents|"
                        r"members|militants|rebels|others|more|and\s+\d))", re.I)),
]

# cheap prefilters: a pattern runs only when one of its words occurs in the lowercased text
_MONTH_WORDS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WD_WORDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PREFILTER: dict[str, tuple[str, ...]] = {
    "iso": ("-",), "dmy_num": ("-", ".", "/"), "range_dm": _MONTH_WORDS, "range_md": _MONTH_WORDS,
    "dmy": _MONTH_WORDS, "mdy": _MONTH_WORDS, "month_year": _MONTH_WORDS, "past_n": ("past", "last", "previous"),
    "ago": ("ago",), "day_before_yesterday": ("yesterday",), "weekday_night": ("night", "evening"),
    "overnight_wd": ("overnight",), "weekday": _WD_WORDS, "today": ("today", "tonight", "this "),
    "yesterday": ("yesterday",), "overnight": ("night", "dawn"), "weekend": ("weekend",),
    "this_week": ("week",), "last_week": ("week",), "this_month": ("month",), "last_month": ("month",),
    "month": _MONTH_WORDS, "year": ("19", "20"),
}
EXPLICIT = ("iso", "dmy_num", "range_dm", "range_md", "dmy", "mdy", "month_year")


def explicit_date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of calendar dates written out ("9 May 2020", "Jan. 20", "2018-02-09"); no
    resolution. Used by the counts stage to keep day numbers and years out of casualty figures."""
    low = text.lower()
    out = []
    for name, rx in DATE_PATTERNS:
        if name in EXPLICIT and any(w in low for w in _PREFILTER[name]):
            out.extend((m.start(), m.end()) for m in rx.finditer(text))
    return out


_DAYED = ("iso", "dmy_num", "range_dm", "range_md", "dmy", "mdy")


def invalid_dates(text: str) -> list[tuple[int, int, str, str]]:
    """Calendar dates written out that do not exist ("31 February 2018", "April 31", "2019-02-29"):
    (start, end, words, why). They are never resolved as days (:func:`find_dates` skips them and
    at most reads their month or year); the pipeline reports them in ``warnings``.

    Only days 1-31 of a named or numbered month 1-12 are judged: "0 March" or "45 May" are not
    dates at all. A numeric date whose day and month may be swapped ("31.02.2018") is judged in
    both orders and reported only when neither exists. Without a year, 29 February exists."""
    low = text.lower()
    out: list[tuple[int, int, str, str]] = []
    for name, rx in DATE_PATTERNS:
        if name not in _DAYED or not any(w in low for w in _PREFILTER[name]):
            continue
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e, _, _ in out):
                continue
            g = m.groupdict()
            mon = int(g["m"]) if g.get("m") else _month_num(g["mon"])
            year = int(g["year"]) if g.get("year") else None
            if name == "mdy" and g["mon"].lower().rstrip(".") == "may" and not g["mon"][0].isupper():
                continue
            for day in (int(g["day"]), int(g["day2"]) if g.get("day2") else None):
                if day is None or not 1 <= day <= 31 or not 1 <= mon <= 12:
                    continue
                last = calendar.monthrange(year or 2000, mon)[1]  # 2000 is a leap year: 29 February exists
                if day <= last:
                    continue
                if name == "dmy_num" and day <= 12 and _safe_date(year or 2000, day, mon) is not None:
                    continue  # may be month/day
                when = f"{_MONTH_NAMES[mon - 1]} {year}" if year else _MONTH_NAMES[mon - 1]
                out.append((m.start(), m.end(), m.group(0), f"{when} has {last} days"))
                break
    out.sort()
    return out


_SINCE_RE = re.compile(r"\b(?:since|starting|from)\s+(?:(?:the\s+)?(?:beginning|start)\s+of\s+)?$", re.I)


def _d(x: Optional[dt.date]) -> Optional[str]:
    return x.isoformat() if x else None


def _month_num(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def infer_year(month: int, day: int, pub: dt.date) -> Optional[int]:
    """The latest year that puts month/day on or before ``pub`` (never in the future)."""
    for y in range(pub.year, pub.year - 9, -1):  # 29 February may need a few years back
        try:
            if dt.date(y, month, day) <= pub:
                return y
        except ValueError:
            continue
    return None


def _safe_date(y, m, d) -> Optional[dt.date]:
    try:
        return dt.date(int(y), int(m), int(d))
    except (ValueError, TypeError):
        return None


def _num(s: Optional[str]) -> Optional[int]:
    if s is None:
        return 1
    s = s.lower().replace(" of", "")
    if s.isdigit():
        return int(s)
    return NUMWORDS.get(s)


def _weekday_on_or_before(pub: dt.date, wd: int) -> dt.date:
    return pub - dt.timedelta(days=(pub.weekday() - wd) % 7)


def _month_end(y: int, m: int) -> dt.date:
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def _resolve(name: str, m: re.Match, pub: Optional[dt.date], text: str):
    """-> (date, date_end, precision, kind) or None when the match is not a date."""
    g = m.groupdict()
    before = text[max(0, m.start() - 40):m.start()]
    since = bool(_SINCE_RE.search(before))
    if name in ("iso", "dmy_num"):
        d = _safe_date(g["year"], g["m"], g["day"])
        if d is None:
            return None
        if since and pub and d <= pub:
            return d, pub, 2 if (pub - d).days <= 7 else 3, "duration"
        return d, None, 1, "point"
    if name in ("dmy", "mdy"):
        mon = _month_num(g["mon"])
        day = int(g["day"])
        if not 1 <= day <= 31:
            return None
        if name == "mdy" and g["mon"].lower().rstrip(".") == "may" and not g.get("year"):
            # "May 5" vs modal "may": require a capital M
            if not g["mon"][0].isupper():
                return None
        if g.get("year"):
            d = _safe_date(g["year"], mon, day)
        elif pub is not None:
            y = infer_year(mon, day, pub)
            d = _safe_date(y, mon, day) if y else None
        else:
            if not _calendar_ok(mon, day):
                return None
            return (None, None, 2, "duration") if since else (None, None, 1, "point")
        if d is None:
            return None
        if since and pub and d <= pub:
            return d, pub, 2 if (pub - d).days <= 7 else 3, "duration"
        return d, None, 1, "point"
    if name in ("range_dm", "range_md"):
        mon = _month_num(g["mon"])
        d1, d2 = int(g["day"]), int(g["day2"])
        if not (1 <= d1 < d2 <= 31):
            return None
        if g.get("year"):
            y = int(g["year"])
        elif pub is not None:
            y = infer_year(mon, d1, pub)
        else:
            return None, None, 2, "span"
        a, b = _safe_date(y, mon, d1), _safe_date(y, mon, d2)
        if a is None or b is None:
            return None
        return a, b, 1 if a == b else 2, "span"
    if name == "month_year":
        mon = _month_num(g["mon"])
        y = int(g["year"])
        if since and pub:
            return dt.date(y, mon, 1), pub, 3, "duration"
        return dt.date(y, mon, 1), _month_end(y, mon), 3, "span"
    if name == "month":
        if not g["mon"][0].isupper():  # "protesters march", "they may": not months
            return None
        mon = _month_num(g["mon"])
        if pub is None:
            return None, None, 3, "span"
        y = pub.year if mon <= pub.month else pub.year - 1
        if g["prep"].lower() == "since":
            return dt.date(y, mon, 1), pub, 3, "duration"
        return dt.date(y, mon, 1), min(_month_end(y, mon), pub), 3, "span"
    if name == "year":
        y = int(g["year"])
        if pub is not None and y > pub.year:
            return None
        prep = g["prep"].lower()
        if prep in ("since", "from"):
            return dt.date(y, 1, 1), pub, 3, "duration"
        if prep in ("until", "before", "after"):
            return None
        end = dt.date(y, 12, 31)
        if pub is not None and end > pub:
            end = pub
        return dt.date(y, 1, 1), end, 3, "span"
    # ---- relative expressions: need the pub date
    if name == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        rel = (g.get("rel") or "").lower()
        if pub is None:
            return None, None, 1, "point"
        if rel in ("next", "coming"):
            d = pub + dt.timedelta(days=((wd - pub.weekday() - 1) % 7) + 1)
        elif rel in ("last", "past", "previous"):
            d = pub - dt.timedelta(days=((pub.weekday() - wd - 1) % 7) + 1)
        else:
            d = _weekday_on_or_before(pub, wd)
        return d, None, 1, "point"
    if name == "weekday_night":
        wd = WEEKDAYS[g["wd"].lower()]
        return (_weekday_on_or_before(pub, wd) if pub else None), None, 1, "point"
    if name == "overnight_wd":
        wd = WEEKDAYS[g["wd"].lower()]
        return (_weekday_on_or_before(pub, wd) if pub else None), None, 1, "point"
    if pub is None:
        prec = {"weekend": 2, "this_week": 2, "last_week": 2, "this_month": 3, "last_month": 3,
                "past_n": 2}.get(name, 1)
        kind = "duration" if name == "past_n" else ("span" if prec > 1 else "point")
        return None, None, prec, kind
    if name == "today":
        return pub, None, 1, "point"
    if name in ("yesterday", "overnight"):
        return pub - dt.timedelta(days=1), None, 1, "point"
    if name == "day_before_yesterday":
        return pub - dt.timedelta(days=2), None, 1, "point"
    if name == "weekend":
        # the most recent Saturday strictly before pub (a Sunday paper's "weekend" began yesterday)
        sat = pub - dt.timedelta(days=((pub.weekday() - 5 - 1) % 7) + 1)
        return sat, min(sat + dt.timedelta(days=1), pub), 2, "span"
    if name == "this_week":
        mon = pub - dt.timedelta(days=pub.weekday())
        return mon, pub, 2, "span"
    if name == "last_week":
        mon = pub - dt.timedelta(days=pub.weekday() + 7)
        return mon, mon + dt.timedelta(days=6), 2, "span"
    if name == "this_month":
        return pub.replace(day=1), pub, 3, "span"
    if name == "last_month":
        last = pub.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last, 3, "span"
    if name == "past_n":
        n = _num(g.get("n"))
        if n is None:
            return None, None, 2, "duration"
        unit = g["unit"].lower().rstrip("s")
        if unit == "hour":  # "the past 24 hours" reaches into the day before: pub-1 .. pub
            days = -(-n // 24) + 1 if n >= 24 else 1
        else:
            days = {"day": n, "week": 7 * n, "month": 30 * n}[unit]
        start = pub - dt.timedelta(days=days - 1)
        return start, pub, 2 if days <= 7 else 3, "duration"
    if name == "ago":
        n = _num(g.get("n"))
        if n is None:
            return None, None, 2, "point"
        unit = g["unit"].lower().rstrip("s")
        if unit == "day":
            return pub - dt.timedelta(days=n), None, 1, "point"
        if unit == "week":
            d = pub - dt.timedelta(days=7 * n)
            return d, None, 2, "point"
        y, mth = pub.year, pub.month - n
        while mth <= 0:
            mth += 12
            y -= 1
        return dt.date(y, mth, 1), _month_end(y, mth), 3, "span"
    return None


def _calendar_ok(mon: int, day: int) -> bool:
    return _safe_date(2000, mon, day) is not None


def _as_date(pub) -> Optional[dt.date]:
    if pub is None:
        return None
    if isinstance(pub, dt.datetime):
        return pub.date()
    if isinstance(pub, dt.date):
        return pub
    if isinstance(pub, str):
        try:
            return dt.date.fromisoformat(pub[:10])
        except ValueError:
            return None
    return None


def find_dates(doc, pub_date: Union[dt.date, str, None]) -> list[DateExpr]:
    """Temporal expressions of ``doc`` (spaCy Doc or str), resolved against ``pub_date``.

    Returned in text order, never overlapping. ``date`` is None when the expression could not be
    resolved (relative expression and no publication date)."""
    text = doc if isinstance(doc, str) else doc_text(doc)
    pub = _as_date(pub_date)
    found: list[tuple[int, int, str, re.Match]] = []
    low = text.lower()
    for prio, (name, rx) in enumerate(DATE_PATTERNS):
        if not any(w in low for w in _PREFILTER[name]):
            continue
        for m in rx.finditer(text):
            found.append((m.start(), m.end(), prio, name, m))
    # choose: earlier priority first, then longer; no overlaps
    found.sort(key=lambda f: (f[2], -(f[1] - f[0]), f[0]))
    taken: list[tuple[int, int]] = []
    out: list[DateExpr] = []
    for s, e, _prio, name, m in found:
        if any(s < te and ts < e for ts, te in taken):
            continue
        r = _resolve(name, m, pub, text)
        if r is None:
            continue
        d, d_end, prec, kind = r
        taken.append((s, e))
        out.append(DateExpr(text=text[s:e], start=s, end=e, date=_d(d), date_end=_d(d_end),
                            precision=prec, kind=kind))
    out.sort(key=lambda x: x.start)
    return out


def resolve_expression(text: str, pub_date: Union[dt.date, str, None]) -> Optional[DateExpr]:
    """Resolve one temporal expression ("on Friday", "9 May 2020"): the longest expression
    found in ``text`` (offsets relative to ``text``), or None."""
    found = find_dates(text, pub_date)
    if not found:
        return None
    return max(found, key=lambda x: (x.end - x.start, -x.start))
