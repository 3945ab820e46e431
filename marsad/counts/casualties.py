"""People killed / injured / missing / abducted / arrested / displaced, read from a spaCy Doc.

``find_casualties(doc) -> list[Casualty]``. Each number expression of the text
(:func:`marsad.counts.numbers.find_quantities`, plus "a civilian" / "a child" = 1) is tied to what
happened to the people it counts, by three readers tried in order:

1. *after*: the words right after the count say it ("21 people were killed", "Three killed",
   "50 hurt", "left 3 dead", "two soldiers were shot dead");
2. *before*: an active verb or a noun of death right before it ("killed 14 people", "killing at
   least eight", "wounded four", "the bodies of 2 HTS fighters", "claimed the lives of ...");
3. *tree*: the dependency parse ("14 people in Idlib were killed", "seven fighters and two
   civilians" as objects of "killed", "the death toll rose to 20").

A count whose noun is not a person ("19 targets", "45 schools", "60 days"), an age ("a 55-year-old
man"), or a count with no casualty word near it ("350,000 people live") yields nothing.
Coordinated counts sharing one trigger are summed with their breakdown ("seven fighters and two
civilians" -> 9, victims {combatants: 7, civilians: 2}); "including four children" / "among them"
adds to ``victims`` of the count before it and is never added to the total.

Scope: "incident" unless the clause of the trigger says otherwise: "background" for whole-war
figures (a war/conflict that "claimed" them, "since 2011", "since the war began", "before the
war", figures of 100,000 or more); "cumulative" for running totals over a period ("in the past four
days", "since the beginning of the year", "so far", "this week", "to date"), with ``period_text``;
"aggregate" for a sum over several places ("in Aleppo, Idlib and Hama", "across the province").
"""
from __future__ import annotations

import bisect
import re
from typing import Optional

from marsad.counts.numbers import find_quantities
from marsad.records import Casualty, Quantity
from marsad.parse.doctext import doc_text
from marsad.time.resolve import explicit_date_spans

__all__ = ["find_casualties", "CATEGORY_OF_LEMMA", "PERSON_NOUNS", "VICTIM_CLASS"]

# --- lexicons (curated by us; sources: ACLED notes vocabulary and wire copy usage) ---------------
CATEGORY_OF_LEMMA: dict[str, str] = {}
for _cat, _words in {
    "killed": "kill killed dead die died death deaths fatality fatalities slay slain execute executed behead "
              "beheaded martyr martyred murder murdered assassinate assassinated massacre massacred perish "
              "perished slaughter slaughtered body bodies corpse corpses remains lynch lynched",
    "injured": "injure injured wound wounded hurt injury injuries maim maimed",
    "missing": "missing disappear disappeared unaccounted",
    "abducted": "abduct abducted kidnap kidnapped hostage hostages",
    "arrested": "arrest arrested detain detained apprehend apprehended capture captured jail jailed "
                "imprison imprisoned",
    "displaced": "displace displaced uproot uprooted homeless",
}.items():
    for _w in _words.split():
        CATEGORY_OF_LEMMA[_w] = _cat

# verbs whose OBJECT is the victim (active voice), and whose passive SUBJECT is the victim
TRANSITIVE = {"kill", "slay", "execute", "behead", "murder", "assassinate", "massacre", "slaughter",
              "injure", "wound", "hurt", "maim", "abduct", "kidnap", "arrest", "detain", "apprehend",
              "capture", "jail", "imprison", "displace", "uproot", "martyr", "lynch", "shoot"}
# verbs whose SUBJECT is the victim
INTRANSITIVE = {"die": "killed", "perish": "killed", "disappear": "missing", "flee": "displaced"}

VICTIM_CLASS: dict[str, str] = {}
for _cls, _words in {
    "civilians": "civilian resident villager citizen farmer worker student shepherd pedestrian bystander "
                 "passenger pilgrim journalist doctor nurse medic refugee worshipper teacher "
                 "employee trader merchant fisherman driver judge lawyer councilor councillor mayor "
                 "businessman businesswoman vendor shopkeeper politician candidate priest pastor imam cleric "
                 "chief elder herder pastoralist engineer contractor activist blogger photographer reporter "
                 "laborer labourer delegate",
    "children": "child kid boy girl baby infant toddler schoolchild schoolchildren schoolboy schoolgirl "
                "teenager teen minor",
    "women": "woman",
    "combatants": "fighter soldier militant rebel troop jihadist terrorist gunman insurgent combatant combattant "
                  "militiaman officer policeman personnel serviceman guard mercenary attacker assailant "
                  "extremist islamist commander recruit element militia trooper sniper paramilitary "
                  "conscript bodyguard gendarme marine lieutenant sergeant captain colonel general corporal "
                  "private trafficker smuggler gangster dealer",
}.items():
    for _w in _words.split():
        VICTIM_CLASS[_w] = _cls
PERSON_NOUNS = set(VICTIM_CLASS) | set(
    "people person man member other others inmate prisoner detainee hostage victim martyr suspect "
    "father mother son daughter brother sister husband wife grandson granddaughter cousin nephew niece "
    "relative youth adolescent male female elderly force protester demonstrator volunteer staff individual national tribesman official "
    "leader agent operative spy dissident activist opponent defector supporter sympathizer "
    "cadre perpetrator assailant attacker gunman bomber robber thief bandit informant collaborator "
    "recruit conscript deserter nurse medic paramedic pilot imam priest pastor elder mayor councillor judge "
    "Syrian Iraqi Turk Kurd Afghan Palestinian Yemeni Libyan Russian Iranian American".lower().split())
