"""One or two plain sentences in ACLED's style for each event, written from its final fields."""
from __future__ import annotations

from datetime import date

from marsad.records import Event

def _fmt_date(s):
    if not s:
        return None
    d = date.fromisoformat(s)
    return f"{d.day} {d.strftime('%B')} {d.year}"


_VERB = {"Air/drone strike": "carried out air/drone strikes", "Shelling/artillery/missile attack": "shelled",
         "Armed clash": "clashed with", "Attack": "attacked", "Remote explosive/landmine/IED": "detonated an explosive",
         "Suicide bomb": "carried out a suicide bombing", "Grenade": "threw a grenade", "Chemical weapon": "used a chemical weapon",
         "Abduction/forced disappearance": "abducted", "Sexual violence": "sexually assaulted",
         "Peaceful protest": "protested", "Protest with intervention": "protested and were dispersed",
         "Excessive force against protesters": "used lethal force against protesters",
         "Violent demonstration": "rioted", "Mob violence": "attacked as a mob", "Arrests": "arrested",
         "Agreement": "reached an agreement", "Looting/property destruction": "looted or destroyed property",
         "Disrupted weapons use": "seized or defused weapons", "Headquarters or base established": "established a base",
         "Non-violent transfer of territory": "took over territory without fighting",
         "Government regains territory": "regained territory", "Non-state actor overtakes territory": "took over territory",
         "Change to group/activity": "changed its activity", "Other": "was involved in an incident"}


_PLOVER_VERB = {"CONSULT": "consulted", "DEMAND": "called on or demanded", "REQUEST": "requested",
                "REJECT": "rejected or denied", "ACCUSE": "accused", "DISAPPROVE": "criticised", "AGREE": "agreed",
                "AID": "provided aid", "THREATEN": "warned or threatened", "COOPERATE": "cooperated",
                "SUPPORT": "supported", "MOBILIZE": "mobilised", "RETREAT": "withdrew", "SANCTION": "sanctioned",
                "CONCEDE": "conceded", "INVESTIGATE": "investigated", "FIGHT": "fought", "ASSAULT": "attacked",
                "COERCE": "coerced", "PROTEST": "protested"}


def write_notes(ev: Event) -> str:
    """One or two plain sentences in ACLED's style, from the event's own (merged) fields."""
    kind = ev.sub_event_type
    d = _fmt_date(ev.event_date)
    who = ev.actor1 or "An unidentified actor"
    if kind:
        verb = _VERB.get(kind, kind.lower())
    else:
        verb = _PLOVER_VERB.get(ev.plover_event or "", (ev.plover_event or "acted").lower())
    s = (f"On {d}, " if d else "") + f"{who} {verb}"
    if ev.actor2:
        if kind == "Armed clash":
            s += f" {ev.actor2}"
        elif kind:
            s += f" targeting {ev.actor2}"
        else:
            s += f" ({ev.actor2})"
    if ev.plover_mode == "phone":
        s += " by telephone"
    if ev.location:
        s += f" in {ev.location}" + (f" ({ev.admin1})" if ev.admin1 and ev.admin1 != ev.location else "")
    s += "."
    if ev.modality != "asserted":
        s += f" Modality: {ev.modality}."
    if ev.fatalities_low is not None or ev.fatalities:
        if ev.fatalities_high is None and ev.fatalities_low is not None and ev.fatalities_low > ev.fatalities:
            s += f" More than {ev.fatalities} reported killed."
        elif ev.fatalities_high is None and ev.fatalities_low == ev.fatalities:
            s += f" At least {ev.fatalities} reported killed."
        elif ev.fatalities_high is not None and ev.fatalities_high > ev.fatalities:
            s += f" {ev.fatalities} to {ev.fatalities_high} reported killed; the lower figure is coded."
        else:
            s += f" {ev.fatalities} reported killed."
    elif kind and ev.event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"):
        s += " No fatalities reported."
    if ev.injuries:
        s += f" {ev.injuries} injured."
    if ev.source:
        s += f" Source: {ev.source}."
    return " ".join(s.split())

