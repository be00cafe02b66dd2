"""Plain data the pipeline passes along: loaded content and the enriched site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for the annotation: the model stays free of the grouping's imports
    from .enrich.grouping import Evidence


@dataclass(frozen=True)
class Image:
    src: str | None = None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None


@dataclass(frozen=True)
class Reference:
    title: str
    url: str


@dataclass(frozen=True)
class Article:
    id: str  # "YYYY/MM/slug": unique, also the URL below /articles/
    path: str  # source file, relative to the site folder (for messages)
    slug: str
    title: str
    date: dt.datetime  # timezone-aware
    date_only: bool  # the front matter gave a day, not a time
    source: str  # key of a Source
    body: str  # Markdown
    tags: tuple[str, ...] = ()
    byline: str | None = None
    url: str | None = None  # the original article
    captured: dt.datetime | None = None
    capture: str | None = None  # path below content/
    sha256: str | None = None
    story: str | None = None
    auto_story: bool = True  # False for `story: false`: never in an automatic story
    summary: str | None = None
    section: str | None = None
    lang: str = "en"
    image: Image | None = None
    note: str | None = None  # curator's note, Markdown
    draft: bool = False
    updated: dt.datetime | None = None
    review: tuple[str, ...] = ()  # what the importer guessed and a curator should check ("headline")
    slug_explicit: bool = False  # set by a 'slug' key, so a collision is an error, not a suffix
    extra: dict = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # for messages


@dataclass(frozen=True)
class Source:
    key: str
    path: str
    name: str
    type: str
    label: str
    description: str  # Markdown
    country: str | None = None
    country_name: str | None = None
    owner: str | None = None
    funding: str | None = None
    homepage: str | None = None
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    as_of: dt.date | None = None
    references: tuple[Reference, ...] = ()
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class StoryInfo:
    """A curator's optional description of a story, from ``content/stories/<slug>.md``."""

    slug: str
    path: str
    title: str
    description: str  # Markdown
    date: dt.date | None = None


@dataclass
class Content:
    """Everything read from ``content/``, validated, before enrichment."""

    articles: list[Article]
    sources: dict[str, Source]
    stories: dict[str, StoryInfo]
    captures: list[Path]  # files to publish verbatim (as downloads)
    media: list[Path]  # images and other files to publish as they are


@dataclass(frozen=True)
class Tag:
    key: str  # case- and alias-folded identity
    name: str  # display spelling
    slug: str
    description: str | None
    article_ids: tuple[str, ...]  # newest first

    @property
    def count(self) -> int:
        return len(self.article_ids)


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    description: str | None
    article_ids: tuple[str, ...]  # oldest first: the order events were reported
    automatic: bool = False  # found by grouping (some or all of its articles have no `story:`)
    confidence: float | None = None  # 0-1, how sure the grouping is; None when all were pinned
    evidence: Evidence | None = None  # what its articles share (words, quotes, names, figures)
    earlier: tuple[str, ...] = ()  # slugs of the same running story's earlier days, latest first
    later: tuple[str, ...] = ()  # and of its later days, soonest first


@dataclass(frozen=True)
class Month:
    year: int
    month: int
    article_ids: tuple[str, ...]  # newest first


@dataclass(frozen=True)
class Year:
    year: int
    months: tuple[Month, ...]  # newest first

    @property
    def count(self) -> int:
        return sum(len(m.article_ids) for m in self.months)


@dataclass
class Site:
    """The enriched site: every listing computed once, looked up by id."""

    articles: list[Article]  # newest first
    by_id: dict[str, Article]
    sources: dict[str, Source]
    source_articles: dict[str, tuple[str, ...]]  # key -> ids, newest first
    tags: dict[str, Tag]  # by key
    article_tags: dict[str, tuple[Tag, ...]]
    stories: dict[str, Story]  # by slug
    years: list[Year]  # newest first
    neighbours: dict[str, tuple[str | None, str | None]]  # id -> (older, newer)
    story_of: dict[str, str] = field(default_factory=dict)  # article id -> slug of its story (pinned or found)
    related: dict[str, tuple[str, ...]] = field(default_factory=dict)  # article id -> "more on this tag" ids
