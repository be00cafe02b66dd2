"""The built example archive's article pages: title, date, source badge, caption, tags, body,
provenance, prev/next, JSON-LD and canonical address, compared with what the content files say."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.helpers import (
    BASE,
    DPA,
    LABELS,
    PREFIX,
    RT,
    hrefs,
    html_files,
    link,
    main_of,
    page,
    page_path,
    parse_when,
    read_html,
    tag_links,
)

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus


@pytest.mark.parametrize("path", [RT, DPA])
def test_article_has_exactly_one_h1_with_the_title(out, articles, path):
    doc = page(out, path)
    h1s = doc.find_all("h1")
    assert len(h1s) == 1, [h.text() for h in h1s]
    assert h1s[0].text() == articles[path].title
    assert doc.one("title").text().startswith(articles[path].title)


@pytest.mark.parametrize("path", [RT, DPA])
def test_article_time_matches_front_matter_date(out, articles, path):
    article = articles[path]
    header = page(out, path).one("header", "article-header")
    stamp = header.find("time")["datetime"]
    if article.date_only:
        assert stamp == article.meta["date"].isoformat()  # a day stays a day, no invented midnight
    else:
        assert parse_when(stamp)[0] == parse_when(article.meta["date"])[0]
        assert "T" in stamp


@pytest.mark.parametrize("path", [RT, DPA])
def test_article_badge_links_to_its_source(out, articles, sources, path):
    article = articles[path]
    kicker = page(out, path).one("header", "article-header").one("p", "kicker")
    badge = kicker.one("a", "badge")
    assert badge["href"] == link(f"sources/{article.source}/")
    assert badge.one(cls="badge-label").text() == LABELS[article.source]
    assert badge.one(cls="badge-name").text() == sources[article.source]["name"]
    assert (out / f"sources/{article.source}/index.html").is_file()


def test_rt_article_shows_section_and_image_caption_with_credit(out, articles):
    doc = page(out, RT)
    assert doc.one("header", "article-header").one(cls="section").text() == "Russia & Former Soviet Union"
    image = articles[RT].meta["image"]
    caption = doc.one("figure").one("figcaption")
    assert image["caption"] in caption.text()
    # The capture holds the caption but not the photo: the page says so instead of captioning nothing.
    assert "src" not in image and doc.one("figure").find("img") is None
    assert doc.one("figure").one(cls="image-absent").text().startswith("The photo is not in the capture")
    assert caption.one(cls="credit").text() == f"Credit: {image['credit']}"


def test_article_without_section_or_image_shows_neither(out):
    doc = page(out, DPA)
    assert doc.find(cls="section") is None
    assert doc.find("figure") is None


@pytest.mark.parametrize("path", [RT, DPA])
def test_article_tags_link_to_tag_pages_that_list_the_article(out, articles, path):
    section = page(out, path).one("section", "article-tags")
    links = tag_links(section)
    assert list(links) == articles[path].tags
    for href in links.values():
        tag_page = page(out, href.removeprefix(PREFIX))
        assert link(path) in hrefs(main_of(tag_page))


@pytest.mark.parametrize("path", [RT, DPA])
def test_article_body_is_the_markdown_body(out, articles, path):
    body = page(out, path).one("div", "body")
    paragraphs = [p.text() for p in body.find_all("p")]
    assert paragraphs == articles[path].paragraphs


@pytest.mark.parametrize("path", [RT, DPA])
def test_provenance_capture_downloads_the_byte_identical_capture(out, site, articles, path):
    article = articles[path]
    box = page(out, path).one("aside", "provenance")
    capture = [a for a in box.find_all("a") if "download" in a.attrs]
    assert len(capture) == 1
    href = capture[0]["href"]
    assert href.startswith(link("captures/")) and href.endswith(".txt")
    published = (out / href.removeprefix(PREFIX)).read_bytes()
    original = (site / "content" / article.meta["capture"]).read_bytes()
    assert published == original
    shown = box.one("code", "hash").text()
    assert shown == article.meta["sha256"] == hashlib.sha256(published).hexdigest()


def test_prev_next_link_the_two_articles(out):
    newer, older = page(out, RT).one("nav", "prev-next"), page(out, DPA).one("nav", "prev-next")
    assert [(a["rel"], a["href"]) for a in newer.find_all("a")] == [("prev", link(DPA))]
    assert [(a["rel"], a["href"]) for a in older.find_all("a")] == [("next", link(RT))]


@pytest.mark.parametrize("path", [RT, DPA])
def test_json_ld_is_a_news_article(out, articles, sources, path):
    article = articles[path]
    doc = page(out, path)
    scripts = doc.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].raw_text())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert parse_when(data["datePublished"])[0] == article.when
    assert data["publisher"]["name"] == sources[article.source]["name"]
    assert "mainEntityOfPage" not in data and "description" not in data  # the canonical link and meta say them
    assert doc.find_all("link", rel="canonical")[0]["href"] == BASE + path


def test_canonical_and_og_url_are_the_base_url_plus_the_path(out):
    checked = 0
    for file in html_files(out):
        doc = read_html(file)
        canonical = doc.find_all("link", rel="canonical")
        og_url = doc.find_all("meta", property="og:url")
        if file.name == "404.html" and file.parent == out:
            assert not canonical and not og_url  # served at any address: no single URL of its own
            continue
        expected = BASE + page_path(out, file)
        assert [c["href"] for c in canonical] == [expected], file
        assert [m["content"] for m in og_url] == [expected], file
        checked += 1
    assert checked >= 20
