"""Within-document merging: headline and body mentions of one incident become one event.

Two mentions are one incident when they have the same ACLED sub-event type (or, outside ACLED's
scope, the same PLOVER class), the same modality family, the same place (or one has none), the
same date (or one has none) and no conflicting actors. The merged event keeps every evidence span;
its fatalities follow ACLED's conservative rule over the mentions that give a figure, and its range
covers all of them. Distinct incidents stay distinct.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterable

from marsad.counts.numbers import find_quantities
from marsad.records import Event, span_order
from marsad.merge.anaphora import adds_dead, is_update
from marsad.merge.breakdown import _inside, fold_breakdowns


def _key(e: Event):
    return (e.event_type, e.sub_event_type if e.event_type else e.plover_event, e.modality in ("asserted", "claimed", "alleged"))


# a sentence that opens like this reports another incident, not more of the one before it
_ANOTHER_INCIDENT = re.compile(r"^\W*(?:earlier|later|meanwhile|elsewhere|separately|in\s+(?:a\s+)?separate|"
                               r"in\s+another|in\s+a\s+(?:second|similar|new)|(?:on|in)\s+the\s+same\s+day)\b", re.I)


def _opens_another_incident(e: Event) -> bool:
    return bool(e.evidence) and bool(_ANOTHER_INCIDENT.match(e.evidence[0].text))


def compatible(a: Event, b: Event) -> bool:
    if _key(a) != _key(b):
        return False
    if _opens_another_incident(b) and (a.fatalities or b.fatalities):
        return False
    if a.event_type is None and a.plover_event in (None, "CONSULT", "DEMAND", "REQUEST", "AGREE", "REJECT"):
        # diplomacy with different counterparts or days stays apart; merge only identical parties and day
        if (a.actor1, a.actor2) != (b.actor1, b.actor2):
            return False
    if a.geonameid is not None and b.geonameid is not None and a.geonameid != b.geonameid:
        # a country-wide mention ("air strikes in Syria") may be the same incident as a local one
        # ... and so may a region-wide one ("clashes in Lower Shabelle") with an incident inside it
        coarse = [e for e, o in ((a, b), (b, a)) if (e.geo_precision or 3) == 3 and (e.admin1 is None or e.admin1 == o.admin1)]
        if not coarse or a.country != b.country:
            return False
        wide = coarse[0]
        local = b if wide is a else a
        if local.fatalities and wide.fatalities > local.fatalities and wide.fatalities_high is not None:
            return False  # a region's toll and a smaller one in a town of it: a part (breakdown.py), not a restatement
    if a.event_date and b.event_date and a.event_date != b.event_date and a.date_text and b.date_text:
        # a mention whose day the text does not state (dated to the publication, like most headlines)
        # does not contradict one that states it
        return False
    if a.actor1 and b.actor1 and a.actor1 != b.actor1 and not _unidentified(a.actor1) and not _unidentified(b.actor1):
        return False
    return True


def _conflicting_reports(a: Event, b: Event) -> bool:
    """Figures from different named sources for one incident: ACLED codes the most conservative."""
    sa = {x for x in (a.source or "").split("; ") if x}
    sb = {x for x in (b.source or "").split("; ") if x}
    return bool(sa and sb and not (sa & sb))


def _unidentified(name: str) -> bool:
    return name.startswith("Unidentified")


def _combine(a: Event, b: Event, retype: bool = False) -> Event:
    figs = [e for e in (a, b) if e.fatalities_low is not None or e.fatalities > 0]
    part = retype and (_stated_part(a, b) or _stated_part(b, a))  # a part and the total that states it
    counted = [e for e in figs if not _estimate(e)] if len(figs) == 2 else []
    later = max(figs, key=lambda e: e.evidence[0].start if e.evidence else 0) if len(figs) == 2 else None
    if later is not None and a.fatalities and b.fatalities and adds_dead(later) and not is_update(later):
        # "the explosion also killed a senior commander": more dead of the incident, added to its toll
        fat, notes = a.fatalities + b.fatalities, a.notes
        f_low = None if a.fatalities_low is None or b.fatalities_low is None else a.fatalities_low + b.fatalities_low
        f_high = None if a.fatalities_high is None or b.fatalities_high is None else a.fatalities_high + b.fatalities_high
    elif len(counted) == 1:
        # "hundreds of civilians", "up to a hundred" beside "38 civilians": ACLED codes a vague word
        # only when no figure is reported, so the counted figure is coded
        f = counted[0]
        fat, f_low, f_high, notes = f.fatalities, f.fatalities_low, f.fatalities_high, a.notes
    elif len(figs) == 2 and (part or not _conflicting_reports(a, b)):
        # one reporter's figures for one incident: a smaller one is a part of the total ("Five of
        # them died in air strikes") or an earlier toll it updates, so the total is coded
        big, small = (a, b) if a.fatalities >= b.fatalities else (b, a)
        fat, f_low, f_high, notes = big.fatalities, big.fatalities_low, big.fatalities_high, a.notes
        if f_low is not None and small.fatalities_low is not None and small.fatalities_low > f_low:
            f_low = small.fatalities_low
    elif len(figs) == 2:
        fat = min(a.fatalities, b.fatalities)  # the most conservative figure
        lows = [e.fatalities_low if e.fatalities_low is not None else e.fatalities for e in figs]
        highs = [e.fatalities_high for e in figs]
        f_low = min(min(lows), fat)
        f_high = None if any(h is None for h in highs) and max(lows) > min(lows) else max(
            [h for h in highs if h is not None] + [e.fatalities for e in figs])
        if any(e.fatalities_high is None and e.fatalities_low is not None and e.fatalities_low > e.fatalities for e in figs):
            f_high = None
        notes = a.notes
        if a.fatalities != b.fatalities:
            notes = (notes + f" Reports differ on fatalities: {a.fatalities} per {a.source or 'one report'}, "
                     f"{b.fatalities} per {b.source or 'another'}; the lower figure is coded.").strip()
    elif figs:
        f = figs[0]
        fat, f_low, f_high, notes = f.fatalities, f.fatalities_low, f.fatalities_high, f.notes
    else:
        fat, f_low, f_high, notes = a.fatalities, a.fatalities_low, a.fatalities_high, a.notes
    victims = {k: (a.victims.get(k) if a.victims.get(k) is not None else b.victims.get(k)) for k in a.victims}
    best_place = a if a.geonameid is not None and (b.geonameid is None or (a.geo_precision or 3) <= (b.geo_precision or 3)) else b
    best_date = a if a.event_date and (not b.event_date or _date_rank(a) >= _date_rank(b)) else b
    ev = sorted(set(a.evidence) | set(b.evidence), key=span_order)
    kind = _more_specific(a, b) if retype else a
    return replace(
        a,
        event_type=kind.event_type, sub_event_type=kind.sub_event_type, plover_event=kind.plover_event,
        event_date=best_date.event_date, event_date_end=best_date.event_date_end,
        time_precision=best_date.time_precision, date_text=best_date.date_text,
        actor1=a.actor1 if a.actor1 and not _unidentified(a.actor1) else (b.actor1 or a.actor1),
        inter1=a.inter1 if a.actor1 and not _unidentified(a.actor1) else (b.inter1 if b.actor1 else a.inter1),
        actor2=a.actor2 or b.actor2, inter2=a.inter2 if a.actor2 else b.inter2,
        country=best_place.country, iso3=best_place.iso3, admin1=best_place.admin1, admin2=best_place.admin2,
        location=best_place.location, latitude=best_place.latitude, longitude=best_place.longitude,
        geo_precision=best_place.geo_precision, geonameid=best_place.geonameid,
        fatalities=fat, fatalities_low=f_low, fatalities_high=f_high,
        injuries=(a.injuries if a.injuries is not None else b.injuries), victims=victims,
        source=_sources(a, b), notes=notes, evidence=tuple(ev),
        plover_mode=a.plover_mode or b.plover_mode,
    )


def _date_rank(e: Event):
    """A stated day over a carried one, the incident's own day over the day a source spoke of it, a
    precise day over a week or a month."""
    return bool(e.date_text), _own_day(e, told=False), -(e.time_precision or 3)


def _sources(a: Event, b: Event):
    """Every reporting source, ACLED-style "A; B", the one that gave the coded figure first."""
    first, second = (b, a) if (b.fatalities and not a.fatalities) else (a, b)
    out = []
    for e in (first, second):
        for s in (e.source or "").split("; "):
            if s and s not in out:
                out.append(s)
    return "; ".join(out) or None


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge mentions of the same incident; keeps text order of first mention. A total and its
    breakdown by place fold once restatements have merged."""
    out: list[Event] = []
    for e in events:
        for i, m in enumerate(out):
            if compatible(m, e):
                out[i] = _combine(m, e)
                break
            if same_dead(m, e):
                out[i] = _combine(m, e, retype=True)
                break
        else:
            out.append(e)
    return _join_anaphors(fold_breakdowns(out))


