"""The site's articles as the search index's documents (search/ takes plain inputs only)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from search.analysis import group_of
from search.documents import SearchDoc

from .plan.entries import ArticleEntry, resolve_entries
from .plan.files import search_output

if TYPE_CHECKING:
    from .pipeline import Loaded


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
