"""Records -> the JSON objects of the output contract (``docs/output-contract.md``), and validation."""
from __future__ import annotations

import json
from dataclasses import asdict
from functools import lru_cache
from importlib import resources

from marsad.records import DocumentResult, Event, Toll

EVENT_FIELDS = ["event_id", "event_date", "event_date_end", "time_precision", "date_text", "event_type",
                "sub_event_type", "plover_event", "plover_mode", "actor1", "assoc_actor_1", "inter1", "actor2",
                "assoc_actor_2", "inter2", "country", "iso3", "admin1", "admin2", "location", "latitude",
                "longitude", "geo_precision", "geonameid", "fatalities", "fatalities_low", "fatalities_high",
                "injuries", "victims", "modality", "source", "notes", "evidence"]


def event_to_dict(ev: Event) -> dict:
    d = {f: getattr(ev, f) for f in EVENT_FIELDS}
    d["victims"] = {k: ev.victims.get(k) for k in ("civilians", "children", "women", "combatants")}
    d["evidence"] = [s.to_dict() for s in ev.evidence]
    return d


def toll_to_dict(t: Toll) -> dict:
    d = asdict(t)
    d["evidence"] = [s.to_dict() for s in t.evidence]
    return d


def document_to_dict(res: DocumentResult) -> dict:
    if res.error is not None:
        return {"doc_id": res.doc_id, "error": dict(res.error), "warnings": list(res.warnings)}
    return {
        "doc_id": res.doc_id, "title": res.title, "source": res.source, "url": res.url,
        "publication_date": res.publication_date, "language": res.language,
        "events": [event_to_dict(e) for e in res.events],
        "tolls": [toll_to_dict(t) for t in res.tolls],
        "places": [p.to_contract() for p in res.places],
        "entities": [{"canonical": e.canonical, "type": e.type, "kb_id": e.kb_id,
                      "mentions": [m.to_dict() for m in e.mentions]} for e in res.entities],
        "warnings": list(res.warnings),
    }


@lru_cache(maxsize=1)
def load_schema() -> dict:
    return json.loads(resources.files("marsad.output").joinpath("contract.schema.json").read_text("utf-8"))


@lru_cache(maxsize=2)
def _validator(kind: str = "document"):
    """A validator for one branch of the schema, so errors name the exact field that is wrong."""
    import jsonschema
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    branch = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"}
    return jsonschema.Draft202012Validator(branch)


def validate_document(obj: dict) -> list[str]:
    """Contract violations of one document object (empty when valid)."""
    errs = []
    if not isinstance(obj, dict):
        return ["<root>: not a JSON object"]
    kind = "error_record" if "error" in obj else "document"
    for e in sorted(_validator(kind).iter_errors(obj), key=lambda e: list(e.path)):
        where = "/".join(str(p) for p in e.path) or "<root>"
        errs.append(f"{where}: {e.message}")
    # offsets the schema cannot check: every span must run forwards
    for key in ("events", "tolls"):
        for i, rec in enumerate(obj.get(key) or []):
            for sp in rec.get("evidence", []) if isinstance(rec, dict) else []:
                if isinstance(sp, dict) and isinstance(sp.get("start"), int) and isinstance(sp.get("end"), int) \
                        and sp["end"] < sp["start"]:
                    errs.append(f"{key}/{i}: evidence end before start")
    return errs