PERSON_NOUNS |= {w + "s" for w in list(PERSON_NOUNS)} | {"men", "women", "children", "gunmen", "militiamen",
                                                         "policemen", "servicemen", "people", "tribesmen",
                                                         "fishermen", "personnel", "staff", "police", "troops"}
# determiners that make a singular person noun count as one ("killing a civilian")
ONE_DETS = {"a", "an", "one", "another", "the"}  # "the man died": one person, when a casualty verb says so

AUX_SKIP = {"were", "was", "are", "is", "been", "being", "be", "have", "has", "had", "got", "get", "reportedly",
            "also", "later", "all", "allegedly", "reported", "confirmed", "each", "were", "subsequently", "then",
            "immediately", "both", "so", "far", "instantly", "critically", "seriously", "severely", "lightly",
            "slightly", "fatally", "badly", "mortally", "either", "were", "found", "shot", "burned", "burnt",
            "beaten", "stabbed", "left", "leaving", "lying", "more", "others", "other", "people", "said", "feared",
            "believed", "thought", "to", "have", "declared", "pronounced", "brought", "as", "result", "a",
            "still"}
BEFORE_VERBS = {"killed": "killed", "killing": "killed", "kills": "killed", "kill": "killed",
                "wounded": "injured", "wounding": "injured", "wounds": "injured", "wound": "injured",
                "injured": "injured", "injuring": "injured", "injures": "injured", "injure": "injured",
                "hurt": "injured", "hurting": "injured",
                "kidnapped": "abducted", "kidnapping": "abducted", "kidnaps": "abducted", "kidnap": "abducted",
                "abducted": "abducted", "abducting": "abducted", "abducts": "abducted", "abduct": "abducted",
                "arrested": "arrested", "arresting": "arrested", "arrests": "arrested", "arrest": "arrested",
                "detained": "arrested", "detaining": "arrested", "detains": "arrested", "detain": "arrested",
                "executed": "killed", "executing": "killed", "executes": "killed", "execute": "killed",
                "slaughtered": "killed", "massacred": "killed", "murdered": "killed", "murdering": "killed",
                "beheaded": "killed", "beheading": "killed", "displaced": "displaced", "displacing": "displaced",
                "claimed": "killed", "claiming": "killed", "left": None, "leaving": None, "leaves": None,
                "captured": "arrested", "capturing": "arrested", "maimed": "injured", "maiming": "injured",
                "eliminated": "killed", "eliminating": "killed", "neutralized": "killed", "neutralised": "killed"}
NOUNS_OF_DEATH = {"bodies": "killed", "body": "killed", "corpses": "killed", "remains": "killed",
                  "deaths": "killed", "death": "killed", "killing": "killed", "killings": "killed",
                  "lives": "killed", "execution": "killed", "executions": "killed", "murder": "killed",
                  "abduction": "abducted", "kidnapping": "abducted", "arrest": "arrested", "arrests": "arrested",
                  "detention": "arrested", "injuries": "injured", "injuring": "injured", "wounding": "injured",
                  "displacement": "displaced"}
TOLL_VERBS = {"rise", "reach", "climb", "jump", "hit", "stand", "increase", "mount", "soar", "be", "exceed",
              "surpass", "top", "pass", "grow", "rocket", "swell"}
INCLUDING = {"including", "among", "of", "incl", "include", "includes"}

_BACKGROUND_RX = re.compile(
    r"\bsince\s+(?:(?:march\s+)?(?:19|20)\d\d|the\s+(?:war|conflict|uprising|revolution|crisis)|the\s+"
    r"(?:start|beginning|outbreak|onset)\s+of\s+the\s+(?:war|conflict|uprising|revolution|crisis|fighting))|"
    r"\bbefore\s+the\s+(?:war|conflict)|\bduring\s+the\s+(?:war|conflict)|\bof\s+the\s+(?:war|conflict)\b|"
    r"\b(?:war|conflict|uprising|revolution|crisis)\s+(?:that|which)\s+(?:has\s+|had\s+)?(?:claimed|killed|"
    r"left|displaced|forced)|\b(?:years?-old|year-long|decade-long|years? of|-year)\s+(?:civil\s+)?"
    r"(?:war|conflict)|\bthe\s+war\s+(?:began|started|erupted|broke\s+out)", re.I)
_CUMUL_RX = re.compile(
    r"\b(?:in|over|during|within|for)\s+the\s+(?:past|last|previous)\s+(?:\w+\s+)?(?:days?|weeks?|months?|"
    r"years?|hours?)\b|\bsince\s+the\s+(?:beginning|start)\s+of\s+(?:the\s+|this\s+)?(?:year|month|week|"
    r"offensive|campaign|operation|assault|attack|battle|siege|month|truce|ceasefire|escalation)\b|"
    r"\bsince\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"last|mid|early|late|the\s+(?:offensive|campaign|operation|assault|battle|siege|truce|ceasefire))\b|"
    r"\bso\s+far\b|\bto\s+date\b|(?<!earlier )(?<!later )\bthis\s+(?:year|month|week)\b|\bsince\s+"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|\bcumulative\b|\bsince\s+then\b|"
    r"\bsince\s+it\s+(?:began|started)\b|\bsince\s+(?:the\s+|its\s+|their\s+)?(?:\w+[\s-]+){0,3}?"
    r"(?:began|launched|started|erupted|intensified|escalated|opened|resumed|declared|seized|captured|took|"
    r"entered|announced|emerged|arrived|came)\b|\b(?:the\s+)?(?:first|past)\s+(?:\w+\s+)?(?:days|weeks|months)\s+of\b",
    re.I)
