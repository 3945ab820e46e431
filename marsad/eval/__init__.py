"""``marsad eval``: score marsad's output against gold data in ACLED, FA-KES, CASE 2021 and
GeoWebNews/LGL formats. Metrics match ``../shared/tools/devscore.py`` where both compute one."""
from __future__ import annotations

from typing import Callable, Optional


def run_eval(kind: str, path: str, *, limit: Optional[int] = None, pipeline_factory: Callable, progress=None,
             labels: Optional[str] = None) -> dict:
    if kind == "acled":
        from marsad.eval.acled import evaluate_acled
        return evaluate_acled(path, pipeline_factory(), limit=limit, progress=progress)
    if kind == "fakes":
        from marsad.eval.fakes import evaluate_fakes
        return evaluate_fakes(path, pipeline_factory(), limit=limit, progress=progress)
    if kind == "case":
        from marsad.eval.case import evaluate_case_file
        return evaluate_case_file(path, pipeline_factory(), limit=limit)
    if kind == "geoparse":
        from marsad.eval.geo import evaluate_geo_file
        return evaluate_geo_file(path, pipeline_factory(), limit=limit)
    if kind == "merging":
        from marsad.eval.merging import DEFAULT_LABELS, evaluate_merging
        return evaluate_merging(path, pipeline_factory(), labels=labels or DEFAULT_LABELS, limit=limit, progress=progress)
    raise ValueError(f"unknown evaluation {kind!r}")
