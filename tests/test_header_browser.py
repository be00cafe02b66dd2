"""The site header in headless Chromium: a search field with a hidden label and a magnifier
button that has a name, gone from the search page (it has its own), and a header that stays short
on a phone (390×844)."""

from __future__ import annotations

import pytest

from tests.conftest import StaticServer
from tests.helpers import DPA, build_ok, copy_example_site

pytestmark = pytest.mark.browser

PREFIX = "/archive/"
PHONE = {"width": 390, "height": 844}
PAGES = ["", DPA, "stories/nato-stoltenberg-counteroffensive-june-2023/", "tags/", "sources/rt/", "search/",
         "articles/2023/06/", "no-such-page/"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("header-browser")
    site = copy_example_site(root / "site")
    build_ok(site, root / "out", "--base-url", f"https://user.github.io{PREFIX}")
    with StaticServer(root / "out", prefix=PREFIX) as running:
        yield running


def test_on_a_phone_the_header_takes_under_a_fifth_of_the_screen(server, browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    heights = {}
    try:
        tab = context.new_page()
        for path in PAGES:
            tab.goto(server.base_url + path)
            box = tab.locator("header.site-header").bounding_box()
            assert box is not None
            heights[path] = box["height"]
            assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], f"/{path} scrolls sideways"
            if path != "search/":
                field = tab.locator("#site-search-q").bounding_box()
                assert field is not None and field["y"] + field["height"] <= box["y"] + box["height"]
                assert field["width"] >= 200, "a field to type in, not a sliver"
    finally:
        context.close()
    print("header heights on a 390×844 phone:", {p or "/": round(h, 1) for p, h in heights.items()})
    worst = max(heights.values())
    assert worst <= 0.2 * PHONE["height"], heights


def test_the_header_search_has_a_hidden_label_and_a_named_magnifier_button(server, page):
    page.goto(server.base_url + DPA)
    header = page.locator("header.site-header")
    box = header.get_by_role("searchbox", name="Search the archive")
    assert box.is_visible()
    label = header.locator("label[for=site-search-q]")
    assert label.count() == 1 and label.inner_text() == "Search the archive"
    size = label.bounding_box()
    assert size is not None and size["width"] <= 1 and size["height"] <= 1, "the label is there, but visually hidden"
    button = header.get_by_role("button", name="Search", exact=True)
    assert button.is_visible()
    magnifier = button.evaluate("b => getComputedStyle(b, '::before').maskImage")  # drawn by style.css
    assert "image/svg+xml" in magnifier and "circle" in magnifier
    assert "Go" not in button.inner_text()
    box.fill("stoltenberg")
    button.click()
    page.wait_for_url(f"**{PREFIX}search/?q=stoltenberg")


def test_the_search_page_has_one_search_field_its_own(server, page):
    page.goto(server.base_url + "search/")
    assert page.locator("header.site-header form").count() == 0
    assert page.locator("#site-search-q").count() == 0
    assert page.get_by_role("search").count() == 1
    assert page.locator("#search-q").is_visible()
