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

import hashlib
import re
from collections import Counter
from datetime import date
from typing import Optional

from marsad.events.common import (CASUALTY_LEMMAS, HABITUAL, NON_CODED_MODALITIES, REPORT_LEMMAS, TOLL_KIND,
                                  VENUE_HEADS, VIOLENT_TYPES, _dedupe_counts, _Index, _iso3, _long_span,
                                  _reference_point, _short_span, _span)
from marsad.events.notes import write_notes
from marsad.events.airpower import AirpowerMixin
from marsad.events.location import LocationMixin
from marsad.events.plover import light_verb
from marsad.events.roles import RolesMixin
from marsad.events.triggers import attribution_filter, vote
from marsad.records import Event, Span, Toll, span_order
from marsad.parse.doctext import doc_text

# A violent incident dated more than this many days before the report's publication is a recap of
# earlier news ("Saturday's convoy attack killed 126", read on Wednesday; "the October 13 mortar
# attack"): wire reports cover the day of publication and the one to three days before it. Recaps
# go to `tolls` as background, so one report never re-counts incidents that were news days ago.
RECAP_DAYS = 3
# common nouns that name an institution or an organised group (a PLOVER source actor)
_INSTITUTIONS = frozenset({
    "newspaper", "paper", "agency", "authority", "official", "leader", "government", "ministry", "minister",
    "court", "party", "union", "council", "parliament", "assembly", "committee", "delegation", "negotiator",
    "spokesman", "spokeswoman", "spokesperson", "embassy", "army", "military", "police", "troop", "force",
    "rebel", "guerrilla", "militia", "militant", "insurgent", "group", "organization", "organisation",
    "movement", "opposition", "regime", "administration", "cabinet", "junta", "worker", "student", "farmer",
    "protester", "demonstrator", "activist", "diplomat", "envoy", "mediator", "president", "king", "premier",
    "chief", "commander", "general", "officer", "soldier", "legislator", "lawmaker", "senate", "congress",
    "tribunal", "prosecutor", "judge", "league", "alliance", "coalition", "federation", "association", "bank",
    "company", "firm", "state", "country", "nation"})

__all__ = ["Assembler", "assemble", "write_notes"]



