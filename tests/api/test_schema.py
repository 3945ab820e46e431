"""schemathesis over the OpenAPI schema: every operation, with generated parameters and bodies,
answers without a server error, with a documented status code, content type and response shape."""
import sqlite3

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance, response_schema_conformance,
                                               status_code_conformance)

from apihelpers import make_app
from marsad.store import Store

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def api_schema(example_db, token_file, pipeline, tmp_path_factory):
    db = tmp_path_factory.mktemp("schema") / "store.sqlite"
    with Store(example_db) as src:  # a copy the generated submissions may write to
        dst = sqlite3.connect(str(db))
        src.conn.backup(dst)
        dst.close()
    app = make_app(db, token_file, pipeline, write_per_minute=0, read_per_minute=0)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


OPERATIONS = ["GET /health", "GET /api/incidents", "GET /api/incidents/{incident_id}", "GET /api/geojson",
              "GET /api/timeline", "GET /api/facets", "GET /api/actors", "GET /api/places", "GET /api/tolls",
              "POST /api/documents", "POST /api/documents/upload"]


def test_the_schema_lists_every_operation(api_schema):
    listed = sorted(f"{r.ok().method.upper()} {r.ok().path}" for r in api_schema.get_all_operations())
    assert listed == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_every_operation_conforms(api_schema, token, label):
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]
    examples = 15 if method == "POST" else 40  # a submission runs the whole pipeline

    @given(case=operation.as_strategy())
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        r = case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
        codes[r.status_code] = codes.get(r.status_code, 0) + 1

    codes: dict = {}
    run()
    print(f"\n{label}: {sum(codes.values())} generated requests, status codes {dict(sorted(codes.items()))}")
    assert sum(codes.values()) >= (1 if label == "GET /health" else 5)