def _join_anaphors(events: list[Event]) -> list[Event]:
    """A figure given for "the attack" joins the incident the report told last (anaphora.py):
    reports that differ code the lowest figure, an updated toll the update, and a smaller figure in
    a town inside the incident's area is a part of its total."""
    from marsad.merge.anaphora import anaphoric, another_day_between, antecedent, fits
    out = list(events)
    for e in sorted(events, key=lambda x: x.evidence[0].start if x.evidence else 0):
        if e.event_type not in VIOLENT or e.modality not in _FACTUAL or not anaphoric(e):
            continue
        k = next((i for i, x in enumerate(out) if x is e), None)
        j = antecedent(out, e) if k is not None else None
        if j is None:
            continue
        a = out[j]
        if not a.fatalities or not fits(e, a) or another_day_between(events, a, e):
            continue  # "the strike" is no chemical attack; a day told in between may name another incident
        if a.event_date and e.event_date and a.event_date != e.event_date and _own_day(a) and _own_day(e):
            continue  # the text says another day: "the attack" is another one
        merged = _combine(a, e)  # the incident keeps the type it was told with: "the explosion" names it again
        if a.fatalities and e.fatalities and adds_dead(e) and not is_update(e):
            pass  # "the explosion also killed a commander": _combine added them to its dead
        elif a.fatalities and e.fatalities and a.fatalities != e.fatalities:
            part = e.fatalities < a.fatalities and e.geonameid not in (None, a.geonameid) and _inside(a, e)
            conflict = _conflicting_reports(a, e) and not part
            pick = e if is_update(e) else (a if a.fatalities < e.fatalities else e) if conflict else a
            other = a if pick is e else e
            if _estimate(pick) and not _estimate(other):
                pick = other  # a counted figure over "hundreds" or "nearly 50"
            lows = [x.fatalities_low if x.fatalities_low is not None else x.fatalities for x in (a, e)]
            merged = replace(merged, fatalities=pick.fatalities, fatalities_low=min(min(lows), pick.fatalities),
                             fatalities_high=None if pick.fatalities_high is None else max(a.fatalities, e.fatalities))
        out[j] = merged
        del out[k]
    return out


