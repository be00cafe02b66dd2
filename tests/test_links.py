"""Serve built sites like GitHub Pages (at a domain root and under /archive/) and crawl every link."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin, urlsplit

import pytest

from tests.conftest import StaticServer
from tests.helpers import build_site, content_articles, copy_example_site, parse_html

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
LINKED = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src", "iframe": "src"}


@dataclass
class Crawl:
    base_url: str
    prefix: str
    status: dict[str, int] = field(default_factory=dict)  # url (no fragment) -> HTTP status
    kind: dict[str, str] = field(default_factory=dict)  # url -> Content-Type
    ids: dict[str, set[str]] = field(default_factory=dict)  # HTML url -> element ids
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (page, raw href, absolute url)
    outside: list[tuple[str, str]] = field(default_factory=list)  # internal links leaving the prefix
    bodies: dict[str, bytes] = field(default_factory=dict)  # feeds and sitemap

    @property
    def pages(self) -> set[str]:
        return {u for u, k in self.kind.items() if k.startswith("text/html") and self.status[u] == 200}

    def broken(self) -> list[str]:
        where = {}
        for source, raw, url in self.links:
            where.setdefault(urldefrag(url)[0], f"{raw!r} on {source}")
        return [f"{code} {url} (linked as {where.get(url, 'start')})"
                for url, code in sorted(self.status.items()) if code != 200]


def fetch(url: str) -> tuple[int, str, bytes]:
    """Status, Content-Type and body; status 0 when the server gave no HTTP answer at all."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()
    except (urllib.error.URLError, ConnectionError) as exc:
        return 0, "", str(exc).encode()


def links_in(html: str) -> tuple[list[str], set[str]]:
    doc = parse_html(html)
    found, ids = [], set()
    for node in doc.iter():
        attr = LINKED.get(node.tag)
        if attr and node.get(attr):
            found.append(node.get(attr))
        if node.get("id"):
            ids.add(node.get("id"))
    return found, ids


def crawl(server: StaticServer, extra: tuple[str, ...] = ("feed.xml", "feed.json", "sitemap.xml")) -> Crawl:
    result = Crawl(server.base_url, server.prefix)
    origin = urlsplit(server.base_url).netloc
    frontier = [server.base_url] + [server.base_url + name for name in extra]
    seen = set(frontier)
    with ThreadPoolExecutor(8) as pool:
        while frontier:
            fetched = list(zip(frontier, pool.map(fetch, frontier), strict=True))
            frontier = []
            for url, (status, kind, body) in fetched:
                result.status[url], result.kind[url] = status, kind
                if status != 200:
                    continue
                if not kind.startswith("text/html"):
                    result.bodies[url] = body
                    continue
                raw_links, result.ids[url] = links_in(body.decode("utf-8"))
                for raw in raw_links:
                    absolute = urljoin(url, raw)
                    parts = urlsplit(absolute)
                    if parts.scheme not in ("http", "https") or parts.netloc != origin:
                        continue  # external: the outlets' own sites are not ours to check
                    result.links.append((url, raw, absolute))
                    if not parts.path.startswith(server.prefix):
                        result.outside.append((url, raw))
                        continue
                    target = urldefrag(absolute)[0]
                    if target not in seen:
                        seen.add(target)
                        frontier.append(target)
    return result


SITES = [("example", "/"), ("example", "/archive/"), ("corpus", "/"), ("corpus", "/archive/"),
         ("unicode", "/archive/")]
UNICODE_ARTICLE = """---
title: "Россия и НАТО: «переговоры»"
date: 2023-08-01T01:00:00+03:00
source: rt
lang: ru
tags: [Россия, "Café & Bar", "C++", c, NATO]
---

Текст статьи со [ссылкой](https://example.org/a?b=1&c=2).
"""


def unicode_site(folder: Path) -> Path:
    """The example plus an article whose file name, tags and title are not ASCII."""
    site = copy_example_site(folder)
    (site / "content/articles/2023/07").mkdir()
    (site / "content/articles/2023/07/россия-и-нато.md").write_text(UNICODE_ARTICLE, encoding="utf-8")
    return site


@pytest.fixture(scope="module", params=SITES, ids=[f"{s}-{'root' if p == '/' else 'subpath'}" for s, p in SITES])
def served(request, tmp_path_factory):
    kind, prefix = request.param
    if kind == "corpus":
        site = request.getfixturevalue("corpus_site")
    else:
        folder = tmp_path_factory.mktemp("links-site")
        site = copy_example_site(folder) if kind == "example" else unicode_site(folder)
    out = tmp_path_factory.mktemp(f"links-{kind}") / "out"
    out.mkdir()
    server = StaticServer(out, prefix)  # binds its port now, so the build can use its address
    build_site(site, out, server.base_url)
    with server:
        yield site, out, server, crawl(server)


