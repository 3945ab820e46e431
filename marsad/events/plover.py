"""PLOVER helpers: ACLED sub-event type -> default PLOVER class and mode, CAMEO code -> PLOVER,
and the mapping between the two PLOVER vocabularies in use.

marsad emits the class names of the OEDA PLOVER gold-standard records (PLOVER_GSR_CAMEO, v0.5b1:
FIGHT for conventional military force, ASSAULT for unconventional violence, DEMAND, DISAPPROVE...),
which is what the ``plover`` dev suite scores. ``to_plover_2021`` converts them to the PLOVER 0.8 /
CAMEO2PLOVER-2021 names (FIGHT -> ASSAULT, DISAPPROVE -> ACCUSE, DEMAND -> REQUEST).

The CAMEO table below is written by us from the CAMEO 1.1b3 code book and the CAMEO2PLOVER
conversion table (Schrodt, Draft 0.8, 17-Sep-2021): we keep the two- and three-digit codes.
"""
from __future__ import annotations

from typing import Optional

# ACLED sub-event type -> (PLOVER class, default mode). Source: ACLED codebook definitions read
# against the PLOVER modes (aerial/heavy-weapons/firearms 19x, 183 suicide-attack / explosives,
# 181 abduct, 1821 sexual, 141 demo, 145 riot, 173 arrest, 171 seize, 0871 ceasefire...).
ACLED_TO_PLOVER: dict[str, tuple[str, Optional[str]]] = {
    "Armed clash": ("FIGHT", "firearms"),
    "Government regains territory": ("FIGHT", None),
    "Non-state actor overtakes territory": ("FIGHT", None),
    "Air/drone strike": ("FIGHT", "aerial"),
    "Shelling/artillery/missile attack": ("FIGHT", "heavy-weapons"),
    "Remote explosive/landmine/IED": ("ASSAULT", "explosives"),
    "Suicide bomb": ("ASSAULT", "suicide-attack"),
    "Grenade": ("ASSAULT", "explosives"),
    "Chemical weapon": ("ASSAULT", "unconventional"),
    "Attack": ("ASSAULT", None),
    "Abduction/forced disappearance": ("ASSAULT", "abduct"),
    "Sexual violence": ("ASSAULT", "sexual"),
    "Peaceful protest": ("PROTEST", "demo"),
    "Protest with intervention": ("PROTEST", "demo"),
    "Excessive force against protesters": ("ASSAULT", "pro_autocracy"),
    "Violent demonstration": ("PROTEST", "riot"),
    "Mob violence": ("ASSAULT", "riot"),
    "Agreement": ("AGREE", None),
    "Arrests": ("COERCE", "arrest"),
    "Change to group/activity": ("MOBILIZE", None),
    "Disrupted weapons use": ("COERCE", "confiscate"),
    "Headquarters or base established": ("MOBILIZE", "troops"),
    "Looting/property destruction": ("COERCE", "seize"),
    "Non-violent transfer of territory": ("RETREAT", "withdraw"),
    "Other": (None, None),
}