# the weapon that says most about an incident: "air strikes" over "bombardment" over "attack"
_WEAPONS = ["Chemical weapon", "Suicide bomb", "Air/drone strike", "Remote explosive/landmine/IED", "Grenade",
            "Shelling/artillery/missile attack"]
# the same figure of at least this many dead, told twice in one report, is one incident's toll
_TELLING = 5
_FACTUAL = ("asserted", "claimed", "alleged")


def _place_contains(a: Event, b: Event) -> bool:
    """Can ``a``'s place hold ``b``'s: the same place, or ``a`` a country or region around it."""
    if a.geonameid is None or b.geonameid is None or a.geonameid == b.geonameid:
        return True
    if a.country != b.country:
        return False
    return (a.geo_precision or 3) == 3 and (a.admin1 is None or a.admin1 == b.admin1)


def same_dead(a: Event, b: Event) -> bool:
    """Two mentions that give the same dead for violence in one place on one day report one incident,
    however each names it ("Air raids kill 42 near the capital" and "bombardment ... in Douma
    killed 42"): a report does not count the same figure for two incidents without saying so
    ("another 42", "in a separate attack"), which is told apart by a stated other place or day."""
    if not a.fatalities or not b.fatalities or not a.event_type or not b.event_type:
        return False
    if a.fatalities != b.fatalities and not _same_figure(a, b) and not _stated_part(a, b) and not _stated_part(b, a):
        return False
    if a.modality not in _FACTUAL or b.modality not in _FACTUAL:
        return False
    if _opens_another_incident(b):
        return False
    telling = a.fatalities == b.fatalities and a.fatalities >= _TELLING
    if a.sub_event_type != b.sub_event_type and a.event_type in VIOLENT and b.event_type in VIOLENT \
            and a.sub_event_type not in _WEAPONS and b.sub_event_type not in _WEAPONS and not telling:
        return False  # an attack and a clash are two forms of violence: two incidents unless a weapon ties them
    if not (_place_contains(a, b) or _place_contains(b, a)):
        # two places of one province, or of one country for a telling figure told identically
        if a.fatalities <= 3 or b.fatalities <= 3 or a.country != b.country:
            return False
        if not telling and (not a.admin1 or a.admin1 != b.admin1) and not (_inside(a, b) or _inside(b, a)):
            return False  # ... or a city standing for its surroundings and a town around it ("outside Damascus")
    if a.event_date and b.event_date and a.event_date != b.event_date and _own_day(a) and _own_day(b):
        return False
    return True


