"""The "Cite this" copy buttons in headless Chromium, on the example archive under a sub-path."""

from __future__ import annotations

import pytest

from tests.conftest import StaticServer
from tests.helpers import REPO, RT, build_site, content_articles, copy_example_site

pytestmark = pytest.mark.slow

PREFIX = "/sub/"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("share-browser")
    site = copy_example_site(root / "site")
    with StaticServer(build_site(site, root / "out", "http://127.0.0.1:1" + PREFIX), prefix=PREFIX) as started:
        yield started


@pytest.mark.parametrize("which", ["apa", "bibtex"])
def test_the_copy_button_puts_the_citation_on_the_clipboard(browser, server, which):
    # 127.0.0.1 is a secure context, so the page uses the Clipboard API; the test reads it back.
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(server.base_url + RT)
        block = page.locator("aside.cite")
        block.locator("summary", has_text="BibTeX").click()
        expected = block.locator(f"#cite-{which}").text_content()
        button = block.locator(f"button[data-copy='cite-{which}']")
        assert button.is_visible()
        button.click()
        page.wait_for_function("document.querySelector('.cite-status').textContent.length > 0")
        assert block.locator(".cite-status").text_content() == "Citation copied to the clipboard."
        assert button.text_content() == "Copied"
        assert page.evaluate("navigator.clipboard.readText()") == expected
        sha256 = next(a.meta["sha256"] for a in content_articles(REPO) if a.path == RT)
        assert str(sha256) in expected
    finally:
        context.close()


def test_without_javascript_the_citation_shows_and_no_button_does(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server.base_url + RT)
        assert page.locator("#cite-apa").is_visible()
        assert page.locator("button.cite-copy").count() == 2
        assert not page.locator("button.cite-copy").first.is_visible()
    finally:
        context.close()