# a count over a stretch of days however it is phrased: "in nearly two weeks", "over three days",
# "within a week", "in two days of fighting" (one day's incident is counted as that day's)
_PERIOD_RX = re.compile(
    r"\b(?:in|over|during|within|across|for)\s+(?:(?:nearly|almost|about|around|some|roughly|more\s+than|"
    r"less\s+than|just\s+over|just\s+under|the\s+(?:first|last|past|previous))\s+)*(?:two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|several|a\s+few|a\s+couple\s+of|\d+|a|one)\s+"
    r"(?:(?:straight|consecutive|successive)\s+)?(?:days|weeks?|months?|years?|nights)\b", re.I)


class _SinceMatch:
    """A since-phrase found by the parse, in the shape of a regex match (``group(0)``)."""

    def __init__(self, text: str):
        self.text = text

    def group(self, _=0) -> str:
        return self.text


def _since_clause(doc, idxs):
    """ "killed since a ceasefire collapsed on September 19", "since Monday", "since the regime's
    offensive": a count dated by a since-phrase or since-clause runs over a period to now."""
    for i in sorted(idxs):
        t = doc[i]
        if t.lower_ != "since" or t.dep_ not in ("prep", "mark"):
            continue
        if t.dep_ == "mark" and t.head.pos_ not in ("VERB", "AUX"):
            continue
        sub = list(t.subtree) if t.dep_ == "prep" else list(t.head.subtree)
        if not sub:
            continue
        return _SinceMatch(doc[sub[0].i:sub[-1].i + 1].text)
    return None


_AGGREGATE_RX = re.compile(r"\b(?:across|throughout|in\s+(?:several|various|separate|different|multiple)|"
                           r"in\s+(?:a\s+)?series\s+of|separate\s+(?:incidents|attacks|strikes|raids))\b", re.I)
_ZERO_RX = re.compile(
    r"\b(?:(?P<no>no|without|zero)\s+(?:immediate\s+|reported\s+|human\s+|civilian\s+|other\s+|known\s+)?"
    r"(?:reports?\s+of\s+)?(?P<noun>casualties|casualty|deaths|fatalities|dead|victims|injuries|deaths\s+or\s+"
    r"injuries|loss\s+of\s+(?:life|lives)|one\s+(?:was|were)\s+(?:killed|injured|hurt|wounded)))\b|"
    r"\b(?P<nobody>no\s+one|nobody|none)\s+(?:was|were|has\s+been|had\s+been|is)\s+(?:\w+\s+)?"
    r"(?P<verb>killed|injured|hurt|wounded)\b", re.I)
_AGE_AFTER = re.compile(r"^\s*-?\s*(?:years?[- ]old|year|yr|-year|years\b|percent|%|per\s*cent|km|kilomet|mile|"
                        r"meter|metre|hour|day|week|month|minute|second|o'clock|am\b|pm\b|th\b|st\b|nd\b|rd\b|"
                        r"[:/]\d)", re.I)
_OF_THEM = re.compile(r"\s+of\s+(?:them|whom)\b", re.I)
_YEARISH = re.compile(r"^(?:19|20)\d\d$")


def _sent_starts(doc) -> list[int]:
    """Token indices where sentences start (computed once per Doc, kept in ``doc.user_data``)."""
    key = "marsad.counts.sent_starts"
    starts = doc.user_data.get(key)
    if starts is None or (starts and starts[-1] >= len(doc)):
        starts = [t.i for t in doc if t.is_sent_start] or [0]
        if starts[0] != 0:
            starts.insert(0, 0)
        doc.user_data[key] = starts
    return starts


def _sent_bounds(doc, i: int) -> tuple[int, int]:
    starts = _sent_starts(doc)
    k = bisect.bisect_right(starts, i) - 1
    return starts[k], (starts[k + 1] if k + 1 < len(starts) else len(doc))


def _same_sent(doc, i: int, j: int) -> bool:
    return _sent_bounds(doc, i) == _sent_bounds(doc, j)


def _tok_at(doc, char: int):
    """The token containing character offset ``char``."""
    lo, hi = 0, len(doc) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if doc[mid].idx <= char:
            lo = mid
        else:
            hi = mid - 1
    return doc[lo]


class _Hit:
    __slots__ = ("q", "category", "trigger", "noun", "top", "victim", "first_tok", "last_tok", "breakdown")

    def __init__(self, q, category, trigger, noun, top, victim, first_tok, last_tok, breakdown=False):
        self.q, self.category, self.trigger, self.noun, self.top = q, category, trigger, noun, top
        self.victim, self.first_tok, self.last_tok, self.breakdown = victim, first_tok, last_tok, breakdown


def _victim_of(noun) -> Optional[str]:
    if noun is None:
        return None
    lem = noun.lemma_.lower()
    w = noun.text.lower()
    cls = VICTIM_CLASS.get(lem) or VICTIM_CLASS.get(w) or VICTIM_CLASS.get(w.rstrip("s"))
    if cls is None and lem in ("member", "members"):
        # "members of HTS", "Hezbollah members": armed group members are combatants
        armed = {"group", "groups", "forces", "force", "militia", "militias", "faction", "factions", "army",
                 "brigade", "brigades", "battalion", "movement", "front", "organization", "organisation"}
        for t in noun.children:
            if t.ent_type_ in ("ORG", "NORP") and t.dep_ == "compound":
                return "combatants"
            if t.dep_ == "prep" and t.lower_ == "of":
                for pobj in t.children:
                    if pobj.ent_type_ in ("ORG", "NORP") or pobj.lower_ in armed:
                        return "combatants"
    if cls is None and w in ("men",) and any(c.lemma_.lower() == "arm" for c in noun.children):
        return "combatants"
    return cls


