"""Tags: one subject however outlets spell it (``NATO``/``nato``, ``Kiev``→``Kyiv``)."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict

from ..model import Article, Tag
from ..slugs import fold, slugify


def build_tags(
    articles: list[Article], aliases: dict[str, str], descriptions: dict[str, str]
) -> tuple[dict[str, Tag], dict[str, tuple[Tag, ...]]]:
    """Fold every article's tags into Tags; ``articles`` must be newest first."""
    alias_of = {fold(alias): target for alias, target in aliases.items()}
    # Spellings the curator wrote in site.toml are authoritative for display.
    preferred = {fold(name): name for name in [*aliases.values(), *descriptions]}
    described = {fold(name): text for name, text in descriptions.items()}

    spellings: dict[str, Counter] = defaultdict(Counter)
    members: dict[str, list[str]] = defaultdict(list)
    per_article: dict[str, list[str]] = {}
    for article in articles:
        keys: list[str] = []
        for raw in article.tags:
            name = alias_of.get(fold(raw), raw)
            key = fold(name)
            if not key or key in keys:
                continue
            keys.append(key)
            spellings[key][name] += 1
            members[key].append(article.id)
        per_article[article.id] = keys

    tags: dict[str, Tag] = {}
    used_slugs: set[str] = set()
    for key in sorted(members):
        # most frequent spelling; ties go to the alphabetically first, so builds are stable
        name = preferred.get(key) or min(spellings[key].items(), key=lambda kv: (-kv[1], kv[0]))[0]
        slug = _unique_slug(key, used_slugs)
        tags[key] = Tag(key=key, name=name, slug=slug, description=described.get(key),
                        article_ids=tuple(members[key]))
    article_tags = {aid: tuple(tags[k] for k in keys) for aid, keys in per_article.items()}
    return tags, article_tags


def _unique_slug(key: str, used: set[str]) -> str:
    base = slugify(key) or "tag-" + hashlib.sha1(key.encode()).hexdigest()[:8]
    slug, n = base, 2
    while slug in used:  # "c++" and "c" both slugify to "c"
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug
