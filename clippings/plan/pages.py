"""The site's HTML pages: one small function per page kind says what the page shows.

Each returns Outputs whose spec names the entries shown (as Refs) and the plain facts about
them the page states (a count, a page number). Nothing else reaches the template.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterator
from dataclasses import dataclass

from .. import urls as u
from ..config import SiteConfig
from ..enrich.related import rare_tags
from ..labels import SourceVocabulary
from ..model import Month, Site, Year
from .entries import Ref
from .outputs import Output, PageInfo
from .paging import Pager, page_links, paged_title
from .share import share_image
from .stories import Coverage, by_recency, chronology, latest_stories

SEARCH = "search/"  # the search page; the static index sits beside it in search/<files>


@dataclass(frozen=True)
class MonthInfo:
    year: int
    month: int
    name: str  # "June"
    path: str
    count: int


@dataclass(frozen=True)
class YearInfo:
    year: int
    path: str
    count: int
    months: tuple[MonthInfo, ...]  # newest first


def _page(path: str, template: str, kind: str, spec: dict, number: int = 1) -> Output:
    info = PageInfo(path, kind, number)
    return Output(u.output_file(path), kind, "page", {"page": info, **spec}, template, info)


def _paged(base: str, template: str, kind: str, ids: tuple[str, ...] | list[str], per: int, spec: dict,
           title: str, later_title: str | None = None, first: dict | None = None) -> Iterator[Output]:
    """A listing of articles over as many pages as it takes (page 1 even when empty); ``first``
    is what page 1 alone shows besides."""
    count = max(1, math.ceil(len(ids) / per))
    for number in range(1, count + 1):
        items = tuple(Ref("article", i) for i in ids[(number - 1) * per:number * per])
        pager = Pager(number, count, len(ids), items, base, page_links(number, count, base))
        shown = title if number == 1 else paged_title(later_title or title, number, count)
        extra = first if number == 1 and first else {}
        yield _page(u.paged(base, number), template, kind, {"title": shown, **spec, **extra, "pager": pager}, number)


def _month(month: Month) -> MonthInfo:
    return MonthInfo(month.year, month.month, calendar.month_name[month.month], u.month_path(month),
                     len(month.article_ids))


def _year(year: Year) -> YearInfo:
    return YearInfo(year.year, u.year_path(year), year.count, tuple(_month(m) for m in year.months))


def page_outputs(site: Site, config: SiteConfig, vocabulary: SourceVocabulary,
                 coverages: dict[str, Coverage]) -> Iterator[Output]:
    """Every HTML page of the site, in a stable order (articles early: they are the slow ones)."""
    per = config.per_page
    article_ids = [a.id for a in site.articles]
    yield from _paged("", "index.html", "home", article_ids, per, {}, config.title, "Articles",
                      {"latest_stories": latest_stories(site)})
    for article in site.articles:
        yield _article_page(article.id, site, config)

    tags = sorted(site.tags.values(), key=lambda t: (-t.count, t.key))
    yield _page(u.TAGS, "tags.html", "tags", {
        "title": "Tags",
        "by_count": tuple((Ref("tag", t.key), t.count) for t in tags),
        "by_name": tuple((Ref("tag", t.key), t.count) for t in sorted(tags, key=lambda t: t.key)),
    })
    for tag in site.tags.values():
        yield from _paged(u.tag_path(tag), "tag.html", "tag", tag.article_ids, per,
                          {"tag": Ref("tag", tag.key)}, f"Tag: {tag.name}")

    sources = sorted(site.sources.values(), key=lambda s: s.name.casefold())
    yield _page(u.SOURCES, "sources.html", "sources", {
        "title": "Sources",
        "sources": tuple((Ref("source", s.key), len(site.source_articles[s.key])) for s in sources),
    })
    for key, source in site.sources.items():
        yield from _paged(u.source_path(source), "source.html", "source", site.source_articles[key], per,
                          {"source": Ref("source", key), "description": Ref("source-description", key)},
                          source.name)
    by_type: dict[str, list[Ref]] = {}
    for source in sources:
        by_type.setdefault(source.type, []).append(Ref("source", source.key))
    yield _page(u.LABELS, "labels.html", "labels", {
        "title": "What the source labels mean",
        "types": tuple((key, kind.plural, kind.description, tuple(by_type.get(key, ())))
                       for key, kind in vocabulary.types.items()),
    })
    yield _page(SEARCH, "search.html", "search", {
        "title": "Search",
        "top_tags": tuple((Ref("tag", t.key), t.count) for t in tags[:12]),
        "sources": tuple(Ref("source", s.key) for s in sources),
    })

    years = tuple(_year(y) for y in site.years)
    yield _page(u.ARTICLES, "archive.html", "archive", {"title": "Archive", "years": years})
    for year, info in zip(site.years, years, strict=True):
        months = tuple((m, tuple(Ref("article", i) for i in month.article_ids[:5]))
                       for m, month in zip(info.months, year.months, strict=True))
        yield _page(info.path, "year.html", "year", {"title": str(year.year), "year": info, "months": months})
        for m, month in zip(info.months, year.months, strict=True):
            yield from _paged(m.path, "month.html", "month", month.article_ids, per, {"month": m},
                              f"{m.year}-{m.month:02d}")

    stories = by_recency(site)
    yield _page(u.STORIES, "stories.html", "stories", {  # always: the header links to it
        "title": "Stories",
        "stories": tuple((Ref("story", s.slug), tuple(Ref("article", i) for i in s.article_ids),
                          coverages[s.slug]) for s in stories),
    })
    for story in site.stories.values():
        yield _page(u.story_path(story), "story.html", "story", {
            "title": story.title, "story": Ref("story", story.slug),
            "articles": tuple(Ref("article", i) for i in story.article_ids),
            "coverage": coverages[story.slug],
            "chronology": chronology(story, site, config),
            "feed": u.story_path(story) + "feed.xml", "json": u.story_path(story) + "story.json",
            "earlier": tuple(Ref("story", s) for s in story.earlier if s in site.stories),
            "later": tuple(Ref("story", s) for s in story.later if s in site.stories)})
    yield _page("404.html", "404.html", "404", {"title": "Page not found"})


def _article_page(ident: str, site: Site, config: SiteConfig) -> Output:
    article = site.by_id[ident]
    older, newer = site.neighbours[ident]
    slug = site.story_of.get(ident)
    story = site.stories[slug] if slug else None
    return _page(u.article_path(article), "article.html", "article", {
        "title": article.title,
        "article": Ref("article", ident),
        "older": Ref("article", older) if older else None,
        "newer": Ref("article", newer) if newer else None,
        "story": Ref("story", story.slug) if story else None,
        "story_size": len(story.article_ids) if story else 0,
        "story_articles": tuple(Ref("article", i) for i in story.article_ids if i != ident) if story else (),
        "share": share_image(article, site, config),
        "related": tuple(Ref("article", i) for i in site.related.get(ident, ())),
        "related_tags": tuple(Ref("tag", t.key) for t in rare_tags(site.article_tags.get(ident, ())))
        if site.related.get(ident) else (),
    })
