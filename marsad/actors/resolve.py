"""Find actor mentions in a parsed document and resolve them against the knowledge base.

What it finds (all with character offsets into the document text):

* knowledge-base aliases anywhere in the text (longest match first, so "Kurdish people's
  protection units" and "the units to protect the Kurdish people" resolve to the YPG);
* PERSON / ORG / NORP entities, resolved exactly or fuzzily ("Macaron", "McCron" -> Emmanuel
  Macron), with role nouns in context ("French President X", "WFP Regional Director Jacob Kern")
  giving the body a new person acts for;
* metonymy: a capital or seat of power that is the subject of a speech / cognition / action verb
  ("Damascus denied", "Ankara considers", "considered by Ankara", "the Kremlin said") stands for
  the government; a country name as subject stands for its government (speech) or its military
  (military action). "in Damascus" stays a place;
* nationality + force nouns ("Syrian army forces", "Russian warplanes", "government forces");
* generic armed men ("gunmen", "militants", "unidentified assailants") -> Unidentified Armed
  Group of the document's country (see :func:`unidentified_actor`);
* within-document coreference: "the group", "the militants", "the organization" -> the latest
  matching actor; a surname ("Kern") -> the full name mentioned earlier.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterable, Optional

from marsad.records import Actor, ActorMention, EntityRecord, Span
from marsad.parse.doctext import doc_text

from .kb import KnowledgeBase, norm

SPEECH_VERBS = set("""
say tell state announce report add note claim deny confirm insist reiterate repeat stress
emphasise emphasize warn threaten accuse blame condemn denounce criticise criticize urge call ask
demand request respond reply comment declare assert acknowledge admit allege argue explain
describe dismiss reject refuse welcome praise thank vow pledge promise propose offer suggest
signal indicate express voice protest complain inform issue release publish
""".split())
COGNITION_VERBS = set("""
consider regard view see believe think fear hope expect want intend plan decide agree disagree
recognize recognise accept oppose support back favour favor prefer doubt suspect know understand
seek wish aim refuse
""".split())
ACTION_VERBS = set("""
put end stop allow permit let approve order ban block prevent arrest detain release free expel
recall sign ratify negotiate meet host invite send deploy dispatch withdraw pull launch attack
target strike bomb shell hit raid seize capture retake take control impose lift sanction
retaliate respond mobilize mobilise reinforce carry conduct continue resume escalate intensify
halt suspend close open use fire kill besiege surround advance push move build establish
provide supply deliver receive give grant extend pay fund arm train
""".split())
ADDRESSEE_VERBS = {"blame", "accuse", "urge", "warn", "criticize", "criticise", "condemn", "ask", "call",
                   "tell", "threaten", "sanction", "pressure", "invite", "thank", "praise", "reassure",
                   "denounce", "petition", "lobby", "press"}
MILITARY_VERBS = set("""
launch attack target strike bomb shell hit raid seize capture retake besiege surround advance
push fire kill deploy mobilize mobilise reinforce resume escalate intensify conduct carry shoot
down destroy storm invade occupy pound
""".split())
SUBJECT_VERBS = SPEECH_VERBS | COGNITION_VERBS | ACTION_VERBS

FORCE_KIND = {
    "army": "military", "armies": "military", "military": "military", "forces": "military",
    "force": "military", "troops": "military", "soldiers": "military", "soldier": "military",
    "warplanes": "military", "warplane": "military", "jets": "military", "jet": "military",
    "aircraft": "military", "planes": "military", "helicopters": "military", "helicopter": "military",
    "drones": "military", "drone": "military", "artillery": "military", "navy": "military",
    "gunboats": "military", "tanks": "military", "airforce": "military", "units": "military",
    "battalion": "military", "brigade": "military", "division": "military", "marines": "military",
    "warships": "military", "bombers": "military", "paratroopers": "military", "commandos": "military",
    "police": "police", "policemen": "police", "policeman": "police", "servicemen": "military",
    "serviceman": "military", "gendarmes": "police", "gendarmerie": "police",
    "officers": "police",
    "government": "government", "regime": "government", "authorities": "government",
    "officials": "government", "ministry": "government", "presidency": "government",
    "cabinet": "government", "diplomats": "government", "leadership": "government",
    "spokesman": "government", "spokeswoman": "government",
    "civilians": "civilians", "residents": "civilians", "villagers": "civilians",
    "protesters": "protesters", "demonstrators": "protesters", "protestors": "protesters",
    "rioters": "rioters",
}
STATE_WORDS = {"government", "regime", "state", "army", "security", "federal", "national", "military",
               "governmental", "govt", "gov't", "govt.", "government-backed"}
GENERIC_ARMED = {"gunmen", "gunman", "militants", "militant", "assailants", "assailant", "attackers",
                 "attacker", "insurgents", "insurgent", "terrorists", "terrorist", "jihadists",
                 "jihadist", "armed men", "kidnappers", "abductors", "raiders",
                 "militiamen", "bandits", "extremists"}
GENERIC_MODS = {"unidentified", "unknown", "armed", "masked", "suspected", "alleged", "heavily",
                "opposition", "islamist", "rebel"}
COREF_NOUNS = {"group": ("armed_group", "organization"), "militants": ("armed_group",),
               "militia": ("armed_group",), "organization": ("organization", "armed_group"),
               "organisation": ("organization", "armed_group"), "movement": ("armed_group",),
               "rebels": ("armed_group",), "fighters": ("armed_group",), "jihadists": ("armed_group",),
               "insurgents": ("armed_group",), "faction": ("armed_group",), "agency": ("organization", "media"),
               "observatory": ("media",), "monitor": ("media",), "charity": ("organization",)}
ROLE_WORDS = {"president", "minister", "counterpart", "spokesman", "spokeswoman", "spokesperson",
              "director", "chief", "leader", "commander", "envoy", "ambassador", "secretary", "head",
              "general", "chancellor", "premier", "king", "emir", "official", "coordinator",
              "representative", "governor", "mayor", "colonel", "lieutenant", "major", "captain",
              "sheikh", "prince", "adviser", "advisor", "deputy", "chairman", "prosecutor", "officer",
              "commissioner", "minister's"}
GOV_ROLE = {"president", "minister", "counterpart", "chancellor", "premier", "king", "emir",
            "ambassador", "envoy", "secretary", "prince", "official", "spokesman", "spokeswoman",
            "spokesperson", "governor", "adviser", "advisor", "deputy", "head", "chief", "leader"}
MIL_ROLE = {"general", "commander", "colonel", "lieutenant", "major", "captain", "officer"}
PLACE_PREPS = {"in", "at", "near", "from", "to", "into", "outside", "inside", "around", "across",
               "toward", "towards", "via", "through", "of", "between", "within"}


VICTIM_NOUNS = set("""
man woman men women person people child children boy girl boys girls body bodies villager villagers
farmer farmers resident residents civilian civilians journalist journalists teacher teachers student
students worker workers driver drivers trader traders shopkeeper businessman businessmen family
families couple victim victims youth youths individual passenger passengers pedestrian merchant
doctor doctors nurse nurses resident shepherd shepherds herder child elderly teenager teenagers
landowner owner activist activists lawyer official's wife husband son daughter father mother brother
""".split())
ATTACK_NOUNS = {"shelling", "strike", "airstrike", "bombardment", "raid", "rocket", "missile", "attack",
                "offensive", "bombing", "operation", "incursion", "assault", "fire", "artillery", "drone",
                "warplane", "jet", "helicopter", "aircraft", "mortar", "sniper", "shell", "barrage"}
PROTEST_LEMMAS = {"protest", "demonstrate", "rally", "march", "picket", "sit-in", "demonstration",
                  "strike", "gather", "boycott", "petition"}
RIOT_LEMMAS = {"riot", "pelt", "vandalise", "vandalize", "lynch", "mob", "rioter", "stone"}
CROWD_NOUNS = {"locals", "mob", "crowd", "crowds", "villagers", "group", "groups", "youths", "youth",
               "residents", "people", "workers", "students", "supporters", "protesters", "demonstrators",
               "traders", "vendors", "farmers", "drivers", "members", "activists", "women", "men",
               "labourers", "laborers", "migrants", "teachers", "nurses", "doctors", "employees", "inmates",
               "prisoners", "fans", "mourners", "relatives", "family", "families", "community", "locals"}


ARMED_NAME = re.compile(r"\b(?:Brigades?|Army|Front|Division|Corps|Battalions?|Militias?|Liwa|Jaysh|Jaish|"
                        r"Faylaq|Failaq|Harakat|Katiba|Kataib|Kata'ib|Saraya|Ansar|Mujahideen|Mujahidin|"
                        r"Regiment|Legion|Jabhat|Tahrir|Hezb|Hizb|Lashkar|Tehreek|Tehrik|Resistance|"
                        r"Liberation|Rebels|Insurgents|Cartel|Gang)\b")


_STATE_UNIT = re.compile(r"(?:Military|Police) Forces of|Government of")

# Where herders named only as herders ("armed herdsmen") are ACLED's "Fulani Ethnic Militia": the
# countries of the Sahel and West/Central Africa where Fulani pastoralists live (ACLED's Fulani
# Ethnic Militia actors are coded in these countries). Elsewhere (Kenya's Pokot or Turkana herders,
# for one) herders are not Fulani; a text that says "Fulani" still names them anywhere.
_FULANI_LANDS = frozenset({"NG", "ML", "BF", "NE", "CM", "TD", "CF", "SN", "GN", "GH", "BJ", "TG", "MR", "GM",
                           "GW", "SL", "CI", "SD", "SS"})


def _tokens(doc) -> list:
    """The doc's tokens as a list, built once per document (spaCy builds Token objects on each pass)."""
    cached = doc.user_data.get("_marsad_tokens")
    if cached is None or len(cached) != len(doc):
        cached = list(doc)
        doc.user_data["_marsad_tokens"] = cached
    return cached


