"""Enrich validated content into a :class:`~clippings.model.Site`: every listing computed once."""

from __future__ import annotations

from ..config import SiteConfig
from ..model import Content, Site
from .archives import build_archives, build_neighbours
from .grouping import GroupingCache
from .related import build_related
from .sources import build_source_index
from .stories import build_stories
from .tags import build_tags


def enrich(content: Content, config: SiteConfig, grouping: GroupingCache | None = None) -> Site:
    """``grouping``: the automatic stories' cache, kept by a caller that enriches again and
    again (the preview), so that an edit re-scores only the edited article."""
    articles = sorted(content.articles, key=lambda a: (a.date, a.id), reverse=True)
    tags, article_tags = build_tags(articles, config.tag_aliases, config.tag_descriptions)
    stories, story_of = build_stories(articles, content.stories, config.stories, grouping)
    return Site(
        articles=articles,
        by_id={a.id: a for a in articles},
        sources=content.sources,
        source_articles=build_source_index(articles, content.sources),
        tags=tags,
        article_tags=article_tags,
        stories=stories,
        years=build_archives(articles, config.tz),
        neighbours=build_neighbours(articles),
        story_of=story_of,
        related=build_related(articles, article_tags, story_of),
    )


__all__ = ["GroupingCache", "enrich"]
