"""Which articles each source published."""

from __future__ import annotations

from ..model import Article, Source


def build_source_index(articles: list[Article], sources: dict[str, Source]) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {key: [] for key in sources}
    for article in articles:
        index[article.source].append(article.id)
    return {key: tuple(ids) for key, ids in index.items()}
