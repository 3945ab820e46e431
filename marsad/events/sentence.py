"""One sentence's lexicon matches (triggers, instruments, cues, blockers) and what the cue words
say about an argument phrase: civilian, state or non-state armed actor, protest, property,
weapon (``_cats``), with named actors' sides taken from the knowledge base (ACLED inter codes)."""
from __future__ import annotations

from typing import Optional

from .lexicon import _Lexicon, _SKIP, _head_of, _match_at, _pos_ok
from .arguments import _pobj


# ---------------------------------------------------------------- sentence analysis

# nouns that name a group of people: a trigger word compounded with one names the group ("death squad")
_GROUP_NOUNS = frozenset("""squad squads team teams unit units group groups cell cells brigade brigades
battalion battalions commando commandos force forces""".split())

# manner adverbs that make an attack one of words
_IN_WORDS = frozenset({"verbally", "rhetorically", "orally"})


class _Sent:
    __slots__ = ("doc", "start", "end", "triggers", "instruments", "blocks", "cues", "cue_tokens")

    def __init__(self, doc, start, end):
        self.doc = doc
        self.start, self.end = start, end
        self.triggers = []  # (tok_i, row, idxs)
        self.instruments = []  # (tok_i, row)
        self.blocks = {}  # category -> strength
        self.cues = {}  # category -> total weight
        self.cue_tokens = {}  # tok_i -> {category: weight}


def _scan(doc, sent, lex: _Lexicon) -> _Sent:
    s = _Sent(doc, sent.start, sent.end)
    covered: dict[int, int] = {}
    for i in range(sent.start, sent.end):
        tok = doc[i]
        if tok.is_punct or tok.is_space:
            continue
        for row, idxs in _match_at(doc, i, sent.end, lex):
            head = _head_of(doc, idxs)
            if len(idxs) > 1 and row.pos == "V" and doc[idxs[0]].pos_ in ("VERB", "AUX"):
                head = idxs[0]  # "opened fire" even when the parser hangs "opened" under "fire"
            if row.role == "cue":
                if len(idxs) == 1 or True:
                    cat = row.etype
                    s.cues[cat] = s.cues.get(cat, 0.0) + row.weight
                    s.cue_tokens.setdefault(head, {})[cat] = row.weight
                continue
            if not _pos_ok(row.pos, doc[head]) and not (len(idxs) > 1 and row.role in ("block", "instrument")) \
                    and not (len(idxs) > 1 and row.pos == "N" and (
                    doc[head].pos_ not in ("VERB", "AUX") or any(doc[j].text in _SKIP for j in range(idxs[0], idxs[-1])))):
                continue
            if row.role == "trigger" and doc[head].ent_type_ in ("DATE", "TIME"):
                continue  # "March 21"
            if row.role in ("trigger", "instrument") and doc[head].pos_ == "PROPN" and doc[head].ent_type_ in (
                    "ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "NORP", "GPE"):
                continue  # "National Liberation Front", "Air Force Intelligence"
            if row.role == "block":
                if doc[head].ent_type_ in ("ORG", "GPE", "FAC", "PERSON", "NORP", "WORK_OF_ART") or (
                        doc[head].pos_ == "PROPN" and doc[head].head.pos_ == "PROPN" and doc[head].head.i != head
                        and doc[head].head.lemma_.lower() in ("brigade", "battalion", "division", "operation", "force", "forces", "army", "group")):
                    continue  # "Northern Storm Brigade", "Operation Flood"
                s.blocks[row.etype] = max(s.blocks.get(row.etype, 0.0), row.weight)
            elif row.role == "instrument":
                s.instruments.append((head, row, idxs))
            elif row.role == "trigger":
                if len(idxs) == 1 and doc[head].dep_ == "compound" and doc[head].head.lemma_.lower() in _GROUP_NOUNS:
                    continue  # "death squad", "assault team": the word names a group, not an event
                if any(c.lower_ in _IN_WORDS for c in doc[head].children if c.dep_ == "advmod"):
                    continue  # "verbally attacked the president": words, not violence
                s.triggers.append((head, row, idxs))
    # keep the longest trigger phrase per head token, and drop triggers covered by a longer phrase
    best: dict[int, tuple] = {}
    for head, row, idxs in s.triggers:
        cur = best.get(head)
        if cur is None or len(idxs) > len(cur[2]) or (len(idxs) == len(cur[2]) and _pos_ok(row.pos, doc[head]) and not _pos_ok(cur[1].pos, doc[head])):
            best[head] = (head, row, idxs)
    spans = sorted(best.values(), key=lambda t: -len(t[2]))
    kept = []
    for head, row, idxs in spans:
        if any(i in covered for i in idxs):
            continue
        for i in idxs:
            covered[i] = head
        kept.append((head, row, idxs))
    s.triggers = sorted(kept, key=lambda t: t[0])
    # a weapon word inside a phrase of another kind of event is no weapon ("hunger strike", "general
    # strike" are protests, not air strikes)
    other = {i for _, row, idxs in kept if len(idxs) > 1 and row.etype in ("Protests",) for i in idxs}
    if other:
        s.instruments = [t for t in s.instruments if not all(i in other for i in t[2])]
    # instruments: longest phrase wins over the words inside it ("grenade launcher" over "grenade"),
    # then one per head, highest weight
    icov: set = set()
    longest = []
    for head, row, idxs in sorted(s.instruments, key=lambda t: -len(t[2])):
        if len(idxs) == 1 and idxs[0] in icov:
            continue
        if len(idxs) > 1:
            icov.update(idxs)
        longest.append((head, row, idxs))
    ib: dict[int, tuple] = {}
    for head, row, idxs in longest:
        if head not in ib or row.weight > ib[head][1].weight:
            ib[head] = (head, row, idxs)
    s.instruments = sorted(ib.values(), key=lambda t: t[0])
    if len(s.instruments) > 1:
        s.instruments = _heavy_over_firearms(doc, s.instruments)
    return s


def _heavy_over_firearms(doc, insts: list) -> list:
    """Fire described by a heavier weapon is that weapon's fire: "bursts of fire involving heavy
    machineguns", "projectiles/shots" (OSCE style) are not small-arms fire."""
    heavy = {}
    for h, r, idxs in insts:
        if r.subtype == "Shelling/artillery/missile attack":
            for i in idxs:
                heavy[i] = r
    if not heavy:
        return insts
    out = []
    for h, r, idxs in insts:
        if r.subtype == "FIREARMS":
            t = doc[h]
            repl = None
            for x in t.subtree:
                if x.i in heavy and x.i - t.i <= 6:
                    repl = heavy[x.i]
                    break
            if repl is None and idxs[0] >= 2 and doc[idxs[0] - 1].text == "/" and idxs[0] - 2 in heavy:
                repl = heavy[idxs[0] - 2]
            if repl is not None:
                out.append((h, repl, idxs))
                continue
        out.append((h, r, idxs))
    return out


def _cats(tok, lex: _Lexicon, sent: _Sent) -> dict[str, float]:
    """Cue categories of an argument phrase (its head, compounds/modifiers and 'of' complements)."""
    if tok is None:
        return {}
    out: dict[str, float] = {}
    toks = [tok] + [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "poss", "conj", "appos")]
    for c in list(toks):
        if c.dep_ == "conj":
            toks.extend(x for x in c.children if x.dep_ in ("compound", "amod"))
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of",):
            p = _pobj(c)
            if p is not None:
                toks.append(p)
                toks.extend(x for x in p.children if x.dep_ in ("compound", "amod"))
    kb_side = None
    for t in toks:
        for cat, w in sent.cue_tokens.get(t.i, {}).items():
            out[cat] = max(out.get(cat, 0.0), w)
        keys = (t.lemma_.lower(), t.lower_)
        if t.tag_ in ("NNPS", "NNP") and t.lower_.endswith("s"):
            keys += (t.lower_[:-1],)  # "Rebels", "Militants" tagged as names keep their plural
        for key in keys:
            for cat, w in lex.cue_words.get(key, {}).items():
                out[cat] = max(out.get(cat, 0.0), w)
        if kb_side is None and t.ent_id_:
            kb_side = _kb_side(t.ent_id_)
        if kb_side is None and t.dep_ == "compound":
            for g in t.children:  # "a Jaysh al-Izza media official"
                if g.dep_ == "compound" and g.ent_id_:
                    kb_side = _kb_side(g.ent_id_)
                    break
    head_word = max((w for key in (tok.lemma_.lower(), tok.lower_) for c, w in lex.cue_words.get(key, {}).items()
                     if c in ("state", "nonstate")), default=0.0)
    head_side = _armed_side({c: w for key in (tok.lemma_.lower(), tok.lower_)
                             for c, w in lex.cue_words.get(key, {}).items() if c in ("state", "nonstate")})
    if kb_side is not None and head_word >= 0.8 and head_side != kb_side and (
            not tok.ent_id_ or tok.tag_ in ("NN", "NNS")):
        kb_side = None  # "Houthi rebels", "fighters of the Olive Branch operation": the head word says it
    if kb_side is not None:
        # a named actor of the knowledge base: its ACLED inter code says which side it is on
        # ("Syrian Democratic Forces", "Free Syrian Army" are non-state whatever "forces"/"army" suggest)
        other = "nonstate" if kb_side == "state" else "state"
        out[kb_side] = max(out.get(kb_side, 0.0), 1.2)
        out.pop(other, None)
    if tok.ent_type_ == "PERSON":
        out["person"] = 1.0
    return out


