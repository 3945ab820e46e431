"""``marsad eval merging``: pairwise precision and recall of cross-document merging.

Gold: groups of articles that report one incident (``data/fakes_dev_incidents.tsv``, labelled by
reading the FA-KES dev articles; README "Merging across documents" says how). A gold pair is two
articles that share a labelled incident. A predicted pair is two articles with a report in one
stored incident. Only articles the gold file covers (every article of the labelled collection) are
scored, so precision counts every merge marsad makes among them.
"""
from __future__ import annotations

import itertools
import tempfile
from pathlib import Path
from typing import Iterable, Optional

from marsad.errors import InputError

DEFAULT_LABELS = Path(__file__).with_name("data") / "fakes_dev_incidents.tsv"
# the part of the FA-KES dev labels the matcher was tuned on: pairs with an article the crowd placed
# in one of these governorates (column ``location``); the other pairs are the held-out part
STUDIED_LOCATIONS = ("aleppo", "damascus")

Pair = tuple[str, str]


def load_groups(path=DEFAULT_LABELS) -> list[tuple[str, list[str]]]:
    """[(incident description, [doc ids])] from a labels file."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip() or line.startswith("#") or line.startswith("incident\t"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2 or len(parts[1].split()) < 2:
                raise InputError(f"{path}:{n}: expected 'incident<TAB>two or more ids'")
            out.append((parts[0], parts[1].split()))
    return out


def pairs_of(groups: Iterable[Iterable[str]]) -> set[Pair]:
    out = set()
    for g in groups:
        for a, b in itertools.combinations(sorted(set(g)), 2):
            out.add((a, b))
    return out


def score_pairs(predicted: set[Pair], gold: set[Pair]) -> dict:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "true_pairs": tp,
            "predicted_pairs": len(predicted), "gold_pairs": len(gold),
            "false_merges": sorted(predicted - gold), "missed": sorted(gold - predicted)}


def article_locations(path: str, id_column: str = "unit_id", column: str = "location") -> dict[str, str]:
    """doc id -> the value of ``column`` of a CSV of articles ({} when the file has no such columns)."""
    import csv
    if not str(path).lower().endswith(".csv"):
        return {}
    csv.field_size_limit(10**9)
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f)
        if not rows.fieldnames or id_column not in rows.fieldnames or column not in rows.fieldnames:
            return {}
        return {str(r[id_column]): (r[column] or "").strip().lower() for r in rows}


def score_parts(predicted: set[Pair], gold: set[Pair], locations: dict[str, str],
                studied=STUDIED_LOCATIONS) -> dict:
    """Scores on the studied part (pairs with an article placed in a ``studied`` location) and on
    the held-out part (every other pair), as flat figures."""
    def is_studied(p: Pair) -> bool:
        return locations.get(p[0]) in studied or locations.get(p[1]) in studied
    out = {}
    for name, keep in (("studied", is_studied), ("held_out", lambda p: not is_studied(p))):
        r = score_pairs({p for p in predicted if keep(p)}, {p for p in gold if keep(p)})
        for k in ("precision", "recall", "f1", "true_pairs", "predicted_pairs", "gold_pairs"):
            out[f"{name}_{k}"] = r[k]
    return out


def predicted_pairs(incidents: Iterable[dict], scope: Optional[set[str]] = None,
                    alias: Optional[dict[str, str]] = None) -> set[Pair]:
    """Pairs of articles with a report in one incident. ``alias``: an article whose identical text
    was already stored (so it was not stored again) -> that stored article; it shares the stored
    article's incidents, and the two are one report of whatever they report."""
    twins: dict[str, list[str]] = {}
    for dup, orig in (alias or {}).items():
        twins.setdefault(orig, []).append(dup)
    groups = [[orig, *dups] for orig, dups in twins.items()]
    for inc in incidents:
        docs = list(inc.get("documents") or [])
        docs += [t for d in docs for t in twins.get(d, [])]
        groups.append([d for d in docs if scope is None or d in scope])
    return pairs_of(groups)


def evaluate_merging(path: str, pipeline, *, labels=DEFAULT_LABELS, limit: Optional[int] = None,
                     progress=None, db: Optional[str] = None) -> dict:
    """Ingest ``path`` (as ``marsad ingest`` reads it) into a fresh store and score the merges."""
    from marsad.ingest.readers import ReadOptions, read_paths
    from marsad.output.contract import document_to_dict
    from marsad.store import Store
    from marsad.store.base import doc_hash

    gold_groups = load_groups(labels)
    gold = pairs_of(ids for _, ids in gold_groups)
    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="marsad-merge-eval-")
        db = str(Path(tmp.name) / "merge.sqlite")
    try:
        docs = []
        alias: dict[str, str] = {}  # an article whose text is already stored -> the stored article
        with Store(db) as store:
            for i, res in enumerate(pipeline.process_many(read_paths([path], ReadOptions()))):
                if limit is not None and i >= limit:
                    break
                if res.error is not None:
                    continue
                if not store.add_document(document_to_dict(res), res.text):
                    twin = store.execute("SELECT doc_id FROM documents WHERE content_hash = ?",
                                         (doc_hash(res.text),)).fetchone()
                    if twin is not None and str(twin[0]) != res.doc_id:
                        alias[res.doc_id] = str(twin[0])
                docs.append(res.doc_id)
            scope = set(docs)
            gold = {p for p in gold if p[0] in scope and p[1] in scope}
            predicted = predicted_pairs(store.incidents(), scope, alias)
            res = score_pairs(predicted, gold)
            locations = article_locations(path)
            if locations:
                res.update(score_parts(predicted, gold, locations))
            res["documents"] = len(scope)
            res["incidents"] = store.counts()["incidents"]
            res["multi_document_incidents"] = sum(1 for i in store.incidents() if len(i.get("documents") or []) > 1)
        return res
    finally:
        if tmp is not None:
            tmp.cleanup()