def unidentified_actor(kb: KnowledgeBase, iso2: Optional[str]) -> Actor:
    """ACLED's "Unidentified Armed Group (Country)" (inter 3) for the caller's country."""
    return kb.unidentified_armed_group(iso2)


def is_reporting_source(actor: Optional[Actor]) -> bool:
    """True for outlets, agencies and monitors (they fill an event's ``source``, not actor1)."""
    return bool(actor) and actor.type == "media"


class ActorResolver:
    def __init__(self, kb: Optional[KnowledgeBase] = None):
        self.kb = kb or KnowledgeBase.load()

    # ------------------------------------------------------------------ public
    def resolve(self, doc, places: Iterable = (), country: Optional[str] = None,
                date: Optional[str] = None) -> list[ActorMention]:
        """Actor mentions in ``doc`` (a spaCy Doc), sorted by offset, non-overlapping.

        ``places``: the document's resolved places (used to pick the main country for generic
        actors like "gunmen" or "government forces"); ``country`` (ISO2) overrides it; ``date``
        (YYYY-MM-DD) selects ACLED regime periods and office holders."""
        iso = country or self._main_country(places) or self._text_country(doc)
        taken = [False] * len(doc)
        found: list[tuple[int, int, Actor, float, str]] = []  # token start, end, ...

        def claim(s, e, actor, score, reason):
            if any(taken[s:e]):
                return False
            if s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ in ("anti", "counter"):
                return False  # "anti-Houthi forces" are their opponents, not the Houthis
            if s >= 1 and doc[s - 1].lower_ in ("anti-", "counter-"):
                return False
            if e - s == 1 and s >= 1 and doc[s].text.isupper() and len(doc[s].text) <= 5 and doc[s - 1].like_num \
                    and actor.type == "armed_group" and not (e < len(doc) and doc[e].pos_ in ("NOUN", "PROPN")):
                # "3 KIA, 5 WIA": an acronym counted by a number and heading no noun is a tally, not a
                # group's name ("2 IS fighters" are the group's members)
                return False
            for k in range(s, e):
                taken[k] = True
            found.append((s, e, actor, score, reason))
            return True

        # 1. metonymy on entities and seats (before alias scan, so "the Kremlin" is government)
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC", "FAC", "ORG", "NORP", "PERSON"):
                m = self._metonymy(ent, date)
                if m:
                    claim(ent.start, ent.end, *m)
        # words that are a place's name as the gazetteer writes it are that place, not a country or
        # group name written another way ("Michoacan" is no "Mexican", "Jurdi" no "Jordan")
        written = set()
        for p in places or ():
            if getattr(p, "geonameid", None) is None or not getattr(p, "name", None):
                continue
            if re.search(r"\b%s\b" % re.escape(norm(p.text)), norm(p.name)):
                sp = doc.char_span(p.start, p.end, alignment_mode="expand")
                if sp is not None:
                    written.update(range(sp.start, sp.end))
        doc.user_data["_marsad_written_places"] = written
        # 2. knowledge-base aliases over the tokens (longest first)
        self._alias_scan(doc, claim, taken, iso, date)
        place_tok = set()
        for p in places or ():
            sp = doc.char_span(getattr(p, "start", 0), getattr(p, "end", 0), alignment_mode="expand")
            if sp is not None and getattr(p, "geonameid", None) is not None:
                place_tok.update(range(sp.start, sp.end))
        # 3. remaining PERSON / ORG / NORP entities: fuzzy, role context
        persons_seen: dict[str, Actor] = {norm(a.canonical.split()[-1]): a for _, _, a, _, _ in found
                                           if a.type == "person"}
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG", "NORP") or any(taken[ent.start:ent.end]):
                continue
            if any(k in place_tok for k in range(ent.start, ent.end)):
                continue
            res = self._resolve_entity(ent, iso, date, persons_seen)
            if res:
                s, actor, score, reason = res
                if claim(s, ent.end, actor, score, reason) and actor.type == "person":
                    if not actor.kb_id.startswith("adhoc:") or len(actor.canonical.split()) > 1:
                        persons_seen[norm(actor.canonical.split()[-1])] = actor
        # 3b. capitalised words the NER missed: surnames of people already named, name variants
        self._propn_scan(doc, claim, taken, place_tok, persons_seen, date)
        # 4. nationality / state + force nouns, generic armed men, coreference
        self._demonstrations(doc, claim, taken, iso, date)
        self._force_nouns(doc, claim, taken, iso, date)
        self._coordinated_forces(doc, claim, taken, found, date)
        self._nationality_attacks(doc, claim, taken, found, date)
        found.sort(key=lambda x: x[0])
        self._coreference(doc, found, claim, taken)
        found.sort(key=lambda x: x[0])
        doc.user_data.pop("_marsad_tokens", None)
        doc.user_data.pop("_marsad_written_places", None)
        out = []
        for s, e, actor, score, reason in found:
            span = doc[s:e]
            out.append(ActorMention(text=span.text, start=span.start_char, end=span.end_char,
                                    actor=actor, score=round(float(score), 3), reason=reason))
        return out

    # ------------------------------------------------------------------ helpers
    @staticmethod
    def _main_country(places) -> Optional[str]:
        c = Counter()
        for p in places or ():
            cc = getattr(p, "country_code", None)
            if cc:
                c[cc] += 0.5 if getattr(p, "is_demonym", False) else 1.0
        return c.most_common(1)[0][0] if c else None

    def _text_country(self, doc) -> Optional[str]:
        """Fallback when no places are given: the country most named (names, adjectives, capitals)."""
        kb = self.kb
        c = Counter()
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP", "LOC"):
                key = norm(ent.text)
                iso = kb.name_to_iso.get(key) or kb.adjective_to_iso.get(key) or kb.capital_to_iso.get(key)
                if iso:
                    c[iso] += 1
        return c.most_common(1)[0][0] if c else None

    def _subject_verb(self, span):
        """The verb a span is the subject (or passive agent) of, else None."""
        root = span.root
        if root.dep_ in ("nsubj", "nsubjpass", "csubj") and root.head.pos_ in ("VERB", "AUX"):
            return root.head
        if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
            return root.head.head
        if root.dep_ == "conj" and root.head.dep_ in ("nsubj",) and root.head.head.pos_ in ("VERB", "AUX"):
            return root.head.head
        return None

    def _metonymy(self, ent, date):
        kb = self.kb
        key = norm(ent.text)
        prev = ent.doc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and prev.lower_ in PLACE_PREPS and prev.lower_ != "by":
            return None
        seat = kb.seat_to_iso.get(key)
        cap = kb.capital_to_iso.get(key)
        ctry = kb.name_to_iso.get(key)
        if not (seat or cap or ctry):
            return None
        verb = self._subject_verb(ent)
        root = ent.root
        if verb is None and (cap or ctry or seat) and root.dep_ == "dobj" and \
                root.head.lemma_.lower() in ADDRESSEE_VERBS:
            iso = seat or cap or ctry
            return (kb.state_actor(iso, "government", date), 0.8,
                    "metonymy: %s as object of '%s'" % (iso, root.head.text))
        if verb is None:
            if seat and ent.root.dep_ in ("nsubj", "nsubjpass", "poss", "compound", "appos"):
                return (kb.state_actor(seat, "government", date), 0.9, "metonymy: seat of government of %s" % seat)
            return None
        lemma = verb.lemma_.lower()
        if lemma in ("be", "have") and verb.dep_ in ("aux", "auxpass"):
            lemma = verb.head.lemma_.lower()
        if lemma not in SUBJECT_VERBS and lemma not in MILITARY_VERBS:
            # auxiliaries: "Damascus has denied" -> head is the main verb already; else give up
            return None
        if seat:
            return (kb.state_actor(seat, "government", date), 0.95, "metonymy: seat of government of %s" % seat)
        if cap:
            kind = "government"
            return (kb.state_actor(cap, kind, date), 0.9, "metonymy: capital of %s as subject of '%s'" % (cap, verb.text))
        kind = "military" if lemma in MILITARY_VERBS else "government"
        return (kb.state_actor(ctry, kind, date), 0.85, "metonymy: country %s as subject of '%s'" % (ctry, verb.text))

    def _alias_scan(self, doc, claim, taken, iso, date):
        kb = self.kb
        n = len(doc)
        text_all = doc_text(doc)
        toks = _tokens(doc)
        starts = [t.idx for t in toks]
        ends = [t.idx + len(t.text) for t in toks]
        words = [norm(t.text) for t in toks]
        first_max = kb.first_max
        i = 0
        while i < n:
            w = words[i]
            if taken[i] or (w not in first_max and w != "the"):
                if not taken[i]:
                    hit = self._respelled_alias(toks, words, taken, i, 0, iso, date)
                    if hit:
                        claim(*hit)
                        i = hit[1]
                        continue
                i += 1
                continue
            if w == "the":
                nxt = words[i + 1] if i + 1 < n else ""
                maxw = first_max.get(nxt, 0) + 1
                if maxw == 1:
                    i += 1
                    continue
            else:
                maxw = first_max[w]
            maxn = min(n - i, 2 * maxw + 1, 12)
            hit = None
            for j in range(i + maxn, i, -1):
                if taken[j - 1] or toks[j - 1].is_punct or toks[j - 1].is_space:
                    continue
                if any(taken[i:j]):
                    continue
                text = text_all[starts[i]:ends[j - 1]]
                actors = kb.exact(text, date)
                if not actors:
                    continue
                actor = self._choose(actors, iso)
                if actor.type == "person" and not text[:1].isupper():
                    continue
                if iso and actor.country and actor.country != iso and not actor.kb_id.startswith("state:") \
                        and actor.acled_name and _STATE_UNIT.match(actor.acled_name) \
                        and not self._names_country(text, actor):
                    continue  # "state police" in Venezuela is not Mexico's State Police
                if actor.acled_name and actor.acled_name.startswith("Fulani") and iso and iso not in _FULANI_LANDS \
                        and "fulani" not in text.lower():
                    continue
                if actor.kb_id.startswith("state:") and j < n and toks[j].ent_type_ == "PERSON" and \
                        toks[j - 1].lower_ in ROLE_WORDS:
                    continue  # "French President Emmanuel Macron": the role belongs to the person
                if actor.kb_id.startswith("state:") and actor.role == "government" and j - i == 1:
                    prev = toks[i - 1] if i else None
                    if prev is not None and prev.lower_ in PLACE_PREPS:
                        continue
                hit = (i, j, self._specialise(actor, iso, date), 1.0, "exact alias")
                break
            if hit is None and w != "the":
                hit = self._respelled_alias(toks, words, taken, i, maxw, iso, date)
            if hit:
                claim(*hit)
                i = hit[1]
            else:
                i += 1

    def _respelled_alias(self, toks, words, taken, i, maxw, iso, date):
        """A group's or force's name of two words or more written another way from token ``i`` (its
        first word an alias's first word, then ``maxw`` is how many words such aliases have, or a
        capitalised word with the transliteration key of one): tried only when a capitalised word of
        the span is no alias's first word, as a name respelled by transliteration or translation is
        ("military forces of Artseh", "Sierien democratic forces"); see ``KnowledgeBase.respelled``."""
        t0 = toks[i]
        if not maxw:
            w = words[i]
            if not t0.text[:1].isupper() or len(w) < 5 or not w.isalpha():
                return None
            from marsad.places.normalize import translit_key
            maxw = self.kb.first_keys().get(translit_key(w), 0)
            if not maxw:
                return None
        n = len(toks)
        maxn = min(n - i, maxw + 1, 8)
        kb = self.kb
        written = t0.doc.user_data.get("_marsad_written_places", ())
        for j in range(i + maxn, i + 1, -1):
            if any(taken[i:j]) or toks[j - 1].is_punct or toks[j - 1].is_space:
                continue
            if any(t.is_punct and t.text not in ("-", "'") for t in toks[i:j]):
                continue
            if j < n and toks[j].text[:1].isupper() and toks[j].is_alpha:
                continue  # part of a longer name ("Sidnaya Military Prison"): no reading of a part
            if toks[j - 1].is_stop or any(k in written for k in range(i, j)):
                continue
            odd = [t for t in toks[i:j] if t.text[:1].isupper() and t.is_alpha and len(t.text) >= 4
                   and words[t.i] not in kb.first_tokens]
            if not odd and words[i] in kb.first_tokens:
                continue
            text = doc_text(toks[i].doc)[toks[i].idx:toks[j - 1].idx + len(toks[j - 1].text)]
            res = kb.respelled(text, date)
            if res:
                actor, score, reason = res[0]
                if actor.type == "person":
                    continue
                return (i, j, self._specialise(actor, iso, date), score, reason)
        return None

    @staticmethod
    def _country_word(tok, table) -> Optional[str]:
        """The ISO code a word names in ``table`` (kb.name_to_iso, kb.adjective_to_iso) as written or,
        unless the word is a place's own name in the text, written another way."""
        key = norm(tok.text)
        v = dict.get(table, key)
        if v is not None or tok.i in tok.doc.user_data.get("_marsad_written_places", ()):
            return v
        return table.get(key)

    def _names_country(self, text: str, actor: Actor) -> bool:
        """Does the matched text itself say whose force it is ("Russian military police", "Artsakh")?"""
        c = self.kb.countries.get(actor.country or "", {})
        low = text.lower()
        words = [w.lower() for w in c.get("adjectives", []) + c.get("names", [])]
        m = re.search(r"of (?:the )?([A-Z][\w' ]+?) \(", actor.acled_name or "")
        if m:
            words.append(m.group(1).lower())
        return any(w and w in low for w in words) or text[:1].isupper() and actor.canonical.lower() in low

    def _choose(self, actors: list[Actor], iso) -> Actor:
        if len(actors) == 1 or not iso:
            return actors[0]
        for a in actors:
            if a.country == iso:
                return a
        return actors[0]

    def _specialise(self, actor: Actor, iso, date):
        if actor.kb_id in self.kb.templates and iso:
            return self.kb.specialise(actor, iso, date)
        return actor

    def _role_context(self, ent):
        """Role words and nationality right before a name: "French President", "his Russian
        counterpart", "WFP Regional Director". Returns (start token, represents Actor or None, role)."""
        doc = ent.doc
        kb = self.kb
        i = ent.start
        role_words = []
        iso = None
        body = None
        start = ent.start
        while i > 0 and ent.start - i < 6:
            t = doc[i - 1]
            low = t.lower_
            if body is None and t.text[:1].isupper() and (t.pos_ == "PROPN" or t.text.isupper()):
                org = kb.exact(t.text)
                if org and org[0].type in ("organization", "media", "armed_group"):
                    body = org[0]
                    role_words.insert(0, t.text)
                    i -= 1
                    continue
            if low in ROLE_WORDS or (t.text[:1].isupper() and low.rstrip("s") in ROLE_WORDS) or low in (
                    "regional", "foreign", "prime", "defence", "defense", "interior", "executive",
                    "special", "senior", "top", "vice", "un", "u.n.", "state", "general", "supreme",
                    "deputy", "press", "military", "humanitarian"):
                role_words.insert(0, t.text)
                i -= 1
                continue
            a = self._country_word(t, kb.adjective_to_iso)
            if a and t.text[:1].isupper():
                iso = a
                role_words.insert(0, t.text)
                i -= 1
                continue
            if t.text[:1].isupper() and t.pos_ == "PROPN":
                org = kb.exact(t.text)
                if org and org[0].type in ("organization", "media", "armed_group"):
                    body = org[0]
                    role_words.insert(0, t.text)
                    i -= 1
                    continue
            break
        if not role_words or not any(w.lower() in ROLE_WORDS or w.lower().rstrip("s") in ROLE_WORDS for w in role_words):
            return None
        start = i
        lows = {w.lower() for w in role_words}
        if body is None and iso:
            kind = "military" if lows & MIL_ROLE and not lows & {"president", "minister"} else "government"
            body = kb.state_actor(iso, kind)
        return start, body, " ".join(role_words)

    def _resolve_entity(self, ent, iso, date, persons_seen):
        kb = self.kb
        text = ent.text.strip()
        if not text or not text[:1].isalpha():
            return None
        # strip possessive
        text = re.sub(r"['\u2019]s$", "", text)
        if ent.label_ == "NORP":
            return None
        ctx = self._role_context(ent) if ent.label_ == "PERSON" else None
        if ent.label_ == "PERSON":
            last = norm(text).split()[-1] if norm(text) else ""
            if len(text.split()) == 1 and last in persons_seen:
                return (ent.start, persons_seen[last], 0.9, "coreference: surname of %s" % persons_seen[last].canonical)
        res = kb.lookup(text, date)
        if res:
            actor, score, reason = res[0]
            if ent.label_ == "PERSON" and actor.type not in ("person",) and score < 1.0:
                res = None
            elif ent.label_ == "ORG" and actor.type == "person" and score < 1.0:
                res = None
            else:
                if ctx and actor.type == "person" and ctx[1] is not None and actor.represents and \
                        not actor.represents.endswith(ctx[1].kb_id.split(":")[-1]) and score < 1.0:
                    # role context contradicts the fuzzy match (different body): decline
                    res = None
                else:
                    return (ent.start, self._specialise(actor, iso, date), score, reason)
        if ent.label_ == "ORG" and text[:1].isupper() and ARMED_NAME.search(text) and len(text) > 4:
            name = re.sub(r"^(?:the|The)\s+", "", text)
            actor = Actor(kb_id="adhoc:group:" + norm(name).replace(" ", "_"), canonical=name, type="armed_group",
                          acled_name=name, inter=2, country=iso, source_note="not in knowledge base")
            return (ent.start, actor, 0.5, "unknown armed group (name pattern)")
        if ent.label_ == "PERSON" and len(text) > 2 and text[:1].isupper():
            rep = ctx[1] if ctx else None
            key = norm(text)
            prev = ent.doc[ent.start - 1] if ent.start else None
            if prev is not None and (prev.lower_ in ("the", "in", "of", "at", "from") or
                                     (prev.is_lower and prev.pos_ == "ADJ")):
                return None  # "the eastern Ghouta": a place or thing the NER took for a name
            if len(key.split()) == 1 and not ctx:
                return None
            if len(key.split()) == 1 and key in persons_seen:
                return (ent.start, persons_seen[key], 0.85, "coreference")
            actor = Actor(kb_id="adhoc:person:" + key.replace(" ", "_"), canonical=text, type="person",
                          acled_name=rep.acled_name if rep is not None else None,
                          inter=rep.inter if rep is not None else None,
                          country=rep.country if rep is not None else None,
                          represents=rep.kb_id if rep is not None else None,
                          role=ctx[2] if ctx else None, source_note="not in knowledge base")
            return (ent.start, actor, 0.6 if rep is not None else 0.5,
                    "unknown person" + (" (%s)" % ctx[2] if ctx else ""))
        return None

    def _propn_scan(self, doc, claim, taken, place_tok, persons_seen, date):
        from rapidfuzz.distance import JaroWinkler
        from metaphone import doublemetaphone

        kb = self.kb
        i = 0
        n = len(doc)
        while i < n:
            t = doc[i]
            if taken[i] or i in place_tok or t.pos_ != "PROPN" or not t.text[:1].isupper() or \
                    t.ent_type_ in ("GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL"):
                i += 1
                continue
            j = i
            while j < n and not taken[j] and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper() \
                    and j not in place_tok and j - i < 4:
                j += 1
            text = doc[i:j].text
            key = norm(text)
            actor = None
            reason = ""
            score = 0.0
            if key in persons_seen:
                actor, score, reason = persons_seen[key], 0.9, "coreference: surname"
            else:
                # a variant of a person already named in this document ("McCron" after "Macaron")
                codes = set(c for c in doublemetaphone(key.split()[-1]) if c) if key else set()
                for sur, a in persons_seen.items():
                    if sur[:1] != key[:1]:
                        continue
                    jw = JaroWinkler.similarity(key, sur)
                    sc = set(c for c in doublemetaphone(sur) if c)
                    if jw >= 0.85 and codes & sc:
                        actor, score, reason = a, round(jw * 0.95, 3), "fuzzy %.2f + metaphone, person named earlier" % jw
                        break
                if actor is None:
                    res = kb.fuzzy(text, date, types=("person",))
                    if res:
                        actor, score, reason = res[0]
            if actor is not None:
                claim(i, j, actor, score, reason)
                persons_seen[actor.canonical.split()[-1].lower()] = actor
            i = j

    def _coordinated_forces(self, doc, claim, taken, found, date):
        """"clashes between Russian and Ukrainian forces": nationalities coordinated before one force
        noun name a force each (English grammar: the adjectives share the head noun)."""
        kb = self.kb
        for s, e, actor, _, _ in list(found):
            kid = actor.kb_id or ""
            if actor.type != "state_actor" or not kid.endswith((":military", ":police")):
                continue
            if not doc[s].text[:1].isupper() or kb.adjective_to_iso.get(norm(doc[s].text)) != actor.country:
                continue
            kind = kid.rsplit(":", 1)[1]
            k = s - 1
            while k >= 1 and doc[k].lower_ in ("and", "or", ",") and not taken[k - 1] and doc[k - 1].text[:1].isupper():
                other = kb.adjective_to_iso.get(norm(doc[k - 1].text))
                if not other or other == actor.country:
                    break
                st = kb.state_actor(other, kind, date)
                if st is None:
                    break
                claim(k - 1, k, st, 0.85, "coordinated nationality + force noun (%s)" % doc[k - 1:e].text)
                k -= 2

    def _force_nouns(self, doc, claim, taken, iso, date):
        kb = self.kb
        for tok in _tokens(doc):
            if taken[tok.i]:
                continue
            low = tok.lower_
            kind = FORCE_KIND.get(low)
            if kind is None and low in ("positions", "position", "troops") and tok.i > 0 and doc[tok.i - 1].text[:1].isupper() \
                    and kb.adjective_to_iso.get(norm(doc[tok.i - 1].text)) and not taken[tok.i - 1]:
                kind = "military"  # "shelled Ukrainian positions": the positions of a country's forces
            generic = low in GENERIC_ARMED or (
                low in ("men", "man", "individuals", "people", "persons", "group", "groups", "party", "parties",
                        "perpetrators", "elements", "assailant")
                and tok.i > 0 and doc[tok.i - 1].lower_ in ("armed", "masked", "gunmen", "unknown", "unidentified"))
            if not kind and not generic and low in VICTIM_NOUNS and iso and tok.pos_ == "NOUN":
                if tok.i > 0 and doc[tok.i - 1].lower_ in ("armed", "masked", "police", "security"):
                    continue
                claim(tok.i, tok.i + 1, kb.state_actor(iso, "civilians", date), 0.55,
                      "victim noun -> civilians of %s" % iso)
                continue
            if not kind and not generic:
                continue
            if tok.pos_ not in ("NOUN", "PROPN"):
                continue
            nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
            if nxt is not None and not taken[nxt.i] and nxt.pos_ == "NOUN" and (
                    nxt.lower_ in FORCE_KIND or nxt.lower_ in GENERIC_ARMED):
                continue  # "regime forces", "army units": the head noun decides
            # extend right over a following force noun ("army forces", "army units")
            end = tok.i + 1
            while end < len(doc) and doc[end].lower_ in FORCE_KIND and FORCE_KIND[doc[end].lower_] == kind \
                    and not taken[end] and doc[end].pos_ == "NOUN":
                end += 1
            # modifiers to the left
            j = tok.i
            nat = None
            state_word = False
            mods = []
            while j > 0 and tok.i - j < 4:
                t = doc[j - 1]
                if taken[j - 1]:
                    break
                tl = t.lower_
                a = self._country_word(t, kb.adjective_to_iso) if t.text[:1].isupper() else None
                if a is None and t.text[:1].isupper():
                    a = self._country_word(t, kb.name_to_iso)
                if a:
                    nat = a
                    j -= 1
                    continue
                if tl in STATE_WORDS or tl in GENERIC_MODS or tl in FORCE_KIND or tl in ("pro", "-"):
                    if tl in STATE_WORDS or tl in FORCE_KIND:
                        state_word = True
                    mods.append(tl)
                    j -= 1
                    continue
                break
            if kind == "military" and any(FORCE_KIND.get(m) == "police" for m in mods):
                kind = "police"  # "police forces"
            if generic:
                if any(m in ("opposition", "rebel", "islamist") for m in mods):
                    continue  # left to the alias scan ("opposition gunmen" -> rebels)
                actor = unidentified_actor(kb, nat or iso)
                claim(j, end, actor, 0.6, "generic armed men -> unidentified armed group")
                continue
            if kind in ("civilians", "protesters", "rioters"):
                if nat or iso:
                    claim(j, end, kb.state_actor(nat or iso, kind, date), 0.7, "%s of %s" % (kind, nat or iso))
                continue
            if nat:
                if kind == "military" and "pro" in mods:
                    continue
                claim(j, end, kb.state_actor(nat, kind, date), 0.9,
                      "nationality + force noun (%s)" % doc[j:end].text)
                continue
            if low == "regime" and not iso and not mods and any(
                    t.lower_ in ("forces", "troops", "army", "soldiers", "militia", "militias", "fighters")
                    for t in doc[tok.i + 1:tok.i + 6]) and any(t.lower_ in ("and", ",") for t in doc[tok.i + 1:tok.i + 3]):
                # "Regime and loyalist militia forces clashed": with no country named, the same
                # reading as the "regime forces" alias (Syrian government forces; state_aliases.tsv)
                claim(j, end, kb.state_actor("SY", "military", date), 0.6, "coordinated 'regime ... forces', no country")
                continue
            if low in ("police", "policemen", "regime", "gendarmes") and iso and not mods:
                k2 = kind
                if low == "regime":
                    k2 = "military"
                    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH_VERBS | COGNITION_VERBS:
                        k2 = "government"
                claim(j, end, kb.state_actor(iso, k2, date), 0.7, "state noun '%s', country from document (%s)" % (low, iso))
                continue
            if j > 0 and taken[j - 1] and doc[j - 1].text[:1].isupper():
                continue  # "Houthi security forces", "RF militants": part of a named group's mention
            if low in ("soldier", "soldiers", "servicemen", "serviceman", "troops", "policemen",
                       "policeman", "gendarmes") and iso and not mods:
                claim(j, end, kb.state_actor(iso, "police" if kind == "police" else "military", date), 0.6,
                      "bare '%s', country from document (%s)" % (low, iso))
                continue
            if state_word or (low in ("army", "military", "police", "regime", "government", "authorities")
                              and tok.i > 0 and doc[tok.i - 1].lower_ in ("the", "its", "their")):
                if "pro" in mods or any(m.startswith("pro-") for m in mods):
                    continue
                if not iso:
                    continue
                if low in ("units", "officers", "officials", "spokesman", "spokeswoman", "leadership",
                           "diplomats", "state") and not state_word:
                    continue
                if low in ("forces", "troops", "soldiers") and not state_word:
                    continue
                claim(j, end, kb.state_actor(iso, kind, date), 0.75,
                      "state force noun, country from document (%s)" % iso)

    def _nationality_attacks(self, doc, claim, taken, found, date):
        """"Saudi rocket and artillery shelling", "Turkish air strikes" -> that state's military;
        "military forces of India and Pakistan" -> both."""
        kb = self.kb
        state_at = {}
        for s, e, actor, score, reason in found:
            if actor.kb_id.startswith("state:"):
                for k in range(s, e):
                    state_at[k] = actor
        for tok in _tokens(doc):
            if taken[tok.i] or not tok.text[:1].isupper():
                continue
            iso = self._country_word(tok, kb.adjective_to_iso)
            if iso and tok.dep_ in ("amod", "compound", "nmod") and tok.head.lemma_.lower() in ATTACK_NOUNS:
                claim(tok.i, tok.i + 1, kb.state_actor(iso, "military", date), 0.8,
                      "nationality of an attack (%s %s)" % (tok.text, tok.head.text))
                continue
            iso = self._country_word(tok, kb.name_to_iso) or iso
            if iso and tok.dep_ == "conj" and tok.head.i in state_at:
                other = state_at[tok.head.i]
                kind = other.kb_id.split(":")[2]
                claim(tok.i, tok.i + 1, kb.state_actor(iso, kind, date), 0.8,
                      "coordinated with %s" % other.acled_name)

    def _demonstrations(self, doc, claim, taken, iso, date):
        """Protest / riot verbs and nouns: their subject (or the noun) -> Protesters / Rioters."""
        if not iso:
            return
        kb = self.kb
        for tok in _tokens(doc):
            lem = tok.lemma_.lower()
            kind = "protesters" if lem in PROTEST_LEMMAS else ("rioters" if lem in RIOT_LEMMAS else None)
            if not kind:
                continue
            if lem in ("march", "strike", "gather", "stone", "petition") and kind == "protesters":
                if not any(t.lemma_.lower() in ("protest", "demonstrate", "demonstration", "slogan",
                                                "demand", "against") for t in _tokens(doc)):
                    continue
            if tok.pos_ == "VERB":
                subj = [c for c in tok.children if c.dep_ in ("nsubj",)]
                if not subj and tok.dep_ == "conj" and tok.head.pos_ == "VERB":
                    subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if not subj:
                    # noisy parse: the nearest person noun before the verb in the sentence
                    k = tok.i - 1
                    while k >= tok.sent.start and tok.i - k <= 10:
                        if doc[k].lower_ in VICTIM_NOUNS or doc[k].lower_ in ("locals", "mob", "crowd", "villagers"):
                            subj = [doc[k]]
                            break
                        k -= 1
                for sbj in subj:
                    if sbj.pos_ == "PRON" or (sbj.lower_ in FORCE_KIND and FORCE_KIND[sbj.lower_] != kind) \
                            or sbj.lower_ in GENERIC_ARMED:
                        continue
                    left, right = sbj.left_edge.i, sbj.i + 1
                    if not any(taken[left:right]):
                        claim(left, right, kb.state_actor(iso, kind, date), 0.7,
                              "subject of '%s' -> %s" % (tok.text, kind))
                    elif taken[sbj.i]:
                        # the subject is a known group: keep it, it is the actor
                        pass
            elif tok.pos_ == "NOUN" and not taken[tok.i] and lem in ("mob", "demonstration", "protest", "rally", "sit-in"):
                claim(tok.i, tok.i + 1, kb.state_actor(iso, "rioters" if lem == "mob" else "protesters", date),
                      0.6, "%s noun" % lem)

    def _coreference(self, doc, found, claim, taken):
        """"the group" / "the militants" / "the organization" -> latest compatible actor."""
        by_start = sorted(found, key=lambda x: x[0])
        for tok in _tokens(doc):
            if taken[tok.i] or tok.lower_ not in COREF_NOUNS or tok.i == 0:
                continue
            det = doc[tok.i - 1]
            if det.lower_ not in ("the", "this", "that"):
                continue
            types = COREF_NOUNS[tok.lower_]
            prev = None
            for s, e, actor, score, reason in by_start:
                if s >= tok.i:
                    break
                if actor.type in types and not actor.kb_id.startswith("adhoc:"):
                    prev = actor
            if prev is None:
                continue
            claim(tok.i - 1, tok.i + 1, prev, 0.7, "coreference: the %s -> %s" % (tok.lower_, prev.canonical))