_KB_SIDE: dict = {}
_INTER_SIDE = {1: "state", 8: "state", 2: "nonstate", 3: "nonstate", 4: "nonstate"}


def _kb_side(kb_id: str) -> Optional[str]:
    """state / nonstate for a knowledge-base actor id set by the parser's entity ruler (ACLED inter
    codes: 1 state forces, 8 external forces; 2 rebels, 3 political and 4 identity militias)."""
    if kb_id in _KB_SIDE:
        return _KB_SIDE[kb_id]
    side = None
    try:
        from marsad.actors import KnowledgeBase
        actor = KnowledgeBase.load().actors.get(kb_id)
        if actor is not None:
            side = _INTER_SIDE.get(actor.inter)
    except Exception:  # noqa: BLE001 - no knowledge base: fall back on the cue words
        side = None
    _KB_SIDE[kb_id] = side
    return side


def _armed_side(cats: dict[str, float]) -> Optional[str]:
    st, ns = cats.get("state", 0.0), cats.get("nonstate", 0.0)
    if st == 0 and ns == 0:
        return None
    return "state" if st > ns else "nonstate"


_ARMED = ("state", "nonstate")


def _is_combatant(cats) -> bool:
    return any(cats.get(c, 0) >= 0.6 for c in _ARMED) and not cats.get("civilian", 0) >= 1.0


def _is_civilian(cats) -> bool:
    return cats.get("civilian", 0) >= 0.5 and not any(cats.get(c, 0) >= 0.8 for c in _ARMED)
