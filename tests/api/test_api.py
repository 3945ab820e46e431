"""The REST API in-process (httpx ASGI transport): every route, its filters and its errors."""
import json

import pytest

from marsad.api.tokens import TokenStore
from marsad.store import Store

from apihelpers import Client, make_app


@pytest.fixture(scope="module")
def client(example_db, token_file):
    return Client(make_app(example_db, token_file))


@pytest.fixture
def writer(fresh_db, token_file, pipeline):
    return Client(make_app(fresh_db, token_file, pipeline)), fresh_db


def auth(token):
    return {"Authorization": f"Bearer {token}"}


# ---------------------------------------------------------------------- reading
def test_health(client):
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["documents"] == 6 and r.json()["incidents"] >= 10


def test_openapi_and_no_cdn_docs(client):
    r = client.get("/openapi.json")
    assert r.status_code == 200
    paths = r.json()["paths"]
    for p in ("/health", "/api/incidents", "/api/incidents/{incident_id}", "/api/geojson", "/api/timeline",
              "/api/tolls", "/api/actors", "/api/places", "/api/facets", "/api/documents", "/api/documents/upload"):
        assert p in paths, p
    assert "bearer" in json.dumps(r.json()["components"]["securitySchemes"]).lower()
    assert client.get("/docs").status_code == 404  # FastAPI's docs page loads its scripts from a CDN


def test_incidents_match_the_cli_filters(client, example_db):
    with Store(example_db) as s:
        everything = list(s.incidents())
        cases = [dict(country="Syria"), dict(country="irq"), dict(event_type="Battles"),
                 dict(event_type="air/drone strike"), dict(event_type="CONSULT"), dict(since="2019-01-01"),
                 dict(until="2018-12-31"), dict(since="2018-02-08", until="2018-02-09"), dict(acled_only=True),
                 dict(admin1="idlib"), dict(actor="military forces of syria"), dict(min_fatalities=7),
                 dict(bbox="35,30,45,40"), dict(bbox="170,-90,-170,90"), dict(country="Syria", min_fatalities=1)]
        for kw in cases:
            skw = dict(kw, bbox=tuple(float(x) for x in kw["bbox"].split(","))) if "bbox" in kw else kw
            want = sorted(i["incident_id"] for i in s.incidents(**skw))
            params = {("type" if k == "event_type" else k): v for k, v in kw.items()}
            r = client.get("/api/incidents", params=dict(params, limit=1000))
            assert r.status_code == 200, (kw, r.text)
            body = r.json()
            assert body["total"] == len(want), kw
            assert sorted(i["incident_id"] for i in body["items"]) == want, kw
    assert client.get("/api/incidents").json()["total"] == len(everything)


def test_incidents_actor_min_fatalities_sort_and_pages(client):
    all_ = client.get("/api/incidents", params={"limit": 1000}).json()["items"]
    dated = [i["event_date"] for i in all_ if i["event_date"]]
    assert dated == sorted(dated, reverse=True)  # newest first
    r = client.get("/api/incidents", params={"actor": "military forces of syria", "limit": 1000}).json()
    assert r["total"] >= 2 and all("Syria" in (i["actor1"] or "") + (i["actor2"] or "") for i in r["items"])
    r = client.get("/api/incidents", params={"min_fatalities": 9}).json()
    assert r["total"] >= 2 and all(i["fatalities"] >= 9 for i in r["items"])
    r = client.get("/api/incidents", params={"sort": "fatalities_desc", "limit": 3}).json()
    assert [i["fatalities"] for i in r["items"]] == sorted((i["fatalities"] for i in all_), reverse=True)[:3]
    p1 = client.get("/api/incidents", params={"limit": 5, "offset": 0}).json()
    p2 = client.get("/api/incidents", params={"limit": 5, "offset": 5}).json()
    assert p1["total"] == p2["total"] == len(all_) and len(p1["items"]) == 5 and p2["offset"] == 5
    assert not {i["incident_id"] for i in p1["items"]} & {i["incident_id"] for i in p2["items"]}
    assert client.get("/api/incidents", params={"offset": 10_000}).json()["items"] == []


@pytest.mark.parametrize("params, says", [
    ({"since": "2018-13-01"}, "since"), ({"until": "yesterday"}, "until"), ({"limit": 0}, "limit"),
    ({"limit": 5000}, "limit"), ({"offset": -1}, "offset"), ({"min_fatalities": -1}, "min_fatalities"),
    ({"min_fatalities": "many"}, "min_fatalities"), ({"sort": "random"}, "sort"),
    ({"since": "2019-01-01", "until": "2018-01-01"}, "after until"), ({"country": "x" * 500}, "country"),
    ({"bbox": "1,2,3"}, "bbox"), ({"bbox": "0,50,10,40"}, "bbox"), ({"bbox": "0,0,200,10"}, "bbox"),
    ({"bbox": "nan,0,1,1"}, "bbox"),
])
def test_bad_parameters_are_422_naming_them(client, params, says):
    r = client.get("/api/incidents", params=params)
    assert r.status_code == 422, r.text
    assert says in r.text


