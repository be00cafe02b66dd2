"""Automatic stories: which articles report the same event.

Pure: plain ``Item``s in, a ``Grouping`` out. The steps, each in its own module:

1. ``text``: each article's words and quoted passages (cached by content);
2. ``pairs``: how alike two articles within ``window_days`` are (cached per pair);
3. ``cluster``: each pair's weight, then average-link clustering above ``threshold``;
4. ``explain``: slugs, headlines, evidence, near misses, earlier and later stories.

A curator's ``story: slug`` always wins (an article may join a pinned story, never leave it);
``story: false`` keeps an article out of every automatic story; a group of one is no story.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from .cluster import MODEL, Model, average_link, pair_weights
from .explain import Evidence, chronological, evidence, first_day, representative, slug_for
from .pairs import GroupingCache, Item, Pair

__all__ = ["Evidence", "Group", "Grouping", "GroupingCache", "Item", "NearMiss", "Settings", "group", "near_misses"]

NEAR_MISS = 0.25  # pairs at least this likely that ended up apart are listed for the curator
RELATED_TEXT = 0.3  # stories on different days whose closest articles are this alike are related
RELATED_SHOWN = 5


@dataclass(frozen=True)
class Settings:
    window_days: int = 3  # articles further apart in days are never one story
    threshold: float = 0.2  # the mean pair weight two groups need to join (0-1)
    model: Model = MODEL  # how a pair's evidence is weighed (bench/stories_fit.py fits it)


@dataclass(frozen=True)
class Group:
    slug: str
    headline: str  # the most representative headline of its first day
    article_ids: tuple[str, ...]  # oldest first
    automatic: bool  # False when every article was pinned with `story:`
    confidence: float | None  # mean weight of its automatic pairs; None when all pinned
    evidence: Evidence
    earlier: tuple[str, ...] = ()  # slugs of the same topic's stories on earlier days
    later: tuple[str, ...] = ()


@dataclass(frozen=True)
class NearMiss:
    """Two articles that almost joined: the closest pair between two groups that stayed apart."""

    a: str
    b: str
    story_a: str | None  # slug of the story each is in, if any
    story_b: str | None
    weight: float  # the pair's weight
    link: float  # the mean weight between their groups (below the threshold)
    evidence: Evidence


@dataclass(frozen=True)
class Grouping:
    groups: tuple[Group, ...]  # by slug
    weights: dict[tuple[str, str], float]  # every pair's weight (ids sorted), for near_misses()


def group(items: Iterable[Item], settings: Settings = Settings(), cache: GroupingCache | None = None) -> Grouping:
    """Group the articles. A cache kept from the previous call (it is updated in place) makes
    this re-score only the articles that changed; the result is the same either way."""
    items = list(items)
    cache = GroupingCache() if cache is None else cache
    cache.update(items, settings.window_days)
    by_id = {i.id: i for i in items}
    taking_part = {i.id for i in items if i.auto or i.story}
    pairs = cache.pairs if len(taking_part) == len(items) else {
        k: p for k, p in cache.pairs.items() if k[0] in taking_part and k[1] in taking_part}
    days = {i.id: i.day for i in items}
    weighing = (settings.model, tuple(sorted(set(by_id) - taking_part)))
    same = cache.weighed_for == weighing
    weights = pair_weights(pairs, days, settings.model, cache.weights if same else None,
                           cache.changed if same else None)
    cache.unsaved |= not same
    cache.weights, cache.weighed_for = weights, weighing
    cache.changed = set()
    pinned = {i.id: i.story for i in items if i.story}
    clusters = [c for c in average_link(sorted(taking_part), weights, settings.threshold, pinned, days)
                if len(c) > 1 or any(a in pinned for a in c)]
    features = {aid: cache.features_of(aid) for c in clusters for aid in c}
    groups = _name(clusters, by_id, features, pinned, weights, cache)
    groups = _relate(groups, pairs, by_id)
    return Grouping(tuple(sorted(groups, key=lambda g: g.slug)), weights)


def _name(clusters: Sequence[list[str]], by_id: Mapping[str, Item], features: Mapping, pinned: Mapping[str, str],
          weights: Mapping[tuple[str, str], float], cache: GroupingCache) -> list[Group]:
    taken = set(pinned.values())
    known, cache.evidence = cache.evidence, {}  # evidence of this build's groups only
    groups = []
    ordered = sorted(clusters, key=lambda c: min((by_id[a].published, a) for a in c))
    for members in ordered:
        items = chronological([by_id[a] for a in members])
        slug = next((pinned[a] for a in members if a in pinned), None)
        if slug is None:
            slug = slug_for(items[0], taken)
            taken.add(slug)
        key = tuple(cache.members[i.id].key for i in items)
        if key not in known:
            cache.unsaved = True
        cache.evidence[key] = known.get(key) or evidence([(i, features[i.id]) for i in items])
        auto_pairs = [weights.get((a, b), 0.0) for i, a in enumerate(sorted(members)) for b in sorted(members)[i + 1:]
                      if not (a in pinned and b in pinned)]
        groups.append(Group(
            slug=slug,
            headline=representative(first_day(items), features).headline,
            article_ids=tuple(i.id for i in items),
            automatic=any(a not in pinned for a in members),
            confidence=round(sum(auto_pairs) / len(auto_pairs), 3) if auto_pairs else None,
            evidence=cache.evidence[key],
        ))
    cache.unsaved |= len(cache.evidence) != len(known)
    return groups


def _relate(groups: list[Group], pairs: Mapping[tuple[str, str], Pair], by_id: Mapping[str, Item]) -> list[Group]:
    """Link stories of one running topic on different days: earlier and later developments."""
    story_of = {aid: g for g in groups for aid in g.article_ids}
    start = {g.slug: by_id[g.article_ids[0]].day for g in groups}
    best: dict[tuple[str, str], float] = defaultdict(float)
    for (a, b), pair in pairs.items():
        ga, gb = story_of.get(a), story_of.get(b)
        if ga is None or gb is None or ga is gb or pair.text < RELATED_TEXT:
            continue
        key = (ga.slug, gb.slug) if ga.slug < gb.slug else (gb.slug, ga.slug)
        best[key] = max(best[key], pair.text)
    earlier: dict[str, list[tuple[int, str]]] = defaultdict(list)
    later: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for x, y in sorted(best):
        if start[x] == start[y]:
            continue  # the same day: two events that the grouping kept apart
        old, new = (x, y) if start[x] < start[y] else (y, x)
        later[old].append((start[new], new))
        earlier[new].append((-start[old], old))
    return [replace(g, earlier=_nearest(earlier[g.slug]), later=_nearest(later[g.slug])) for g in groups]


def _nearest(candidates: list[tuple[int, str]]) -> tuple[str, ...]:
    """The closest in time first."""
    return tuple(slug for _, slug in sorted(candidates)[:RELATED_SHOWN])


def near_misses(grouping: Grouping, items: Iterable[Item], cache: GroupingCache) -> tuple[NearMiss, ...]:
    """For each two groups (or lone articles) that stayed apart, their closest pair if it
    weighs at least NEAR_MISS: what a curator may want to pin together."""
    groups, weights = grouping.groups, grouping.weights
    by_id = {i.id: i for i in items}
    story_of = {aid: g.slug for g in groups for aid in g.article_ids}
    size = defaultdict(lambda: 1, {g.slug: len(g.article_ids) for g in groups})
    total: dict[tuple[str, str], float] = defaultdict(float)
    best: dict[tuple[str, str], tuple[float, str, str]] = {}
    for (a, b), weight in sorted(weights.items()):
        ga, gb = story_of.get(a, "\0" + a), story_of.get(b, "\0" + b)
        if ga == gb:
            continue
        key = (ga, gb) if ga < gb else (gb, ga)
        total[key] += weight
        if weight >= NEAR_MISS and (key not in best or weight > best[key][0]):
            best[key] = (weight, a, b)
    misses = []
    for key, (weight, a, b) in best.items():
        link = total[key] / (size[key[0]] * size[key[1]])
        misses.append(NearMiss(a=a, b=b, story_a=story_of.get(a), story_b=story_of.get(b), weight=round(weight, 3),
                               link=round(link, 3),
                               evidence=evidence([(by_id[x], cache.features_of(x)) for x in (a, b)])))
    return tuple(sorted(misses, key=lambda m: (-m.weight, m.a, m.b)))
