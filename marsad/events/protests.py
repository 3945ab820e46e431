"""Protests and riots: when a demonstration is a "Violent demonstration".

ACLED Codebook (2019, 2023), "Violent demonstration": demonstrators engage in violence or
destruction, which includes vandalism and *road-blocking with barricades, burning tyres or other
material*; a demonstration whose participants only march, gather, sit in or strike is a
"Peaceful protest". So protesters who block a road, a highway or a railway *with barricades, burning
tyres, stones, logs or other material* are coded as a violent demonstration, in every country alike;
a road blocked by the marchers' bodies or vehicles (a sit-in on a highway), or named only as the
place of a march or as the protest's topic, is not: ACLED's 2020 global notes code "protesters
blocked the road" as a peaceful protest.
"""
from __future__ import annotations

from typing import Optional  # noqa: F401

from .modality import ASSERTED
from .taxonomy import EXCESSIVE, INTERVENTION, MOB, PEACEFUL, VIOLENT_DEMO
from .arguments import _arguments
from .sentence import _armed_side, _cats, _is_civilian, _is_combatant, _kb_side
from .riots import crowd_kind as _crowd_kind

ROAD_WORDS = frozenset({"road", "roads", "highway", "highways", "street", "streets", "route", "routes", "railway",
                        "railways", "rail", "track", "tracks", "junction", "intersection", "roundabout", "bridge",
                        "thoroughfare", "motorway", "expressway", "traffic", "artery", "crossing", "lane", "lanes",
                        "avenue", "access"})
BLOCK_VERBS = frozenset({"block", "barricade", "blockade", "obstruct", "close", "cut off", "paralyse", "paralyze",
                         "shut"})


MATERIAL = frozenset({"barricade", "barricades", "stone", "stones", "rock", "rocks", "log", "logs", "tyre", "tyres",
                      "tire", "tires", "boulder", "boulders", "tree", "trees", "branch", "branches", "debris",
                      "rubble", "bonfire", "bonfires", "fire", "fires", "barrel", "barrels", "rubbish", "garbage"})


def _with_material(tok) -> bool:
    """"blocked the road with burning tyres / stones / logs", "barricaded": the means is material."""
    if tok.lemma_.lower() == "barricade":
        return True
    for c in tok.subtree:
        if c.lower_ in ("with", "using") and any(p.lower_ in MATERIAL or p.lemma_.lower() in MATERIAL
                                                 for p in c.subtree if p.i != c.i):
            return True
        if c.lower_ in ("burning", "burnt", "burned") and c.head.lower_ in MATERIAL:
            return True
    return False


def blocks_road(tok) -> bool:
    """Is ``tok`` a verb of blocking whose object is a road, with barricades or other material
    ("barricaded important roads", "blocked the highway with burning tyres")?"""
    if tok.lemma_.lower() not in BLOCK_VERBS or tok.pos_ not in ("VERB", "AUX"):
        return False
    if not _with_material(tok):
        return False
    for c in tok.children:
        if c.dep_ in ("dobj", "obj", "nsubjpass"):
            if c.lemma_.lower() in ROAD_WORDS or c.lower_ in ROAD_WORDS or any(
                    g.lemma_.lower() in ROAD_WORDS for g in c.children if g.dep_ in ("compound", "conj")):
                return True
            # "blocked traffic on the road", "blocked access to the highway"
            for g in c.children:
                if g.dep_ == "prep" and g.lower_ in ("on", "to", "along", "at"):
                    for p in g.children:
                        if p.dep_ == "pobj" and (p.lemma_.lower() in ROAD_WORDS or p.lower_ in ROAD_WORDS):
                            return True
    return False


def road_blocking(sent_doc, start: int, end: int) -> bool:
    """Road-blocking by the demonstrators anywhere in tokens [start, end) of a protest window."""
    for i in range(start, end):
        t = sent_doc[i]
        if blocks_road(t):
            return True
        if t.lemma_.lower() == "barricade" and t.pos_ == "NOUN" and t.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") \
                and t.head.lemma_.lower() in ("erect", "set", "put", "mount", "build", "place", "use", "burn", "with"):
            return True  # "erected barricades", "blocked ... with barricades"
    return False


