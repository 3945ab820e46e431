"""Bounded load test of the REST API on loopback: concurrent submissions and queries.

    .venv/bin/python bench/load.py [--seconds 30] [--writers 4] [--readers 16] [--db URL]

Starts `marsad serve` on 127.0.0.1 with a fresh store and a write token (rate limits raised out
of the way, so what is measured is the service), seeds it with a few reports, then runs a small
asyncio client for a fixed time: ``--writers`` tasks each submit one new report at a time (POST
/api/documents, extraction included) and ``--readers`` tasks query incidents, GeoJSON, the
timeline and facets with filters. Prints, per kind of request, the number, the throughput and the
p50/p95/p99 latency, and the errors; then checks that every accepted submission is stored exactly
once. Exits non-zero on any 5xx, transport error or lost/duplicated document.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["Aleppo", "Idlib", "Maiduguri", "Mogadishu", "Sanaa", "Kabul", "Mosul", "Benghazi", "Kandahar", "Taiz"]
DEEDS = ["Gunmen killed {n} civilians in {p} on Friday, police said.",
         "An air strike on a market in {p} killed {n} people on Sunday, activists said.",
         "Clashes between the army and rebels near {p} left {n} fighters dead on Monday.",
         "Hundreds of protesters marched in {p} on Tuesday to demand the release of {n} detained students."]
QUERIES = [("incidents", "/api/incidents", {"limit": 50}), ("incidents", "/api/incidents", {"country": "Syria"}),
           ("incidents", "/api/incidents", {"type": "Battles", "since": "2019-01-01"}),
           ("geojson", "/api/geojson", {}), ("timeline", "/api/timeline", {"country": "Nigeria"}),
           ("facets", "/api/facets", {})]


def report(i: int) -> dict:
    day = 1 + i % 27
    return {"text": DEEDS[i % 4].format(n=2 + i % 13, p=PLACES[i % 10]) + f" (report {i})",
            "publication_date": f"2019-{1 + i % 12:02d}-{day:02d}", "doc_id": f"load-{i}"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


class Stats:
    def __init__(self):
        self.lat: dict[str, list[float]] = {}
        self.status: dict[str, dict] = {}
        self.errors: list[str] = []
        self.accepted: list[str] = []

    def add(self, kind: str, seconds: float, status) -> None:
        self.lat.setdefault(kind, []).append(seconds)
        st = self.status.setdefault(kind, {})
        st[status] = st.get(status, 0) + 1


async def writer(client, stats, ids, stop):
    while time.perf_counter() < stop:
        i = next(ids)
        t0 = time.perf_counter()
        try:
            r = await client.post("/api/documents", json=report(i), timeout=120)
            stats.add("submit", time.perf_counter() - t0, r.status_code)
            if r.status_code == 200:
                stats.accepted.append(f"load-{i}")
        except httpx.HTTPError as exc:
            stats.add("submit", time.perf_counter() - t0, "transport")
            stats.errors.append(f"submit: {exc!r}")


async def reader(client, stats, stop, rnd):
    while time.perf_counter() < stop:
        kind, path, params = rnd.choice(QUERIES)
        t0 = time.perf_counter()
        try:
            r = await client.get(path, params=params, timeout=60)
            stats.add(kind, time.perf_counter() - t0, r.status_code)
        except httpx.HTTPError as exc:
            stats.add(kind, time.perf_counter() - t0, "transport")
            stats.errors.append(f"{kind}: {exc!r}")


async def run_load(base: str, token: str, seconds: float, writers: int, readers: int, seed_docs: int) -> Stats:
    stats = Stats()
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=writers + readers + 2)
    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits) as client:
        r = await client.post("/api/documents", json={"documents": [report(-1 - i) for i in range(seed_docs)]},
                              timeout=300)
        r.raise_for_status()
        counter = iter(range(10 ** 9))
        stop = time.perf_counter() + seconds
        t0 = time.perf_counter()
        await asyncio.gather(*[writer(client, stats, counter, stop) for _ in range(writers)],
                             *[reader(client, stats, stop, random.Random(k)) for k in range(readers)])
        stats.elapsed = time.perf_counter() - t0
        h = (await client.get("/health")).json()
        stats.stored = h["documents"] - seed_docs
    return stats


def start_server(db: str, tokens: Path, port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "marsad", "serve", "--db", db, "--tokens", str(tokens), "--host", "127.0.0.1",
           "--port", str(port), "--write-rate", "1000000", "--read-rate", "100000000"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"marsad serve exited: {proc.stderr.read()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("marsad serve did not come up in 300 s")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--readers", type=int, default=16)
    ap.add_argument("--seed-docs", type=int, default=40, help="reports stored before the load starts")
    ap.add_argument("--db", help="store path or postgresql:// URL (default: a fresh SQLite file)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="marsad-load-") as tmp:
        db = args.db or str(Path(tmp) / "load.sqlite")
        tokens = Path(tmp) / "tokens.sqlite"
        env = dict(os.environ)
        token = subprocess.run([sys.executable, "-m", "marsad", "token", "create", "load", "--tokens", str(tokens)],
                               cwd=ROOT, capture_output=True, text=True, check=True, env=env).stdout.strip()
        port = free_port()
        proc = start_server(db, tokens, port)
        try:
            stats = asyncio.run(run_load(f"http://127.0.0.1:{port}", token, args.seconds, args.writers, args.readers,
                                         args.seed_docs))
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()

    print(f"load: {args.writers} writer(s) and {args.readers} reader(s) for {stats.elapsed:.1f} s on loopback "
          f"({args.seed_docs} reports stored first)")
    print(f"{'request':<10} {'n':>6} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  status")
    figures = {}
    for kind in ["submit"] + sorted(k for k in stats.lat if k != "submit"):
        lat = stats.lat.get(kind, [])
        row = {"n": len(lat), "per_s": len(lat) / stats.elapsed, "p50_ms": 1000 * pct(lat, 50),
               "p95_ms": 1000 * pct(lat, 95), "p99_ms": 1000 * pct(lat, 99), "status": stats.status.get(kind, {})}
        figures[kind] = row
        print(f"{kind:<10} {row['n']:>6} {row['per_s']:>8.1f} {row['p50_ms']:>8.0f} {row['p95_ms']:>8.0f} "
              f"{row['p99_ms']:>8.0f}  {row['status']}")
    reads = [v for k, v in stats.lat.items() if k != "submit" for v in v]
    print(f"all queries: {len(reads) / stats.elapsed:.1f}/s; submissions: "
          f"{len(stats.lat.get('submit', [])) / stats.elapsed:.2f}/s")
    bad = [f"{k}: {s} x{n}" for k, st in stats.status.items() for s, n in st.items()
           if s == "transport" or (isinstance(s, int) and s >= 500)]
    lost = len(stats.accepted) - stats.stored
    print(f"accepted submissions {len(stats.accepted)}, stored {stats.stored}: "
          + ("none lost or duplicated" if lost == 0 else f"MISMATCH ({lost:+d})"))
    if args.json:
        print(json.dumps({"seconds": stats.elapsed, "figures": figures, "accepted": len(stats.accepted),
                          "stored": stats.stored}))
    if bad or lost or stats.errors:
        print("FAILED: " + "; ".join(bad + stats.errors[:5]), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
