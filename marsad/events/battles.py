"""Battles: the dead and wounded of a clash belong to the clash.

ACLED Codebook (2019, 2023), "Battles" / "Armed clash": a battle is a violent interaction between two
organised armed groups, and the fatalities reported for it are the battle's, whoever they were
("fatalities are coded for the event in which they occurred"). So "ten people were killed in / during /
following ethnic clashes" is one Armed clash with ten dead, not an Attack on civilians alongside a
clash: the killing is the clash's outcome, named by the adjunct that places it inside the clash.
Violence whose victims are singled out as civilians ("gunmen killed villagers during clashes with the
army") keeps its own reading: only a generic death or injury (no weapon, no named perpetrator) is
folded into the clash that frames it.
"""
from __future__ import annotations

from .taxonomy import ARMED_CLASH, ATTACK

# prepositions placing a death inside or right after an event: "killed in / during / following clashes"
_FRAMING_PREPS = frozenset({"in", "during", "following", "after", "amid", "amidst", "throughout"})
# the deeds a clash causes: deaths and injuries, not abductions or arrests
_OUTCOMES = frozenset({"kill", "die", "injure", "wound", "hurt", "dead", "death", "killed", "injured", "wounded"})


def _within(tok, heads) -> bool:
    """Is ``tok`` one of ``heads`` or inside their phrase without crossing another clause's verb
    ("killed at Odha, 15 km from the town following clashes": the parser hangs the adjunct low)?"""
    t = tok
    for _ in range(6):
        if t.i in heads:
            return True
        if t.head.i == t.i or (t.pos_ in ("VERB", "AUX") and t.i not in heads):
            return False
        t = t.head
    return False


def _framing_clash(tok, clash_toks) -> bool:
    """Is a clash noun the object of a framing preposition in the phrase of ``tok`` (or of the noun
    or adjective ``tok`` qualifies, "3 dead in a clash")?"""
    heads = {tok.i}
    if tok.dep_ in ("amod", "acomp", "attr", "acl") or tok.pos_ == "ADJ":
        heads.add(tok.head.i)
    for x in clash_toks:
        if x.dep_ != "pobj":
            continue
        prep = x.head
        if prep.lower_ == "of" and prep.head.dep_ == "pobj":
            prep = prep.head.head  # "following two days of ethnic clashes"
        if prep.lower_ in _FRAMING_PREPS and _within(prep.head, heads):
            return True
    return False


def apply_clash_outcomes(cands, in_protest: bool = False) -> None:
    """A generic death or injury framed by a clash noun of the same sentence takes the clash's type.
    Not inside a demonstration: its dead are the demonstration's (the protest frame decides)."""
    if in_protest:
        return
    clashes = [c for c in cands if c.etype and c.sub == ARMED_CLASH and c.row.etype == "Battles"
               and c.tok.pos_ == "NOUN"]
    if not clashes:
        return
    toks = [c.tok for c in clashes]
    for c in cands:
        if c in clashes or not c.etype or c.sub != ATTACK or not c.generic or c.inst_specific:
            continue
        if c.tok.lemma_.lower() not in _OUTCOMES and c.tok.lower_ not in _OUTCOMES:
            continue
        if c.agent is not None:
            continue  # a named killer: its own act, coded by its perpetrator
        if _framing_clash(c.tok, toks):
            src = clashes[0]
            c.etype, c.sub, c.plover, c.mode = src.etype, src.sub, src.plover, src.mode
