"""A report's total and its breakdown are one incident, not several.

News reports give a day's toll and then tell it place by place: "Air strikes on Aleppo province
killed 18 people on Friday ... 10 died in Hayan ... six at a market in Urem al-Kubra ... two staff
of the hospital in Kafr Hamra". Counting the total and each part would count the dead twice. The
parts are the breakdown of the total when

- they lie inside the total's area (the province or region the total names, its very place, or
  the towns within 30 km of a city named for its surroundings: "near Damascus", or a provincial
  capital named like its province), on its day, and
- their figures add up to the total exactly (two parts or more: a report does not give a total
  that happens to equal the sum of other incidents it tells there; a part may then also lie in a
  place the total's first mention names: "in Aleppo and Deir Ezzor"), or, by a compatible weapon and
  with no word of another incident ("elsewhere", "in a separate attack"), to no more than it:
  "22 killed in air strikes on the Eastern Ghouta ... 16 of them in Douma".

The total keeps its figure, its area and every part's evidence, and stands where the report first
tells the incident with the first mention's type (unless only the others name a weapon); an unnamed
attacker is taken from the parts. Parts another day, in another province, or adding up to more than
the total stay incidents of their own.
"""
from __future__ import annotations

from dataclasses import replace
import re
from itertools import combinations
from typing import Optional

from marsad.places.packs import haversine_km
from marsad.records import Event, span_order

_FACTUAL = ("asserted", "claimed", "alleged")
_VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
_GENERIC = {"Attack", "Armed clash", None}
_ADDS = re.compile(r"^\W*(?:another|also|a\s+further|further|more|other)\b", re.I)
_AROUND_KM = 30  # a city's outskirts and the towns around it
_MAX_PARTS = 12  # candidate parts searched for an exact sum (2^12 subsets at most)


def _day_clash(a: Event, b: Event) -> bool:
    from marsad.merge.within import _own_day
    return bool(a.event_date and b.event_date and a.event_date != b.event_date and _own_day(a) and _own_day(b))


def _weapon_fits(total: Event, part: Event) -> bool:
    return total.sub_event_type == part.sub_event_type or total.sub_event_type in _GENERIC or part.sub_event_type in _GENERIC


def _inside(total: Event, part: Event) -> bool:
    """``part``'s place lies within ``total``'s: the same place, or ``total`` a country, region or
    province (ACLED precision 3) that holds it."""
    if total.geonameid is None or part.geonameid is None:
        return total.country == part.country or total.country is None or part.country is None
    if total.geonameid == part.geonameid:
        return True
    if total.country != part.country:
        return False
    if (total.geo_precision or 3) == 3 and (total.admin1 is None or total.admin1 == part.admin1):
        return True
    # a city standing for its surroundings ("near Damascus", a provincial capital named like its
    # province, "Aleppo"): its outskirts and the towns around it, whichever side of a provincial line
    around = (total.geo_precision or 3) >= 2 or (total.location or "").lower() == (total.admin1 or "").lower()
    return around and None not in (
        total.latitude, total.longitude, part.latitude, part.longitude) and haversine_km(
        total.latitude, total.longitude, part.latitude, part.longitude) <= _AROUND_KM


def _key(name) -> str:
    return re.sub(r"[^a-z]", "", (name or "").lower())


def _named_by(total: Event, part: Event) -> bool:
    """ "10 killed in rocket attacks on Aleppo and Deir Ezzor": the total's first mention names the
    part's place or province."""
    said = _key(total.evidence[0].text) if total.evidence else ""
    return any(len(_key(n)) >= 4 and _key(n) in said for n in (part.location, part.admin1))


def _candidate(total: Event, part: Event) -> bool:
    if part is total or part.event_type not in _VIOLENT or part.modality not in _FACTUAL:
        return False
    if not (0 < part.fatalities < total.fatalities) or _day_clash(total, part):
        return False
    return total.country is None or part.country is None or total.country == part.country


def _exact_parts(total: Event, cands: list[Event]) -> Optional[list[Event]]:
    cands = cands[:_MAX_PARTS]
    for k in range(2, len(cands) + 1):
        for combo in combinations(cands, k):
            if sum(e.fatalities for e in combo) == total.fatalities:
                return list(combo)
    return None


