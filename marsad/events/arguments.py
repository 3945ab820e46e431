"""Arguments of a trigger from the dependency parse: agent, patient and the tokens that may name
an instrument (active and passive voice, relative clauses, participles, coordination,
possessives on event nouns)."""
from __future__ import annotations

def _np_span(tok) -> tuple[int, int]:
    """Character span of the noun phrase headed by tok (pre-modifiers + head + compound/flat names)."""
    left = tok.left_edge
    # do not let the phrase start before the sentence or include a leading preposition/conjunction
    start_tok = left
    while start_tok.i < tok.i and start_tok.dep_ in ("prep", "cc", "punct", "mark"):
        start_tok = start_tok.doc[start_tok.i + 1]
    end_tok = tok
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "nummod", "appos") and c.i == end_tok.i + 1:
            end_tok = c
        elif c.dep_ == "prep" and c.lower_ == "of" and c.i == end_tok.i + 1:
            pobj = [x for x in c.children if x.dep_ == "pobj"]
            if pobj and tok.lemma_.lower() in _QUANT_HEADS:
                end_tok = pobj[0]
                break
            else:
                break
        else:
            break
    return start_tok.idx, end_tok.idx + len(end_tok)


_QUANT_HEADS = {"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "number", "group",
                "members", "member", "some", "several", "many", "all", "most", "one", "two", "three",
                "four", "five", "six", "seven", "eight", "nine", "ten", "score", "scores", "tens"}
_REL_PRON = {"who", "which", "that", "whom"}


def _pobj(prep):
    for c in prep.children:
        if c.dep_ in ("pobj", "pcomp"):
            return c
    return None


def _real(tok):
    """Resolve a relative pronoun to its antecedent."""
    if tok is not None and tok.lower_ in _REL_PRON and tok.head.dep_ == "relcl":
        return tok.head.head
    if tok is not None and tok.lower_ in _QUANT_HEADS:
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                p = _pobj(c)
                if p is not None:
                    return p
    return tok


_TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
               "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
               "day", "night", "morning", "evening", "afternoon", "week", "month", "year", "weekend", "dawn",
               "midnight", "noon", "hour", "time", "occasion", "anniversary"}


def _temporal(tok) -> bool:
    return tok.ent_type_ in ("DATE", "TIME") or tok.lower_ in _TIME_WORDS or tok.lemma_.lower() in _TIME_WORDS


def _arguments(tok):
    """(agent token, patient token, extra tokens) of a trigger token from the parse."""
    agent = patient = None
    extra = []  # tokens attached to the trigger that may name an instrument
    is_verb = tok.pos_ in ("VERB", "AUX")
    for c in tok.children:
        d = c.dep_
        if d in ("nsubj",) and is_verb:
            agent = c
        elif d == "nsubjpass":
            patient = c
        elif d in ("dobj", "obj"):
            patient = c
        elif d == "agent":
            p = _pobj(c)
            if p is not None:
                agent = p
        elif d == "prep":
            low = c.lower_
            p = _pobj(c)
            if p is None or _temporal(p):
                continue
            if low == "by" and agent is None:
                agent = p
            elif low in ("on", "against", "at", "targeting", "into") and patient is None:
                patient = p
            elif low == "of" and not is_verb and patient is None:
                patient = p
            elif low in ("with", "using", "by", "in", "from"):
                extra.append(p)
        elif d == "poss" and not is_verb:
            agent = c
        elif d in ("compound", "amod", "nmod") and not is_verb:
            extra.append(c)
    if is_verb:
        # shared subject in coordination / control: "attacked X and abducted Y", "tried to storm"
        if agent is None and patient is None or agent is None:
            h = tok
            hops = 0
            while agent is None and h.dep_ in ("conj", "xcomp", "advcl", "acomp") and hops < 3:
                h = h.head
                hops += 1
                for c in h.children:
                    if c.dep_ == "nsubj":
                        agent = c
                        break
                    if c.dep_ == "agent":
                        agent = _pobj(c)
                        break
        # "shot and killed a soldier": the object of the coordinated verb
        if patient is None:
            for c in tok.children:
                if c.dep_ == "conj" and c.pos_ == "VERB":
                    for g in c.children:
                        if g.dep_ in ("dobj", "obj"):
                            patient = g
                            break
                if patient is not None:
                    break
        # relative clause "gunmen who attacked", participle "civilians killed by"
        if tok.dep_ == "relcl":
            if agent is None or agent.lower_ in _REL_PRON:
                agent = tok.head
        elif tok.dep_ == "acl" and patient is None:
            if tok.tag_ == "VBN":
                patient = tok.head
            elif agent is None:
                agent = tok.head
    agent = _real(agent)
    patient = _real(patient)
    if agent is not None and agent.lower_ in _REL_PRON:
        agent = None
    return agent, patient, extra
