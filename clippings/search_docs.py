"""The site's articles as plain search documents: what ``search`` is given to index.

``search`` knows nothing of Clippings' model; this is the one place that turns a ``Site`` into
``SearchDoc`` values, and says which files a search index depends on.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from search.analysis import group_of
from search.documents import SearchDoc

from .model import Article, Site

SEARCH_CACHE = Path(".cache") / "search"  # below the site's folder


def search_cache(site_root: Path) -> Path:
    return site_root / SEARCH_CACHE


def make_docs(site: Site, tz: dt.tzinfo) -> list[SearchDoc]:
    """One document per published article, oldest first (the export's document order);
    ``site.bodies`` must be filled (the search indexes the rendered, sanitized body)."""
    return [_doc(article, site, tz) for article in sorted(site.articles, key=lambda a: (a.date, a.id))]


def _doc(article: Article, site: Site, tz: dt.tzinfo) -> SearchDoc:
    source = site.sources[article.source]
    tags = site.article_tags.get(article.id, ())
    return SearchDoc(
        id=article.id,
        group=group_of(article.lang),
        title=article.title,
        summary=(article.summary or "").strip(),
        html=site.bodies.get(article.id, ""),
        tags="\n".join(tag.name for tag in tags),
        tag_keys=tuple(tag.slug for tag in tags),
        source=source.key,
        source_name=source.name,
        source_label=source.label,
        source_type=source.type,
        section=article.section or "",
        lang=article.lang,
        date=article.date.astimezone(dt.UTC),
        day=article.date.astimezone(tz).date().isoformat(),
    )


def content_signature(site_root: Path) -> list[int]:
    """Number and latest modification time of the files an index depends on (cheap to check:
    the ``search`` command re-indexes only when it differs from the index's)."""
    paths = [site_root / "site.toml", *sorted((site_root / "content").rglob("*.md"))]
    stamps = [p.stat().st_mtime_ns for p in paths if p.is_file()]
    return [len(stamps), max(stamps, default=0)]
