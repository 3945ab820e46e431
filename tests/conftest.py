import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# Keep the gazetteer index and any store out of the user's home during tests.
os.environ.setdefault("MARSAD_HOME", tempfile.mkdtemp(prefix="marsad-test-"))


def shared_path(*parts) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} not found: the shared evaluation data is not beside this checkout")
    return p


@pytest.fixture(scope="session")
def shared():
    """``shared("eval", "fakes", "dev.csv")``: a path in ../shared, or skip the test when it is absent."""
    return shared_path


@pytest.fixture(scope="session")
def pipeline():
    from marsad.pipeline import Pipeline
    return Pipeline()


# ---------------------------------------------------------------------------- stores
# Every test that touches the store runs on SQLite and on PostgreSQL. The PostgreSQL server is a
# real one, started once per test session from the `pgserver` package (a test extra) in a
# temporary folder; each test gets a database of its own.

@pytest.fixture(scope="session")
def pg_server(tmp_path_factory):
    try:
        import pgserver  # noqa: F401
        import psycopg  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"PostgreSQL tests need the test extras (pgserver, psycopg): {exc}")
    import pgserver
    # a short path: the server's Unix socket lives in the data folder (107-byte limit)
    data = Path(tempfile.mkdtemp(prefix="marsad-pg-")) / "data"
    srv = pgserver.get_server(data, cleanup_mode="delete")
    yield srv
    srv.cleanup()


_db_counter = iter(range(1, 10**6))


@pytest.fixture
def pg_url(pg_server):
    """The URL of a fresh, empty PostgreSQL database on the session's server."""
    import psycopg
    name = f"marsad_test_{os.getpid()}_{next(_db_counter)}"
    base = pg_server.get_uri()
    with psycopg.connect(base, autocommit=True) as c:
        c.execute(f"CREATE DATABASE {name}")
    yield base.replace("/postgres?", f"/{name}?", 1)
    with psycopg.connect(base, autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh store's path or URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "marsad.sqlite")
    return request.getfixturevalue("pg_url")
