"""How common an English word is, to weigh the words two reports share.

Two reports of one incident share its particular words ("sarin", "convoy", "Castello", a
neighbourhood's name); two reports of different incidents of a kind share the words every story
uses ("children", "school", "road"). A shared word counts by how rare it is in English at large:
``weight(word)`` is 1.0 for rare words and falls to 0.1 for the commonest.

The table ``data/english_word_frequency.tsv`` lists English words with their Zipf frequency
(log10 of occurrences per billion words; "the" is about 7.7, "sarin" 2.8). It is built from the
`wordfreq` package (Robyn Speer, Luminoso; data CC BY-SA 4.0, from Wikipedia, subtitles, news,
books, web text, Twitter and Reddit; https://github.com/rspeer/wordfreq) by
``python -m marsad.merge.wordtable build`` (needs ``pip install wordfreq==3.1.1``; marsad itself
reads only the table). Words rarer than the table's floor are not listed and count as rare.
"""
from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("data") / "english_word_frequency.tsv"
FLOOR = 3.3  # words below this Zipf frequency are left out of the table (they count as rare: weight 1.0)
COMMON, RARE = 5.8, 3.3  # Zipf frequencies at which a word's weight reaches its floor and 1.0
MIN_WEIGHT = 0.1


@lru_cache(maxsize=1)
def _table() -> dict[str, float]:
    out = {}
    with open(TABLE, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            w, z = line.rstrip("\n").split("\t")
            out[w] = float(z)
    return out


def zipf(word: str) -> float:
    """Zipf frequency of a lower-case word (its plural or stem-less forms too), else FLOOR."""
    t = _table()
    forms = [word, word + "s", word + "es"]
    if "-" in word:  # "al-midan", "rebel-held": as common as its rarest part
        parts = [p for p in word.split("-") if p]
        return min((zipf(p) for p in parts), default=FLOOR)
    return max((t[f] for f in forms if f in t), default=FLOOR)


def weight(word: str) -> float:
    """How much sharing ``word`` says two reports are one story: 1.0 for rare words, down to
    MIN_WEIGHT for the commonest; a number counts 0.3 (tolls are weighed apart)."""
    if word.isdigit():
        return 0.3 if len(word) >= 2 else 0.0
    z = zipf(word)
    return max(MIN_WEIGHT, min(1.0, (COMMON - z) / (COMMON - RARE)))


def build(out: Path = TABLE, n: int = 60000) -> int:
    from wordfreq import top_n_list, zipf_frequency
    rows = []
    for w in top_n_list("en", n):
        if not w.isalpha() or not w.isascii():
            continue
        z = zipf_frequency(w, "en")
        if z >= FLOOR:
            rows.append((w, round(z, 2)))
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write("# English words and their Zipf frequency, from wordfreq 3.1.1 (Robyn Speer; data CC BY-SA 4.0;\n"
                "# https://github.com/rspeer/wordfreq). Built by `python -m marsad.merge.wordtable build`.\n")
        for w, z in sorted(rows):
            f.write(f"{w}\t{z}\n")
    return len(rows)


if __name__ == "__main__":
    if sys.argv[1:] == ["build"]:
        print(build(), "words written to", TABLE)
    else:
        print("usage: python -m marsad.merge.wordtable build", file=sys.stderr)
        sys.exit(2)