def _own_day(e: Event, told: bool = True) -> bool:
    """The mention states its day in its own words ("killed on Sunday"), not a day carried from an
    earlier sentence or the publication date, which a restatement of the same toll does not contradict.
    With ``told`` False, a day only of the telling ("a monitor said Saturday") or of a dateline
    ("Saturday 26 Jul 2014") is not the incident's own either: a merged incident takes the day its
    mentions give the incident itself (a telling day still parts two tolls: tried, it joined
    restatements that cross-document matching needs apart)."""
    if not e.date_text:
        return False
    said = e.date_text.lower()
    for w in ("on ", "last ", "this ", "early ", "late "):
        if said.startswith(w):
            said = said[len(w):]
    for s in e.evidence:
        low = s.text.lower()
        for m in re.finditer(re.escape(said), low):
            if told or (not _TELLING_DAY.search(low[:m.start()]) and not _DATELINE_DATE.match(low[m.end():])):
                return True
    return False


# "Saturday 26 Jul 2014", "Sat, July 26, 2014": a weekday written with the full date is a dateline,
# the day of publication
_DATELINE_DATE = re.compile(r"\W*(?:\d{1,2}\W+[a-z]{3,9}|[a-z]{3,9}\W+\d{1,2})\W+(?:19|20)\d\d\b")
# "a monitor said Saturday", "reported on Sunday": the day a source spoke, not the day of the incident
_TELLING_DAY = re.compile(r"\b(?:said|says|reported|announced|added|stated|confirmed|told\s+\w+(?:\s+\w+)?)\s+"
                          r"(?:on\s+|late\s+|early\s+|last\s+|this\s+)?$")


def _estimate(e: Event) -> bool:
    """The figure is stated only as a vague word ("hundreds of", "dozens", "several") or as an upper
    bound ("up to a hundred", "as many as 100"), not counted."""
    if not e.fatalities:
        return False
    qs = [q for s in e.evidence for q in find_quantities(s.text) if q.best == e.fatalities]
    return bool(qs) and all(q.vague or (q.low is None and q.high == q.best) for q in qs)


def _approximate(e: Event) -> bool:
    """ "over 80", "at least 84", "dozens": a figure stated as a bound or an estimate."""
    return e.fatalities_high is None or (e.fatalities_low is not None and e.fatalities_low != e.fatalities_high)


def _same_figure(a: Event, b: Event) -> bool:
    """ "over 80" and "at least 84", "more than 30" and "32": one toll, told twice as precisely."""
    lo, hi = sorted((a.fatalities, b.fatalities))
    return lo >= 10 and hi - lo <= 0.1 * hi and (_approximate(a) or _approximate(b))


