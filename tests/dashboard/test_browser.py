"""The whole journey in a real browser: headless Chromium (Debian's) driven by Playwright.

Starts ``streamlit run dashboard/app.py`` on a free port with an empty data
directory (so the app seeds itself) in explicit local mode, then: sees the
map, uploads an article whose text and title carry HTML and script, reviews
and saves it, filters by actor and by date, exports the CSV and checks its
rows, and checks that no injected script ran and no injected element exists.
Screenshots go to test-artifacts/.  Skipped with a reason when Chromium or
Playwright is missing, unless REQUIRE_BROWSER=1 (CI), where that fails.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 90_000
# How long an expectation waits for the page (Playwright's default, 5 s, is too short on a busy machine: the
# rerun a click starts may begin after _idle has looked, and the page is then still the previous one).
EXPECT_MS = 30_000
HOSTILE_ARTICLE = """Shelling of Idlib <img src=x onerror="window.__xss=1">
07 December, 2015
Government forces shelled the town of Saraqib in Idlib province on Monday, killing four civilians \
<img src=x onerror="window.__xss=3">, local sources said.
<script>window.__xss=2</script>
Russian war planes also bombed rebel positions in the town of Maarat al-Numan, activists said.
"""

pytestmark = pytest.mark.browser


def _require_browser() -> None:
    reason = None
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM} (Debian package 'chromium'); the real-browser test is skipped"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the Playwright Python package is not installed; the real-browser test is skipped"
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def _app_server(tmp_path: Path, extra_env: dict[str, str]) -> Iterator[tuple[str, Path]]:
    """``streamlit run dashboard/app.py`` on a free port with an empty data directory (and ``extra_env``)."""
    _require_browser()
    tmp_path.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    data = tmp_path / "data"
    # The checkout under test first on the path: in a git worktree sharing another checkout's .venv, its editable
    # install would otherwise serve that checkout's dashboard package.
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = {**os.environ, "CONFLICT_MAP_DATA_DIR": str(data), "CONFLICT_MAP_MODE": "local", "PYTHONPATH": path, **extra_env}
    env.pop("CONFLICT_MAP_TILES", None)
    log = (tmp_path / "streamlit.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "streamlit.log"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            pytest.fail(f"streamlit did not start: {(tmp_path / 'streamlit.log').read_text()[-2000:]}")
        yield url, data
    except BaseException:
        print("--- streamlit log ---\n" + log_path.read_text(errors="replace")[-4000:])
        raise
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    with _app_server(tmp_path, {}) as running:
        yield running


@pytest.fixture
def pg_app(tmp_path: Path, pg_server, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path, str]]:  # noqa: ANN001
    """The app on a PostgreSQL store (CONFLICT_MAP_DATABASE_URL), a schema of the test server of its own."""
    store_url = pg_server.new_url()
    monkeypatch.setenv("CONFLICT_MAP_DATABASE_URL", store_url)  # this process's checks read the same store
    with _app_server(tmp_path, {"CONFLICT_MAP_DATABASE_URL": store_url}) as (url, data):
        yield url, data, store_url


def _idle(page) -> None:  # noqa: ANN001 - playwright Page
    """Wait until Streamlit has finished running the script."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=TIMEOUT_MS)
    page.wait_for_timeout(200)


def _delete_first_row(page, grid) -> None:  # noqa: ANN001 - playwright Page, Locator
    """Select the data editor's first row by its marker and delete it; the editor sizes itself to its rows, so the
    deletion has taken when it shrinks.  On a busy machine a click can land before the grid is ready: then select
    and delete again (up to three times), each time after the script's rerun has finished."""
    before = grid.bounding_box()["height"]
    for _ in range(3):
        cell = grid.bounding_box()
        page.mouse.click(cell["x"] + 12, cell["y"] + 35 + 17)  # the first row's marker: selects the row
        page.keyboard.press("Delete")
        page.wait_for_timeout(500)
        _idle(page)  # the deletion reruns the script: save after it, not during it
        for _ in range(20):
            if grid.bounding_box()["height"] < before:
                return
            page.wait_for_timeout(500)


def _scroll_to(page, locator) -> None:  # noqa: ANN001 - playwright Page, Locator
    """Scroll an element into view; when a rerun replaces it meanwhile ("Element is not attached to the DOM"),
    wait for the script to finish and find it again (the map kept on every page makes a page's first runs longer)."""
    for attempt in range(3):
        try:
            locator.scroll_into_view_if_needed(timeout=TIMEOUT_MS)
            return
        except Exception as error:  # playwright's Error: only a detached element is retried
            if "not attached" not in str(error) or attempt == 2:
                raise
            _idle(page)


