"""Restore the shape of text as it comes, for the parser only, without moving a character.

Wire archives, monitoring services' translated bulletins and many headlines are in capitals;
machine translation and scrapers drop full stops and commas or hard-wrap lines at 70 columns.
spaCy's small English model leans on case and punctuation. :func:`ShapeRestorer.restore` returns a
copy of the text of the *same length* that the parser reads instead, plus sentence starts:

* **True-casing** of runs of capitals ("SAN SALVADOR, 17 NOV 89 ... THE ARMED FORCES KILLED"):
  names of two or more words take the spelling of the gazetteer's and the knowledge base's own
  names ("San Salvador", "Farabundo Marti National Liberation Front"); other words take their most
  frequent spelling in English (``data/casing.txt.gz``, built by :mod:`marsad.parse.casing_build`
  from spaCy's lexeme probabilities: "the", "army", "Monday", "FMLN"); a word English does not know
  is a name ("Handal", "Idlib") unless it looks like an acronym (no vowel: "PCN"); single-word names
  of the gazetteer and the knowledge base spell words English does not know ("SDF", "al-Bab");
  a sentence's first word gets a capital.
* **Editorial notes** of translated bulletins ("[TEXT]", "[REPORTER]", "[WORDS INDISTINCT]") are
  blanked: they are not part of the report's sentences.
* **Hard-wrapped lines** are joined (the line break becomes a space) so a sentence that runs over
  three lines is one sentence; indented lines and blank lines still start paragraphs.
* **Sentence starts** in text without sentence punctuation: a capitalised word that English writes
  in lower case ("The", "On", "According") after a word in lower case or a number starts a sentence.

Every change maps one character to one character, so offsets into the copy are offsets into the
input, and spans are reported with the input's own characters. Text of ordinary shape is returned
unchanged after a cheap check (:func:`needs_restoring`).
"""
from __future__ import annotations

import gzip
import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Iterable, Optional

CASING_FILE = Path(__file__).resolve().parent / "data" / "casing.txt.gz"

_LOWER = re.compile(r"[a-z]")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019\-.][A-Za-z\u00c0-\u024f]+)*")
_CAPS_WORD_MIN_RUN = 3  # this many words in capitals in a row (one of them an ordinary word) are true-cased
_SENT_END = re.compile(r"[.!?]")
_NOTE = re.compile(r"\[[^\[\]a-z]{1,200}\]")
_VOWEL = re.compile(r"[AEIOUY]")
_CLITIC = {"s", "t", "ll", "re", "ve", "d", "m"}
# closed-class words that open sentences; other capitalised common words start one only before a
# word in lower case ("Two of the victims", but not "the ruling My Step Alliance")
_OPENERS = frozenset("""the a an on in at he she they it its this these those there according during
following meanwhile separately also later earlier elsewhere after before while when some several many
no neither both all about around police""".split())
# openers that, capitalised before a word in lower case, start a sentence whatever precedes them
_STRONG_OPENERS = frozenset("the a an according he she they it this these those".split())
_MONTHS_DAYS = frozenset("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday""".split())
# words of this rank or rarer that English writes in lower case may still be names ("gna", "dar'a")
_COMMON_RANK = 30000
# small words inside place names that stay in lower case ("Zamora de Hidalgo", "Rio de Janeiro")
_CONNECTORS = frozenset("de del do da dos das di du des y e van von der den of and".split())
# words of a place's kind after its name ("Khelvachauri municipality", "Lara state")
_PLACE_KINDS = frozenset("""state province district region department governorate municipality county
parish prefecture oblast raion rayon lga commune canton subdistrict sub-district tehsil upazila barangay""".split())
# buildings named by a run of capitalised words ("Fatimah Al Zahrah mosque")
_FACILITIES = frozenset("""mosque church school hospital market university college stadium hotel square street
road avenue bridge station airport checkpoint prison factory camp""".split())
_ARTICLES = frozenset("al el ul ar er as es ash esh ad ed adh ath az ez at et an en dh".split())
# words after which a capitalised common word does not start a sentence ("in The Hague", "of The Times")
_CONTINUES = frozenset("""a an the of and or but nor in on at to by for from with into onto than as per via
about against between among under over after before during without within near across through said says
told according amid that which who whose whom where when while if because since""".split())


def _next_to_number(text: str, start: int, end: int) -> bool:
    return bool(re.search(r"\d[\s,.]*$", text[max(0, start - 6):start]) or re.match(r"[\s,.]*\d", text[end:end + 6]))


