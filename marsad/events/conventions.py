"""ACLED's coding conventions for actors: the second actor a note implies, identity militias,
attributions ("claimed responsibility"), who goes first, and Ukraine's contact line.

A mixin under :class:`marsad.events.roles.RolesMixin` (and so of the assembler); it reads the
assembler's sentences, mentions and knowledge base.
"""
from __future__ import annotations

import re

from marsad.events.common import _actor_name, _is_source_only, _overlaps, _state, _unidentified_name
from marsad.events.common import _same_side as _same_state

# de facto states whose forces fight on the territory ACLED files under another country: their own
# forces there are not foreign (inter 1, not 8). Source: ACLED actor list (Military Forces of Artsakh
# coded inter 1 in Azerbaijan events, 2020) and the territories' status in general reference works.
_DE_FACTO = {"Artsakh": "AZ", "Abkhazia": "GE", "South Ossetia": "GE", "Transnistria": "MD",
             "Somaliland": "SO", "Northern Cyprus": "CY"}

_PAREN_TAIL = re.compile(r"\(([^)]*)\)\s*(.*)$")


def _same_side(a: str, b: str) -> bool:
    """Two names of one state's forces ("Military Forces of Syria" / "Police Forces of Syria"), but
    not rival governments or factions of one country: ACLED gives them different regime periods
    ("Military Forces of Yemen (2012-)" for the Hadi government, "(2016-) Supreme Political
    Council" for the Houthis; Libya's GNA and Haftar forces) or different named units."""
    if not _same_state(a, b):
        return False
    pa, pb = _PAREN_TAIL.search(a), _PAREN_TAIL.search(b)
    if pa and pb:
        if pa.group(1) != pb.group(1):
            return False
        if pa.group(2) and pb.group(2) and pa.group(2) != pb.group(2):
            return False
    return True


def _allied(a, b) -> bool:
    """Pro-government militias fight beside their state's forces (ACLED codes them as its
    associates), so neither is the other's opponent."""
    if a is None or b is None:
        return False
    pro = ("Militia (Pro-Government)",)
    return (a[0].startswith(pro) and b[1] in (1, 8)) or (b[0].startswith(pro) and a[1] in (1, 8))


def _iso2_of(iso3):
    """The ISO 3166 alpha-2 code of an alpha-3 code (None when unknown)."""
    if not iso3:
        return None
    from marsad.events.common import _iso3_table
    return next((k for k, v in _iso3_table().items() if v == iso3), None)


def et_is_battle(trig) -> bool:
    return trig.event_type == "Battles"