# CAMEO root / sub-codes -> (PLOVER class, mode). From CAMEO2PLOVER-2021 with the GSR names.
CAMEO_TO_PLOVER: dict[str, tuple[str, Optional[str]]] = {
    "01": ("CONSULT", None), "02": ("DEMAND", None), "03": ("AGREE", None), "04": ("CONSULT", None),
    "041": ("CONSULT", "phone"), "042": ("CONSULT", "visit"), "043": ("CONSULT", "host"),
    "044": ("CONSULT", "third-party"), "045": ("CONSULT", None), "046": ("CONSULT", None),
    "05": ("SUPPORT", None), "057": ("AGREE", None), "06": ("COOPERATE", None), "07": ("AID", None),
    "073": ("AID", "humanitarian"), "08": ("CONCEDE", None), "084": ("RETREAT", "release"),
    "0871": ("RETREAT", "ceasefire"), "0872": ("RETREAT", "withdraw"), "0874": ("RETREAT", "disarm"),
    "09": ("INVESTIGATE", None), "10": ("DEMAND", None), "11": ("DISAPPROVE", None), "112": ("ACCUSE", "allege"),
    "12": ("REJECT", None), "13": ("THREATEN", None), "138": ("THREATEN", "violence"), "14": ("PROTEST", None),
    "141": ("PROTEST", "demo"), "142": ("PROTEST", "hunger"), "143": ("PROTEST", "boycott"),
    "144": ("PROTEST", "obstruct"), "145": ("PROTEST", "riot"), "15": ("MOBILIZE", None),
    "151": ("MOBILIZE", "police"), "152": ("MOBILIZE", "troops"), "153": ("MOBILIZE", "police"),
    "154": ("MOBILIZE", "troops"), "16": ("SANCTION", None), "161": ("SANCTION", "withdraw"),
    "163": ("COERCE", "restrict"), "166": ("SANCTION", "expel"), "17": ("COERCE", None),
    "171": ("COERCE", "seize"), "1712": ("ASSAULT", "destroy"), "172": ("COERCE", "restrict"),
    "1723": ("COERCE", "curfew"), "1724": ("COERCE", "martial-law"), "173": ("COERCE", "arrest"),
    "174": ("COERCE", "deport"), "175": ("ASSAULT", "pro_autocracy"), "18": ("ASSAULT", None),
    "181": ("ASSAULT", "abduct"), "182": ("ASSAULT", "beat"), "1821": ("ASSAULT", "sexual"),
    "1822": ("ASSAULT", "torture"), "183": ("ASSAULT", "suicide-attack"), "1831": ("ASSAULT", "suicide-attack"),
    "1832": ("ASSAULT", "explosives"), "1833": ("ASSAULT", "explosives"), "185": ("ASSAULT", "assassinate"),
    "186": ("ASSAULT", "assassinate"), "19": ("FIGHT", None), "190": ("FIGHT", None),
    "191": ("COERCE", "restrict"), "192": ("COERCE", "seize"), "193": ("FIGHT", "firearms"),
    "194": ("FIGHT", "heavy-weapons"), "195": ("FIGHT", "aerial"), "196": ("FIGHT", None),
    "20": ("ASSAULT", "massacre"), "204": ("ASSAULT", "unconventional"), "2041": ("ASSAULT", "unconventional"),
}

_GSR_TO_2021 = {"FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "DEMAND": "REQUEST"}

PLOVER_CLASSES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE",
                  "DEMAND", "DISAPPROVE", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION",
                  "COERCE", "FIGHT", "ASSAULT", "REQUEST")


def plover_for_acled(sub_event_type: Optional[str]) -> tuple[Optional[str], Optional[str]]:
    """Default (PLOVER class, mode) of an ACLED sub-event type."""
    return ACLED_TO_PLOVER.get(sub_event_type or "", (None, None))


def plover_for_cameo(code: str) -> tuple[Optional[str], Optional[str]]:
    """(PLOVER class, mode) of a CAMEO code, falling back to shorter prefixes ("1831" -> "183" -> "18")."""
    code = str(code).strip()
    for n in range(len(code), 1, -1):
        hit = CAMEO_TO_PLOVER.get(code[:n])
        if hit:
            return hit
    return (None, None)


def to_plover_2021(cls: Optional[str]) -> Optional[str]:
    """GSR-era class name -> PLOVER 2021 name."""
    return _GSR_TO_2021.get(cls, cls) if cls else cls


# verbs that only carry an event noun ("launched an investigation", "imposed sanctions", "lodged a
# protest", "gave ... aid"): the event is the noun's, its source the verb's subject (support-verb
# constructions; PLOVER codes the event the noun names)
LIGHT_VERBS = frozenset({"launch", "open", "begin", "start", "hold", "conduct", "carry", "make", "issue", "lodge",
                         "impose", "announce", "give", "offer", "provide", "extend", "reach", "take",
                         "order", "file", "put", "stage", "mount", "resume", "continue", "call", "express",
                         "reiterate", "renew", "deliver", "send", "grant", "establish", "hold", "end", "lift"})


_EFFORTS = frozenset({"effort", "bid", "mission", "initiative", "drive", "campaign"})
_SPANS = frozenset({"day", "week", "month", "year", "round", "series", "wave", "period", "session"})


