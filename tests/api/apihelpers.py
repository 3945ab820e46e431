"""Helpers of the API and dashboard tests: an in-process client over httpx's ASGI transport, stores
(the bundled examples through the real pipeline, and hand-made documents full of hostile text)."""
import asyncio
from pathlib import Path

import httpx

from marsad.api import Settings, create_app
from marsad.store import Store

ROOT = Path(__file__).resolve().parents[2]

XSS = [
    '<script>window.__xss = "script"</script>',
    '<img src=x onerror="window.__xss = \'img\'">',
    '"><svg onload="window.__xss = \'svg\'">',
    "</textarea><iframe srcdoc=\"<script>parent.__xss='iframe'</script>\"></iframe>",
]
SQL = ["' OR '1'='1", "Syria'; DROP TABLE incidents; --", '" OR 1=1 --', "%' UNION SELECT record_json FROM incidents --",
       "1) OR (1=1", "\\'; DELETE FROM documents; --"]


class Client:
    """A synchronous face on ``httpx.AsyncClient(transport=httpx.ASGITransport(app))``: requests go
    through the whole ASGI stack in this process, no socket."""

    def __init__(self, app, client_addr=("127.0.0.1", 50000)):
        self.app = app
        self.client_addr = client_addr

    def request(self, method, url, **kw):
        async def go():
            transport = httpx.ASGITransport(app=self.app, client=self.client_addr)
            async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
                return await c.request(method, url, **kw)
        return asyncio.run(go())

    def get(self, url, **kw):
        return self.request("GET", url, **kw)

    def post(self, url, **kw):
        return self.request("POST", url, **kw)

    def options(self, url, **kw):
        return self.request("OPTIONS", url, **kw)


def ingest_examples(pipeline, db: Path, paths=(ROOT / "examples",)) -> None:
    from marsad.ingest.readers import read_paths
    from marsad.output.contract import document_to_dict
    items = []
    for res in pipeline.process_many(read_paths(paths)):
        assert res.error is None, res.error
        items.append((document_to_dict(res), res.text, "test"))
    with Store(db) as s:
        s.add_documents(items)


MERGED = [
    {"doc_id": "wire-a", "title": "Air strike kills 12 in Saraqib", "source": "Wire A", "publication_date": "2018-02-06",
     "text": "An air strike killed 12 people in the town of Saraqib in Idlib province on Monday, the Syrian "
             "Observatory for Human Rights said."},
    {"doc_id": "wire-b", "title": "Raid on Saraqib", "source": "Wire B", "publication_date": "2018-02-07",
     "text": "Warplanes struck Saraqib in Idlib on Monday, killing 14 civilians, civil defence workers said."},
]


def ingest_documents(pipeline, db: Path, docs) -> None:
    from marsad.output.contract import document_to_dict
    from marsad.records import InputDocument
    inputs = [InputDocument(date_origin="metadata", **d) for d in docs]
    items = []
    for res in pipeline.process_many(inputs):
        assert res.error is None, res.error
        items.append((document_to_dict(res), res.text, "test"))
    with Store(db) as s:
        s.add_documents(items)


def hostile_documents():
    """Contract documents whose every untrusted string (text, title, outlet, source, actors, places,
    notes) carries markup that would run script if a page used it as HTML."""
    docs = []
    for n, payload in enumerate(XSS):
        text = f"Intro. {payload} Five people were killed in {payload}-town by shelling. The end."
        start = text.index("Five")
        end = text.index("shelling.") + len("shelling.")
        title = f"Headline {payload}"
        ev = {"event_id": f"h{n}", "event_date": f"2020-01-0{n + 1}", "event_type": "Explosions/Remote violence",
              "sub_event_type": "Shelling/artillery/missile attack", "plover_event": "ASSAULT",
              "actor1": f"Militia {payload}", "actor2": "Civilians (Syria)", "country": "Syria", "iso3": "SYR",
              "admin1": f"Idlib {payload}", "location": f"{payload}-town", "latitude": 35.9 + n / 10,
              "longitude": 36.6 + n / 10, "geo_precision": 1, "fatalities": 5, "fatalities_low": 5,
              "fatalities_high": 5, "source": f"Observatory {payload}", "notes": f"Notes {payload}",
              "modality": "asserted",
              "evidence": [{"start": start, "end": end, "text": text[start:end]},
                           {"start": 0, "end": 8, "text": "Headline", "field": "title"}]}
        docs.append(({"doc_id": f"hostile-{n}", "title": title, "source": f"Outlet {payload}", "url": None,
                      "publication_date": f"2020-01-0{n + 1}", "language": "en", "events": [ev],
                      "tolls": [{"kind": "killed", "scope": "cumulative", "count_low": 100, "count_high": None,
                                 "period_start": None, "period_end": None, "location": payload, "latitude": None,
                                 "longitude": None, "source": payload,
                                 "evidence": [{"start": 0, "end": 6, "text": "Intro."}]}],
                      "places": [], "entities": [], "warnings": []}, text, "test"))
    return docs


def make_app(db, token_file, pipeline=None, **kw):
    return create_app(Settings(db=db, token_path=token_file,
                               pipeline_factory=(lambda: pipeline) if pipeline is not None else None, **kw))
