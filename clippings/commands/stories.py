"""``clippings stories``: every story with its articles, how sure the grouping is and why, and the
near misses, so that a curator can pin (``story: slug``) or split (``story: false``)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..console import report_failure, warn
from ..enrich.grouping import GroupingCache, near_misses
from ..enrich.stories import group_articles, items
from ..errors import BuildError, ContentError
from ..pipeline import load_site

NEAR_MISSES_SHOWN = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="folder with site.toml and content/ (default: current folder)")
    parser.add_argument("--json", action="store_true", help="print one JSON object (stories, near_misses)")


def run(args: argparse.Namespace) -> int:
    try:
        loaded = load_site(args.site)
    except (ContentError, BuildError) as exc:
        return report_failure(exc)
    for message in loaded.warnings:
        warn(message)
    site, config = loaded.site, loaded.config
    cache = GroupingCache()
    articles = site.articles
    grouping = group_articles(articles, config.stories, cache) if config.stories.automatic else None
    misses = near_misses(grouping, items(articles), cache) if grouping else ()
    report = {
        "stories": [_story(story, site) for story in sorted(site.stories.values(), key=lambda s: s.article_ids[0])],
        "near_misses": [_miss(m, site) for m in misses[:NEAR_MISSES_SHOWN]],
    }
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        _print(report)
    return 0


def _article(aid: str, site) -> dict:
    article = site.by_id[aid]
    return {"id": aid, "path": article.path, "title": article.title, "source": article.source,
            "date": article.date.isoformat(), "pinned": article.story}


def _story(story, site) -> dict:
    evidence = story.evidence
    return {
        "slug": story.slug, "title": story.title, "automatic": story.automatic, "confidence": story.confidence,
        "articles": [_article(aid, site) for aid in story.article_ids],
        "why": evidence.summary() if evidence else "pinned with story:",
        "shared": {"terms": list(evidence.terms), "quotes": list(evidence.quotes), "names": list(evidence.names),
                   "numbers": list(evidence.numbers)} if evidence else None,
        "earlier": list(story.earlier), "later": list(story.later),
    }


def _miss(miss, site) -> dict:
    return {"articles": [_article(miss.a, site), _article(miss.b, site)], "stories": [miss.story_a, miss.story_b],
            "weight": miss.weight, "link": miss.link, "why": miss.evidence.summary()}


def _print(report: dict) -> None:
    stories = report["stories"]
    automatic = sum(s["automatic"] for s in stories)
    noun = "story" if len(stories) == 1 else "stories"
    print(f"{len(stories)} {noun} ({automatic} found automatically, {len(stories) - automatic} pinned only)")
    for story in stories:
        sure = "pinned" if story["confidence"] is None else f"confidence {story['confidence']:.2f}"
        print(f"\n{story['slug']}  ({sure})\n  {story['title']}")
        for article in story["articles"]:
            pin = "  [pinned]" if article["pinned"] else ""
            print(f"  - {article['date'][:10]} {article['source']}: {article['title']}  ({article['path']}){pin}")
        print(f"  why: {story['why']}")
        for quote in (story["shared"] or {}).get("quotes", [])[:2]:
            print(f"  quoted by more than one: “{quote[:160]}”")
        for label, slugs in (("earlier", story["earlier"]), ("later", story["later"])):
            if slugs:
                print(f"  {label} in this running story: {', '.join(slugs)}")
    if report["near_misses"]:
        print("\nNear misses (pin them together with the same `story:`, or keep one out with `story: false`):")
        for miss in report["near_misses"]:
            a, b = miss["articles"]
            print(f"- {miss['weight']:.2f}: {a['path']} ({miss['stories'][0] or 'alone'}) and "
                  f"{b['path']} ({miss['stories'][1] or 'alone'})\n  why: {miss['why']}")