def test_crawl_reaches_a_real_site(served):
    site, _, server, result = served
    assert result.status[server.base_url] == 200
    assert len(result.pages) >= (20 if len(content_articles(site)) < 10 else 300)


def test_no_link_is_broken(served):
    _, _, _, result = served
    assert result.broken() == []


def test_no_internal_link_leaves_the_prefix(served):
    _, _, server, result = served
    assert result.outside == [], f"links outside {server.prefix}: {result.outside[:10]}"
    if server.prefix != "/":
        status, _, _ = fetch(server.origin + "/")
        assert status != 200  # nothing is served outside the prefix, so such a link would break


def test_every_article_is_reached(served):
    site, _, server, result = served
    expected = {server.base_url + quote(a.path) for a in content_articles(site)}
    missing = sorted(expected - result.pages)
    assert not missing, f"{len(missing)} articles not reached by the crawl, e.g. {missing[:5]}"


def test_every_published_page_is_linked_from_somewhere(served):
    """Every page in the sitemap is reachable by following links from the home page (no orphans)."""
    _, out, server, result = served
    sitemap = ET.fromstring(result.bodies[server.base_url + "sitemap.xml"])
    locs = {loc.text for loc in sitemap.iter(f"{SITEMAP}loc")}
    assert locs
    orphans = sorted(locs - result.pages)
    assert not orphans, f"{len(orphans)} pages no link leads to, e.g. {orphans[:5]}"
    # and every HTML page on disk is in the sitemap, except the 404 page
    on_disk = {server.base_url + quote(p.relative_to(out).as_posix().removesuffix("index.html"))
               for p in out.rglob("*.html")} - {server.base_url + "404.html"}
    assert on_disk == locs


def test_fragment_links_point_at_existing_ids(served):
    _, _, _, result = served
    bad = []
    for source, raw, absolute in result.links:
        target, fragment = urldefrag(absolute)
        if fragment and target in result.ids and fragment not in result.ids[target]:
            bad.append(f"{raw!r} on {source}")
    assert bad == []


def test_feeds_and_sitemap_are_served_and_point_at_live_pages(served):
    _, _, server, result = served
    base = server.base_url
    for name in ("feed.xml", "feed.json", "sitemap.xml"):
        assert result.status[base + name] == 200, name
    atom = ET.fromstring(result.bodies[base + "feed.xml"])
    targets = [e.get("href") for e in atom.iter(f"{ATOM}link") if e.get("rel") in ("self", "alternate")]
    feed = json.loads(result.bodies[base + "feed.json"])
    targets += [feed["home_page_url"], feed["feed_url"]] + [item["url"] for item in feed["items"]]
    sitemap = ET.fromstring(result.bodies[base + "sitemap.xml"])
    targets += [loc.text for loc in sitemap.iter(f"{SITEMAP}loc")]
    assert targets
    for url in targets:
        assert url.startswith(base), url
        assert result.status.get(url) == 200 or fetch(url)[0] == 200, url


def test_tag_and_source_feeds_are_linked_and_served(served):
    _, out, server, result = served
    feeds = {server.base_url + quote(p.relative_to(out).as_posix()) for p in out.rglob("feed.xml")}
    assert len(feeds) > 3
    assert {u for u in result.status if u.endswith("feed.xml")} == feeds
    assert all(result.status[u] == 200 for u in feeds)


def test_missing_page_gets_the_404_page_whose_links_work(served):
    server = served[2]
    for missing in ("no/such/page/", "articles/1999/01/nothing/"):
        status, kind, body = fetch(server.base_url + missing)
        assert status == 404 and kind.startswith("text/html")
        html = body.decode("utf-8")
        assert "Page not found" in html
        raw_links, _ = links_in(html)
        assert raw_links
        for raw in raw_links:
            if raw.startswith("#"):
                continue  # a jump within the 404 page itself
            url = urljoin(server.base_url + missing, raw)
            if urlsplit(url).netloc == urlsplit(server.base_url).netloc:
                assert fetch(urldefrag(url)[0])[0] == 200, f"{raw!r} on the 404 page at /{missing}"


def test_captures_are_served_as_text(served):
    site, _, _, result = served
    captures = [u for u in result.status if "/captures/" in u]
    expected = list((site / "content" / "captures").glob("*")) if (site / "content/captures").is_dir() else []
    assert len(captures) == len(expected)
    for url in captures:
        assert result.kind[url].startswith("text/plain"), (url, result.kind[url])
        name = url.rsplit("/", 1)[1]
        assert result.bodies[url] == (site / "content/captures" / name).read_bytes()
