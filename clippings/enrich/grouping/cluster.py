"""From pair scores to stories: weigh each pair's evidence, then join articles by average link.

The weight of a pair is a logistic model over its raw evidence (``pairs.Pair``) and two relative
signals: how the pair compares with each article's best match, and how many better matches
either article has. The relative signals are what tell "same event" from "same topic": two
articles of one event are usually each other's best match, while the same topic's other days
are somewhat less alike. Being each other's best match counts in proportion to how alike the
two are, because among unrelated articles every article has a best match too. The
coefficients were fitted by ``bench/stories_fit.py`` on the older half of the stories-dev set
(the newer half was left for checking), with unrelated BBC articles as further negatives.

Average link (the mean weight over all pairs across two groups, a missing pair counting 0)
instead of single link keeps one article that resembles two stories from chaining them.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .pairs import Pair

RANK_CAP = 20
FEATURES = ("text", "title", "quote", "next day", "two days", "three days or more", "relative", "log rank")


@dataclass(frozen=True)
class Model:
    """A logistic model of "same event" over pair_vector(); the weight of a pair is its output."""

    coefficients: tuple[float, ...]
    intercept: float

    def weight(self, vector: Sequence[float]) -> float:
        z = self.intercept + math.fsum(w * x for w, x in zip(self.coefficients, vector, strict=True))
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


# Fitted by bench/stories_fit.py on the older half of stories-dev (and unrelated BBC articles as
# negatives); order as in FEATURES.
MODEL = Model(coefficients=(3.99, 4.77, 0.52, -1.11, -3.1, -3.51, 3.43, -1.24), intercept=-3.55)


def pair_vector(pair: Pair, best_a: float, best_b: float, rank: int) -> tuple[float, ...]:
    """The model's inputs for one pair, as FEATURES names them (bench/stories_fit.py fits on these)."""
    relative = pair.text / max(best_a, best_b) if max(best_a, best_b) > 0 else 0.0
    return (pair.text, pair.title, 1.0 if pair.quotes else 0.0,
            1.0 if pair.days == 1 else 0.0, 1.0 if pair.days == 2 else 0.0, 1.0 if pair.days >= 3 else 0.0,
            relative * pair.text, math.log1p(min(rank, RANK_CAP)))


def context_vectors(pairs: Mapping[tuple[str, str], Pair], days: Mapping[str, int],
                    only: Iterable[tuple[str, str]] | None = None) -> dict[tuple[str, str], tuple[float, ...]]:
    """Each pair's model inputs (or only those of the pairs ``only`` names). The relative ones
    are computed as of the day the later of the two appeared: among each article's pairs with
    articles of that day or before. So what later days bring never changes an earlier pair's
    weight (nor, with ``average_link``, an earlier story)."""
    wanted = list(pairs) if only is None else list(only)
    ends = None if only is None else {x for key in wanted for x in key}
    known: dict[str, list[tuple[int, float]]] = defaultdict(list)  # id -> (other's day, text score)
    for (a, b), pair in pairs.items():
        if ends is None or a in ends:
            known[a].append((days[b], pair.text))
        if ends is None or b in ends:
            known[b].append((days[a], pair.text))
    vectors = {}
    for a, b in wanted:
        pair = pairs[(a, b)]
        until = max(days[a], days[b])
        mine = [t for d, t in known[a] if d <= until]
        theirs = [t for d, t in known[b] if d <= until]
        rank = max(sum(t > pair.text for t in mine), sum(t > pair.text for t in theirs))
        vectors[(a, b)] = pair_vector(pair, max(mine), max(theirs), rank)
    return vectors


def pair_weights(pairs: Mapping[tuple[str, str], Pair], days: Mapping[str, int], model: Model,
                 known: dict[tuple[str, str], float] | None = None, changed: set[str] | None = None
                 ) -> dict[tuple[str, str], float]:
    """Each pair's weight. Given the ``known`` weights of the last call and the articles whose
    pairs ``changed`` since, only the pairs of those articles are weighed again: a pair's inputs
    are its own evidence and its two articles' other pairs."""
    if known is None or changed is None:
        return {k: model.weight(v) for k, v in context_vectors(pairs, days).items()}
    again = [k for k in pairs if k[0] in changed or k[1] in changed or k not in known]
    weights = {k: known[k] for k in pairs if k in known}
    weights.update((k, model.weight(v)) for k, v in context_vectors(pairs, days, again).items())
    return weights