def test_incident_with_reports_text_and_evidence(client):
    items = client.get("/api/incidents", params={"country": "Syria", "limit": 100}).json()["items"]
    assert items
    for s in items:
        r = client.get(f"/api/incidents/{s['incident_id']}")
        assert r.status_code == 200
        inc = r.json()
        assert inc["reports"] and inc["figures"] and len(inc["figures"]) == len(inc["reports"])
        for rep in inc["reports"]:
            assert rep["text"]
            for span in rep["evidence"]:
                base = rep["title"] if span.get("field") == "title" else rep["text"]
                assert base[span["start"]:span["end"]] == span["text"]
    r = client.get("/api/incidents/no-such-incident")
    assert r.status_code == 404 and "no-such-incident" in r.json()["detail"]


def test_merged_incident_shows_every_report_its_figures_and_revision(merged_db, token_file):
    c = Client(make_app(merged_db, token_file))
    items = c.get("/api/incidents").json()["items"]
    merged = [i for i in items if i["reports"] == 2]
    assert len(merged) == 1, items
    inc = c.get(f"/api/incidents/{merged[0]['incident_id']}").json()
    assert inc["documents"] == ["wire-a", "wire-b"]
    assert [r["outlet"] for r in inc["reports"]] == ["Wire A", "Wire B"]
    assert sorted(f["fatalities"] for f in inc["figures"]) == [12, 14]
    assert inc["fatalities"] == 12 and inc["fatalities_high"] == 14  # ACLED's lower figure, the range keeps both
    assert inc["revisions"] and inc["revisions"][0]["to"] == 14
    for r in inc["reports"]:
        for span in r["evidence"]:
            base = r["title"] if span.get("field") == "title" else r["text"]
            assert base[span["start"]:span["end"]] == span["text"]


def test_geojson(client):
    r = client.get("/api/geojson")
    assert r.status_code == 200
    fc = r.json()
    total = client.get("/api/incidents").json()["total"]
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) + fc["without_coordinates"] == total
    for f in fc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["id"] == f["properties"]["incident_id"]
    syria = client.get("/api/geojson", params={"country": "SYR"}).json()["features"]
    assert syria and all(f["properties"]["country"] == "Syria" for f in syria)
    assert all(30 < f["geometry"]["coordinates"][0] < 45 for f in syria)  # longitude first


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_timeline(client, interval):
    r = client.get("/api/timeline", params={"interval": interval})
    assert r.status_code == 200
    t = r.json()
    incidents = client.get("/api/incidents", params={"limit": 1000}).json()["items"]
    assert sum(b["events"] for b in t["buckets"]) + t["undated"] == len(incidents)
    assert sum(b["fatalities"] for b in t["buckets"]) == sum(i["fatalities"] for i in incidents if i["event_date"])
    if interval == "week":
        import datetime
        assert all(datetime.date.fromisoformat(b["period"]).weekday() == 0 for b in t["buckets"])
    assert client.get("/api/timeline", params={"interval": "year"}).status_code == 422
    assert client.get("/api/timeline", params={"interval": "auto"}).json()["interval"] == "month"  # 2018-2021


def test_actors_places_facets_tolls(client):
    a = client.get("/api/actors").json()
    assert a["total"] == len(a["items"]) and a["items"][0]["incidents"] >= a["items"][-1]["incidents"]
    assert any(x["name"].startswith("Military Forces of Syria") for x in a["items"])
    p = client.get("/api/places", params={"country": "Syria"}).json()
    assert p["items"] and all(x["country"] == "Syria" for x in p["items"])
    f = client.get("/api/facets").json()
    assert {"Syria", "Iraq", "Nigeria", "Somalia"} <= {c["name"] for c in f["countries"]}
    assert f["first_date"] <= f["last_date"]
    t = client.get("/api/tolls").json()
    assert t["total"] >= 2
    assert any(x["scope"] == "cumulative" and x["kind"] == "killed" and x["count_low"] for x in t["items"])
    assert client.get("/api/tolls", params={"kind": "displaced", "scope": "background"}).json()["total"] >= 1
    assert client.get("/api/tolls", params={"since": "2030-01-01"}).json()["total"] == 0
    assert client.get("/api/tolls", params={"since": "2020-01-01", "until": "2019-01-01"}).status_code == 422