class Assembler(LocationMixin, AirpowerMixin, RolesMixin):
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
        self._init_locations()
        self.last_attacker: dict = {}  # place key / country -> (name, inter)
        self.built: list = []  # (event, place, near) in text order
        self.extra_tolls: list = []
        self._last_place = None
        self._last_near = False
        self._relaxed = False  # a text with no event otherwise keeps its first act with no named source

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
                if anc.idx < p.start and ")" in doc_text(self.sdoc)[anc.idx:p.start] and "(" in doc_text(self.sdoc)[
                        max(0, anc.idx - 8):anc.idx]:
                    return False  # "(as reported) in Hermosillo": the aside closed before the place
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
        if not events and self.triggers:
            # a text that states an act but names no source for it ("a US national has been put
            # under investigation in Italy") still reports that act: PLOVER codes the event with the
            # source unknown. Only when nothing else was found, so it never adds to a report's events.
            self._relaxed = True
            for trigs in groups:
                if not all(t.lexical_plover for t in trigs) or not any(_agentless(self.sdoc[t.token_i]) for t in trigs):
                    # words of ACLED's types were judged above (in scope or not, their tolls kept)
                    continue
                ev = self._event(trigs, used_cas)
                if ev is not None:
                    events.append(ev)
                    self.built.append((ev, self._last_place, self._last_near))
                    break
            self._relaxed = False
        events = self._coded_split(self._attach_orphans(events, used_cas))
        tolls = self._tolls() + self.extra_tolls
        return events, tolls

    def _coded_split(self, events):
        """ACLED notes state their own bookkeeping: "Fatalities are split across 4 events (2)",
        "Fatalities coded as 0 (VoJ reported 7 fatalities)", "Unknown number of fatalities coded to 10":
        this event's figure is the one given."""
        import re
        from dataclasses import replace
        m = re.search(r"[Ff]atalities (?:are |were )?split (?:across|between) (?:\w+ )?events? \((\d+)\)", self.text) or \
            re.search(r"\b(?:[Ff]atalities|[Uu]nknown (?:number of )?fatalities) (?:are |were )?coded (?:as|to) (\d+)\b", self.text)
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
            if c.category == "killed" and c.trigger_start is not None and self._cas_in_recap(c):
                used_cas.add(id(c))
                self.extra_tolls.append(self._toll(c, "background"))
                continue
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
            victim = self._victims_stated_after(ev, c)
            if victim is not None:
                events[best] = ev = replace(ev, actor2=victim[0], inter2=victim[1])
            if c.category == "killed":
                low_t = c.text.lower()
                trig_word = self.text[c.trigger_start:c.trigger_start + 12].lower() if c.trigger_start is not None else ""
                # "7 fatalities.", "Fatalities coded as 0": the stated total of the incident
                total = "fatalit" in low_t or "fatalit" in trig_word
                # "four more", "another 30" add to the incident's dead; "more than 30" is a bound, not more dead
                extra = bool(re.search(r"\b(?:other|another|additional|further)\b|\bmore\b(?!\s+than\b)", low_t))
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
                                                             key=span_order)),
                                       )
            elif ev.injuries is None:
                events[best] = replace(ev, injuries=c.best)
            used_cas.add(id(c))
        return events

    def _is_background(self, trig, dexpr, ev_date, prec) -> bool:
        if self._recap_clause(trig):
            return True
        s0, s1 = self._sentence_span(trig)
        spans = [d for d in self.dates if s0 <= d.start < s1 and d.kind in ("duration", "span") and not _short_span(d)
                 and self._attached(d, trig) and _long_span(d)]
        if spans:
            return True
        if self.pub is None or not ev_date:
            return False
        age = (self.pub - date.fromisoformat(ev_date)).days
        return age > RECAP_DAYS or (prec == 3 and age > 0 and (dexpr is None or dexpr.date_end is None))

    def _recap_clause(self, trig) -> bool:
        """ "The latest attack comes one week after a suicide bomber ... killing 29": what the report
        says its news came after is an earlier incident, cited as context."""
        return _recap_token(self.sdoc[trig.token_i])

    def _cas_in_recap(self, c) -> bool:
        sp = self.sdoc.char_span(c.trigger_start, c.trigger_start + 1, alignment_mode="expand")
        return sp is not None and _recap_token(sp[0])

    def _cas_in_topic(self, c) -> bool:
        from .protests import _in_topic_pp, protest_antecedent
        sp = self.sdoc.char_span(c.trigger_start, c.trigger_start + 1, alignment_mode="expand")
        return sp is not None and (_in_topic_pp(sp[0]) or protest_antecedent(sp[0]))

    def _toll(self, c, scope, dexpr=None) -> Toll:
        sent = self.ix.sents[self.ix.sent(c.start)]
        pl = [p for p in self.scene_places if sent.start_char <= p.start < sent.end_char]
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
        if any(t.lemma.lower() not in CASUALTY_LEMMAS | {"shoot"} or (t.agent and t.lemma.lower() not in ("die", "perish"))
               or self._instrument_in_clause(t) for t in trigs):
            return False  # ("Seven members of the group died": the subject of "die" is its victim)
        para = self.ix.para(trigs[0].start)
        return any(ev.event_type in VIOLENT_TYPES and ev.evidence and self.ix.para(ev.evidence[0].start) == para
                   for ev, _, _ in self.built)

    def _named_agent(self, trig) -> bool:
        """An initiator the knowledge base does not know but the text names ("the Venezuelan
        opposition", "Kurdish leaders"): a proper noun or nationality in the agent phrase."""
        if not trig.agent:
            return False
        sp = self.sdoc.char_span(trig.agent[0], trig.agent[1], alignment_mode="expand")
        if sp is None:
            return False
        if any(t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "ORG", "GPE", "PERSON") for t in sp):
            return True
        # "a newspaper", "the authorities", "union leaders": PLOVER's source may be any institution or
        # group of people the text names by a common noun (never a pronoun, a weapon or an event word)
        head = sp.root
        return head.pos_ == "NOUN" and head.lemma_.lower() in _INSTITUTIONS

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
                if any(s0 <= p.start < s1 for p in self.scene_places):
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
            key = (t.sent_start, fam, t.modality in NON_CODED_MODALITIES, rel, self._report_clause(t),
                   self._recap_clause(t))
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(t)
        return [groups[k] for k in order]

    def _event(self, trigs, used_cas) -> Optional[Event]:
        typed = [t for t in trigs if t.event_type]
        # outside ACLED, the word of the group that names its source ("gave ... aid": "gave") leads
        trig = vote(self.sdoc, typed) if typed else max(trigs, key=lambda t: (t.agent is not None, t.score, -t.start))
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
            # (``_relaxed``: a text that reports no other event keeps its first act, unnamed source or not)
            if trig.modality in ("hypothetical", "negated"):
                return None
            if not any(self.sdoc[t.token_i].pos_ in ("VERB", "AUX") or t.text.count(" ")
                       or light_verb(self.sdoc[t.token_i]) is not None for t in trigs) and not self._relaxed:
                return None  # (an event noun counts when a support verb states it: "launched an investigation")
            if not trig.agent and not self._relaxed:
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
        if prev is not None and not any(s0 <= p.start < s1 for p in self.scene_places):
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
        if not self._recap_clause(first):
            cas = [c for c in cas if c.trigger_start is None or not self._cas_in_recap(c)]
        if event_type == "Protests":
            # "a rally against the prior killing of a student": the dead the demonstration is about
            # are not its own (ACLED codes a protest's fatalities only from its own events)
            cas = [c for c in cas if c.trigger_start is None or not self._cas_in_topic(c)]
        if event_type is None and trig.event_type is None:
            # an accusation or a statement does not kill: the dead it mentions belong to the incident
            # it is about, which is either reported elsewhere in the text or, when past, a toll
            if self.pub is not None and ev_date and (self.pub - date.fromisoformat(ev_date)).days > RECAP_DAYS:
                for c in cas:
                    if c.category == "killed":
                        used_cas.add(id(c))
                        self.extra_tolls.append(self._toll(c, "background", dexpr))
            cas = [c for c in cas if c.category != "killed"]
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
        if event_type is None and a1 is None and not self._named_agent(trig) and not self._relaxed:
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
            places = [p for p in self.scene_places if sent.start_char <= p.start < sent.end_char]
            if not places:
                para = self.ix.para(c.start)
                places = [p for p in self.scene_places if p.start < c.start and self.ix.para(p.start) == para][-1:]
            pl = places[0] if places else None
            fake_trig = type("T", (), {"start": c.start, "sent_start": sent.start_char, "sent_end": sent.end_char})
            out.append(Toll(kind=TOLL_KIND.get(c.category, "other"), scope=c.scope,
                            count_low=c.low if c.low is not None else c.best, count_high=c.high,
                            period_start=period_start, period_end=period_end,
                            location=pl.name if pl else None, latitude=pl.latitude if pl else None,
                            longitude=pl.longitude if pl else None, source=self.source_for(fake_trig),
                            evidence=(Span(c.start, c.end, self.text[c.start:c.end]),)))
        return out