def _is_person(noun) -> bool:
    w = noun.text.lower()
    return noun.lemma_.lower() in PERSON_NOUNS or w in PERSON_NOUNS


def _counted_noun(doc, last, q: Quantity):
    """The noun a number counts ("seven fighters" -> fighters), or None when it stands alone."""
    h = last.head
    if last.dep_ == "det" and h.dep_ == "poss" and h.head.pos_ == "NOUN" and h.head.i - last.i <= 7:
        return h.head  # "a regime's fighter": the article belongs to the possessor
    if last.dep_ in ("nummod", "quantmod", "amod", "compound", "det", "advmod", "npadvmod") and h.i > last.i \
            and h.pos_ in ("NOUN", "PROPN") and h.i - last.i <= 7:
        return h
    # "hundreds of people", "dozens of civilians", "several of them"
    j = last.i + 1
    if j < len(doc) and doc[j].lower_ == "of":
        for k in range(j + 1, min(j + 5, len(doc))):
            t = doc[k]
            if t.pos_ in ("NOUN", "PROPN", "PRON"):
                return t
            if t.pos_ not in ("DET", "ADJ", "NUM", "ADP") and t.dep_ != "compound":
                break
    # the parser sometimes hangs the noun elsewhere: look right over adjectives/compounds
    for k in range(last.i + 1, min(last.i + 5, len(doc))):
        t = doc[k]
        if t.pos_ in ("NOUN",) and (t.lemma_.lower() in PERSON_NOUNS or t.lower_ in PERSON_NOUNS):
            return t
        if t.pos_ not in ("ADJ", "PROPN", "NOUN", "PUNCT") or t.text in (",", ".", ";"):
            break
    return None


def _person_nearby(noun):
    """"26 regime and allied militants": the count hangs on a modifier of the person noun."""
    for c in noun.children:
        if c.dep_ == "conj" and c.pos_ == "NOUN" and _is_person(c):
            return c
    h = noun.head
    if noun.dep_ in ("compound", "amod", "nmod", "nummod") and h.pos_ == "NOUN" and h.i > noun.i and _is_person(h):
        return h
    if noun.dep_ == "conj" and h.pos_ == "NOUN" and _is_person(h):
        return noun if noun.pos_ == "PROPN" else h
    return noun


def _after_reader(doc, tok):
    """Casualty word right after ``tok`` (end of the count's noun phrase)."""
    n = len(doc)
    k = tok.i + 1
    steps = 0
    while k < n and steps < 6:
        t = doc[k]
        lw = t.lower_
        if lw in CATEGORY_OF_LEMMA and lw not in ("body", "bodies", "remains", "death", "deaths", "injury",
                                                   "injuries", "hostage", "hostages"):
            if lw == "dead" and k + 1 < n and doc[k + 1].lower_ in ("bodies", "body"):
                return None
            return CATEGORY_OF_LEMMA[lw], t
        if lw in ("lost", "lose", "losing") and k + 2 < n and doc[k + 2].lower_ in ("lives", "life"):
            return "killed", t
        if lw == "to" and k + 1 < n and doc[k + 1].lower_ == "death":
            return "killed", doc[k + 1]
        if lw in ("went", "go", "gone", "remain", "remained", "remains", "are", "were", "was", "is") and k + 1 < n \
                and doc[k + 1].lower_ == "missing":
            return "missing", doc[k + 1]
        if lw in ("fled", "flee", "fleeing") and steps <= 3:
            return "displaced", t
        if lw not in AUX_SKIP and t.pos_ not in ("ADV", "AUX", "PART") and t.text not in ("'s",):
            return None
        k += 1
        steps += 1
    return None


def _before_reader(doc, first):
    """Casualty verb / noun right before the count ("killed 14", "the bodies of 2")."""
    k = first.i - 1
    # skip determiners/adverbs: "killed the 3", "killed only 2", "killing a total of 12"
    skipped = 0
    while k >= 0 and skipped < 3 and (doc[k].lower_ in ("the", "only", "another", "also", "all", "just",
                                                         "some", "about", "a", "total", "of", "nearly")):
        if doc[k].lower_ == "of" and not (k >= 1 and doc[k - 1].lower_ == "total"):
            break
        k -= 1
        skipped += 1
    if k < 0:
        return None
    t = doc[k]
    lw = t.lower_
    if lw in ("as", "at") and k >= 1 and doc[k - 1].lower_ in ("coded", "recorded", "estimated", "put", "set",
                                                                 "given", "reported", "counted"):
        for j in range(k - 2, max(-1, k - 6), -1):
            if doc[j].lower_ in ("fatalities", "deaths", "dead", "death"):
                return "killed", doc[j]
            if doc[j].lower_ in ("injuries", "injured", "wounded"):
                return "injured", doc[j]
    if lw in BEFORE_VERBS:
        cat = BEFORE_VERBS[lw]
        if cat is None:  # "left 3 dead": the after reader decides
            return None
        if lw in ("claimed", "claiming"):
            return None
        if lw in ("injured", "wounded", "killed", "detained", "arrested", "abducted", "kidnapped", "displaced") \
                and t.tag_ == "VBN" and t.dep_ in ("amod", "acl") and t.head.i < t.i:
            return None
        return cat, t
    if lw == "dead" and k >= 1 and doc[k - 1].lower_ in ("shot", "shooting", "shoots"):
        return "killed", doc[k - 1]
    if lw == "of" and k >= 1:
        p = doc[k - 1]
        pl = p.lower_
        if pl in NOUNS_OF_DEATH:
            if pl == "lives" or pl == "life":
                v = p.head
                if v.lemma_.lower() in ("claim", "take", "cost", "lose", "end") or (
                        k >= 2 and doc[k - 2].lower_ in ("the", "their")):
                    return "killed", v if v.pos_ == "VERB" else p
                return None
            if pl in ("death", "deaths", "killing", "killings", "execution", "executions", "murder", "bodies",
                      "body", "corpses", "remains"):
                return NOUNS_OF_DEATH[pl], p
            return NOUNS_OF_DEATH[pl], p
    return None


