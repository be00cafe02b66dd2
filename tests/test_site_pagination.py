"""Numbered pagination on a site hosted under a sub-path (a GitHub Pages project site): every
listing's pages link to the first, the last and the current page's neighbours, mark the current
page, skip the rest with an ellipsis, have titles and canonical addresses of their own, and every
link of every pagination leads to a file of the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import (
    Node,
    build_site,
    content_articles,
    copy_example_site,
    html_files,
    listed_hrefs,
    main_of,
    page,
    page_path,
    read_html,
    set_per_page,
    write_article,
)

pytestmark = pytest.mark.slow

BASE = "https://user.github.io/archive/"
PREFIX = "/archive/"
EXTRA = 12  # articles added to the example's two, one a page: 14 pages of home and of tag NATO


@pytest.fixture(scope="module")
def paged(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("paged")
    site = copy_example_site(root / "site")
    set_per_page(site, 1)
    for i in range(EXTRA):
        write_article(site, f"briefing-{i:02d}", f"2023-05-{i + 1:02d}T09:00:00", "dpa" if i % 2 else "rt",
                      f"Briefing number {i}", ("NATO",), body=f"Briefing {i} of the alliance.")
    return site, build_site(site, root / "out", BASE)


def file_of(out: Path, href: str) -> Path:
    """The built file a root-relative link under the sub-path reaches."""
    assert href.startswith(PREFIX), href
    path = href.removeprefix(PREFIX)
    return out / path / "index.html" if path.endswith("/") or not path else out / path


def numbered(nav: Node) -> list[tuple[str, str | None, bool]]:
    """The numbered items in order: (text, href or None for a gap, current)."""
    items = []
    for li in nav.one("ul", "pagination-pages").find_all("li"):
        a = li.find("a")
        if a is None:
            assert li.text() == "…" and li.get("aria-hidden") == "true"
            items.append(("…", None, False))
        else:
            items.append((a.text().removeprefix("Page ").strip(), a["href"], a.get("aria-current") == "page"))
    return items


def expected_numbers(number: int, count: int) -> list[str]:
    """What a reader should see: 1, count, and two neighbours each side; one hidden page is shown, more is "…"."""
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    items, previous = [], 0
    for n in shown:
        if n - previous == 2:
            items.append(str(n - 1))
        elif n - previous > 2:
            items.append("…")
        items.append(str(n))
        previous = n
    return items


LISTINGS = ["", "tags/nato/", "articles/2023/05/", "sources/rt/"]


@pytest.mark.parametrize("first", LISTINGS)
def test_every_page_of_a_listing_has_numbered_links_under_the_sub_path(paged, first):
    _, out = paged
    count = len(list((out / first / "page").iterdir())) + 1
    assert count >= 6, "enough pages for gaps"
    seen_gap = False
    for number in range(1, count + 1):
        path = first if number == 1 else f"{first}page/{number}/"
        doc = page(out, path)
        nav = main_of(doc).one("nav", "pagination")
        assert nav.get("aria-label")
        assert f"Page {number} of {count}" in nav.text()
        items = numbered(nav)
        assert [text for text, _, _ in items] == expected_numbers(number, count)
        seen_gap = seen_gap or any(href is None for _, href, _ in items)
        current = [(text, href) for text, href, is_current in items if is_current]
        assert current == [(str(number), PREFIX + path)]
        for text, href, _ in items:
            if href is not None:
                assert href == PREFIX + (first if text == "1" else f"{first}page/{text}/")
                assert file_of(out, href).is_file(), href
        newer = nav.find_all("a", rel="prev")
        older = nav.find_all("a", rel="next")
        assert [a.text() for a in newer] == (["← Newer"] if number > 1 else [])
        assert [a.text() for a in older] == (["Older →"] if number < count else [])
        if number > 1:
            assert newer[0]["href"] == PREFIX + (first if number == 2 else f"{first}page/{number - 1}/")
        if number < count:
            assert older[0]["href"] == PREFIX + f"{first}page/{number + 1}/"
        canonical = [link["href"] for link in doc.find_all("link", rel="canonical")]
        assert canonical == [BASE + path]
        title = doc.one("title").text()
        if number == 1:
            assert " – page " not in title
        else:
            assert re.fullmatch(rf".+ – page {number} of {count} · .+", title), title
    assert seen_gap


def test_later_pages_have_titles_of_their_own(paged):
    _, out = paged
    titles = [page(out, p).one("title").text() for p in ("", "page/2/", "page/14/", "tags/nato/page/3/")]
    assert len(set(titles)) == 4
    assert titles[3].startswith("Tag: NATO – page 3 of 14 · ")
    assert titles[1].startswith("Articles – page 2 of 14 · ")


def test_paging_through_a_listing_lists_every_article_once(paged):
    site, out = paged
    expected = [PREFIX + a.path for a in content_articles(site)]
    found = []
    for number in range(1, len(expected) + 1):
        doc = main_of(page(out, "" if number == 1 else f"page/{number}/"))
        found += listed_hrefs(doc)
    assert found == expected


def test_every_pagination_link_of_the_build_leads_to_a_built_page(paged):
    _, out = paged
    checked = 0
    for file in html_files(out):
        for nav in read_html(file).find_all("nav", "pagination"):
            for a in nav.find_all("a", href=True):
                assert file_of(out, a["href"]).is_file(), f"{page_path(out, file)}: {a['href']}"
                checked += 1
    assert checked > 200
