"""The load bench (bench/load.py, run by `make bench`) works, briefly: concurrent submissions and
queries against a real `marsad serve` on loopback, with no server error and every accepted
submission stored exactly once. The figures themselves are the bench's, not a test's."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_load_bench_runs_clean():
    p = subprocess.run([sys.executable, "bench/load.py", "--seconds", "4", "--writers", "2", "--readers", "4",
                        "--seed-docs", "4"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "none lost or duplicated" in p.stdout and "p99 ms" in p.stdout