_SPANS_OF_TIME = {"day", "days", "week", "weeks", "hour", "hours", "month", "months", "year", "years"}


def _agentless(tok) -> bool:
    """Is ``tok`` stated in the passive with no agent ("has been put under investigation", "was
    banned")? English grammar then leaves the source unnamed; the act is still reported."""
    v = tok
    for _ in range(3):
        if v.pos_ in ("VERB", "AUX"):
            break
        if v.head.i == v.i:
            return False
        v = v.head
    if v.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in v.children) and not any(c.dep_ == "agent" for c in v.children)


def _recap_token(tok) -> bool:
    """Is ``tok`` in a clause the report cites as the background of its news: what the news "came
    after" or "came as" something else was reported, or what happened "days after" something
    earlier ("... late Tuesday, just days after dozens of aid workers were killed")?"""
    for t in [tok, *tok.ancestors]:
        if t.lower_ == "after" and t.dep_ in ("prep", "mark") and t.head.lemma_.lower() in ("come", "follow"):
            return True
        if t.dep_ == "advcl":
            marks = {c.lower_ for c in t.children if c.dep_ == "mark"}
            if "after" in marks and t.head.lemma_.lower() in ("come", "follow"):
                return True
            if "after" in marks and any(c.dep_ == "npadvmod" and c.lower_ in _SPANS_OF_TIME for c in t.children):
                return True  # "days after dozens were killed": an earlier incident
            if "as" in marks and t.head.lemma_.lower() in ("come", "follow"):
                return True  # "The attack came as the monitor reported that troops had executed 48"
    return False


def assemble(*, doc_id, text, sdoc, pub, places, mentions, dates, casualties, triggers, kb, gazetteer):
    """Events and tolls of one document, in text order (not yet merged)."""
    return Assembler(doc_id=doc_id, text=text, sdoc=sdoc, pub=pub, places=places, mentions=mentions, dates=dates,
                     casualties=casualties, triggers=triggers, kb=kb, gazetteer=gazetteer).run()

