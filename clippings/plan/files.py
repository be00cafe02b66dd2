"""The outputs beside the pages: feeds, the sitemap, theme files, captures and media, hosting
files and the search export."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import urls as u
from ..config import SiteConfig
from ..model import Content, Site
from ..theme import Asset
from .entries import Ref
from .outputs import Output

SEARCH_FOLDER = "search/"  # the static search export: many files, made as one output


@dataclass(frozen=True)
class FeedSpec:
    title: str
    page_path: str  # the HTML page this feed mirrors
    entries: tuple  # Refs of articles, newest first (entries once resolved)
    full_content: bool


def feed_outputs(site: Site, config: SiteConfig) -> Iterator[Output]:
    """The site's Atom feed and JSON Feed, and an Atom feed per tag and per source."""
    limit, full = config.feeds.limit, config.feeds.full_content

    def refs(ids: Iterable[str]) -> tuple[Ref, ...]:
        return tuple(Ref("article", i) for i in ids)

    latest = refs(a.id for a in site.articles[:limit])
    yield Output("feed.xml", "feed", "atom", FeedSpec(config.title, "", latest, full))
    yield Output("feed.json", "feed", "json-feed", FeedSpec(config.title, "", latest, full))
    for tag in site.tags.values():
        path = u.tag_path(tag)
        yield Output(path + "feed.xml", "feed", "atom",
                     FeedSpec(f"{config.title}: {tag.name}", path, refs(tag.article_ids[:limit]), False))
    for key, source in site.sources.items():
        path = u.source_path(source)
        yield Output(path + "feed.xml", "feed", "atom",
                     FeedSpec(f"{config.title}: {source.name}", path, refs(site.source_articles[key][:limit]), False))


def sitemap_output(pages: list[Output], site: Site) -> Output:
    """Every page but the 404 page, with the day articles last changed."""
    rows = []
    for page in pages:
        if page.page is None or page.kind == "404":
            continue
        lastmod = None
        if page.kind == "article":
            article = site.by_id[page.spec["article"].key]
            lastmod = (article.updated or article.date).astimezone(dt.UTC).date().isoformat()
        rows.append((page.page.path, lastmod))
    return Output("sitemap.xml", "sitemap", "sitemap", tuple(rows))


def asset_outputs(assets: dict[str, Asset]) -> Iterator[Output]:
    for asset in assets.values():
        yield Output(asset.output, "asset", "bytes", {"data": asset.data})


def hosting_outputs(config: SiteConfig, links: u.Urls) -> Iterator[Output]:
    """robots.txt, .nojekyll (GitHub Pages: serve files as they are, no Jekyll) and CNAME."""
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {links.abs_url('sitemap.xml')}\n"
    yield Output("robots.txt", "file", "bytes", {"data": robots.encode()})
    yield Output(".nojekyll", "file", "bytes", {"data": b""})
    if config.cname:
        yield Output("CNAME", "file", "bytes", {"data": (config.cname.strip() + "\n").encode()})


def copy_outputs(content: Content, config: SiteConfig) -> Iterator[Output]:
    """Files published as they are. Captures are offered as text downloads, never as pages of the
    site: a saved page.html becomes page.html.txt, so no browser runs what the outlet's page
    carried. A copy is known by its file's size and modification time."""
    root = config.content_dir
    published = [(u.capture_path(p.relative_to(root).as_posix()), p) for p in content.captures]
    published += [(u.MEDIA + p.relative_to(root / "media").as_posix(), p) for p in content.media]
    for relative, source in published:
        yield Output(relative, "copy", "copy", _stamp(source))


def _stamp(source: Path) -> dict:
    try:
        stat = os.stat(source)
    except OSError:  # vanished since the content was read: copying it will say so
        return {"source": str(source), "size": -1, "mtime": 0}
    return {"source": str(source), "size": stat.st_size, "mtime": stat.st_mtime_ns}


def search_output(site: Site) -> Output:
    """The static search export, made from every article (oldest first: its document order)."""
    return Output(SEARCH_FOLDER, "search", "search", tuple(Ref("article", a.id) for a in reversed(site.articles)))
