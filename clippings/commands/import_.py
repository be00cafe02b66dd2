"""``clippings import``: turn raw captures into articles with provenance."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

from ..config import load_config
from ..console import report_failure, warn
from ..errors import BuildError, ContentError
from ..importer import parallel
from ..importer.dates import parse_iso
from ..importer.importer import Importer, ImportOptions, Outcome
from ..importer.inputs import expand
from ..importer.store import render_article


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="a .txt page dump, .html saved page, .md file, folder, http(s) URL, or - for stdin")
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="site folder to import into (default: current folder)")
    parser.add_argument("--source", metavar="KEY", help="the outlet's source key, overriding detection")
    parser.add_argument("--tags", default="", metavar="A,B", help="tags to add, comma-separated")
    parser.add_argument("--story", metavar="SLUG", help="story the articles belong to")
    parser.add_argument("--date", metavar="ISO", help="publication date for inputs where none is found")
    parser.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")
    parser.add_argument("--force", action="store_true", help="import duplicates and overwrite existing files")
    parser.add_argument("--json", action="store_true", help="print one JSON object per input")
    parser.add_argument("--jobs", type=int, default=0, metavar="N",
                        help="processes extracting a folder's inputs (default: one per CPU)")


def _json_default(value):
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return str(value)


def _print(outcome: Outcome, as_json: bool) -> None:
    if as_json:
        record = {"input": outcome.input, "status": outcome.status, "path": outcome.path,
                  "front_matter": outcome.front_matter, "body": outcome.body, "error": outcome.error}
        print(json.dumps(record, ensure_ascii=False, default=_json_default), flush=True)
        return
    if outcome.status == "written":
        print(f"written {outcome.path} (from {outcome.input})")
    elif outcome.status == "skipped":
        print(f"skipped {outcome.input} (duplicate of {outcome.duplicate_of})")
    elif outcome.status == "dry-run":
        print(f"# would write {outcome.path} (from {outcome.input})")
        print(render_article(outcome.front_matter, outcome.body))
    else:
        print(f"failed {outcome.input} ({outcome.error})")


def run(args: argparse.Namespace) -> int:
    fallback = None
    if args.date:
        fallback = parse_iso(args.date)
        if fallback is None:
            print(f"error: --date {args.date!r} is not an ISO date such as 2023-06-14", file=sys.stderr)
            return 2
    options = ImportOptions(
        source=args.source, tags=[t.strip() for t in args.tags.split(",") if t.strip()], story=args.story,
        date=fallback, dry_run=args.dry_run, force=args.force,
    )
    try:
        importer = Importer(load_config(args.site), options)
    except (ContentError, BuildError) as exc:
        return report_failure(exc)
    failed = 0
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    for raw, drafted in parallel.drafted(importer, expand(args.inputs), jobs):
        try:
            outcome = importer.run(raw, drafted)
        except Exception as exc:  # one bad input must not stop a folder of hundreds
            outcome = Outcome(input=raw.name, status="failed", error=f"internal error: {type(exc).__name__}: {exc}")
        for message in outcome.warnings:
            warn(f"{outcome.input}: {message}")
        _print(outcome, args.json)
        failed += outcome.status == "failed"
    return 1 if failed else 0