def test_dashboard_is_served_offline(client):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "http://" not in r.text and "https://" not in r.text  # nothing from elsewhere
    for asset in ("/static/app.js", "/static/app.css", "/static/vendor/leaflet.js",
                  "/static/vendor/supercluster.min.js", "/static/vendor/topojson-client.min.js",
                  "/static/vendor/countries-110m.json", "/static/vendor/countries-50m.json",
                  "/static/vendor/admin1.json"):
        assert client.get(asset).status_code == 200, asset
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


# ---------------------------------------------------------------------- writing
DOC = {"text": "Two civilians were killed on Monday when an air strike hit a market in Maarat al-Numan, Idlib, "
               "the Syrian Observatory for Human Rights said.", "title": "Air strike on Idlib market",
       "source": "Test Wire", "publication_date": "2019-07-23"}


def test_writes_need_a_valid_token(writer, token_file):
    c, db = writer
    r = c.post("/api/documents", json=DOC)
    assert r.status_code == 401 and "marsad token create" in r.json()["detail"]
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert c.post("/api/documents", json=DOC, headers=auth("msd_not-a-token")).status_code == 401
    assert c.post("/api/documents", json=DOC, headers={"Authorization": "Basic dXNlcjpwYXNz"}).status_code == 401
    t = TokenStore(token_file)
    tok = t.create("soon-revoked")
    assert t.revoke("soon-revoked")
    assert c.post("/api/documents", json=DOC, headers=auth(tok)).status_code == 401
    up = c.post("/api/documents/upload", files={"files": ("a.txt", b"Five killed in Idlib.", "text/plain")})
    assert up.status_code == 401
    with Store(db) as s:
        assert s.counts()["documents"] == 6


def test_submit_one_then_again_then_query(writer, token):
    c, db = writer
    r = c.post("/api/documents", json=DOC, headers=auth(token))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["added"] == 1 and body["documents"][0]["stored"] and body["documents"][0]["events"] >= 1
    again = c.post("/api/documents", json=DOC, headers=auth(token)).json()
    assert again["added"] == 0 and again["skipped"] == 1 and not again["documents"][0]["stored"]
    found = c.get("/api/incidents", params={"since": "2019-07-22", "until": "2019-07-22", "country": "Syria"}).json()
    assert found["total"] >= 1
    inc = c.get(f"/api/incidents/{found['items'][0]['incident_id']}").json()
    assert inc["reports"][0]["title"] == DOC["title"] and inc["reports"][0]["outlet"] == "Test Wire"
    assert c.get("/health").json()["documents"] == 7


def test_batch_is_all_or_nothing(writer, token):
    c, db = writer
    good = dict(DOC, text="Clashes in Afgoye killed four soldiers on Saturday.", doc_id="batch-good")
    r = c.post("/api/documents", json={"documents": [good, dict(DOC, text="   ")]}, headers=auth(token))
    assert r.status_code == 422 and "nothing was stored" in r.json()["detail"]
    # the same id twice with different texts: the store refuses, and the good one is rolled back too
    clash = dict(DOC, text="Another text entirely, about a protest in Baghdad.", doc_id="batch-good")
    r = c.post("/api/documents", json={"documents": [good, clash]}, headers=auth(token))
    assert r.status_code == 409 and "nothing was stored" in r.json()["detail"]
    with Store(db) as s:
        assert s.counts()["documents"] == 6 and s.document("batch-good") is None
    r = c.post("/api/documents", json={"documents": [good, dict(DOC, doc_id="batch-2")]}, headers=auth(token))
    assert r.status_code == 200 and r.json()["added"] == 2


@pytest.mark.parametrize("body, says", [
    ({"title": "no text"}, "text"), ({"text": ""}, "text"), ({"text": "x", "colour": "red"}, "colour"),
    ({"text": "x", "publication_date": "2019-02-30"}, "publication_date"), ({"documents": []}, "documents"),
    ({"documents": [{"text": "x"}] * 101}, "documents"), ({"text": "x", "doc_id": "../../etc/passwd"}, "doc_id"),
    ({"text": "x" * 200_001}, "text"), ([1, 2], "body"),
])
def test_bad_submissions_are_422(writer, token, body, says):
    c, db = writer
    r = c.post("/api/documents", json=body, headers=auth(token))
    assert r.status_code == 422, r.text
    assert says in r.text
    with Store(db) as s:
        assert s.counts()["documents"] == 6


