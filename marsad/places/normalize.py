"""Name keys for the gazetteer: lowercase, ASCII-folded, punctuation and Arabic articles folded."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from metaphone import doublemetaphone

# Arabic definite article in its assimilated transliterations ("al-", "ar-", "ad-", "el-", ...).
ARTICLES = frozenset(
    "al el ul ar er as es ash esh ad ed adh ath az ez at et an en ath az ad dh"
    " the".split())
_APOS = dict.fromkeys(map(ord, "'’‘`ʼʻʿʾ´\u02b9\u02bc\u2032"), None)
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")  # tashkeel, tatweel
_NON_ALNUM = re.compile(r"[^\w]+", re.UNICODE)
_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "ß": "ss",
                          "æ": "ae", "œ": "oe", "ħ": "h", "ŧ": "t"})


def _has_latin(s: str) -> bool:
    return any("a" <= c <= "z" for c in s)


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lowercase, strip accents; non-Latin scripts (Arabic...) are kept, minus their diacritics."""
    s = unicodedata.normalize("NFKD", text.lower().translate(_SPECIAL))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = _ARABIC_MARKS.sub("", s)
    # Arabic letter variants: alef forms, teh marbuta, alef maksura
    s = s.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا").replace("ة", "ه").replace("ى", "ي")
    return s


@lru_cache(maxsize=200_000)
def name_key(text: str) -> str:
    """The lookup key: "Al-Hasakeh" -> "hasakeh", "Deir ez-Zor" -> "deir zor", "St. Louis" -> "st louis"."""
    s = fold(text).translate(_APOS)
    toks = [t for t in _NON_ALNUM.split(s) if t and t != "_"]
    if not toks:
        return ""
    if len(toks) > 1:
        kept = [t for t in toks if t not in ARTICLES]
        if kept:
            toks = kept
    # Arabic article attached in script: "الغوطة" -> "غوطة"
    toks = [t[2:] if len(t) > 4 and t.startswith("ال") else t for t in toks]
    return " ".join(toks)


# name particles written apart or joined: "De Soto"/"DeSoto", "La Salle"/"LaSalle", "Du Page"/"DuPage"
_PARTICLES = ("de", "la", "le", "du", "da", "di", "van", "von", "des", "del")
_APART = re.compile(r"\b(%s) (?=[a-z]{3,})" % "|".join(_PARTICLES))


def spacing_variants(key: str) -> list[str]:
    """Keys that differ from ``key`` only in how a name particle is spaced: "desoto parish" ->
    ["de soto parish"], "la salle county" -> ["lasalle county"]. Only the first particle is varied."""
    out = []
    m = _APART.search(key)
    if m:
        out.append(key[:m.end(1)] + key[m.end():])
    for w0 in (0, *(i + 1 for i, c in enumerate(key) if c == " ")):
        word = key[w0:key.find(" ", w0) if " " in key[w0:] else len(key)]
        split = [p for p in _PARTICLES if word.startswith(p) and len(word) >= len(p) + 3]
        if split:
            out += [key[:w0 + len(p)] + " " + key[w0 + len(p):] for p in split]
            break
    return [k for k in out if k != key]


@lru_cache(maxsize=100_000)
def phonetic(key: str) -> tuple[str, ...]:
    """Double-Metaphone codes of a key (empty for non-Latin keys)."""
    if not key or not _has_latin(key):
        return ()
    a, b = doublemetaphone(key.replace(" ", ""))
    return tuple(c for c in dict.fromkeys((a, b)) if c)


_SKEL_MAP = str.maketrans({"q": "k", "c": "k", "z": "s", "w": "u", "y": "i", "j": "g", "v": "f", "p": "b"})


@lru_cache(maxsize=100_000)
def skeleton(key: str) -> str:
    """A consonant skeleton for transliteration noise: "ghouta"/"gauta" -> "gt", "idleb"/"idlib" -> "idlb"."""
    out = []
    for word in key.split():
        w = word.translate(_SKEL_MAP)
        chars = []
        for i, ch in enumerate(w):
            if i > 0 and ch in "aeiou":
                continue
            if ch == "h" and i > 0 and w[i - 1] not in "aeiou":
                continue
            if ch == "h" and i == len(w) - 1:
                continue
            if chars and chars[-1] == ch:
                continue
            chars.append(ch)
        out.append("".join(chars))
    return " ".join(out)
