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


_LATIN_LETTER = re.compile("[a-z]")


def _has_latin(s: str) -> bool:
    return _LATIN_LETTER.search(s) is not None


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


_ADM2_PREFIX = ("Province du ", "Province de la ", "Province de l'", "Province des ", "Province de ",
                "Province d'", "Sous-Region de la ", "Sous-Region du ", "Sous-Region de ", "Departement du ",
                "Departement de ", "Municipio de ", "Municipio ", "Distrito de ")
_ADM2_SUFFIX = (" District", " district", " Raion", " Rayon", " rayon", " raion", " Municipality",
                " municipality", " Province", " Subdistrict", " Sub-District", " Prefecture", " Department",
                " Division", " Governorate")


def admin2_short_names(name: str) -> list[str]:
    """Name variants of an admin2 unit: "Province du Loroum" -> ["Loroum"], "Gujrat District" -> ["Gujrat"].

    US counties keep their "County" word (a bare "Baldwin" is a town)."""
    out = []
    for pre in _ADM2_PREFIX:
        if name.startswith(pre) and len(name) > len(pre) + 2:
            out.append(name[len(pre):])
            break
    base = out[0] if out else name
    for suf in _ADM2_SUFFIX:
        if base.endswith(suf) and len(base) > len(suf) + 2:
            out.append(base[: -len(suf)])
            break
    return [o for o in out if o != name]


# ---------------------------------------------------------------------- transliteration keys
# Arabic (and Persian, Pashto, Kurdish) names reach English by many routes: vowels (a/e/i, ou/u/o,
# ee/i), doubled consonants, q/k/g, kh/h/k, gh/g, sh/ch, j/dj/g, dh/z/th, ei/ay, final -ah/-a/-eh/-e,
# the article (al-/el-/ad-/ash-, attached, hyphenated or dropped), word breaks ("Kafr Nabl"/"Kafranbel").
# The transliteration key keeps what survives every route: the consonants, each folded into the class
# of sounds one Arabic letter is written with, doubled letters merged, vowels and semi-vowels dropped
# (an initial vowel or ayn kept as "a"), words run together. The same key is derived from the Arabic
# script names: "Kafranbel", "Kafr Nabl" and "كفرنبل" are all "kfrnbl"; "Alleppu" and "Aleppo" "alb".
# Classes: k = q/k/g/j/c (and gh), h = h/kh/ḥ, x = sh/ch, z = z/dh/th, s = s/ṣ, f = f/v/ph, b = b/p.
_LATIN_DIGRAPHS = (("dj", "j"), ("tch", "x"), ("kh", "h"), ("gh", "k"), ("sh", "x"), ("ch", "x"),
                   ("dh", "z"), ("th", "z"), ("ph", "f"), ("ck", "k"), ("zh", "z"))
_LATIN_CLASS = str.maketrans({"q": "k", "c": "k", "g": "k", "j": "k", "v": "f", "p": "b", "x": "x"})
_AR_CLASS = {"ب": "b", "پ": "b", "ت": "t", "ث": "z", "ج": "k", "چ": "x", "ح": "h", "خ": "h", "د": "d",
             "ذ": "z", "ر": "r", "ز": "z", "ژ": "z", "س": "s", "ش": "x", "ص": "s", "ض": "d", "ط": "t",
             "ظ": "z", "غ": "k", "ف": "f", "ق": "k", "ك": "k", "ک": "k", "گ": "k", "ل": "l", "م": "m",
             "ن": "n", "ه": "h"}
_AR_VOWELISH = set("اوييیءئؤعى")
# Arabic words that name the kind of place rather than the place ("area of Duma", "centre of Hama")
_AR_GENERIC = frozenset(fold(w) for w in "منطقة مركز ناحية محافظة قرية مدينة بلدة قضاء مخيم".split())
_LATIN_GENERIC = frozenset("district markaz mintaqat mintaqa nahiyat nahiya muhafazat qada".split())


def _consonant_classes(w: str) -> str:
    """Latin letters folded into their transliteration classes (digraphs first: "kh", "sh", "dh" ...)."""
    for a, b in _LATIN_DIGRAPHS:
        if a in w:
            w = w.replace(a, b)
    return w.translate(_LATIN_CLASS)


def _latin_word_key(w: str) -> str:
    w = _consonant_classes(w)
    out = []
    for i, ch in enumerate(w):
        if ch in "aeiouwy":
            if i == 0 and ch not in "wy":
                out.append("a")
            continue
        if ch == "h" and i == len(w) - 1 and i > 0:
            continue  # final -ah/-eh/-h
        if out and out[-1] == ch:
            continue
        out.append(ch)
    return "".join(out)


