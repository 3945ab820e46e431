"""Where an event happened: the place choice of event assembly.

A mixin of :class:`marsad.events.assemble.Assembler`. An event's location is the place the text
attaches to the event: a place in the trigger's own clause, then in its sentence, then carried from
earlier in the paragraph or the document. Some place names in a sentence say nothing about where
anything happened, and are never an event's location:

- a place inside a compound modifier: "US-led coalition", "UK-based monitor", "US-Russian deal",
  "Tehran-backed militia" (the name qualifies an actor, it is not a scene);
- a place inside a longer actor name: "the Islamic State of Iraq and the Levant", "Radio Free Europe";
- a country or capital standing for its government as the subject of a verb or a possessor
  ("Russia has been carrying out air strikes", "Moscow reported", "Turkey's army");
- a parenthetical aside ("Daesh (outlawed in Russia)", "(RIA Novosti)");
- the dateline, where the story was filed ("WASHINGTON (Sputnik) -", "MOSCOW, October 1 -").

The document's theatre is the country most of its incident places lie in. A place in another country
is an event's location only when the text attaches it to the event ("talks in Geneva", "a strike in
Iraq"); otherwise, with no place in reach, an event takes the theatre itself at ACLED precision 3,
never the attacker's capital or the outlet's home.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Optional

from marsad.events.common import VIOLENT_TYPES, _reference_point
from marsad.ingest.dateline import find_bulletin_header
from marsad.records import Place

# "WASHINGTON (Sputnik) -", "MOSCOW, October 1 (RIA Novosti) -", "BEIRUT: ..."
_DATELINE_AFTER = re.compile(r"^\s*,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s*\d{4})?\s*)?(?:\([^()\n]{1,40}\)\s*)?[-\u2013\u2014:]")
_DATELINE_AFTER_PAREN = re.compile(r"^\s*,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s*\d{4})?\s*)?\([^()\n]{1,40}\)")
_COUNTRYISH = ("PCL", "PPLC", "TERR")
# "fled from Aleppo": after a verb of movement, "from" names a place people were in
_MOTION = {"flee", "come", "return", "move", "evacuate", "displace", "arrive", "cross", "pass", "withdraw", "escape",
           "retreat", "drive", "infiltrate", "enter", "deport", "expel", "travel", "defect"}
_GEO_NOUNS = {"province", "city", "town", "village", "countryside", "border", "region", "area", "district", "capital",
              "governorate", "territory", "desert", "coast", "side", "suburb", "suburbs", "outskirts", "frontier",
              "north", "south", "east", "west", "part", "neighbourhood", "neighborhood", "camp"}
# nouns a country name qualifies as a nationality: "US raids", "Russian jets", "UK monitor"
_ACTOR_NOUNS = {"raid", "strike", "airstrike", "attack", "bombing", "bombardment", "shelling", "missile", "jet", "plane",
                "warplane", "aircraft", "drone", "force", "troop", "soldier", "army", "military", "official", "envoy",
                "minister", "ministry", "president", "government", "administration", "embassy", "diplomat", "navy",
                "coalition", "ally", "backer", "monitor", "observatory", "media", "agency", "report", "intelligence",
                "operation", "campaign", "offensive", "intervention", "involvement", "presence", "support", "policy",
                "secretary", "spokesman", "spokeswoman", "commander", "command", "led", "backed", "based", "sanction"}
_BORDER_WITH = re.compile(r"\b(?:border|borders|frontier)\s+(?:with|of)\s+(?:the\s+)?$", re.I)
_PACTS = {"deal", "agreement", "accord", "truce", "ceasefire", "cease-fire", "talk", "negotiation", "pact",
          "understanding", "arrangement", "memorandum", "treaty"}
# verbs of making a pact: "a zone agreed between Russia and Iran"
_PACT_VERBS = {"agree", "sign", "broker", "negotiate", "conclude", "reach", "strike"}
# talks and accords: where they were held is no scene of the report (see _theatre_country)
_DIPLOMACY = _PACTS | {"negotiate", "dialogue", "meeting", "summit", "sign", "accords", "talks", "negotiations",
                       "conference", "mediation", "mediator", "commitment", "meet", "agree"}
DEMONYM_VOTE = 0.5  # a country's people named ("Salvadoran workers"), against 1 for a scene place
HEADER_VOTE = 0.5  # a bulletin header's filing country (a foreign paper files from home)
_FINE_HINTS = ("near ", "outside ", "outskirts of ", "east of ", "west of ", "north of ", "south of ")


class LocationMixin:
    # ------------------------------------------------------------ which names are scenes
    def _init_locations(self):
        self.incidental = {id(p) for p in self.places if self._incidental(p)}
        # a continent or sea ("the Middle East", "the Caucasus") is no event's scene: ACLED codes countries
        self.scene_places = [p for p in self.real_places if id(p) not in self.incidental and p.country_code]
        self.focus_cc = self._theatre_country()
        stray = {id(p) for p in self.scene_places if self._stray_abroad(p)}
        if stray:
            self.incidental |= stray
            self.scene_places = [p for p in self.scene_places if id(p) not in stray]
        self._theatre_place = None

    def _incidental(self, p) -> bool:
        text = self.text
        if self._compound_modifier(p):
            return True
        line0 = text.rfind("\n", 0, p.start) + 1
        opened = text.rfind("(", line0, p.start)
        if opened != -1 and text.rfind(")", opened, p.start) == -1 and ")" in text[p.end:p.end + 60]:
            # an aside ("Daesh (outlawed in Russia)"), not a location bracket ("(Mahliyah, Marib)")
            closed = text.find(")", p.end)
            aside = self.sdoc.char_span(opened + 1, closed, alignment_mode="expand")
            if aside is not None and any(t.pos_ in ("VERB", "AUX") for t in aside):
                return True
        if self._dateline_place(p):
            return True
        for m in self.mentions:
            if m.start <= p.start and p.end <= m.end and (m.end - m.start) > (p.end - p.start) + 2 \
                    and m.actor.type != "location":
                return True  # "the Islamic State of Iraq and the Levant"
            if (m.start, m.end) == (p.start, p.end) and m.actor.type == "armed_group":
                return True  # "DAESH": the group's name, not a town that has it as an alias
        if _BORDER_WITH.search(text[max(0, p.start - 30):p.start]) and (p.feature_code or "").startswith(_COUNTRYISH):
            return True  # "a town on the border with Iraq": the neighbour locates the border, on this side
        if (p.feature_code or "").startswith(_COUNTRYISH):
            span = self.sdoc.char_span(p.start, p.end, alignment_mode="expand")
            if span is not None:
                root = span.root
                subj = root
                while subj.dep_ == "conj" and subj.head.i != subj.i:
                    subj = subj.head  # "Russia and the United States agreed": each conjunct is a subject
                if subj.dep_ == "nsubj" and subj.head.pos_ in ("VERB", "AUX"):
                    return True  # "Russia has been carrying out air strikes": the state, not a scene
                if (root.dep_ == "poss" or (root.i + 1 < len(self.sdoc) and self.sdoc[root.i + 1].tag_ == "POS")) \
                        and root.head.lemma_.lower() not in _GEO_NOUNS and not self._is_place_token(root.head):
                    return True  # "Turkey's army", not "Syria's Aleppo" or "Beirut's Hamra district"
                head = root
                while head.dep_ in ("conj", "appos") and head.head.i != head.i:
                    head = head.head  # "brokered by the United States and Russia", "its allies Russia and Iran"
                by = head.head
                if head.dep_ == "pobj" and (by.lower_ == "by" or (by.lower_ == "from" and by.head.lemma_.lower() not in _MOTION)):
                    return True  # "air strikes launched by Russia", "backing from Saudi Arabia"
                if head.dep_ == "pobj" and by.lower_ == "between" and by.head.lemma_.lower() in _PACTS | _PACT_VERBS:
                    return True  # "a deal between Russia and Iran", "agreed ... between its allies Russia and
                    # Iran": the parties to a pact, not its scene
                if root.dep_ in ("compound", "nmod", "amod") and root.head.pos_ in ("NOUN", "PROPN") and (
                        root.head.lemma_.lower() in _ACTOR_NOUNS or ((p.feature_code or "").startswith("PCL") and
                        root.head.lemma_.lower() not in _GEO_NOUNS and not self._is_place_token(root.head))):
                    return True  # "US raids", "Syria car bomb": a nationality or a topic, not a scene
        return False

    def _stray_abroad(self, p) -> bool:
        """A village or town abroad in a country the report names nowhere else ("the Castello road" in
        an Aleppo story read as Castello, Spain): a local name the gazetteer lacks, matched to a
        namesake, not a scene. Countries, provinces and capitals abroad are named on purpose."""
        if self.focus_cc is None or p.country_code == self.focus_cc or p.is_demonym:
            return False
        fc = p.feature_code or ""
        if fc.startswith(_COUNTRYISH) or fc.startswith(("ADM1", "PPLA", "RGN")) or (p.geo_precision or 3) >= 3:
            return False
        name = self.text[p.start:p.end].lower()
        return not any(q.country_code == p.country_code and self.text[q.start:q.end].lower() != name
                       for q in self.places)

    def _compound_modifier(self, p) -> bool:
        """ "US-led", "UK-based", "Iran-backed", "US-Russian": a name hyphened to a participle or a
        nationality qualifies an actor ("Abeokuta-Ayetoro road" names two places)."""
        m = re.match(r"-([A-Za-z]+)", self.text[p.end:p.end + 30])
        if m is None:
            return False
        nxt = m.group(1)
        if nxt[:1].islower() or nxt.lower().endswith(("ed", "led", "run")):
            return True  # "US-led", "UK-based", "US-Trained" (a headline in title case)
        return any(q.is_demonym and q.start == p.end + 1 for q in self.places)

    def _is_place_token(self, tok) -> bool:
        return any(q.start <= tok.idx < q.end for q in self.places)

    def _dateline_place(self, p) -> bool:
        """The place of a dateline: a name in capitals followed by an agency in brackets ("MOSCOW
        (Sputnik)"), or opening a line followed by a date or a dash ("BEIRUT, Oct. 1 -")."""
        line0 = self.text.rfind("\n", 0, p.start) + 1
        before = self.text[line0:p.start]
        name = self.text[p.start:p.end].split()[0] if self.text[p.start:p.end].strip() else ""  # as written
        after = self.text[p.start + len(name):p.start + len(name) + 60]
        upper = name.isupper() and len(name) > 2 and not self._all_caps_text()
        if upper and _DATELINE_AFTER_PAREN.match(after):
            return True
        if upper and len(name) >= 4 and re.match(r"\s+(?:[A-Z][a-z]|\d)", after):
            return True  # "BEIRUT At least 70 ...": a name in capitals in running text is a dateline
        if upper and len(before) <= 120 and _DATELINE_AFTER.match(after):
            return True
        return bool(_DATELINE_AFTER_PAREN.match(self.text[p.end:p.end + 60])) and not before.strip()

    def _all_caps_text(self) -> bool:
        v = getattr(self, "_caps", None)
        if v is None:
            letters = [c for c in self.text[:3000] if c.isalpha()]
            v = self._caps = bool(letters) and sum(c.isupper() for c in letters) > 0.6 * len(letters)
        return v

    def _theatre_country(self) -> Optional[str]:
        """The document's main country: where its scene places lie (places near event triggers
        count double), then demonyms and actors' states.

        Where talks were held or accords signed ("the accords signed in Mexico", "the San Jose
        meeting", "in Caracas we committed ourselves to negotiating") is no scene of the report: a
        place in a sentence of diplomacy that tells of no incident casts no vote. The country a
        report is about is also named by its people ("the Salvadoran people", "Salvadoran
        workers"; not an attacker's nationality, "Russian jets") and by a bulletin header
        ("HAVANA (CUBA), 22 NOV 89 (RADIO REBELDE) --": where it was filed), each a weaker vote
        than a scene named."""
        trigs = [t for t in self.triggers if t.event_type]
        # in a report of violence, the places of its violence (not of protests about it abroad)
        violent = [t for t in trigs if t.event_type in VIOLENT_TYPES]
        trig_sents = {(t.sent_start, t.sent_end) for t in (violent or trigs)}
        trig_toks = {t.token_i for t in violent}
        c = Counter()
        diplomacy = False
        for p in self.scene_places:
            if not p.country_code:
                continue
            if self._in_header(p):
                continue  # where the bulletin was filed: its own, weaker vote below
            in_trig = any(a <= p.start < b for a, b in trig_sents)
            if self._diplomacy_place(p, in_trig, trig_toks):
                diplomacy = True
                continue
            c[p.country_code] += 1 + in_trig
        if c or diplomacy or self._header() is not None:
            for p in self.places:
                if p.country_code and p.is_demonym and not self._compound_modifier(p) \
                        and not self._attacker_nationality(p):
                    c[p.country_code] += DEMONYM_VOTE
            header = self._header_country()
            if header:
                c[header] += HEADER_VOTE
        if c:
            return c.most_common(1)[0][0]
        # no scene named: demonyms and names that are not modifiers of actors ("US-led") or datelines
        c = Counter(p.country_code for p in self.places if p.country_code and id(p) not in self.incidental
                    and not self._attacker_nationality(p))
        if not c:
            c = Counter(p.country_code for p in self.places if p.country_code and p.is_demonym
                        and not self._modifier_or_dateline(p) and not self._attacker_nationality(p))
        if not c:
            c.update(m.actor.country for m in self.mentions if m.actor.country)
        return c.most_common(1)[0][0] if c else None

    def _diplomacy_place(self, p, in_trig: bool, trig_toks) -> bool:
        """Is ``p`` where talks were held or accords signed? In a sentence that tells of no incident,
        when the sentence speaks of talks, accords or meetings ("in Caracas we committed ourselves to
        negotiating"); else when the place hangs on such a word before any event word ("the accords
        signed in Mexico", "the Esquipulas agreements", "a meeting in Costa Rica")."""
        span = self.sdoc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            return False
        if not in_trig:
            return any(t.lemma_.lower() in _DIPLOMACY for t in span.sent)
        tok = span.root
        for _ in range(8):
            if tok.head.i == tok.i:
                break
            tok = tok.head
            if tok.i in trig_toks:
                return False
            if tok.lemma_.lower() in _DIPLOMACY or (tok.pos_ in ("VERB", "AUX") and any(
                    ch.dep_ in ("nsubj", "nsubjpass", "dobj") and ch.lemma_.lower() in _DIPLOMACY
                    for ch in tok.children)):
                return True  # "signed in Mexico", "talks should have been held in Caracas"
        return False

    def _in_header(self, p) -> bool:
        h = self._header()
        return h is not None and h.place.start <= p.start < h.place.end

    def _header(self):
        v = getattr(self, "_header_v", False)
        if v is False:
            v = self._header_v = find_bulletin_header(self.text)
        return v

    def _header_country(self) -> Optional[str]:
        """The country of a bulletin header's filing place ("SAN SALVADOR, 17 NOV 89 (...) --",
        "HAVANA (CUBA), ..."), or None."""
        v = getattr(self, "_header_cc", False)
        if v is False:
            v = None
            h = self._header()
            if h is not None:
                ccs = {q.country_code for q in self.places if q.country_code and h.place.start <= q.start < h.place.end}
                v = ccs.pop() if len(ccs) == 1 else None
            self._header_cc = v
        return v

    def _attacker_nationality(self, p) -> bool:
        """ "Russian jets", "Turkish forces", "British-based monitor": whose forces or outlet, not where."""
        if not p.is_demonym:
            return False
        span = self.sdoc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            return False
        head = span.root.head
        while head.dep_ == "compound" and head.head.i != head.i:
            head = head.head  # "Russian war planes"
        return head.lemma_.lower() in _ACTOR_NOUNS or head.lemma_.lower() in ("warplane", "war", "helicopter")

    def _modifier_or_dateline(self, p) -> bool:
        return self._compound_modifier(p) or self._dateline_place(p)

    def theatre_place(self):
        """The theatre country as a place at precision 3 (the place it is named by, if any)."""
        if self._theatre_place is None and self.focus_cc:
            named = [p for p in self.scene_places if p.country_code == self.focus_cc
                     and (p.feature_code or "").startswith("PCL")]
            if named:
                self._theatre_place = named[0]
            else:
                e = self.gaz.country(self.focus_cc) if self.gaz is not None else None
                if e is not None:
                    self._theatre_place = Place(
                        text="", start=-1, end=-1, name=e.name, geonameid=e.geonameid, latitude=e.latitude,
                        longitude=e.longitude, country_code=self.focus_cc, country=self.gaz.country_name(self.focus_cc),
                        admin1=None, admin2=None, feature_code=e.feature_code, geo_precision=3, score=0.5)
        return self._theatre_place

    # ------------------------------------------------------------ the choice
    def _in_trigger_clause(self, p, trig) -> bool:
        """The place belongs to the trigger's own clause, not to a clause inside it: in "the
        bombardment came as talks entered a second day in Astana" Astana is where the talks are."""
        span = self.sdoc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            return True
        verb = self._verb_of(trig)
        for anc in span.root.ancestors:
            if anc.i in (trig.token_i, verb.i):
                return True
            if anc.pos_ in ("VERB", "AUX"):
                # a clause subordinate to another ("as talks entered ..."), not a run-on headline's verb
                return anc.dep_ not in ("advcl", "ccomp", "relcl", "acl", "pcomp")
        return True

    def _in_theatre(self, p) -> bool:
        return self.focus_cc is None or p.country_code == self.focus_cc

    def place_for(self, trig):
        s0, s1 = self._sentence_span(trig)
        t0, t1 = self._token_subtree_span(trig)
        in_sent = [p for p in self.scene_places if s0 <= p.start < s1 and not self._is_venue(p)]
        # a place abroad is this event's only when the text attaches it to the event
        in_sent = [p for p in in_sent if self._in_theatre(p) or self._place_attached(p, trig)
                   or (t0 <= p.start < t1 and self._in_trigger_clause(p, trig))]
        if in_sent:
            sub = [p for p in in_sent if t0 <= p.start < t1]
            cands = sub or in_sent
            # a town beats the region around it, which beats a country mentioned first
            town = [p for p in cands if (p.geo_precision or 3) < 3
                    and not (p.feature_code or "").startswith(("ADM1", "RGN", "AREA"))
                    and not _reference_point(self.text, p.start)]
            fine = [p for p in cands if (p.feature_code or "").startswith(("ADM1", "RGN", "AREA"))]
            pick = (town or fine or cands)[0]
            before = self.text[max(0, pick.start - 12):pick.start].lower()
            near = any(w in before for w in _FINE_HINTS)
            return pick, near
        # carried from earlier in the paragraph, then the document, within the theatre
        para = self.ix.para(trig.start)
        here = [p for p in self.scene_places if self._in_theatre(p)]
        earlier = [p for p in here if p.start < trig.start and self.ix.para(p.start) == para]
        if earlier:
            return earlier[-1], False
        earlier = [p for p in here if p.start < trig.start]
        fine_earlier = [p for p in earlier if (p.geo_precision or 3) < 3]
        if fine_earlier:
            return fine_earlier[-1], False
        if here:
            fine = [p for p in here if (p.geo_precision or 3) < 3]
            return (fine or here)[0], False
        return self.theatre_place(), False