def _tree_reader(doc, node):
    """Walk the dependency tree up from the count's noun (or the number itself)."""
    h = node
    hops = 0
    while h.dep_ in ("conj", "appos") and hops < 4 and h.head is not h:
        h = h.head
        hops += 1
    # participle modifiers on the noun: "people killed in", "civilians who were killed"
    for c in h.children:
        if c.dep_ in ("acl", "relcl", "amod") and c.i > h.i and c.lemma_.lower() in TRANSITIVE | set(INTRANSITIVE):
            cat = CATEGORY_OF_LEMMA.get(c.lemma_.lower()) or CATEGORY_OF_LEMMA.get(c.lower_) or \
                INTRANSITIVE.get(c.lemma_.lower())
            if cat and (c.tag_ == "VBN" or c.dep_ == "relcl"):
                return cat, c, h
    for c in h.children:
        if c.dep_ == "amod" and c.lower_ == "dead" and c.i < h.i:
            return "killed", c, h
    v = h.head
    dep = h.dep_
    vl = v.lemma_.lower()
    if dep in ("nsubjpass", "nsubj", "dobj") and v.pos_ == "VERB":
        for c in v.children:
            if c.lower_ == "dead" and c.dep_ in ("oprd", "acomp", "xcomp", "advmod", "dobj", "ccomp", "conj"):
                return "killed", c, h
            if c.dep_ == "conj" and c.pos_ == "VERB" and INTRANSITIVE.get(c.lemma_.lower()) == "killed" \
                    and dep == "nsubjpass" and not any(cc.dep_ in ("nsubj", "nsubjpass") for cc in c.children):
                return "killed", c, h  # "a suspect was shot and died"
            if c.dep_ == "conj" and c.pos_ == "VERB" and CATEGORY_OF_LEMMA.get(c.lemma_.lower()) == "killed" \
                    and CATEGORY_OF_LEMMA.get(vl) in ("abducted", "arrested", "injured") \
                    and not any(cc.dep_ in ("nsubj", "nsubjpass") for cc in c.children):
                return "killed", c, h  # "kidnapped and killed": the dead are counted as dead
            if c.dep_ == "conj" and c.pos_ == "VERB" and c.lemma_.lower() in TRANSITIVE and (vl not in TRANSITIVE or vl == "shoot") \
                    and not any(cc.dep_ in ("nsubj", "nsubjpass") for cc in c.children):
                cat = CATEGORY_OF_LEMMA.get(c.lemma_.lower()) or CATEGORY_OF_LEMMA.get(c.lower_)
                if cat and (dep != "dobj" or not any(cc.dep_ == "dobj" for cc in c.children)):
                    return cat, c, h
    if dep in ("dobj", "obj") and v.pos_ in ("VERB", "AUX"):
        if vl in TRANSITIVE:
            cat = CATEGORY_OF_LEMMA.get(vl) or CATEGORY_OF_LEMMA.get(v.lower_)
            if vl == "shoot":
                cat = "killed" if any(c.lower_ == "dead" for c in v.children) else None
            if cat:
                return cat, v, h
        if vl in ("leave",):
            for c in v.children:
                if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "advcl", "conj") and c.lower_ in CATEGORY_OF_LEMMA:
                    return CATEGORY_OF_LEMMA[c.lower_], c, h
        if vl in TOLL_VERBS and _has_toll_subject(v):
            return _toll_category(v), v, h
    if dep in ("nsubjpass",) and vl in TRANSITIVE:
        cat = CATEGORY_OF_LEMMA.get(vl) or CATEGORY_OF_LEMMA.get(v.lower_)
        if vl == "shoot":
            cat = "killed" if any(c.lower_ == "dead" for c in v.children) else None
        if cat:
            return cat, v, h
    if dep == "nsubj":
        if vl in INTRANSITIVE:
            return INTRANSITIVE[vl], v, h
        if vl == "lose" and any(c.lemma_.lower() == "life" for c in v.children):
            return "killed", v, h
        if vl in TRANSITIVE and v.tag_ == "VBN" and not any(c.dep_ == "dobj" for c in v.children):
            cat = CATEGORY_OF_LEMMA.get(vl) or CATEGORY_OF_LEMMA.get(v.lower_)
            if cat:
                return cat, v, h
        if vl in ("be", "remain", "go") and any(c.lower_ == "missing" for c in v.children):
            return "missing", v, h
        if vl == "be":
            for c in v.children:
                if c.dep_ in ("acomp", "attr") and c.lower_ in ("dead", "injured", "wounded", "missing"):
                    return CATEGORY_OF_LEMMA[c.lower_], c, h
    if dep in ("attr", "dobj", "npadvmod") and vl in TOLL_VERBS and _has_toll_subject(v):
        return _toll_category(v), v, h
    if dep == "pobj":
        p = v
        pv = p.head
        if p.lower_ in ("to", "at", "of") and pv.lemma_.lower() in TOLL_VERBS and _has_toll_subject(pv):
            return _toll_category(pv), pv, h
        if p.lower_ == "of" and pv.lower_ in NOUNS_OF_DEATH:
            if pv.lower_ in ("lives", "life"):
                if pv.head.lemma_.lower() in ("claim", "take", "cost", "lose"):
                    return "killed", pv.head, h
                return None
            return NOUNS_OF_DEATH[pv.lower_], pv, h
        if p.lower_ == "by" and pv.lemma_.lower() in TRANSITIVE:
            return None
    return None


