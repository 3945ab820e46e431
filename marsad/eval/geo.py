"""``marsad eval geoparse FILE.xml``: GeoWebNews / LGL toponyms with gold coordinates."""
from __future__ import annotations

from marsad.records import InputDocument


def evaluate_geo_file(path, pipeline, limit=None) -> dict:
    from marsad.places.evaluate import evaluate_geoparse

    def parse_fn(text: str):
        res = pipeline.process(InputDocument(text=text, doc_id="g"))
        return [p.to_contract() for p in res.places]
    return evaluate_geoparse(path, parse_fn, limit=limit)