def light_verb(tok):
    """The support verb governing an event noun as its object ("launched an investigation"), or None."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.dep_ in ("dobj", "obj") and \
            tok.head.head.lemma_.lower() in _SPANS:
        tok = tok.head.head  # "launched 10 days of war games", "began a series of talks"
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in _EFFORTS:
        tok = tok.head  # "launched a mediation effort"
    if tok.dep_ in ("dobj", "obj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX") and \
            tok.head.lemma_.lower() in LIGHT_VERBS:
        return tok.head
    return None


_REPORT_VERBS = frozenset({"say", "announce", "state", "declare", "tell", "add", "insist", "warn", "claim", "report",
                           "confirm", "indicate", "reiterate", "stress", "affirm", "note", "vow", "pledge"})
_PERSONAL = frozenset({"he", "she", "they", "it", "we", "i"})


def speaker_of(tok, pronoun):
    """Reported speech: "Palestinian leaders said they would boycott ...": the pronoun subject of a
    clause reported by a verb of saying is its speaker (the source PLOVER codes)."""
    if pronoun.lower_ not in _PERSONAL:
        return None
    t = tok
    for _ in range(4):
        if t.dep_ not in ("ccomp", "xcomp", "conj", "acomp") or t.head.i == t.i:
            return None
        t = t.head
        if t.lemma_.lower() in _REPORT_VERBS:
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                return subj
            return None
    return None


_CONCLUDE = _REPORT_VERBS | {"conclude", "decide", "rule", "demand", "urge", "argue", "believe", "think"}


def reported_demand(must_tok):
    """The speaker of "X said Y must ...": the subject of the verb of saying that reports the clause
    the modal "must" belongs to, or None when "must" is not reported speech."""
    if must_tok.dep_ != "aux":
        return None
    v = must_tok.head
    if v.dep_ != "ccomp" or v.head.lemma_.lower() not in _CONCLUDE:
        return None
    subj = next((c for c in v.head.children if c.dep_ == "nsubj"), None)
    return subj


_SPEECH_ACTS = {"DEMAND", "THREATEN", "REJECT"}


def speech_acts(cands) -> None:
    """The content of a demand, threat or refusal is not an event of its own: in "demanded that
    Israel ease restrictions" the easing has not happened (PLOVER codes the DEMAND). A dispatch is
    coded by its purpose: "sent personnel to investigate" is INVESTIGATE (CAMEO codes the act the
    sending serves). Candidates outside ACLED are changed in place."""
    by_tok = {c.tok.i: c for c in cands}
    for c in cands:
        if c.etype or not c.plover:
            continue
        t = c.tok
        for _ in range(4):
            if t.head.i == t.i:
                break
            if t.dep_ in ("ccomp", "xcomp"):
                gov = by_tok.get(t.head.i)
                if gov is not None and gov is not c and gov.plover in _SPEECH_ACTS and not gov.etype \
                        and c.tok.i > gov.tok.i:
                    c.plover = None  # the demanded / threatened / refused act
                    break
            t = t.head
    for c in cands:
        if c.etype or c.plover != "MOBILIZE":
            continue
        for ch in c.tok.children:
            if ch.dep_ in ("xcomp", "advcl") and any(g.dep_ == "aux" and g.lower_ == "to" for g in ch.children):
                purpose = by_tok.get(ch.i)
                if purpose is not None and purpose.plover and not purpose.etype:
                    c.plover, c.mode = purpose.plover, purpose.mode


# ---------------------------------------------------------------- statements of intent (PLOVER)
from .modality import ASSERTED, HYPOTHETICAL, NEGATED, PLANNED

_COOPERATIVE = {"SUPPORT", "AID", "COOPERATE", "CONSULT", "CONCEDE", "RETREAT", "AGREE", "SETTLE"}
_HOSTILE = {"SANCTION", "COERCE", "PROTEST", "REDUCE"}


_THREAT_HEADS = {"threaten", "vow", "swear", "warn"}
_OFFER_HEADS = {"offer", "promise", "pledge", "ready", "willing", "prepared", "prepare", "agree"}
# verbs of stated intention (CAMEO 03 "express intent to ...", 13 "threaten"): what a source plans,
# intends, wants or plots to do is a statement of intent, read like an offer: a cooperative act
# intended is AGREE, a hostile one THREATEN (CAMEO 138 threaten with military force)
_INTENT_HEADS = {"plan", "intend", "want", "wish", "hope", "aim", "plot", "propose", "determined", "resolve"}
_HOSTILE_ACTS = {"FIGHT", "ASSAULT", "COERCE", "SANCTION", "REDUCE"}


def _intent(plover: str, modality: str, tok, pure: bool = True) -> tuple[str, str]:
    """PLOVER codes statements of intent by the intent (OEDA coding rules): "will support / is willing
    to send / offered to hand over" is AGREE (a promise, itself asserted), "will not accept / declined
    to" is REJECT, "would boycott / swore to fight / is prepared to impose" is THREATEN."""
    ihead = infinitive_head(tok)
    head = ihead.lemma_.lower() if ihead is not None else ""
    if head in _THREAT_HEADS:
        return "THREATEN", PLANNED
    if (head in _OFFER_HEADS or head in _INTENT_HEADS) and modality == PLANNED:
        if plover in _HOSTILE_ACTS:
            return "THREATEN", PLANNED
        return "AGREE", ASSERTED
    if not pure and plover not in _COOPERATIVE and plover not in _HOSTILE:
        return plover, modality
    if plover in _COOPERATIVE and modality == PLANNED and tok.pos_ in ("VERB", "AUX"):
        if any(t.lower_ == "unless" for t in tok.sent):
            return "THREATEN", PLANNED  # "will withdraw its force unless ...": a conditional threat (CAMEO 13)
        return "AGREE", ASSERTED
    if plover in _COOPERATIVE and modality == HYPOTHETICAL and tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.lower_ in ("would", "will", "'d") for c in tok.children) and not any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
        return "AGREE", ASSERTED  # "they would meet the mediator if ...": a conditional offer is an offer (CAMEO 036)
    if plover in _COOPERATIVE and modality == NEGATED and tok.pos_ in ("VERB", "AUX"):
        return "REJECT", ASSERTED
    if plover in _HOSTILE and modality in (PLANNED, HYPOTHETICAL) and tok.pos_ in ("VERB", "AUX"):
        return "THREATEN", PLANNED
    return plover, modality