# ---------------------------------------------------------------- escalation of a protest

_INTERVENTION_ARREST = {"arrest", "detain", "round up", "take into custody", "apprehend"}


def _governing_subject_cats(tok, lex, sent):
    h = tok
    hops = 0
    while h.pos_ not in ("VERB", "AUX") and h.head.i != h.i and hops < 4:
        h = h.head
        hops += 1
    agent, _, _ = _arguments(h) if h.pos_ in ("VERB", "AUX") else (None, None, None)
    return h, _cats(agent, lex, sent)


def _protest_flags(cands, sents_win, lex) -> dict:
    """Escalation cues of a protest window: violence by protesters, lethal force, intervention."""
    f = {"violent": 0.0, "excessive": False, "intervention": 0.0, "peaceful": False, "mob": False}
    for s, cs in sents_win:
        if road_blocking(s.doc, s.start, s.end):
            f["violent"] += 1.0  # ACLED: road-blocking by demonstrators is a violent demonstration
        for ti, cats in s.cue_tokens.items():
            if "violent" in cats and (_in_topic_pp(s_doc(s, ti)) or _not_violent_word(s_doc(s, ti))):
                continue  # "protest against police brutality / violence": the topic, not the act
            if "violent" in cats:
                tok = s_doc(s, ti)
                h, acats = _governing_subject_cats(tok, lex, s)
                if _armed_side(acats) == "state" and h.lemma_.lower() != "clash":
                    continue
                f["violent"] += cats["violent"]
            if "intervention" in cats:
                f["intervention"] += cats["intervention"]
                t0 = s_doc(s, ti)
                if any(c.lower_ in ("violently", "violent", "brutally", "brutal", "bloody", "deadly", "lethal")
                       for c in t0.children) or (t0.dep_ == "pobj" and any(
                           x.lemma_.lower() in ("die", "kill") for x in [t0.head.head])):
                    f["excessive"] = True  # "violently suppressed", "three die in protest crackdown"
            if "peaceful" in cats:
                f["peaceful"] = True
            if "excessive" in cats:
                f["excessive"] = True
        if _headline_arrest(s):
            f["intervention"] += 1.0
        for c in cs:
            lem = " ".join(c.row.phrase)
            if c.modality not in (ASSERTED, "alleged", "claimed"):
                continue
            pc = _cats(c.patient, lex, s)
            ac = _cats(c.agent, lex, s)
            if c.generic and lem in ("attack", "assault", "beat", "storm", "stab") and pc.get("protest") and \
                    c.agent is not None and not _armed_side(ac) and not ac.get("protest") and (
                    c.agent.ent_type_ == "NORP" or _cats(c.agent, lex, s).get("civilian", 0) >= 0.3 or any(
                        x.ent_type_ == "NORP" or x.lemma_.lower() in ("supporter", "mob", "crowd", "gang", "thug", "vigilante")
                        for x in c.agent.subtree)):
                f["mob"] = True  # "a group of Turks attacked a peaceful rally": a mob, not the police
            if _mourned(c.tok):
                continue  # "rallied to mourn demonstrators killed last month": the killing is the topic
            if lem in _LETHAL and (_in_topic_pp(c.tok) or protest_antecedent(c.tok)):
                # "a rally against the prior killing of three members", "protest after man killed by
                # hippo": the killing is what the demonstration is about, not force used on it (ACLED
                # Codebook, Excessive force against protesters: lethal force *against* demonstrators)
                continue
            if lem in _LETHAL and not ac.get("protest") \
                    and not _is_combatant(pc) and not pc.get("nonstate"):
                if pc.get("protest") or (lem == "die" and _cats(c.agent, lex, s).get("protest")) or \
                        (c.patient is None and lem in ("open fire", "fire", "shoot")) or _is_civilian(pc):
                    f["excessive"] = True
            if c.generic and lem in ("attack", "assault", "beat", "storm", "stab", "beat up", "injure") and (
                    ac.get("protest") or (c.agent is not None and not _armed_side(ac) and (
                        _is_civilian(ac) or _crowd_kind(c.agent, ac, _kb_side) not in (None, "weak")))) and (
                    _armed_side(pc) == "state" or (c.patient is not None and not pc.get("protest"))):
                # demonstrators attacking the police, officials, journalists or passers-by (ACLED:
                # demonstrators engaging in violence make a violent demonstration)
                f["violent"] += 1.0
            if lem in _INTERVENTION_ARREST and c.tok.pos_ in ("VERB", "AUX"):
                if pc.get("protest") or (c.patient is not None and (
                        c.patient.lower_ in ("them", "some", "dozens", "hundreds", "several", "many", "people")
                        or c.patient.tag_ in ("NNS", "CD") or any(x.dep_ == "nummod" for x in c.patient.children))) \
                        or any(cc.row.etype == "Protests" and not _organised(cc.tok) for cc in cs):
                    f["intervention"] += 1.0
            if c.generic and lem in ("beat", "assault", "attack") and _armed_side(ac) == "state" and (
                    pc.get("protest") or _is_civilian(pc)):
                f["intervention"] += 1.0  # police beating demonstrators
                if any(x.lower_ in ("brutally", "violently", "savagely", "mercilessly") for x in c.tok.children):
                    f["excessive"] = True
    return f


