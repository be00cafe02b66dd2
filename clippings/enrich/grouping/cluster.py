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
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
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
MODEL = Model(coefficients=(3.59, 4.74, 0.52, -1.15, -3.18, -3.63, 2.97, -1.28), intercept=-3.01)


def pair_vector(pair: Pair, best_a: float, best_b: float, rank: int) -> tuple[float, ...]:
    """The model's inputs for one pair, as FEATURES names them (bench/stories_fit.py fits on these)."""
    relative = pair.text / max(best_a, best_b) if max(best_a, best_b) > 0 else 0.0
    return (pair.text, pair.title, 1.0 if pair.quotes else 0.0,
            1.0 if pair.days == 1 else 0.0, 1.0 if pair.days == 2 else 0.0, 1.0 if pair.days >= 3 else 0.0,
            relative * pair.text, math.log1p(min(rank, RANK_CAP)))


def context_vectors(pairs: Mapping[tuple[str, str], Pair]) -> dict[tuple[str, str], tuple[float, ...]]:
    """Each pair's model inputs, the relative ones computed among the given pairs."""
    lists: dict[str, list[float]] = defaultdict(list)
    for (a, b), pair in pairs.items():
        lists[a].append(pair.text)
        lists[b].append(pair.text)
    for scores in lists.values():
        scores.sort(reverse=True)
    vectors = {}
    for (a, b), pair in pairs.items():
        rank = max(_better(lists[a], pair.text), _better(lists[b], pair.text))
        vectors[(a, b)] = pair_vector(pair, lists[a][0], lists[b][0], rank)
    return vectors


def _better(descending: list[float], value: float) -> int:
    """How many scores in a descending list beat ``value`` (binary search)."""
    lo, hi = 0, len(descending)
    while lo < hi:
        mid = (lo + hi) // 2
        if descending[mid] > value:
            lo = mid + 1
        else:
            hi = mid
    return lo


@dataclass
class _Cluster:
    members: list[str]
    pinned: str | None  # the curator's slug, when any member has one
    version: int = 0


def average_link(ids: Sequence[str], weights: Mapping[tuple[str, str], float], threshold: float,
                 pinned: Mapping[str, str]) -> list[list[str]]:
    """Join clusters while some two have a mean pair weight of at least ``threshold``.

    Articles pinned to one slug start as one cluster; two clusters pinned to different slugs
    never join. Ties are broken by id, so the result depends only on the input."""
    cluster_of: dict[str, int] = {}
    clusters: dict[int, _Cluster] = {}
    by_slug: dict[str, int] = {}
    for aid in sorted(ids):
        slug = pinned.get(aid)
        if slug is not None and slug in by_slug:
            cid = by_slug[slug]
            clusters[cid].members.append(aid)
        else:
            cid = len(clusters)
            clusters[cid] = _Cluster([aid], slug)
            if slug is not None:
                by_slug[slug] = cid
        cluster_of[aid] = cid
    links: dict[int, dict[int, float]] = defaultdict(dict)  # cluster -> cluster -> sum of weights
    for (a, b) in sorted(weights):
        ca, cb = cluster_of.get(a), cluster_of.get(b)
        if ca is None or cb is None or ca == cb:
            continue
        links[ca][cb] = links[ca].get(cb, 0.0) + weights[(a, b)]
        links[cb][ca] = links[cb].get(ca, 0.0) + weights[(a, b)]

    def mean(x: int, y: int) -> float:
        return links[x][y] / (len(clusters[x].members) * len(clusters[y].members))

    heap = [(-mean(x, y), x, y, 0, 0) for x in links for y in links[x] if x < y]
    heapq.heapify(heap)
    while heap:
        value, x, y, vx, vy = heapq.heappop(heap)
        if x not in clusters or y not in clusters or (vx, vy) != (clusters[x].version, clusters[y].version):
            continue
        if -value < threshold:
            break
        cx, cy = clusters[x], clusters[y]
        if cx.pinned and cy.pinned and cx.pinned != cy.pinned:
            continue
        # y joins x; x keeps its number, so its links are the merged ones
        cx.members += cy.members
        cx.pinned = cx.pinned or cy.pinned
        cx.version += 1
        del clusters[y]
        for z, total in links.pop(y).items():
            del links[z][y]
            if z != x:
                links[x][z] = links[x].get(z, 0.0) + total
                links[z][x] = links[x][z]
        for z in sorted(links[x]):
            heapq.heappush(heap, (-mean(x, z), min(x, z), max(x, z),
                                  clusters[min(x, z)].version, clusters[max(x, z)].version))
    return [sorted(c.members) for _, c in sorted(clusters.items())]
