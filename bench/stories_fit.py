#!/usr/bin/env python3
"""Fit the pair model of automatic stories (clippings/enrich/grouping/cluster.py) on stories-dev.

    python bench/stories_fit.py [--window 3] [--l2 1.0] [--thresholds ...] [--no-negatives]

Scores every pair of the dev set within the window with the real feature code, fits a logistic
regression of "same story" on the OLDER half's pairs only, prints the Model to paste into
cluster.py, then the scores of the grouping with it at a range of thresholds, on the older half
(to choose one) and, for the record, on the newer half and all; and how many (false) stories
it finds among 2,000 unrelated BBC articles with random dates (bench/corpus.py, seed "1").

Two kinds of negatives are added, both because in this set most articles have a partner, so a
model fitted on it alone learns that being each other's best match is nearly enough, while in
an archive of unrelated articles every article has a best match too:
- each older-half article once more as if its own story's other articles were not in the
  archive (their pairs removed, the relative signals computed again without them);
- every pair of 2,000 BBC articles with random dates (bench/corpus.py, seed "fit": other dates
  than the tests' and the benchmarks' corpora), but for near-copies.
Needs ../shared (stories-dev, and the BBC corpus for the negatives); standard library only.
"""

from __future__ import annotations

import argparse
import math
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from bench import stories_dev  # noqa: E402
from bench.corpus import make_corpus  # noqa: E402
from clippings.enrich.grouping import GroupingCache, Settings, group  # noqa: E402
from clippings.enrich.grouping.cluster import FEATURES, Model, context_vectors  # noqa: E402


def training_rows(pairs, event, older, days):
    """(vector, label, weight) for every older-half pair, plus the partnerless negatives."""
    rows = [(v, event[a] == event[b], 1.0) for (a, b), v in context_vectors(pairs, days).items()
            if a in older and b in older]
    story = defaultdict(set)
    for aid, ev in event.items():
        story[ev].add(aid)
    touching = defaultdict(list)
    for key in pairs:
        touching[key[0]].append(key)
        touching[key[1]].append(key)
    for aid in sorted(older):
        partners = story[event[aid]] - {aid}
        if not partners:
            continue
        # the neighbourhood of aid's candidates, without aid's partners
        near = {k for k in touching[aid] if not (set(k) & partners)}
        others = {x for k in near for x in k}
        reduced = {k: pairs[k] for x in others for k in touching[x] if not (set(k) & partners)}
        vectors = context_vectors(reduced, days)
        rows += [(vectors[k], False, 1.0) for k in near if k[0] in older and k[1] in older]
    return rows


def fit(rows, l2: float, iterations: int = 30) -> Model:
    """Logistic regression by Newton's method, an L2 penalty on the coefficients (not the intercept)."""
    n = len(rows[0][0]) + 1
    w = [0.0] * n
    for _ in range(iterations):
        grad = [0.0] * n
        hess = [[0.0] * n for _ in range(n)]
        for vector, label, weight in rows:
            x = [*vector, 1.0]
            z = sum(a * b for a, b in zip(w, x, strict=True))
            p = 1 / (1 + math.exp(-max(min(z, 35), -35)))
            g, h = weight * (p - label), weight * p * (1 - p)
            for i in range(n):
                grad[i] += g * x[i]
                row = hess[i]
                for j in range(n):
                    row[j] += h * x[i] * x[j]
        for i in range(n - 1):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return Model(coefficients=tuple(round(c, 2) for c in w[:-1]), intercept=round(w[-1], 2))


def _solve(a, b):
    """Gaussian elimination with partial pivoting (the matrix is small and well-conditioned)."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(col + 1, n):
            f = m[r][col] / m[col][col]
            for c in range(col, n + 1):
                m[r][c] -= f * m[col][c]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][c] * x[c] for c in range(r + 1, n))) / m[r][r]
    return x


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--window", type=int, default=Settings.window_days)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--thresholds", type=float, nargs="*", default=[0.15, 0.2, 0.25, 0.3, 0.4])
    ap.add_argument("--no-negatives", action="store_true", help="leave out the BBC negatives")
    ap.add_argument("--negatives-weight", type=float, default=1.0, metavar="W",
                    help="weight of each of those pairs in the fit (default 1)")

    args = ap.parse_args()
    if not stories_dev.have_dev():
        print("needs ../shared/stories-dev", file=sys.stderr)
        return 2
    rows = stories_dev.load_rows()
    items = stories_dev.items(rows)
    cache = GroupingCache(window_days=args.window)
    cache.update(items, args.window)
    event = {r["id"]: r["event"] for r in rows}
    older = {r["id"] for r in stories_dev.halves(rows)["older"]}
    train = training_rows(cache.pairs, event, older, {i.id: i.day for i in items})
    work = Path(tempfile.mkdtemp(prefix="stories-fit-"))
    if not args.no_negatives:
        background = GroupingCache()
        unrelated_fit = _unrelated(work / "fit", "fit")
        background.update(unrelated_fit, args.window)
        # near-copies (the BBC corpus repeats a few articles) are the same story: not negatives
        vectors = context_vectors(background.pairs, {i.id: i.day for i in unrelated_fit})
        train += [(v, False, args.negatives_weight) for k, v in vectors.items() if background.pairs[k].text < 0.8]
    model = fit(train, args.l2)
    print(f"{len(train)} training pairs, {sum(label for _, label, _ in train)} positive")
    print(f"MODEL = {model!r}")
    for name, c in zip(FEATURES, model.coefficients, strict=True):
        print(f"  {name:>20} {c:+.2f}")
    unrelated, other = _unrelated(work / "check", "1"), GroupingCache()
    for threshold in args.thresholds:
        settings = Settings(window_days=args.window, threshold=threshold, model=model)
        grouping = group(items, settings, cache)
        story_of = {aid: g.slug for g in grouping.groups for aid in g.article_ids}
        result = stories_dev.scores(rows, story_of)
        cells = "  ".join(f"{k} B3 {s['b3_p']:.3f}/{s['b3_r']:.3f}/{s['b3_f1']:.3f} "
                          f"pw {s['pair_p']:.3f}/{s['pair_r']:.3f}/{s['pair_f1']:.3f}" for k, s in result.items())
        print(f"threshold {threshold:.2f}: {cells}")
        found = group(unrelated, settings, other).groups
        sizes = sorted(len(g.article_ids) for g in found)
        largest = sizes[-1] if sizes else 0
        print(f"    unrelated: {len(found)} stories among {len(unrelated)} articles, largest {largest}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def _unrelated(folder: Path, seed: str):
    """2,000 BBC articles with random dates (synthetic ones without ../shared), as grouping items."""
    from clippings.enrich.stories import items as items_of

    return items_of(stories_dev.site_articles(make_corpus(2000, folder, seed=seed)))


if __name__ == "__main__":
    sys.exit(main())
