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
    try:
        yield srv
    finally:
        _stop_pg(srv, data)


def _stop_pg(srv, data: Path) -> None:
    """Stop the session's server for sure. pgserver's ``cleanup()`` stops it only when it thinks
    this is the last process holding a handle (its book of holders can list other pids, e.g.
    forked workers), and then leaves the postmaster running after the tests: stop it explicitly
    with ``pg_ctl stop -m fast``, kill the postmaster if it is still there, then delete its folder."""
    import shutil
    import signal
    import time
    from pgserver._commands import pg_ctl
    pid_file = data / "postmaster.pid"
    if pid_file.exists():
        try:
            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=data, user=srv.system_user, timeout=30)
        except Exception:  # noqa: BLE001 - already stopped, or stuck: the kill below settles it
            pass
    if pid_file.exists():
        try:
            pid = int(pid_file.read_text().split()[0])
            os.kill(pid, signal.SIGTERM)
            for _ in range(50):
                os.kill(pid, 0)
                time.sleep(0.1)
            os.kill(pid, signal.SIGKILL)
        except (ProcessLookupError, ValueError, IndexError, OSError):
            pass
    try:
        srv.cleanup()  # pgserver's own bookkeeping (its atexit hook, its instance table)
    except Exception:  # noqa: BLE001
        pass
    shutil.rmtree(data.parent, ignore_errors=True)


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
