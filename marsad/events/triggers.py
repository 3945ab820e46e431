"""Event triggers from a spaCy parse: ACLED event type / sub-event type, PLOVER class and mode,
modality, and the agent / patient / instrument attached to each trigger.

The lexicon (``data/triggers.tsv``) says which words can denote an event and which words are
instruments (weapons), cues (civilian / state / non-state / protest words...) or blockers (frames
outside ACLED: natural disasters, accidents, ordinary crime...). Everything else is decided from
the dependency parse:

* arguments: active subject / object, passive ``by`` agent, ``on`` / ``against`` / ``at`` targets,
  relative clauses ("gunmen who attacked"), participles ("people killed by"), coordination
  ("attacked X and abducted Y" shares the subject), possessives on event nouns;
* the instrument attached to the trigger (subject "warplanes killed", "air strikes killed",
  "with mortars", compounds "drone attack", "in a landmine explosion"), otherwise the nearest
  instrument of the sentence;
* the sub-type from trigger + instrument + arguments + surrounding clause (e.g. a killing with no
  weapon is an "Attack" when the victims are civilians, an "Armed clash" when they are combatants;
  "captured" is a territory change when its object is a place, an arrest/abduction when a person,
  disrupted weapons use when a weapon);
* a sentence frame that lets the most specific trigger of a sentence decide the sub-type of the
  generic ones ("gunmen attacked the village and abducted 4 people": Abduction; "troops took
  control ... after clashes": territory), and protest escalation cues (tear gas -> Protest with
  intervention; protesters killed -> Excessive force against protesters; stones thrown -> Violent
  demonstration) over a window of one sentence either side.

Triggers whose modality is negated, hypothetical or planned keep their PLOVER class but lose their
ACLED type (ACLED codes only events that happened); denied / claimed / alleged keep it.

Where each decision lives (read each against the ACLED Codebook page it implements):
``taxonomy.py`` the 6 types and 25 sub-types; ``lexicon.py`` the word lists; ``arguments.py`` who did
what to whom; ``sentence.py`` the cue words and sides of the actors; ``riots.py`` Riots and Rioters
(violence by a crowd is Mob violence); ``protests.py`` Protests and Violent demonstration (escalation,
intervention, road-blocking); ``plover.py`` PLOVER classes, statements of intent, speech acts; this
module the violent families (Battles, Explosions/Remote violence, Violence against civilians:
``_resolve``, ``_victim_rule``), strategic developments and the sentence frame that joins them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from marsad.parse.doctext import doc_text

from .taxonomy import (  # noqa: F401
    ABDUCTION, ACLED_TYPES, ARMED_CLASH, ARRESTS, ATTACK, BASE, DISRUPTED, EXCESSIVE, GOV_REGAINS,
    INTERVENTION, LOOTING, MOB, NSA_OVERTAKES, PEACEFUL, REMOTE, SUBTYPE_TO_TYPE, VIOLENT_DEMO,
    _PLOVER_DEFAULT_EVENT, _PLOVER_DEFAULT_MODE,
)
from .lexicon import (  # noqa: F401
    DATA, _Lexicon, _Row, _SKIP, _forms, _head_of, _match_at, _pos_ok, _word_ok, lexicon,
)
from .arguments import (  # noqa: F401
    _QUANT_HEADS, _REL_PRON, _TIME_WORDS, _arguments, _np_span, _pobj, _real, _temporal,
)
from .sentence import (  # noqa: F401
    _ARMED, _INTER_SIDE, _KB_SIDE, _Sent, _armed_side, _cats, _heavy_over_firearms, _is_civilian,
    _is_combatant, _kb_side, _scan,
)
from .protests import (  # noqa: F401
    _ARREST_WORDS, _INTERVENTION_ARREST, _MOURN, _OFFENCE, _TOPIC_HEADS, _governed_by,
    _governing_subject_cats, _headline_arrest, _in_topic_pp, _mourned, _not_violent_word, _offence,
    _organised, _protest_flags, _protest_sub_from, s_doc,
)
from .plover import (  # noqa: F401
    _COOPERATIVE, _HOSTILE, _HOSTILE_ACTS, _OFFER_HEADS, _THREAT_HEADS, _intent,
)
from .protests import protest_antecedent, protest_context, road_blocking
from .riots import UNKNOWN_WORDS, apply_crowd_rule, apply_crude_devices, identity_group
from .battles import apply_clash_outcomes
from .plover import (_DECISION_HEADS, DOCUMENT_NOUNS, announcer, clause_subject, infinitive_head, light_verb, plover_violence, object_frame, reported_demand, speaker_of, speech_acts,
                     support_verb_only)
from .modality import ALLEGED, ASSERTED, DENIED, HYPOTHETICAL, NEGATED, PLANNED, modality_of


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    text: str
    lemma: str
    token_i: int
    sent_start: int
    sent_end: int
    event_type: Optional[str]
    sub_event_type: Optional[str]
    plover_event: Optional[str]
    plover_mode: Optional[str]
    modality: str
    agent: Optional[tuple[int, int]]
    patient: Optional[tuple[int, int]]
    instrument: Optional[str]
    negated: bool
    score: float
    lexical_plover: bool = False  # the lexicon gives the word no ACLED type (a PLOVER-only word)


# ---------------------------------------------------------------- resolution

@dataclass
class _Cand:
    tok: object
    row: _Row
    idxs: list
    etype: Optional[str]
    sub: Optional[str]
    plover: Optional[str]
    mode: Optional[str]
    agent: object
    patient: object
    instrument: Optional[str]
    inst_specific: bool
    generic: bool
    weight: float
    modality: str = ASSERTED


_AIR_WORDS = {"warplane", "jet", "aircraft", "plane", "helicopter", "drone", "gunship", "air", "aerial", "airstrike"}


def _instrument_for(tok, extra, agent, sent: _Sent, doc, own_idxs, neighbours=()):
    """The instrument row attached to a trigger: syntactic first, then nearest in the sentence,
    then (for generic triggers) the instruments of the neighbouring sentences."""
    if not sent.instruments:
        for ns in neighbours:
            usable = [r for _, r, _ in ns.instruments if r.subtype and r.subtype != "FIREARMS" and r.weight >= 0.7]
            if usable:
                return max(usable, key=lambda r: r.weight), False
        return None, False
    by_tok = {}
    for h, r, idxs in sent.instruments:
        for i in idxs:
            by_tok.setdefault(i, (h, r, idxs))
    attached = []
    cands = list(extra)
    if agent is not None:
        cands.append(agent)
    # the trigger phrase itself ("suicide bombing" is a trigger; "chemical" inside "chemical attack")
    for i in own_idxs:
        if i in by_tok:
            attached.append(by_tok[i])
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod", "nsubj", "dobj", "nsubjpass", "poss"):
            cands.append(c)
    for c in cands:
        for t in [c] + [x for x in c.children if x.dep_ in ("compound", "amod", "nmod", "prep")]:
            if t.dep_ == "prep":
                t = _pobj(t) or t
            if t.i in by_tok:
                attached.append(by_tok[t.i])
    if attached:
        h, r, idxs = max(attached, key=lambda a: a[1].weight)
        return r, True
    # nearest in the sentence, weight breaking ties; instruments that only support another action
    # ("supported by Coalition airstrikes", "accompanied by shelling") do not decide
    def secondary(h):
        t = doc[h]
        for _ in range(4):
            if t.head.i == t.i:
                return False
            t = t.head
            if t.lemma_.lower() in ("support", "back", "accompany", "cover", "assist", "aid", "amid"):
                return True
            if t.i == tok.i:
                return False
        return False
    pool = [a for a in sent.instruments if not secondary(a[0])]
    if not pool:
        return None, False
    scored = sorted(pool, key=lambda a: (abs(a[0] - tok.i) > 12, -a[1].weight, abs(a[0] - tok.i)))
    h, r, idxs = scored[0]
    return r, False


_ROADS = {"road", "highway", "street", "entrance", "traffic", "route", "railway", "bridge", "access", "junction",
          "thoroughfare", "motorway", "rail", "track", "gate", "avenue", "intersection", "roadway", "expressway"}
_OUTCOME = {"die", "death", "injure", "wound", "hurt", "body", "remains", "violence"}
_PLACE_NOUNS = {"town", "village", "city", "area", "district", "hill", "hilltop", "base", "airport", "region",
                "territory", "position", "positions", "province", "neighbourhood", "neighborhood", "camp", "port",
                "road", "highway", "bridge", "checkpoint", "post", "outpost", "border", "crossing", "zone",
                "island", "mountain", "countryside", "valley", "locality", "settlement", "headquarters",
                "center", "centre", "front", "frontline", "island", "oil field", "field", "dam", "airbase",
                "garrison", "stronghold", "enclave", "pocket", "suburb", "quarter", "market", "capital", "county",
                "municipality", "state", "part", "parts", "control", "rest", "most", "all", "much", "some"}


def _place_like(tok) -> bool:
    if tok is None:
        return False
    if tok.ent_type_ in ("GPE", "LOC", "FAC"):
        return True
    if tok.lemma_.lower() in _PLACE_NOUNS or tok.lower_ in _PLACE_NOUNS:
        return True
    return any(c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC", "FAC") for c in tok.children) or (
        tok.pos_ == "PROPN" and not tok.ent_type_ in ("PERSON", "ORG", "NORP"))


def _off_duty_near(tok) -> bool:
    """"a soldier (assumed off-duty)": the parser often detaches the parenthesis."""
    doc = tok.doc
    end = min(tok.sent.end, tok.i + 7)
    span = doc[tok.i:end].text.lower()
    return "off-duty" in span or "off - duty" in span or "off duty" in span


_CLASH_VERBS = {"clash", "fight", "battle", "skirmish"}


def _alleged_of_participant(tok) -> bool:
    """"airstrikes on groups it accused of carrying out a chlorine attack": an allegation in a
    relative clause describes who was targeted; it does not make the reported strike a chemical
    attack (ACLED codes the event reported, not the accusation cited to justify it)."""
    return modality_of(tok) == ALLEGED and any(a.dep_ in ("relcl", "acl") for a in tok.ancestors)


def _outcome_of_clash(tok) -> bool:
    """"X and Y clashed in the city, killing and wounding several people": a participle of outcome
    on a clash verb reports the clash's casualties (ACLED codes one Armed clash with its fatalities),
    not a separate attack on civilians, unless the victims are named as civilians (checked first)
    or the side that clashed is no armed group (the caller checks)."""
    if tok.tag_ != "VBG":
        return False
    t = tok
    for _ in range(3):
        if t.dep_ not in ("advcl", "xcomp", "conj") or t.head.i == t.i:
            return False
        t = t.head
        if t.lemma_.lower() in _CLASH_VERBS and t.pos_ == "VERB":
            return True
    return False


def _victim_rule(tok, lem, agent, patient, acats, pcats, sent: _Sent, lex) -> str:
    """Attack (civilian victims) or Armed clash (armed victims / two armed sides) for a violent
    trigger with no weapon that decides the sub-type."""
    if patient is not None and (any(t.lower_ in ("civilian", "civilians", "off-duty", "former", "retired", "unarmed")
                                    for t in patient.subtree if t.i <= patient.i + 2) or any(
            t.lower_ in ("off-duty", "unarmed") for t in patient.subtree) or _off_duty_near(patient)):
        return ATTACK  # "a civilian school guard", "an off-duty soldier" (ACLED: not engaged as combatants)
    if _outcome_of_clash(tok) and _armed_side(acats) and not acats.get("civilian"):
        return ARMED_CLASH  # (armed sides only: prisoners or a crowd that clash with guards riot)
    if patient is not None:
        if _is_combatant(pcats) or (pcats.get("base", 0) >= 0.6 and not pcats.get("civilian")):
            return ARMED_CLASH
        if _is_civilian(pcats) or pcats.get("property", 0) >= 0.8 or pcats.get("person"):
            return ATTACK
    if patient is None and agent is not None and lem in _OUTCOME | {"kill"} and tok.pos_ in ("VERB", "AUX"):
        # "two civilians died", "three soldiers were wounded" (subject = victims)
        if _is_combatant(acats):
            return ARMED_CLASH
        if _is_civilian(acats) or acats.get("person"):
            return ATTACK
    # firearms exchanged with no civilian victim
    if any(r.subtype == "FIREARMS" for _, r, _ in sent.instruments) and patient is None:
        return ARMED_CLASH
    # armed actors of the sentence other than the perpetrator
    skip = set()
    if agent is not None:
        skip = {t.i for t in agent.subtree}
    armed = 0.0
    civ = 0.0
    for i, cats in sent.cue_tokens.items():
        if i in skip:
            continue
        armed += max(cats.get("state", 0), cats.get("nonstate", 0)) if max(cats.get("state", 0), cats.get("nonstate", 0)) >= 0.6 else 0
        civ += cats.get("civilian", 0) if cats.get("civilian", 0) >= 0.5 else 0
    if patient is not None:
        return ARMED_CLASH if armed >= 1.0 and civ == 0 else ATTACK
    if armed >= 1.0 and civ < 1.0:
        return ARMED_CLASH
    if agent is not None and _armed_side(acats) and not civ and lem in ("clash", "fight", "battle"):
        return ARMED_CLASH
    return ATTACK


_AFAR = {"observe", "record", "hear", "monitor", "register", "count", "direction", "frontline", "front", "contact",
         "smm", "undetermined", "artillery", "shelling", "mortar", "rocket", "missile"}


def _observed_from_afar(doc, sent, neighbours) -> bool:
    """Explosions counted by an observer at a distance along a front ("the SMM recorded 15
    explosions in both directions") are shelling; explosions *at* buildings, offices or checkpoints
    with no such cue are bombs set off there (ACLED: Remote explosive/landmine/IED)."""
    for s in [sent] + list(neighbours):
        for i in range(s.start, s.end):
            t = doc[i]
            if t.lemma_.lower() in _AFAR or t.lower_ in _AFAR:
                return True
    return False


def _resolve(doc, tok, row, idxs, sent: _Sent, lex, window, neighbours=()) -> Optional[_Cand]:
    agent, patient, extra = _arguments(tok)
    if row.etype is None and (agent is None or agent.dep_ == "poss" and agent.pos_ == "PRON") \
            and tok.pos_ not in ("VERB", "AUX"):
        lv = light_verb(tok)  # "launched an investigation", "reiterated its demand": the verb's subject
        if lv is not None:
            agent = _real(next((c for c in lv.children if c.dep_ == "nsubj"), None))
        else:
            agent = clause_subject(tok) or agent
    if row.etype is None and tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.dep_ != "ROOT":
        # "fought regime forces backed by loyal militias": a description of a participant (not a
        # headline's passive, "Russian diplomats expelled by the US", whose noun is the root)
        return None
    if row.etype is None and tok.dep_ == "acl" and (agent is None or agent.lemma_.lower() in DOCUMENT_NOUNS):
        agent = clause_subject(tok) or agent  # "issued a statement demanding ...": the issuer demands
    if row.etype is None and agent is None and tok.pos_ in ("VERB", "AUX"):
        agent = announcer(tok)
    if row.etype in (None, "Protests", "Strategic developments") and agent is not None and agent.pos_ == "PRON":
        agent = speaker_of(tok, agent) or agent
    if row.phrase == ("must",):
        # "Russia said Sudan must return the helicopter": a demand by the speaker (CAMEO 10)
        agent = reported_demand(tok)
        if agent is None:
            return None
    if len(idxs) > 1:
        # "opened fire on a convoy": the arguments may hang on another word of the phrase
        for i in idxs:
            if i == tok.i:
                continue
            for c in doc[i].children:
                if c.dep_ == "prep" and c.lower_ in ("on", "at", "against") and patient is None:
                    patient = _real(_pobj(c))
                elif c.dep_ == "agent" and agent is None:
                    agent = _real(_pobj(c))
    inst_tokens = {i for _, _, ix in sent.instruments for i in ix}
    if patient is not None and (patient.i in inst_tokens or lex.cue_words.get(patient.lemma_.lower(), {}).get(
            "weapon", 0) >= 0.8) and (row.etype == "VIOLENCE" or row.etype == "Explosions/Remote violence"):
        # "fired small arms / mortars at the positions of X": the object is the weapon
        extra = list(extra) + [patient]
        patient = None
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("at", "on", "against", "towards", "toward", "into"):
                p = _pobj(c)
                if p is not None and not _temporal(p):
                    patient = _real(p)
                    break
    etype, sub, plover, mode = row.etype, row.subtype, row.plover, row.mode
    lem_row = row.phrase[0]
    frame = object_frame(tok)
    if frame is not None and row.role == "trigger" and etype not in ("VIOLENCE", "Battles", "Explosions/Remote violence",
                                                                     "Violence against civilians", "Riots"):
        etype = sub = None  # "established diplomatic ties", "lifted the curfew": see plover.object_frame
        plover, mode = frame
        if agent is None and tok.pos_ not in ("VERB", "AUX"):
            gov = tok.head if tok.dep_ != "conj" else tok.head.head  # the verb that eased / lodged it
            agent = _real(next((c for c in gov.children if c.dep_ == "nsubj"), None)) or announcer(gov)
    if lem_row == "murder" and tok.pos_ != "VERB" and not any(
            c.dep_ == "prep" and c.lower_ == "of" and _named_or_counted(_pobj(c)) for c in tok.children):
        # "charged with murder", "murder cases", "the murder of a judge": a crime's name; "the murder of
        # two U.S. citizens", "of candidate Bernardo Jaramillo": a reference to one incident
        return None
    if etype is not None and _habitual_passive(tok, patient):
        return None  # "a situation in which people are killed": what happens in general, no incident
    if etype == "Battles" and len(idxs) == 1 and lem_row in _CAMPAIGN and _abstract(patient, lex, sent):
        # "the fight against drug trafficking", "efforts to fight impunity": a campaign against a
        # phenomenon, not two armed sides (ACLED: a battle is between organised armed groups)
        return None
    if etype is not None and len(idxs) == 1 and tok.dep_ == "amod" and tok.tag_ == "VBD" and patient is None:
        patient = tok.head  # "the army controlled Sruj town" parsed as a noun phrase
    elif etype is not None and len(idxs) == 1 and tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBG"):
        # "opposition-controlled areas", "the besieged town": a modifier, not an event
        etype = sub = None
    if lem_row == "commit" and row.etype is None and not any(
            c.dep_ in ("prep", "xcomp", "auxpass") and c.lower_ in ("to", "be", "been", "is", "are", "was", "were")
            or c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        return None  # "committed to opening up" is a pledge (CAMEO 03); "commit a robbery" is not
    if lem_row == "seek" and row.etype is None and any(c.dep_ == "xcomp" for c in tok.children):
        return None  # "sought to reassure": an aim, the act is the infinitive's; "sought aid" is a request (CAMEO 10)
    if lem_row == "death" and tok.head.lemma_.lower() in ("toll", "count", "figure", "tally"):
        return None  # "the death toll" is a toll, not an incident
    if " ".join(row.phrase) in ("talk", "peace talk") and etype is not None:
        gov = tok.head
        if not (tok.dep_ in ("dobj", "nsubj", "nsubjpass") and gov.lemma_.lower() in (
                "hold", "start", "begin", "launch", "resume", "open", "conclude", "reach", "join", "attend", "host",
                "restart", "enter", "continue", "end", "take")):
            etype = sub = None
    if lem_row == "call" and plover == "CONSULT":
        if any(c.dep_ in ("prep",) and c.lower_ in ("for", "on", "upon") for c in tok.children) or any(
                c.dep_ in ("xcomp", "ccomp") for c in tok.children):
            plover, mode = "DEMAND", None
        elif not any(c.dep_ == "dobj" and (c.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") or c.lemma_.lower() in (
                "counterpart", "president", "minister", "leader", "king", "premier")) for c in tok.children):
            return None
    if plover == "AID" and tok.head.lemma_.lower() in ("cut", "suspend", "halt", "stop", "reduce", "withdraw",
                                                        "freeze", "end", "block", "withhold", "cancel"):
        plover, mode = "SANCTION", "discontinue"  # PLOVER 162: reduce or stop aid
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("agree", "promise", "pledge", "offer") and etype is None:
        plover = "AGREE"  # "agreed to release", "promised to withdraw": intent to cooperate (PLOVER 03x)
    generic = etype in ("VIOLENCE",)
    acats = _cats(agent, lex, sent)
    if plover == "DEMAND" and etype is None and lem_row == "demand" and tok.pos_ == "VERB" and agent is not None \
            and agent.tag_ == "NNS" and not agent.ent_type_ and acats.get("civilian", 0) >= 1.0 \
            and not _armed_side(acats) and tok.dep_ in ("ROOT", "conj"):
        # "workers of a construction company demanded the payment of their salaries": a group of
        # people pressing a demand in public is a protest (ACLED Peaceful protest)
        etype, sub, plover, mode = "Protests", PEACEFUL, "PROTEST", "demo"
    pcats = _cats(patient, lex, sent)
    inst_row, inst_attached = (None, False)
    if etype is not None:
        inst_row, inst_attached = _instrument_for(tok, extra, agent, sent, doc, idxs,
                                                  neighbours if etype == "VIOLENCE" and lem_row not in _OUTCOME else ())
    instrument = None
    inst_specific = False
    if inst_row is not None:
        instrument = " ".join(inst_row.phrase)
    lem = tok.lemma_.lower()
    # instrument as the subject: "air strikes killed": the agent is not an actor
    if agent is not None and inst_row is not None and inst_attached and any(
            agent.i == i for i in range(agent.i, agent.i + 1)) and (
            agent.lemma_.lower() in inst_row.phrase or agent.lower_ in inst_row.phrase):
        agent = None
        acats = {}

    if row.subtype == "Shelling/artillery/missile attack" and inst_row is not None and inst_attached and \
            inst_row.subtype == "Air/drone strike" and row.phrase[0] in ("bombardment", "bombard", "barrage"):
        etype, sub, plover, mode = inst_row.etype, inst_row.subtype, inst_row.plover, inst_row.mode
    if row.subtype == "Shelling/artillery/missile attack" and (tok.head.lemma_.lower() == "exchange" or (
            tok.head.lower_ == "of" and tok.head.head.lemma_.lower() == "exchange")):
        # "exchanged shelling / artillery fire": two armed sides fighting
        etype, sub, plover, mode = "Battles", ARMED_CLASH, "FIGHT", "heavy-weapons"
    if etype in ("VIOLENCE",) or sub in ("GENERIC", "EXPLOSION"):
        firearms = any(r.subtype == "FIREARMS" for _, r, _ in sent.instruments) or any(
            r.subtype == "FIREARMS" and r.phrase[0] in ("gunfire", "small", "machine", "machinegun", "firearm")
            for ns in neighbours for _, r, _ in ns.instruments)
        if inst_row is not None and inst_row.subtype == "FIREARMS":
            inst_row = None
        if firearms and inst_row is not None and inst_row.subtype in (
                "Shelling/artillery/missile attack", "Grenade") and not _is_civilian(pcats):
            # ACLED: remote violence accompanied by direct fire is an armed clash
            etype, sub, plover, mode = "Battles", ARMED_CLASH, "FIGHT", "firearms"
            inst_row = None
            inst_specific = True
        if sub == ARMED_CLASH:
            pass
        elif inst_row is not None and inst_row.subtype and (inst_attached or sub == "EXPLOSION" or row.weight >= 0.3):
            etype, sub = inst_row.etype, inst_row.subtype
            plover, mode = inst_row.plover or plover, inst_row.mode or mode
            inst_specific = True
        elif sub == "EXPLOSION":
            if tok.tag_ in ("NNS",) and tok.lemma_.lower() in ("explosion", "blast") and any(
                    r.subtype == "FIREARMS" for _, r, _ in sent.instruments):
                etype, sub, plover, mode = "Battles", ARMED_CLASH, "FIGHT", "firearms"
            elif tok.tag_ in ("NNS",) and tok.lemma_.lower() in ("explosion", "blast") and _observed_from_afar(
                    doc, sent, neighbours):
                # several explosions observed along a front (monitors counting distant impacts): shelling
                etype, sub = "Explosions/Remote violence", "Shelling/artillery/missile attack"
            else:
                etype, sub = "Explosions/Remote violence", REMOTE
        else:
            sub = _victim_rule(tok, lem, agent, patient, acats, pcats, sent, lex)
            if sub == ATTACK and patient is not None and pcats.get("property", 0) >= 0.8 and not pcats.get("civilian") \
                    and lem in ("attack", "target", "storm", "raid", "burn", "torch") and not any(
                    r2.phrase[0] in ("kill", "wound", "injure", "die", "death", "killing", "shoot")
                    for _, r2, _ in sent.triggers):
                sub = LOOTING  # ACLED: an attack on property alone is property destruction
            if sub == ATTACK and window.get("gang", 0) >= 1.0 and _gang_victim(doc, [sent] + list(neighbours), agent) and not (patient is not None and (
                    pcats.get("civilian", 0) >= 1.0 or any(t.lower_ in ("child", "children", "woman", "women", "girl", "boy")
                                                           for t in patient.subtree))):
                sub = ARMED_CLASH  # ACLED: killings of drug-trafficking gang members are armed clashes
            if sub == ATTACK and lem == "raid" and _armed_side(acats) != "nonstate" and not sent.instruments and any(
                    r2.etype == "Strategic developments" and r2.subtype in ("Arrests", "Disrupted weapons use")
                    for _, r2, _ in sent.triggers) and not any(
                    r2.phrase[0] in _HARM_WORDS for _, r2, _ in sent.triggers):
                # ACLED: a raid that ends in arrests or seizures, with no one hurt and no weapon used, is
                # the arrest ("Police raided 20 homes and arrested 12 suspects"), not an attack
                return _Cand(tok, row, idxs, None, None, plover, mode, agent, patient, instrument, inst_specific,
                             generic, row.weight)
            etype = SUBTYPE_TO_TYPE[sub]
            if sub == ARMED_CLASH:
                plover = "FIGHT"
    elif sub == "TERRITORY" and tok.dep_ == "relcl" and any(
            c.dep_ == "aux" and c.lower_ == "had" for c in tok.children):
        etype = sub = None  # "regions that had been taken over by X": the background of this report
    elif sub == "TERRITORY" and _attempted(tok):
        etype = sub = None  # "an attempt to advance and control the village": nothing changed hands
    elif sub == "TERRITORY" and tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBG") and lem_row in ("control", "hold", "occupy"):
        etype = sub = None  # "areas controlled by the rebels", "a party controlling the army": a state of affairs
    elif sub == "TERRITORY" and any(c.lower_ in ("briefly", "temporarily", "momentarily") for c in tok.children):
        etype, sub, plover, mode = "Battles", ARMED_CLASH, "FIGHT", None  # taken and lost again: a battle
    elif sub == "TERRITORY" and tok.pos_ == "NOUN" and not _place_like(patient) and not pcats.get("base") and not (
            patient is None and tok.dep_ in ("nsubj", "nsubjpass")):
        # "the largest seizure of the year", "drug seizures", "the liberation of international trade":
        # a noun of taking or freeing is territory only when what was taken is a place or a base
        etype = sub = None
    elif sub == "TERRITORY":
        if patient is not None and pcats.get("property", 0) >= 0.8 and lem in ("seize", "capture", "take over") \
                and not _place_like(patient):
            etype, sub, plover, mode = "Strategic developments", LOOTING, "COERCE", "seize"
        elif patient is not None and (pcats.get("weapon", 0) >= 0.8):
            etype, sub, plover, mode = "Strategic developments", DISRUPTED, "COERCE", "confiscate"
        elif patient is not None and (_is_civilian(pcats) and pcats.get("property", 0) < 0.8
                                      and pcats.get("civilian", 0) >= 1.0) and not _place_like(patient) \
                and lem not in ("control", "take control"):
            if _armed_side(acats) == "state":
                etype, sub, plover, mode = "Strategic developments", ARRESTS, "COERCE", "arrest"
            else:
                etype, sub, plover, mode = "Violence against civilians", ABDUCTION, "ASSAULT", "abduct"
        elif patient is not None and _is_combatant(pcats) and pcats.get("base", 0) < 0.6 and not _place_like(patient):
            # "captured three soldiers": combatants taken prisoner in a battle
            etype, sub = "Battles", ARMED_CLASH
        elif patient is not None and any(sent.blocks.get(k, 0) >= 0.8 for k in ("crime",)):
            return None
        elif patient is not None and not _place_like(patient) and not pcats.get("base") and tok.pos_ in ("VERB", "AUX"):
            etype = sub = None
            return _Cand(tok, row, idxs, None, None, plover, mode, agent, patient, instrument, False, False, row.weight)
        else:
            side = _armed_side(acats)
            if side is None:
                # "retook the town from government forces"
                for c in tok.children:
                    if c.dep_ == "prep" and c.lower_ == "from":
                        fs = _armed_side(_cats(_pobj(c), lex, sent))
                        if fs:
                            side = "state" if fs == "nonstate" else "nonstate"
            if side is None:
                # first armed cue of the sentence
                for i in range(sent.start, sent.end):
                    cc = sent.cue_tokens.get(i, {})
                    if doc[i].ent_id_ and _kb_side(doc[i].ent_id_):
                        side = _kb_side(doc[i].ent_id_)
                        break
                    if cc.get("state", 0) >= 0.6 or cc.get("nonstate", 0) >= 0.6:
                        side = "state" if cc.get("state", 0) >= cc.get("nonstate", 0) else "nonstate"
                        break
            if side is None and lem in ("fall", "control", "seize", "take over", "advance"):
                return _Cand(tok, row, idxs, None, None, plover, mode, agent, patient, instrument, False, False,
                             row.weight)
            sub = GOV_REGAINS if side == "state" else NSA_OVERTAKES
            etype = "Battles"
            if lem in ("seize",) and patient is None:
                etype = sub = None
    elif sub == "BASE":
        obj = patient
        ok = obj is not None and _cats(obj, lex, sent).get("base", 0) >= 0.6
        if ok:
            etype, sub = "Strategic developments", BASE
        else:
            # "opened its borders", "opening up the economy": no base, post or camp, so no show of
            # military or police power either (CAMEO 15 needs forces)
            etype = sub = None
            if plover == "MOBILIZE" and row.plover == "MOBILIZE":
                plover = mode = None
    elif sub == DISRUPTED and lem in ("foil", "thwart", "repel", "repulse") and patient is not None and \
            patient.lemma_.lower() in ("attack", "incursion", "assault", "infiltration", "advance", "offensive", "raid", "attempt"):
        # ACLED: a repelled attack or incursion is an armed clash
        etype, sub, plover, mode = "Battles", ARMED_CLASH, "FIGHT", "firearms"
    elif sub == DISRUPTED and lem not in ("defuse", "diffuse", "cache", "foil", "thwart"):
        cats = pcats
        if not (cats.get("weapon", 0) >= 0.5 or (patient is not None and (
                patient.lemma_.lower() in _AIR_WORDS or patient.i in inst_tokens))):
            etype = sub = None
            if lem in ("find", "discover", "recover", "uncover") and agent is None:
                plover = mode = None  # "a body was found": a discovery by no one named is no seizure (CAMEO 1711)
    elif sub == LOOTING and lem in ("destroy", "burn", "damage") and inst_row is not None and inst_row.subtype \
            and inst_row.subtype != "FIREARMS" and inst_row.weight >= 0.6 and pcats.get("weapon", 0) < 0.8 \
            and patient is not None and patient.pos_ != "PRON" and pcats.get("property", 0) >= 0.5:
        # "a bomb dropped from a helicopter destroyed two buildings": the weapon decides
        etype, sub, plover, mode = inst_row.etype, inst_row.subtype, inst_row.plover, inst_row.mode
        inst_specific = True
    elif sub == LOOTING and lem in ("destroy", "damage"):
        if pcats.get("weapon", 0) >= 0.8:
            etype, sub, plover, mode = "Strategic developments", DISRUPTED, "COERCE", "confiscate"
        elif pcats.get("property", 0) >= 0.8:
            pass
        else:
            etype = sub = None
    elif sub == LOOTING and lem in ("burn", "set fire", "set ablaze", "steal", "torch"):
        if lem in ("burn", "steal") and pcats.get("property", 0) < 0.8 and patient is not None:
            etype = sub = None
        elif lem == "burn" and patient is None:
            etype = sub = None
    elif sub == "Agreement" and row.weight < 0.75:
        if not (window.get("state", 0) + window.get("nonstate", 0) >= 0.8 or sent.cues.get("nonstate")):
            etype = sub = None
    elif lem == "patrol" and sub == "Change to group/activity":
        gov = tok.head
        if not (tok.dep_ in ("dobj", "nsubj") and gov.lemma_.lower() in ("conduct", "carry", "take", "hold", "launch",
                                                                          "begin", "start", "run", "resume")):
            etype = sub = None
    elif sub == "Change to group/activity" and row.weight < 0.6:
        if not (sent.cues.get("nonstate", 0) >= 0.8 or sent.cues.get("state", 0) >= 1.5 or (
                tok.pos_ in ("VERB", "AUX") and patient is not None and _is_combatant(pcats))):
            etype = sub = None
    elif sub == "Non-violent transfer of territory" and lem == "evacuate" and patient is not None and (
            _is_civilian(pcats) or pcats.get("civilian", 0) >= 0.3) and not _armed_side(pcats):
        # ACLED codes the evacuation or displacement of civilians as a strategic development ("Other"),
        # never a transfer of territory (that is armed forces evacuating a position)
        sub = "Other"
    elif sub == "Non-violent transfer of territory":
        if not (sent.cues.get("nonstate", 0) + sent.cues.get("state", 0) >= 0.8):
            etype = sub = None
        elif lem in ("enter", "evacuate") and not any(
                lex_row_lem in ("withdraw", "withdrawal", "hand", "handover", "retreat") for lex_row_lem in
                (doc[i].lemma_.lower() for i in range(sent.start, sent.end))) and not _no_resistance(sent):
            violent_here = any(r2.etype == "VIOLENCE" for _, r2, _ in sent.triggers)
            if lem == "enter" and not violent_here and agent is not None and (_armed_side(acats) or agent.lemma_.lower() in (
                    "convoy", "column", "reinforcement", "patrol", "vehicle", "tank")):
                # ACLED "movement of forces"
                etype, sub, plover, mode = "Strategic developments", "Change to group/activity", "MOBILIZE", "troops"
            else:
                etype = sub = None
    elif sub == ARRESTS:
        if sent.blocks.get("crime", 0) >= 0.8 and not sent.cues.get("nonstate"):
            etype = sub = None
        elif agent is not None and _armed_side(acats) == "nonstate" and acats.get("nonstate", 0) >= 1.0:
            # ACLED: detentions by non-state armed groups are abductions, not arrests (combatants taken:
            # an armed clash)
            if patient is not None and _is_combatant(pcats):
                etype, sub, plover, mode = "Battles", ARMED_CLASH, "FIGHT", None
            else:
                etype, sub, plover, mode = "Violence against civilians", ABDUCTION, "ASSAULT", "abduct"
    elif sub == "Other":
        pass
    elif lem in ("block", "cut off") and sub == PEACEFUL:
        if patient is None or patient.lemma_.lower() not in _ROADS:
            etype = sub = None
    if row.phrase == ("engage",) and not (any(
            c.dep_ == "prep" and c.lower_ == "in" and _pobj(c) is not None and _pobj(c).lemma_.lower() in (
                "fight", "fighting", "clash", "battle", "combat", "gunfight", "firefight", "exchange", "shootout")
            for c in tok.children) or (patient is not None and _armed_side(pcats))):
        etype = sub = None
    if row.phrase == ("exchange",) and patient is not None and patient.lemma_.lower() in (
            "prisoner", "detainee", "captive", "hostage", "body", "bodies", "prisoners"):
        etype, sub, plover, mode = "Strategic developments", "Agreement", "AGREE", None
    elif row.phrase == ("exchange",) and row.subtype == ARMED_CLASH and not (sent.instruments or sent.cues.get("weapon") or any(
            c.lemma_.lower() in ("fire", "gunfire", "shot", "shelling", "blow", "artillery") for c in tok.children)):
        etype = sub = None
    if etype is not None and sub is None:
        etype = None
    if etype == "VIOLENCE":
        etype = None
    return _Cand(tok, row, idxs, etype, sub, plover, mode, agent, patient, instrument, inst_specific,
                 generic, row.weight)


# trigger words of harm to people: a raid with any of them in its sentence is violent
_HARM_WORDS = frozenset({"kill", "wound", "injure", "die", "death", "killing", "shoot", "fire", "beat", "clash",
                         "torture", "assault", "attack", "fight", "open", "hurt", "murder", "execute", "massacre"})


_GANG_LINK = {"charge", "involve", "link", "convict", "record", "member", "accuse", "tie", "connection", "know",
              "suspect", "sentence", "arrest", "investigate", "history", "passage", "operation", "raid"}


def _gang_victim(doc, sents, agent) -> bool:
    """A gang cue that describes the victim ("had charges against him for drug trafficking", "a drug
    trafficker was found dead"), not the perpetrators ("killed by gang members") or a motive."""
    skip = {t.i for t in agent.subtree} if agent is not None else set()
    for s in sents:
        for i, cats in s.cue_tokens.items():
            if "gang" not in cats or i in skip:
                continue
            t = doc[i]
            if t.lemma_.lower() in ("trafficker", "dealer", "gangster", "member"):
                if t.dep_ in ("nsubjpass", "nsubj", "dobj", "appos") or t.head.lemma_.lower() in ("victim", "be"):
                    return True
                continue
            h = t
            for _ in range(5):
                if h.head.i == h.i:
                    break
                h = h.head
                if h.lemma_.lower() in _GANG_LINK or (h.lemma_.lower() == "have" and any(
                        c.dep_ == "dobj" and c.lemma_.lower() in _GANG_LINK for c in h.children)):
                    return True
    return False


_ATTEMPT = {"attempt", "try", "bid", "effort", "seek", "aim", "struggle", "fail"}


def _attempted(tok) -> bool:
    """The trigger is what someone tried to do: "attempted to advance and control", "in a bid to seize"."""
    t = tok
    for _ in range(3):
        if t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
            continue
        break
    if t.dep_ in ("xcomp", "acl", "advcl") and t.head.lemma_.lower() in _ATTEMPT:
        return True
    return False


_KILL_LEMMAS = {"kill", "shoot", "open fire", "shoot dead", "die", "killing", "wound", "injure", "fire"}


def _window_cues(sents: list[_Sent], k: int) -> dict:
    w: dict = {}
    for j in range(max(0, k - 1), min(len(sents), k + 2)):
        for cat, v in sents[j].cues.items():
            w[cat] = w.get(cat, 0.0) + v
    return w


_BACKGROUND_PREPS = {"amid", "despite", "after", "following", "since", "over", "for", "before", "ahead",
                     "against", "about", "regarding", "concerning"}
_BACKGROUND_MWE = {("in", "response"), ("in", "retaliation"), ("in", "anticipation"), ("in", "protest"),
                   ("in", "connection"), ("in", "wake")}


def _background(tok, acled_heads: set, other_heads: set = frozenset()) -> bool:
    """An event noun that only gives the background of another, non-ACLED predicate:
    "expelled diplomats after the nerve agent attack", "arrested for organising a protest",
    "amid ongoing fighting"."""
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("pcomp",):
        return False
    cur = tok
    for _ in range(4):
        h = cur.head
        if h.i == cur.i:
            return False
        if cur.dep_ in ("pobj", "pcomp") and h.dep_ == "prep" or cur.dep_ in ("pobj", "pcomp") and h.pos_ == "ADP":
            low = h.lower_
            gov = h.head
            if low in ("amid", "despite", "since", "ahead"):
                return True
            if (h.head.head.lower_, h.head.lower_) in _BACKGROUND_MWE and h.head.lower_ != "connection":
                return True  # "in response to the attack", "in retaliation for the shelling"
            if (low in _BACKGROUND_PREPS or (h.head.head.lower_, h.head.lower_) in _BACKGROUND_MWE
                    or (h.head.lower_ == "of" and (h.head.head.head.lower_, h.head.head.lower_) in _BACKGROUND_MWE)
                    or ("in", h.head.lower_) in _BACKGROUND_MWE):
                # governed by a non-ACLED predicate
                g = gov
                while g.dep_ in ("pobj", "prep", "pcomp") and g.head.i != g.i:
                    g = g.head
                if g.i not in acled_heads and (g.i in other_heads or low in ("for", "against", "about", "regarding", "concerning", "over")):
                    return True
                return False
            cur = gov
            continue
        if cur.dep_ in ("conj", "compound", "amod", "xcomp", "dobj") and h.pos_ in ("NOUN", "VERB", "PROPN"):
            cur = h
            continue
        return False
    return False


# words of fighting that take a phenomenon as their object in campaigns ("the fight against terrorism")
_CAMPAIGN = {"fight", "struggle", "battle", "war", "combat", "campaign"}
# group nouns with the endings of abstract nouns
_GROUP_ABSTRACT = {"coalition", "opposition", "administration", "federation", "organization", "organisation",
                   "association", "delegation", "formation", "division", "faction", "population", "nation",
                   "station", "position", "authority", "community", "militia", "king", "wing", "ruling",
                   "building", "gathering", "mission", "garrison", "legion", "union", "insurrection"}


def _named_or_counted(tok) -> bool:
    """Victims named (a person's name) or counted ("two young citizens")."""
    if tok is None:
        return False
    return tok.ent_type_ == "PERSON" or any(c.dep_ == "nummod" for c in tok.children) or any(
        t.ent_type_ == "PERSON" for t in tok.subtree if t.i <= tok.i + 6)


def _habitual_passive(tok, patient) -> bool:
    """A verb in the present passive ("are killed", "is kidnapped") whose subject is a bare plural or
    mass noun (no article, number or possessive: "people", "civilians") and no date in the sentence:
    a general statement about what happens, not a report of an incident."""
    if tok.pos_ != "VERB" or tok.tag_ != "VBN" or patient is None or patient.tag_ != "NNS" or patient.dep_ != "nsubjpass":
        return False
    if not any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in tok.children):
        return False
    if any(c.dep_ in ("det", "nummod", "poss", "quantmod") or c.like_num for c in patient.children):
        return False
    return not any(t.ent_type_ in ("DATE", "TIME", "CARDINAL") for t in tok.sent)


def _abstract(tok, lex, sent) -> bool:
    """Is ``tok`` a phenomenon ("drug trafficking", "terrorism", "impunity", "repression") rather than
    a person, a group or a place? Decided from the noun's derivation (-ism, -ity, -ness, -ing, -sion,
    -tion) when no entity, actor cue or knowledge-base name says otherwise."""
    if tok is None or tok.pos_ != "NOUN" or tok.ent_type_ or tok.ent_id_:
        return False
    low = tok.lemma_.lower()
    if low in _GROUP_ABSTRACT or any(w >= 0.5 for cat, w in _cats(tok, lex, sent).items()
                                     if cat in ("state", "nonstate", "civilian", "combatant", "base", "property")):
        return False
    return low.endswith(("ism", "ity", "ness", "sion", "tion")) or (low.endswith("ing") and len(low) >= 7)


_STANDALONE_VERBS = {"fall", "land", "hit", "fire", "observe", "report", "launch", "strike", "explode", "rain",
                     "target", "use", "drop", "pound", "involve", "record", "hear", "kill", "injure", "wound"}


def _standalone_ok(t) -> bool:
    """A weapon word that reports its own use: "rockets fell", "artillery fire was reported",
    "projectiles involving unknown weapons" (its clause verb or its own head says it was used)."""
    if t.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT", "pobj", "conj", "appos"):
        h = t
        for _ in range(3):
            if h.head.i == h.i:
                break
            h = h.head
            if h.lemma_.lower() in _STANDALONE_VERBS:
                return True
            if h.pos_ in ("VERB", "AUX") and h.dep_ in ("ccomp", "xcomp", "ROOT", "conj", "advcl", "relcl"):
                break  # "reported that they sent a plane": the verb of the weapon's own clause decides
    return any(c.lemma_.lower() in ("fire", "attack", "barrage", "strike") for c in t.head.children) or \
        t.head.lemma_.lower() in ("fire", "attack", "barrage")




def find_triggers(doc) -> list[Trigger]:
    """Event triggers of a parsed document, in text order."""
    lex = lexicon()
    text = doc_text(doc)
    sents = [_scan(doc, s, lex) for s in doc.sents]
    out: list[Trigger] = []
    protest_ctx = [protest_context(s, s.triggers) for s in sents]
    all_cands = []
    n = len(sents)
    for k, s in enumerate(sents):
        window = _window_cues(sents, k)
        neighbours = [sents[j] for j in (k + 1, k - 1) if 0 <= j < n]
        cands: list[_Cand] = []
        for head, row, idxs in s.triggers:
            c = _resolve(doc, doc[head], row, idxs, s, lex, window, neighbours)
            if c is None:
                continue
            c.modality = modality_of(doc[head]) if row.phrase != ("must",) else PLANNED  # "must": a demand made
            cands.append(c)
        # a standalone instrument ("the use of chemical weapons", "chlorine bombs against civilians")
        if not any(c.etype for c in cands) and not any(v >= 0.6 for v in s.blocks.values()):
            for head, row, idxs in s.instruments:
                if row.subtype is None or row.weight < 0.65:
                    continue
                t = doc[head]
                if t.dep_ in ("compound", "amod") and t.head.i in {c.tok.i for c in cands}:
                    continue
                if row.weight < 0.85 and not _standalone_ok(t):
                    continue
                agent, patient, extra = _arguments(t)
                et, st = row.etype, row.subtype
                if st == "FIREARMS":
                    if t.lemma_.lower() not in ("burst", "shot", "gunfire", "fire"):
                        continue
                    et, st = "Battles", ARMED_CLASH
                c = _Cand(t, row, idxs, et, st, row.plover, row.mode, None, patient,
                          " ".join(row.phrase), True, False, row.weight * 0.8)
                c.modality = modality_of(t)
                cands.append(c)
        speech_acts(cands)
        support_verb_only(cands)
        cands = [c for c in cands if c.etype or c.plover]  # a demanded act or a bare support verb is no event
        all_cands.append(cands)
    # background mentions and bare outcome words ("died", "injured") need a violent context
    for k, s in enumerate(sents):
        cands = all_cands[k]
        heads = {c.tok.i for c in cands if c.etype}
        others = {c.tok.i for c in cands if not c.etype and c.plover}
        for c in cands:
            if c.etype and _background(c.tok, heads - {c.tok.i}, others):
                c.etype = c.sub = None
                c.generic = False
                c.weight *= 0.5
            elif c.etype and c.row.etype == "Protests" and _offence(c.tok):
                c.etype = c.sub = None  # "arrested for ... gathering in groups": the offence charged
            elif c.etype and c.row.etype == "Protests" and heads - {c.tok.i} and protest_antecedent(c.tok):
                # "set ablaze the house ..., following anti-government demonstrations": the protest is
                # the setting of the event the sentence reports, not a second event
                c.etype = c.sub = None
                c.weight *= 0.5
            elif c.etype and _in_earlier_clause(c.tok, cands):
                c.weight *= 0.3  # "A day after police arrested protesters, ... were abducted": the earlier event is context
    for k, s in enumerate(sents):
        win = range(max(0, k - 1), min(n, k + 2))
        context = any(
            (c2.etype and c2.row.phrase[0] not in _OUTCOME) for j in win for c2 in all_cands[j]) or any(
            sents[j].cues.get("nonstate", 0) >= 0.8 or sents[j].cues.get("state", 0) >= 0.8
            or sents[j].cues.get("violent", 0) >= 1 for j in win) or any(sents[j].instruments for j in win)
        for c in all_cands[k]:
            if c.row.phrase[0] in ("body", "remains") and c.tok.head.lemma_.lower() in (
                    "find", "discover", "recover", "dump", "wash", "locate", "exhume"):
                continue  # "the body of a man was found": ACLED codes the killing
            if c.etype and c.row.phrase[0] in _OUTCOME and not c.inst_specific and not context:
                c.etype = c.sub = None
    for k, s in enumerate(sents):
        cands = all_cands[k]
        window = _window_cues(sents, k)
        flags = None
        if any(protest_ctx[max(0, k - 1):k + 2]):
            win = [(sents[j], all_cands[j]) for j in range(max(0, k - 1), min(n, k + 2))]
            flags = _protest_flags(cands, win, lex)
            if k + 2 < n and protest_ctx[k] and not protest_ctx[k + 2] and "\n" not in doc[sents[k].start:sents[k + 2].end].text:
                # a report's closing line on how it ended ("Police fired tear gas to disperse the
                # crowd.") belongs to the protest reported two sentences before (ACLED: Protest
                # with intervention when forces intervene in the same event)
                late = _protest_flags(all_cands[k + 2], [(sents[k + 2], all_cands[k + 2])], lex)
                flags["intervention"] += late["intervention"]
                flags["excessive"] = flags["excessive"] or late["excessive"]
                flags["violent"] += late["violent"]  # "... They beat up the deputy principal."
        chem = any(r.subtype == "Chemical weapon" and r.weight >= 0.9 and modality_of(doc[h]) not in (DENIED, NEGATED, HYPOTHETICAL)
                   and not _alleged_of_participant(doc[h])
                   for j in range(max(0, k - 1), min(n, k + 2)) for h, r, _ in sents[j].instruments)
        _frame(cands, s, window, protest_ctx[max(0, k - 1):k + 2], lex, flags, chem, doc_protest=any(protest_ctx))
        blocks: dict = {}
        for j in range(max(0, k - 1), min(n, k + 2)):
            for cat, v in sents[j].blocks.items():
                v = v if j == k else v * 0.9
                blocks[cat] = max(blocks.get(cat, 0.0), v)
        _block(cands, s, window, blocks)
        for c in cands:
            out.append(_make(doc, c, s, text))
    out.sort(key=lambda t: t.start)
    return out


_TERRITORY = (GOV_REGAINS, NSA_OVERTAKES)
_VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
EXPLOSION_ANY = "__explosion__"


def _no_resistance(s: _Sent) -> bool:
    """ "without (any) resistance", "without a fight", "did not encounter any resistance" """
    for i in range(s.start, s.end):
        t = s.doc[i]
        if t.lemma_.lower() in ("resistance", "fight", "fighting", "opposition", "clash", "battle", "confrontation",
                                "bloodshed") and t.pos_ == "NOUN":
            if t.head.lower_ == "without" or any(c.lower_ == "no" for c in t.children):
                return True
            h = t  # "without involving in any armed clashes"
            for _ in range(3):
                if h.head.i == h.i:
                    break
                h = h.head
                if h.lower_ == "without" and h.i < t.i:
                    return True
            if t.dep_ == "dobj" and any(c.dep_ == "neg" for c in t.head.children):
                return True
    return False


def _earlier_clause(tok) -> bool:
    """A clause introduced by "after" / "before" / "since" (an event given as the time of another)."""
    if tok.dep_ != "advcl":
        return False
    # "A day after", "hours after": a separate, earlier event (a bare "after" is often the cause:
    # "six were killed after forces opened fire")
    return any(c.dep_ in ("mark", "advmod", "prep") and c.lower_ in ("after", "since", "following") for c in tok.children) \
        and any(c.dep_ == "npadvmod" and c.lemma_.lower() in ("day", "hour", "week", "month", "year", "night", "minute")
                for c in tok.children)


def _in_earlier_clause(tok, cands) -> bool:
    t = tok
    for _ in range(6):
        if _earlier_clause(t):
            inside = {x.i for x in t.subtree}
            return any(c2.etype and c2.tok.i not in inside for c2 in cands)
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i and d < 20:
        tok = tok.head
        d += 1
    return d


def _frame(cands: list[_Cand], s: _Sent, window: dict, protest_ctx, lex, flags=None, chem=False, doc_protest=False):
    """Sentence frame: protest escalation and specific triggers deciding the generic ones."""
    in_protest = any(protest_ctx) and flags is not None
    if in_protest:
        psub = _protest_sub_from(flags)
        for c in cands:
            if c.etype is None and not c.generic:
                continue
            pc = _cats(c.patient, lex, s)
            ac = _cats(c.agent, lex, s)
            take = False
            if c.row.etype == "Protests":
                take = True
            elif c.sub == ARRESTS and (pc.get("protest") or any(x.row.etype == "Protests" and not _organised(x.tok)
                                                                  for x in cands)):
                take = True
            elif c.generic and c.sub in (ATTACK, ARMED_CLASH) and not pc.get("nonstate") and not ac.get("nonstate") \
                    and (pc.get("protest") or ac.get("protest") or window.get("protest", 0) >= 1):
                take = True
            elif c.sub == LOOTING and window.get("protest", 0) >= 1:
                take = True
            elif c.sub == ARMED_CLASH and c.row.etype == "Battles" and not s.cues.get("nonstate"):
                take = True
            elif c.sub == MOB and c.row.phrase[0] in ("pelt",):
                take = True
            if take:
                sub = psub
                if sub == PEACEFUL and c.row.etype != "Protests":
                    sub = VIOLENT_DEMO if (ac.get("protest") or c.row.etype == "Battles" or c.sub == LOOTING) else INTERVENTION
                c.sub, c.etype = sub, SUBTYPE_TO_TYPE[sub]
                c.plover = "ASSAULT" if sub == MOB else "PROTEST" if c.etype in ("Protests", "Riots") else c.plover
    # clashes / violence between unarmed groups (villagers, workers, communities): mob violence
    for c in cands:
        if c.etype == "Battles" and c.sub == ARMED_CLASH and c.row.etype == "Battles" and not in_protest:
            armed = s.cues.get("nonstate", 0) >= 0.6 or s.cues.get("state", 0) >= 0.6
            parts = [x for x in (c.agent, c.patient) if x is not None]
            holders = [c.tok]
            if c.tok.dep_ in ("nsubj", "nsubjpass") and c.tok.head.lemma_.lower() in (
                    "erupt", "break", "take", "occur", "happen", "flare", "ensue", "continue", "start", "resume"):
                holders.append(c.tok.head)  # "clashes erupted between Palestinians and Israeli forces"
            for h2 in holders:
                for c2 in h2.children:
                    if c2.dep_ == "prep" and c2.lower_ in ("with", "between", "among"):
                        p2 = _pobj(c2)
                        if p2 is not None:
                            parts.append(p2)
            pcs = [_cats(x, lex, s) for x in parts]
            ents = any(x.ent_type_ in ("ORG", "NORP", "GPE") for x in parts)
            for x in list(parts):
                parts.extend(g for g in x.children if g.dep_ == "conj")
            pcs = [_cats(x, lex, s) for x in parts]
            # (communities, clans, tribes, pastoralists, ethnic groups fighting are identity militias:
            # an armed clash, riots.identity_group)
            civ_side = any(((_is_civilian(pc) or (pc.get("civilian", 0) >= 0.3 and not _armed_side(pc)))
                            and not identity_group(x))
                           or (x.ent_type_ == "NORP" and x.tag_ in ("NNPS", "NNS")) for x, pc in zip(parts, pcs))
            nonstate_side = any(pc.get("nonstate", 0) >= 0.6 for pc in pcs) or s.cues.get("nonstate", 0) >= 0.8
            if civ_side and not nonstate_side and parts:
                c.etype, c.sub, c.plover = "Riots", MOB, "ASSAULT"
            elif not armed and not ents and parts and any((_is_civilian(pc) or pc.get("civilian", 0) >= 0.3)
                                                          and not identity_group(x) for x, pc in zip(parts, pcs)):
                c.etype, c.sub, c.plover = "Riots", MOB, "ASSAULT"
        elif c.generic and c.etype and not in_protest and not c.inst_specific and c.agent is not None and (
                c.agent.tag_ == "NNS" or c.agent.lemma_.lower() in ("group", "crowd", "mob", "gang")) and \
                _cats(c.agent, lex, s).get("civilian", 0) >= 0.3 and not _armed_side(_cats(c.agent, lex, s)) and \
                not any(w.lower_ in UNKNOWN_WORDS for w in c.agent.subtree) and \
                c.row.phrase[0] in ("beat", "attack", "assault", "kill", "lynch", "stab", "burn", "torch", "storm"):
            # (an unknown or armed group is ACLED's Unidentified Armed Group, never a crowd)
            c.etype, c.sub, c.plover = "Riots", MOB, "ASSAULT"
        elif c.generic and c.etype and not in_protest and s.cues.get("violent", 0) >= 1 and not c.inst_specific:
            ac = _cats(c.agent, lex, s)
            if _is_civilian(ac) or ac.get("civilian", 0) >= 0.5 and not ac.get("nonstate"):
                c.etype, c.sub, c.plover = "Riots", MOB, "ASSAULT"
    # ACLED: violence or destruction by a crowd (no organised armed structure) is Mob violence
    apply_crowd_rule(cands, s, lex, in_protest)
    # ACLED: crude devices (petrol bombs, cocktails) thrown by a crowd or unnamed people are a riot
    apply_crude_devices(cands, s, lex, in_protest)
    # ACLED: the dead of a clash are the clash's ("ten killed in ethnic clashes")
    apply_clash_outcomes(cands, in_protest or doc_protest or window.get("protest", 0) >= 1)
    if chem:
        # ACLED: chemical weapons take precedence over the means that delivered them
        for c in cands:
            if c.etype == "Explosions/Remote violence" or (c.generic and c.etype):
                c.etype, c.sub, c.plover, c.mode = "Explosions/Remote violence", "Chemical weapon", "ASSAULT", "unconventional"
    transfer = [c for c in cands if c.sub == "Non-violent transfer of territory" and c.etype]
    clash0 = [c for c in cands if c.sub == ARMED_CLASH and c.row.etype == "Battles" and c.etype == "Battles"]
    if (transfer or (any(c.sub in _TERRITORY for c in cands) and _no_resistance(s))) and not clash0:
        for c in cands:
            if c.sub in _TERRITORY:
                c.sub, c.etype, c.plover = "Non-violent transfer of territory", "Strategic developments", "RETREAT"
    clash = [c for c in cands if c.sub == ARMED_CLASH and c.row.etype == "Battles" and c.etype == "Battles"
             and c.modality not in (NEGATED, HYPOTHETICAL, PLANNED)]
    clash_ctx = clash or [c for c in cands if c.row.subtype == ARMED_CLASH and c.row.etype == "Battles"
                          and c.modality not in (NEGATED, HYPOTHETICAL, PLANNED)]
    if clash_ctx or window.get("reciprocal", 0) >= 0.8:
        # ACLED: shelling that accompanies clashes is part of the armed clash
        for c in cands:
            if c.sub in ("Shelling/artillery/missile attack", "Air/drone strike"):
                c.etype, c.sub, c.plover = "Battles", ARMED_CLASH, "FIGHT"
    # ACLED: people abducted and killed are coded as an attack
    if any(c.sub == ABDUCTION and c.etype and c.modality not in (NEGATED, HYPOTHETICAL, PLANNED) for c in cands) and any(
            c.generic and c.etype and c.row.phrase[0] in ("kill", "murder", "execute", "behead", "slay")
            and c.modality not in (NEGATED, HYPOTHETICAL, PLANNED) and (c.sub in (ATTACK, ABDUCTION) or (
                c.patient is None and not c.inst_specific)) for c in cands):
        for c in cands:
            if c.sub == ABDUCTION or (c.generic and not c.inst_specific and (c.sub == ATTACK or c.patient is None)):
                c.etype, c.sub, c.plover, c.mode = "Violence against civilians", ATTACK, "ASSAULT", None
    specific = [c for c in cands if c.etype and not c.generic and c.modality not in (NEGATED, HYPOTHETICAL, PLANNED)]
    # specific triggers decide the generic ones (same sentence)
    if specific:
        terr = [c for c in specific if c.sub in _TERRITORY]
        best = max(specific, key=lambda c: (c.sub in _TERRITORY and bool(terr), -_depth(c.tok), c.weight))
        for c in cands:
            if c is best or c.etype is None and not c.generic:
                continue
            if terr and c.sub == ARMED_CLASH:
                c.etype, c.sub = "Battles", terr[0].sub
            elif c.generic and not c.inst_specific and best.etype in (
                    "Violence against civilians", "Battles", "Explosions/Remote violence", "Riots", "Protests") \
                    and best.sub not in (ARMED_CLASH,) or (c.generic and not c.inst_specific and best.sub == ARMED_CLASH
                                                           and c.sub == ATTACK and not _is_civilian(_cats(c.patient, lex, s))):
                c.etype, c.sub = best.etype, best.sub
                c.plover = best.plover or c.plover
                c.mode = best.mode or c.mode
                c.instrument = c.instrument or best.instrument
    # "the bombing killed two people", "clashes left five dead": an event noun as the cause decides
    by_tok = {c.tok.i: c for c in cands}
    for c in cands:
        if c.generic and c.agent is not None and c.agent.i in by_tok and by_tok[c.agent.i] is not c:
            src = by_tok[c.agent.i]
            if src.etype:
                c.etype, c.sub, c.plover, c.mode = src.etype, src.sub, src.plover, src.mode
                c.agent = None
    # "arrested and beat / detained and tortured": ACLED codes the violence (Attack)
    if any(c.sub == ARRESTS for c in cands) and any(
            c.etype == "Violence against civilians" and c.row.phrase[0] in ("beat", "torture", "assault", "shoot", "stab")
            for c in cands):
        for c in cands:
            if c.sub == ARRESTS:
                c.etype, c.sub, c.plover = "Violence against civilians", ATTACK, "ASSAULT"
    # violence by vigilantes / a mob (the agent) is mob violence
    for c in cands:
        if c.etype and c.agent is not None and _cats(c.agent, lex, s).get("mob") and (
                c.generic or c.sub in (ARMED_CLASH, LOOTING, ABDUCTION, DISRUPTED, ATTACK)):
            c.etype, c.sub, c.plover = "Riots", MOB, "ASSAULT"
    # "detonated explosives, killing themselves": the attackers died by design, a suicide bombing
    if any(c.row.phrase[0] in ("kill", "blow") and c.patient is not None and c.patient.lower_ in (
            "themselves", "himself", "herself") for c in cands):
        for c in cands:
            if c.etype == "Explosions/Remote violence" and c.sub in (REMOTE, "Grenade"):
                c.sub, c.plover, c.mode = "Suicide bomb", "ASSAULT", "suicide-attack"
    # ACLED: sexual violence is coded as such, whatever other violence came with it
    sexual = [c for c in cands if c.sub == "Sexual violence" and c.etype and c.modality not in (NEGATED, HYPOTHETICAL, PLANNED)]
    if sexual:
        for c in cands:
            if c.etype and (c.generic or c.sub in (ATTACK, INTERVENTION, EXCESSIVE)) and not c.inst_specific:
                c.etype, c.sub, c.plover, c.mode = "Violence against civilians", "Sexual violence", "ASSAULT", "sexual"
    # mob violence: a mob / lynching frames the violence of the sentence
    mob = [c for c in cands if c.sub == MOB and c.modality not in (NEGATED, HYPOTHETICAL, PLANNED)]
    if mob:
        for c in cands:
            if (c.generic or c.sub == ABDUCTION) and c.etype in ("Violence against civilians", "Battles"):
                c.etype, c.sub = "Riots", MOB


def _block(cands: list[_Cand], s: _Sent, window: dict, blocks: dict):
    """Frames outside ACLED's scope: disasters, accidents, ordinary crime, epidemics, sport."""
    if not blocks:
        return
    strong = {k: v for k, v in blocks.items() if v >= 0.6}
    if not strong:
        return
    political = s.cues.get("nonstate", 0) >= 1.0 or s.cues.get("protest", 0) >= 1.0
    for c in cands:
        if c.etype is None:
            continue
        if c.inst_specific and c.sub in ("Suicide bomb", "Air/drone strike", "Grenade", "Chemical weapon") and \
                "accident" not in strong and "disaster" not in strong:
            continue
        if "pandemic" in strong and not ("disaster" in strong or "accident" in strong or "crime" in strong):
            if c.etype in ("Protests", "Riots", "Strategic developments", "Battles") or not (c.generic or c.sub == EXPLOSION_ANY):
                continue
        if "disaster" in strong or "pandemic" in strong and not political:
            if c.generic or c.etype in ("Explosions/Remote violence",) or c.sub in (ARMED_CLASH, LOOTING) or not political:
                c.etype = c.sub = None
        elif "accident" in strong and not political:
            if c.generic or c.etype in ("Explosions/Remote violence", "Battles", "Riots") or c.sub in (LOOTING,):
                c.etype = c.sub = None
        elif "crime" in strong and not political:
            if (c.generic or c.sub == ATTACK) and c.row.phrase[0] in ("kill", "shoot", "murder", "behead", "find", "body", "shoot dead",
                                                 "open", "remains") and not s.blocks.get("accident"):
                continue  # killings are coded whatever the victim's record
            if c.sub in (ARRESTS, DISRUPTED, LOOTING, ATTACK, ABDUCTION) or c.generic:
                c.etype = c.sub = None
        elif "sport" in strong and not political:
            c.etype = c.sub = None


def _make(doc, c: _Cand, s: _Sent, text: str) -> Trigger:
    idxs = c.idxs
    start = doc[min(idxs)].idx
    last = doc[max(idxs)]
    end = last.idx + len(last)
    etype, sub = c.etype, c.sub
    plover, mode = c.plover, c.mode
    if sub is not None and etype is not None:
        mode = mode or _PLOVER_DEFAULT_MODE.get(sub)
        if c.generic and c.inst_specific:
            mode = _PLOVER_DEFAULT_MODE.get(sub, mode)
        plover = plover or _PLOVER_DEFAULT_EVENT.get(etype)
        if sub == ARMED_CLASH and plover == "ASSAULT":
            plover = "FIGHT"
    modality = c.modality
    ihead = infinitive_head(c.tok)
    if ihead is not None and ihead.lemma_.lower() in _OFFER_HEADS | _THREAT_HEADS | {"commit", "intend", "plan"}:
        modality = PLANNED  # "is willing to withdraw", "vowed to fight": an intent, not a deed (yet)
    if plover in ("DEMAND", "THREATEN") and modality == ASSERTED:
        modality = PLANNED
    if modality in (NEGATED, HYPOTHETICAL, PLANNED) and etype is not None:
        etype = sub = None
    if sub == LOOTING:
        plover = "COERCE"  # PLOVER: seizing or destroying property is coercion
    if plover == "MOBILIZE" and c.agent is not None and any(
            t.lemma_.lower() in ("peacekeeping", "peacekeeper") for t in c.agent.subtree):
        plover, mode = "AID", "peacekeeping"  # peacekeepers deployed: provide peacekeeping (CAMEO 074)
    if plover in ("FIGHT", "ASSAULT") and sub in (ARMED_CLASH, ATTACK, None):
        plover, mode = plover_violence(c.tok, c.patient, c.instrument, plover, mode)
    if ihead is not None and ihead.lemma_.lower() in _DECISION_HEADS and etype is None and c.row.etype is None \
            and modality == PLANNED:
        modality = ASSERTED  # "the court decided to allow ...": the decision is the act (CAMEO codes the act decided)
    if etype is None and plover:
        plover, modality = _intent(plover, modality, c.tok, c.row.etype is None)
    sent_start = doc[s.start].idx
    sent_end = doc[s.end - 1].idx + len(doc[s.end - 1])
    score = c.weight + (0.15 if c.inst_specific else 0.0) + (0.1 if c.tok.dep_ == "ROOT" else 0.0)
    if modality not in (ASSERTED,):
        score -= 0.1
    return Trigger(
        start=start, end=end, text=text[start:end], lemma=" ".join(c.row.phrase), token_i=c.tok.i,
        sent_start=sent_start, sent_end=sent_end, event_type=etype, sub_event_type=sub,
        plover_event=plover, plover_mode=mode, modality=modality,
        agent=_np_span(c.agent) if c.agent is not None else None,
        patient=_np_span(c.patient) if c.patient is not None else None,
        instrument=c.instrument if (etype in _VIOLENT_TYPES or (etype is None and c.inst_specific)) else None,
        negated=modality == NEGATED, score=round(score, 3), lexical_plover=c.row.etype is None,
    )


SENT_DECAY = 1.0
_ATTRIBUTION = {"responsibility", "credit", "accuse", "blame", "allegation", "responsible", "involvement",
                "deny", "accusation", "culprit"}


def attribution_filter(doc, trigs: list) -> list:
    """Drop triggers that only appear in who-is-responsible statements (claims, accusations, denials)."""
    attrib_sents = set()
    for sent in doc.sents:
        if any(t.lemma_.lower() in _ATTRIBUTION for t in sent):
            attrib_sents.add(sent.start_char)
    main_attrib = set()
    for sent in doc.sents:
        root = sent.root
        if root.lemma_.lower() in _ATTRIBUTION or any(
                c.lemma_.lower() in _ATTRIBUTION and c.dep_ in ("dobj", "acomp", "attr", "ccomp", "xcomp")
                for c in root.children) or (root.lemma_.lower() in ("say", "describe") and any(
                c.dep_ in ("ccomp", "dobj") and (c.lemma_.lower() in _ATTRIBUTION or any(
                    g.lemma_.lower() in _ATTRIBUTION and g.dep_ in ("acomp", "dobj", "attr") for g in c.children))
                for c in root.children)):
            main_attrib.add(sent.start_char)
    return [t for t in trigs if not (t.modality in ("claimed", "alleged", "denied") and t.sent_start in attrib_sents)
            and t.sent_start not in main_attrib]


def vote(doc, trigs: list) -> Optional[Trigger]:
    """The most salient trigger: sub-types vote with trigger score, modality, sentence rank and depth."""
    if not trigs:
        return None
    sent_rank = {}
    for t in trigs:
        sent_rank.setdefault(t.sent_start, len(sent_rank))
    votes: dict[str, float] = {}
    for t in trigs:
        w = t.score * (1.0 if t.modality in ("asserted", "claimed", "alleged") else 0.5)
        w *= 1.0 / (1.0 + SENT_DECAY * sent_rank[t.sent_start])
        w *= 1.0 / (1.0 + 0.12 * max(0, _depth(doc[t.token_i]) - 1))
        votes[t.sub_event_type] = votes.get(t.sub_event_type, 0.0) + w
    best_sub = max(votes, key=lambda k: votes[k])
    cands = [t for t in trigs if t.sub_event_type == best_sub]
    return max(cands, key=lambda t: t.score)


def classify_text(doc, trigs: Optional[list] = None) -> Optional[Trigger]:
    """The main ACLED event of a short text (the most salient ACLED-typed trigger), or None."""
    trigs = [t for t in (find_triggers(doc) if trigs is None else trigs) if t.event_type]
    return vote(doc, attribution_filter(doc, trigs))
