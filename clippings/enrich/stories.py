"""Stories: coverage of one event by different outlets, to be read side by side."""

from __future__ import annotations

from collections import defaultdict

from ..model import Article, Story, StoryInfo


def build_stories(articles: list[Article], infos: dict[str, StoryInfo]) -> dict[str, Story]:
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
    return stories
