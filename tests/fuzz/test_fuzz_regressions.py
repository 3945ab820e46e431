"""Every input the fuzzers ever crashed on (``crashes/``) and every seed (``seeds/``), replayed
through its target on each test run (issue 17)."""
from pathlib import Path

import pytest

from targets import check_dates, check_numbers, check_readers

HERE = Path(__file__).parent
CASES = sorted(p for d in ("crashes", "seeds") for p in (HERE / d).glob("*/*") if not p.name.startswith("."))


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.parent.name}/{p.parent.name}/{p.name}")
def test_replay(path):
    data = path.read_bytes()
    target = path.parent.name
    if target == "readers":
        check_readers(data)
    else:
        # the harnesses turn bytes into text with atheris' FuzzedDataProvider; the files here
        # are read as UTF-8 (crash files saved from a run are re-encoded that way when kept)
        text = data.decode("utf-8", errors="replace")
        (check_numbers if target == "numbers" else check_dates)(text)
