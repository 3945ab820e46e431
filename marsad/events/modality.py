"""Modality of an event trigger: was the event asserted, claimed, alleged, denied, negated,
hypothetical or planned?

Decided from the dependency parse around the trigger token: negation children, the modal auxiliaries
of its clause, hedging adverbs ("reportedly"), and the verbs that govern it on the way up to the
sentence root ("denied the use of...", "claimed responsibility for the attack", "threatened to
attack", "called for a truce", "accused X of shelling").

Values (output contract): asserted | claimed | alleged | denied | negated | hypothetical | planned.
"""
from __future__ import annotations

ASSERTED = "asserted"
CLAIMED = "claimed"
ALLEGED = "alleged"
DENIED = "denied"
NEGATED = "negated"
HYPOTHETICAL = "hypothetical"
PLANNED = "planned"

MODALITIES = (ASSERTED, CLAIMED, ALLEGED, DENIED, NEGATED, HYPOTHETICAL, PLANNED)

# governing verbs / nouns (lemmas) and the modality they give to what they govern
_DENY = {"deny", "denial", "reject", "dismiss", "refute", "rebuff"}
_CLAIM = {"claim", "boast", "credit"}
_ALLEGE = {"accuse", "allege", "accusation", "allegation", "suspect", "blame", "charge", "responsible"}
_PLAN = {"plan", "threaten", "vow", "intend", "prepare", "pledge", "promise", "aim", "seek",
         "call", "urge", "demand", "appeal", "ask", "request", "propose", "push", "want", "plot",
         "decide", "agree", "expect", "threat", "plan", "proposal", "call", "order", "offer", "swear",
         "ready", "willing", "decision"}
_HYPO = {"fear", "warn", "risk", "could", "would", "might", "may", "possibility", "possible",
         "avoid", "prevent", "unless"}
# "it is easy for them to kill": an act said to be easy or hard to do is not reported as done
_EASE = {"easy", "difficult", "hard", "impossible", "possible", "simple"}
_STOP_UP = {"say", "tell", "report", "state", "announce", "confirm", "add", "note", "quote", "cite"}
_HEDGE_ADV = {"reportedly", "allegedly", "purportedly", "apparently", "supposedly", "presumably",
              "possibly", "likely", "probably"}
_HEDGE_ADJ = {"suspected", "alleged", "apparent", "purported", "reported", "possible", "likely",
              "presumed"}
_MODAL_HYPO = {"could", "would", "might", "may", "should", "must"}
_MODAL_FUTURE = {"will", "shall", "'ll"}
_NEG_WORDS = {"not", "n't", "never", "no", "without", "nor", "neither"}
_FAIL = {"fail", "refrain", "stop", "cease", "avoid"}


def _clause_flags(tok) -> str | None:
    """Modality markers on the token itself (negation, modal auxiliaries, hedges, 'if')."""
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and low in ("no", "never")):
            return NEGATED
    for c in tok.children:
        low = c.lower_
        if c.dep_ in ("aux", "auxpass"):
            if low in _MODAL_HYPO:
                return HYPOTHETICAL
            if low in _MODAL_FUTURE:
                return PLANNED
        if c.dep_ == "mark" and low in ("if", "unless", "whether"):
            return HYPOTHETICAL
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "advmod" and low in _HEDGE_ADV:
            return ALLEGED
        if c.dep_ in ("amod", "advmod") and low in _HEDGE_ADJ:
            return ALLEGED
    # "going to attack"
    if tok.dep_ == "xcomp" and tok.head.lemma_ == "go" and any(c.dep_ == "aux" for c in tok.head.children):
        return PLANNED
    return None


def _asked(token) -> bool:
    """Is the trigger's sentence a question ("Have there been any more attacks against this embassy?")?
    A question asks whether something happened; it reports nothing (the answer may)."""
    sent = token.sent
    last = sent[-1]
    while last.i > sent.start and (last.is_space or last.text in ('"', "'", ")", "]", "\u201d")):
        last = token.doc[last.i - 1]
    return last.text == "?" or last.text.endswith("?")


def modality_of(token) -> str:
    """Modality of the event denoted by ``token`` (a spaCy Token)."""
    if _asked(token):
        return HYPOTHETICAL
    m = _clause_flags(token)
    if m is not None:
        return m
    # "IS claimed responsibility": the trigger word itself
    lem = token.lemma_.lower()
    if lem == "claim" and any(c.lemma_.lower() == "responsibility" for c in token.children):
        return CLAIMED
    # climb the governors (bounded, within the sentence)
    cur = token
    steps = 0
    while cur.head.i != cur.i and steps < 6:
        dep = cur.dep_
        gov = cur.head
        steps += 1
        glem = gov.lemma_.lower()
        if gov.ent_type_ in ("DATE", "TIME") or (gov.pos_ == "PROPN" and gov.tag_ != "MD"):
            glem = ""  # "On 7 May 2020, ... clashed": the month "May" is no modal, a name no governor
        if glem in _STOP_UP and gov.pos_ == "VERB":
            # a reporting verb: "X said that ...": the report is the source, not a modality,
            # but the report itself may be negated/denied
            if glem == "say" or glem == "report":
                break
            break
        if dep in ("relcl",):
            break
        if dep == "ccomp" and cur.i < gov.i and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            # a full clause before its governor ("X protested ..., the students also called for ..."):
            # a run-on report, not the complement of a plan or a demand
            break
        if dep == "conj":
            # coordination shares negation / modal auxiliaries, not the governor's meaning
            gm = _clause_flags(gov)
            if gm in (NEGATED, HYPOTHETICAL, PLANNED):
                return gm
            cur = gov
            continue
        if glem in _DENY:
            return DENIED
        if glem in _CLAIM:
            return CLAIMED
        if glem == "responsibility":
            return CLAIMED
        if glem in _ALLEGE or (glem in ("sign", "report", "evidence", "indication") and gov.pos_ == "NOUN"):
            return ALLEGED
        if glem in _FAIL and dep in ("xcomp", "dobj", "pcomp"):
            return NEGATED
        gm = _clause_flags(gov)
        if gm == NEGATED and dep in ("xcomp", "dobj", "pobj", "prep", "pcomp", "nsubjpass", "nsubj"):
            return NEGATED
        if glem in _HYPO or (glem in _EASE and dep in ("xcomp", "advcl", "ccomp")):
            return HYPOTHETICAL
        if dep in ("xcomp", "advcl", "ccomp") and glem == "be" and any(
                c.dep_ == "acomp" and c.lemma_.lower() in _EASE for c in gov.children):
            return HYPOTHETICAL
        if glem in _PLAN and dep in ("xcomp", "dobj", "pobj", "prep", "pcomp", "ccomp", "advcl") or (
                glem in _PLAN and dep == "acl" and gov.pos_ == "NOUN"):
            return PLANNED
        if gm in (HYPOTHETICAL, PLANNED, ALLEGED):
            return gm
        if dep in ("advcl",) and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in cur.children):
            return HYPOTHETICAL
        if dep not in ("xcomp", "dobj", "pobj", "prep", "pcomp", "ccomp", "conj", "compound", "amod",
                       "nsubjpass", "nsubj", "acl", "advcl", "attr", "oprd", "appos", "npadvmod"):
            break
        cur = gov
    return ASSERTED


def is_factual(modality: str) -> bool:
    """True for modalities that report the event as having (possibly) happened."""
    return modality in (ASSERTED, CLAIMED, ALLEGED, DENIED)
