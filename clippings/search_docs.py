"""The site's articles as plain search documents: what ``search`` is given to index.

``search`` takes plain inputs only (it imports nothing of the model, the plan or the
pipeline); this is the one place that turns the plan's article entries into ``SearchDoc``
values, and says where the index lives and which files it depends on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from search.analysis import group_of
from search.documents import SearchDoc

from .plan.entries import ArticleEntry, resolve_entries
from .plan.files import search_output

if TYPE_CHECKING:
    from .pipeline import Loaded

SEARCH_CACHE = Path(".cache") / "search"  # below the site's folder


def search_cache(site_root: Path) -> Path:
    return site_root / SEARCH_CACHE


def search_documents(articles: Iterable[ArticleEntry]) -> list[SearchDoc]:
    """One document per article, in the order given (the export's document order)."""
    return [_doc(article) for article in articles]


def _doc(article: ArticleEntry) -> SearchDoc:
    source = article.source
    return SearchDoc(
        id=article.id,
        group=group_of(article.lang),
        title=article.title,
        summary=(article.summary or "").strip(),
        html=article.body,
        tags="\n".join(tag.name for tag in article.tags),
        tag_keys=tuple(tag.slug for tag in article.tags),
        source=source.key,
        source_name=source.name,
        source_label=source.label,
        source_type=source.type,
        section=article.section or "",
        lang=article.lang,
        date=article.date.astimezone(dt.UTC),
        day=article.local_date.date().isoformat(),
    )


def site_documents(loaded: Loaded, html: dict[str, str]) -> list[SearchDoc]:
    """The search documents of a loaded site, in the export's order (``plan.files.search_output``)."""
    entries = resolve_entries(loaded.site, loaded.config, html)
    return search_documents(entries[ref] for ref in search_output(loaded.site).spec)


def content_signature(site_root: Path) -> list[int]:
    """Number and latest modification time of the files an index depends on (cheap to check:
    the ``search`` command re-indexes only when it differs from the index's). Taken before
    the content is read, so that an edit during a build shows next time."""
    paths = [site_root / "site.toml", *sorted((site_root / "content").rglob("*.md"))]
    stamps = [p.stat().st_mtime_ns for p in paths if p.is_file()]
    return [len(stamps), max(stamps, default=0)]
