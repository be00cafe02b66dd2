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
from .deps import Recorder
from .theme import Asset, Theme


class TrackingEnvironment(jinja2.Environment):
    """A Jinja2 environment that can record what a page reads (for the preview's rebuilds).

    Templates reach model objects only through ``getattr``/``getitem`` and load other templates
    only through ``get_template``/``select_template``; with a recorder set, each is noted.
    The site and its assets are attributes that helpers read at call time, so the preview can
    keep the compiled templates (and the macro modules Jinja caches with copies of the
    globals) from one rebuild to the next.
    """

    recorder: Recorder | None = None
    site: Site
    assets: dict[str, Asset]

    def bind(self, site: Site, assets: dict[str, Asset]) -> None:
        self.site, self.assets = site, assets

    def note(self, *key) -> None:
        if self.recorder is not None:
            self.recorder.add(*key)

    def getattr(self, obj, attribute):
        if self.recorder is not None:
            self.recorder.read(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj, argument):
        if self.recorder is not None and isinstance(argument, str):
            self.recorder.read(obj, argument)
        return super().getitem(obj, argument)

    def get_template(self, name, parent=None, globals=None):
        self.note("template", str(name))
        return super().get_template(name, parent, globals)

    def select_template(self, names, parent=None, globals=None):
        for name in names:  # every candidate: a new file may win next time
            self.note("template", str(name))
        return super().select_template(names, parent, globals)


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
) -> TrackingEnvironment:
    env = theme_environment(theme, config, vocabulary)
    env.bind(site, assets)
    return env


def theme_environment(theme: Theme, config: SiteConfig, vocabulary: SourceVocabulary) -> TrackingEnvironment:
    """The theme's templates (compiled on first use) and the helpers they call; ``bind`` it to a
    site before rendering."""
    env = TrackingEnvironment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build, not the reader
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a theme edit makes a new environment; no stat() per page
    )
    links = u.Urls(config.base_url, config.base_path)
    tz = config.tz
    note = env.note

    def asset(name: str) -> str:
        note("asset", name)
        if name not in env.assets:
            raise BuildError(f"asset('{name}'): no such file in the theme's static/ folders")
        return links.url(env.assets[name].output)

    def local(value: dt.datetime) -> dt.datetime:
        return value.astimezone(tz)

    def article_date(article: Article) -> str:
        note("article", article.id, "date")
        note("article", article.id, "date_only")
        return format_date(local(article.date), with_time=not article.date_only)

    def article_iso(article: Article) -> str:
        note("article", article.id, "date")
        note("article", article.id, "date_only")
        return iso(local(article.date), article.date_only)

    def source_of(article: Article) -> Source:
        note("article", article.id, "source")
        return env.site.sources[article.source]

    def tags_of(article: Article) -> tuple[Tag, ...]:
        note("article-tags", article.id)
        return env.site.article_tags.get(article.id, ())

    def noted_path(obj) -> None:
        if isinstance(obj, Tag):  # the one URL part that is not the object's identity
            note("tag", obj.key, "slug")

    def url_for(obj, page: int = 1) -> str:
        noted_path(obj)
        return links.url_for(obj, page)

    def abs_url_for(obj, page: int = 1) -> str:
        noted_path(obj)
        return links.abs_url_for(obj, page)

    env.globals.update(
        site=config,
        source_types=vocabulary.types,
        url=links.url,
        abs_url=links.abs_url,
        url_for=url_for,
        abs_url_for=abs_url_for,
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
