"""The seeds' story page in headless Chromium: axe finds no violation in light or dark mode, and
without JavaScript every section is there and the narrow-screen switcher shows the chosen text."""

from __future__ import annotations

import pytest

from tests.conftest import StaticServer
from tests.helpers import build_ok
from tests.test_stories_site import SEED_STORY, unpinned_example

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("story-browser")
    site = unpinned_example(root / "site")
    out = root / "out"
    build_ok(site, out, "--base-url", "http://127.0.0.1/")
    with StaticServer(out) as running:
        yield running


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_story_page_passes_axe(server, browser, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    try:
        tab = context.new_page()
        tab.goto(f"{server.origin}/stories/{SEED_STORY}/")
        results = Axe().run(tab)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()


def test_without_javascript_the_switcher_shows_one_outlet_at_a_time_on_a_phone(server, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(f"{server.origin}/stories/{SEED_STORY}/")
        for heading in ("Coverage", "Who reported first", "Headlines compared", "Quotes compared", "Full texts"):
            assert tab.get_by_role("heading", name=heading).is_visible(), heading
        first, second = tab.locator("article.column").all()
        assert first.is_visible() and not second.is_visible()
        tab.locator(".text-switch a").nth(1).click()
        assert second.is_visible() and not first.is_visible()
        assert "RT" in second.inner_text()
    finally:
        context.close()


def test_on_a_wide_screen_the_texts_stand_side_by_side(server, browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(f"{server.origin}/stories/{SEED_STORY}/")
        boxes = [c.bounding_box() for c in tab.locator("article.column").all()]
        assert len(boxes) == 2 and abs(boxes[0]["y"] - boxes[1]["y"]) < 2 and boxes[1]["x"] > boxes[0]["x"]
    finally:
        context.close()