def _has_toll_subject(v) -> bool:
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in ("toll", "number", "tally", "count"):
            if c.lemma_.lower() == "toll":
                return True
            return any(cc.lower_ in ("dead", "killed", "deaths", "victims", "fatalities", "casualties",
                                      "injured", "wounded") for cc in c.subtree)
    return False


def _toll_category(v) -> str:
    for c in v.children:
        if c.dep_ in ("nsubj", "nsubjpass"):
            words = {t.lower_ for t in c.subtree}
            if words & {"injured", "wounded", "injuries"} and not words & {"death", "dead", "killed"}:
                return "injured"
    return "killed"


_CLAUSE_STOP = {"relcl", "ccomp", "advcl", "parataxis", "conj", "xcomp", "csubj", "acl"}


def _clause_tokens(root, keep):
    """Tokens of the clause headed by ``root`` (without nested clauses), plus ``keep``'s subtree."""
    out = {root.i}
    stack = [root]
    if keep is not None:
        out.add(keep.i)
        stack.append(keep)
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _CLAUSE_STOP and c.pos_ in ("VERB", "AUX"):
                # "... killed since the offensive began": a since-clause dates the count itself
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
                    out.update(x.i for x in c.subtree)
                continue
            if c.dep_ == "relcl":
                continue
            out.add(c.i)
            stack.append(c)
    return out


def _scope(doc, hit: _Hit) -> tuple[str, Optional[str]]:
    trig = hit.trigger
    sent_start, sent_end = _sent_bounds(doc, trig.i)
    root = trig
    # the clause of a nominal trigger is the clause of its verb
    hops = 0
    while root.pos_ not in ("VERB", "AUX") and root.head is not root and hops < 4:
        root = root.head
        hops += 1
    idxs = _clause_tokens(root, hit.top)
    idxs = {i for i in idxs if sent_start <= i < sent_end}
    text = "".join(doc[i].text_with_ws if (i + 1) in idxs else doc[i].text + " " for i in sorted(idxs))
    # whole-war figures
    anc = trig
    for _ in range(4):
        if anc.dep_ == "relcl" and anc.head.lemma_.lower() in ("war", "conflict", "uprising", "revolution", "crisis"):
            return "background", None
        if anc.head is anc:
            break
        anc = anc.head
    if _BACKGROUND_RX.search(text) or hit.q.best >= 100_000 or _VAGUE_THOUSANDS.search(hit.q.text):
        # "thousands are believed to have been killed": no single incident is counted that way
        return "background", None
    if _campaign_total(trig) or (re.match(r"(?:many\s+|several\s+)?hundreds\b", hit.q.text, re.I) and (
            _perfect(trig) or not _OWN_DAY.search(doc[sent_start:sent_end].text))):
        # "strikes have killed hundreds of civilians", "hundreds of civilians killed is a conservative
        # figure": a campaign's running figure, not an incident's; a day's incident is told with its day
        return "cumulative", None
    m = _CUMUL_RX.search(text) or _PERIOD_RX.search(text) or _since_clause(doc, idxs)
    relative = root.dep_ == "relcl" or any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "that")
                                           for c in root.children)
    if not m and relative and _perfect(root):
        # "X has been under bombardment since mid-February, which has killed more than 130": a
        # relative clause's toll is the toll of what it describes, a period's bombardment
        rel = {x.i for x in root.subtree}
        outer = "".join(doc[i].text_with_ws for i in range(sent_start, sent_end) if i not in rel)
        m = _CUMUL_RX.search(outer) or _PERIOD_RX.search(outer)
    if m and re.search(r"\b(?:24|twenty-four)\s+hours|\b(?:past|last)\s+day\b", m.group(0), re.I):
        m = None  # "in the past 24 hours" is the day of the report, as ACLED codes it
    if m:
        return "cumulative", m.group(0)
    if _AGGREGATE_RX.search(text):
        return "aggregate", None
    # several places conjoined inside the clause ("in Aleppo, Idlib and Hama")
    gpes = [doc[i] for i in idxs if doc[i].ent_type_ in ("GPE", "LOC", "FAC") and doc[i].ent_iob_ == "B"]
    if len(gpes) >= 3 and any(g.dep_ == "conj" and any(c.dep_ == "cc" for c in g.head.children) for g in gpes):
        return "aggregate", None
    return "incident", None


def _implicit_ones(doc):
    """Singular person nouns with "a"/"an"/"one": "killing a civilian" counts one."""
    for t in doc:
        if t.tag_ in ("NN", "JJ", "NNP") and t.lower_ in PERSON_NOUNS and not t.lower_.endswith("s") and t.lower_ not in (
                "people", "staff", "police", "personnel", "family"):
            dets = [c for c in t.children if c.dep_ in ("det", "nummod") and c.lower_ in ONE_DETS]
            if not dets and t.left_edge.lower_ in ONE_DETS and t.left_edge.i >= t.i - 6:
                dets = [t.left_edge]  # "a 55-year-old man": the article hangs elsewhere in the parse
            if dets:
                d = dets[0]
                if d.lower_ == "one":
                    continue  # numbers already found by the grammar
                yield Quantity(text=d.text, start=d.idx, end=d.idx + len(d.text), best=1, low=None, high=None), d