def _click_point(page, x: float, y: float, shown) -> None:  # noqa: ANN001 - playwright Page, Locator
    """Hover then click a map point and wait for what the click shows. deck.gl picks what is under the pointer on
    hover; on a busy machine (SwiftShader, load 5+) a click may land before the pick or before the rerun it starts
    has begun, and nothing is selected: the user clicks again, and so does the test (up to 3 times)."""
    from playwright.sync_api import expect  # imported where used: the module imports without playwright

    for attempt in range(3):
        page.mouse.move(x, y)
        page.wait_for_timeout(300 + 700 * attempt)
        page.mouse.click(x, y)
        _idle(page)
        try:
            expect(shown).to_be_visible(timeout=15_000)
            return
        except AssertionError:
            if attempt == 2:
                raise


def _metric(page, label: str) -> int:  # noqa: ANN001
    box = page.locator('[data-testid="stMetric"]', has_text=label)
    return int(box.locator('[data-testid="stMetricValue"]').inner_text().replace(",", ""))


def _no_injection(page) -> None:  # noqa: ANN001
    assert page.evaluate("typeof window.__xss") == "undefined", "an injected script ran"
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0, "an <img> was injected"
    assert page.evaluate("[...document.scripts].filter(s => s.textContent.includes('__xss')).length") == 0


def _pixel(page, lat: float, lon: float, data_dir: Path, where: Path | str | None = None) -> tuple[float, float]:  # noqa: ANN001
    """Where deck.gl draws (lat, lon) on the page: the map's initial view is fitted to the events shown (no
    filter set), so it is computed as the page computes it, from the store (Web Mercator, 512 px tiles)."""
    from dashboard.maplayers import fitted_view
    from dashboard.reports import counted
    from dashboard.store import open_store

    store = open_store(where or data_dir / "events.sqlite3")
    view = fitted_view(counted(store.events_frame(), store.report_groups()))

    def world(la: float, lo: float) -> tuple[float, float]:
        size = 512 * 2 ** view["zoom"]
        y = (1 - math.log(math.tan(math.pi / 4 + math.radians(la) / 2)) / math.pi) / 2 * size
        return (lo + 180) / 360 * size, y

    box = page.locator('[data-testid="stDeckGlJsonChart"]').bounding_box()
    (x, y), (xc, yc) = world(lat, lon), world(view["latitude"], view["longitude"])
    return box["x"] + box["width"] / 2 + (x - xc), box["y"] + box["height"] / 2 + (y - yc)


def test_journey_in_a_real_browser(server: tuple[str, Path]) -> None:
    url, data_dir = server
    _run_journey(url, data_dir, None, failure="failure.png")


def test_journey_in_a_real_browser_on_postgresql(pg_app: tuple[str, Path, str]) -> None:
    """The whole journey with the store in PostgreSQL (``CONFLICT_MAP_DATABASE_URL``), as a team runs it."""
    url, data_dir, store_url = pg_app
    _run_journey(url, data_dir, store_url, failure="failure_postgresql.png")
    assert not (data_dir / "events.sqlite3").exists()  # nothing went to the SQLite default


