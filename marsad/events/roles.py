"""Who did what to whom, and who says so: the actor and source choices of event assembly.

A mixin of :class:`marsad.events.assemble.Assembler`; it reads the assembler's mentions, places,
sentences and knowledge base (``self.mentions``, ``self.places``, ``self.sdoc``, ``self.kb``...).
"""
from __future__ import annotations

from typing import Optional

import re

from marsad.events.common import (PRONOUNS, REPORT_LEMMAS, STATE_KIND_FOR, VIOLENT_TYPES, _actor_name, _as_gang,
                                  _is_source_only, _overlaps, _state, _unidentified_name)
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


def et_is_battle(trig) -> bool:
    return trig.event_type == "Battles"


class RolesMixin:
    def source_for(self, trig) -> Optional[str]:
        s0, s1 = self._sentence_span(trig)
        found = self._source_by_parse(trig)
        if found is None or found[1]:
            return found[0] if found else None
        # the parse gave a bystander ("civilians", "residents"): a news agency or monitor named in
        # the same reporting sentence is the better answer
        for m in self.mentions:
            if s0 <= m.start < s1 and _is_source_only(m.actor, self.kb):
                return m.actor.canonical
        return found[0]

    def _source_by_parse(self, trig):
        """(source name, confident) from the subject of the reporting verb governing the clause."""
        s0, s1 = self._sentence_span(trig)
        sent = self.ix.sents[self.ix.sent(trig.start)]
        for tok in sent:
            lem = tok.lemma_.lower()
            if lem not in REPORT_LEMMAS:
                continue
            if lem == "according":
                span = [t for t in tok.subtree if t.i > tok.i]
            else:
                subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
                span = list(subj[0].subtree) if subj else []
            if not span:
                continue
            a0, a1 = span[0].idx, span[-1].idx + len(span[-1].text)
            for m in self.mentions:
                if _overlaps(m.start, m.end, a0, a1):
                    kid = m.actor.kb_id or ""
                    if kid.startswith("state:") and kid.split(":")[-1] in ("civilians", "unidentified", "protesters", "rioters"):
                        return m.text[:1].upper() + m.text[1:], False
                    if kid.startswith("state:"):
                        return _actor_name(m.actor, self.kb, False, None, self.pub)[0], True
                    return m.actor.canonical, True
            # an unresolved but named reporter ("a resident", "State television")
            txt = self.text[a0:a1].strip()
            if txt and len(txt) < 60 and any(t.pos_ == "PROPN" for t in span):
                return txt, True
            if txt and txt.lower().split()[-1] in ("television", "tv", "media", "agency", "residents", "resident",
                                                   "activists", "sources", "source", "witnesses", "officials", "police",
                                                   "army", "military", "ministry", "spokesman", "observatory"):
                return txt[:1].upper() + txt[1:], True
        return None

    # ------------------------------------------------------------ actors
    def _mentions_in(self, span) -> list:
        if not span:
            return []
        a0, a1 = span
        return [m for m in self.mentions if _overlaps(m.start, m.end, a0, a1)]

    def _countries_in(self, span, demonyms=True) -> list:
        if not span:
            return []
        a0, a1 = span
        return [p for p in self.places if _overlaps(p.start, p.end, a0, a1) and p.country_code
                and ((p.is_demonym and demonyms) or (not p.is_demonym and (p.feature_code or "").startswith("PCL")))]

    def _pronoun_antecedent(self, span, trig):
        """ "The Turkish army ... said it had carried out": a subject pronoun takes the subject of the
        governing clause, else the nearest earlier actor in the sentence."""
        a0, a1 = span
        if self.text[a0:a1].strip().lower() not in PRONOUNS:
            return None
        tok = self.sdoc[trig.token_i]
        for anc in tok.ancestors:
            subj = [c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx < a0]
            if subj:
                st = list(subj[0].subtree)
                b0, b1 = st[0].idx, st[-1].idx + len(st[-1].text)
                ms = [m for m in self.mentions if _overlaps(m.start, m.end, b0, b1)
                      and not _is_source_only(m.actor, self.kb)]
                if ms:
                    return ms[0]
        pre = [m for m in self.mentions if trig.sent_start <= m.start < a0 and not _is_source_only(m.actor, self.kb)
               and m.actor.type in ("state_actor", "armed_group")]
        return pre[-1] if pre else None

    def _widen(self, span):
        """Add appositions ("his counterpart Vladimir Putin") to an argument span."""
        sp = self.sdoc.char_span(span[0], span[1], alignment_mode="expand")
        if sp is None:
            return span
        end = span[1]
        for tok in sp:
            for c in tok.children:
                if c.dep_ == "appos" and c.i >= sp.end - 1:
                    sub = list(c.subtree)
                    end = max(end, sub[-1].idx + len(sub[-1].text))
        return (span[0], end)

    def actor_from_span(self, span, trig, violent: bool, when, role="agent"):
        if span:
            span = self._widen(span)
            ante = self._pronoun_antecedent(span, trig)
            if ante is not None:
                return _actor_name(ante.actor, self.kb, violent, trig.event_type, when), ante
        ms = [m for m in self._mentions_in(span) if not _is_source_only(m.actor, self.kb)]
        if role == "agent" and violent and trig.event_type not in ("Riots",):
            # civilians are the targets of political violence, not its perpetrators
            ms = [m for m in ms if not (m.actor.kb_id or "").endswith((":civilians", ":protesters"))]
        if ms:
            return _actor_name(ms[0].actor, self.kb, violent, trig.event_type, when), ms[0]
        cs = self._countries_in(span, demonyms=(role == "agent"))
        if cs:
            kind = STATE_KIND_FOR.get(trig.event_type or "", "military") if violent else "government"
            a = _state(self.kb, cs[0].country_code, kind, when)
            if a is not None:
                return (a.acled_name or a.canonical, a.inter), None
        return None, None

    _ALLY = re.compile(r"\b(?:(?:backed|supported|assisted|aided|accompanied|joined|reinforced|led|commanded|helped)\s+by|"
                       r"along\s?(?:side|with)|together with|in coordination with|(?:and|with) (?:its|their) allies|"
                       r"including|under|as part of|part of|within|affiliated with|allied (?:to|with)|loyal to|"
                       r"(?:fighters|members|forces|factions|units) of(?: the)?)\b", re.I)
    _BREAK = re.compile(r"\b(?:against|with|on|targeting|attacked|repelled)\b")

    def _clash_sides(self, trig, violent, when, cas=()):
        """Split the armed parties of a clash sentence into the two sides, in the order named.
        A party named only as the dead or wounded ("6 Taliban militants were killed") is the
        other side of whoever attacked them. Parties introduced as allies ("regime forces, backed
        by loyalist militias, ...", "X along with Y") stay on the side of the party they back, and
        pro-government militias are never the opponent of their state's forces."""
        forces = self._forces_in_sentence(trig, violent, when, with_pos=True, with_end=True)
        if not forces:
            return [], []
        victims = [(f, pos) for f, pos, _ in forces if any(c.start <= pos < c.end for c in cas)]
        if victims and len(victims) < len(forces):
            rest = [(f, pos) for f, pos, _ in forces if (f, pos) not in victims]
            return [f for f, _ in rest], [f for f, _ in victims if f not in [r for r, _ in rest]]
        # allies: introduced by a marker after the previous party, or listed right after an ally
        ally = [False] * len(forces)
        for i in range(1, len(forces)):
            gap = self.text[forces[i - 1][2]:forces[i][1]]
            marks = list(self._ALLY.finditer(gap))
            tail = gap[marks[-1].end():] if marks else ""
            if marks and len(tail.split()) <= 4 and not re.search(
                    r"\b(?:with|against|between|clash\w*|fought|fight\w*|attack\w*|target\w*|repel\w*)\b", tail):
                ally[i] = True
            elif ally[i - 1] and len(gap) < 12 and re.fullmatch(r"\s*(?:and|or|and/or|,)\s*", gap):
                ally[i] = True
        sent = self.text[trig.sent_start:trig.sent_end]
        first = forces[0][1] - trig.sent_start
        brk = None
        m = re.search(r"\bagainst\b", sent[first:]) or self._BREAK.search(sent[first:])
        if m:
            brk = trig.sent_start + first + m.start()
        else:
            m = re.search(r"\bbetween\b", sent)
            if m:
                # "between X, backed by Y, and Z": the first "and" that follows a principal party
                for i in range(1, len(forces)):
                    if not ally[i] and forces[i][1] > trig.sent_start + m.end():
                        brk = forces[i][1]
                        break
                if brk is None:
                    m = re.search(r"\bbetween\b.*?\band\b", sent)
                    if m:
                        brk = trig.sent_start + m.end() - 3
        if brk is None:
            return [f for f, _, _ in forces], []
        side1, side2 = [], []
        for i, (f, pos, _) in enumerate(forces):
            if pos < brk or (ally[i] and side1 and not side2):
                if f not in side1:
                    side1.append(f)
            elif ally[i] and side2:
                if f not in side2 and f not in side1:
                    side2.append(f)
            elif f not in side1 and f not in side2:
                side2.append(f)
        if side1 and side1[0][1] in (1, 8):
            pro = [f for f in side2 if f[0].startswith("Militia (Pro-Government)")]
            if pro and len(side2) > len(pro):
                side2 = [f for f in side2 if f not in pro]
                side1 += pro
        return side1, side2

    def _forces_in_sentence(self, trig, violent, when, initiators=False, with_pos=False, with_end=False) -> list:
        """Armed parties (state forces, armed groups) named in the trigger's sentence, in order.

        With ``initiators``, only those that can be the perpetrator: named before the trigger and
        outside its target, or after it as the agent of a passive ("by X")."""
        out: list = []
        seen: list = []
        for m in self.mentions:
            if not (trig.sent_start <= m.start < trig.sent_end) or _is_source_only(m.actor, self.kb):
                continue
            if initiators:
                if trig.patient and _overlaps(m.start, m.end, *trig.patient):
                    continue
                if m.start > trig.start and not self.text[max(trig.sent_start, m.start - 12):m.start].rstrip().lower().endswith(
                        ("by", "by the")):
                    continue
            kid = m.actor.kb_id or ""
            if m.actor.type not in ("state_actor", "armed_group", "person"):
                continue
            if kid.startswith("state:") and not kid.endswith((":military", ":police", ":government")):
                continue
            if kid.endswith(":government") and (not violent or not any(
                    w in m.text.lower() for w in ("regime", "forces", "troops", "army", "loyalist"))):
                continue  # "the regime" fights; "France" or "Damascus" as a government does not
            if m.actor.type == "person" and not m.actor.represents:
                continue
            if self._reporter_span(m):
                continue
            nm = _actor_name(m.actor, self.kb, violent, trig.event_type, when)
            if nm[1] not in (1, 2, 3, 4, 8) or nm in seen or any(_same_side(nm[0], o[0]) for o in seen):
                continue
            seen.append(nm)
            out.append(((nm, m.start, m.end) if with_end else (nm, m.start)) if with_pos else nm)
        return out

    def _external(self, actor, cc, when):
        """ACLED's inter code 8: a state's forces acting outside their own country."""
        if actor is None or actor[1] != 1 or not cc:
            return actor
        for name, parent in _DE_FACTO.items():
            if name in actor[0] and parent == cc:
                return actor
        home = _state(self.kb, cc, "military", when)
        police = _state(self.kb, cc, "police", when)
        if home is None:
            return actor
        if _same_state(actor[0], home.acled_name or "") or (police is not None and _same_state(actor[0], police.acled_name or "")):
            return actor
        if actor[0].startswith(("Military Forces of", "Police Forces of")):
            return actor[0], 8
        return actor

    def _criminal_context(self) -> bool:
        if not hasattr(self, "_crime"):
            low = self.text.lower()
            self._crime = any(w in low for w in ("cartel", "drug traffick", "drug dealer", "gang", "criminal group",
                                                 "organized crime", "organised crime", "narco", "traffickers"))
        return self._crime

    def _reporter_span(self, m) -> bool:
        """Is this mention the subject of a reporting verb ("the army said")?"""
        span = self.sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        return root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in REPORT_LEMMAS

    def actors_for(self, trig, place, when, victims: dict, cas=()):
        default_a1 = False  # actor 1 is only the "unidentified" fallback, nothing was named
        self._home_cc = None
        violent = trig.event_type in VIOLENT_TYPES or (trig.event_type == "Strategic developments"
                                                       and trig.sub_event_type not in ("Agreement", "Other"))
        a1, m1 = self.actor_from_span(trig.agent, trig, violent, when)
        a2, m2 = self.actor_from_span(trig.patient, trig, violent, when, role="patient")
        if a2 is None and trig.agent:
            # "Putin and McCron discussed ...": the second party of a coordinated subject
            bodies = []
            agent = trig.agent
            sp = self.sdoc.char_span(agent[0], agent[1], alignment_mode="expand")
            if sp is not None:
                root = sp.root
                while root.dep_ in ("conj", "appos") and root.head.i != root.i:
                    root = root.head  # "Putin and his counterpart Erdogan": climb to the coordination
                sub = list(root.subtree)
                agent = (min(agent[0], sub[0].idx), max(agent[1], sub[-1].idx + len(sub[-1].text)))
                for c in list(root.children) + [c for c in root.head.children if c.dep_ == "nsubj" and c.i != root.i]:
                    if c.dep_ in ("conj", "nsubj"):
                        sub = list(c.subtree)
                        agent = (min(agent[0], sub[0].idx), max(agent[1], sub[-1].idx + len(sub[-1].text)))
            for m in self._mentions_in(agent):
                if _is_source_only(m.actor, self.kb):
                    continue
                nm = _actor_name(m.actor, self.kb, violent, trig.event_type, when)
                if nm not in bodies:
                    bodies.append(nm)
            # in political violence a coordinated subject is one side ("pro-Hadi forces and Popular
            # Resistance fighters thwarted ..."), except with reciprocal verbs ("X and Y clashed")
            reciprocal = (trig.lemma or "").lower() in ("clash", "fight", "exchange", "battle", "skirmish", "engage",
                                                         "confront", "clashes", "fighting", "firefight", "shootout")
            if len(bodies) >= 2 and a1 is not None and a1 in bodies and (not violent or reciprocal or a1[1] is None):
                a1, a2 = bodies[0], bodies[1]
            elif len(bodies) >= 2 and a1 is not None and a1 in bodies and a2 is None:
                rest = [b for b in bodies if b != a1 and not _same_side(b[0], a1[0])]
                if rest:
                    self._assoc1 = "; ".join(b[0] for b in rest)
        if trig.event_type == "Battles":
            # "clashes between X and Y", "X (backed by Z) clashed with Y": ACLED names the first side
            # first; allies of a side are its associates, not its opponent
            side1, side2 = self._clash_sides(trig, violent, when, cas)
            if side1 and side2:
                a1, a2 = side1[0], side2[0]
                if len(side1) > 1:
                    self._assoc1 = "; ".join(f[0] for f in side1[1:])
            elif side1 and a1 is None:
                a1 = side1[0]
        if (a1 is None or _unidentified_name(a1[0])) and violent and trig.sub_event_type != "Armed clash":
            # "kidnapped and killed by Taliban militants", "IS fighters ... attacked": a named armed
            # party before the trigger, or after it only as the agent of a passive ("by X")
            prev = self.last_attacker.get(place.geonameid if place is not None else None)
            dead = [(f, pos) for f, pos in self._forces_in_sentence(trig, violent, when, initiators=True, with_pos=True)
                    if any(c.start <= pos < c.end for c in cas)]
            forces = [f for f in self._forces_in_sentence(trig, violent, when, initiators=True)
                      if f != a2 and f not in [d for d, _ in dead]]
            if prev is not None and a1 is None:
                a1 = prev
            elif forces:
                a1 = forces[0]
        if a1 is None and trig.instrument is None:
            # "Syrian army forces are shelling": the demonym or actor right before the trigger in its sentence
            s0 = trig.sent_start
            pre = [m for m in self.mentions if s0 <= m.start < trig.start and not _is_source_only(m.actor, self.kb)
                   and m.actor.type in ("state_actor", "armed_group") and not (m.actor.kb_id or "").endswith(":civilians")]
            if pre and violent:
                a1 = _actor_name(pre[-1].actor, self.kb, violent, trig.event_type, when)
        cc = (place.country_code if place is not None else None) or self.focus_cc
        key = (place.geonameid if place is not None else None)
        if trig.event_type in ("Protests", "Riots"):
            # ACLED names the crowd "Protesters (Country)" / "Rioters (Country)"; organisers are associates
            who = "protesters" if trig.event_type == "Protests" else "rioters"
            crowd = _state(self.kb, cc, who, when)
            if crowd is None:
                # country unknown: the crowd is still protesters/rioters, not an invented country
                from marsad.records import Actor
                crowd = Actor(kb_id=f"generic:{who}", canonical=who.capitalize(), type="organization",
                              acled_name=who.capitalize(), inter=6 if who == "protesters" else 5)
            if crowd is not None:
                if a1 is not None and a1[1] not in (1, 2, 3, 4, 8) and a1[0] != crowd.acled_name:
                    self._assoc1 = a1[0]
                if trig.event_type == "Riots" and a1 is not None and a1[1] in (1, 8) and a2 is None:
                    a2 = a1  # "police raided ... locals pelted them with stones": rioters against the police
                    a1 = None
                if a1 is None or a1[1] not in (1, 2, 3, 4, 8) or trig.event_type == "Protests":
                    a1 = (crowd.acled_name or crowd.canonical, crowd.inter)
            if trig.event_type == "Protests" and trig.sub_event_type == "Peaceful protest":
                a2 = None
            elif a2 is None or a2[0] == (crowd.acled_name or crowd.canonical):
                forces = [f for f in self._forces_in_sentence(trig, True, when) if f[1] == 1]
                a2 = forces[0] if forces else None
        if a1 is None and violent:
            # instrument-led clause ("air strikes killed ..."): whoever attacked this area before
            prev = self.last_attacker.get(key) or self.last_attacker.get(cc)
            if prev:
                a1 = prev
            else:
                a = _state(self.kb, cc, "unidentified", when) or self.kb.state_actor("", "unidentified")
                a1 = (a.acled_name or a.canonical, a.inter) if a else None  # country unknown: "(International)"
                default_a1 = a1 is not None
        if a1 is not None and violent and a1[1] in (1, 2, 8):
            self.last_attacker[key] = a1
            if cc:
                self.last_attacker[cc] = a1
        if a2 is None and violent and a1 is not None:
            # "X clashed with Y", "clashes between X and Y", "X shelled positions of Y": the other
            # armed party named in the clause
            s0, s1 = trig.sent_start, trig.sent_end
            for m in self.mentions:
                if not (s0 <= m.start < s1) or _is_source_only(m.actor, self.kb):
                    continue
                kid = m.actor.kb_id or ""
                if m.actor.type not in ("state_actor", "armed_group") or (kid.startswith("state:") and not kid.endswith(
                        (":military", ":police"))):
                    continue
                if self._reporter_span(m):
                    continue
                cand = _actor_name(m.actor, self.kb, violent, trig.event_type, when)
                if cand[0] != a1[0] and not _same_side(cand[0], a1[0]) and not _allied(cand, a1):
                    a2 = cand
                    break
        if a2 is None and violent and trig.patient and cc:
            # "attacked a police team", "threw stones at two soldiers": the security forces of the
            # country, named by their role rather than their name
            target = self.text[trig.patient[0]:trig.patient[1]].lower()
            kind = ("police" if re.search(r"\b(police\w*|officers?|gendarm\w*|constables?)\b", target) else
                    "military" if re.search(r"\b(soldiers?|troops?|army|military|servicem[ae]n)\b", target) else None)
            if kind:
                st = _state(self.kb, cc, kind, when)
                if st is not None and (a1 is None or st.acled_name != a1[0]):
                    a2 = (st.acled_name or st.canonical, st.inter)
        civilian_victims = any(victims.get(k) for k in ("civilians", "children", "women")) or (
            trig.patient is not None and any((m.actor.kb_id or "").endswith(":civilians")
                                             for m in self._mentions_in(trig.patient)))
        if a2 is None and violent and (civilian_victims or trig.event_type == "Violence against civilians"):
            a = _state(self.kb, cc, "civilians", when) or self.kb.state_actor("", "civilians")
            a2 = (a.acled_name or a.canonical, a.inter) if a else None
        if a2 is None and violent:
            # "6 Taliban militants were killed", "an HTS fighter was shot": the victims' own side
            for c in cas:
                for m in self._mentions_in((c.start, c.end)):
                    if m.actor.type not in ("state_actor", "armed_group") or _is_source_only(m.actor, self.kb):
                        continue
                    if (m.actor.kb_id or "").endswith((":civilians", ":protesters", ":government")):
                        continue
                    nm = _actor_name(m.actor, self.kb, violent, trig.event_type, when)
                    if a1 is None or (nm[0] != a1[0] and not _same_side(nm[0], a1[0])):
                        a2 = nm
                        break
                if a2 is not None:
                    break
        if violent:
            # "Turkish forces and JWS factions, operating under OPS, shelled ...": ACLED codes the
            # joint operation as the actor and its members as associates
            for m in self.mentions:
                if not (trig.sent_start <= m.start < trig.sent_end) or not m.actor.canonical.startswith("Operation "):
                    continue
                before = self.text[max(trig.sent_start, m.start - 30):m.start].lower()
                if (("under" in before or "part of" in before or "within" in before
                     or re.search(r"\b(?:fighters|members|forces|factions) of(?: the)?\s*$", before))
                        and (a1 is None or m.start < trig.start)):
                    op = _actor_name(m.actor, self.kb, violent, trig.event_type, when)
                    if a1 is not None and a1 != op:
                        self._assoc1 = a1[0] if not self._assoc1 else f"{a1[0]}; {self._assoc1}"
                    a1 = op
                    if a2 == op:
                        a2 = None
                    break
        a1, a2, both = self._complete_actors(trig, place, when, violent, a1, a2, cc, default_a1, cas)
        if violent:
            a1 = self._identity_militia(a1, trig, cc, when, agent=True)
            if et_is_battle(trig):
                a2 = self._identity_militia(a2, trig, cc, when, agent=False)
        if self._criminal_context():
            # ACLED names armed criminal organisations "Unidentified Gang (Country)" when unnamed
            a1 = _as_gang(a1)
            a2 = _as_gang(a2)
            if violent and a1 is not None and a1[1] == 1 and a2 is None and cc:
                # "a drug trafficker was killed after exchanging fire with military police"
                unk = _state(self.kb, cc, "unidentified", when)
                if unk is not None:
                    a2 = _as_gang((unk.acled_name or unk.canonical, unk.inter))
        if when is None:
            a1, a2 = self._era_by_vocabulary(a1), self._era_by_vocabulary(a2)
        if getattr(self, "_home_cc", None):
            cc = self._home_cc
        a1, a2 = self._external(a1, cc, when), self._external(a2, cc, when)
        if a2 is not None and a1 is not None and a2[0] == a1[0] and not both:
            a2 = None
        return a1, a2

    # ------------------------------------------------------------ ACLED's implied second actor
    _POLICE_WORDS = re.compile(r"\b(police(?!\s+(?:station|post|limits|headquarters|jurisdiction))\w*|polic?m[ae]n|"
                               r"officers?|(?:body)?guards?|gendarm\w*|security (?:forces|personnel|officials)|"
                               r"riot (?:police|squad)|anti-riot|law enforcement|carabinieri|constables?)\b", re.I)
    _ARMY_WORDS = re.compile(r"\b(soldiers?|troops|army|rangers?|military(?: forces)?|armed forces|servicem[ae]n|"
                             r"government(?:al)? (?:positions|forces|troops))\b", re.I)
    _INTERVENE = re.compile(r"\b(interven\w*|dispers\w*|arrest\w*|detain\w*|tear ?gas|fired|lathi|baton|"
                            r"clash\w*|stopp\w*|prevent\w*|broke up|break up|disrupt\w*|removed|took down|"
                            r"rubber bullets|water cannon|confront\w*)\b", re.I)

    _REPEL = re.compile(r"\b(?:repel\w*|repuls\w*|fought off|beat back)\b"
                        r"[^.;]{0,40}?\b(?:attacks?|offensives?|assaults?|advances?|infiltrations?|incursions?|raids?)\b", re.I)

    _CAPTURE = re.compile(r"\b(?:captur\w*|overt[oa]k\w*|took control|take control|seiz\w*|advanc\w*|"
                          r"controll?ed|recaptur\w*|retook|regain\w*|destroy\w*)\b", re.I)

    _ROLE_AGENT = re.compile(r"\b(?:police(?:m[ae]n| officers?| forces)?|soldiers?|troops|gendarmes?|security forces|"
                             r"army|military|(?:prison |jail )?guards|(?:intelligence |security )?officers)\b(?!\s+(?:station|post|checkpoint|base|camp|vehicle|patrol|officer was|officers were))",
                             re.I)
    _CIVILIAN_WORDS = re.compile(r"\b(?:civilians?|women|woman|children|child|girls?|boys?|m[ae]n|people|persons?|"
                                 r"residents?|villagers?|farmers?|students?|teachers?|drivers?|journalists?|famil(?:y|ies)|"
                                 r"passengers?|workers?|shepherds?|herders?|worshippers?|displaced|refugees?|elderly)\b", re.I)

    def _window(self, trig, after: int = 2):
        """Character bounds of the trigger's sentence and the next ``after`` sentences."""
        i = self.ix.sent(trig.start)
        j = min(len(self.ix.sents) - 1, i + after)
        return trig.sent_start, max(trig.sent_end, self.ix.sents[j].end_char)

    def _state_forces_near(self, trig, when, after: int = 2, kinds=(1, 8)) -> list:
        """State forces named in the trigger's sentence and the next sentences, in order."""
        w0, w1 = self._window(trig, after)
        out: list = []
        for m in self.mentions:
            if not (w0 <= m.start < w1) or _is_source_only(m.actor, self.kb):
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
        low = self.text.lower()
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
            w0, w1 = self._window(trig, 2)
            window = self.text[w0:w1]
            if a2 is None and (sub in ("Protest with intervention", "Excessive force against protesters")
                               or (et == "Riots" and sub != "Mob violence" and self._INTERVENE.search(window))):
                forces = self._state_forces_near(trig, when)
                if forces:
                    a2 = forces[0]
                else:
                    a2 = self._security_by_role(window, cc, when)
                    if a2 is None and sub in ("Protest with intervention", "Excessive force against protesters") and cc:
                        st = _state(self.kb, cc, "police", when)
                        a2 = (st.acled_name or st.canonical, st.inter) if st is not None else None
            if a2 is None and sub == "Mob violence":
                sent = self.text[trig.sent_start:trig.sent_end].lower()
                if re.search(r"\b(clash\w*|between|rival|two groups|fought|each other)\b", sent):
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
        if a2 is None and et == "Explosions/Remote violence" and a1[1] in (2, 3, 4):
            # "fired grenade launchers at the governmental positions": the state forces targeted
            after = self.text[trig.start:trig.sent_end]
            role = self._security_by_role(after, cc, when)
            if role is not None and not _same_side(role[0], a1[0]):
                a2 = role
        return a1, a2, both

    _IDENTITY = (  # (pattern, ACLED name pattern, kb id of the generic actor or None)
        (re.compile(r"\b(?:sub-?clans?|inter-?clan|clans?|clansmen)\b", re.I), "Unidentified Clan Militia ({})"),
        (re.compile(r"\b(?:inter-?communal|communal|community militias?|villagers?|vigilantes?)\b", re.I),
         "Unidentified Communal Militia ({})"),
        (re.compile(r"\b(?:inter-?tribal|tribal|tribesm[ae]n|tribes?)\b", re.I), "Unidentified Tribal Militia ({})"),
        (re.compile(r"\b(?:inter-?ethnic|ethnic)\b", re.I), "Unidentified Ethnic Militia ({})"),
        (re.compile(r"\b(?:indigenous|Mapuche)\b", re.I), "Indigenous Militia ({})"),
    )

    def _identity_militia(self, actor, trig, cc, when, agent=True):
        """"Unidentified Armed Group (X)" for armed men named by clan, community, tribe or ethnicity
        ("militiamen from the Saad sub-clan", "inter-clan clashes", "tribesmen"): ACLED codes them as
        identity militias (inter 4) named after the group, e.g. "Habar Gedir-Saad Sub-Clan Militia
        (Somalia)"; unnamed ones as "Unidentified Clan/Communal/Tribal Militia (Country)" (ACLED
        Codebook: identity militias)."""
        if actor is None or not actor[0].startswith("Unidentified Armed Group") or actor[1] != 3:
            return actor
        s0, s1 = trig.sent_start, trig.sent_end
        if agent and trig.sub_event_type != "Armed clash":
            # the attacker's words: the clause before the trigger, or a passive "by ..." after it
            text = self.text[s0:trig.start]
            m = re.search(r"\bby\b(.{0,80})", self.text[trig.start:s1])
            if m:
                text += " " + m.group(1)
        else:
            text = self.text[s0:s1]
        country = actor[0][actor[0].find("(") + 1:-1] if "(" in actor[0] else ""
        if not country:
            return actor
        for pat, name in self._IDENTITY:
            if pat.search(text):
                return name.format(country), 4
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

    # ------------------------------------------------------------ counts