@dataclass(frozen=True)
class Restored:
    """The copy the parser reads (same length as the input) and what was done to make it."""

    text: str
    sent_starts: tuple[int, ...] = ()
    changes: tuple[str, ...] = ()


class CasingTable:
    """English words by their usual spelling, in little memory: {lower-case spelling: usual spelling}
    as a mapping (``get``, ``in``) plus each word's frequency rank (0 = most frequent).

    The 267,000 words are kept as one string of their spellings, sorted by their lower-case forms, with
    arrays of offsets and ranks, and looked up by bisection: about 7 MB, where a dict of the words and
    one of their ranks took over 50 MB of every process that parses text."""

    def __init__(self, words: list[str]):
        lows = [w.lower() for w in words]
        order = sorted(range(len(words)), key=lows.__getitem__)
        self._forms = "\n".join([words[i] for i in order]) + "\n"
        self._low = "\n".join([lows[i] for i in order]) + "\n"
        starts = array("I", accumulate([len(lows[i]) + 1 for i in order], initial=0))
        starts.pop()
        self._starts = starts
        self._rank = array("I", order)
        self._n = len(words)
        if len(self._low) != len(self._forms):  # a letter whose lower case is longer: offsets into both differ
            self._forms_starts = array("I", accumulate([len(words[i]) + 1 for i in order], initial=0))
            self._forms_starts.pop()
        else:
            self._forms_starts = starts
        self._find = lru_cache(maxsize=16384)(self._bisect)  # running text repeats its words

    def __len__(self) -> int:
        return self._n

    def _bisect(self, low: str) -> int:
        lo, hi = 0, self._n
        starts, text = self._starts, self._low
        while lo < hi:
            mid = (lo + hi) // 2
            a = starts[mid]
            w = text[a:text.index("\n", a)]
            if w < low:
                lo = mid + 1
            elif w > low:
                hi = mid
            else:
                return mid
        return -1

    def get(self, low: str, default: Optional[str] = None) -> Optional[str]:
        """The usual spelling of the lower-case word ``low``, or ``default`` when English does not know it."""
        i = self._find(low)
        if i < 0:
            return default
        a = self._forms_starts[i]
        return self._forms[a:self._forms.index("\n", a)]

    def __contains__(self, low: object) -> bool:
        return isinstance(low, str) and self._find(low) >= 0

    def rank(self, low: str) -> int:
        """The word's rank by frequency (0 the most frequent), 10**9 when English does not know it."""
        i = self._find(low)
        return self._rank[i] if i >= 0 else 10**9


@lru_cache(maxsize=1)
def word_casings() -> CasingTable:
    """lower-case spelling -> most frequent spelling in English (see :mod:`marsad.parse.casing_build`)."""
    with gzip.open(CASING_FILE, "rt", encoding="utf-8") as f:
        return CasingTable([w for w in f.read().split("\n") if w])


def _rank(low: str) -> int:
    return word_casings().rank(low)


def _caps_share(text: str) -> float:
    letters = sum(c.isalpha() for c in text)
    if not letters:
        return 0.0
    return sum(c.isupper() for c in text) / letters


def needs_restoring(text: str) -> bool:
    """Cheap test: does ``text`` hold a run of capitals, editorial notes, hard-wrapped lines or
    lack sentence punctuation? Ordinary text answers False and is parsed as it is."""
    return bool(_caps_runs(text)) or bool(_NOTE.search(text)) or _hard_wrapped(text) or _unpunctuated(text)