def _run_journey(url: str, data_dir: Path, where: str | None, *, failure: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        try:
            _journey(page, url, data_dir, errors, where)
            # Online tiles are off by default: the browser asked no tile or style server for anything.
            assert [u for u in requested if "cartocdn" in u or "mapbox" in u] == []
        except BaseException:
            page.screenshot(path=str(ARTIFACTS / failure))
            raise
        finally:
            browser.close()


def _journey(page, server: str, data_dir: Path, errors: list[str], where: str | None = None) -> None:  # noqa: ANN001, C901
    from playwright.sync_api import expect

    from dashboard.store import open_store

    expect.set_options(timeout=EXPECT_MS)
    # 1. Open: the seeded events are on the offline map.
    page.goto(server)
    # The first run seeds the store (loads the NLP pipeline): allow for a slow, busy machine.
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=3 * TIMEOUT_MS)
    _idle(page)
    seeded = _metric(page, "Events in the store")
    assert seeded > 0, "the app seeds an empty store from sample_articles/"
    page.wait_for_timeout(1500)  # let deck.gl draw before the screenshot
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=True)
    page.locator('[data-testid="stDeckGlJsonChart"]').screenshot(path=str(ARTIFACTS / "map_country.png"))

    # 2. Upload an article (pasted), review, save.
    page.get_by_role("link", name="Upload").click()
    _idle(page)
    expect(page.get_by_text("up to 10 MB", exact=False).first).to_be_visible()
    area = page.get_by_label("Article text")
    area.fill(HOSTILE_ARTICLE)
    area.press("Control+Enter")
    _idle(page)
    page.get_by_role("button", name="Extract events").click()
    _idle(page)
    expect(page.get_by_text("2. The events")).to_be_visible()
    expect(page.get_by_text("Found ", exact=False).first).to_be_visible()
    _no_injection(page)
    page.set_viewport_size({"width": 1400, "height": 2600})  # Streamlit scrolls inside the page
    page.wait_for_timeout(2000)  # the events table is a canvas drawn after the resize
    page.screenshot(path=str(ARTIFACTS / "upload.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.get_by_role("button", name="Save article and events").click()
    _idle(page)
    expect(page.get_by_text("They are on the map now", exact=False)).to_be_visible()
    _no_injection(page)

    # 3. Back on the map: more events than before.
    page.get_by_role("link", name="Map").click()
    _idle(page)
    total = _metric(page, "Events in the store")
    assert total > seeded, (seeded, total)

    # 3b. Hover and click the new Saraqib event: escaped tooltip, then details with the article.
    frame = open_store(where or data_dir / "events.sqlite3").events_frame()
    saraqib = frame[frame["location_text"] == "Saraqib"].iloc[0]
    page.wait_for_timeout(1500)
    x, y = _pixel(page, saraqib["latitude"], saraqib["longitude"], data_dir, where)
    page.mouse.move(x, y)
    tooltip = page.locator(".deck-tooltip")
    expect(tooltip).to_contain_text("Saraqib")
    expect(tooltip).to_contain_text('<img src=x onerror="window.__xss=3">')  # the article's text, as text
    assert tooltip.locator("img").count() == 0
    _no_injection(page)
    _click_point(page, x, y, page.get_by_role("heading", name="Selected event"))
    expect(page.get_by_role("heading", name=re.compile("Shelling of Idlib <img"))).to_be_visible()
    _no_injection(page)
    page.set_viewport_size({"width": 1400, "height": 2200})
    page.wait_for_timeout(1500)
    page.screenshot(path=str(ARTIFACTS / "map_selected.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})

    # 4. Filter by actor: the first actor offered.
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stMultiSelect"]', has_text="Actor (either side)").click()
    option = page.locator('[role="option"]').filter(has_not_text="Select all").first
    actor = option.inner_text().strip()
    option.click()
    page.keyboard.press("Escape")
    _idle(page)
    by_actor = _metric(page, "Events shown")
    assert 0 < by_actor <= total
    assert "actor=" in page.url

    # 5. Filter by date: from 2015-12-01 (the seed article's events are from then).
    # Streamlit's date field is a row of spin buttons: type the digits, then leave the field.
    sidebar.get_by_role("spinbutton", name="year, From").click()
    page.keyboard.type("20151201", delay=50)
    page.get_by_role("heading", name="Filters").click()  # leaving the field commits it
    _idle(page)
    assert "from=2015-12-01" in page.url
    by_date = _metric(page, "Events shown")
    assert by_date <= by_actor
    # A typed date applies when its calendar closes: Esc, without leaving the box (Enter does not).
    sidebar.get_by_role("spinbutton", name="year, To").click()
    page.keyboard.type("20301231", delay=50)
    page.keyboard.press("Escape")
    _idle(page)
    assert "from=2015-12-01" in page.url and "to=2030-12-31" in page.url, page.url
    assert _metric(page, "Events shown") == by_date

    # 6. Export the filtered table as CSV; its rows are exactly the events shown.
    page.get_by_role("link", name="Table").click()
    _idle(page)
    # The exports below are the one download: the table's own toolbar has no "Download as CSV".
    page.locator('[data-testid="stDataFrame"]').first.hover()
    # (The table's own toolbar: a hidden map, kept for the session (dashboard/mappanel.py), has one too.)
    table_box = page.locator('[data-testid="stElementContainer"]', has=page.locator('[data-testid="stDataFrame"]'))
    toolbar = table_box.first.locator('[data-testid="stElementToolbar"]').first
    expect(toolbar.get_by_role("button", name="Search")).to_be_visible()
    assert toolbar.get_by_role("button", name="Download as CSV").count() == 0
    with page.expect_download() as info:
        page.get_by_role("button", name="CSV", exact=True).click()
    body = Path(info.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == by_date
    assert all(actor in (r["actor1"], r["actor2"]) for r in rows)
    assert all(r["event_date"] >= "2015-12-01" for r in rows)
    for row in rows:
        assert not re.match(r"^[=+\-@\t\r]", row["notes"] or "")

    # 7. The hostile article in the article viewer: shown as text, nothing ran.
    page.get_by_role("link", name="Articles").click()
    _idle(page)
    page.locator('[data-testid="stSelectbox"]', has_text="Open an article").click()
    page.locator('[role="option"]', has_text="Shelling of Idlib").click()
    _idle(page)
    expect(page.get_by_role("heading", name=re.compile("Shelling of Idlib <img"))).to_be_visible()
    page.get_by_text("Article text").click()  # expand the viewer
    _idle(page)
    expect(page.get_by_text("<script>window.__xss=2</script>", exact=False).first).to_be_visible()
    _no_injection(page)
    page.screenshot(path=str(ARTIFACTS / "articles.png"))

    # 8. Brushing a span on the timeline sets the date filter.
    page.get_by_role("link", name="Timeline").click()
    _idle(page)
    box = page.locator('[data-testid="stVegaLiteChart"]').bounding_box()
    y = box["y"] + box["height"] * 0.35
    page.mouse.move(box["x"] + box["width"] * 0.2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.95, y, steps=10)
    page.mouse.up()
    _idle(page)
    page.get_by_role("button", name="Use this span as the date filter").click()
    _idle(page)
    assert re.search(r"from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d", page.url), page.url
    page.screenshot(path=str(ARTIFACTS / "timeline.png"))

    # 9. A hostile shared link: its values are notes and a search text, shown as text.
    hostile = "?" + urllib.parse.urlencode(
        {"actor": '<img src=x onerror="window.__xss=4">', "q": "<script>window.__xss=5</script>"})
    page.goto(server + "/" + hostile)
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas')
    _idle(page)
    expect(page.get_by_text("not in the data", exact=False)).to_be_visible()
    _no_injection(page)
    assert page.evaluate("document.querySelectorAll('a[href^=\"javascript\"]').length") == 0

    # 10. Another outlet's report of the Saraqib shelling, and ACLED's own event for it: the map shows one event
    # with two reports (ACLED's is kept apart), and the comparison pairs ACLED's event with it.
    from dashboard.import_acled import import_acled
    from extraction import extract_article
    from extraction.records import Article
    from gazetteer import Gazetteer

    store = open_store(where or data_dir / "events.sqlite3")
    report = Article(text=SECOND_REPORT_TEXT, title="Regime artillery pounds Saraqeb", published=date(2015, 12, 8),
                     source="Local outlet")
    second = extract_article(report, gazetteer=Gazetteer.default(data_dir=data_dir, online=False))
    store.save_article(second.article, list(second.events), editor="browser-test")
    assert import_acled(store, ACLED_SARAQIB.encode()).added == 1
    page.goto(server + "/?origin=extracted")  # ACLED's point lies on ours: shown apart, compared below
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas')
    _idle(page)
    page.wait_for_timeout(1500)
    merged = second.events[0]
    x, y = _pixel(page, merged.latitude, merged.longitude, data_dir, where)
    _click_point(page, x, y, page.get_by_text("Reported by 2 articles", exact=False))
    page.goto(server + "/compare")  # without the origin filter: both sides are compared
    page.wait_for_selector('[data-testid="stMetric"]')
    _idle(page)
    both = page.locator('[data-testid="stMetric"]', has_text="In both")
    expect(both.locator('[data-testid="stMetricValue"]')).to_have_text("1")
    page.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)

    # 11. The map names places with no internet, at every zoom: the view fits the filtered events, so a
    # governorate filter frames a governorate and a search for one village's sentence frames the village.
    for name, query in (("map_governorate", "?gov=Idlib"), ("map_village", "?q=Saraqib")):
        page.goto(server + "/" + query)
        page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas')
        _idle(page)
        page.wait_for_timeout(2500)  # deck.gl draws the labels after the collision pass
        page.locator('[data-testid="stDeckGlJsonChart"]').screenshot(path=str(ARTIFACTS / f"{name}.png"))
    assert errors == [], errors


# Another outlet's report of the shelling in HOSTILE_ARTICLE (other words, spelling and toll), and ACLED's event.
SECOND_REPORT_TEXT = """Regime artillery pounds Saraqeb
Government forces shelled Saraqeb in the Idlib countryside on Monday, killing six people, activists said.
"""
ACLED_SARAQIB = (
    "event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,admin1,location,latitude,longitude,"
    "geo_precision,source,notes,fatalities\n"
    "SYR4242,07 December 2015,Explosions/Remote violence,Shelling/artillery/missile attack,"
    "Military Forces of Syria (2000-),Civilians (Syria),Idleb,Saraqab,35.8623,36.8041,1,SOHR,"
    "Regime forces shelled Saraqab.,4\n")


# A village no gazetteer knows (made up: OCHA's table has nearly every real one), near a real town.
LOOP_ARTICLE = """Helicopters strike villages in Idlib
Sun 09 Sep 2018
At least 15 helicopters dropped barrel bombs on the village of Khirbet Fixturjoz near Khan Shaykhun on Sunday, \
with at least two children killed, and on the nearby village of Abdin, a civil defence official said.
"""


CORRECTED = date(2016, 9, 11)  # over ten years before this was written (2026-12-05)


def test_review_loop_in_a_real_browser(server: tuple[str, Path]) -> None:
    """Upload, date detected and corrected to one over ten years old, an unknown village placed by clicking the
    map, save; the same text again (told it is stored, offered the review); correct an event from the map; the
    history; restore the first version."""
    assert CORRECTED < datetime.now(timezone.utc).date() - timedelta(days=10 * 366), "over ten years old"
    url, data_dir = server
    _run_review_loop(url, data_dir, None, failure="loop_failure.png")


def test_review_loop_in_a_real_browser_on_postgresql(pg_app: tuple[str, Path, str]) -> None:
    """The same review loop with the store in PostgreSQL (CONFLICT_MAP_DATABASE_URL): what the browser saved,
    restored and corrected is what the server's database holds."""
    url, data_dir, store_url = pg_app
    _run_review_loop(url, data_dir, store_url, failure="loop_failure_postgresql.png")
    assert not (data_dir / "events.sqlite3").exists()  # nothing went to the SQLite default


def _run_review_loop(url: str, data_dir: Path, where: str | None, *, failure: str) -> None:
    """The review loop in a fresh Chromium page; a screenshot named ``failure`` when it fails, no page errors."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(TIMEOUT_MS)
        errors: list[str] = []
        page.on("pageerror", lambda err: errors.append(str(err)))
        try:
            _review_loop(page, url, data_dir, where)
        except BaseException:
            page.screenshot(path=str(ARTIFACTS / failure))
            raise
        finally:
            browser.close()
        assert errors == [], errors


TEAM_ARTICLE = "Mon 10 Sep 2018 Regime forces shelled Kafr Nabl in Idlib on Monday, killing three civilians, activists said."


def test_two_app_processes_share_one_postgresql_store(tmp_path: Path, pg_server) -> None:  # noqa: ANN001
    """A team's set-up: two ``streamlit run`` processes (as behind a load balancer) on one PostgreSQL store. An
    article saved in one is counted by the other on its next run."""
    from playwright.sync_api import expect, sync_playwright

    store_url = pg_server.new_url()
    with _app_server(tmp_path / "a", {"CONFLICT_MAP_DATABASE_URL": store_url}) as (url_a, _), \
            _app_server(tmp_path / "b", {"CONFLICT_MAP_DATABASE_URL": store_url}) as (url_b, _), sync_playwright() as pw:
        expect.set_options(timeout=EXPECT_MS)
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            a, b = browser.new_page(viewport={"width": 1400, "height": 1000}), browser.new_page(viewport={"width": 1400, "height": 1000})
            for page, url in ((a, url_a), (b, url_b)):
                page.set_default_timeout(TIMEOUT_MS)
                page.goto(url)
                page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=3 * TIMEOUT_MS)
                _idle(page)
            before = _metric(b, "Events in the store")
            assert before == _metric(a, "Events in the store") > 0  # one store, seeded once
            a.get_by_role("link", name="Upload").click()
            _idle(a)
            _paste_and_extract(a, TEAM_ARTICLE)
            a.get_by_role("button", name="Save article and events").click()
            _idle(a)
            expect(a.get_by_text("They are on the map now", exact=False)).to_be_visible()
            b.reload()
            b.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=3 * TIMEOUT_MS)
            _idle(b)
            assert _metric(b, "Events in the store") == before + 1
        finally:
            browser.close()


def _paste_and_extract(page, text: str) -> None:  # noqa: ANN001
    area = page.get_by_label("Article text")
    area.fill(text)
    area.press("Control+Enter")
    _idle(page)
    page.get_by_role("button", name="Extract events").click()
    _idle(page)


def _review_loop(page, server: str, data_dir: Path, where: Path | str | None = None) -> None:  # noqa: ANN001
    from playwright.sync_api import expect

    from dashboard.store import open_store

    expect.set_options(timeout=EXPECT_MS)
    page.goto(server)
    page.wait_for_selector('[data-testid="stDeckGlJsonChart"] canvas', timeout=3 * TIMEOUT_MS)
    _idle(page)

    # 1. Upload: the date is read from the page's dateline and shown for confirmation.
    page.get_by_role("link", name="Upload").click()
    _idle(page)
    _paste_and_extract(page, LOOP_ARTICLE)
    expect(page.get_by_text("Publication date from the page's dateline: 'Sun 09 Sep 2018'", exact=False)).to_be_visible()

    # 1b. Correct the publication date to one over ten years old (Streamlit's date box once allowed only ten
    # years around today and silently dropped such a date); saved below, the store must hold it.
    # The date box is a row of spin buttons: type the digits, then leave the field.
    page.get_by_role("spinbutton", name="year, Published").click()
    page.keyboard.type(CORRECTED.strftime("%Y%m%d"), delay=50)
    page.get_by_role("heading", name="1. The article").click()  # leaving the field commits it
    _idle(page)
    published = page.get_by_role("group", name="Published")
    assert [published.get_by_role("spinbutton", name=f"{part}, Published").get_attribute("aria-valuenow")
            for part in ("year", "month", "day")] == [str(CORRECTED.year), str(CORRECTED.month), str(CORRECTED.day)]

    # 2. The unknown village is listed; place it by clicking the map.
    expect(page.get_by_text("Places not found in the gazetteer")).to_be_visible()
    page.locator('[data-testid="stSelectbox"]', has_text="Gazetteer candidates").click()
    page.keyboard.type("Enter coordinates")
    page.keyboard.press("Enter")
    _idle(page)
    picker = page.locator('[data-testid="stDeckGlJsonChart"]:visible').first  # not the hidden map (mappanel.py)
    _scroll_to(page, picker)
    page.wait_for_timeout(2000)  # deck.gl draws the grid
    box = picker.bounding_box()
    for attempt in range(3):  # deck.gl may still be drawing the grid when the first click lands
        x, y = box["x"] + box["width"] * (0.55 + 0.02 * attempt), box["y"] + box["height"] * 0.45
        page.mouse.move(x, y)  # deck.gl picks what is under the pointer on hover; the click then selects it
        page.wait_for_timeout(300)
        page.mouse.click(x, y)
        _idle(page)
        try:  # on a busy machine the rerun the click starts may not have begun when _idle looks
            expect(page.get_by_label("Latitude")).not_to_have_value("", timeout=10_000)
            expect(page.get_by_label("Longitude")).not_to_have_value("", timeout=10_000)
            break
        except AssertionError:
            continue
    lat, lon = float(page.get_by_label("Latitude").input_value()), float(page.get_by_label("Longitude").input_value())
    # The picker opens where the text put the village ("near Khan Shaykhun", 35.44 N 36.65 E): the click is close.
    assert abs(lat - 35.44) < 0.1 and abs(lon - 36.65) < 0.15, (lat, lon)
    page.screenshot(path=str(ARTIFACTS / "loop_place_by_click.png"))
    page.get_by_role("button", name="Place Khirbet Fixturjoz", exact=True).click()
    _idle(page)
    expect(page.get_by_text("Placed Khirbet Fixturjoz", exact=False)).to_be_visible()
    # On a loaded machine the rerun after placing may still show the review it replaces next to the new one (seen
    # twice in a full run at load ~5, never alone): wait until one Save button is left, then click it.
    save = page.get_by_role("button", name="Save article and events")
    expect(save).to_have_count(1, timeout=30_000)
    save.click()
    _idle(page)
    expect(page.get_by_text("as version 1 of this article", exact=False)).to_be_visible()
    store = open_store(where or data_dir / "events.sqlite3")
    info = store.find_stored(LOOP_ARTICLE.strip() + "\n") or store.find_stored(LOOP_ARTICLE.strip())
    assert info is not None and info.version == 1
    article_id = info.article_id
    first = store.events_for_article(article_id)
    placed = [e for e in first if e.location_text == "Khirbet Fixturjoz"]
    assert placed and (round(placed[0].latitude, 4), round(placed[0].longitude, 4)) == (round(lat, 4), round(lon, 4))
    assert store.get_article(article_id).published == CORRECTED
    # "On Sunday" is still read from the page's dateline: the extraction was not run again (run again, it
    # would not follow the correction either - the xfail in test_review_flow.py says why).
    assert placed[0].event_date.isoformat() == "2018-09-09"

    # 3. The user place is the gazetteer's now: the CLI resolves it, and the next extraction uses it.
    env = {**os.environ, "CONFLICT_MAP_DATA_DIR": str(data_dir)}
    answer = subprocess.run([sys.executable, "-m", "gazetteer", "resolve", "Khirbet Fixturjoz"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert '"resolved": true' in answer.stdout and '"source": "user"' in answer.stdout, answer.stdout + answer.stderr
    from extraction import extract_article
    from extraction.records import Article
    from gazetteer import Gazetteer

    again = extract_article(Article(text=LOOP_ARTICLE), gazetteer=Gazetteer.default(data_dir=data_dir, online=False))
    there = [e for e in again.events if e.location_text == "Khirbet Fixturjoz"]
    assert there and (there[0].geo_precision, round(there[0].latitude, 4)) == (1, round(lat, 4))

    # 4. The same text again: told it is stored before anything is extracted, and offered its review.
    _paste_and_extract(page, LOOP_ARTICLE)
    expect(page.get_by_text("is already stored", exact=False).first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "loop_already_stored.png"))
    page.get_by_role("button", name="Open the stored review").click()
    _idle(page)
    expect(page.get_by_text("Editing the stored review (version 1)", exact=False)).to_be_visible()
    page.get_by_role("button", name="Cancel").last.click()
    _idle(page)

    # 5. Correct the event from the map: open it, delete it in the review, save as version 2.
    page.get_by_role("link", name="Map").click()
    _idle(page)
    page.wait_for_timeout(1500)
    x, y = _pixel(page, placed[0].latitude, placed[0].longitude, data_dir, where)
    _click_point(page, x, y, page.get_by_role("button", name="Correct this event"))
    page.get_by_role("button", name="Correct this event").click()
    _idle(page)
    expect(page.get_by_text("Editing the stored review (version 1)", exact=False)).to_be_visible()
    grid = page.locator('[data-testid="stDataFrame"]').first
    _scroll_to(page, grid)
    page.wait_for_timeout(800)
    _delete_first_row(page, grid)
    page.get_by_role("button", name="Save as a new version").click()
    _idle(page)
    expect(page.get_by_text("as version 2 of this article", exact=False)).to_be_visible()
    assert len(store.events_for_article(article_id)) == len(first) - 1

    # 6. The history on the Articles page; restore the first version (a new version, nothing lost).
    page.get_by_role("link", name="Articles").click()
    _idle(page)
    page.locator('[data-testid="stSelectbox"]', has_text="Open an article").click()
    page.locator('[role="option"]', has_text="Helicopters strike villages").click()
    _idle(page)
    expect(page.get_by_text("History: 2 versions")).to_be_visible()
    expect(page.get_by_text("From version 1 to version 2: 1 removed", exact=False)).to_be_visible()
    page.set_viewport_size({"width": 1400, "height": 2000})
    page.wait_for_timeout(1000)
    page.screenshot(path=str(ARTIFACTS / "loop_history.png"))
    page.set_viewport_size({"width": 1400, "height": 1000})
    page.get_by_role("button", name="Restore version 1").click()
    _idle(page)
    expect(page.get_by_text("Restored version 1 as version 3", exact=False)).to_be_visible()
    assert store.events_for_article(article_id) == first
    assert [v.kind for v in store.history(article_id)] == ["reviewed", "edited", "restored"]