def test_malformed_json_is_422(writer, token):
    c, _ = writer
    r = c.post("/api/documents", content=b'{"text": "unterminated', headers=dict(auth(token), **{"Content-Type": "application/json"}))
    assert r.status_code == 422 and "json" in r.text.lower()


def test_upload_files(writer, token):
    c, db = writer
    jsonl = "\n".join(json.dumps({"id": f"up-{n}", "text": t, "date": "2020-05-09"}) for n, t in enumerate(
        ["Boko Haram fighters killed six farmers in Borno on Friday.", "Police fired tear gas at protesters in Baghdad."]))
    files = [("files", ("2020-05-09_report.txt", b"An explosion killed three people in Mogadishu on Friday.", "text/plain")),
             ("files", ("batch.jsonl", jsonl.encode(), "application/json"))]
    r = c.post("/api/documents/upload", files=files, data={"source": "Upload Wire"}, headers=auth(token))
    assert r.status_code == 200, r.text
    assert r.json()["added"] == 3
    with Store(db) as s:
        assert s.document("up-1")["source"] == "Upload Wire"


@pytest.mark.parametrize("name, content, says", [
    ("malware.exe", b"MZ\x90\x00", "unsupported file type"),
    ("bad.jsonl", b'{"text": "Five killed in Idlib."}\n{"text": broken\n', "invalid JSON"),
    ("empty.txt", b"   \n", "no text"),
])
def test_bad_uploads_store_nothing(writer, token, name, content, says):
    c, db = writer
    files = [("files", ("good.txt", b"Gunmen killed two policemen in Kirkuk on Sunday.", "text/plain")),
             ("files", (name, content, "application/octet-stream"))]
    r = c.post("/api/documents/upload", files=files, headers=auth(token))
    assert r.status_code == 422, r.text
    assert says in r.json()["detail"] and "nothing was stored" in r.json()["detail"]
    assert "/tmp" not in r.json()["detail"]
    with Store(db) as s:
        assert s.counts()["documents"] == 6


def test_body_size_limit(fresh_db, token_file, token):
    c = Client(make_app(fresh_db, token_file, max_body_bytes=2_000))
    big = {"text": "killed " * 1_000}
    r = c.post("/api/documents", json=big, headers=auth(token))
    assert r.status_code == 413 and "larger than" in r.json()["detail"]

    async def chunks():  # no Content-Length: counted while streaming
        for _ in range(10):
            yield b"x" * 500
    r = c.post("/api/documents", content=chunks(), headers=dict(auth(token), **{"Content-Type": "application/json"}))
    assert r.status_code == 413
    with Store(fresh_db) as s:
        assert s.counts()["documents"] == 6


def test_rate_limit_per_token(fresh_db, token_file, pipeline):
    c = Client(make_app(fresh_db, token_file, pipeline, write_per_minute=2))
    t = TokenStore(token_file)
    a, b = t.create("rate-a"), t.create("rate-b")
    codes = [c.post("/api/documents", json={"text": "x"}, headers=auth(a)).status_code for _ in range(4)]
    assert codes[:2] != [429, 429] and codes[2:] == [429, 429]
    r = c.post("/api/documents", json={"text": "x"}, headers=auth(a))
    assert r.status_code == 429 and int(r.headers["retry-after"]) >= 1
    assert c.post("/api/documents", json={"text": "x"}, headers=auth(b)).status_code != 429  # another token's bucket
    reads = Client(make_app(fresh_db, token_file, read_per_minute=3))
    assert [reads.get("/api/facets").status_code for _ in range(4)] == [200, 200, 200, 429]


def test_reads_can_require_a_token(example_db, token_file, token):
    c = Client(make_app(example_db, token_file, read_token=True))
    assert c.get("/api/incidents").status_code == 401
    assert c.get("/api/incidents", headers=auth(token)).status_code == 200


def test_cors_closed_by_default_and_open_when_configured(example_db, token_file):
    closed = Client(make_app(example_db, token_file))
    r = closed.get("/api/incidents", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = closed.options("/api/documents", headers={"Origin": "https://evil.example",
                                                    "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers and pre.status_code >= 400
    opened = Client(make_app(example_db, token_file, cors_origins=("https://ok.example",)))
    r = opened.get("/api/incidents", headers={"Origin": "https://ok.example"})
    assert r.headers["access-control-allow-origin"] == "https://ok.example"
    r = opened.get("/api/incidents", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_unreadable_store_is_503_not_500(tmp_path, token_file):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database" * 100)
    c = Client(make_app(bad, token_file))
    r = c.get("/api/incidents")
    assert r.status_code == 503 and "bad.sqlite" in r.json()["detail"]
