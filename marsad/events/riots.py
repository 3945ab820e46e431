"""Riots: who is a crowd, and when violence by a crowd is "Mob violence".

ACLED Codebook (2019, 2023), "Riots" and the actor type "Rioters" (inter 5): rioters are people
engaging in violence *as part of a collective without an organised armed structure*; a riot is
"Violent demonstration" when demonstrators turn violent and "Mob violence" when a mob, or
rioters, attack other rioters, civilians, property or state forces *outside a demonstration*.
"Violence against civilians" and "Battles" are defined by *organised armed groups* (or state
forces) as the perpetrators, and "Looting/property destruction" by an organised armed actor
destroying property outside a riot. So the same deed ("assaulted and injured two journalists",
"clashed with members of the rival party using batons", "vandalised shops") is a riot when it
is done by a crowd, and an attack, a battle or property destruction when it is done by an armed
organisation. The decision below reads only the perpetrator and the means, never the country:

1. *Perpetrator*: a collective of people named by what they are outside any armed structure
   (residents, villagers, youths, students, traders, workers, fishers; supporters, members,
   activists or cadres of a party, union or student body; "a local leader and his accomplices";
   a mob or crowd), and not an armed organisation (no state or non-state armed cue, no knowledge
   base armed group).
2. *Means*: bodies, sticks, stones, batons, rods, sharp weapons, fire. Firearms or explosives make
   the group armed for this event, unless the perpetrators are named as a party's or candidate's
   members or supporters (ACLED codes political supporters as Rioters whatever they carried:
   Codebook, "Political militias" vs "Rioters": a militia is an armed, organised wing; supporters
   of a party are not).
3. *Deed*: a generic act of violence (attack, assault, beat, stab, hack, kill, injure, clash) or
   destruction of property (vandalise, burn, torch).
"""
from __future__ import annotations

import re
from typing import Optional

from .arguments import _pobj, _real
from .sentence import _cats, _kb_side
from .taxonomy import ABDUCTION, ARMED_CLASH, ATTACK, LOOTING, MOB, REMOTE

GRENADE = "Grenade"

# people named by what they are outside any armed structure (lemmas)
CROWD_NOUNS = frozenset({
    "mob", "crowd", "resident", "villager", "local", "youth", "youngster", "student", "pupil", "supporter",
    "activist", "follower", "accomplice", "cadre", "worker", "trader", "hawker", "vendor", "fisher",
    "fisherman", "farmer", "people", "rioter", "vigilante", "neighbour", "neighbor", "relative",
    "family", "kin", "villagers", "residents", "locals", "youths", "students", "supporters", "activists",
    "followers", "accomplices", "cadres", "workers", "traders", "hawkers", "fishers", "fishermen", "member",
    "members", "loyalist", "loyalists", "partisan", "partisans", "motorist", "driver", "operator", "miner",
    "squatter", "tenant", "parishioner", "worshipper", "congregant", "devotee", "assailant", "assailants",
    "group",
})
# nouns naming a membership: "members / supporters / activists of X" is a crowd when X is no armed group
MEMBER_NOUNS = frozenset({"member", "members", "supporter", "supporters", "activist", "activists", "cadre",
                          "cadres", "follower", "followers", "worker", "workers", "loyalist", "loyalists", "youth"})
# words in a body's name that make it a civic or political body (party, union, league, association)
CIVIC_NAME_WORDS = frozenset({"league", "party", "dal", "union", "congress", "association", "federation",
                              "society", "council", "shibir", "jamaat-e-islami", "parishad", "committee", "club",
                              "movement", "samiti", "sangh", "forum", "alliance"})
# deeds a crowd commits with its bodies or blunt and sharp weapons
BODILY_DEEDS = frozenset({"assault", "beat", "thrash", "hack", "stab", "lynch", "stone", "pelt", "torture",
                          "vandalise", "vandalize", "manhandle", "chase", "hit", "injure", "wound"})
# "assailants", "men", "group": a crowd only when the deed is bodily (see BODILY_DEEDS)
WEAK_CROWD = frozenset({"assailant", "assailants", "group", "people"})
POLITICAL = frozenset({"supporter", "supporters", "member", "members", "activist", "activists", "cadre", "cadres",
                       "follower", "followers", "loyalist", "loyalists", "partisan", "partisans"})

UNKNOWN_WORDS = frozenset({"unidentified", "unknown", "unnamed", "masked", "armed", "hooded"})
_EXPLOSIVE_OR_FIREARM = ("FIREARMS", "Grenade", "Remote explosive/landmine/IED", "Suicide bomb",
                         "Shelling/artillery/missile attack", "Air/drone strike", "Chemical weapon")


def _lemma(tok) -> str:
    return tok.lemma_.lower()


