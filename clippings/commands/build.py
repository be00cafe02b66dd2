"""``clippings build``: render the site into the output folder."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from ..console import phase_summary, progress, report_failure, warn
from ..errors import BuildError, ContentError
from ..pipeline import BuildOptions, build


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="folder with site.toml and content/ (default: current folder)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: DIR/_site)")
    parser.add_argument("--base-url", metavar="URL",
                        help="public URL of the site, e.g. https://user.github.io/repo/ (overrides site.toml)")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    parser.add_argument("--jobs", type=int, default=0, metavar="N",
                        help="processes working at once (default: one per CPU)")
    parser.add_argument("--quiet", action="store_true", help="print nothing but warnings and errors")


def run(args: argparse.Namespace) -> int:
    options = BuildOptions(out=args.out, base_url=args.base_url, drafts=args.drafts, jobs=args.jobs)
    # A build makes hundreds of thousands of long-lived objects and few cycles; at Python's
    # default (a collection every 700 new objects) the collector kept walking them: a warm
    # 10,000-article build spent ~15 % of its time there.
    gc.set_threshold(100_000, 50, 100)
    try:
        with progress("Rendering", args.quiet) as advance:
            result = build(args.site, options, on_progress=advance)
    except (ContentError, BuildError) as exc:
        return report_failure(exc)
    for message in result.warnings:
        warn(message)
    if not args.quiet:
        print(f"Built {result.articles} articles: {result.pages} pages, {result.files} files "
              f"in {result.out} ({result.seconds:.2f} s: {phase_summary(result.phases)})")
    return 0