_LETHAL = frozenset({"kill", "shoot", "shoot dead", "open fire", "killing", "die", "fire"})

_TOPIC_HEADS = {"condemn", "denounce", "decry", "stop", "end", "oppose", "protest", "condemnation", "denunciation",
                "victim", "victims", "mourn", "commemorate", "remember", "against", "demand", "reject", "slogan",
                "sign", "banner", "placard", "read", "chant", "say", "accuse", "charge", "suspect", "detention",
                "arrest", "jail", "sentence", "convict", "accusation"}


def _not_violent_word(tok) -> bool:
    """"non-violent", "National Torch Movement": the cue word is negated or part of a name."""
    doc = tok.doc
    i = tok.i
    if i >= 1 and doc[i - 1].lower_ in ("non", "non-", "not"):
        return True
    if i >= 2 and doc[i - 1].text in ("-", "–") and doc[i - 2].lower_ == "non":
        return True
    if tok.pos_ in ("NOUN", "PROPN") and (tok.lemma_.lower() == "torch" or tok.lemma_.lower() == "mob" and (
            (i >= 1 and doc[i - 1].lower_ == "flash") or tok.dep_ in ("compound", "amod"))):
        return True  # "a torch march", "with noise and torches", "a flash mob protest": not violence
    if tok.lower_ in ("stone", "stones", "rock", "rocks", "tire", "tires", "tyre", "tyres", "branch", "branches") and \
            tok.dep_ == "pobj" and tok.head.lower_ == "with" and tok.head.head.lemma_.lower() in ("block", "close"):
        return True  # "blocked the road with stones": a road block
    return tok.pos_ == "PROPN" or (tok.dep_ == "compound" and tok.head.lemma_.lower() in (
        "movement", "party", "group", "organisation", "organization", "union", "front", "association"))


def _in_topic_pp(tok) -> bool:
    t = tok
    for _ in range(4):
        if t.head.i == t.i:
            return False
        if t.dep_ in ("pobj", "pcomp") and t.head.lower_ in ("against", "over", "about", "for"):
            return True
        if t.dep_ in ("pobj", "pcomp") and t.head.lower_ == "of" and t.head.head.lemma_.lower() in _TOPIC_HEADS:
            return True  # "condemnation of police violence" (but not "the scene of violence")
        if t.dep_ in ("dobj", "pobj") and t.head.lemma_.lower() in _TOPIC_HEADS:
            return True  # "signs condemning police violence", "stop state violence"
        if t.head.lemma_.lower() in ("fear", "recovery", "recover", "return", "compensation", "justice"):
            return True  # "fearing domestic violence", "demanded the recovery of looted funds"
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("xcomp", "pcomp", "acl", "relcl", "amod"):
            return False
        t = t.head
    return False