def _civic_body(tok, side_of) -> Optional[bool]:
    """True for a party, union or student body; False for an armed organisation; None if unknown."""
    if tok is None:
        return None
    words = [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod", "flat", "appos")]
    kb = next((side_of(w.ent_id_) for w in words if w.ent_id_), None)
    if kb in ("state", "nonstate"):
        return False
    if any(w.lower_ in CIVIC_NAME_WORDS for w in words) or any(
            w.lower_ in CIVIC_NAME_WORDS for w in tok.subtree if w.i <= tok.i + 4):
        return True
    return None


# words in a body's name that make it an armed organisation ("members of the Oromo Liberation Army")
ARMED_NAME_WORDS = frozenset({"army", "armies", "front", "brigade", "brigades", "militia", "militias", "force", "forces",
                              "battalion", "battalions", "regiment", "gang", "gangs", "mujahideen", "mujahidin",
                              "jihad", "guard", "guards", "squad", "commando", "commandos", "rangers", "tigers",
                              "legion", "corps", "unit", "units", "division", "cartel", "rebels", "insurgents", "outfit",
                              "fighters", "police", "military", "troops", "soldiers", "taliban", "shabaab", "mungiki"})


def _armed_body(tok, side_of) -> bool:
    """Is the body a membership noun belongs to ("members of X") an armed organisation? A body the
    knowledge base knows as state or non-state armed, or one whose name says so (army, front,
    brigade, militia, gang ...). A party, union, student body, religious movement or a person
    ("supporters of the union chairman") is not: its members are a crowd (ACLED Codebook, Rioters)."""
    if tok is None:
        return False
    if _civic_body(tok, side_of) is False:
        return True
    return any(w.lower_ in ARMED_NAME_WORDS for w in tok.subtree if w.i <= tok.i + 4)


# collectives named by a shared identity or livelihood group: ACLED's identity militias (inter 4:
# communal, ethnic, clan and tribal militias, e.g. "Pokot Ethnic Militia", "Unidentified Communal
# Militia"), not rioters, when they fight
IDENTITY_NOUNS = frozenset({"community", "communities", "clan", "clans", "clansman", "clansmen", "tribe", "tribes",
                            "tribesman", "tribesmen", "pastoralist", "pastoralists", "herdsman", "herdsmen",
                            "herder", "herders"})
IDENTITY_ADJ = frozenset({"ethnic", "tribal", "communal", "inter-communal", "intercommunal", "inter-ethnic",
                          "interethnic", "inter-clan", "clan", "pastoralist"})


def identity_group(tok) -> bool:
    """"communities", "two clans", "rival pastoralists", "ethnic groups", "tribal groups"."""
    if tok is None:
        return False
    if tok.lemma_.lower() in IDENTITY_NOUNS or tok.lower_ in IDENTITY_NOUNS:
        return True
    return any(c.lower_ in IDENTITY_ADJ for c in tok.children if c.dep_ in ("amod", "compound"))


def crowd_kind(tok, cats, side_of) -> Optional[str]:
    """"political" (a party's members or supporters), "crowd" (another collective of unarmed
    people), "weak" (assailants / men / a group: a crowd only for bodily violence) or None."""
    if tok is None:
        return None
    if any(cats.get(k, 0) >= 0.6 for k in ("state", "nonstate")) and not cats.get("mob"):
        return None
    if any(c.lower_ in UNKNOWN_WORDS for c in tok.subtree if c.i < tok.i + 3):
        return None  # "unidentified men", "an unknown group": ACLED's Unidentified Armed Group
    if tok.ent_type_ == "NORP" or identity_group(tok):
        return None  # communities, clans, ethnic groups fighting: identity militias (ACLED inter 4)
    orig = tok
    # "members of Chhatra League": the parser's argument is the body; the membership noun is its head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in MEMBER_NOUNS:
        orig = tok.head.head
        if _armed_body(tok, side_of):
            # members of an armed organisation (a gang, an army division, a militia) are no crowd;
            # members of a party, a union, a religious movement or the community are
            return None
        if not _civic_body(tok, side_of) and not (tok.lemma_.lower() in CROWD_NOUNS and tok.pos_ == "NOUN"):
            # a body of unknown kind: a crowd while unarmed, an armed group once it uses firearms
            return "crowd"
        return "political" if orig.lower_ in POLITICAL or orig.lemma_.lower() in POLITICAL else "crowd"
    if tok.ent_type_ in ("ORG",) or tok.pos_ == "PROPN":
        civic = _civic_body(tok, side_of)
        if civic:
            return "political"
        return None
    lem, low = _lemma(orig), orig.lower_
    if lem in MEMBER_NOUNS or low in MEMBER_NOUNS:
        # "members from the Mara Salvatrucha": the body named decides, as for "members of"
        for c in orig.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                body = next((g for g in c.children if g.dep_ == "pobj"), None)
                if body is not None and _armed_body(body, side_of):
                    return None
                if body is not None and not _civic_body(body, side_of) and not (
                        body.lemma_.lower() in CROWD_NOUNS and body.pos_ == "NOUN"):
                    return "crowd"  # a body of unknown kind (see above)
    if lem in WEAK_CROWD or low in WEAK_CROWD:
        if any(c.lower_ in ("accomplices", "supporters", "followers") for c in orig.subtree if c.i != orig.i):
            return "political"
        for c in orig.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from", "within"):
                body = next((g for g in c.children if g.dep_ == "pobj"), None)
                if body is not None and _civic_body(body, side_of):
                    return "political"  # "two rival groups of Chhatra League": factions of a party
        return "weak" if orig.tag_ in ("NNS", "NNPS") or low in ("people", "group") else None
    if lem in CROWD_NOUNS or low in CROWD_NOUNS:
        if lem in POLITICAL or low in POLITICAL:
            return "political"
        return "crowd"
    # "a UP chairman along with his accomplices", "a leader and his supporters"
    for c in orig.subtree:
        if c.i != orig.i and c.lower_ in ("accomplices", "supporters", "followers", "cohorts", "henchmen"):
            return "political"
    return None


def armed_means(sent, row=None) -> bool:
    """Firearms or explosives named in the sentence, or in the deed itself ("shot dead"): the
    group acted as an armed group (ACLED)."""
    if row is not None and row.mode in ("firearms", "explosives"):
        return True
    return any(r.subtype in _EXPLOSIVE_OR_FIREARM or r.mode in ("firearms", "explosives")
               for _, r, _ in sent.instruments)


def is_mob_violence(kind: Optional[str], deed: str, sent, row=None) -> bool:
    """The codebook decision for a violent or destructive deed whose perpetrator is of ``kind``."""
    if kind is None:
        return False
    if kind == "weak" and deed not in BODILY_DEEDS:
        return False
    if kind != "political" and armed_means(sent, row):
        return False
    return True


_DESTRUCTION = frozenset({"vandalise", "vandalize", "burn", "torch", "set fire", "set ablaze", "loot", "destroy",
                          "damage", "smash", "ransack"})
_CLASH = frozenset({"clash", "fight", "scuffle", "brawl", "exchange", "battle", "skirmish", "confront"})


def _parties(c, sent_cats):
    """The perpetrators of a candidate: its agent, and for a clash every side named with
    "with" / "between" / "among" (the trigger's own or its governing verb's)."""
    parts = [c.agent] if c.agent is not None else []
    holders = [c.tok]
    if c.tok.dep_ in ("nsubj", "nsubjpass"):
        holders.append(c.tok.head)  # "clashes erupted between ..."
    if c.tok.dep_ == "pobj" and c.tok.head.lower_ == "in" and c.tok.head.head.lemma_.lower() in _TAKE_PART:
        # "members of X engaged in a clash": the participants are the subject of the support verb
        verb = c.tok.head.head
        holders.append(verb)
        parts.extend(g for g in verb.children if g.dep_ in ("nsubj", "nsubjpass"))
    if c.agent is not None and c.tok.pos_ == "VERB":
        # "members of X and police forces clashed": every subject of the clash is a party
        parts.extend(g for g in c.tok.children if g.dep_ == "nsubj" and g.i != c.agent.i)
        parts.extend(g for g in c.agent.children if g.dep_ == "conj")
    for h in holders:
        for ch in h.children:
            if ch.dep_ == "prep" and ch.lower_ in ("with", "between", "among"):
                p = _pobj(ch)
                if p is not None and not (p.lemma_.lower() in ("baton", "stick", "rod", "machete", "stone", "knife",
                                                              "weapon", "pipe", "hammer")):
                    parts.append(_real(p))
                    parts.extend(_real(g) for g in p.children if g.dep_ == "conj")
    return [p for p in parts if p is not None and p.pos_ in ("NOUN", "PROPN", "PRON")
            and p.ent_type_ not in ("DATE", "TIME", "CARDINAL") and not p.like_num]


_TAKE_PART = frozenset({"engage", "involve", "participate", "join", "embroil", "indulge"})


def _own_subject(agent, trig) -> bool:
    """Is the perpetrator the trigger's own subject or "by" agent (not one the parser lent it from
    another clause: "residents lamented ... after hoodlums attacked them, looted many houses")?"""
    t = agent
    for _ in range(4):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.i == trig.i:
            return True
        if t.pos_ in ("VERB", "AUX"):
            return False
    return False


# crude incendiary devices: petrol bombs, Molotov cocktails, "cocktails" (South Asian usage for crude
# hand-thrown bombs), "crude bombs". Hand-made, home-made or improvised bombs are not among them:
# an improvised explosive device is the IED of "Remote explosive/landmine/IED"
_CRUDE = re.compile(r"\b(?:molotovs?|petrol[- ]?bombs?|fire[- ]?bombs?|gasoline bombs?|cocktails?|"
                    r"crude[- ](?:bombs?|explosives?|devices?))\b", re.I)
# devices no crowd makes: a named military or improvised explosive is an armed group's weapon
_MILITARY_EXPLOSIVE = re.compile(r"\b(?:grenades?|ieds?|improvised explosive|land ?mines?|mines?|rockets?|"
                                 r"mortars?|missiles?|shells?|suicide|car bombs?|roadside bombs?|remote)\b", re.I)


def crude_device_only(text: str) -> bool:
    """Does the sentence name crude devices and no military or improvised explosive?"""
    rest = _CRUDE.sub(" ", text)
    return bool(_CRUDE.search(text)) and not _MILITARY_EXPLOSIVE.search(rest)


def _armed_perpetrator(agent, lex, s) -> bool:
    """A perpetrator the knowledge base or its own words name as an organised armed actor."""
    if agent is None:
        return False
    if any(_cats(agent, lex, s).get(k, 0) >= 0.6 for k in ("state", "nonstate")):
        return not any(c.lower_ in UNKNOWN_WORDS for c in agent.subtree if c.i < agent.i + 3)
    return _armed_body(agent, _kb_side) or any(
        w.lower_ in ARMED_NAME_WORDS for w in agent.subtree if w.i <= agent.i + 4)


def apply_crude_devices(cands, s, lex, in_protest: bool) -> None:
    """ACLED Codebook, Explosions/Remote violence: crude devices (petrol bombs, Molotov cocktails,
    crude bombs) are not the explosive weapons that make an event Explosions/Remote
    violence; used by a crowd or by people no armed organisation is named for, the event is a riot
    (Mob violence; a demonstration's is the protest frame's). An organised armed group or a state
    force throwing them keeps its own type (the caller's)."""
    if in_protest:
        return
    text = s.doc[s.start:s.end].text
    if not crude_device_only(text):
        return
    for c in cands:
        if c.sub not in (REMOTE, GRENADE) or c.modality not in ("asserted", "alleged", "claimed"):
            continue
        if _armed_perpetrator(c.agent, lex, s):
            continue
        c.etype, c.sub, c.plover, c.mode = "Riots", MOB, "ASSAULT", "riot"


def apply_crowd_rule(cands, s, lex, in_protest: bool) -> None:
    """Violence or destruction whose perpetrators are a crowd is Mob violence (module docstring)."""
    if in_protest:
        return  # a demonstration turned violent: the protest frame decides (Violent demonstration)
    for c in cands:
        if not c.etype or c.sub not in (ATTACK, ARMED_CLASH, LOOTING, ABDUCTION):
            continue
        deed = " ".join(c.row.phrase)
        clash = deed in _CLASH or c.row.etype == "Battles"
        if c.sub == LOOTING and deed not in _DESTRUCTION:
            continue
        if c.sub in (ATTACK, ARMED_CLASH, ABDUCTION) and not (c.generic or clash):
            continue
        if c.inst_specific:
            continue
        parts = _parties(c, s) if clash else ([c.agent] if c.agent is not None and _own_subject(c.agent, c.tok) else [])
        if not parts:
            continue
        kinds = [crowd_kind(p, _cats(p, lex, s), _kb_side) for p in parts]
        kind = kinds[0]
        if clash and len(parts) > 1 and any(k is None for k in kinds):
            # a crowd fighting an armed side (police, a militia) is not two crowds
            if not any(_cats(p, lex, s).get("state", 0) >= 0.6 for p in parts):
                continue
            # a crowd fighting the police or the army riots (ACLED: Rioters against state forces)
            kind = next((k for k in kinds if k is not None), None)
        lem = c.tok.lemma_.lower()
        if clash and kind == "weak" and not any(s.cues.get(k, 0) >= 0.6 for k in ("state", "nonstate")):
            kind = "crowd"  # "two groups clashed", no armed side named anywhere in the sentence
        # a clash word's own weapon is the lexicon's default (firearms), not what the text says: for a
        # clash only the weapons the sentence names decide whether the crowd was armed
        if is_mob_violence(kind, lem if lem in BODILY_DEEDS else deed.split()[0], s, None if clash else c.row):
            c.etype, c.sub, c.plover, c.mode = "Riots", MOB, "ASSAULT", "riot"