def _caps_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of stretches of >= 3 words in capitals, two of them words of 4+ letters English writes
    in lower case."""
    runs: list[tuple[int, int]] = []
    start = end = None
    n = 0
    common = 0
    casings = None
    for m in _WORD.finditer(text):
        w = m.group(0)
        if _LOWER.search(w) or (start is not None and _LOWER.search(text, end, m.start())):
            if n >= _CAPS_WORD_MIN_RUN and common >= 2:
                runs.append((start, end))
            start, n, common = None, 0, 0
            if _LOWER.search(w):
                continue
        if start is None:
            start = m.start()
        end = m.end()
        n += 1
        if common < 2 and n <= 12 and len(w) > 3:
            # a run of acronyms ("UNICEF, WHO AND WFP") is not text in capitals; two ordinary words are
            if casings is None:
                casings = word_casings()
            form = casings.get(w.lower())
            common += form is not None and form.islower()
    if start is not None and n >= _CAPS_WORD_MIN_RUN and common >= 2:
        runs.append((start, end))
    return runs


def _hard_wrapped(text: str) -> bool:
    """Lines broken at a fixed width (bulletins, e-mail, teletype): most lines that run on into the
    next non-blank line are 45-90 characters long, none longer than 100."""
    if text.count("\n") < 4:
        return False
    lines = text.split("\n")
    if max(len(l) for l in lines) > 100:
        return False
    runs_on = [len(l.rstrip()) for l, nxt in zip(lines, lines[1:]) if l.strip() and nxt.strip()]
    return len(runs_on) >= 4 and sum(45 <= n <= 90 for n in runs_on) >= 0.8 * len(runs_on)


def _unpunctuated(text: str) -> bool:
    """At least 15 words and no sentence mark, or at least 60 words and fewer than one mark per 60."""
    words = text.count(" ") + text.count("\n")
    if words < 15:
        return False
    marks = len(_SENT_END.findall(text))
    return marks == 0 or (words >= 60 and marks * 60 < words)


class ShapeRestorer:
    """True-casing, note blanking, line joining and sentence starts (see the module docstring).

    ``gazetteer`` gives ``ruler_names() -> [(name, label)]`` and ``kb`` gives ``ruler_patterns()``
    (string patterns are used): their spellings case names. Both may be None.
    """

    def __init__(self, gazetteer=None, kb=None):
        self._sources = (gazetteer, kb)
        self._names: Optional[tuple[dict, dict, int]] = None

    # ------------------------------------------------------------------ names
    def _name_tables(self) -> tuple[dict, dict, int]:
        """({lower words tuple: spelling} for names of 2+ words, {lower word: spelling} for single
        words with a capital, longest name in words); built on first use."""
        if self._names is None:
            gazetteer, kb = self._sources
            names: list[str] = []
            if kb is not None:
                names += [p["pattern"] for p in kb.ruler_patterns() if isinstance(p.get("pattern"), str)]
            if gazetteer is not None:
                names += [n for n, _ in gazetteer.ruler_names()]
            multi: dict = {}
            single: dict = {}
            longest = 1
            for name in names:
                if not name or not any(c.isupper() for c in name) or name.isupper() and " " in name:
                    continue
                words = _WORD.findall(name)
                if len(words) == 1 and words[0] == name:
                    single.setdefault(name.lower(), name)
                elif len(words) > 1 and " ".join(words) == name:
                    key = tuple(w.lower() for w in words)
                    multi.setdefault(key, words)
                    longest = max(longest, len(words))
            self._names = (multi, single, longest)
        return self._names

    # ------------------------------------------------------------------ words
    def _case_word(self, w: str) -> str:
        """The usual spelling of one word found in capitals (same length)."""
        low = w.lower()
        casings = word_casings()
        _, single, _ = self._name_tables()
        form = casings.get(low)
        rare = form is not None and _rank(low) > _COMMON_RANK
        named = single.get(low)
        if form is not None and form.islower():
            if not rare:
                return low
            if named is not None and len(named) == len(w):
                return named  # "GNA", "Dar'a": the knowledge base's or gazetteer's spelling of a rare word
            gazetteer = self._sources[0]
            if gazetteer is not None and hasattr(gazetteer, "has_key") and gazetteer.has_key(low):
                return w[:1].upper() + w[1:].lower()
            return low
        if named is not None and len(named) == len(w):
            return named
        if form is not None and len(form) == len(w):
            return form
        gazetteer = self._sources[0]
        if gazetteer is not None and hasattr(gazetteer, "has_key") and gazetteer.has_key(low):
            return w[:1].upper() + w[1:].lower()  # "Dar'a", "Al-Mansheyyi"
        parts = re.split(r"(['\u2019\-])", w)
        if len(parts) > 1:
            out, after_apos = [], False
            for p in parts:
                if p in ("'", "\u2019", "-"):
                    out.append(p)
                    after_apos = p != "-"
                    continue
                if after_apos and p.lower() in _CLITIC:
                    out.append(p.lower())
                else:
                    out.append(self._case_word(p) if p else p)
            return "".join(out)
        if len(w) <= 5 and not _VOWEL.search(w.upper()):
            return w.upper()  # an acronym: "PCN", "CDHES"
        return w[:1].upper() + w[1:].lower()

    def _recase(self, chars: list[str], text: str, start: int, end: int) -> None:
        multi, _, longest = self._name_tables()
        words = list(_WORD.finditer(text, start, end))
        i = 0
        while i < len(words):
            done = False
            for k in range(min(longest, len(words) - i), 1, -1):
                group = words[i:i + k]
                # only words separated by single spaces or hyphens form a name
                if any(text[a.end():b.start()] not in (" ", "-") for a, b in zip(group, group[1:])):
                    continue
                spelling = multi.get(tuple(m.group(0).lower() for m in group))
                if spelling is None or any(len(s) != len(m.group(0)) for s, m in zip(spelling, group)):
                    continue
                for s, m in zip(spelling, group):
                    chars[m.start():m.end()] = list(s)
                i += k
                done = True
                break
            if done:
                continue
            m = words[i]
            cased = self._case_word(m.group(0))
            if cased.lower() in _MONTHS_DAYS and _next_to_number(text, m.start(), m.end()):
                cased = cased[:1].upper() + cased[1:]  # "1 May 2020", "Nov 89"
            if len(cased) == len(m.group(0)):
                chars[m.start():m.end()] = list(cased)
            i += 1
        self._place_names(chars, words)
        # a sentence's first word starts with a capital
        for m in words:
            j = m.start() - 1
            while j >= 0 and chars[j] in " \t\"'([":
                j -= 1
            if j < 0 or chars[j] in ".!?\n]" or (j > 0 and chars[j] == "-" and chars[j - 1] == "-"):
                chars[m.start()] = chars[m.start()].upper()

    def _place_names(self, chars: list[str], words: list) -> None:
        """Names English words take part in ("Tall Rifat", "Bani Walid", "La Ceiba"): two or three
        words, one cased as a name and one as an ordinary word, that the gazetteer knows as a place
        get a capital each."""
        gazetteer = self._sources[0]
        if gazetteer is None or not hasattr(gazetteer, "has_key"):
            return
        cased = ["".join(chars[m.start():m.end()]) for m in words]
        for i in range(len(words)):
            for k in (3, 2):
                group = range(i, min(i + k, len(words)))
                if len(group) < k:
                    continue
                ws = [cased[j] for j in group]
                if any("".join(chars[words[a].end():words[b].start()]) not in (" ", "-")
                       for a, b in zip(group, list(group)[1:])):
                    continue
                named = [w[:1].isupper() for w in ws]
                plain = [w.islower() and w not in _CONTINUES and w not in _OPENERS for w in ws]
                shouted = [len(w) > 1 and w.isupper() for w in ws]  # "SAO" read as an acronym
                if not any(named) or not (any(plain) or any(shouted)) or not all(a or b for a, b in zip(named, plain)):
                    continue
                if gazetteer.has_key(" ".join(ws)):
                    for j in group:
                        w = cased[j]
                        if (w.islower() and w not in _CONNECTORS) or (len(w) > 1 and w.isupper()):
                            w = w[:1].upper() + w[1:].lower()
                            chars[words[j].start():words[j].end()] = list(w)
                            cased[j] = w
                    break

    # ------------------------------------------------------------------ the copy
    def restore(self, text: str) -> Restored:
        """The same-length copy of ``text`` for the parser (``text`` itself when nothing applies)."""
        runs = _caps_runs(text)
        notes = list(_NOTE.finditer(text)) if "[" in text else []
        wrapped = _hard_wrapped(text)
        bare = _unpunctuated(text)
        if not (runs or notes or wrapped or bare):
            return Restored(text)
        chars = list(text)
        changes: list[str] = []
        for m in notes:
            chars[m.start():m.end()] = [" "] * (m.end() - m.start())
        if notes:
            changes.append(f"{len(notes)} editorial notes ([TEXT], [REPORTER]...) left out of the sentences")
        if wrapped:
            for m in re.finditer(r"(?<=\S)[ \t]*\n(?=\S)", text):
                chars[m.end() - 1] = " "
            changes.append("hard-wrapped lines joined")
        if runs:
            for a, b in runs:
                self._recase(chars, "".join(chars), a, b)
            changes.append(f"{sum(b - a for a, b in runs)} characters in capitals true-cased")
        out = "".join(chars)
        starts: tuple[int, ...] = ()
        if bare:
            starts = tuple(self._sentence_starts(out))
            if starts:
                changes.append(f"{len(starts)} sentence starts restored in unpunctuated text")
            out, commas = self._place_commas(out, set(starts))
            if commas:
                changes.append(f"{commas} commas restored between place names")
        assert len(out) == len(text)
        return Restored(out, starts, tuple(changes))

    def _place_commas(self, text: str, starts: set) -> tuple[str, int]:
        """Without commas, "in Dangriga Stann Creek two men" reads as one name: where a run of
        capitalised words is no place but splits into places the gazetteer knows ("Dangriga" +
        "Stann Creek"), the space between them becomes a comma (same length)."""
        gazetteer = self._sources[0]
        if gazetteer is None or not hasattr(gazetteer, "has_key"):
            return text, 0
        chars = list(text)
        n = 0
        words = list(re.finditer(r"[^\s,.;:()\[\]\"]+", text))
        runs: list[list] = []
        cur: list = []

        def close(run: list) -> None:
            while run and run[-1].group(0) in _CONNECTORS:
                run = run[:-1]
            if len(run) > 1:
                runs.append(run)

        for m in words:
            w = m.group(0)
            joined = cur and text[cur[-1].end():m.start()] == " " and m.start() not in starts
            if (w[:1].isupper() and not w.isdigit()) or (w in _CONNECTORS and joined):
                if not joined:
                    close(cur)
                    cur = []
                cur.append(m)
            else:
                close(cur)
                cur = []
        close(cur)

        def place(ws: list) -> bool:
            name = " ".join(m.group(0) for m in ws)
            if ws[0].group(0) in _CONNECTORS or (len(ws) > 1 and ws[-1].group(0).lower() in _ARTICLES):
                return False  # an article belongs to the next word ("Fatimah Al Zahrah", not "Fatimah Al")
            if len(ws) == 1:
                low = name.lower()
                if low in _CONTINUES or low in _OPENERS or (
                        (word_casings().get(low) or "A").islower() and _rank(low) <= _COMMON_RANK):
                    return False  # "Police", "Creek", "The" alone are no place
            return gazetteer.has_key(name)

        def common(m) -> bool:
            return (word_casings().get(m.group(0).lower()) or "A").islower()

        for run in runs:
            while run and not place(run[:1]) and common(run[0]):
                run = run[1:]  # "According", "On", "The" open a sentence, not a name
            while run and not place(run[-1:]) and common(run[-1]):
                run = run[:-1]
            if len(run) < 2 or len(run) > 8 or place(run):
                continue
            after = re.match(r" ([a-z]+)", text[run[-1].end():run[-1].end() + 20])
            if after and after.group(1) in _FACILITIES:
                continue  # "Fatimah Al Zahrah mosque", "Al Noor Eye Hospital": the run names the building
            kind_follows = bool(after) and after.group(1) in _PLACE_KINDS
            # fewest places that cover the run, each of 1-4 words; the first part may be a name the
            # gazetteer lacks ("Barangay Piacan") when two places follow it
            cuts = self._cover(run, place)
            if cuts is None:
                options = []
                for first in range(1, min(4, len(run) - 1) + 1):
                    sub = self._cover(run[first:], place)
                    # a name the gazetteer lacks before two places, or before one place and its kind
                    # ("in Makhvilauri Khelvachauri municipality")
                    if sub is not None and (len(sub) >= 2 or kind_follows):
                        options.append((len(sub), first, sub))
                if options:
                    _, first, sub = min(options)
                    cuts = [0] + [first + c for c in sub]
            if not cuts or len(cuts) < 2:
                continue
            for c in cuts[1:]:
                chars[run[c].start() - 1] = ","
                n += 1
        return "".join(chars), n

    @staticmethod
    def _cover(run: list, place) -> Optional[list]:
        """Start indexes of the fewest places (1-4 words each) that cover ``run``, or None."""
        best: list = [None] * (len(run) + 1)
        best[0] = []
        for j in range(1, len(run) + 1):
            for k in range(1, min(4, j) + 1):
                if best[j - k] is not None and place(run[j - k:j]):
                    cand = best[j - k] + [j - k]
                    if best[j] is None or len(cand) < len(best[j]):
                        best[j] = cand
        return best[len(run)]

    def _sentence_starts(self, text: str) -> Iterable[int]:
        casings = word_casings()
        words = list(re.finditer(r"\S+", text))
        for k in range(1, len(words)):
            w = words[k].group(0)
            if not (w[:1].isupper() and w[1:].islower()):
                continue
            core = w.strip("\"'()").lower()
            form = casings.get(core)
            p = words[k - 1].group(0).strip("\"'()")
            nxt = words[k + 1].group(0) if k + 1 < len(words) else ""
            if core in _STRONG_OPENERS and nxt[:1].islower() and p and p not in _CONTINUES:
                yield words[k].start()  # "... Zamboanga del Norte The motive for the attack ..."
                continue
            if (form is None or not form.islower() or core in _MONTHS_DAYS or not p
                    or not (p.islower() or p.isdigit()) or p in _CONTINUES or _SENT_END.search(p[-1:])):
                continue
            if core in _OPENERS or nxt[:1].islower() or nxt[:1].isdigit():
                yield words[k].start()