def s_doc(s, i):
    return s.doc[i]


def _governed_by(tok, lemmas, hops: int) -> bool:
    """One of the token's first ``hops`` heads has a lemma in ``lemmas``."""
    t = tok
    for _ in range(hops):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in lemmas:
            return True
    return False


_MOURN = {"mourn", "commemorate", "remember", "honour", "honor", "anniversary", "memory", "funeral"}
_OFFENCE = {"offence", "offense", "violation", "crime", "charge"}


def _mourned(tok) -> bool:
    return _governed_by(tok, _MOURN, 4)


_ARREST_WORDS = {"detain", "detains", "arrest", "arrests", "nab", "nabs", "hold", "holds"}


def _headline_arrest(s) -> bool:
    """Headline syntax the parser misreads: "Police detain protesters" (detain tagged as a noun)."""
    doc = s.doc
    for i in range(s.start + 1, s.end - 1):
        t = doc[i]
        if t.lower_ in _ARREST_WORDS and t.pos_ not in ("VERB", "AUX") and doc[i - 1].lemma_.lower() in (
                "police", "officer", "troops", "soldier", "security", "force", "forces") and doc[i + 1].lemma_.lower() in (
                "protester", "demonstrator", "activist", "student", "marcher", "dozen", "hundred"):
            return True
    return False


def _protest_sub_from(f) -> str:
    if f.get("mob") and f["intervention"] < 0.7 and not f["excessive"]:
        return MOB
    if f["violent"] >= 0.8 and not f["peaceful"]:
        return VIOLENT_DEMO
    if f["excessive"]:
        return EXCESSIVE
    if f["intervention"] >= 0.7:
        return INTERVENTION
    return PEACEFUL




def _offence(tok) -> bool:
    return _governed_by(tok, _OFFENCE, 3)




def _organised(tok) -> bool:
    """A protest mentioned as what someone organised / took part in / called for (a reason for an arrest)."""
    t = tok
    for _ in range(3):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in ("organise", "organize", "participate", "plan", "lead", "call", "incite", "join",
                                "attend", "anticipation", "ahead", "charge", "related", "offence", "offense",
                                "violation", "violate", "crime", "ban"):
            return True
    return False


# prepositions and subordinators that name an earlier event as the antecedent of the one reported
_ANTECEDENT = frozenset({"following", "after", "amid", "amidst", "since"})


def protest_antecedent(tok) -> bool:
    """Is the word inside an adjunct naming what came before ("amid the violence after the
    resignation, following anti-government demonstrations"; "a rally scheduled for Jan 29 (coded
    separately)")? Such a protest is the setting of the event, not the event."""
    if any(c.lower_ in ("scheduled", "planned", "upcoming", "proposed") for c in list(tok.children) + [tok.head]):
        return True  # "a rally scheduled for Jan 29": a demonstration yet to happen
    for t in [tok, *list(tok.ancestors)[:6]]:
        if t.lower_ in _ANTECEDENT and t.dep_ in ("prep", "mark", "advmod", "pcomp"):
            return True
        if t.lower_ in ("over", "regarding", "concerning") and t.dep_ == "prep" and t.i < tok.i:
            return True  # "clashed over a dispute regarding the rally": the topic of the dispute
        if t.dep_ in ("ROOT",):
            break
    s = tok.sent
    after = s.doc[tok.i:min(s.end, tok.i + 8)].text.lower()
    return "coded separately" in after


def protest_context(s, lex_rows) -> bool:
    """Does the sentence report a demonstration? A protest word or trigger counts unless every
    one of them is in an adjunct naming an antecedent (ACLED Codebook, Protests and Riots: a
    violent demonstration is violence *by demonstrators*; violence that merely follows a
    demonstration, by others or by a mob, is Mob violence or political violence of its own)."""
    toks = [ti for ti, cats in s.cue_tokens.items() if cats.get("protest")]
    toks += [head for head, row, _ in lex_rows if row.etype == "Protests"]
    if not toks:
        return bool(s.cues.get("protest"))
    return any(not protest_antecedent(s.doc[ti]) for ti in toks)