def support_verb_only(cands) -> None:
    """"imposed sanctions", "ordered patrols", "launched war games": the support verb is no event
    of its own when its object is an event noun outside ACLED; the noun's class stands (its source
    is the verb's subject, see ``light_verb``)."""
    by_tok = {c.tok.i: c for c in cands}
    for c in cands:
        if c.etype or not c.plover or c.tok.pos_ not in ("VERB", "AUX") or c.tok.lemma_.lower() not in LIGHT_VERBS:
            continue
        framed = object_frame(c.tok) is not None
        for ch in c.tok.children:
            obj = by_tok.get(ch.i)
            if ch.dep_ in ("dobj", "obj") and obj is not None and obj.plover and obj is not c:
                if framed and not obj.etype:
                    obj.plover = None  # "lifted the ban": the easing verb states the event (object_frame)
                else:
                    c.plover = None
                break


# ---------------------------------------------------------------- object frames (CAMEO verb categories)
# A verb's class can hang on its object: "established diplomatic ties" is diplomatic cooperation,
# not a base; "lifted the curfew" eases a restriction, it does not impose one; "lodged a protest
# with Albania" is an official complaint, not a demonstration. Sources: CAMEO 1.1b3 categories read
# against the CAMEO2PLOVER table (050/054 diplomatic cooperation and recognition, 161 break
# relations, 081/0811-0813 ease administrative sanctions and curfew, 085 ease sanctions/embargo,
# 0872 ease military blockade, 114 complain officially), with the OEDA gold-standard class names.
_TIES = frozenset({"tie", "ties", "relation", "relations", "embassy", "consulate", "mission"})
_TIES_UP = frozenset({"establish", "open", "restore", "resume", "normalize", "normalise", "upgrade", "forge"})
_TIES_DOWN = frozenset({"sever", "cut", "break", "downgrade", "suspend", "close", "freeze", "recall"})
_EASE = frozenset({"lift", "ease", "shorten", "relax", "end", "remove", "loosen", "reduce", "rescind", "revoke",
                   "raise", "scrap", "cancel"})
# administrative restrictions (CAMEO 081x: CONCEDE) and economic / military ones (085, 0872: RETREAT)
_RESTRICTION = {"curfew": "CONCEDE", "ban": "CONCEDE", "restriction": "CONCEDE", "emergency": "CONCEDE",
                "law": "CONCEDE", "censorship": "CONCEDE", "blockade": "RETREAT", "siege": "RETREAT",
                "sanction": "RETREAT", "embargo": "RETREAT", "boycott": "RETREAT"}
_ENVOYS = frozenset({"inspector", "observer", "monitor", "peacekeeper", "diplomat", "ambassador", "envoy", "worker",
                     "staff", "mission", "personnel", "embassy"})
