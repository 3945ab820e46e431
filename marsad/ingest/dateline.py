"""Datelines and publication stamps at the start of an article.

``find_dateline(text) -> (datetime.date, Span) | None`` looks at the head of an article (the first
``HEAD_CHARS`` characters) for a full calendar date that reads like a stamp rather than like an
event date in a sentence:

    "Wed 05 Apr 2017", "Published June 4 2016", "Date of publication 14 August 2016",
    "12 February 2015", "Monday, April 11, 2016", "2016-06-04", "09-06-2016", "07.07.2015",
    "... Monitor AFP Sunday 9 Oct 2016 ...", "Last updated at Jun 18 2016"

Bulletins of monitoring services (translated broadcasts and wires) open with a header of place,
date with a two-digit year, source in brackets and two dashes: ``"SAN SALVADOR, 17 NOV 89 (RADIO
CADENA YSU) --"``. :func:`find_bulletin_header` reads it (place, date or "NO DATE", source) and
:func:`find_dateline` takes its date first.

Choices:
* The year must be stated. "DAMASCUS, Feb 9 (Reuters) -" has no year; since the publication
  date is what relative dates are resolved against, guessing its year would silently shift every
  date of the article, so we return None (the caller reports relative dates unresolved).
  When such a dateline has a year in the next few words ("Feb 9, 2018 (Reuters)") it is used.
* A date preceded by a preposition ("on 6 May 2020", "since", "until", "between") is an event
  date inside a sentence, not a stamp, and is skipped; so are spans ("3-5 March 2016").
* The earliest qualifying date in the head wins; a "Published"/"Updated"/"Date of publication"
  label anywhere in the head is preferred over an unlabelled date.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional

from marsad.records import Span
from marsad.time.resolve import find_dates

__all__ = ["find_dateline", "find_bulletin_header", "BulletinHeader", "HEAD_CHARS"]

HEAD_CHARS = 240
_PREP_BEFORE = re.compile(r"\b(?:on|since|from|until|till|between|and|to|before|after|by|during|in|of|"
                          r"early|late|mid|through|as|around|about|approximately|circa|reported|week\s+of)\s*$", re.I)
_LABEL_BEFORE = re.compile(r"(?:published|updated|posted|publication|date|dated|last\s+modified|modified|"
                           r"first\s+published|released)\s*(?:on|at|:)?\s*[:\-–]?\s*$", re.I)
_LABEL_ANY = re.compile(r"\b(?:published|updated|posted|date\s+of\s+publication)\b", re.I)
# "Jun 182016" (FA-KES scraping glitch: day and year run together)
_GLUED = re.compile(r"\b(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+"
                    r"(?P<day>[0-3]?\d)(?P<year>(?:19|20)\d\d)\b")
_MON = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                    "nov", "dec"], start=1)}


# "SAN SALVADOR, 17 NOV 89 (RADIO CADENA YSU) --", "MEXICO CITY (MEXICO), 12 JAN 90 (DPA) --",
# "TEGUCIGALPA, 7 FEB 89 --", "SAN SALVADOR, NO DATE (RADIO CADENA YSU) --"
_BULLETIN = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'\-]{1,40}?(?:\s*\([A-Za-z .'\-]{2,30}\))?),\s+"
    r"(?:(?P<day>[0-3]?\d)\s+(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<year>\d{2}|\d{4})|(?P<nodate>NO DATE|[Nn]o [Dd]ate))"
    r"(?:\s*\((?P<source>[^()\n]{2,60})\))?\s*(?:--|\u2014|\u2013)")


@dataclass(frozen=True)
class BulletinHeader:
    """The header of a bulletin: where it was filed, when (None for "NO DATE") and who broadcast it."""

    place: Span
    date: Optional[dt.date]
    date_span: Optional[Span]
    source: Optional[str]
    span: Span  # the whole header, up to and including the dashes


def _bulletin_year(y: str, today: Optional[dt.date] = None) -> int:
    """Two-digit years are read as the latest year not after next year ("89" -> 1989, "17" -> 2017)."""
    if len(y) == 4:
        return int(y)
    now = (today or dt.date.today()).year
    year = now - now % 100 + int(y)
    return year - 100 if year > now + 1 else year


def find_bulletin_header(text: str) -> Optional[BulletinHeader]:
    """The "PLACE, D MON YY (SOURCE) --" header at the start of ``text``, or None."""
    m = _BULLETIN.match(text[:HEAD_CHARS]) if text else None
    if m is None:
        return None
    date = date_span = None
    if m.group("mon"):
        mon = _MON.get(m.group("mon")[:3].lower())
        if mon is None:
            return None
        try:
            date = dt.date(_bulletin_year(m.group("year")), mon, int(m.group("day")))
        except ValueError:
            return None
        date_span = Span(m.start("day"), m.end("year"), m.group(0)[m.start("day") - m.start():m.end("year") - m.start()])
    source = " ".join(m.group("source").split()) if m.group("source") else None
    place = Span(m.start("place"), m.end("place"), m.group("place"))
    return BulletinHeader(place, date, date_span, source, Span(m.start("place"), m.end(), text[m.start("place"):m.end()]))


def find_dateline(text: str) -> Optional[tuple[dt.date, Span]]:
    """The publication date stamped at the start of ``text`` and where it is, or None."""
    if not text:
        return None
    bulletin = find_bulletin_header(text)
    if bulletin is not None and bulletin.date is not None:
        return bulletin.date, bulletin.date_span
    head = text[:HEAD_CHARS]
    best = None
    for d in find_dates(head, None):
        if d.kind != "point" or d.precision != 1 or d.date is None:
            continue
        # a full date stated with its year (find_dates resolves only those when pub is None)
        before = head[max(0, d.start - 40):d.start]
        labelled = bool(_LABEL_BEFORE.search(before))
        if not labelled and _PREP_BEFORE.search(before):
            continue
        try:
            date = dt.date.fromisoformat(d.date)
        except ValueError:
            continue
        cand = (0 if labelled else 1, d.start, date, Span(d.start, d.end, d.text))
        if best is None or cand[:2] < best[:2]:
            best = cand
    if best is None:
        m = _GLUED.search(head)
        if m and _LABEL_ANY.search(head[:m.start()]):
            try:
                date = dt.date(int(m.group("year")), _MON[m.group("mon").lower()], int(m.group("day")))
                return date, Span(m.start(), m.end(), m.group(0))
            except ValueError:
                return None
        return None
    return best[2], best[3]
