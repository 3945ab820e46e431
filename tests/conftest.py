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
