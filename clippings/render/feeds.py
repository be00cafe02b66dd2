"""Atom (RFC 4287) and JSON Feed 1.1, never by string templates: JSON Feed as data, Atom and the
sitemap as elements escaped one by one (``_el``).

Both take a resolved ``FeedSpec`` (plan/files.py): its entries are articles with their source
and tags attached.
"""

from __future__ import annotations

import datetime as dt
import html
import json

from ..config import SiteConfig
from ..plan.entries import ArticleEntry, SourceEntry
from ..plan.files import FeedSpec
from ..urls import SOURCES, Urls

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>\n"  # as ElementTree writes it


def _stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _updated(article: ArticleEntry) -> dt.datetime:
    return article.updated or article.date


def _text(value: str) -> str:
    # ElementTree's escaping, byte for byte: feeds made before and after it was dropped are equal
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    return value


def _attr(value: str) -> str:
    value = _text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    for raw, ref in (("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        if raw in value:
            value = value.replace(raw, ref)
    return value


def _el(tag: str, text: str | None = None, **attrib: str) -> str:
    """One element as ElementTree writes it (``<link href="…" />`` when it has no text)."""
    attrs = "".join(f' {name}="{_attr(value)}"' for name, value in attrib.items())
    return f"<{tag}{attrs}>{_text(text)}</{tag}>" if text else f"<{tag}{attrs} />"


def _outlet(source: SourceEntry) -> str:
    """"RT — Russian state-controlled media": the outlet as every feed field that names it says it."""
    return f"{source.name} — {source.label}"


def source_line(article: ArticleEntry) -> str:
    """"RT — Russian state-controlled media · Russia & Former Soviet Union": who published the
    entry, said where every reader shows it (readers show titles and text, never categories)."""
    line = _outlet(article.source)
    return f"{line} · {article.section}" if article.section else line


def _author(article: ArticleEntry) -> str:
    outlet = _outlet(article.source)
    return f"{article.byline} ({outlet})" if article.byline else outlet


def _lead_text(article: ArticleEntry) -> str:
    return f"{source_line(article)}: {article.summary or article.title}"


def _lead_html(article: ArticleEntry, links: Urls) -> str:
    """The same line at the top of the entry's HTML; the body is HTML the pipeline sanitized."""
    source = article.source
    name = f'<a href="{html.escape(links.abs_url(source.path))}">{html.escape(source.name)}</a>'
    section = f" · {html.escape(article.section)}" if article.section else ""
    return f"<p><strong>{name} — {html.escape(source.label)}</strong>{section}</p>\n{article.body}"


def atom_feed(path: str, spec: FeedSpec, config: SiteConfig, links: Urls) -> bytes:
    """Written as strings, not an ElementTree: a thousand tag feeds took a sixth of rendering."""
    articles: tuple[ArticleEntry, ...] = spec.entries
    # The namespace as a plain xmlns attribute, as ElementTree wrote it without register_namespace.
    parts = [f'{XML_DECLARATION}<feed xmlns="{ATOM_NS}" xml:lang="{_attr(config.language)}">',
             _el("id", links.abs_url(path)), _el("title", spec.title)]
    if config.description:
        parts.append(_el("subtitle", config.description))
    newest = max((_updated(a) for a in articles), default=None)
    parts += [_el("updated", _stamp(newest) if newest else "1970-01-01T00:00:00Z"),
              _el("link", rel="self", type="application/atom+xml", href=links.abs_url(path)),
              _el("link", rel="alternate", type="text/html", href=links.abs_url(spec.page_path)),
              f"<author>{_el('name', config.curator_name or config.title)}</author>", _el("generator", "Clippings")]
    sources = _attr(links.abs_url(SOURCES))
    for article in articles:
        source = article.source
        here, source_url = links.abs_url(article.path), links.abs_url(source.path)
        # The entry's alternate link is an article page: no type needed.
        parts += ["<entry>", _el("id", here), _el("title", article.title), _el("published", _stamp(article.date)),
                  _el("updated", _stamp(_updated(article))), _el("link", rel="alternate", href=here)]
        if article.url:
            parts.append(_el("link", rel="via", href=article.url))
        # The original outlet and its label as author (with the byline when there is one) and as a category.
        parts.append(f"<author>{_el('name', _author(article))}{_el('uri', source.homepage or source_url)}</author>")
        parts.append(f'<category term="{_attr(source.key)}" label="{_attr(f"{source.name} ({source.label})")}"'
                     f' scheme="{sources}" />')
        # Tags as plain categories (no scheme, a label only when the name is not the term): a
        # third of a tag feed's bytes were these attributes repeated on every entry.
        parts += [_el("category", term=tag.slug, **({"label": tag.name} if tag.name != tag.slug else {}))
                  for tag in article.tags]
        # RFC 4287 source: the outlet as the entry's origin, its label in the title readers show.
        origin = _el("link", rel="alternate", type="text/html", href=source_url)  # explains the label
        parts.append(f"<source>{_el('id', source_url)}{_el('title', _outlet(source))}{origin}</source>")
        parts.append(_el("summary", _lead_text(article), type="text"))
        if spec.full_content and article.body:
            parts.append(_el("content", _lead_html(article, links), type="html"))
        parts.append("</entry>")
    parts.append("</feed>")
    return "".join(parts).encode("utf-8", "xmlcharrefreplace")


def json_feed(path: str, spec: FeedSpec, config: SiteConfig, links: Urls) -> bytes:
    items = []
    for article in spec.entries:
        source = article.source
        item = {
            "id": links.abs_url(article.path),
            "url": links.abs_url(article.path),
            "title": article.title,
            "content_html": _lead_html(article, links) if spec.full_content else None,
            "date_published": article.date.isoformat(),
            "authors": [{"name": _author(article),
                         "url": source.homepage or links.abs_url(source.path)}],
            "tags": [t.name for t in article.tags],
            "language": article.lang,
            "summary": _lead_text(article),
            # JSON Feed extension (a key starting with "_"): the label as data, for readers that use it.
            "_clippings": {"label": source.label, "type": source.type, "country": source.country,
                           "country_name": source.country_name,
                           "source": {"key": source.key, "name": source.name, "label": source.label,
                                      "type": source.type, "url": links.abs_url(source.path)}},
        }
        if item["content_html"] is None:  # JSON Feed needs content_html or content_text
            item.pop("content_html")
            item["content_text"] = _lead_text(article)
        if article.url:
            item["external_url"] = article.url
        if article.updated:
            item["date_modified"] = article.updated.isoformat()
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": spec.title,
        "home_page_url": links.abs_url(spec.page_path),
        "feed_url": links.abs_url(path),
        "description": config.description or None,
        "language": config.language,
        "authors": [{"name": config.curator_name or config.title}],
        "items": items,
    }
    return _compact({k: v for k, v in feed.items() if v is not None})


def sitemap(rows: tuple[tuple[str, str | None], ...], links: Urls) -> bytes:
    """sitemap.xml from (site path, last modified day) rows."""
    parts = [f'{XML_DECLARATION}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, lastmod in rows:
        parts.append(f"<url>{_el('loc', links.abs_url(path))}{_el('lastmod', lastmod) if lastmod else ''}</url>")
    parts.append("</urlset>")
    return "".join(parts).encode("utf-8", "xmlcharrefreplace")


def story_json(spec, links: Urls) -> bytes:
    """A story's articles with their dates, labels and sources; its confidence and evidence when
    it was found automatically; its quotes as each outlet printed them, and its shared sentences."""
    story = spec.story
    data: dict = {"title": spec.title, "url": links.abs_url(spec.page_path), "automatic": story.automatic}
    if story.automatic:
        data["confidence"] = story.confidence
        ev = story.evidence
        if ev is not None:
            data["evidence"] = {"terms": list(ev.terms), "quotes": list(ev.quotes), "names": list(ev.names),
                                "numbers": list(ev.numbers)}
    # Each quote with every outlet's wording, so a researcher can see who quoted what.
    data["quotes"] = [{"speaker": q.speaker, "only_in": q.only_in,
                       "versions": [{"article": v.article_id, "source": v.source, "text": v.text} for v in q.versions]}
                      for q in story.quotes]
    data["shared_sentences"] = [{"text": s.text, "articles": list(s.article_ids), "first": s.first_article_id,
                                 "first_source": s.first_source} for s in story.shared]
    c = spec.coverage
    data["coverage"] = {"by_type": {b.label: b.count for b in c.by_type},
                        "by_country": {b.label: b.count for b in c.by_country},
                        "by_owner": {b.label: b.count for b in c.by_owner}, "absent": c.absent}
    data["articles"] = [{
        "title": a.title, "summary": a.summary, "url": links.abs_url(a.path), "original_url": a.url,
        "published": a.date.isoformat(), "updated": a.updated.isoformat() if a.updated else None,
        "captured": a.captured.isoformat() if a.captured else None, "lang": a.lang,
        "source": {"key": a.source.key, "name": a.source.name, "label": a.source.label, "type": a.source.type,
                   "country": a.source.country, "country_name": a.source.country_name, "owner": a.source.owner,
                   "url": links.abs_url(a.source.path)},
    } for a in spec.articles]
    return _compact(data)


def _compact(data: dict) -> bytes:
    # no indentation: machines read these, and a story.json was a quarter whitespace
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
