"""Who flies: the agent of an air or drone strike.

A mixin of :class:`marsad.events.assemble.Assembler`. An air strike is carried out by a party that
has aircraft in the war: a state's forces (its own or abroad) or an international coalition. When
the clause names such a party ("Russian jets", "coalition warplanes", "regime helicopters") it is
the agent; otherwise the last party the document has shown flying; otherwise the theatre's own
armed forces, which in a civil war are the side that flies. A side without aircraft named in the
clause (rebels, jihadists, Kurdish militias) is never the agent: it is the target.

Shelling "of" a place the text says is held by one side ("shelling of rebel-held Douma") is by the
other side: the holder is the target.
"""
from __future__ import annotations

import re

from marsad.events.common import _actor_name, _is_source_only, _state

_HELD = re.compile(r"\b(rebel|opposition|insurgent|jihadist|militant|regime|government|loyalist|army)"
                   r"[- ](?:held|controlled|run|besieged)\b", re.I)
_UNKNOWN_AIRCRAFT = re.compile(r"\b(?:unidentified|unknown|unmarked)\s+(?:war)?(?:planes?|jets?|aircraft|drones?|"
                               r"helicopters?|warplanes?)\b", re.I)
_STATE_SIDES = ("regime", "government", "loyalist", "army")


def _flies(actor) -> bool:
    return actor is not None and (actor[1] in (1, 8) or "coalition" in actor[0].lower())


def _unidentified(actor) -> bool:
    return actor is not None and actor[0].startswith("Unidentified")


class AirpowerMixin:
    last_air = None

    def _air_agent(self, trig, a1, a2, cc, when):
        if trig.sub_event_type == "Shelling/artillery/missile attack":
            return self._shelling_of_held(trig, a1, a2, cc, when)
        if trig.sub_event_type != "Air/drone strike":
            return a1, a2
        if _flies(a1):
            self.last_air = a1
            return a1, a2
        if _UNKNOWN_AIRCRAFT.search(self.text, trig.sent_start, trig.sent_end):
            return a1, a2  # "unidentified warplanes": the text says it does not know who flew
        cand = None
        for m in self.mentions:
            if not (trig.sent_start <= m.start < trig.sent_end) or _is_source_only(m.actor, self.kb):
                continue
            if trig.patient and trig.patient[0] <= m.start < trig.patient[1]:
                continue
            nm = _actor_name(m.actor, self.kb, True, trig.event_type, when)
            if _flies(nm) and nm != a2:
                cand = nm
                break
        if cand is None:
            for p in self.places:
                if trig.sent_start <= p.start < trig.sent_end and p.is_demonym and p.country_code \
                        and self._attacker_nationality(p):
                    st = _state(self.kb, p.country_code, "military", when)
                    if st is not None:
                        cand = (st.acled_name or st.canonical, st.inter)
                        break
        if cand is None:
            cand = self.last_air
        if cand is None:
            st = _state(self.kb, self.focus_cc or cc, "military", when)
            cand = (st.acled_name or st.canonical, st.inter) if st is not None else None
        if cand is None:
            return a1, a2
        if a1 is not None and not _unidentified(a1) and a1[1] != 7 and a2 is None and a1 != cand:
            a2 = a1  # the side without aircraft named in the clause was the target
        self.last_air = cand
        return cand, (a2 if a2 != cand else None)

    def _shelling_of_held(self, trig, a1, a2, cc, when):
        """ "shelling of rebel-held Douma": by the other side; the holder is the target."""
        if a1 is not None and not _unidentified(a1):
            return a1, a2
        m = _HELD.search(self.text, trig.sent_start, trig.sent_end)
        if m is None:
            return a1, a2
        if m.group(1).lower() in _STATE_SIDES:
            return a1, a2  # the opponents of a state are named by the text or stay unidentified
        st = _state(self.kb, self.focus_cc or cc, "military", when)
        if st is None:
            return a1, a2
        return (st.acled_name or st.canonical, st.inter), a2
