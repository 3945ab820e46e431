"""Fixtures for the API and dashboard tests (helpers in apihelpers.py)."""
import pytest

from marsad.api.tokens import TokenStore
from marsad.store import Store

from apihelpers import MERGED, hostile_documents, ingest_documents, ingest_examples


@pytest.fixture(scope="session")
def example_db(tmp_path_factory, pipeline):
    db = tmp_path_factory.mktemp("store") / "examples.sqlite"
    ingest_examples(pipeline, db)
    return db


@pytest.fixture(scope="session")
def merged_db(tmp_path_factory, pipeline):
    """Two outlets' reports of one air strike, published a day apart with different tolls: the store
    merges them into one incident with both reports, a range and a revision."""
    db = tmp_path_factory.mktemp("store") / "merged.sqlite"
    ingest_documents(pipeline, db, MERGED)
    return db


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("store") / "hostile.sqlite"
    with Store(db) as s:
        s.add_documents(hostile_documents())
    return db


@pytest.fixture(scope="session")
def token_file(tmp_path_factory):
    return tmp_path_factory.mktemp("tokens") / "tokens.sqlite"


@pytest.fixture(scope="session")
def token(token_file):
    return TokenStore(token_file).create("tester")


@pytest.fixture
def fresh_db(tmp_path, example_db):
    """A copy of the example store that a test may write to."""
    import sqlite3
    db = tmp_path / "fresh.sqlite"
    with Store(example_db) as src:
        dst = sqlite3.connect(str(db))
        src.conn.backup(dst)
        dst.close()
    return db
