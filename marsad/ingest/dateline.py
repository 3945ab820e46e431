"""Datelines and publication stamps at the start of an article.

``find_dateline(text) -> (datetime.date, Span) | None`` looks at the head of an article (the first
``HEAD_CHARS`` characters) for a full calendar date that reads like a stamp rather than like an
event date in a sentence:

    "Wed 05 Apr 2017", "Published June 4 2016", "Date of publication 14 August 2016",
    "12 February 2015", "Monday, April 11, 2016", "2016-06-04", "09-06-2016", "07.07.2015",
    "... Monitor AFP Sunday 9 Oct 2016 ...", "Last updated at Jun 18 2016"

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
from typing import Optional

from marsad.records import Span
from marsad.time.resolve import find_dates

__all__ = ["find_dateline", "HEAD_CHARS"]

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


def find_dateline(text: str) -> Optional[tuple[dt.date, Span]]:
    """The publication date stamped at the start of ``text`` and where it is, or None."""
    if not text:
        return None
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