_HALT = frozenset({"end", "halt", "suspend", "break", "abandon", "stop", "freeze", "quit"})
_TALKS = frozenset({"mediation", "talk", "talks", "negotiation", "dialogue"})
_SEEK = frozenset({"seek", "request", "ask", "apply", "appeal", "beg", "plead"})
_COMPLAINT_VERBS = frozenset({"lodge", "file", "register", "deliver", "submit", "send", "hand", "issue"})
_COMPLAINT_NOUNS = frozenset({"protest", "complaint", "démarche", "demarche"})


def _objects(tok):
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    objs += [cc for o in objs for cc in o.conjuncts]
    return objs


def _restriction_class(tok) -> Optional[str]:
    lem = tok.lemma_.lower()
    if lem == "law" and not any(c.lower_ == "martial" for c in tok.children):
        return None
    if lem == "emergency" and tok.dep_ == "pobj" and tok.head.head.lemma_.lower() == "state":
        return "CONCEDE"
    return _RESTRICTION.get(lem)


def object_frame(tok) -> Optional[tuple[str, Optional[str]]]:
    """(PLOVER class, mode) that the trigger ``tok`` takes from its object or its governing verb, or
    None when no frame applies. The event is then outside ACLED (a diplomatic act, an easing)."""
    lem = tok.lemma_.lower()
    if tok.pos_ in ("VERB", "AUX"):
        objs = _objects(tok)
        if any(o.lemma_.lower() in _TIES for o in objs):
            if lem in _TIES_UP:
                return ("SUPPORT", None)
            if lem in _TIES_DOWN:
                return ("SANCTION", "withdraw")
        if lem in ("withdraw", "pull", "recall", "expel") and any(o.lemma_.lower() in _ENVOYS for o in objs):
            return ("SANCTION", "expel")  # CAMEO 166/1661-1663: withdraw peacekeepers, inspectors, aid workers
        if lem in _HALT and any(o.lemma_.lower() in _TALKS or any(c.dep_ == "compound" and c.lemma_.lower() in _TALKS
                                                                  for c in o.children) for o in objs):
            return ("SANCTION", "withdraw")  # CAMEO 164/165: halt negotiations, halt mediation
        if lem in _SEEK and any(o.lemma_.lower() in ("asylum", "aid", "assistance", "help") for o in objs):
            return ("DEMAND", None)  # CAMEO 103: demand (ask for) aid, asylum
        if lem in _EASE:
            for o in objs:
                cls = _restriction_class(o)
                if cls is None and o.lemma_.lower() == "state":
                    cls = next((_restriction_class(p) for c in o.children if c.dep_ == "prep" for p in c.children
                                if p.dep_ == "pobj"), None)
                if cls:
                    return (cls, None)
        return None
    # an event noun governed by the verb that says what happened to it
    np = tok.head if tok.dep_ == "compound" and tok.head.lemma_.lower() in _EFFORTS else tok  # "mediation efforts"
    if np.dep_ in ("dobj", "obj", "nsubjpass", "conj"):
        head = np.head if np.dep_ != "conj" else np.head.head
        hl = head.lemma_.lower()
        cls = _restriction_class(tok)
        if cls and hl in _EASE:
            return (cls, None)
        if lem in _COMPLAINT_NOUNS and hl in _COMPLAINT_VERBS:
            return ("DISAPPROVE", None)
        if lem in ("asylum", "aid", "assistance") and hl in _SEEK:
            return ("DEMAND", None)
        if lem in _TALKS and hl in _HALT:
            return ("SANCTION", "withdraw")
    return None


def infinitive_head(tok):
    """The verb governing a to-infinitive ("vowed to fight", "is prepared to lift"): the parser
    attaches it as xcomp or as advcl; either way the head states the intent. None otherwise."""
    if tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)):
        return tok.head
    return None


_SUBORDINATE = frozenset({"relcl", "advcl", "acl", "pcomp"})
_BACKGROUND_PREPS = frozenset({"after", "before", "following", "since", "over", "amid", "during", "for"})


def _subordinate_to(tok, stop) -> bool:
    """Is ``tok`` inside a relative or adverbial clause, or an "after/following ..." phrase, below
    ``stop`` (the root)?"""
    t = tok
    while t.i != stop.i and t.head.i != t.i:
        if t.dep_ in _SUBORDINATE:
            return True
        if t.dep_ == "pobj" and t.head.lower_ in _BACKGROUND_PREPS:
            return True
        t = t.head
    return False


