"""``clippings search``: query the site's Whoosh index from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from search import is_stale, refresh
from search.searcher import MARK_END, MARK_START, Filters, Results, search

from ..config import load_config
from ..console import report_failure, warn
from ..errors import BuildError, ContentError
from ..search_docs import content_signature, search_cache
from ..slugs import slugify
from ..urls import Urls


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY",
                        help='words (all must match, else any), "exact phrase", -excluded, prefix*')
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="folder with site.toml and content/ (default: current folder)")
    parser.add_argument("--source", action="append", default=[], metavar="KEY", help="only this source (repeatable)")
    parser.add_argument("--tag", action="append", default=[], metavar="T", help="only articles with this tag")
    parser.add_argument("--since", metavar="DATE", help="only articles published on or after DATE (ISO 8601)")
    parser.add_argument("--until", metavar="DATE", help="only articles published on or before DATE (ISO 8601)")
    parser.add_argument("--limit", type=int, default=10, metavar="N", help="results to show (default: 10)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")


def _date(value: str | None, tz: dt.tzinfo, end: bool) -> dt.datetime | None:
    """An ISO date or date-time in the site's time zone; a bare ``--until`` day includes the day."""
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not an ISO 8601 date such as 2023-06-14") from None
    bare_day = "T" not in value and " " not in value.strip()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tz)
    if end and bare_day:
        moment += dt.timedelta(days=1)
    return moment.astimezone(dt.UTC)


def run(args: argparse.Namespace) -> int:
    try:
        config = load_config(args.site)
        filters = Filters(sources=args.source, tags=[slugify(t) for t in args.tag],
                          since=_date(args.since, config.tz, end=False), until=_date(args.until, config.tz, end=True))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ContentError, BuildError) as exc:
        return report_failure(exc)
    if args.limit < 1:
        print("error: --limit must be at least 1", file=sys.stderr)
        return 2
    try:
        if is_stale(search_cache(config.root), content_signature(config.root)):
            _refresh(args.site, quiet=args.json)
        results = search(search_cache(config.root), args.query, filters, args.limit)
    except (ContentError, BuildError) as exc:
        return report_failure(exc)
    links = Urls(config.base_url, config.base_path)
    if args.json:
        print(json.dumps(_as_json(args.query, results, links), ensure_ascii=False, indent=2))
    else:
        _print(args.query, results, links, sys.stdout.isatty())
    return 0


def _refresh(site: Path, quiet: bool) -> None:
    from ..pipeline import load_site, render_markup
    from ..search_docs import site_documents

    signature = content_signature(site)
    loaded = load_site(site)
    for message in loaded.warnings:
        warn(message)
    update = refresh(site_documents(loaded, render_markup(loaded, jobs=1)), search_cache(loaded.config.root), signature)
    if update.touched and not quiet:
        print(f"(indexed {update.touched} changed articles)", file=sys.stderr)


def _as_json(query: str, results: Results, links: Urls) -> dict:
    hits = []
    for rank, hit in enumerate(results.hits, 1):
        card = hit.card
        hits.append({
            "rank": rank, "id": hit.id, "url": links.abs_url(f"articles/{hit.id}/"), "title": card["title"],
            "date": card["day"], "source": card["source"], "source_name": card["source_name"],
            "source_label": card["source_label"], "section": card["section"], "score": round(hit.score, 4),
            "snippet": hit.snippet.replace(MARK_START, "").replace(MARK_END, ""),
            "highlighted": hit.snippet.replace(MARK_START, "**").replace(MARK_END, "**"),
        })
    return {"query": query, "mode": results.mode, "total": results.total, "results": hits}


def _print(query: str, results: Results, links: Urls, tty: bool) -> None:
    if results.empty_query:
        print(f"Nothing to search for in {query!r}: only stop words or punctuation.")
        return
    if not results.total:
        print(f"No articles match {query!r}.")
        return
    noun = "article" if results.total == 1 else "articles"
    if results.mode == "any":
        print(f"No article has all the words; {results.total} {noun} match some of them:")
    else:
        print(f"{results.total} {noun} match {query!r}:")
    start, end = ("\033[1m", "\033[0m") if tty else ("**", "**")
    for rank, hit in enumerate(results.hits, 1):
        card = hit.card
        print(f"\n{rank}. {card['title']}")
        url = links.abs_url(f"articles/{hit.id}/")
        print(f"   {card['source_name']} ({card['source_label']}) · {card['day']} · {url}")
        snippet = " ".join(hit.snippet.split())
        print(f"   {snippet.replace(MARK_START, start).replace(MARK_END, end)}")
