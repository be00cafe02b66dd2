"""``clippings check``: validate all content and templates without writing anything."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..console import report_failure, warn
from ..errors import BuildError, ContentError
from ..pipeline import check


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="folder with site.toml and content/ (default: current folder)")
    parser.add_argument("--drafts", action="store_true", help="also check articles marked draft: true")


def run(args: argparse.Namespace) -> int:
    try:
        loaded = check(args.site, drafts=args.drafts)
    except (ContentError, BuildError) as exc:
        return report_failure(exc)
    for message in loaded.warnings:
        warn(message)
    site = loaded.site
    print(f"OK: {len(site.articles)} articles, {len(site.sources)} sources, {len(site.tags)} tags, "
          f"{len(site.stories)} {'story' if len(site.stories) == 1 else 'stories'}")
    review = sorted((a.path, a.review) for a in site.articles if a.review)
    if review:
        print(f"{len(review)} {'article needs' if len(review) == 1 else 'articles need'} review "
              "(the importer guessed; check, then remove the 'review' key):")
        for path, what in review:
            print(f"  {path}: {', '.join(what)}")
    return 0