def find_casualties(doc) -> list[Casualty]:
    """Casualty counts in a parsed document (see the module docstring)."""
    text = doc_text(doc)
    if not len(doc):
        return []
    hits: list[_Hit] = []
    cands: list[tuple[Quantity, object, object]] = []
    for q in find_quantities(text):
        first = _tok_at(doc, q.start)
        last = _tok_at(doc, q.end - 1)
        cands.append((q, first, last))
    for q, d in _implicit_ones(doc):
        cands.append((q, d, d))
    cands.sort(key=lambda c: c[0].start)
    date_spans = explicit_date_spans(text)
    if date_spans:
        cands = [c for c in cands if not any(s < c[0].end and c[0].start < e for s, e in date_spans)]
    for q, first, last in cands:
        if first.i >= 1 and doc[first.i - 1].lower_ in ("no", "not", "none"):
            continue  # "no one was killed" is a zero, read by _zeros
        after_txt = text[q.end:q.end + 12]
        if _AGE_AFTER.match(after_txt):
            continue
        if _YEARISH.match(text[q.start:q.end].split()[-1]) and not q.text.lower().startswith(("at", "more", "over")):
            continue
        if text[max(0, q.start - 1):q.start] in ("-", "/", ":", "#", "$", "£", "€") or after_txt[:1] in ("-", ":"):
            if not re.match(r"^-\s*(?:year|strong|member|man|men)", after_txt):
                continue
        m_of = _OF_THEM.match(text, q.end)
        if m_of and hits and not hits[-1].breakdown and _same_sent(doc, first.i, hits[-1].first_tok.i):
            # "Four people, two of them children, were killed"
            kid = None
            for k in range(last.i + 1, min(last.i + 7, len(doc))):
                if _is_person(doc[k]) and doc[k].lower_ not in ("them", "whom"):
                    kid = doc[k]
                    break
            if kid is not None:
                hits.append(_Hit(q, "", first, kid, kid, _victim_of(kid), first, kid, breakdown=True))
                continue
        noun = _counted_noun(doc, last, q)
        if noun is not None and noun.lower_ in ("martyrs", "martyr") and q.best > 0:
            # "claiming 4 martyrs": the word itself says they were killed
            hits.append(_Hit(q, "killed", noun, noun, noun, None, first, noun))
            continue
        if noun is not None and not _is_person(noun):
            noun = _person_nearby(noun)
        if noun is not None and not _is_person(noun) and noun.pos_ != "PROPN":
            # "5 deaths", "3 dead", "20 casualties" stand for people themselves
            nl = noun.lower_
            if nl in ("dead", "deaths", "fatalities", "killed", "death", "fatality", "martyrs", "martyr"):
                hits.append(_Hit(q, "killed", noun, None, noun, None, first, noun))
                continue
            if nl in ("injured", "wounded", "injuries"):
                hits.append(_Hit(q, "injured", noun, None, noun, None, first, noun))
                continue
            continue
        if noun is None and last.lower_ in ("one",) and last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of":
            continue
        victim = _victim_of(noun)
        # breakdown: "including four children", "among them 3 women"
        prev = doc[first.i - 1].lower_ if first.i >= 1 else ""
        prev2 = doc[first.i - 2].lower_ if first.i >= 2 else ""
        copular_among = prev == "among" and prev2 in ("were", "was", "are", "is", "be", "been", "being")
        if copular_among:
            pass  # "Six children were among 19 civilians killed": the 19 is the total, not a part
        elif prev in ("including", "incl", "among", "includes", "include") or (
                prev in ("them", "whom", "which") and prev2 in ("among", "of", "including")) or (
                noun is not None and noun.dep_ == "pobj" and noun.head.lower_ in ("including", "among")):
            hits.append(_Hit(q, "", first, noun, noun or last, victim, first, noun or last, breakdown=True))
            continue
        if hits and hits[-1].breakdown and _same_sent(doc, first.i, hits[-1].first_tok.i) and re.fullmatch(
                r"\s*(?:,|and|,\s*and)\s*", text[hits[-1].last_tok.idx + len(hits[-1].last_tok):q.start]):
            hits.append(_Hit(q, "", first, noun, noun or last, victim, first, noun or last, breakdown=True))
            continue
        end_tok = noun if noun is not None and noun.i >= last.i else last
        # "9 children, 3 women" appositions and "of them" handled by the readers below
        r = None
        ra = _after_reader(doc, end_tok)
        if ra is not None:
            cat, trig = ra
            # agent, not victim: "20 rebels killed 5 soldiers"
            if trig.pos_ == "VERB" and trig.tag_ == "VBD" and any(
                    c.dep_ == "dobj" and c.i > trig.i and c.pos_ != "NUM" and c.lower_ not in ("others", "other")
                    and not any(a.lower_ in CATEGORY_OF_LEMMA for a in c.children) for c in trig.children):
                ra = None
            else:
                r = (cat, trig, noun or last)
        if r is None:
            rb = _before_reader(doc, first)
            if rb is not None:
                r = (rb[0], rb[1], noun or last)
        if r is None:
            rt = _tree_reader(doc, noun if noun is not None else last)
            if rt is not None:
                r = rt
        if r is None:
            continue
        cat, trig, top = r
        if cat in ("killed", "injured") and _KILLED_AND_INJURED.match(text, trig.idx + len(trig)):
            cat = "casualties"  # "48 killed and injured": dead and wounded together, neither figure
        hits.append(_Hit(q, cat, trig, noun, top, victim, first, end_tok))
    return _assemble(doc, hits, text) + _zeros(doc, text)


