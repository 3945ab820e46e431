"""A toll told of "the attack" is the toll of the attack the report has already told.

A definite description ("the attack", "the strikes", "the mosque strike", "the blast") names an
incident the reader already knows: "An air strike hit a market in X on Tuesday ... The monitor said
the attack killed at least 58 people ... The opposition coalition said the attack killed more than
100". Each such figure is one more report of the incident the text told last, not another incident,
whatever place or source its own sentence names ("as they were entering Turkey", "the UK-based
monitor"). Reports that differ are conflicting reports: ACLED codes the most conservative figure,
unless the sentence updates a toll ("rose to", "updating"), when the update is coded.

The incident told last must already have a figure: a description's figure is then a second report
of its toll (a figure-less incident is left to the other rules of within.py). The description must
fit the incident ("the strike" names no chemical attack, "the blast" no air raid), and no sentence
told between the two may name another day ("a March 16 air strike ..."), which may have introduced
the incident the description names.

Not an anaphor: a description that carries its own day ("the March 16 strike") or opens another
incident ("in a separate attack", "elsewhere"), and "the attacks" of a period ("since", "this year"),
which are tolls and never reach here.
"""
from __future__ import annotations

import re
from typing import Optional

from marsad.records import Event

_NOUN = (r"(?:air\s*)?strikes?|airstrikes?|air\s*raids?|raids?|attacks?|bombings?|bombardment|shelling|"
         r"explosions?|blasts?|massacre|assault|ambush|bombing\s+raids?")
_MONTHS = r"january|february|march|april|may|june|july|august|september|october|november|december"
# "the attack", "the mosque strike", "the Russian air strike", "that bombing": up to two modifiers
# written in letters (a digit or a month is a day of its own: "the March 16 strike")
_DEFINITE = re.compile(r"\b(?:the|that|this|these|those)\s+((?:[A-Za-z][\w'-]*\s+){0,2}?)(?:%s)\b" % _NOUN, re.I)
_DEATH = re.compile(r"\b(?:kill(?:s|ed|ing)?|dead|deaths?|died|lives|death\s+toll|toll)\b", re.I)
# "after the attack, gunmen killed five": the description dates another clause, it is not its subject
_BEFORE = re.compile(r"\b(?:after|before|since|following|until|like|to|ahead\s+of|days?\s+of|weeks?\s+of)\s+$", re.I)
_UPDATE = re.compile(r"\b(?:rose|risen|rising|climbed|increased|updat(?:e|ed|ing)|revised|new\s+toll)\b", re.I)
# an opener that tells another incident, even before a definite description ("In a separate attack")
_ELSEWHERE = re.compile(r"^\W*(?:elsewhere|separately|in\s+(?:a\s+)?separate|in\s+another|"
                        r"in\s+a\s+(?:second|similar|new)|another)\b", re.I)
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_FACTUAL = ("asserted", "claimed", "alleged")


# modifiers that judge or locate in time rather than say what the incident was: "the deadly attack",
# "the overnight strikes" may name any incident told; "the mosque strike", "the chemical attack" only one
# whose telling says so
_EVALUATIVE = frozenset(("deadly", "horrific", "brutal", "terrible", "bloody", "suspected", "alleged", "reported",
                         "apparent", "recent", "overnight", "same", "twin", "double", "latest", "morning",
                         "evening", "night", "weekend", "devastating", "massive", "heavy", "fatal", "of", "a"))


def anaphoric(e: Event) -> bool:
    """Does the mention give its figure for "the attack" (an incident already told)?"""
    return description(e) is not None


def description(e: Event) -> Optional[tuple[str, ...]]:
    """The content words of the definite description under which the mention gives its figure for
    an incident already told ("the mosque strike" -> ("mosque",); "the attack" -> ()), or None when
    the mention is no such anaphor."""
    if not e.evidence or not (e.fatalities or e.fatalities_low):
        return None
    said = e.evidence[0].text
    if _ELSEWHERE.match(said):
        return None
    for m in _DEFINITE.finditer(said):
        if _BEFORE.search(said[:m.start()]):
            continue  # "after the attack": another moment, not this incident's toll
        mods = m.group(1).lower().split()
        if any(w in _MONTHS.split("|") or w in ("same", "other", "another", "latest", "first", "second", "new")
               for w in mods):
            continue  # "the same attack" is fine too, but "the other/second/latest attack" is not this one
        if _DEATH.search(said):
            return tuple(w for w in mods if w not in _EVALUATIVE)
    return None


