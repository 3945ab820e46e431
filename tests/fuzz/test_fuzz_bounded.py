"""The atheris fuzzers, run for a bounded time on every test run (20 s each, fixed seed), so CI
catches a reader, number or date regression that the properties miss. Long runs (10 minutes
each) are how the README's figure was measured: see the harnesses' docstrings."""
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
SECONDS = 20


@pytest.mark.skipif(importlib.util.find_spec("atheris") is None, reason="atheris is not installed (test extras)")
@pytest.mark.parametrize("target", ["readers", "numbers", "dates"])
def test_fuzzer_runs_clean(target, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    proc = subprocess.run(
        [sys.executable, str(HERE / f"fuzz_{target}.py"), f"-max_total_time={SECONDS}", "-seed=17",
         f"-artifact_prefix={tmp_path}/crash-", "-print_final_stats=1", str(corpus), str(HERE / "seeds" / target)],
        capture_output=True, text=True, timeout=SECONDS * 10, cwd=HERE)
    crashes = list(tmp_path.glob("crash-*"))
    assert proc.returncode == 0 and not crashes, (
        f"fuzz_{target} found a crash ({[c.name for c in crashes]}); keep the input in "
        f"tests/fuzz/crashes/{target}/ once fixed.\n" + proc.stderr[-3000:])
    assert "stat::number_of_executed_units" in proc.stderr
