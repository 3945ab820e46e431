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
from marsad.events.conventions import _DE_FACTO, ConventionsMixin, _allied, _same_side, et_is_battle  # noqa: F401


class RolesMixin(ConventionsMixin):
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
        crowd_was = None
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
                if a1 is None or a1[1] not in (1, 2, 3, 4, 8) or trig.event_type == "Protests" or (
                        a1[1] in (3, 4) and _unidentified_name(a1[0])):
                    # (ACLED Codebook, Rioters: a riot's unnamed perpetrators are the rioters, never an
                    # "Unidentified Armed Group" or an unnamed communal militia, which are organised
                    # armed actors; the riot frame has already judged the perpetrators a crowd)
                    if a1 is not None and a1[1] in (3, 4):
                        crowd_was = a1[0]
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
                a1 = (a.acled_name or a.canonical, a.inter) if a else None  # country unknown: no country named
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
                if cand[0] == crowd_was:
                    continue  # the crowd itself, named as a militia
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
            a1 = self._defence_force(a1, trig, cc, agent=True)
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
        if violent:
            a1, a2 = self._air_agent(trig, a1, a2, cc, when)  # who flies (events/airpower.py)
        if getattr(self, "_home_cc", None):
            cc = self._home_cc
        a1, a2 = self._planted_by_unknown(trig, a1, a2, cc, when)
        a1, a2 = self._external(a1, cc, when), self._external(a2, cc, when)
        if a2 is not None and a1 is not None and a2[0] == a1[0] and not both:
            a2 = None
        return a1, a2

    def _planted_by_unknown(self, trig, a1, a2, cc, when):
        """A bomb, mine or IED whose planter the text does not name: ACLED codes an "Unidentified
        Armed Group (Country)" as actor 1. State forces named only as the owners, occupants or
        targets of what blew up ("the military-owned telecom tower was bombed", "schools occupied
        by the military", "soldiers were attacked with landmines") are its victims (actor 2)."""
        if trig.sub_event_type != "Remote explosive/landmine/IED" or trig.agent is not None or a1 is None \
                or a1[1] not in (1, 8) or not cc:
            return a1, a2
        sent = self.text[trig.sent_start:trig.sent_end]
        if re.search(r"\b(?:by|planted by|laid by|detonated by)\s+(?:the\s+)?(?:\w+\s+){0,3}?"
                     r"(?:military|army|soldiers|troops|forces|police|junta)\b(?!-owned)", sent, re.I) and \
                not re.search(r"\b(?:occupied|owned|run|used|guarded|manned|controlled) by\b", sent, re.I):
            return a1, a2
        st = _state(self.kb, cc, "unidentified", when)
        if st is None:
            return a1, a2
        if a2 is None or a2[1] == 7:
            a2 = a1
        return (st.acled_name or st.canonical, st.inter), a2

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