def _stem(w: str) -> str:
    return re.sub(r"(?:'s|s)$", "", w.lower())[:6]


def told_as(m: Event, words: tuple[str, ...]) -> bool:
    """Was ``m`` told with the description's content words ("the mosque strike" needs a mosque in
    its telling, "the Russian strike" Russia or Russians; the first letters of a word suffice)?"""
    if not words:
        return True
    told = " ".join(s.text for s in m.evidence).lower()
    prefixes = {_stem(w)[:5] for w in re.findall(r"[a-z][\w'-]*", told)}
    return all(_stem(w)[:5] in prefixes for w in words)


# what a description can name: "the strike" is no chemical attack or bombing, "the blast" no air raid
_AIR = re.compile(r"^(?:(?:air\s*)?strikes?|airstrikes?|air\s*raids?|raids?|bombing\s+raids?|bombardment|shelling)$", re.I)
_BLAST = re.compile(r"^(?:explosions?|blasts?|bombings?)$", re.I)
_FITS_AIR = {"Air/drone strike", "Shelling/artillery/missile attack", "Attack", "Armed clash", None}
_FITS_BLAST = {"Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Attack", "Air/drone strike",
               "Shelling/artillery/missile attack", None}
# a sentence told between the two that names another day ("a March 16 air strike that killed dozens",
# "at the time", "last month") may have introduced the incident the description names
_OTHER_DAY = re.compile(r"\b(?:(?:january|february|march|april|may|june|july|august|september|october|november|"
                        r"december)\s+\d{1,2}\b|\d{1,2}\s+(?:january|february|march|april|may|june|july|august|"
                        r"september|october|november|december)\b|last\s+(?:week|month|year)|at\s+the\s+time|"
                        r"earlier\s+this\s+(?:week|month|year)|(?:19|20)\d\d\b)", re.I)


def _noun(e: Event) -> str:
    said = e.evidence[0].text
    for m in _DEFINITE.finditer(said):
        return said[m.start():m.end()].split()[-1]
    return ""


def fits(description: Event, incident: Event) -> bool:
    """Can the description ("the strike", "the blast", "the attack") name the incident?"""
    noun = _noun(description)
    if _AIR.match(noun):
        return incident.sub_event_type in _FITS_AIR
    if _BLAST.match(noun):
        return incident.sub_event_type in _FITS_BLAST
    return True


def another_day_between(events: list[Event], a: Event, e: Event) -> bool:
    lo = max((s.start for s in a.evidence if s.start < e.evidence[0].start), default=-1)
    hi = e.evidence[0].start
    return any(lo < s.start < hi and _OTHER_DAY.search(s.text) for x in events for s in x.evidence)


def is_update(e: Event) -> bool:
    return bool(e.evidence) and bool(_UPDATE.search(e.evidence[0].text))


# "the explosion also killed a senior commander": more dead of the same incident, not another report
_ADDS = re.compile(r"\balso\s+(?:\w+\s+){0,2}?(?:killed|claimed\s+the\s+lives?)\b", re.I)


def adds_dead(e: Event) -> bool:
    return bool(e.evidence) and bool(_ADDS.search(e.evidence[0].text))


def antecedent(events: list[Event], e: Event) -> Optional[int]:
    """The incident the text told last before ``e``: the violent event whose latest evidence before
    ``e``'s sentence is closest to it, among those told with the description's content words."""
    start = e.evidence[0].start
    words = description(e) or ()
    best, best_at = None, -1
    for i, m in enumerate(events):
        if m is e or m.event_type not in _VIOLENT or m.modality not in _FACTUAL or not told_as(m, words):
            continue
        told = [s.start for s in m.evidence if s.start < start]
        if told and max(told) > best_at:
            best, best_at = i, max(told)
    return best