def entities(mentions: Iterable[ActorMention]) -> list[EntityRecord]:
    """Group mentions by actor (kb_id), under the canonical name, in order of first mention."""
    groups: dict[str, list[ActorMention]] = {}
    for m in mentions:
        groups.setdefault(m.actor.kb_id, []).append(m)
    out = []
    for kb_id, ms in groups.items():
        a = ms[0].actor
        canonical = a.canonical
        if kb_id.startswith("state:"):
            canonical = ms[0].actor.acled_name or canonical
        out.append(EntityRecord(canonical=canonical, type=a.type,
                                kb_id=None if kb_id.startswith("adhoc:") else kb_id,
                                mentions=tuple(Span(m.start, m.end, m.text) for m in sorted(ms, key=lambda m: m.start))))
    out.sort(key=lambda r: r.mentions[0].start)
    return out


def mentions_in(mentions: Iterable[ActorMention], start: int, end: int) -> list[ActorMention]:
    """Mentions overlapping the character span [start, end) (e.g. a trigger's agent or patient)."""
    return [m for m in mentions if m.start < end and m.end > start]


_ROLE1_DEPS = {"nsubj", "csubj"}
_ROLE2_DEPS = {"dobj", "nsubjpass", "attr", "oprd"}
_PATIENT_PREPS = {"against", "on", "at", "with", "targeting", "between"}


