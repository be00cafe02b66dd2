"""The preview in headless Chromium: edits show up without a manual reload."""

from __future__ import annotations

import re
import time

import pytest

from tests.helpers import REPO, copy_example_site
from tests.preview import start_preview

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def served(tmp_path):
    site = copy_example_site(tmp_path / "site")
    (site / "static").mkdir()  # a site-level stylesheet override, so the test edits a copy
    (site / "static" / "style.css").write_text((REPO / "themes/default/static/style.css").read_text())
    preview = start_preview(site, out=tmp_path / "out")
    yield preview
    assert preview.stop() == 0
    assert "Traceback" not in "".join(preview.stderr)


def _article(preview) -> tuple:
    path = sorted((preview.site / "content" / "articles").rglob("*.md"))[-1]
    url = preview.url + f"articles/{path.parent.parent.name}/{path.parent.name}/{path.stem}/"
    return path, url


def test_edited_article_shows_without_a_manual_reload(served, page):
    path, url = _article(served)
    page.set_viewport_size({"width": 800, "height": 400})
    page.goto(url)
    page.wait_for_function("() => !!window.EventSource")
    # Scroll down, so the reload can be seen to keep the place.
    page.evaluate("window.scrollTo(0, 300)")
    assert page.evaluate("window.scrollY") == 300
    page.wait_for_timeout(300)  # the event stream is connected
    path.write_text(path.read_text() + "\nA sentence the curator just added.\n")
    page.wait_for_function("() => document.body.innerText.includes('A sentence the curator just added.')",
                           timeout=15000)
    page.wait_for_function("() => window.scrollY === 300", timeout=5000)


def test_stylesheet_edit_applies_without_navigation(served, page):
    _, url = _article(served)
    page.goto(url)
    page.evaluate("window.__notReloaded = true")
    page.wait_for_timeout(300)
    css = served.site / "static" / "style.css"
    css.write_text(css.read_text() + "\n:root { --preview-probe: 42px; }\n")
    page.wait_for_function(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--preview-probe').trim() === '42px'",
        timeout=15000)
    assert page.evaluate("window.__notReloaded") is True, "the page was reloaded for a CSS change"
    assert page.evaluate("document.querySelectorAll('link[rel=stylesheet]').length") >= 1


def test_broken_front_matter_shows_an_overlay_until_fixed(served, page):
    path, url = _article(served)
    good = path.read_text()
    title = re.search(r"^title: (.*)$", good, re.M).group(1).strip("'\"")
    page.goto(url)
    page.wait_for_timeout(300)
    path.write_text(good.replace("title:", "title: [unclosed", 1))
    overlay = page.locator("#clippings-build-error")
    overlay.wait_for(state="visible", timeout=15000)
    text = overlay.inner_text()
    where = f"{path.relative_to(served.site).as_posix()}:2:"
    assert where in text and "invalid YAML" in text, text
    assert overlay.get_attribute("role") == "alert"
    assert title in page.locator("h1").inner_text()  # the last good page is still there
    # A page opened while the error stands shows it too.
    other = page.context.new_page()
    other.goto(served.url)
    other.locator("#clippings-build-error").wait_for(state="visible", timeout=15000)
    other.close()

    path.write_text(good.replace("title: ", "title: Corrected ", 1))
    overlay.wait_for(state="detached", timeout=15000)
    page.wait_for_function("() => document.querySelector('h1').innerText.startsWith('Corrected')", timeout=15000)


def test_new_article_appears_on_the_open_home_page(served, page):
    page.goto(served.url)
    page.wait_for_timeout(300)
    folder = served.site / "content" / "articles" / "2030" / "01"
    folder.mkdir(parents=True)
    (folder / "a-brand-new-report.md").write_text(
        "---\ntitle: A brand new report\ndate: 2030-01-01T08:00:00Z\nsource: dpa\n---\n\nIt just happened.\n")
    started = time.monotonic()
    page.locator(".card-title a", has_text="A brand new report").wait_for(timeout=15000)
    assert time.monotonic() - started < 15
    page.locator(".card-title a", has_text="A brand new report").click()
    page.wait_for_function("() => document.body.innerText.includes('It just happened.')")


def test_search_works_in_the_preview_and_follows_edits(served, page):
    page.goto(served.url + "search/?q=stoltenberg")
    first = page.locator("#search-results li a").first
    first.wait_for(timeout=15000)
    assert "NATO" in page.locator("#search-results").inner_text()
    # A word no article has yet: once the export has followed the edit, it is found.
    path, url = _article(served)
    generation = served.status()["generation"]
    path.write_text(path.read_text() + "\nThe zygomorphic delegation arrived late.\n")
    served.settled_after(generation)
    page.goto(served.url + "search/?q=zygomorphic")
    hit = page.locator("#search-results li a").first
    hit.wait_for(timeout=15000)
    assert hit.get_attribute("href") == url.removeprefix(served.origin)


def test_an_edit_during_the_first_search_export_shows_without_waiting_for_it(tmp_path, page):
    """The first export of a large archive takes many seconds; an edit made meanwhile is shown
    at once, and the export still arrives afterwards."""
    from bench.corpus import make_synthetic

    site = make_synthetic(1500, tmp_path / "site")
    preview = start_preview(site, out=tmp_path / "out", settle=False)
    try:
        path = sorted((site / "content" / "articles").rglob("*.md"))[-1]
        url = preview.url + f"articles/{path.parent.parent.name}/{path.parent.name}/{path.stem}/"
        page.goto(url)
        page.wait_for_function("() => !!window.EventSource")
        page.wait_for_timeout(200)
        assert preview.status()["busy"], "the first search export should still be running"
        path.write_text(path.read_text() + "\nWritten while the index was being made.\n")
        page.wait_for_function("() => document.body.innerText.includes('Written while the index was being made.')",
                               timeout=15000)
        status, _, _ = preview.get(preview.base_path + "search/manifest.json")
        assert status == 404, "the edit waited for the search export"
        preview.wait(lambda s: not s["busy"], 300, "the search export")
        assert preview.get(preview.base_path + "search/manifest.json")[0] == 200
        assert any("search index updated" in line for line in preview.stdout)
    finally:
        assert preview.stop() == 0
    assert "Traceback" not in "".join(preview.stderr)
