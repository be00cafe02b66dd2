#!/usr/bin/env python3
"""Automatic stories: quality on stories-dev as the built site shows it, and the grouping's cost.

    python bench/stories_bench.py [--sizes 2000 10000] [--runs 3] [--skip-cost] [--skip-quality]
                                  [--keep DIR] [--json PATH]

Quality: writes ../shared/stories-dev as a site (one article per row, its slug the row's id, no
`story:` key, one source per outlet_key), builds it with `python build.py`, and scores the
stories the built site shows with `python ../shared/stories-dev/score.py --built SITE/_site`
(that line is printed as it is), then with the same scorer per half: the older 792 articles
(on which the model and the threshold were chosen) and the newer 787.

Cost: for each size, a site from the BBC corpus (bench/corpus.py); one cold build (`.cache`
and output deleted) for the time a build takes, then, in this process, the grouping of its
articles from nothing (median of --runs; the cost a cold build pays), again with everything
cached (what a rebuild with no change pays), and after one article's text is edited (what a
preview edit pays).

Without ../shared both parts use synthetic stand-ins (bench/stories_dev.py, bench/corpus.py),
which measure the code, not the grouping's quality. Standard library only.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from bench import stories_dev  # noqa: E402
from bench.corpus import have_bbc, make_corpus  # noqa: E402
from clippings.enrich.grouping import GroupingCache, Settings, group  # noqa: E402
from clippings.enrich.stories import items as items_of  # noqa: E402


def build(site: Path) -> float:
    """A cold build through the command line; its wall time."""
    shutil.rmtree(site / ".cache", ignore_errors=True)
    shutil.rmtree(site / "_site", ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "build.py"), "--site", str(site), "--quiet"], check=True)
    return time.perf_counter() - started


def quality(work: Path) -> dict:
    real = stories_dev.have_dev()
    rows = stories_dev.load_rows() if real else stories_dev.synthetic_rows(800)
    site = stories_dev.write_site(rows, work / "stories-dev")
    seconds = build(site)
    print(f"built {len(rows)} {'stories-dev' if real else 'synthetic'} articles in {seconds:.1f} s")
    if real:
        line = subprocess.run([sys.executable, str(stories_dev.DEV / "score.py"), "--built", str(site / "_site")],
                              check=True, capture_output=True, text=True).stdout.strip()
        print(f"score.py --built: {line}")
        sys.path.insert(0, str(stories_dev.DEV))
        from score import from_site  # type: ignore[import-not-found]

        story_of = from_site(site / "_site", {r["id"] for r in rows})
    else:
        story_of = _stories_in(site / "_site")
    results = stories_dev.scores(rows, story_of) if real else _synthetic_scores(rows, story_of)
    print(stories_dev.table(results))
    return {"data": "stories-dev" if real else "synthetic", "build_seconds": seconds, "scores": results}


def _stories_in(out: Path) -> dict[str, str]:
    """{article slug: story slug} from the built story pages (as score.py reads them)."""
    import re

    found: dict[str, str] = {}
    for page in sorted((out / "stories").glob("*/index.html")):
        for slug in re.findall(r'href="[^"]*articles/\d{4}/\d{2}/([^/"]+)/"', page.read_text(encoding="utf-8")):
            found.setdefault(slug, page.parent.name)
    return found


def _synthetic_scores(rows: list[dict], story_of: dict[str, str]) -> dict:
    """B-cubed and pairwise scores without the dev set's scorer (same definitions)."""
    from collections import Counter

    out = {}
    for name, part in stories_dev.halves(rows).items():
        truth = {r["id"]: r["event"] for r in part}
        pred = {i: story_of.get(i, "\0" + i) for i in truth}
        both = Counter((pred[i], truth[i]) for i in truth)
        size_t, size_p = Counter(truth.values()), Counter(pred.values())
        b3_p = sum(both[(pred[i], truth[i])] / size_p[pred[i]] for i in truth) / len(truth)
        b3_r = sum(both[(pred[i], truth[i])] / size_t[truth[i]] for i in truth) / len(truth)
        pairs = lambda c: sum(k * (k - 1) // 2 for k in c.values())  # noqa: E731
        tp, pp, tt = pairs(both), pairs(size_p), pairs(size_t)
        pw_p, pw_r = (tp / pp if pp else 0.0), (tp / tt if tt else 0.0)
        f1 = lambda a, b: 2 * a * b / (a + b) if a + b else 0.0  # noqa: E731
        out[name] = {"b3_p": b3_p, "b3_r": b3_r, "b3_f1": f1(b3_p, b3_r), "pair_p": pw_p, "pair_r": pw_r,
                     "pair_f1": f1(pw_p, pw_r), "stories": len(size_p), "articles": len(truth)}
    return out


def cost(size: int, work: Path, runs: int) -> dict:
    site = make_corpus(size, work / f"corpus-{size}")
    seconds = build(site)
    articles = stories_dev.site_articles(site)
    settings = Settings()
    cold, warm, edit = [], [], []
    for _ in range(runs):
        cache = GroupingCache()
        started = time.perf_counter()
        items = items_of(articles)
        group(items, settings, cache)
        cold.append(time.perf_counter() - started)
        started = time.perf_counter()
        group(items, settings, cache)
        warm.append(time.perf_counter() - started)
        edited = list(items)
        edited[size // 2] = dataclasses.replace(edited[size // 2], text=edited[size // 2].text + " One more sentence.")
        scored = cache.scored
        started = time.perf_counter()
        grouping = group(edited, settings, cache)
        edit.append(time.perf_counter() - started)
        rescored = cache.scored - scored
    row = {"articles": size, "cold_build_s": seconds, "group_cold_s": statistics.median(cold),
           "group_warm_s": statistics.median(warm), "group_edit_s": statistics.median(edit),
           "pairs_rescored_by_edit": rescored, "stories": len(grouping.groups)}
    row["share_of_cold_build"] = row["group_cold_s"] / seconds
    print(f"{size:>6} articles: cold build {seconds:6.1f} s; grouping from nothing {row['group_cold_s']:.2f} s "
          f"({100 * row['share_of_cold_build']:.1f} % of the build), all cached {row['group_warm_s']:.2f} s, "
          f"after one edit {row['group_edit_s']:.2f} s ({rescored} pairs re-scored); {row['stories']} stories")
    return row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="*", default=[2000, 10000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-cost", action="store_true")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="work here and keep the sites (default: a temp folder)")
    ap.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="stories-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {}
    try:
        if not args.skip_quality:
            results["quality"] = quality(work)
        if not args.skip_cost:
            print(f"cost ({'BBC corpus' if have_bbc() else 'synthetic corpus'}, medians of {args.runs}):")
            results["cost"] = [cost(size, work, args.runs) for size in args.sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
