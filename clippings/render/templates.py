"""The Jinja2 environment: autoescaped templates plus the few helpers themes need."""

from __future__ import annotations

import calendar
import datetime as dt
import traceback
from pathlib import Path

import jinja2

from ..config import SiteConfig
from ..errors import BuildError
from ..labels import SourceVocabulary
from ..model import Article, Site, Source, Tag
from . import urls as u
from .theme import Asset, Theme


def format_date(value: dt.datetime | dt.date | None, with_time: bool = True) -> str:
    """``14 June 2023, 05:23`` (no zero padding on the day, as newsrooms write it)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and with_time:
        return f"{value.day} {value:%B %Y, %H:%M}"
    return f"{value.day} {value:%B %Y}"


def iso(value: dt.datetime | dt.date | None, date_only: bool = False) -> str:
    if value is None:
        return ""
    if date_only and isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat()


def make_environment(
    theme: Theme,
    config: SiteConfig,
    site: Site,
    assets: dict[str, Asset],
    vocabulary: SourceVocabulary,
) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build, not the reader
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    links = u.Urls(config.base_url, config.base_path)
    tz = config.tz

    def asset(name: str) -> str:
        if name not in assets:
            raise BuildError(f"asset('{name}'): no such file in the theme's static/ folders")
        return links.url(assets[name].output)

    def local(value: dt.datetime) -> dt.datetime:
        return value.astimezone(tz)

    def article_date(article: Article) -> str:
        return format_date(local(article.date), with_time=not article.date_only)

    def article_iso(article: Article) -> str:
        return iso(local(article.date), article.date_only)

    def source_of(article: Article) -> Source:
        return site.sources[article.source]

    def tags_of(article: Article) -> tuple[Tag, ...]:
        return site.article_tags.get(article.id, ())

    env.globals.update(
        site=config,
        archive_counts={"articles": len(site.articles), "sources": len(site.sources), "tags": len(site.tags)},
        source_types=vocabulary.types,
        url=links.url,
        abs_url=links.abs_url,
        url_for=links.url_for,
        abs_url_for=links.abs_url_for,
        asset=asset,
        capture_url=lambda capture: links.url(u.capture_path(capture)),
        source_of=source_of,
        tags_of=tags_of,
        article_date=article_date,
        article_iso=article_iso,
        local=local,
        month_name=lambda number: calendar.month_name[number],
    )
    env.filters.update(format_date=format_date, iso=iso)
    return env


def describe_template_error(exc: BaseException, root: Path, what: str) -> str:
    """``themes/default/templates/article.html:12: 'x' is undefined (while rendering ...)``."""
    where = None
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        where = f"{_shown(exc.filename, root)}:{exc.lineno}"
    else:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".xml", ".txt", ".json")):
                where = f"{_shown(frame.filename, root)}:{frame.lineno}"
                break
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"{where or 'template'}: {message} (while rendering {what})"


def _shown(filename: str, root: Path) -> str:
    path = Path(filename)
    for base in (root, Path.cwd()):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return filename
