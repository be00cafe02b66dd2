"""Atom (RFC 4287), JSON Feed 1.1 and sitemap.xml of the built example archive and the corpus."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from tests.helpers import LABELS, RFC3339, build_site, content_articles, content_sources, copy_example_site, tag_slug

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# name -> (base URL, [feeds] table added to site.toml or None for the defaults: limit 20, full content)
SITES = {
    "example": ("https://news.example.org/archive/", None),
    "corpus": ("https://corpus.example.net/sub/", None),
    "corpus-summaries": ("https://corpus.example.net/", "[feeds]\nlimit = 7\nfull_content = false\n"),
}


class Built:
    def __init__(self, site: Path, out: Path, base: str, limit: int = 20, full: bool = True):
        self.site, self.out, self.base, self.limit, self.full = site, out, base, limit, full
        self.articles = content_articles(site)  # newest first
        self.sources = content_sources(site)
        self.by_url = {base + a.path: a for a in self.articles}

    def feeds(self) -> list[Path]:
        return sorted(self.out.rglob("feed.xml"))

    def feed_url(self, feed: Path) -> str:
        return self.base + feed.relative_to(self.out).as_posix()


@pytest.fixture(scope="module", params=list(SITES))
def built(request, tmp_path_factory) -> Built:
    root = tmp_path_factory.mktemp(f"feeds-{request.param}")
    base, feeds = SITES[request.param]
    if request.param == "example":
        site = copy_example_site(root / "site")
    elif feeds is None:
        site = request.getfixturevalue("corpus_site")
    else:
        site = shutil.copytree(request.getfixturevalue("corpus_site"), root / "site",
                               ignore=shutil.ignore_patterns(".cache"))
        with (site / "site.toml").open("a", encoding="utf-8") as toml:
            toml.write("\n" + feeds)
    if feeds is None:
        return Built(site, build_site(site, root / "out", base), base)
    limit = int(re.search(r"limit = (\d+)", feeds)[1])
    return Built(site, build_site(site, root / "out", base), base, limit, "full_content = true" in feeds)


def stamp(text: str | None) -> dt.datetime:
    assert text and RFC3339.match(text), f"not an RFC 3339 date-time: {text!r}"
    return dt.datetime.fromisoformat(text)


def only(parent: ET.Element, name: str) -> ET.Element:
    found = parent.findall(ATOM + name)
    assert len(found) == 1, f"expected exactly one atom:{name}, found {len(found)}"
    return found[0]


def links(parent: ET.Element, rel: str) -> list[ET.Element]:
    return [e for e in parent.findall(ATOM + "link") if (e.get("rel") or "alternate") == rel]


def expected_members(built: Built, feed: Path) -> list[str]:
    """Article URLs a feed must carry, newest first, from the content files."""
    parts = feed.relative_to(built.out).parts
    if parts == ("feed.xml",):
        chosen = built.articles
    elif parts[0] == "sources":
        chosen = [a for a in built.articles if a.source == parts[1]]
    elif parts[0] == "stories":  # its members as its story.json lists them (the grouping's, tested elsewhere)
        data = json.loads((feed.parent / "story.json").read_text(encoding="utf-8"))
        members = {a["url"] for a in data["articles"]}
        chosen = [a for a in built.articles if built.base + a.path in members]
    else:
        assert parts[0] == "tags"
        chosen = [a for a in built.articles if parts[1] in {tag_slug(t) for t in a.tags}]
    return [built.base + a.path for a in chosen[:built.limit]]


# --- Atom ----------------------------------------------------------------------------------------

def test_there_is_a_feed_per_tag_and_per_source(built):
    feeds = {f.relative_to(built.out).as_posix() for f in built.feeds()}
    assert "feed.xml" in feeds
    assert {f"sources/{key}/feed.xml" for key in built.sources} <= feeds
    tags = {tag_slug(t) for a in built.articles for t in a.tags}
    assert {f"tags/{slug}/feed.xml" for slug in tags} <= feeds
    stories = {f"stories/{d.name}/feed.xml" for d in (built.out / "stories").iterdir() if d.is_dir()}
    assert stories <= feeds  # a feed per story too
    assert len(feeds) == 1 + len(built.sources) + len(list((built.out / "tags").glob("*/feed.xml"))) + len(stories)


def test_atom_feeds_parse_without_bozo(built):
    for feed in built.feeds():
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, f"{feed}: {parsed.get('bozo_exception')!r}"
        assert parsed.version == "atom10", feed


def test_atom_feed_metadata_follows_rfc_4287(built):
    for feed in built.feeds():
        root = ET.fromstring(feed.read_bytes())
        assert root.tag == ATOM + "feed", feed
        assert only(root, "id").text == built.feed_url(feed)
        assert (only(root, "title").text or "").strip()
        updated = stamp(only(root, "updated").text)
        self_links = links(root, "self")
        assert [e.get("href") for e in self_links] == [built.feed_url(feed)]
        folder = feed.parent.relative_to(built.out).as_posix()
        mirrored = built.base if folder == "." else f"{built.base}{folder}/"  # the page the feed follows
        assert [e.get("href") for e in links(root, "alternate")] == [mirrored]
        entries = root.findall(ATOM + "entry")
        feed_authors = root.findall(ATOM + "author")
        assert feed_authors or all(e.findall(ATOM + "author") for e in entries), feed
        for author in feed_authors:
            assert (only(author, "name").text or "").strip()
        if entries:
            newest = max(stamp(only(e, "updated").text) for e in entries)
            assert updated == newest, feed  # the feed changed when its newest entry did


def test_atom_entries_follow_rfc_4287_and_name_the_outlet(built):
    for feed in built.feeds():
        root = ET.fromstring(feed.read_bytes())
        ids = []
        for entry in root.findall(ATOM + "entry"):
            ids.append(only(entry, "id").text)
            assert (only(entry, "title").text or "").strip()
            updated = stamp(only(entry, "updated").text)
            published = stamp(only(entry, "published").text)
            assert published <= updated
            alternate = links(entry, "alternate")
            assert len(alternate) == 1
            url = alternate[0].get("href")
            article = built.by_url.get(url)
            assert article is not None, f"{feed}: entry links to {url}, not to an article page"
            assert (built.out / url.removeprefix(built.base) / "index.html").is_file()
            assert only(entry, "title").text == article.title
            assert published == article.when
            outlet = built.sources[article.source]["name"]
            names = [only(a, "name").text or "" for a in entry.findall(ATOM + "author")]
            assert any(outlet in n for n in names), f"{url}: authors {names} do not name {outlet}"
            has_text = entry.find(ATOM + "content") is not None or entry.find(ATOM + "summary") is not None
            assert has_text, url
        assert len(ids) == len(set(ids)), f"{feed}: duplicate entry ids"


def test_atom_entries_carry_their_tags_and_outlet_as_categories(built):
    # tags as plain terms (their slug), labelled only when the name differs; the outlet in the sources' scheme
    feed = built.out / "feed.xml"
    for entry in ET.fromstring(feed.read_bytes()).findall(ATOM + "entry"):
        article = built.by_url[links(entry, "alternate")[0].get("href")]
        categories = entry.findall(ATOM + "category")
        tags = [(c.get("term"), c.get("label")) for c in categories if c.get("scheme") is None]
        assert tags == [(tag_slug(t), None if t == tag_slug(t) else t) for t in article.tags]
        sources = [c.get("term") for c in categories if c.get("scheme") == built.base + "sources/"]
        assert sources == [article.source]


def test_atom_entries_are_the_newest_articles_first_within_the_limit(built):
    for feed in built.feeds():
        root = ET.fromstring(feed.read_bytes())
        entries = root.findall(ATOM + "entry")
        urls = [links(e, "alternate")[0].get("href") for e in entries]
        assert len(urls) <= built.limit
        published = [stamp(only(e, "published").text) for e in entries]
        assert published == sorted(published, reverse=True), feed
        assert urls == expected_members(built, feed), feed


def test_limit_is_reached_on_a_big_site(built):
    if len(built.articles) <= built.limit:
        pytest.skip("needs more articles than the feed limit")
    root = ET.fromstring((built.out / "feed.xml").read_bytes())
    assert len(root.findall(ATOM + "entry")) == built.limit
    biggest = max(built.feeds(), key=lambda f: len(expected_members(built, f)))
    assert len(ET.fromstring(biggest.read_bytes()).findall(ATOM + "entry")) == built.limit
    feed = json.loads((built.out / "feed.json").read_text(encoding="utf-8"))
    assert len(feed["items"]) == built.limit


def _text_of(markup: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def test_site_feed_carries_the_article_text_when_configured(built):
    if not built.full:
        pytest.skip("full_content = false")
    root = ET.fromstring((built.out / "feed.xml").read_bytes())
    for entry in root.findall(ATOM + "entry"):
        article = built.by_url[links(entry, "alternate")[0].get("href")]
        content = entry.find(ATOM + "content")
        assert content is not None and content.get("type") == "html"
        assert article.paragraphs[-1] in _text_of(content.text or "")


def test_no_feed_carries_article_bodies_when_full_content_is_off(built):
    """``full_content = false``: feeds give summaries and links, never the quoted articles' text."""
    if built.full:
        pytest.skip("full_content = true")
    for feed in built.feeds():
        for entry in ET.fromstring(feed.read_bytes()).findall(ATOM + "entry"):
            assert entry.find(ATOM + "content") is None, feed
            assert (only(entry, "summary").text or "").strip()
    feed = json.loads((built.out / "feed.json").read_text(encoding="utf-8"))
    leaked = []
    for item in feed["items"]:
        article = built.by_url[item["url"]]
        shown = _text_of(item.get("content_html", "")) + " " + item.get("content_text", "")
        if any(p in shown for p in article.paragraphs[1:]):
            leaked.append(item["url"])
        assert item.get("content_html") or item.get("content_text")
    assert leaked == [], f"feed.json carries the full text of {len(leaked)} articles despite full_content = false"


