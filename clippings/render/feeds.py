"""Atom (RFC 4287) and JSON Feed 1.1, built as data structures, never by string templates."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..config import SiteConfig
from ..model import Article, Site
from . import urls as u

ATOM_NS = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class FeedSpec:
    path: str  # e.g. "tags/nato/feed.xml"
    title: str
    page_path: str  # the HTML page this feed mirrors
    article_ids: tuple[str, ...]  # newest first
    full_content: bool


def feed_specs(site: Site, config: SiteConfig) -> list[FeedSpec]:
    limit, full = config.feeds.limit, config.feeds.full_content
    ids = tuple(a.id for a in site.articles[:limit])
    specs = [FeedSpec("feed.xml", config.title, "", ids, full)]
    for tag in site.tags.values():
        path = u.tag_path(tag)
        specs.append(FeedSpec(path + "feed.xml", f"{config.title}: {tag.name}", path, tag.article_ids[:limit], False))
    for key, source in site.sources.items():
        path = u.source_path(source)
        ids = site.source_articles[key][:limit]
        specs.append(FeedSpec(path + "feed.xml", f"{config.title}: {source.name}", path, ids, False))
    return specs


def feed_inputs(spec: FeedSpec, site: Site, entries: dict[str, tuple] | None = None) -> tuple:
    """Everything ``atom_feed`` reads (and ``json_feed``, for the site's spec), for the preview
    to compare with the last build's; ``entries`` caches each article's part across feeds."""
    entries = {} if entries is None else entries

    def entry(ident: str) -> tuple:
        found = entries.get(ident)
        if found is None:
            article = site.by_id[ident]
            found = entries[ident] = (article, site.sources[article.source], site.bodies.get(ident),
                                      tuple((t.slug, t.name) for t in site.article_tags.get(ident, ())))
        return found

    return (spec, tuple(map(entry, spec.article_ids)))


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _updated(article: Article) -> dt.datetime:
    return article.updated or article.date


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = text
    return element


def atom_feed(spec: FeedSpec, site: Site, config: SiteConfig, links: u.Urls) -> bytes:
    articles = [site.by_id[i] for i in spec.article_ids]
    # The namespace as a plain xmlns attribute: ET.register_namespace would be process-wide state.
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": config.language})
    _sub(feed, "id", links.abs_url(spec.path))
    _sub(feed, "title", spec.title)
    if config.description:
        _sub(feed, "subtitle", config.description)
    newest = max((_updated(a) for a in articles), default=None)
    _sub(feed, "updated", _stamp(newest) if newest else "1970-01-01T00:00:00Z")
    _sub(feed, "link", rel="self", type="application/atom+xml", href=links.abs_url(spec.path))
    _sub(feed, "link", rel="alternate", type="text/html", href=links.abs_url(spec.page_path))
    author = _sub(feed, "author")
    _sub(author, "name", config.curator_name or config.title)
    _sub(feed, "generator", "Clippings")
    for article in articles:
        source = site.sources[article.source]
        entry = _sub(feed, "entry")
        _sub(entry, "id", links.abs_url_for(article))
        _sub(entry, "title", article.title)
        _sub(entry, "published", _stamp(article.date))
        _sub(entry, "updated", _stamp(_updated(article)))
        _sub(entry, "link", rel="alternate", type="text/html", href=links.abs_url_for(article))
        if article.url:
            _sub(entry, "link", rel="via", href=article.url)
        # The original outlet is named as author (with the byline when there is one) and as a category.
        entry_author = _sub(entry, "author")
        _sub(entry_author, "name", f"{article.byline} ({source.name})" if article.byline else source.name)
        _sub(entry_author, "uri", source.homepage or links.abs_url_for(source))
        _sub(entry, "category", term=source.key, label=f"{source.name} ({source.label})",
             scheme=links.abs_url(u.SOURCES))
        for tag in site.article_tags.get(article.id, ()):
            _sub(entry, "category", term=tag.slug, label=tag.name, scheme=links.abs_url(u.TAGS))
        if article.summary:
            _sub(entry, "summary", article.summary, type="text")
        if spec.full_content and article.id in site.bodies:
            _sub(entry, "content", site.bodies[article.id], type="html")
        elif not article.summary:
            _sub(entry, "summary", f"{article.title} ({source.name})", type="text")
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def json_feed(site: Site, config: SiteConfig, links: u.Urls) -> bytes:
    items = []
    for article in site.articles[: config.feeds.limit]:
        source = site.sources[article.source]
        item = {
            "id": links.abs_url_for(article),
            "url": links.abs_url_for(article),
            "title": article.title,
            "content_html": site.bodies.get(article.id, "") if config.feeds.full_content else None,
            "date_published": article.date.isoformat(),
            "authors": [{"name": f"{article.byline} ({source.name})" if article.byline else source.name,
                         "url": source.homepage or links.abs_url_for(source)}],
            "tags": [t.name for t in site.article_tags.get(article.id, ())],
            "language": article.lang,
            "_clippings": {"source": {"key": source.key, "name": source.name, "label": source.label,
                                      "type": source.type, "url": links.abs_url_for(source)}},
        }
        if item["content_html"] is None:  # JSON Feed needs content_html or content_text
            item.pop("content_html")
            item["content_text"] = article.summary or article.title
        if article.url:
            item["external_url"] = article.url
        if article.summary:
            item["summary"] = article.summary
        if article.updated:
            item["date_modified"] = article.updated.isoformat()
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": config.title,
        "home_page_url": links.abs_url(),
        "feed_url": links.abs_url("feed.json"),
        "description": config.description or None,
        "language": config.language,
        "authors": [{"name": config.curator_name or config.title}],
        "items": items,
    }
    return json.dumps({k: v for k, v in feed.items() if v is not None}, ensure_ascii=False, indent=1).encode("utf-8")
