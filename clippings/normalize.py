"""Turn parsed documents into validated Articles, Sources and story descriptions.

Every function here is pure: documents in, dataclasses and a list of problems out.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from urllib.parse import urlsplit

from .errors import Problem
from .labels import SourceVocabulary
from .load import Document
from .model import Article, Image, Reference, Source, StoryInfo
from .slugs import slugify

ARTICLE_KEYS = {
    "title", "date", "source", "byline", "url", "captured", "capture", "sha256", "tags", "story",
    "summary", "section", "lang", "image", "note", "draft", "updated", "slug", "review",
}
SOURCE_KEYS = {
    "name", "type", "country", "owner", "funding", "homepage", "domains", "label", "aliases",
    "as_of", "references",
}
_SOURCE_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class Report:
    """Collects problems for one document, each at the line of the key it concerns."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, key: str | None, message: str) -> None:
        line = self.doc.key_lines.get(key, 1) if key else 1
        self.problems.append(Problem(self.doc.path, line, message))


def parse_datetime(value, tz: zoneinfo.ZoneInfo) -> tuple[dt.datetime, bool]:
    """ISO 8601 date or date-time, with or without offset -> (aware datetime, date_only).

    A value without an offset is in the site's timezone; a bare date is midnight there.
    """
    if isinstance(value, dt.datetime):
        parsed, date_only = value, False
    elif isinstance(value, dt.date):
        parsed, date_only = dt.datetime(value.year, value.month, value.day), True
    elif isinstance(value, str):
        text = value.strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        parsed = dt.datetime.fromisoformat(text)  # raises ValueError with a usable message
        date_only = len(text) <= 10
    else:
        raise ValueError(f"expected an ISO 8601 date, got {type(value).__name__}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed, date_only


def _text(report: Report, meta: dict, key: str, required: bool = False) -> str | None:
    value = meta.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            report.add(key if key in meta else None, f"missing required '{key}'")
        return None
    if isinstance(value, (dict, list)):
        report.add(key, f"'{key}' must be text, not a {type(value).__name__}")
        return None
    return str(value).strip()


def _str_list(report: Report, meta: dict, key: str) -> tuple[str, ...]:
    value = meta.get(key)
    if value is None:
        return ()
    if isinstance(value, str):  # "a, b" is a common hand-written form
        value = [part for part in value.split(",")]
    if not isinstance(value, list):
        report.add(key, f"'{key}' must be a list")
        return ()
    items = []
    for item in value:
        if isinstance(item, (dict, list)) or item is None:
            report.add(key, f"'{key}' items must be text")
            continue
        text = " ".join(str(item).split())
        if text:
            items.append(text)
    return tuple(items)


def _datetime(report: Report, meta: dict, key: str, tz, required: bool = False):
    if meta.get(key) is None:
        if required:
            report.add(key if key in meta else None, f"missing required '{key}'")
        return None, False
    try:
        return parse_datetime(meta[key], tz)
    except ValueError as exc:
        hint = "use ISO 8601, e.g. 2023-06-14 or 2023-06-14T05:23:00+03:00"
        report.add(key, f"bad '{key}' {meta[key]!r}: {exc} ({hint})")
        return None, False


def _web_url(report: Report, meta: dict, key: str) -> str | None:
    """An http(s) address, or a problem: a ``javascript:`` link must never reach a page."""
    value = _text(report, meta, key)
    if value is not None and urlsplit(value).scheme.lower() not in ("http", "https"):
        report.add(key, f"'{key}' must be an http:// or https:// address (got {value!r})")
        return None
    return value


def _image(report: Report, meta: dict) -> Image | None:
    value = meta.get("image")
    if value is None:
        return None
    if isinstance(value, str):
        return Image(src=value)
    if not isinstance(value, dict):
        report.add("image", "'image' must be a mapping with src, alt, caption, credit")
        return None
    unknown = set(value) - {"src", "alt", "caption", "credit"}
    if unknown:
        report.add("image", f"unknown image keys: {', '.join(sorted(map(str, unknown)))}")
    fields = {k: str(value[k]).strip() for k in ("src", "alt", "caption", "credit") if value.get(k) is not None}
    src = fields.get("src")
    if src and ":" in src and urlsplit(src).scheme.lower() not in ("http", "https"):
        report.add("image", f"image 'src' must be an http(s) address or a path below content/media/ (got {src!r})")
        return None
    if src and ".." in src.split("/"):
        report.add("image", f"image 'src' must stay below content/media/ (got {src!r})")
        return None
    return Image(**fields) if fields else None


def normalize_article(
    doc: Document, *, tz: zoneinfo.ZoneInfo, language: str, source_keys: set[str]
) -> tuple[Article | None, list]:
    report = Report(doc)
    meta = doc.meta
    title = _text(report, meta, "title", required=True)
    date, date_only = _datetime(report, meta, "date", tz, required=True)
    source = _text(report, meta, "source", required=True)
    if source is not None and source not in source_keys:
        known = ", ".join(sorted(source_keys)) or "none yet"
        wanted = f"content/sources/{slugify(source) or source}.md"
        report.add("source", f"unknown source '{source}': add {wanted} (known: {known})")
    captured, _ = _datetime(report, meta, "captured", tz)
    updated, _ = _datetime(report, meta, "updated", tz)
    sha256 = _text(report, meta, "sha256")
    if sha256 is not None and not _SHA256.match(sha256.lower()):
        report.add("sha256", "'sha256' must be 64 hexadecimal characters")
    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        report.add("draft", "'draft' must be true or false")
        draft = False
    stem = doc.path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    slug = slugify(_text(report, meta, "slug") or stem)
    if not slug:
        hint = "rename the file or set 'slug'"
        report.add("slug" if "slug" in meta else None, f"cannot make a URL slug from the file name; {hint}")
    story, auto_story = _story(report, meta)
    image = _image(report, meta)
    fields = dict(
        byline=_text(report, meta, "byline"),
        url=_web_url(report, meta, "url"),
        capture=_text(report, meta, "capture"),
        summary=_text(report, meta, "summary"),
        section=_text(report, meta, "section"),
        note=_text(report, meta, "note"),
        lang=_text(report, meta, "lang") or language,
    )
    tags = _str_list(report, meta, "tags")
    review = _str_list(report, meta, "review")
    if report.problems or title is None or date is None or source is None or not slug:
        return None, report.problems
    local = date.astimezone(tz)
    article = Article(
        id=f"{local:%Y/%m}/{slug}",
        path=doc.path,
        slug=slug,
        title=title,
        date=date,
        date_only=date_only,
        source=source,
        body=doc.body,
        tags=tags,
        review=review,
        captured=captured,
        sha256=sha256.lower() if sha256 else None,
        story=story,
        auto_story=auto_story,
        image=image,
        draft=draft,
        updated=updated,
        slug_explicit="slug" in meta,
        key_lines=doc.key_lines,
        extra={k: v for k, v in meta.items() if k not in ARTICLE_KEYS},
        **fields,
    )
    return article, []


def _story(report: Report, meta: dict) -> tuple[str | None, bool]:
    """``story: slug`` pins the article to that story; ``story: false`` keeps it out of every
    automatic one; no key lets the grouping decide. -> (slug or None, may be grouped)"""
    value = meta.get("story")
    if value is False:
        return None, False
    if value is True:
        report.add("story", "'story' must be a story slug, or false to keep the article out of automatic stories")
        return None, True
    story = _text(report, meta, "story")
    return (slugify(story) or None) if story is not None else None, True


def normalize_source(
    doc: Document, key: str, vocabulary: SourceVocabulary
) -> tuple[Source | None, list]:
    report = Report(doc)
    meta = doc.meta
    if not _SOURCE_KEY.match(key):
        allowed = "lower-case letters, digits, '-' or '_'"
        report.add(None, f"source file name '{key}' must be {allowed} (it is the key articles use)")
    name = _text(report, meta, "name", required=True)
    kind = _text(report, meta, "type") or "other"
    if kind not in vocabulary.types:
        report.add("type", f"unknown source type '{kind}' (one of: {', '.join(vocabulary.types)})")
    country = _text(report, meta, "country")
    if country is not None:
        country = country.upper()
        if country not in vocabulary.countries:
            report.add("country", f"unknown country '{country}' (use an ISO 3166-1 alpha-2 code such as DE)")
    as_of = meta.get("as_of")
    if as_of is not None and not isinstance(as_of, dt.date):
        try:
            as_of = dt.date.fromisoformat(str(as_of))
        except ValueError:
            report.add("as_of", f"bad 'as_of' {as_of!r}: use an ISO date such as 2024-05-01")
            as_of = None
    if isinstance(as_of, dt.datetime):
        as_of = as_of.date()
    references = _references(report, meta.get("references"))
    homepage = _web_url(report, meta, "homepage")
    if report.problems or name is None:
        return None, report.problems
    label = _text(report, meta, "label") or vocabulary.label(kind, country)
    source = Source(
        key=key,
        path=doc.path,
        name=name,
        type=kind,
        label=label,
        description=doc.body,
        country=country,
        country_name=vocabulary.country_name(country),
        owner=_text(report, meta, "owner"),
        funding=_text(report, meta, "funding"),
        homepage=homepage,
        domains=tuple(d.lower() for d in _str_list(report, meta, "domains")),
        aliases=_str_list(report, meta, "aliases"),
        as_of=as_of,
        references=references,
        extra={k: v for k, v in meta.items() if k not in SOURCE_KEYS},
    )
    return source, report.problems


def _references(report: Report, value) -> tuple[Reference, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        report.add("references", "'references' must be a list of {title, url}")
        return ()
    refs = []
    for item in value:
        url = item if isinstance(item, str) else item.get("url") if isinstance(item, dict) else None
        if not url:
            report.add("references", "each reference needs a 'url' (and a 'title')")
        elif urlsplit(str(url)).scheme.lower() not in ("http", "https"):
            report.add("references", f"reference urls must be http(s) addresses (got {str(url)!r})")
        else:
            title = item.get("title") if isinstance(item, dict) else None
            refs.append(Reference(title=str(title or url), url=str(url)))
    return tuple(refs)


def normalize_story(doc: Document, slug: str, tz) -> tuple[StoryInfo | None, list]:
    report = Report(doc)
    title = _text(report, doc.meta, "title", required=True)
    date, _ = _datetime(report, doc.meta, "date", tz)
    if report.problems or title is None:
        return None, report.problems
    return StoryInfo(slug=slug, path=doc.path, title=title, description=doc.body,
                     date=date.date() if date else None), []

