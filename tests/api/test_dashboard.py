"""The dashboard end to end in headless Chromium (Debian's, driven by Playwright): load, filter, click
an incident, see the highlighted evidence; hostile text stays text. Screenshots go to
test-artifacts/screenshots/ and the first-load time is printed."""
import os
import socket
import threading
import time
from pathlib import Path

import pytest

from apihelpers import XSS, make_app

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def _need_browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")


class Server:
    """uvicorn serving the app on a free loopback port in a thread of this process."""

    def __init__(self, app):
        import uvicorn
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        self.thread.start()
        deadline = time.time() + 20
        while not self.server.started and time.time() < deadline:
            time.sleep(0.05)
        assert self.server.started, "the server did not start"
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    # bypass_csp: the tests evaluate script in the page; it also shows the escaping alone keeps hostile text inert
    ctx = browser.new_context(viewport={"width": 1400, "height": 860}, bypass_csp=True)
    pg = ctx.new_page()
    external = []
    pg.on("request", lambda r: external.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:")) else None)
    pg.external_requests = external
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.page_errors = errors
    yield pg
    ctx.close()


@pytest.fixture(scope="module")
def example_site(example_db, token_file):
    with Server(make_app(example_db, token_file)) as url:
        yield url


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def _load(page, url):
    page.goto(url + "/")
    page.wait_for_selector("body[data-ready='1']", timeout=30_000)
    return page.evaluate("window.marsadFirstLoadMs")


def _markers(page):
    return int(page.evaluate("document.body.dataset.markers"))


def test_first_load_shows_the_examples_on_the_map(page, example_site):
    ms = _load(page, example_site)
    print(f"\ndashboard first load (examples store): {ms:.0f} ms")
    features = page.evaluate("fetch('/api/geojson').then(r => r.json()).then(j => j.features.length)")
    assert features >= 10 and _markers(page) == features
    # the incidents are drawn: clusters or single points are on the map
    assert int(page.evaluate("document.body.dataset.drawn")) >= 1
    assert page.locator("#incidents tbody tr").count() >= 10
    assert page.locator("#timeline rect").count() >= 3
    assert page.locator("#map canvas").count() >= 1  # country boundaries, drawn on a canvas
    page.wait_for_selector("body[data-detailed-base='1']", timeout=30_000)  # then the 1:50m outlines
    # and the admin-1 boundaries of the packed conflict countries (Syria's governorates among them)
    page.wait_for_selector("body[data-admin1]", timeout=30_000)
    assert int(page.evaluate("document.body.dataset.admin1")) >= 300
    syria = page.evaluate("fetch('/static/vendor/admin1.json').then(r => r.json())"
                          ".then(j => j.features.filter(f => f.properties.country === 'SY').length)")
    assert syria >= 14
    _shot(page, "01-first-load")
    assert page.external_requests == [] and page.page_errors == []


def test_filter_then_open_an_incident_with_highlighted_evidence(page, example_site):
    _load(page, example_site)
    total = page.locator("#table-count").inner_text()
    page.select_option("#f-country", "Syria")
    page.click("#f-apply")
    page.wait_for_function("document.getElementById('table-count').textContent !== %r" % total)
    rows = page.locator("#incidents tbody tr")
    assert rows.count() >= 2
    for i in range(rows.count()):
        assert "Syria" in rows.nth(i).inner_text()
    assert _markers(page) == rows.count()
    n_syria = rows.count()
    page.fill("#f-minfat", "9")
    page.click("#f-apply")
    want = page.evaluate("fetch('/api/incidents?country=Syria&min_fatalities=9').then(r => r.json()).then(j => j.total)")
    assert 1 <= want < n_syria
    page.wait_for_function("document.getElementById('table-count').textContent === '%d incident%s'"
                           % (want, "" if want == 1 else "s"))
    first = page.locator("#incidents tbody tr").first
    assert int(first.locator("td.num").inner_text()) >= 9
    first.click()
    page.wait_for_selector("#detail:not([hidden]) mark.evidence")
    marks = page.locator("#detail mark.evidence")
    assert marks.count() >= 1
    report_text = page.locator("#detail .report .text").first.inner_text()
    assert marks.first.inner_text() in report_text
    assert page.locator("#detail table.figures tr").count() >= 2  # header + one row per report
    _shot(page, "02-incident-evidence")
    page.click("#detail-close")
    assert page.locator("#detail").is_hidden()


def test_a_merged_incident_shows_both_reports_side_by_side(page, merged_db, token_file):
    with Server(make_app(merged_db, token_file)) as url:
        _load(page, url)
        page.locator("#incidents tbody tr").first.click()
        page.wait_for_selector("#detail:not([hidden]) mark.evidence")
        assert page.locator("#detail .report").count() == 2
        assert page.locator("#detail .report mark.evidence").count() >= 2  # each report's own evidence
        figures = page.locator("#detail table.figures").inner_text()
        assert "12" in figures and "14" in figures
        assert "put the toll at 14" in page.locator("#detail").inner_text()
        _shot(page, "05-merged-incident")


def test_timeline_selection_filters_the_map(page, example_site):
    _load(page, example_site)
    page.select_option("#tl-interval", "week")
    page.wait_for_function("document.getElementById('status').textContent.indexOf('on the map') >= 0")
    before = _markers(page)
    bar = page.locator("#timeline rect").first.bounding_box()  # the earliest week with events
    page.mouse.move(bar["x"] + 0.5, bar["y"] + bar["height"] / 2)
    page.mouse.down()
    page.mouse.move(bar["x"] + bar["width"] - 0.5, bar["y"] + bar["height"] / 2)
    page.mouse.up()
    page.wait_for_function("document.getElementById('f-since').value !== ''")
    page.wait_for_function(f"Number(document.body.dataset.markers) < {before}")
    assert _markers(page) >= 1
    since, until = page.input_value("#f-since"), page.input_value("#f-until")
    shown = page.evaluate("""fetch('/api/incidents?limit=1000&since=%s&until=%s').then(r => r.json()).then(j => j.total)"""
                          % (since, until))
    assert page.locator("#table-count").inner_text().startswith(f"{shown} incident")
    _shot(page, "03-timeline-filter")


def test_hostile_text_is_shown_as_text_and_never_runs(page, hostile_db, token_file):
    with Server(make_app(hostile_db, token_file)) as url:
        _load(page, url)
        rows = page.locator("#incidents tbody tr")
        assert rows.count() == len(XSS)
        # tooltips, table, filter menus and the incident view all hold the payloads as text
        box = page.locator("#map").bounding_box()
        for lat, lon in page.evaluate("fetch('/api/geojson').then(r => r.json()).then(j => "
                                      "j.features.map(f => [f.geometry.coordinates[1], f.geometry.coordinates[0]]))"):
            xy = page.evaluate(f"(() => {{ marsadMap.setView([{lat}, {lon}], 12, {{animate: false}}); "
                               f"const p = marsadMap.latLngToContainerPoint([{lat}, {lon}]); return [p.x, p.y]; }})()")
            page.wait_for_timeout(100)
            page.mouse.move(box["x"] + xy[0], box["y"] + xy[1])
            tip = page.locator(".leaflet-tooltip").last
            tip.wait_for(timeout=5_000)
            assert any(p in tip.inner_text() for p in XSS)
            assert page.locator(".leaflet-tooltip img, .leaflet-tooltip svg, .leaflet-tooltip script").count() == 0
            page.mouse.move(box["x"] + 5, box["y"] + box["height"] - 5)
        for i in range(rows.count()):
            rows.nth(i).click()
            page.wait_for_selector("#detail:not([hidden]) mark.evidence")
            detail = page.locator("#detail").inner_text()
            assert any(p in detail for p in XSS)
        _shot(page, "04-hostile-text")
        assert page.evaluate("window.__xss") is None
        assert page.locator("#detail img, #detail iframe, #detail script, #detail svg, #incidents img").count() == 0
        assert page.external_requests == []
