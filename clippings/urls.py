"""Every URL of the site, in one place.

Pages have *site paths* such as ``tags/nato/`` (no leading slash, trailing slash for pages).
``Urls`` turns a site path into a link under the base path (so the same build works at a
domain root and under ``/repo/`` on GitHub Pages) or into an absolute URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote

from .model import Article, Month, Source, Story, Tag, Year

ARTICLES = "articles/"
TAGS = "tags/"
SOURCES = "sources/"
STORIES = "stories/"
LABELS = "labels/"
CAPTURES = "captures/"
MEDIA = "media/"
STATIC = "static/"


def article_path(article: Article) -> str:
    return f"{ARTICLES}{article.id}/"


def tag_path(tag: Tag) -> str:
    return f"{TAGS}{tag.slug}/"


def source_path(source: Source) -> str:
    return f"{SOURCES}{source.key}/"


def story_path(story: Story) -> str:
    return f"{STORIES}{story.slug}/"


def year_path(year: Year | int) -> str:
    return f"{ARTICLES}{year if isinstance(year, int) else year.year}/"


def month_path(month: Month) -> str:
    return f"{ARTICLES}{month.year}/{month.month:02d}/"


def paged(path: str, number: int) -> str:
    """Page 1 of a listing lives at its own path; page n at ``path/page/n/``."""
    return path if number <= 1 else f"{path}page/{number}/"


def path_for(obj) -> str:
    if isinstance(obj, Article):
        return article_path(obj)
    if isinstance(obj, Tag):
        return tag_path(obj)
    if isinstance(obj, Source):
        return source_path(obj)
    if isinstance(obj, Story):
        return story_path(obj)
    if isinstance(obj, Year):
        return year_path(obj)
    if isinstance(obj, Month):
        return month_path(obj)
    raise TypeError(f"no URL for {type(obj).__name__}")


def capture_path(capture: str) -> str:
    """Where a verbatim capture (path below content/, e.g. ``captures/ab12.html``) is published.

    Always as ``.txt``: a saved page is offered as text, never served as a page of the site.
    """
    relative = capture.removeprefix("captures/")
    return CAPTURES + (relative if relative.endswith(".txt") else relative + ".txt")


def output_file(path: str) -> str:
    """The file a site path is written to: ``tags/nato/`` -> ``tags/nato/index.html``."""
    return path + "index.html" if path.endswith("/") or not path else path


@lru_cache(maxsize=1 << 16)  # pages link the same few thousand paths over and over
def _quoted(path: str) -> str:
    return quote(path.lstrip("/"), safe="/-._~")


@dataclass(frozen=True)
class Urls:
    base_url: str  # always ends with "/"
    base_path: str  # path part of base_url: "/" or "/repo/"

    def url(self, path: str = "") -> str:
        """A root-relative link: ``/repo/tags/nato/``."""
        return self.base_path + _quoted(path)

    def abs_url(self, path: str = "") -> str:
        return self.base_url + _quoted(path)

    def url_for(self, obj, page: int = 1) -> str:
        return self.url(paged(path_for(obj), page))

    def abs_url_for(self, obj, page: int = 1) -> str:
        return self.abs_url(paged(path_for(obj), page))
