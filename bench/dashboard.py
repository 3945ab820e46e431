"""The dashboard's first load in headless Chromium, on a store of the FA-KES dev articles and the
ACLED dev notes (target: under 2 s on this machine).

    .venv/bin/python bench/dashboard.py [--db STORE] [--repeat 5]

Without ``--db`` the store is built once (``marsad ingest`` of ../shared/eval/fakes/dev.csv and the
ACLED dev notes, a few minutes per thousand notes on 2 cores) at ``$MARSAD_HOME/bench-dashboard.sqlite``
and reused. Each load is a fresh browser context (empty cache) against ``marsad serve``'s app on
loopback; "first load" is from navigation start until the map's markers, the timeline and the table
are drawn (the page sets ``window.marsadFirstLoadMs``). The first load right after the server starts
(when it reads the store) is printed apart, with where its time went; then the API calls the page
makes, each timed alone, and ``--repeat`` loads in fresh browser contexts.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def build_store(db: Path) -> None:
    marsad = [sys.executable, "-m", "marsad", "ingest", "--db", str(db), "--format", "none"]
    subprocess.run(marsad + [str(EVAL / "fakes" / "dev.csv"), "--text-column", "article_content",
                             "--title-column", "article_title", "--date-column", "date", "--id-column", "unit_id"],
                   check=False)
    subprocess.run(marsad + [str(EVAL / "acled" / "global_2020-05_dev.csv"),
                             str(EVAL / "acled" / "syria_battles_2017-2019_dev.csv"),
                             "--text-column", "notes", "--date-column", "event_date", "--id-column", "event_id_cnty"],
                   check=False)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--screenshot", help="save a screenshot of the last load here")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "tests" / "api"))
    from marsad.api import Settings, create_app
    from marsad.paths import data_home
    from marsad.store import open_store
    from test_dashboard import Server  # the browser tests' in-process uvicorn server

    db = Path(args.db) if args.db else data_home() / "bench-dashboard.sqlite"
    if not args.db and not db.exists():
        if not EVAL.exists():
            print(f"{EVAL} not found: give --db", file=sys.stderr)
            return 2
        build_store(db)
    with open_store(str(db)) as s:
        counts = s.counts()
    print(f"store {db}: {counts['documents']} documents, {counts['incidents']} incidents")

    import httpx
    from playwright.sync_api import sync_playwright
    app = create_app(Settings(db=db, read_per_minute=0))
    def load(browser, url, screenshot=None, breakdown=False):
        ctx = browser.new_context(viewport={"width": 1400, "height": 860})
        page = ctx.new_page()
        page.goto(url + "/")
        page.wait_for_selector("body[data-ready='1']", timeout=60_000)
        ms = page.evaluate("window.marsadFirstLoadMs")
        markers = page.evaluate("document.body.dataset.markers")
        if breakdown:
            for name, start, end in page.evaluate(
                    "performance.getEntriesByType('resource').map(e => [e.name, e.startTime, e.responseEnd])"
                    ".concat(performance.getEntriesByType('mark').map(e => [e.name, e.startTime, e.startTime]))"):
                print(f"    {name.replace(url, ''):48s} {start:6.0f} -> {end:6.0f} ms")
        if screenshot:
            page.wait_for_selector("body[data-detailed-base='1']", timeout=60_000)
            page.screenshot(path=screenshot)
        ctx.close()
        return ms, markers

    with Server(app) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        ms, markers = load(browser, url, breakdown=True)
        print(f"  on a server that has not read the store yet (`marsad serve` reads it before it listens): "
              f"{ms:6.0f} ms, {markers} incidents on the map")
        with httpx.Client(base_url=url) as c:
            for path in ("/api/geojson", "/api/timeline?interval=week", "/api/incidents?limit=50", "/api/facets",
                         "/api/actors?limit=1000"):
                t0 = time.perf_counter()
                r = c.get(path)
                print(f"  {path:32s} {1000 * (time.perf_counter() - t0):6.0f} ms  {len(r.content) / 1e3:8.0f} kB")
        times = []
        for n in range(args.repeat):
            ms, markers = load(browser, url, screenshot=args.screenshot if n == args.repeat - 1 else None)
            times.append(ms)
            print(f"  load {n + 1}: {ms:6.0f} ms, {markers} incidents on the map")
        browser.close()
    print(f"dashboard first load: median {statistics.median(times):.0f} ms, max {max(times):.0f} ms "
          f"over {len(times)} loads in fresh browser contexts (target < 2000 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
