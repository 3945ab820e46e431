"""Build ``marsad/parse/data/casing.txt.gz``: the usual spelling (case) of English words.

    python -m marsad.parse.casing_build PATH/TO/en_lexeme_prob.json.gz [--min-logprob -19.0]

Source: the ``en_lexeme_prob`` table of the ``spacy-lookups-data`` package (MIT licence,
Explosion AI): smoothed log-probabilities of case-sensitive word forms from the corpora spaCy's
English vocabularies were built from. For every word (letters, optionally with internal
apostrophes, hyphens or full stops) the table's forms are grouped by their lower-case spelling and
the most probable form is kept: "the", "Monday", "San", "FMLN", "army". One form per line, most
probable word first; the truecaser treats a word that is not in the file as a name.

The package is only needed to rebuild the file (``pip install spacy-lookups-data==1.0.5``); the
file ships with marsad.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

OUT = Path(__file__).resolve().parent / "data" / "casing.txt.gz"
_WORD = re.compile(r"^[A-Za-z]+(?:['\-.][A-Za-z]+)*\.?$")


def build(prob_path: Path, min_logprob: float = -19.0, out: Path = OUT) -> int:
    with gzip.open(prob_path, "rt", encoding="utf-8") as f:
        probs: dict[str, float] = json.load(f)
    best: dict[str, tuple[float, str]] = {}
    mass: dict[str, float] = {}
    for form, p in probs.items():
        if not _WORD.match(form):
            continue
        key = form.lower()
        mass[key] = max(mass.get(key, -99.0), p)
        if key not in best or p > best[key][0]:
            best[key] = (p, form)
    rows = sorted((-mass[k], v[1]) for k, v in best.items() if mass[k] >= min_logprob)
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as g:
        g.write(("\n".join(form for _, form in rows) + "\n").encode("utf-8"))
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("lexeme_prob", type=Path)
    ap.add_argument("--min-logprob", type=float, default=-19.0)
    args = ap.parse_args()
    print(f"{build(args.lexeme_prob, args.min_logprob)} words -> {OUT}")


if __name__ == "__main__":
    main()
