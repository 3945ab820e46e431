"""The API under hostile use: SQL injection attempts in every filter, markup in stored text.
(The dashboard's rendering of hostile text is tried in Chromium by test_dashboard.py.)"""
import pytest

from apihelpers import SQL, XSS, Client, make_app
from marsad.store import Filters, Store

FILTERS = ["country", "admin1", "type", "sub_event_type", "actor"]
ROUTES = ["/api/incidents", "/api/geojson", "/api/timeline", "/api/facets", "/api/actors", "/api/places"]


@pytest.fixture(scope="module")
def client(example_db, token_file):
    return Client(make_app(example_db, token_file))


@pytest.mark.parametrize("payload", SQL)
def test_sql_injection_in_every_filter_matches_nothing_and_changes_nothing(client, example_db, payload):
    with Store(example_db) as s:
        before = s.counts()
    for route in ROUTES:
        for name in FILTERS:
            r = client.get(route, params={name: payload})
            assert r.status_code == 200, (route, name, r.text)
            body = r.json()
            n = body.get("total", len(body.get("features", body.get("buckets", []))))
            assert n == 0, (route, name, payload)
        assert client.get(route, params={"bbox": payload}).status_code == 422
        assert client.get(route, params={"since": payload}).status_code == 422
        assert client.get(route, params={"min_fatalities": payload}).status_code == 422
    for name in ("kind", "scope"):
        assert client.get("/api/tolls", params={name: payload}).json()["total"] == 0
    assert client.get("/api/incidents/" + payload.replace("/", "%2F")).status_code in (404,)
    with Store(example_db) as s:  # the store itself, as the CLI calls it
        for field in ("country", "admin1", "event_type", "sub_event_type", "actor"):
            assert list(s.incidents(Filters(**{field: payload}))) == [], field
        assert s.counts() == before
        assert s.counts()["incidents"] > 0


def test_hostile_text_round_trips_verbatim_as_json(hostile_db, token_file):
    c = Client(make_app(hostile_db, token_file))
    items = c.get("/api/incidents").json()["items"]
    assert len(items) == len(XSS)
    for item in items:
        r = c.get(f"/api/incidents/{item['incident_id']}")
        assert r.headers["content-type"].startswith("application/json")
        assert r.headers["x-content-type-options"] == "nosniff"
        inc = r.json()
        payload = next(p for p in XSS if p in inc["location"])
        assert inc["actor1"] == f"Militia {payload}" and inc["reports"][0]["outlet"] == f"Outlet {payload}"
        assert payload in inc["reports"][0]["text"] and payload in inc["reports"][0]["title"]
    page = c.get("/")
    assert not any(p in page.text for p in XSS)  # the page is static; data only arrives as JSON