def _assemble(doc, hits: list[_Hit], text: str) -> list[Casualty]:
    groups: list[list[_Hit]] = []
    last_main: Optional[list[_Hit]] = None
    for h in hits:
        if h.breakdown:
            if last_main is not None and _same_sent(doc, last_main[0].trigger.i, h.first_tok.i):
                last_main.append(h)
            continue
        # coordinated counts with one trigger: "seven fighters and two civilians"
        if groups and not groups[-1][0].breakdown:
            g = groups[-1]
            p = g[-1]
            between = text[p.q.end:h.q.start] if h.q.start >= p.q.end else ""
            if p.trigger.i == h.trigger.i and p.category == h.category and re.fullmatch(
                    r"[\w\s'’-]{0,40}?(?:,\s*|\s+and\s+|,\s*and\s+|\s+as\s+well\s+as\s+)(?:(?:his|her|their|its)\s+)?",
                    between or "-") \
                    and not re.search(r"\b(?:were|was|killed|injured|wounded)\b", between):
                g.append(h)
                last_main = g
                continue
        groups.append([h])
        last_main = groups[-1]
    out: list[Casualty] = []
    for g in groups:
        parts = [h for h in g if not h.breakdown]
        extra = [h for h in g if h.breakdown]
        best = sum(h.q.best for h in parts)
        any_low = any(h.q.low is not None for h in parts)
        any_high = any(h.q.high is not None for h in parts)
        open_ended = any(h.q.low is not None and h.q.high is None for h in parts)
        low = sum((h.q.low if h.q.low is not None else h.q.best) for h in parts) if any_low else None
        high = None if open_ended or not any_high else sum(
            (h.q.high if h.q.high is not None else h.q.best) for h in parts)
        victims: dict = {}
        if len(parts) > 1 or parts[0].victim:
            for h in parts:
                if h.victim:
                    victims[h.victim] = victims.get(h.victim, 0) + h.q.best
        for h in extra:
            if h.victim:
                victims[h.victim] = victims.get(h.victim, 0) + h.q.best
        start = min(h.q.start for h in parts)
        end_tok = max((h.last_tok for h in parts), key=lambda t: t.i)
        end = max(max(h.q.end for h in parts), end_tok.idx + len(end_tok))
        scope, period = _scope(doc, parts[0])
        if scope == "incident" and parts[0].category == "killed" and _adds_to(doc, text, parts[0]):
            prev = next((c for c in reversed(out) if c.category == "killed"), None)
            if prev is not None and prev.scope == "cumulative":
                # "112 have been killed since the assault began ... Another 42 have been killed in strikes
                # on the east ... five more deaths in rebel fire": more of the same running toll
                scope, period = "cumulative", prev.period_text
        out.append(Casualty(category=parts[0].category, best=best, low=low, high=high, start=start, end=end,
                            text=text[start:end], trigger_start=parts[0].trigger.idx, victims=victims,
                            scope=scope, period_text=period))
    return out


_ADDS_OPEN = re.compile(r"^\W*(?:another|a\s+further|further)\b", re.I)
_MORE_AFTER = re.compile(r"^\s+(?:more|other|further|additional)\b", re.I)
_OWN_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|"
                      r"overnight|this\s+morning|dawn|(?:january|february|march|april|may|june|july|august|september|"
                      r"october|november|december)\s+\d)", re.I)


def _adds_to(doc, text: str, h: _Hit) -> bool:
    """Does the count add more dead to the figure before it ("Another 42 ...", "five more deaths"),
    in a sentence that names no day of its own?"""
    s0, s1 = _sent_bounds(doc, h.first_tok.i)
    sent = doc[s0:s1].text
    if _OWN_DAY.search(sent):
        return False
    opener = text[doc[s0].idx:h.q.start]
    return bool(_ADDS_OPEN.match(opener) and len(opener.split()) <= 1 or _ADDS_OPEN.match(h.q.text)) or bool(
        _MORE_AFTER.match(text[h.q.end:h.q.end + 14]))


_VAGUE_THOUSANDS = re.compile(r"^(?:(?:many|several|tens\s+of|hundreds\s+of)\s+)?(?:thousands|millions)\b", re.I)
_KILLED_AND_INJURED = re.compile(r"\s*(?:,\s*(?:injured|wounded|hurt|captured|arrested|detained)\s*)*,?\s*(?:and|&|or)\s+"
                                 r"(?:injured|wounded|hurt|killed|dead|captured|arrested|detained)\b", re.I)
# a campaign's running total in the perfect: "The battle in Latakia has killed some 300 fighters"
_CAMPAIGN_NOUNS = {"battle", "fighting", "offensive", "campaign", "clashes", "siege",
                   "violence", "operation", "war", "conflict", "fight", "onslaught", "escalation"}


def _perfect(trig) -> bool:
    verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had") for c in verb.children)


def _campaign_total(trig) -> bool:
    verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
    if verb.lemma_.lower() not in ("kill", "claim", "leave", "cost"):
        return False
    perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children)
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return perfect and bool(subj) and subj[0].lemma_.lower() in _CAMPAIGN_NOUNS


_ZERO_START = re.compile(r"\b(?:no|without|zero|nobody|none)\b", re.I)


def _zeros(doc, text: str) -> list[Casualty]:
    """"no casualties", "no one was killed" -> a zero count."""
    out = []
    for s in _ZERO_START.finditer(text):
        m = _ZERO_RX.match(text, s.start())
        if m is None:
            continue
        if m.group("no"):
            noun = m.group("noun").lower()
            cat = "injured" if noun.startswith("injur") or noun.endswith(("injured", "hurt", "wounded")) else "killed"
        else:
            v = m.group("verb").lower()
            cat = "killed" if v == "killed" else "injured"
        out.append(Casualty(category=cat, best=0, low=0, high=0, start=m.start(), end=m.end(), text=m.group(0),
                            trigger_start=m.start(), victims={}, scope="incident", period_text=None))
    return out
