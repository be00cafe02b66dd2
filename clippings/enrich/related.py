""""More on this tag": a few recent articles sharing an article's rarest tags, found once per build."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..model import Article, Tag

RELATED = 4  # articles shown under an article (each ~0.3 kB on every article page)
RARE_TAGS = 3  # its rarest tags are read: a tag of few articles says more than "politics" does
SCAN = 20  # the newest articles read per tag, so a tag of 10,000 articles costs what one of 20 does


def build_related(articles: Sequence[Article], article_tags: Mapping[str, tuple[Tag, ...]],
                  story_of: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Article id -> up to RELATED other ids, most rare tags shared first, then newest. Articles of
    the same story are left out: the article page lists them already, as "other coverage"."""
    order = {a.id: i for i, a in enumerate(articles)}  # newest first
    related = {}
    for article in articles:
        shared: Counter[str] = Counter()
        for tag in rare_tags(article_tags.get(article.id, ())):
            shared.update(other for other in tag.article_ids[:SCAN + 1] if other != article.id)
        story = story_of.get(article.id)
        picks = sorted((o for o in shared if story is None or story_of.get(o) != story),
                       key=lambda o: (-shared[o], order[o]))
        related[article.id] = tuple(picks[:RELATED])
    return related


def rare_tags(article_tags: tuple[Tag, ...]) -> tuple[Tag, ...]:
    """The tags ``build_related`` reads for an article, rarest first (the page names them)."""
    return tuple(sorted((t for t in article_tags if t.count > 1), key=lambda t: (t.count, t.key))[:RARE_TAGS])