def _fold(total: Event, parts: list[Event]) -> Event:
    ev = sorted(set(total.evidence).union(*(p.evidence for p in parts)), key=span_order)
    # the first mention's type, unless only the others name one weapon ("air strikes" against "attack")
    told = sorted([total] + parts, key=lambda e: e.evidence[0].start if e.evidence else 0)
    kinds = {p.sub_event_type for p in told if p.sub_event_type not in _GENERIC}
    kind = told[0]
    if kind.sub_event_type in _GENERIC and len(kinds) == 1:
        kind = next(p for p in told if p.sub_event_type in kinds)
    named = [p for p in parts if p.actor1 and not p.actor1.startswith("Unidentified")]
    who = total if total.actor1 and not total.actor1.startswith("Unidentified") else (named[0] if named else total)
    sources = []
    for e in [total] + parts:
        for s in (e.source or "").split("; "):
            if s and s not in sources:
                sources.append(s)
    victims = dict(total.victims)
    # the most precise place that holds every mention: the parts' one place, else the total's area
    spots = {p.geonameid for p in parts}
    where = parts[0] if len(spots) == 1 and parts[0].geonameid is not None and (
        parts[0].geo_precision or 3) < (total.geo_precision or 3) else total
    when = total if total.event_date or not any(p.event_date for p in parts) else next(p for p in parts if p.event_date)
    return replace(
        total, country=where.country, iso3=where.iso3, admin1=where.admin1, admin2=where.admin2,
        location=where.location, latitude=where.latitude, longitude=where.longitude,
        geo_precision=where.geo_precision, geonameid=where.geonameid, event_type=kind.event_type,
        event_date=when.event_date, event_date_end=when.event_date_end, time_precision=when.time_precision,
        date_text=when.date_text, sub_event_type=kind.sub_event_type, plover_event=kind.plover_event,
        plover_mode=kind.plover_mode or total.plover_mode, actor1=who.actor1, inter1=who.inter1,
        actor2=total.actor2 or who.actor2, inter2=total.inter2 if total.actor2 else who.inter2,
        injuries=total.injuries if total.injuries is not None else None, victims=victims,
        source="; ".join(sources) or None, evidence=tuple(ev),
        notes=(total.notes + f" The total of {len(parts) + 1} mentions: a day's toll and its breakdown by place.").strip(),
    )


def fold_breakdowns(events: list[Event]) -> list[Event]:
    """Fold the mentions that break a total down into the total; keeps text order."""
    events = list(events)
    gone: set[int] = set()
    order = sorted(range(len(events)), key=lambda i: -events[i].fatalities)
    for i in order:
        total = events[i]
        if i in gone or total.event_type not in _VIOLENT or total.modality not in _FACTUAL or total.fatalities < 3:
            continue
        if total.evidence and _ADDS.match(total.evidence[0].text):
            continue  # "Another three men were found dead": more dead, not a total of those told
        cands = [j for j in range(len(events)) if j not in gone and _candidate(total, events[j])]
        if not cands:
            continue
        near = [j for j in cands if _inside(total, events[j]) or _named_by(total, events[j])]
        exact = _exact_parts(total, [events[j] for j in near])
        cands = [j for j in cands if _inside(total, events[j])]
        if exact is not None:
            parts = [j for j in near if any(events[j] is e for e in exact)]
        else:
            from marsad.merge.within import _opens_another_incident
            from marsad.merge.within import _conflicting_reports
            # a smaller figure for the very place, or from another source, is a restatement or a
            # conflicting report: the pairwise merge weighs those
            inside = [j for j in cands if _weapon_fits(total, events[j]) and not _opens_another_incident(events[j])
                      and events[j].geonameid != total.geonameid and not _conflicting_reports(total, events[j])]
            if not inside or sum(events[j].fatalities for j in inside) > total.fatalities:
                continue
            parts = inside
        first = min([i] + parts)  # the incident stands where the report first tells it
        events[first] = _fold(total, [events[j] for j in parts])
        gone.update(k for k in [i] + parts if k != first)
    return [e for k, e in enumerate(events) if k not in gone]