def _stated_part(whole: Event, part: Event) -> bool:
    """ "Fifteen civilians, among them 11 children, were killed" and "11 children killed": the
    smaller figure is a part the larger mention itself states."""
    return part.fatalities < whole.fatalities and any(
        v == part.fatalities and part.victims.get(k) in (None, part.fatalities) and not _other_side(part, k)
        for k, v in whole.victims.items() if v and k in ("children", "women", "civilians", "combatants"))


def _other_side(part: Event, group: str) -> bool:
    """ "three senior commanders" are not "three children": fighters and civilians are disjoint."""
    if group == "combatants":
        return any(part.victims.get(k) for k in ("children", "women", "civilians"))
    return bool(part.victims.get("combatants"))


def _more_specific(a: Event, b: Event) -> Event:
    """The first mention's type, unless only the other names the weapon ("air strikes" against
    "attack") or only the other is violence at all."""
    if a.event_type not in VIOLENT and b.event_type in VIOLENT:
        return b
    if b.sub_event_type in _WEAPONS and a.sub_event_type not in _WEAPONS:
        return b
    if a.sub_event_type in _WEAPONS and b.sub_event_type in _WEAPONS:
        return a if _WEAPONS.index(a.sub_event_type) <= _WEAPONS.index(b.sub_event_type) else b
    return a


VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


def _parties(e: Event) -> set:
    return {x for x in (e.actor1, e.actor2) if x and not _unidentified(x)}


def is_followup(a: Event, b: Event, text: str = "", max_gap: int = 300) -> bool:
    """``b`` continues the report of incident ``a`` in the very next sentences: "IS fighters attacked
    QSD positions in X. QSD fighters killed 12 IS fighters during clashes." Same place (or none
    named), same day (or none), no party that ``a`` does not already have."""
    factual = ("asserted", "claimed", "alleged")
    if a.event_type not in VIOLENT or b.event_type not in VIOLENT or a.modality not in factual or b.modality not in factual:
        return False
    if not a.evidence or not b.evidence or not (0 <= b.evidence[0].start - a.evidence[-1].end <= max_gap):
        return False
    if "\n\n" in text[a.evidence[-1].end:b.evidence[0].start]:
        return False  # a new paragraph is a new item
    if b.sub_event_type not in (a.sub_event_type, "Armed clash", "Attack"):
        return False  # its own weapon or form: its own incident
    a_fig = a.fatalities_low is not None or a.fatalities
    b_fig = b.fatalities_low is not None or b.fatalities
    if a_fig and b_fig:
        return False  # two figures: conflicting reports, for the conservative merge to weigh
    if a.geonameid is not None and b.geonameid is not None and a.geonameid != b.geonameid:
        return False
    if a.event_date and b.event_date and a.event_date != b.event_date:
        return False
    pb = _parties(b)
    return not pb or bool(pb & _parties(a))


def absorb_followups(events: list[Event], text: str = "") -> list[Event]:
    """Fold continuation sentences into the incident they continue; the incident keeps its type,
    and a figure given only in the continuation becomes its figure."""
    out: list[Event] = []
    for e in events:
        if out and is_followup(out[-1], e, text):
            a = out[-1]
            keep_b_fig = (e.fatalities_low is not None or e.fatalities) and not (a.fatalities_low is not None or a.fatalities)
            out[-1] = replace(
                a,
                fatalities=e.fatalities if keep_b_fig else a.fatalities,
                fatalities_low=e.fatalities_low if keep_b_fig else a.fatalities_low,
                fatalities_high=e.fatalities_high if keep_b_fig else a.fatalities_high,
                injuries=a.injuries if a.injuries is not None else e.injuries,
                victims={k: (a.victims.get(k) if a.victims.get(k) is not None else e.victims.get(k)) for k in a.victims},
                actor2=a.actor2 or e.actor2, inter2=a.inter2 if a.actor2 else e.inter2,
                source=_sources(a, e) if keep_b_fig else (a.source or e.source),
                evidence=tuple(sorted(set(a.evidence) | set(e.evidence), key=span_order)),
            )
        else:
            out.append(e)
    return out