def main_predicates(sent) -> set:
    """Token indices of a sentence's main predicate: its root and, when the root is a verb of saying
    ("..., a UN official said"), the clause it reports."""
    root = sent.root
    preds = {root.i}
    if root.lemma_.lower() in _REPORT_VERBS:
        preds |= {c.i for c in root.children if c.dep_ in ("ccomp", "parataxis")}
    return preds


def clause_lead(tok, main_tok) -> bool:
    """A sentence reports its main clause's event first (CAMEO/PLOVER code the main verb's act; a
    relative or adverbial clause describes a participant or the circumstance). ``tok`` leads over
    ``main_tok`` when it is the main predicate, the event noun of its support verb, or the intent
    or deed that a verb of saying reports, and ``main_tok`` sits in a subordinate clause."""
    root = tok.sent.root
    if main_tok.sent.start != tok.sent.start or not _subordinate_to(main_tok, root):
        return False
    if _subordinate_to(tok, root):
        return False
    preds = main_predicates(tok.sent)
    if tok.i in preds:
        return True
    lv = light_verb(tok)
    if lv is not None and lv.i in preds:
        return True
    if tok.dep_ == "aux":
        tok = tok.head  # "said X must reach an agreement": the demand is the reported clause's
        if tok.i in preds:
            return True
    if tok.dep_ in ("ccomp", "xcomp") and tok.head.i in preds and tok.head.lemma_.lower() in _REPORT_VERBS:
        return True
    return False


_DECISION_HEADS = frozenset({"decide", "vote", "opt", "choose", "resolve"})
# weapons of hand-to-hand violence: PLOVER FIGHT is conventional military force (small arms,
# artillery, aircraft: CAMEO 19x); killing with machetes or knives is physical assault (CAMEO 182/1823)
_COLD_WEAPONS = frozenset({"machete", "knife", "axe", "sword", "spear", "club", "stick", "baton", "stone", "rock",
                           "brick", "arrow", "dagger", "cutlass", "panga", "hoe", "hammer", "bat"})
# a named office held by one person: killing its holder is an assassination (CAMEO 186)
_OFFICES = frozenset({"chief", "leader", "commander", "mayor", "governor", "minister", "president", "head",
                      "deputy", "judge", "prosecutor", "lawmaker", "senator", "mp", "imam", "cleric", "chairman"})


def plover_violence(tok, patient, instrument, plover, mode):
    """PLOVER class of a killing that ACLED reads as a clash or attack: ASSAULT when the weapons
    are not military (CAMEO 182/1823) or the victim is the holder of an office (186 assassinate)."""
    if instrument and instrument.split()[-1] in _COLD_WEAPONS:
        return "ASSAULT", mode if plover == "ASSAULT" and mode else "beat"
    if tok.lemma_.lower() in ("kill", "assassinate", "murder", "shoot") and patient is not None and \
            patient.tag_ == "NN" and patient.lemma_.lower() in _OFFICES and patient.dep_ in ("dobj", "nsubjpass") \
            and mode in (None, "firearms"):
        return "ASSAULT", "assassinate"
    return plover, mode


def clause_subject(tok):
    """The source of an event noun that no support verb governs: the subject of the clause whose
    purpose or object it is ("negotiators return to Geneva for talks", "the party issued a
    declaration demanding ..."): PLOVER's source is the actor of the clause. Passive subjects are
    the target, not the source; None when the clause has no noun subject."""
    t = tok
    for _ in range(4):
        if t.dep_ not in ("pobj", "prep", "dobj", "obj", "acl", "attr", "compound") or t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ in ("NOUN", "PROPN"):
                return subj
            return None
    return None


# the documents an institution issues: what they demand or announce is their issuer's act
DOCUMENT_NOUNS = frozenset({"statement", "declaration", "communique", "communiqué", "letter", "resolution",
                            "report", "message", "note", "decree", "appeal", "memorandum", "notice", "order"})
_ANNOUNCE = frozenset({"announce", "declare", "decide", "order", "decree", "rule", "confirm"})


def announcer(tok):
    """"The ministry announced that the border would be reopened": an agentless passive that an
    authority announces or decrees is that authority's act (its source), or None."""
    if tok.dep_ != "ccomp" or not any(c.dep_ == "nsubjpass" for c in tok.children):
        return None
    if any(c.dep_ == "agent" for c in tok.children) or tok.head.lemma_.lower() not in _ANNOUNCE:
        return None
    subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    return subj if subj is not None and subj.pos_ in ("NOUN", "PROPN") else None