def guess_actors(doc, mentions: list[ActorMention]) -> tuple[Optional[ActorMention], Optional[ActorMention]]:
    """A fallback (actor1, actor2) guess from syntax when no event trigger says who did what:
    actor1 = the first mention that is the subject of an active verb or the agent of a passive
    ("killed by gunmen"); actor2 = the first other mention that is an object / passive subject /
    the object of "against", "on", "with". Reporting sources are skipped; civilians are never
    actor1 when another candidate exists."""
    cands = [m for m in mentions if m.actor.acled_name and not is_reporting_source(m.actor)]
    if not cands:
        return None, None

    def role(m):
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return 0
        root = span.root
        dep = root.dep_
        if dep in ("conj", "appos") and root.head.dep_:
            dep = root.head.dep_
            root = root.head
        if dep in _ROLE1_DEPS:
            return 1
        if dep == "pobj" and root.head.lower_ == "by":
            return 1
        if dep in _ROLE2_DEPS:
            return 2
        if dep == "pobj" and root.head.lower_ in _PATIENT_PREPS:
            return 2
        return 0

    roles = [(m, role(m)) for m in cands]
    a1 = next((m for m, r in roles if r == 1 and m.actor.inter != 7), None)
    if a1 is None:
        a1 = next((m for m, r in roles if m.actor.inter != 7), cands[0])
    key1 = a1.actor.acled_name
    a2 = next((m for m, r in roles if r == 2 and m.actor.acled_name != key1), None)
    if a2 is None:
        a2 = next((m for m, r in roles if m.actor.acled_name != key1), None)
    return a1, a2