def _arabic_word_key(w: str) -> str:
    out = []
    n = len(w)
    for i, ch in enumerate(w):
        if ch in _AR_VOWELISH:
            if i == 0 and ch in "اع":
                out.append("a")
            continue
        c = _AR_CLASS.get(ch)
        if c is None:
            if ch.isdigit():
                c = ch
            else:
                continue
        if c == "h" and i == n - 1 and i > 0:
            continue  # ta marbuta / final he
        if out and out[-1] == c:
            continue
        out.append(c)
    return "".join(out)


def _merge_runs(key: str) -> str:
    out = []
    for ch in key:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _key_tokens(text: str) -> list[str]:
    s = fold(text).translate(_APOS)
    toks = [t for t in _NON_ALNUM.split(s) if t and t != "_"]
    if len(toks) > 1:
        kept = [t for t in toks if t not in ARTICLES and t not in _AR_GENERIC and t not in _LATIN_GENERIC]
        toks = kept or toks
    return toks


@lru_cache(maxsize=300_000)
def _word_key(t: str) -> str:
    if _has_latin(t):
        return _latin_word_key(t)
    return _arabic_word_key(t[2:] if len(t) > 3 and t.startswith("ال") else t)


@lru_cache(maxsize=200_000)
def translit_key(text: str) -> str:
    """The transliteration key of a name (Latin or Arabic script): see the comment above."""
    # words run together merge their meeting letters as one word does ("Tell Lil" ~ "Tellil")
    return _merge_runs("".join(_word_key(t) for t in _key_tokens(text)))


@lru_cache(maxsize=200_000)
def translit_keys(text: str) -> tuple[str, ...]:
    """The key of a name and the keys of the ways it is also written: an Arabic feminine ending read
    "-at" before another word ("معرة النعمان" is "Ma'arrat al-Nu'man") and, for Latin names, the
    article attached to a word ("Alsafira", "Maarat Alnouman", "Elbab"), without it."""
    toks = _key_tokens(text)
    if not toks:
        return ()
    alts: list[list[str]] = []
    for i, t in enumerate(toks):
        k = _word_key(t)
        opts = [k]
        if _has_latin(t):
            if t[:2] in ("al", "el") and len(t) >= 5 and t[2] not in "aeiouy":
                k2 = _word_key(t[2:])
                if len(k2) >= 2:
                    opts.append(k2)
        elif i < len(toks) - 1 and t.endswith("ه") and len(t) > 2:
            opts.append(k + "t")
        alts.append(opts)
    keys = [_merge_runs("".join(o[0] for o in alts))]
    if any(len(o) > 1 for o in alts) and len(alts) <= 4:
        combos = [""]
        for opts in alts:
            combos = [c + o for c in combos for o in opts][:16]
        keys += [_merge_runs(c) for c in combos]
    return tuple(k for k in dict.fromkeys(keys) if k)


_KEY_ALPHABET = "abdfhklmnrstxz"


def key_neighbours(key: str) -> set[str]:
    """Keys one edit (deletion, insertion, substitution, transposition) away from ``key``."""
    out = set()
    n = len(key)
    for i in range(n):
        out.add(key[:i] + key[i + 1:])
        for c in _KEY_ALPHABET:
            if c != key[i]:
                out.add(key[:i] + c + key[i + 1:])
        if i + 1 < n:
            out.add(key[:i] + key[i + 1] + key[i] + key[i + 2:])
    for i in range(n + 1):
        for c in _KEY_ALPHABET:
            out.add(key[:i] + c + key[i:])
    out.discard(key)
    return out


@lru_cache(maxsize=300_000)
def vowel_frame(key: str) -> str:
    """A name key with each consonant folded into its class (as in ``translit_key``) and each run of
    vowels written "a", words run together: the syllable frame that a transliteration keeps while it
    changes letters. "hagillah"/"hajilah" -> "hakala", "yessne"/"yasne" -> "yasna", "kafr nabl" ->
    "kafrnabl". Spelling similarity on frames tells "Hajilah" from "Hialeah", which share a key."""
    if not _has_latin(key):
        return key
    w = _consonant_classes(key.replace(" ", "").replace("-", ""))
    out = []
    for i, ch in enumerate(w):
        if ch in "aeiouy" or ch == "w" and i > 0:
            ch = "a"
        if out and out[-1] == ch:
            continue
        out.append(ch)
    if len(out) > 2 and out[-1] == "h" and out[-2] == "a":
        out.pop()  # final -ah/-eh
    return "".join(out)
