"""Per-component timings that used to be timed asserts in the tests (timings belong here, not in tests).

Prints the median of several runs for: actor knowledge base load (cold and cached), actor name lookup,
actor resolution per document, gazetteer open + first lookup, and geoparsing per document, each beside
the budget it is meant to stay within. Run: `.venv/bin/python bench/components.py` (reads the founding
article from ../shared/examples when it is there, else the bundled examples/).
"""
from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT.parent / "shared" / "examples" / "000_29281ecb90590ecd.txt"


def timed(fn, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    from marsad.actors import kb as kbmod
    from marsad.actors.kb import KnowledgeBase
    from marsad.actors.resolve import ActorResolver
    from marsad.parse.nlp import build_nlp
    from marsad.places.gazetteer import Gazetteer
    from marsad.places.geoparse import Geoparser

    text_path = ARTICLE if ARTICLE.exists() else sorted((ROOT / "examples").glob("*.txt"))[0]
    text = text_path.read_text(encoding="utf-8")

    rows = []
    rows.append(("actor KB load, cold", timed(lambda: kbmod.KnowledgeBase()._load_all(()), 3), 1.0))
    KnowledgeBase.load()
    rows.append(("actor KB load, cached", timed(KnowledgeBase.load), 0.05))
    kb = KnowledgeBase.load()
    kb.lookup("Macaron")  # builds the fuzzy index once
    names = ["Macron", "McCron", "Putni", "Hayat Tahrir al-Sham", "Jacob Kern", "Real Loblan", "Idleb"] * 50
    rows.append(("actor lookup, per name", timed(lambda: [kb.lookup(n) for n in names]) / len(names), 0.002))

    gaz = Gazetteer.open()
    path = gaz.path

    def open_and_lookup():
        g = Gazetteer.open(path)
        g.lookup("Aleppo")
        g.close()
    rows.append(("gazetteer open + lookup", timed(open_and_lookup), 0.5))

    nlp = build_nlp(gaz, kb)
    doc = nlp(text)
    geoparser = Geoparser(gaz)
    geoparser.geoparse(doc)
    rows.append(("geoparse, per document", timed(lambda: geoparser.geoparse(doc), 10), 0.05))
    resolver = ActorResolver(kb)
    resolver.resolve(doc, country="SY")
    rows.append(("actor resolve, per document",
                 timed(lambda: resolver.resolve(doc, country="SY", date="2018-02-09")), 0.05))

    print(f"document: {text_path.name} ({len(text.split())} words)")
    print(f"{'component':30s} {'median ms':>10s} {'budget ms':>10s}")
    for name, secs, budget in rows:
        flag = "" if secs <= budget else "  OVER BUDGET"
        print(f"{name:30s} {secs * 1000:10.2f} {budget * 1000:10.1f}{flag}")


if __name__ == "__main__":
    main()