def test_entry_links_back_to_the_original_when_known(built):
    root = ET.fromstring((built.out / "feed.xml").read_bytes())
    for entry in root.findall(ATOM + "entry"):
        article = built.by_url[links(entry, "alternate")[0].get("href")]
        via = [e.get("href") for e in links(entry, "via")]
        assert via == ([article.meta["url"]] if article.meta.get("url") else [])


# --- JSON Feed -----------------------------------------------------------------------------------

def test_json_feed_1_1(built):
    feed = json.loads((built.out / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"].strip()
    assert feed["home_page_url"] == built.base
    assert feed["feed_url"] == built.base + "feed.json"
    items = feed["items"]
    assert [item["url"] for item in items] == [built.base + a.path for a in built.articles[:built.limit]]
    for item in items:
        article = built.by_url[item["url"]]
        assert isinstance(item["id"], str) and item["id"]
        assert item["title"] == article.title
        assert item.get("content_html") or item.get("content_text") or item.get("summary"), item["id"]
        assert "content_html" in item or "content_text" in item  # one of them is required
        assert stamp(item["date_published"]) == article.when
        outlet = built.sources[article.source]["name"]
        assert any(outlet in a["name"] for a in item["authors"])
        if article.meta.get("url"):
            assert item["external_url"] == article.meta["url"]
        else:
            assert "external_url" not in item
    assert len({item["id"] for item in items}) == len(items)


def test_json_feed_is_announced_on_the_home_page_and_atom_on_every_page(built):
    home = (built.out / "index.html").read_text(encoding="utf-8")
    assert 'type="application/feed+json"' in home
    assert 'type="application/atom+xml"' in home
    article = next((built.out / "articles").glob("*/*/*/index.html")).read_text(encoding="utf-8")
    assert 'type="application/atom+xml"' in article and 'type="application/feed+json"' not in article
    assert 'href="' in article and "feed.json" in article  # the footer still links it


# --- sitemap -------------------------------------------------------------------------------------

def test_sitemap_lists_every_article_and_only_urls_under_the_base(built):
    root = ET.fromstring((built.out / "sitemap.xml").read_bytes())
    assert root.tag == SITEMAP + "urlset"
    locs = [loc.text or "" for loc in root.iter(SITEMAP + "loc")]
    assert len(locs) == len(set(locs))
    assert all(loc.startswith(built.base) for loc in locs), [loc for loc in locs if not loc.startswith(built.base)]
    articles = {loc for loc in locs if loc.removeprefix(built.base).count("/") == 4
                and loc.removeprefix(built.base).startswith("articles/")}
    assert articles == set(built.by_url)
    assert built.base in locs
    assert not any(loc.endswith("404.html") for loc in locs)
    for loc in locs:
        assert (built.out / loc.removeprefix(built.base) / "index.html").is_file(), loc


def test_sitemap_lastmod_is_the_article_date(built):
    root = ET.fromstring((built.out / "sitemap.xml").read_bytes())
    for url in root.iter(SITEMAP + "url"):
        loc = url.find(SITEMAP + "loc").text
        lastmod = url.find(SITEMAP + "lastmod")
        if loc in built.by_url:
            article = built.by_url[loc]
            changed = article.meta.get("updated")
            when = article.when if changed is None else dt.datetime.fromisoformat(str(changed))
            assert lastmod is not None and lastmod.text == when.astimezone(dt.UTC).date().isoformat()


# --- what a feed reader displays -----------------------------------------------------------------
# Readers show an entry's title, author and text, never its categories: the outlet and its label
# must be in those. Checked on the example archive, whose labels the test knows (helpers.LABELS).

def _reader_expectations(built: Built, url: str) -> tuple[str, str, str | None]:
    article = built.by_url[url]
    source = built.sources[article.source]
    return source["name"], LABELS[article.source], article.meta.get("section")


def test_a_reader_sees_the_outlet_and_its_label_in_every_atom_entry(built):
    if built.base != SITES["example"][0]:
        pytest.skip("labels known for the example archive only")
    for feed in built.feeds():
        parsed = feedparser.parse(feed.read_bytes())
        assert parsed.entries, feed
        for entry in parsed.entries:
            outlet, label, section = _reader_expectations(built, entry.link)
            lead = f"{outlet} — {label}" + (f" · {section}" if section else "")
            assert entry.summary.startswith(lead + ": "), entry.summary
            assert entry.author.endswith(f"{outlet} — {label}") or entry.author.endswith(f"({outlet} — {label})")
            assert entry.source.title == f"{outlet} — {label}"
            if "content" in entry:
                assert _text_of(entry.content[0].value).startswith(lead), entry.content[0].value[:200]


def test_a_reader_sees_the_outlet_and_its_label_in_the_json_feed(built):
    if built.base != SITES["example"][0]:
        pytest.skip("labels known for the example archive only")
    feed = json.loads((built.out / "feed.json").read_text(encoding="utf-8"))
    for item in feed["items"]:
        outlet, label, section = _reader_expectations(built, item["url"])
        source = built.sources[built.by_url[item["url"]].source]
        lead = f"{outlet} — {label}" + (f" · {section}" if section else "")
        assert item["summary"].startswith(lead + ": ")
        shown = _text_of(item["content_html"]) if "content_html" in item else item["content_text"]
        assert shown.startswith(lead)
        assert any(f"{outlet} — {label}" in a["name"] for a in item["authors"])
        extension = item["_clippings"]
        assert (extension["label"], extension["country"]) == (label, source["country"])
        assert extension["type"] == source["type"]
