"""The trigger lexicon (``data/triggers.tsv``): rows of trigger, instrument, cue and block words,
and matching them on a spaCy parse (lemma or form, token by token)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

DATA = Path(__file__).resolve().parent / "data" / "triggers.tsv"


@dataclass(frozen=True)
class _Row:
    phrase: tuple[str, ...]
    pos: str
    role: str
    etype: Optional[str]
    subtype: Optional[str]
    plover: Optional[str]
    mode: Optional[str]
    weight: float
    note: str


class _Lexicon:
    def __init__(self, path: Path = DATA):
        self.rows: list[_Row] = []
        self.index: dict[str, list[_Row]] = {}  # first word -> rows (longest phrase first)
        with open(path, encoding="utf-8") as f:
            lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
        reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        assert header[:3] == ["phrase", "pos", "role"], header
        for rec in reader:
            rec = rec + [""] * (9 - len(rec))
            phrase, pos, role, etype, sub, plov, mode, weight, note = rec[:9]
            none = lambda v: None if v in ("", "-") else v  # noqa: E731
            row = _Row(tuple(phrase.lower().split()), pos, role, none(etype), none(sub), none(plov),
                       none(mode), float(weight or 0.5), note)
            self.rows.append(row)
            self.index.setdefault(row.phrase[0], []).append(row)
        for rows in self.index.values():
            rows.sort(key=lambda r: -len(r.phrase))
        self.cue_words: dict[str, dict[str, float]] = {}
        for r in self.rows:
            if r.role == "cue" and len(r.phrase) == 1:
                self.cue_words.setdefault(r.phrase[0], {})[r.etype] = r.weight


_LEX: Optional[_Lexicon] = None


def lexicon() -> _Lexicon:
    global _LEX
    if _LEX is None:
        _LEX = _Lexicon()
    return _LEX


# ---------------------------------------------------------------- token helpers

def _forms(tok) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.lower_


def _word_ok(word: str, tok) -> bool:
    lem, low = _forms(tok)
    if word == "oneself":
        return low.endswith("self") or low.endswith("selves")
    return word == lem or word == low


def _pos_ok(pos: str, tok) -> bool:
    if pos == "*":
        return True
    if pos == "V":
        return tok.pos_ in ("VERB", "AUX")
    return tok.pos_ not in ("VERB", "AUX")


_SKIP = {"-", "–"}


def _match_at(doc, i: int, sent_end: int, lex: _Lexicon):
    """All lexicon rows matching at token i: list of (row, token indices)."""
    tok = doc[i]
    keys = {tok.lemma_.lower(), tok.lower_}
    out = []
    seen = set()
    for key in keys:
        for row in lex.index.get(key, ()):
            if id(row) in seen:
                continue
            idxs = [i]
            j = i + 1
            ok = True
            for w in row.phrase[1:]:
                while j < sent_end and doc[j].text in _SKIP:
                    j += 1
                if j >= sent_end or not _word_ok(w, doc[j]):
                    ok = False
                    break
                idxs.append(j)
                j += 1
            if ok:
                seen.add(id(row))
                out.append((row, idxs))
    return out


def _head_of(doc, idxs: list[int]) -> int:
    """The token of a multi-word phrase whose head lies outside the phrase."""
    s = set(idxs)
    for i in idxs:
        if doc[i].head.i not in s or doc[i].head.i == i:
            return i
    return idxs[-1]
