"""The page plan: which HTML pages the site has, and the data each template receives.

``plan_pages`` lists every page once (cheap, no rendering). ``page_context`` builds the
plain data for one page from the enriched Site; it is called in worker processes, so a
page carries only its kind and key, never the data itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from ..config import SiteConfig
from ..model import Article, Site
from . import urls as u

SEARCH = "search/"  # the search page; the static index sits beside it in search/<files>


@dataclass(frozen=True)
class Page:
    path: str  # site path, e.g. "tags/nato/page/2/"
    template: str
    kind: str
    key: str = ""  # article id, tag key, source key, story slug, "2023" or "2023/06"
    number: int = 1  # page of a paginated listing


@dataclass(frozen=True)
class Pager:
    """One page of a paginated listing."""

    number: int
    count: int  # pages in all
    total: int  # items in all
    items: list = field(default_factory=list)
    base: str = ""  # site path of page 1

    def path(self, number: int) -> str:
        return u.paged(self.base, number)

    @property
    def prev_path(self) -> str | None:
        return self.path(self.number - 1) if self.number > 1 else None

    @property
    def next_path(self) -> str | None:
        return self.path(self.number + 1) if self.number < self.count else None


def _page_count(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))


def _paged_pages(base: str, template: str, kind: str, key: str, total: int, per_page: int) -> list[Page]:
    return [Page(u.paged(base, n), template, kind, key, n) for n in range(1, _page_count(total, per_page) + 1)]


def plan_pages(site: Site, config: SiteConfig) -> list[Page]:
    per = config.per_page
    pages = _paged_pages("", "index.html", "home", "", len(site.articles), per)
    pages += [Page(u.article_path(a), "article.html", "article", a.id) for a in site.articles]
    pages.append(Page(u.TAGS, "tags.html", "tags"))
    for tag in site.tags.values():
        pages += _paged_pages(u.tag_path(tag), "tag.html", "tag", tag.key, tag.count, per)
    pages.append(Page(u.SOURCES, "sources.html", "sources"))
    for key, source in site.sources.items():
        pages += _paged_pages(u.source_path(source), "source.html", "source", key, len(site.source_articles[key]), per)
    pages.append(Page(u.LABELS, "labels.html", "labels"))
    pages.append(Page(SEARCH, "search.html", "search"))
    pages.append(Page(u.ARTICLES, "archive.html", "archive"))
    for year in site.years:
        pages.append(Page(u.year_path(year), "year.html", "year", str(year.year)))
        pages += [Page(u.month_path(m), "month.html", "month", f"{m.year}/{m.month:02d}") for m in year.months]
    pages.append(Page(u.STORIES, "stories.html", "stories"))  # always: the header links to it
    pages += [Page(u.story_path(s), "story.html", "story", s.slug) for s in site.stories.values()]
    pages.append(Page("404.html", "404.html", "404"))
    return pages


# --- context builders: one small function per page kind -----------------------------------

def _articles(site: Site, ids) -> list[Article]:
    return [site.by_id[i] for i in ids]


def _pager(site: Site, ids: tuple[str, ...] | list[str], page: Page, per: int) -> Pager:
    start = (page.number - 1) * per
    return _page_of(_articles(site, ids[start:start + per]), len(ids), page, per)


def _page_of(items: list[Article], total: int, page: Page, per: int) -> Pager:
    base = page.path if page.number == 1 else page.path.rsplit("page/", 1)[0]
    return Pager(page.number, _page_count(total, per), total, items, base)


def _home(page: Page, site: Site, config: SiteConfig) -> dict:
    per = config.per_page
    start = (page.number - 1) * per
    return {"title": config.title, "pager": _page_of(site.articles[start:start + per], len(site.articles), page, per)}


def _article(page: Page, site: Site, config: SiteConfig) -> dict:
    article = site.by_id[page.key]
    older, newer = site.neighbours[article.id]
    story = site.stories.get(article.story) if article.story else None
    return {
        "title": article.title,
        "article": article,
        "body": site.bodies.get(article.id, ""),
        "note": site.notes.get(article.id),
        "source": site.sources[article.source],
        "tags": site.article_tags[article.id],
        "older": site.by_id[older] if older else None,
        "newer": site.by_id[newer] if newer else None,
        "story": story,
        "story_articles": [a for a in _articles(site, story.article_ids) if a.id != article.id] if story else [],
    }


def _tags(page: Page, site: Site, config: SiteConfig) -> dict:
    tags = list(site.tags.values())
    return {
        "title": "Tags",
        "by_count": sorted(tags, key=lambda t: (-t.count, t.key)),
        "by_name": sorted(tags, key=lambda t: t.key),
    }


def _tag(page: Page, site: Site, config: SiteConfig) -> dict:
    tag = site.tags[page.key]
    return {"title": f"Tag: {tag.name}", "tag": tag, "pager": _pager(site, tag.article_ids, page, config.per_page)}


def _sources(page: Page, site: Site, config: SiteConfig) -> dict:
    rows = sorted(site.sources.values(), key=lambda s: s.name.casefold())
    return {"title": "Sources", "sources": rows, "counts": {k: len(v) for k, v in site.source_articles.items()}}


def _source(page: Page, site: Site, config: SiteConfig) -> dict:
    source = site.sources[page.key]
    return {
        "title": source.name,
        "source": source,
        "description": site.source_html.get(source.key, ""),
        "pager": _pager(site, site.source_articles[source.key], page, config.per_page),
    }


def _labels(page: Page, site: Site, config: SiteConfig) -> dict:
    used: dict[str, list] = {}
    for source in sorted(site.sources.values(), key=lambda s: s.name.casefold()):
        used.setdefault(source.type, []).append(source)
    return {"title": "What the source labels mean", "sources_by_type": used}


def _archive(page: Page, site: Site, config: SiteConfig) -> dict:
    return {"title": "Archive", "years": site.years}


def _year(page: Page, site: Site, config: SiteConfig) -> dict:
    year = next(y for y in site.years if str(y.year) == page.key)
    months = [(m, _articles(site, m.article_ids[:5])) for m in year.months]
    return {"title": str(year.year), "year": year, "months": months}


def _month(page: Page, site: Site, config: SiteConfig) -> dict:
    year_key, month_key = page.key.split("/")
    year = next(y for y in site.years if str(y.year) == year_key)
    month = next(m for m in year.months if m.month == int(month_key))
    return {"title": f"{month.year}-{month.month:02d}", "month": month, "articles": _articles(site, month.article_ids)}


def _stories(page: Page, site: Site, config: SiteConfig) -> dict:
    stories = sorted(site.stories.values(), key=lambda s: site.by_id[s.article_ids[-1]].date, reverse=True)
    return {"title": "Stories", "stories": [(s, _articles(site, s.article_ids)) for s in stories]}


def _story(page: Page, site: Site, config: SiteConfig) -> dict:
    story = site.stories[page.key]
    return {
        "title": story.title,
        "story": story,
        "description": site.story_html.get(story.slug),
        "articles": _articles(site, story.article_ids),
        "bodies": {i: site.bodies.get(i, "") for i in story.article_ids},
    }


def _search(page: Page, site: Site, config: SiteConfig) -> dict:
    """The search page; its results come from the static index (search/), in the browser."""
    tags = sorted(site.tags.values(), key=lambda t: (-t.count, t.key))[:12]
    sources = sorted(site.sources.values(), key=lambda s: s.name.casefold())
    return {"title": "Search", "top_tags": tags, "sources": sources}


def _not_found(page: Page, site: Site, config: SiteConfig) -> dict:
    return {"title": "Page not found"}


CONTEXT: dict[str, Callable[[Page, Site, SiteConfig], dict]] = {
    "home": _home, "article": _article, "tags": _tags, "tag": _tag, "sources": _sources,
    "source": _source, "labels": _labels, "archive": _archive, "year": _year, "month": _month,
    "stories": _stories, "story": _story, "search": _search, "404": _not_found,
}


def page_context(page: Page, site: Site, config: SiteConfig) -> dict:
    context = CONTEXT[page.kind](page, site, config)
    context["page"] = page
    return context
