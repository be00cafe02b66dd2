"""Stories: coverage of one event by different outlets, to be read side by side.

A curator's ``story: slug`` makes a story; so does the automatic grouping (``grouping/``) of
the articles without one. This module turns articles into the grouping's plain items and its
groups back into the site's ``Story`` objects.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..config import StoriesConfig
from ..model import Article, Story, StoryInfo
from .grouping import Grouping, GroupingCache, Item, Settings, group, store

GROUPING_FILE = "grouping.json"  # in the site's .cache/


def build_stories(articles: list[Article], infos: dict[str, StoryInfo], config: StoriesConfig,
                  cache: GroupingCache | None = None) -> tuple[dict[str, Story], dict[str, str]]:
    """-> (stories by slug, article id -> slug); ``articles`` newest first."""
    if grouping_runs(articles, config):
        return from_grouping(group_articles(articles, config, cache), articles, infos)
    return _pinned_only(articles, infos)


def grouping_runs(articles: list[Article], config: StoriesConfig) -> bool:
    """Whether any article is left to the automatic grouping."""
    return config.automatic and any(a.auto_story and not a.story for a in articles)


def items(articles: list[Article]) -> list[Item]:
    return [Item(id=a.id, headline=a.title, dek=a.summary or "", text=a.body, published=a.date,
                 source=a.source, story=a.story, auto=a.auto_story, lang=a.lang) for a in articles]


def settings(config: StoriesConfig) -> Settings:
    return Settings(window_days=config.window_days, threshold=config.threshold)


def group_articles(articles: list[Article], config: StoriesConfig, cache: GroupingCache | None = None) -> Grouping:
    return group(items(articles), settings(config), cache)


def load_grouping(cache_dir: Path, config: StoriesConfig) -> GroupingCache:
    """The grouping cache the last build left in ``cache_dir`` (an empty one if it no longer applies)."""
    return store.load(cache_dir / GROUPING_FILE, settings(config))


def save_grouping(cache_dir: Path, cache: GroupingCache, config: StoriesConfig) -> None:
    """Keep the grouping cache for the next build; nothing is written when it is what was read."""
    if cache.unsaved:
        store.save(cache_dir / GROUPING_FILE, cache, settings(config))


def from_grouping(grouping: Grouping, articles: list[Article], infos: dict[str, StoryInfo]
                  ) -> tuple[dict[str, Story], dict[str, str]]:
    by_id = {a.id: a for a in articles}
    stories = {}
    for g in grouping.groups:
        info = infos.get(g.slug)
        first = by_id[g.article_ids[0]]
        stories[g.slug] = Story(
            slug=g.slug,
            title=info.title if info else (g.headline if g.automatic else first.title),
            description=info.description if info else None,
            article_ids=g.article_ids,
            automatic=g.automatic,
            confidence=g.confidence,
            evidence=g.evidence,
            earlier=g.earlier,
            later=g.later,
        )
    return dict(sorted(stories.items())), {aid: s.slug for s in stories.values() for aid in s.article_ids}


def _pinned_only(articles: list[Article], infos: dict[str, StoryInfo]) -> tuple[dict[str, Story], dict[str, str]]:
    grouped: dict[str, list[Article]] = defaultdict(list)
    for article in reversed(articles):  # oldest first: the order the event was reported
        if article.story:
            grouped[article.story].append(article)
    stories = {}
    for slug, members in sorted(grouped.items()):
        info = infos.get(slug)
        stories[slug] = Story(
            slug=slug,
            title=info.title if info else members[0].title,
            description=info.description if info else None,
            article_ids=tuple(a.id for a in members),
        )
    return stories, {aid: s.slug for s in stories.values() for aid in s.article_ids}
