"""axe (axe-core, through axe-playwright-python) on every kind of page a build makes, in light and
in dark mode, with every <details> open and the search page showing results and its filters: no
violation. One browser tab does it all (the colour scheme is switched in place), so the whole
file takes seconds, not minutes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import StaticServer
from tests.helpers import DPA, RT, build_ok, copy_example_site, html_files, page_path, set_per_page, write_article

pytestmark = pytest.mark.browser

PREFIX = "/archive/"
STORY = "stories/nato-stoltenberg-counteroffensive-june-2023/"
# Every page kind of the build (a test below checks the list against the built files), later pages too.
PAGES = {
    "home": "", "home, page 2": "page/2/", "article": RT, "article (dpa)": DPA,
    "tags": "tags/", "tag": "tags/nato/", "tag, page 2": "tags/nato/page/2/",
    "sources": "sources/", "source": "sources/dpa/", "source, page 2": "sources/dpa/page/2/", "labels": "labels/",
    "stories": "stories/", "story": STORY, "briefings story": "stories/nato-briefings/",
    "archive": "articles/", "year": "articles/2023/", "month": "articles/2023/06/",
    "month, page 2": "articles/2023/06/page/2/",
    "search": "search/", "search results": "search/?q=nato", "404": "no-such-page/",
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
KIND = re.compile(r'<body class="kind-([a-z0-9-]+)"')


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The example archive with three more dpa briefings (a story of one outlet), two articles a page."""
    root = tmp_path_factory.mktemp("axe")
    site = copy_example_site(root / "site")
    set_per_page(site, 2)
    for i in range(3):
        write_article(site, f"nato-briefing-{i}", f"2023-06-2{i}T10:00:00", "dpa", f"NATO briefing number {i}",
                      ("NATO", "Ukraine"), story="nato-briefings",
                      body=f'"We will keep supporting Ukraine," Stoltenberg said at briefing {i}.')
    out = root / "out"
    build_ok(site, out, "--base-url", f"https://user.github.io{PREFIX}")
    return out


@pytest.fixture(scope="module")
def tab(built, browser):
    with StaticServer(built, prefix=PREFIX) as server:
        context = browser.new_context(viewport=DESKTOP)
        yield context.new_page(), server.base_url
        context.close()


def test_the_list_covers_every_kind_of_page_the_build_makes(built):
    kinds = {KIND.search(f.read_text(encoding="utf-8")).group(1) for f in html_files(built)}
    listed = {page_kind(built, path) for path in PAGES.values()}
    assert kinds == listed, f"not checked: {kinds - listed}"
    paged = {page_path(built, f) for f in html_files(built) if "/page/" in f.as_posix() or f.parent.name == "page"}
    assert {p for p in PAGES.values() if "/page/" in "/" + p} <= paged


def page_kind(out: Path, path: str) -> str:
    path = path.split("?", 1)[0]
    file = out / "404.html" if path == "no-such-page/" else out / path / "index.html"
    return KIND.search(file.read_text(encoding="utf-8")).group(1)


def open_everything(page, path: str) -> None:
    """Open every <details>; on the search page wait for its results and filter panel to fill."""
    if path.startswith("search/?q="):
        page.wait_for_function("document.getElementById('search-app').dataset.query === 'nato'")
        page.wait_for_selector("#search-results > li")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    if path.startswith("search/?q="):  # the filters are counted for a query
        page.wait_for_selector("#search-facets fieldset")


def axe_reports(tab, base: str, path: str) -> list[str]:
    """Open the page, then run axe on it in light and in dark mode: the reports of what it found."""
    from axe_playwright_python.sync_playwright import Axe

    response = tab.goto(base + path)
    assert response is not None and response.status == (404 if path == "no-such-page/" else 200)
    open_everything(tab, path)
    reports = []
    for scheme in ("light", "dark"):
        tab.emulate_media(color_scheme=scheme)
        assert tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        results = Axe().run(tab)
        if results.violations_count:
            reports.append(f"{scheme}:\n{results.generate_report()}")
    return reports


@pytest.mark.parametrize("path", list(PAGES.values()), ids=list(PAGES))
def test_axe_finds_nothing_in_light_or_dark_mode(tab, path):
    tab, base = tab
    tab.set_viewport_size(DESKTOP)
    reports = axe_reports(tab, base, path)
    assert not reports, "\n".join(reports)


@pytest.mark.parametrize("path", ["", RT, STORY, "search/?q=nato", "page/2/"])
def test_axe_finds_nothing_on_a_phone(tab, path):
    """The narrow layouts: header in rows, pagination below, one story text at a time."""
    tab, base = tab
    tab.set_viewport_size(PHONE)
    reports = axe_reports(tab, base, path)
    assert not reports, "\n".join(reports)
