"""A small, dependency-free language check: is this English, and if not, what is it likely to be?

marsad processes English only. Other languages are reported by name rather than silently mangled.
Scripts decide first (Arabic, Cyrillic, CJK...); Latin-script texts are told apart by the share of
each language's most frequent function words.
"""
from __future__ import annotations

import re
import unicodedata

_STOP = {
    "en": "the of and to in a is that for on was with as by at from has have said were are it an be this which".split(),
    "fr": "le la les de des du et en un une est que qui dans pour par sur au aux pas ont été il elle".split(),
    "es": "el la los las de del y en un una es que por con para se su al fue han sido lo como".split(),
    "de": "der die das und in den von zu mit ist des sich auf für nicht ein eine dem im wurde sind".split(),
    "pt": "o a os as de do da dos das e em um uma que com para por não foi são no na se".split(),
    "it": "il la le di del della e in un una che per con non sono è stato nel alla dei gli".split(),
    "tr": "ve bir bu da de ile için olarak olan gibi daha çok en ama sonra kadar ise".split(),
    "id": "yang dan di ke dari ini itu dengan untuk tidak dalam akan pada juga adalah".split(),
}
_STOPSETS = {k: set(v) for k, v in _STOP.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_SCRIPTS = [("ARABIC", "ar"), ("CYRILLIC", "ru"), ("HEBREW", "he"), ("CJK", "zh"), ("HIRAGANA", "ja"),
            ("KATAKANA", "ja"), ("HANGUL", "ko"), ("DEVANAGARI", "hi"), ("GREEK", "el"), ("THAI", "th"),
            ("ETHIOPIC", "am"), ("BENGALI", "bn"), ("GEORGIAN", "ka"), ("ARMENIAN", "hy")]

NAMES = {"en": "English", "fr": "French", "es": "Spanish", "de": "German", "pt": "Portuguese", "it": "Italian",
         "tr": "Turkish", "id": "Indonesian", "ar": "Arabic", "ru": "Russian (Cyrillic script)", "he": "Hebrew",
         "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "hi": "Hindi", "el": "Greek", "th": "Thai",
         "am": "Amharic", "bn": "Bengali", "ka": "Georgian", "hy": "Armenian", "und": "undetermined"}


def detect_language(text: str, sample: int = 4000) -> str:
    """ISO 639-1 code of the text's language ("und" when there is too little text to tell)."""
    s = text[:sample]
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 20:
        return "en" if letters else "und"
    counts: dict[str, int] = {}
    latin = 0
    for c in letters[:3000]:
        if ord(c) < 0x250:
            latin += 1
            continue
        name = unicodedata.name(c, "")
        for key, code in _SCRIPTS:
            if name.startswith(key) or (key == "CJK" and "CJK" in name):
                counts[code] = counts.get(code, 0) + 1
                break
    # Latin-script words only: stray bytes decoded as other scripts neither add nor split words
    words = [w.lower() for w in _WORD.findall(s) if all(ord(c) < 0x250 for c in w)]
    en_share = sum(w in _STOPSETS["en"] for w in words) / len(words) if len(words) >= 8 else 0.0
    if counts:
        code, n = max(counts.items(), key=lambda kv: kv[1])
        # another script decides when it has most of the letters, or a good share of them in a
        # text whose Latin part does not read as English: a few stray characters decoded from bad
        # bytes cannot outvote an English text
        if n > latin or (n > 0.3 * len(letters[:3000]) and en_share < 0.08):
            return code
    if len(words) < 8:
        return "en"
    scores = {lang: sum(w in st for w in words) / len(words) for lang, st in _STOPSETS.items()}
    best = max(scores, key=scores.get)
    if scores["en"] >= 0.08 or scores[best] < 0.08 or scores[best] < 1.3 * scores["en"]:
        return "en"
    return best


def language_name(code: str) -> str:
    return NAMES.get(code, code)
