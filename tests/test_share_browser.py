"""The "Cite this" copy buttons in headless Chromium, on the example archive under a sub-path."""

from __future__ import annotations

import re

import pytest

from tests.conftest import StaticServer
from tests.helpers import DPA, REPO, RT, build_site, content_articles, content_sources, copy_example_site

pytestmark = pytest.mark.slow

PREFIX = "/sub/"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    root = tmp_path_factory.mktemp("share-browser")
    site = copy_example_site(root / "site")
    with StaticServer(build_site(site, root / "out", "http://127.0.0.1:1" + PREFIX), prefix=PREFIX) as started:
        yield started


def _fields(bibtex: str) -> dict[str, str]:
    """A BibTeX entry's fields, read with brace counting (a value is balanced or the entry is broken)."""
    head = re.match(r"@(\w+)\{([A-Za-z0-9-]+),\n", bibtex)
    assert head, bibtex[:80]
    fields, rest = {}, bibtex[head.end():]
    while (m := re.match(r"\s*(\w+) = \{", rest)):
        depth, i = 1, m.end()
        while depth:
            assert i < len(rest), f"unbalanced braces in {m.group(1)}"
            if rest[i] == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(rest[i], 0)
            i += 1
        fields[m.group(1)] = rest[m.end():i - 1]
        rest = rest[i:].lstrip(",")
    assert rest.strip() == "}", rest
    return fields


def _bibtex(browser, base_url: str, path: str) -> str:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(base_url + path)
        assert page.locator("details.cite-bibtex").is_visible()  # cite.js wrote the entry and showed it
        return page.locator("#cite-bibtex").text_content()
    finally:
        context.close()


def _article(site, path):
    return next(a for a in content_articles(site) if a.path == path)


@pytest.mark.parametrize("path", [RT, DPA])
def test_cite_js_writes_a_bibtex_entry_naming_outlet_headline_dates_urls_and_hash(browser, server, path):
    article = _article(REPO, path)
    fields = _fields(_bibtex(browser, server.base_url, path))
    assert {"author", "title", "year", "date", "howpublished", "note"} <= set(fields)
    assert fields["year"] == str(article.when.year) and fields["date"] == str(article.meta["date"])[:10]
    outlet = content_sources(REPO)[article.source]["name"]
    assert fields["howpublished"] == outlet and fields["author"] == "{" + (article.meta.get("byline") or outlet) + "}"
    assert fields["title"] == " ".join(article.title.split())
    assert "http://127.0.0.1:1" + PREFIX + path in fields["note"] and str(article.meta["sha256"]) in fields["note"]
    assert fields.get("url") == article.meta.get("url") and fields["urldate"] == str(article.meta["captured"])[:10]


def test_hostile_text_is_escaped_in_bibtex(browser, tmp_path):
    site = copy_example_site(tmp_path / "site")
    file = _article(site, RT).file
    title = 'Braces } { and 100% & $x$ #1 \\\\end <script>x</script>'
    file.write_text(re.sub(r"^title: .*$", f"title: '{title}'", file.read_text(encoding="utf-8"), count=1, flags=re.M),
                    encoding="utf-8")
    out = build_site(site, tmp_path / "out", "http://127.0.0.1:1" + PREFIX)
    assert "<script>x</script>" not in (out / RT / "index.html").read_text(encoding="utf-8")
    with StaticServer(out, prefix=PREFIX) as started:
        fields = _fields(_bibtex(browser, started.base_url, RT))
    assert fields["title"] == r"Braces \} \{ and 100\% \& \$x\$ \#1 \textbackslash{}end <script>x</script>"


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
        assert page.locator("button.cite-copy").count() == 0  # cite.js makes the buttons
        assert page.locator("details.cite-bibtex").count() == 0  # and writes the BibTeX entry
    finally:
        context.close()