@dataclass
class _Cluster:
    members: list[str]
    pinned: str | None  # the curator's slug, when any member has one
    since: int  # day of its first article
    version: int = 0


def average_link(ids: Sequence[str], weights: Mapping[tuple[str, str], float], threshold: float,
                 pinned: Mapping[str, str], days: Mapping[str, int]) -> list[list[str]]:
    """Clusters, built day by day in publication order: each day's articles join each other and
    earlier clusters while two of them have a mean pair weight of at least ``threshold``.

    Two clusters that both hold articles of earlier days never join: a later article can add to
    an earlier story, not merge two (nor, its pairs being newer than theirs, split one).
    Articles pinned to one slug are one cluster from the first one's day; two clusters pinned to
    different slugs never join. Ties are broken by id, so the result depends only on the input."""
    taking_part = set(ids)
    arrivals: dict[int, list[str]] = defaultdict(list)
    for aid in sorted(taking_part):
        arrivals[days[aid]].append(aid)
    known: dict[int, list[tuple[str, str]]] = defaultdict(list)  # day a pair's later article came
    for a, b in sorted(weights):
        if a in taking_part and b in taking_part:
            known[max(days[a], days[b])].append((a, b))
    clusters: dict[int, _Cluster] = {}
    cluster_of: dict[str, int] = {}
    by_slug: dict[str, int] = {}
    links: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> sum of weights
    numbers = itertools.count()
    for day in sorted(arrivals):
        today = set()
        for aid in arrivals[day]:
            slug = pinned.get(aid)
            cid = by_slug.get(slug) if slug is not None else None
            if cid is None:
                cid = next(numbers)
                clusters[cid] = _Cluster([], slug, day)
                if slug is not None:
                    by_slug[slug] = cid
            clusters[cid].members.append(aid)
            cluster_of[aid] = cid
            today.add(cid)
        for a, b in known[day]:
            x, y = cluster_of[a], cluster_of[b]
            if x != y:
                links[x][y] = links[x].get(y, 0.0) + weights[(a, b)]
                links[y][x] = links[x][y]
        _join(clusters, cluster_of, links, today, day, threshold)
    return [sorted(c.members) for _, c in sorted(clusters.items())]


def _join(clusters: dict[int, _Cluster], cluster_of: dict[str, int], links: dict[int, dict[int, float]],
          today: set[int], day: int, threshold: float) -> None:
    """Average-link merges on one day, each involving a cluster that holds only today's articles
    or has just received some."""
    def mean(x: int, y: int) -> float:
        return links[x][y] / (len(clusters[x].members) * len(clusters[y].members))

    def allowed(x: int, y: int) -> bool:
        cx, cy = clusters[x], clusters[y]
        if cx.since < day and cy.since < day:
            return False  # two earlier stories: a later article never merges them
        return not (cx.pinned and cy.pinned and cx.pinned != cy.pinned)

    def entry(x: int, y: int) -> tuple:
        x, y = min(x, y), max(x, y)
        return (-mean(x, y), x, y, clusters[x].version, clusters[y].version)

    heap = [entry(x, y) for x in sorted(today) for y in sorted(links[x]) if allowed(x, y)]
    heapq.heapify(heap)
    while heap:
        value, x, y, vx, vy = heapq.heappop(heap)
        if x not in clusters or y not in clusters or (vx, vy) != (clusters[x].version, clusters[y].version):
            continue
        if -value < threshold:
            break
        if not allowed(x, y):
            continue
        cx, cy = clusters[x], clusters[y]
        # y joins x; x keeps its number, so its links are the merged ones
        for aid in cy.members:
            cluster_of[aid] = x
        cx.members += cy.members
        cx.pinned = cx.pinned or cy.pinned
        cx.since = min(cx.since, cy.since)
        cx.version += 1
        del clusters[y]
        for z, total in links.pop(y).items():
            del links[z][y]
            if z != x:
                links[x][z] = links[x].get(z, 0.0) + total
                links[z][x] = links[x][z]
        for z in sorted(links[x]):
            if allowed(x, z):
                heapq.heappush(heap, entry(x, z))
