"""A story page's comparison data, computed in the plan: the coverage breakdown (by source type,
country and owner, and what is absent), the chronology of who reported first, and the story's
feed and JSON export. Plain values only, so the page's digest covers them."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from .. import urls as u
from ..config import SiteConfig
from ..labels import SourceVocabulary
from ..model import Site, Story
from .entries import Ref, format_date
from .files import FeedSpec
from .outputs import Output


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: int  # share of the story's articles, for the bar's width


@dataclass(frozen=True)
class Coverage:
    total: int
    by_type: tuple[Bar, ...]
    by_country: tuple[Bar, ...]
    by_owner: tuple[Bar, ...]
    absent: str  # "No public broadcaster; no outlet from Ukraine", or ""


@dataclass(frozen=True)
class Moment:
    article: Ref
    what: str  # "published", "updated", "captured"
    iso: str
    text: str
    first: bool  # the story's first report


def _bars(values: list[str]) -> tuple[Bar, ...]:
    counts = Counter(values)
    ordered = sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    return tuple(Bar(k, n, round(100 * n / len(values))) for k, n in ordered)


def story_coverages(site: Site, vocabulary: SourceVocabulary) -> dict[str, Coverage]:
    """Each story's coverage, by slug: computed once per plan for its page, the stories index
    and its story.json. What the archive has (types, countries) is gathered once for all."""
    archive_types = {s.type for s in site.sources.values()}
    archive_countries = {s.country_name for s in site.sources.values() if s.country_name}
    names = {v["name"].casefold(): v["name"] for v in vocabulary.countries.values() if v.get("name")}
    return {slug: coverage(story, site, vocabulary, archive_types, archive_countries,
                           countries_named(story, site, names)) for slug, story in site.stories.items()}


def coverage(story: Story, site: Site, vocabulary: SourceVocabulary, archive_types: set[str],
             archive_countries: set[str], about: tuple[str, ...] = ()) -> Coverage:
    """Counts of the story's articles by source type, country and owner; absent are the types and
    countries of the archive's sources that no article of the story has, and the countries the
    story's tags name (``about``: country names) that none of its outlets is from."""
    sources = [site.sources[site.by_id[i].source] for i in story.article_ids]
    types = [s.type for s in sources]
    countries = [s.country_name or s.country or "Unknown country" for s in sources]
    owners = [short_owner(s.owner) if s.owner else f"{s.name} (owner not recorded)" for s in sources]
    missing_types = [k for k in vocabulary.types if k in archive_types and k not in types]
    missing_countries = sorted((archive_countries | set(about)) - set(countries))
    parts = [f"no {vocabulary.types[k].noun}" for k in missing_types]
    parts += [f"no outlet from {c}" for c in missing_countries]
    absent = "; ".join(parts)
    nouns = [vocabulary.types[t].noun if t in vocabulary.types else t for t in types]
    return Coverage(len(sources), _bars(nouns),
                    _bars(countries), _bars(owners), absent[:1].upper() + absent[1:])


def countries_named(story: Story, site: Site, names: dict[str, str]) -> tuple[str, ...]:
    """Country names among the story's tags (``names``: casefolded name -> name): what the story
    is about, as its curator tagged it."""
    found = {names[t.name.casefold()] for i in story.article_ids for t in site.article_tags.get(i, ())
             if t.name.casefold() in names}
    return tuple(sorted(found))


def chronology(story: Story, site: Site, config: SiteConfig) -> tuple[Moment, ...]:
    """Each article's publication, update and capture time, oldest first; the earliest
    publication is the first report."""
    rows: list[tuple[dt.datetime, int, str, str, bool]] = []
    for ident in story.article_ids:
        a = site.by_id[ident]
        rows.append((a.date, 0, ident, "published", a.date_only))
        if a.updated:
            rows.append((a.updated, 1, ident, "updated", False))
        if a.captured:
            rows.append((a.captured, 2, ident, "captured", False))
    rows.sort(key=lambda r: (r[0], r[1]))
    first = next(r[2] for r in rows if r[3] == "published")
    moments = []
    for when, _, ident, what, date_only in rows:
        local = when.astimezone(config.tz)
        moments.append(Moment(Ref("article", ident), what, local.date().isoformat() if date_only else local.isoformat(),
                              format_date(local, with_time=not date_only), what == "published" and ident == first))
    return tuple(moments)


def short_owner(owner: str) -> str:
    """The owner's name without the explanation source files add after it ("dpa GmbH, a limited
    liability company with …" counts as "dpa GmbH"), so two outlets of one owner count together."""
    name = re.split(r",|;| \(| – | - ", owner, maxsplit=1)[0].strip()
    return name or owner


LATEST_SHOWN = 5  # stories the home page leads with
LATEST_RECENT = 10  # ... chosen among this many most recent ones


@dataclass(frozen=True)
class StoryTeaser:
    """A story as the home page leads with it."""

    story: Ref
    outlets: tuple[Ref, ...]  # its distinct sources, in the order they first reported
    articles: int
    latest: Ref  # its newest article


def by_recency(site: Site) -> list[Story]:
    """Stories, the one with the newest article first (the stories index's order)."""
    return sorted(site.stories.values(), key=lambda s: site.by_id[s.article_ids[-1]].date, reverse=True)


def latest_stories(site: Site, shown: int = LATEST_SHOWN, recent: int = LATEST_RECENT) -> tuple[StoryTeaser, ...]:
    """Of the ``recent`` most recent stories, the ``shown`` with the most outlets (then the newest):
    what is being covered now, and by many, leads."""
    teasers = []
    for story in by_recency(site)[:recent]:
        outlets = dict.fromkeys(site.by_id[i].source for i in story.article_ids)
        teasers.append(StoryTeaser(Ref("story", story.slug), tuple(Ref("source", k) for k in outlets),
                                   len(story.article_ids), Ref("article", story.article_ids[-1])))
    teasers.sort(key=lambda t: -len(t.outlets))  # stable: recency within the same number of outlets
    return tuple(teasers[:shown])


@dataclass(frozen=True)
class StoryExport:
    title: str
    page_path: str
    story: Ref
    articles: tuple[Ref, ...]
    coverage: Coverage


def story_file_outputs(site: Site, config: SiteConfig, coverages: dict[str, Coverage]):
    """Each story's Atom feed (its articles, newest first) and its story.json."""
    for story in site.stories.values():
        path = u.story_path(story)
        refs = tuple(Ref("article", i) for i in story.article_ids)
        yield Output(path + "feed.xml", "feed", "atom",
                     FeedSpec(f"{config.title}: {story.title}", path, tuple(reversed(refs))[:config.feeds.limit],
                              False))
        yield Output(path + "story.json", "file", "story-json",
                     StoryExport(story.title, path, Ref("story", story.slug), refs, coverages[story.slug]))