class ConventionsMixin:
    def _window(self, trig, after: int = 2):
        """Character bounds of the trigger's sentence and the next ``after`` sentences."""
        i = self.ix.sent(trig.start)
        j = min(len(self.ix.sents) - 1, i + after)
        return trig.sent_start, max(trig.sent_end, self.ix.sents[j].end_char)

    def _state_forces_near(self, trig, when, after: int = 2, kinds=(1, 8), parties_only=False) -> list:
        """State forces named in the trigger's sentence and the next sentences, in order
        (``parties_only``: not those named only as the source of the report, "police said")."""
        w0, w1 = self._window(trig, after)
        out: list = []
        for m in self.mentions:
            if not (w0 <= m.start < w1) or _is_source_only(m.actor, self.kb):
                continue
            if parties_only and (self._reporter_span(m) or re.search(
                    r"according to (?:the )?$", self.text[max(0, m.start - 20):m.start], re.I)):
                continue
            kid = m.actor.kb_id or ""
            if m.actor.type != "state_actor" or not kid.endswith((":military", ":police")):
                continue
            nm = _actor_name(m.actor, self.kb, True, trig.event_type, when)
            if nm[1] in kinds and nm not in out:
                out.append(nm)
        return out

    def _security_by_role(self, text: str, cc, when):
        """"Police intervened", "soldiers dispersed": the state force of the country named by role."""
        pm, am = self._POLICE_WORDS.search(text), self._ARMY_WORDS.search(text)
        kind = None
        if pm and (not am or pm.start() <= am.start()):
            kind = "police"
        elif am:
            kind = "military"
        if kind is None:
            return None
        st = _state(self.kb, cc, kind, when)
        return (st.acled_name or st.canonical, st.inter) if st is not None else None

    def _complete_actors(self, trig, place, when, violent, a1, a2, cc, default_a1=False, cas=()):
        """The second actor ACLED's coding conventions imply when the clause names none (ACLED
        Codebook 2019/2021: every Violence against civilians, Looting/property destruction and Mob
        violence event has a victim actor, "Civilians (Country)" when unarmed; a Protest with
        intervention or Excessive force has the intervening state force as actor 2; an armed clash
        has two armed sides, which may be coded identically when both are unidentified or of one
        kind, e.g. "Unidentified Armed Group" against "Unidentified Armed Group").

        Returns (actor1, actor2, both_sides_same_name_allowed)."""
        sub = trig.sub_event_type or ""
        et = trig.event_type or ""
        both = False
        if sub == "Other" and trig.lemma == "evacuate" and a1 is None and a2 is not None and a2[0].startswith("Civilians"):
            # ACLED codes the people displaced or evacuated as the actor of the development
            return a2, None, both
        smm = self._smm()
        if violent and (cc == "UA" or smm) and (a1 is None or _unidentified_name(a1[0])) and et in (
                "Battles", "Explosions/Remote violence"):
            # OSCE-style reports of fire that name no party: the side not holding the settlement fired
            pair = self._ukraine_sides(place, when, cc)
            if pair is not None:
                self._home_cc = "UA"  # a Donbas report even when the settlement was geocoded abroad
                a1 = pair[0]
                if et == "Battles" and a2 is None:
                    a2 = pair[1]
        if default_a1 and violent and et != "Protests":
            # nothing named as the attacker in the clause: state forces named around it ("Military
            # Police officers went to the community ... A shoot-out broke out"; "killed during a
            # police raid") are the actor, unless they are the victims
            found = self._state_agent_near(trig, when, cas)
            if found is not None:
                if a2 is not None and (a2[0] == found[0]):
                    a2 = None
                a1 = found
                if et == "Battles" and a2 is None:
                    st = _state(self.kb, cc, "unidentified", when)
                    a2 = (st.acled_name or st.canonical, st.inter) if st is not None else None
                elif a2 is None or a2[1] in (1, 8):
                    st = _state(self.kb, cc, "civilians", when)
                    a2 = (st.acled_name or st.canonical, st.inter) if st is not None else a2
        if (a1 is None or (default_a1 and not (a1[1] in (1, 8)))) and violent and et not in ("Protests", "Riots") and cc:
            # "beaten by police officers", "a policeman shot and killed a man": state forces named
            # only by their role, as the agent of the clause
            chars = list(self.text[trig.sent_start:trig.sent_end])
            for c in cas:  # the dead and wounded are not the agents
                for k in range(max(c.start, trig.sent_start), min(c.end, trig.sent_end)):
                    chars[k - trig.sent_start] = " "
            sent = "".join(chars)
            agent_text = sent[:trig.start - trig.sent_start]
            mby = re.search(r"\bby\b(.{0,60})", sent[trig.start - trig.sent_start:])
            if mby:
                agent_text += " " + mby.group(1)
            role = self._security_by_role(agent_text, cc, when) if self._ROLE_AGENT.search(agent_text) else None
            if role is not None:
                if a2 is not None and a2[0] == role[0]:
                    a2 = None
                a1 = role
        if violent and et not in ("Protests", "Riots") and (a1 is None or _unidentified_name(a1[0])):
            # "The device was likely planted by JNIM militants", "Al Shabaab claimed responsibility",
            # "a Taliban-planted landmine": ACLED codes the group the attack is attributed to
            grp = self._attributed_group(trig, when, cas, strong_only=a1 is not None and not default_a1)
            if grp is not None and (a2 is None or grp[0] != a2[0]):
                if a2 is not None and a2[0] == grp[0]:
                    a2 = None
                a1 = grp
        if et in ("Protests", "Riots") and a1 is not None:
            if a2 is not None and a2[1] not in (1, 2, 3, 4, 5, 6, 7, 8):
                a2 = None  # a person or body named in the demands is not a party to the event
            if sub == "Protest with intervention" and a2 is not None and a2[1] == 7:
                # ACLED Codebook, Protest with intervention: actor 2 is the force that intervened;
                # protesters or journalists arrested are the demonstration's own side, not its actor 2
                a2 = None
            w0, w1 = self._window(trig, 2)
            window = self.text[w0:w1]
            if et == "Riots" and (a2 is None or a2[1] in (1, 8)) and a1[1] == 5 and self._CROWDS_FIGHT.search(
                    self.text[trig.sent_start:trig.sent_end]):
                # ACLED Codebook, Riots: two crowds fighting each other ("rival supporters clashed",
                # "threw stones at each other") are Rioters on both sides; police who disperse them
                # intervene and are no side of the fight
                return a1, a1, True
            if a2 is None and (sub in ("Protest with intervention", "Excessive force against protesters")
                               or (et == "Riots" and sub != "Mob violence")):
                # ACLED Codebook, Violent demonstration: actor 2 is the party the rioters engage; a
                # state force named in the report of the riot (intervening, fought, stoned) is it
                engaged = sub != "Violent demonstration" or bool(self._INTERVENE.search(window))
                forces = self._state_forces_near(trig, when, parties_only=not engaged)
                if forces:
                    a2 = forces[0]
                else:
                    a2 = self._security_by_role(self._REPORTED_BY.sub(" ", window), cc, when)
                    if a2 is None and sub in ("Protest with intervention", "Excessive force against protesters") and cc:
                        st = _state(self.kb, cc, "police", when)
                        a2 = (st.acled_name or st.canonical, st.inter) if st is not None else None
            if a2 is None and sub == "Mob violence":
                sent = self.text[trig.sent_start:trig.sent_end].lower()
                force = self._security_by_role(sent, cc, when) if re.search(r"\b(clash\w*|fought)\b", sent) else None
                if force is not None and force[0] != a1[0]:
                    a2 = force  # "party members clashed with police": Rioters against the police
                elif re.search(r"\b(clash\w*|between|rival|two groups|fought|each other)\b", sent):
                    a2, both = a1, True  # two crowds: "Rioters (X)" on both sides
                else:
                    st = _state(self.kb, cc, "civilians", when)
                    a2 = (st.acled_name or st.canonical, st.inter) if st is not None else None
            return a1, a2, both
        if not violent or a1 is None:
            return a1, a2, both
        if et == "Battles" and a2 is not None and not both:
            sent = self.text[trig.sent_start:trig.sent_end]
            if self._REPEL.search(sent):
                # "X repelled an attack by Y": ACLED codes the attacker Y as actor 1
                a1, a2 = a2, a1
            if cc == "SY" and a1[1] in (2, 3, 4) and not _unidentified_name(a1[0]) and re.match(r"(Military|Police) Forces of Syria\b", a2[0]):
                # ACLED's Syria coding puts the government forces first in their battles with
                # non-state groups (regime = actor 1 in 86% of such battles in ACLED's 2017-2019 Syria data)
                a1, a2 = a2, a1
        if a2 is not None and a2[1] in (1, 8) and et in ("Violence against civilians", "Battles", "Explosions/Remote violence") \
                and re.search(r"\b(?:off-duty|off duty|on leave|retired|former|at (?:his|her|their) (?:house|home)s?|"
                              r"in (?:his|her|their) (?:house|home)s?|(?:his|her) house)\b", self.text[trig.sent_start:trig.sent_end], re.I):
            # ACLED codes attacks on off-duty or retired members of the security forces as attacks on civilians
            st = _state(self.kb, cc, "civilians", when)
            if st is not None:
                a2 = (st.acled_name or st.canonical, st.inter)
        if a2 is None and sub in ("Looting/property destruction", "Arrests", "Grenade", "Remote explosive/landmine/IED",
                                  "Abduction/forced disappearance", "Sexual violence", "Attack"):
            sent = self.text[trig.sent_start:trig.sent_end]
            if sub in ("Grenade", "Remote explosive/landmine/IED") and not cas:
                # ACLED Codebook, Explosions/Remote violence: actor 2 is who the device hit; when the
                # clause names no one hurt, the people hit reported in the next sentences ("An explosion
                # occurred on the road. It injured three soldiers.") decide it
                w0, w1 = self._window(trig, 2)
                sent += " " + " ".join(c.text or "" for c in self.casualties if trig.sent_end <= c.start < w1)
            role = self._security_by_role(sent, cc, when) if sub in ("Grenade", "Remote explosive/landmine/IED") else None
            if role is not None and role[0] != a1[0] and not _same_side(role[0], a1[0]):
                a2 = role
            elif a1[1] != 7:
                st = _state(self.kb, cc, "civilians", when)
                a2 = (st.acled_name or st.canonical, st.inter) if st is not None else None
        if a2 is None and sub == "Armed clash":
            sent = self.text[trig.sent_start:trig.sent_end]
            if a1[1] in (2, 3, 4) and not (a1[1] in (3, 4) and _unidentified_name(a1[0])):
                # a named non-state group fights the state unless the clause names another party
                role = self._security_by_role(sent, cc, when)
                if role is None and cc and not self._criminal_context() and re.search(
                        r"\b(?:regime|government(?:al)?|state|loyalists?|garrison|checkpoints?|positions)\b", sent, re.I):
                    st = _state(self.kb, cc, "military", when)
                    role = (st.acled_name or st.canonical, st.inter) if st is not None else None
                a2 = role
            elif a1[1] in (3, 4):
                # unidentified or communal militias clashing: ACLED codes both sides alike
                role = self._security_by_role(sent, cc, when)
                if role is not None:
                    a2 = role
                else:
                    a2, both = a1, True
            elif a1[1] in (1, 8):
                if re.search(r"\b(?:between two|two groups|each other|one another|among themselves|fellow|other soldiers|"
                             r"other officers|rival units?)\b", sent, re.I):
                    a2, both = a1, True  # forces of one state fighting each other
                else:
                    st = _state(self.kb, cc, "unidentified", when)
                    if st is not None:
                        unk = (st.acled_name or st.canonical, st.inter)
                        if self._state_is_target(trig, a1, when, cas):
                            # "a police officer was attacked", "armed men attacked a police patrol": the
                            # unnamed attackers are actor 1, the state forces actor 2
                            a1, a2 = unk, a1
                        elif self._unnamed_first(trig, a1, when, cas):
                            # "two armed men clashed with police officers": ACLED keeps the order
                            a1, a2 = unk, a1
                        else:
                            a2 = unk  # "police clashed with armed individuals"
        if a2 is None and et == "Battles" and a1[1] in (1, 2, 3, 4, 8) and not _unidentified_name(a1[0]) \
                and (self._named_only_as_victims(trig, a1, when, cas) or self._state_is_target(trig, a1, when, cas)):
            # "2 SDF fighters were shot and killed by unknown gunmen", "the bodies of 2 HTS fighters
            # were found": the group is the victim; the unnamed attackers are actor 1
            st = _state(self.kb, cc, "unidentified", when)
            if st is not None:
                a1, a2 = (st.acled_name or st.canonical, st.inter), a1
        if a2 is None and et == "Explosions/Remote violence" and any(
                self._CIVILIAN_WORDS.search(c.text or "") for c in cas
                if not self._POLICE_WORDS.search(c.text or "") and not self._ARMY_WORDS.search(c.text or "")):
            # "a shell fell ..., injuring three women": civilians are the victims
            st = _state(self.kb, cc, "civilians", when)
            a2 = (st.acled_name or st.canonical, st.inter) if st is not None else None
        if a2 is None and et == "Explosions/Remote violence" and trig.patient:
            # ACLED Codebook, Explosions/Remote violence: civilians are actor 2 when the fire is aimed at
            # them or at civilian places ("fired shells into a residential area", "bombed a monastery")
            target = self.text[trig.patient[0]:trig.patient[1]]
            if (self._CIVILIAN_WORDS.search(target) or self._CIVILIAN_PLACES.search(target)) and not (
                    self._POLICE_WORDS.search(target) or self._ARMY_WORDS.search(target)
                    or self._COMBATANT_NEAR.search(target)):
                st = _state(self.kb, cc, "civilians", when)
                a2 = (st.acled_name or st.canonical, st.inter) if st is not None else None
        if a2 is None and et == "Explosions/Remote violence" and a1[1] in (2, 3, 4):
            # "fired grenade launchers at the governmental positions": the state forces targeted
            after = self.text[trig.start:trig.sent_end]
            role = self._security_by_role(after, cc, when)
            if role is not None and not _same_side(role[0], a1[0]):
                a2 = role
        if a2 is None and et == "Explosions/Remote violence":
            # ACLED Codebook, Explosions/Remote violence: civilians are actor 2 when no armed side is
            # named as the target and the harm told after the attack is theirs ("fired shells at the
            # monastery", "..., destroying three houses", "A girl was wounded.")
            after = self.text[trig.end:trig.sent_end]
            w0, w1 = self._window(trig, 1)
            nxt = self.text[trig.sent_end:w1]
            if w1 > trig.sent_end and self.ix.para(w1 - 1) == self.ix.para(trig.start) and self._HARM.search(nxt):
                after += " " + nxt  # the next sentence of the report, when it tells harm done
            if self._CIVILIAN_HARM.search(after) or self._CIVILIAN_PLACES.search(after):
                st = _state(self.kb, cc, "civilians", when)
                a2 = (st.acled_name or st.canonical, st.inter) if st is not None else None
        return a1, a2, both

    def _victims_stated_after(self, ev, cas):
        """The second actor of a remote-violence event whose victims are reported in a sentence of
        their own ("Russian forces shelled Pokrovsk. 1 person died, 6 were wounded."). ACLED
        Codebook, Explosions/Remote violence: when the people hit are civilians, "Civilians
        (Country)" is actor 2, as when they are named in the attack's own clause (see
        ``_complete_actors``); people named as police, soldiers or fighters are no civilians.
        Returns (name, inter) or None."""
        if ev.actor2 is not None or ev.event_type != "Explosions/Remote violence":
            return None
        txt = cas.text or ""
        side = self._side_of_victims(ev, cas)
        if side is not None:
            return side
        if not self._CIVILIAN_WORDS.search(txt) and not any((cas.victims or {}).get(k) for k in ("civilians", "children", "women")):
            if not re.match(r"^\W*(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\W*$", txt, re.I) or \
                    self._COMBATANT_NEAR.search(self.text[cas.start:min(len(self.text), cas.end + 60)]):
                return None  # "1 died": a bare figure names civilians unless combatants follow it
        if self._POLICE_WORDS.search(txt) or self._ARMY_WORDS.search(txt) or self._COMBATANT_NEAR.search(txt):
            return None
        cc = _iso2_of(ev.iso3)
        when = None
        try:
            from datetime import date as _date
            when = _date.fromisoformat(ev.event_date) if ev.event_date else None
        except ValueError:
            when = None
        st = _state(self.kb, cc, "civilians", when)
        return (st.acled_name or st.canonical, st.inter) if st is not None else None

    def _side_of_victims(self, ev, cas):
        """"Russian forces shelled X. 12 Ukrainian soldiers were killed.": ACLED Codebook, Explosions/Remote
        violence, actor 2 is the side hit; combatants named with their force or group ("Ukrainian
        soldiers", "KIA fighters") in a sentence of their own name it, unless they are actor 1's own side."""
        when = None
        try:
            from datetime import date as _date
            when = _date.fromisoformat(ev.event_date) if ev.event_date else None
        except ValueError:
            when = None
        for m in self._mentions_in((cas.start, cas.end)):
            kid = m.actor.kb_id or ""
            if m.actor.type not in ("state_actor", "armed_group") or _is_source_only(m.actor, self.kb):
                continue
            if m.actor.type == "state_actor" and not kid.endswith((":military", ":police")):
                continue
            nm = _actor_name(m.actor, self.kb, True, ev.event_type, when)
            if ev.actor1 and (nm[0] == ev.actor1 or _same_side(nm[0], ev.actor1)):
                continue
            return nm
        return None

    # "police said", "according to police": a force named only as the source of the report
    _REPORTED_BY = re.compile(r"\b(?:according to (?:the )?|told |(?:a |the )?)?(?:police|army|military)(?: \w+)? "
                              r"(?:said|say|says|stated|reported|told|confirmed)\b|\baccording to (?:the )?(?:police|army|military)\b",
                              re.I)

    _CROWDS_FIGHT = re.compile(r"\b(?:rival (?:\w+ )?(?:supporters|groups|factions|camps|crowds|youths|students|parties)|"
                               r"each other|one another|two groups|two rival|between (?:the )?supporters of)\b", re.I)

    _CIVILIAN_HARM = re.compile(r"\b(?:civilians?|villagers?|residents?|wom[ae]n|child(?:ren)?|girls?|boys?|farmers?|"
                                r"\d+-year-old|famil(?:y|ies)|inhabitants)\b", re.I)

    _HARM = re.compile(r"\b(?:kill\w*|injur\w*|wound\w*|died|dead|hurt|destroy\w*|damag\w*|hit|burn\w*|casualt\w*)\b", re.I)

    _CIVILIAN_PLACES = re.compile(r"\b(?:civilian|residential|houses?|homes?|dwellings?|schools?|hospitals?|clinics?|"
                                  r"monaster(?:y|ies)|pagodas?|churche?s?|mosques?|temples?|markets?|shelters?)\b", re.I)

    _COMBATANT_NEAR = re.compile(r"\b(?:fighters?|militants?|rebels?|combatants?|insurgents?|soldiers?|troops|servicem[ae]n|"
                                 r"police\w*|officers?|members? of)\b", re.I)

    _IDENTITY = (  # (pattern, ACLED name pattern, kb id of the generic actor or None)
        (re.compile(r"\b(?:sub-?clans?|inter-?clan|clans?|clansmen)\b", re.I), "Unidentified Clan Militia ({})"),
        (re.compile(r"\b(?:inter-?communal|communal|communities|community militias?|villagers?|vigilantes?)\b", re.I),
         "Unidentified Communal Militia ({})"),
        (re.compile(r"\b(?:inter-?tribal|tribal|tribesm[ae]n|tribes?)\b", re.I), "Unidentified Tribal Militia ({})"),
        (re.compile(r"\b(?:inter-?ethnic|ethnic|pastoralists|herders|herdsm[ae]n)\b", re.I), "Unidentified Ethnic Militia ({})"),
        (re.compile(r"\b(?:indigenous|Mapuche)\b", re.I), "Indigenous Militia ({})"),
    )

    def _agent_words(self, trig, agent=True) -> str:
        """The words that tell who acted: for the agent of a one-sided act, the clause before the
        trigger and a passive "by ..." after it; otherwise (a clash's sides, the target) the sentence."""
        s0, s1 = trig.sent_start, trig.sent_end
        if not (agent and trig.sub_event_type != "Armed clash"):
            return self.text[s0:s1]
        text = self.text[s0:trig.start]
        m = re.search(r"\bby\b(.{0,80})", self.text[trig.start:s1])
        return text + " " + m.group(1) if m else text

    def _identity_militia(self, actor, trig, cc, when, agent=True):
        """"Unidentified Armed Group (X)" for armed men named by clan, community, tribe or ethnicity
        ("militiamen from the Saad sub-clan", "inter-clan clashes", "tribesmen"): ACLED codes them as
        identity militias (inter 4) named after the group, e.g. "Habar Gedir-Saad Sub-Clan Militia
        (Somalia)"; unnamed ones as "Unidentified Clan/Communal/Tribal Militia (Country)" (ACLED
        Codebook: identity militias)."""
        if actor is None or not actor[0].startswith("Unidentified Armed Group") or actor[1] != 3:
            return actor
        text = self._agent_words(trig, agent)
        country = actor[0][actor[0].find("(") + 1:-1] if "(" in actor[0] else ""
        for pat, name in self._IDENTITY:
            if pat.search(text):
                # no country known: the generic name without one, never an invented country
                return (name.format(country) if country else name.replace(" ({})", "")), 4
        w0, w1 = self._window(trig, 2)
        if self._RAIDERS.search(text) and self._LIVESTOCK.search(self.text[w0:w1]):
            # ACLED Codebook, identity militias: groups organised around a community or livelihood;
            # pastoralist cattle raiders are coded as ethnic militias, like herders (above)
            return ("Unidentified Ethnic Militia ({})".format(country) if country else "Unidentified Ethnic Militia"), 4
        return actor

    _RAIDERS = re.compile(r"\b(?:raiders?|rustl\w*|bandits?|raid(?:s|ed|ing)?)\b", re.I)
    _LIVESTOCK = re.compile(r"\b(?:cattle|livestock|cows?|camels?|goats?|sheep|animals|herds?|rustl\w*)\b", re.I)

    # Myanmar's resistance forces after the 2021 coup, as ACLED names them: a township's force
    # "People's Defense Force - <Township>" ("the Pale PDF"), PDF groups acting together "People's
    # Defense Force - Local Group", defence forces of no stated allegiance "Unidentified Local Defense
    # Forces (Myanmar)". Rebel groups by the codebook (inter 2): armed forces fighting to overthrow
    # the military government.
    _PDF_LOCAL = re.compile(r"\b(?:local|joint|combined|several|various)\s+(?:local\s+)?(?:PDFs?|People'?s Defen[cs]e Forces?)\b")
    _PDF_NAMED = re.compile(r"\b((?:[A-Z][A-Za-z]+[- ])?[A-Z][A-Za-z]+(?:-[A-Z][A-Za-z]+)?)\s+(?:PDF|People'?s Defen[cs]e Force)\b")
    _PDF_ANY = re.compile(r"\b(?:PDFs?|People'?s Defen[cs]e Forces?)\b")
    _LDF = re.compile(r"\blocal (?:people'?s?\s+)?defen[cs]e (?:forces?|groups?|team)\b", re.I)
    _NOT_PLACE = frozenset({"The", "Local", "Joint", "Combined", "Myanmar", "Township", "District", "A", "An", "Its", "Their"})

    def _defence_force(self, actor, trig, cc, agent=True):
        """ACLED's names for Myanmar's People's Defense Forces when the note names one (see above)."""
        if actor is not None and not (actor[0].startswith("Unidentified Armed Group") and actor[1] == 3):
            return actor
        text = self._agent_words(trig, agent)
        if self._PDF_LOCAL.search(text):
            return "People's Defense Force - Local Group", 2
        m = self._PDF_NAMED.search(text)
        if m:
            words = [w for w in m.group(1).split() if w not in self._NOT_PLACE]
            if words:
                return "People's Defense Force - " + " ".join(words), 2
        if self._PDF_ANY.search(text):
            return "People's Defense Force", 2
        if (cc == "MM" or (actor is not None and actor[0].endswith("(Myanmar)"))) and self._LDF.search(text):
            return "Unidentified Local Defense Forces (Myanmar)", 2
        return actor

    _TARGETED = re.compile(r"\b(?:was|were|been|being|got)\s+(?:\w+ly\s+)?(?:attacked|ambushed|targeted|shot|assaulted|"
                           r"hit|stabbed|killed|wounded|injured|fired (?:up)?on|abducted|kidnapped|disarmed|attacked|assassinated|"
                           r"found dead|found)\b", re.I)

    def _state_is_target(self, trig, actor, when, cas=()) -> bool:
        """Is the state force ``actor`` named as the target or victim of the trigger's clause?"""
        for m in self.mentions:
            if not (trig.sent_start <= m.start < trig.sent_end):
                continue
            if _actor_name(m.actor, self.kb, True, trig.event_type, when) != actor:
                continue
            if trig.patient and _overlaps(m.start, m.end, *trig.patient):
                return True
            if any(c.start <= m.start < c.end for c in cas):
                return True
            after = self.text[m.end:min(trig.sent_end, m.end + 60)]
            if self._TARGETED.search(after.split(",")[0]):
                return True
            before = self.text[max(trig.sent_start, m.start - 30):m.start].lower()
            if re.search(r"\b(?:attack\w*|ambush\w*|target\w*|at|on|against|shot|bodies of|body of|carrying)\s+"
                         r"(?:a |an |the |two |three |several |\d+ )?$", before):
                return True
            return False
        return False

    _ATTRIB = re.compile(r"\b(?:claim\w*|planted|attribut\w*|blam\w*|suspect\w*|presum\w*|likely|believed|"
                         r"responsib\w*|allegedly)\b", re.I)

    def _attributed_group(self, trig, when, cas=(), strong_only=False):
        """A named non-state armed group the note attributes the attack to, in the trigger's
        sentence or the two around it, not among the victims or the target."""
        i = self.ix.sent(trig.start)
        w0 = self.ix.sents[max(0, i - 1)].start_char
        w1 = self.ix.sents[min(len(self.ix.sents) - 1, i + 2)].end_char
        for m in self.mentions:
            if not (w0 <= m.start < w1) or _is_source_only(m.actor, self.kb):
                continue
            state = m.actor.type == "state_actor" and (m.actor.kb_id or "").endswith((":military", ":police"))
            if m.actor.type != "armed_group" and not state:
                continue
            if trig.patient and _overlaps(m.start, m.end, *trig.patient):
                continue
            if any(c.start <= m.start < c.end for c in cas):
                continue
            nm = _actor_name(m.actor, self.kb, True, trig.event_type, when)
            if _unidentified_name(nm[0]) or nm[1] not in ((1, 8) if state else (2, 3, 4)):
                continue
            before = self.text[max(w0, m.start - 40):m.start]
            if state:
                # state forces only as the agent named right before them ("fired by presumed LNA forces")
                if not (trig.sent_start <= m.start < trig.sent_end):
                    continue
                if re.search(r"\b(?:by|presumed|suspected|allegedly)(?: the| a| an)?(?: presumed| suspected)?\s*$", before) \
                        and not strong_only:
                    return nm
                continue
            near = before + " " + self.text[m.end:min(w1, m.end + 40)]
            if self._ATTRIB.search(near) or (not strong_only and re.search(r"\bby(?: the| a| an)?\s*$", before)):
                return nm
        return None

    _UNNAMED_ARMED = re.compile(r"\b(?:armed (?:men|man|individuals?|persons?|people|groups?|assailants|suspects|"
                                r"gang|commando)|gunm[ae]n|assailants?|attackers?|suspects?|perpetrators?|militants?|"
                                r"criminals?|bandits?|robbers?|a man|men|shooters?|hitm[ae]n)\b", re.I)

    def _named_only_as_victims(self, trig, actor, when, cas=()) -> bool:
        """Is every mention of ``actor`` in the trigger's sentence inside a count of the dead or wounded?"""
        found = False
        for m in self.mentions:
            if not (trig.sent_start <= m.start < trig.sent_end):
                continue
            if _actor_name(m.actor, self.kb, True, trig.event_type, when) != actor:
                continue
            if not any(c.start <= m.start < c.end for c in cas):
                return False
            found = True
        return found

    def _unnamed_first(self, trig, actor, when, cas=()) -> bool:
        """Are unnamed armed men named before the state force ``actor`` in the trigger's sentence?"""
        for m in self.mentions:
            if not (trig.sent_start <= m.start < trig.sent_end):
                continue
            if _actor_name(m.actor, self.kb, True, trig.event_type, when) == actor:
                chars = list(self.text[trig.sent_start:m.start])
                for c in cas:  # "a man was killed after exchanging fire with police": a victim, not the attacker
                    for k in range(max(c.start, trig.sent_start), min(c.end, m.start)):
                        chars[k - trig.sent_start] = " "
                before = "".join(chars)
                return self._UNNAMED_ARMED.search(before) is not None
        return False

    def _era_by_vocabulary(self, actor):
        """An undated note about "the regime" in Syria is about Assad's government: name its forces
        for that period (ACLED: "Military Forces of Syria (2000-)"), not the post-December-2024 one."""
        if actor is None or not re.match(r"(Military|Police) Forces of Syria \(2024-\)", actor[0]):
            return actor
        if not re.search(r"\b(?:regime|Assad|loyalist|Shabiha|pro-government militias?)\b", self.text, re.I):
            return actor
        from datetime import date as _date
        kind = "military" if actor[0].startswith("Military") else "police"
        st = _state(self.kb, "SY", kind, _date(2020, 1, 1))
        if st is None:
            return actor
        return (st.acled_name or st.canonical) + actor[0].split(")", 1)[1], actor[1]

    def _smm(self) -> bool:
        """Does the text cite the OSCE Special Monitoring Mission to Ukraine?"""
        return re.search(r"\b(?:OSCE|SMM)\b", self.text) is not None

    def _state_agent_near(self, trig, when, cas=()):
        """A state force named in the trigger's sentence or the two before it, not as a victim or
        as the target of the trigger."""
        i = self.ix.sent(trig.start)
        w0 = self.ix.sents[max(0, i - 2)].start_char
        w1 = trig.sent_end
        for m in self.mentions:
            if not (w0 <= m.start < w1) or _is_source_only(m.actor, self.kb):
                continue
            kid = m.actor.kb_id or ""
            if not (m.actor.type == "state_actor" and kid.endswith((":military", ":police"))) and not (
                    m.actor.acled_name or "").startswith(("Military Forces of", "Police Forces of")):
                continue
            if trig.patient and _overlaps(m.start, m.end, *trig.patient):
                continue
            if m.start > trig.start and not re.search(r"\b(?:by|during|in|amid|after)(?: the| a| an)?\s*$", self.text[max(w0, m.start - 12):m.start]):
                continue  # after the trigger: its target, unless "by police", "during a police raid"
            if any(c.start <= m.start < c.end or m.start <= c.start < m.end for c in cas):
                continue
            if self._reporter_span(m):
                continue
            before = self.text[max(w0, m.start - 25):m.start].lower()
            if re.search(r"\b(against|on|at|targeting|attacked|ambushed|killed|wounded|injured|toward|towards)\s+(?:a |an |the |two |three |several )?$", before):
                continue
            return _actor_name(m.actor, self.kb, True, trig.event_type, when)
        return None

    def _ukraine_sides(self, place, when, cc=None):
        """(actor1, actor2) for fire near a settlement of the Donbas contact line that no party is
        named for: the side that did not hold the settlement is taken as the shooter; unknown
        settlements default to the government side first (the larger share of such reports)."""
        from marsad.actors.frontlines import ukraine_control
        if (place is not None and place.country_code == "UA" and place.admin1 and not self._smm()
                and not re.search(r"Donet|Luhan|Lugan", place.admin1)):
            return None
        names = []
        if place is not None:
            names = [place.name, self.text[place.start:place.end]]
        # the settlement named as the place of the fire ("observed ... near Zolote-4")
        names += re.findall(r"\b(?:near|in|at|of|around)\s+((?:[A-Z][\w'’-]+)(?:[ -](?:[A-Z0-9][\w'’-]*))*)", self.text)
        ctl = next((c for c in (ukraine_control(n) for n in names) if c), None)
        if cc != "UA" and ctl is None and not re.search(
                r"\b(?:Ukrain\w*|Donbas+|Donetsk|Luhansk|Lugansk|SMM)\b|Special Monitoring Mission", self.text):
            return None  # an OSCE mention elsewhere is not a Donbas ceasefire report
        ua = _state(self.kb, "UA", "military", when)
        if ua is None:
            return None
        gov = (ua.acled_name or ua.canonical, ua.inter)
        if when is not None and when.isoformat() >= "2022-02-24":
            ru = _state(self.kb, "RU", "military", when)
            other = (ru.acled_name or ru.canonical, 8) if ru is not None else None
        else:
            naf = self.kb.get("dnr")
            other = (naf.acled_name or naf.canonical, naf.inter) if naf is not None else None
        if other is None:
            return None
        return (other, gov) if ctl == "GCA" else (gov, other)
