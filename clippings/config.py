"""Read ``site.toml`` into a frozen :class:`SiteConfig`.

Configuration is data, never executed code: TOML in, a dataclass out. Every value is checked
for its type, and a wrong one is reported as ``site.toml:LINE: message``, all at once.
"""

from __future__ import annotations

import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .errors import ContentError, Problem

CONFIG_NAME = "site.toml"


@dataclass(frozen=True)
class FeedConfig:
    limit: int = 20  # entries per feed
    full_content: bool = True  # site feeds carry the article body, not only the summary


@dataclass(frozen=True)
class StoriesConfig:
    """``[stories]``: how articles without a ``story:`` key are grouped into stories."""

    automatic: bool = True  # false: only the curator's `story:` keys make stories
    window_days: int = 3  # articles further apart (in calendar days) are never one story
    threshold: float = 0.2  # how alike two groups must be to join, 0-1: higher splits more


@dataclass(frozen=True)
class ShareConfig:
    """``[share]``: the image shared links show for articles without one of their own."""

    image: str | None = None  # an http(s) URL, or a path below content/ ("media/share.png")
    image_alt: str | None = None
    # Generated cards: "source" (one per outlet: its name and label), "article" (one per article
    # with its headline too: ~9 ms and ~17 KB each, 1.7 GB at 100,000 articles), or "off".
    cards: str = "source"


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    title: str = "News archive"
    description: str = ""
    base_url: str = "http://127.0.0.1:8000/"
    language: str = "en"
    timezone: str = "UTC"
    theme: str = "default"
    per_page: int = 50
    cname: str | None = None
    size_limit_mb: int = 1024  # the host's limit for a published site (GitHub Pages: 1 GB); 0: none
    curator_name: str | None = None
    curator_contact: str | None = None
    feeds: FeedConfig = field(default_factory=FeedConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
    share: ShareConfig = field(default_factory=ShareConfig)
    tag_aliases: dict[str, str] = field(default_factory=dict)
    tag_descriptions: dict[str, str] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    @property
    def base_path(self) -> str:
        """The path part of ``base_url``: ``/`` at a domain root, ``/repo/`` on a project site."""
        return urlsplit(self.base_url).path or "/"

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"


def normalize_base_url(url: str) -> str:
    """Ensure a trailing slash, so joining page paths never drops the sub-path."""
    return url if url.endswith("/") else url + "/"


_KINDS = {str: "text in quotes", int: "a whole number", float: "a number", bool: "true or false", dict: "a table"}


class _Reader:
    """Takes typed values out of the parsed TOML, noting each wrong one at its line."""

    def __init__(self, data: dict, text: str) -> None:
        self.data, self.lines, self.problems = data, _key_lines(text), []

    def line(self, dotted: str) -> int | None:
        return self.lines.get(dotted) or self.lines.get(dotted.rsplit(".", 1)[0] if "." in dotted else "")

    def problem(self, dotted: str, message: str) -> None:
        self.problems.append(Problem(CONFIG_NAME, self.line(dotted), message))

    def take(self, dotted: str, kind: type, default, table: dict | None = None):
        """The value at ``dotted`` (removed from its table), or ``default`` when missing or wrong."""
        name = dotted.rsplit(".", 1)[-1]
        value = (self.data if table is None else table).pop(name, default)
        if value is default:
            return default
        if kind is float and type(value) is int:
            value = float(value)
        if type(value) is not kind:  # not isinstance: TOML's true is not the number 1
            shown = f"'{value}'" if isinstance(value, str) else str(value).lower()
            self.problem(dotted, f"'{dotted}' must be {_KINDS[kind]} (got {shown})")
            return default
        return value

    def strings(self, dotted: str, table: dict) -> dict[str, str]:
        """A table of text values, such as ``[tags.aliases]``."""
        values = self.take(dotted, dict, {}, table)
        good = {}
        for key, value in values.items():
            if isinstance(value, str):
                good[str(key)] = value
            else:
                self.problem(f"{dotted}.{key}", f"'{dotted}.{key}' must be {_KINDS[str]}")
        return good


def load_config(root: Path, base_url: str | None = None) -> SiteConfig:
    """Read ``root/site.toml``; ``base_url`` (from the command line) wins over the file."""
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ContentError([Problem(str(path), None, "no site.toml here (is --site the site folder?)")])
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ContentError([Problem(CONFIG_NAME, None, "not valid UTF-8; save the file as UTF-8")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError([Problem(CONFIG_NAME, _toml_error_line(str(exc)), f"invalid TOML: {exc}")]) from None

    read = _Reader(data, text)
    feeds = read.take("feeds", dict, {})
    tags = read.take("tags", dict, {})
    curator = read.take("curator", dict, {})
    stories = read.take("stories", dict, {})
    share = read.take("share", dict, {})
    from_file = read.take("base_url", str, None)
    cfg = SiteConfig(
        root=root,
        title=read.take("title", str, SiteConfig.title),
        description=read.take("description", str, ""),
        base_url=normalize_base_url(base_url or from_file or SiteConfig.base_url),
        language=read.take("language", str, "en"),
        timezone=read.take("timezone", str, "UTC"),
        theme=read.take("theme", str, "default"),
        per_page=read.take("per_page", int, 50),
        cname=read.take("cname", str, None),
        size_limit_mb=read.take("size_limit_mb", int, SiteConfig.size_limit_mb),
        curator_name=read.take("curator.name", str, None, curator),
        curator_contact=read.take("curator.contact", str, None, curator),
        feeds=FeedConfig(
            limit=read.take("feeds.limit", int, FeedConfig.limit, feeds),
            full_content=read.take("feeds.full_content", bool, FeedConfig.full_content, feeds),
        ),
        stories=StoriesConfig(
            automatic=read.take("stories.automatic", bool, StoriesConfig.automatic, stories),
            window_days=read.take("stories.window_days", int, StoriesConfig.window_days, stories),
            threshold=read.take("stories.threshold", float, StoriesConfig.threshold, stories),
        ),
        share=ShareConfig(
            image=read.take("share.image", str, None, share),
            image_alt=read.take("share.image_alt", str, None, share),
            cards=read.take("share.cards", str, ShareConfig.cards, share),
        ),
        tag_aliases=read.strings("tags.aliases", tags),
        tag_descriptions=read.strings("tags.descriptions", tags),
        extra=data,  # unknown top-level keys reach templates as config.extra
    )
    for table, rest in (("feeds", feeds), ("tags", tags), ("curator", curator), ("stories", stories),
                        ("share", share)):
        for key in rest:
            read.problem(f"{table}.{key}", f"unknown setting '{table}.{key}'")
    problems = read.problems
    try:
        zoneinfo.ZoneInfo(cfg.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        hint = "use an IANA name such as 'Europe/Berlin'"
        problems.append(Problem(CONFIG_NAME, read.line("timezone"), f"unknown timezone '{cfg.timezone}' ({hint})"))
    if cfg.per_page < 1:
        problems.append(Problem(CONFIG_NAME, read.line("per_page"), "'per_page' must be at least 1"))
    if cfg.size_limit_mb < 0:
        problems.append(Problem(CONFIG_NAME, read.line("size_limit_mb"), "'size_limit_mb' must be 0 (none) or more"))
    if cfg.feeds.limit < 1:
        problems.append(Problem(CONFIG_NAME, read.line("feeds.limit"), "'feeds.limit' must be at least 1"))
    if not 0 <= cfg.stories.window_days <= 30:
        problems.append(Problem(CONFIG_NAME, read.line("stories.window_days"),
                                "'stories.window_days' must be between 0 (same day only) and 30"))
    if not 0 < cfg.stories.threshold < 1:
        problems.append(Problem(CONFIG_NAME, read.line("stories.threshold"),
                                "'stories.threshold' must be between 0 and 1 (default 0.2; higher splits more)"))
    problems += _share_problems(cfg, read)
    if urlsplit(cfg.base_url).scheme not in ("http", "https"):
        message = f"'base_url' must start with http:// or https:// (got '{cfg.base_url}')"
        problems.append(Problem(CONFIG_NAME, None if base_url else read.line("base_url"), message))
    if problems:
        raise ContentError(problems)
    return cfg


CARD_MODES = ("source", "article", "off")


def _share_problems(cfg: SiteConfig, read: _Reader) -> list[Problem]:
    if cfg.share.cards not in CARD_MODES:
        modes = ", ".join(f"'{m}'" for m in CARD_MODES)
        return [Problem(CONFIG_NAME, read.line("share.cards"),
                        f"'share.cards' must be one of {modes} (got '{cfg.share.cards}')")]
    image = cfg.share.image
    if image is None:
        return []
    line = read.line("share.image")
    if ":" in image:
        if urlsplit(image).scheme in ("http", "https"):
            return []
        message = f"'share.image' must be an http(s) URL or a path below content/ (got '{image}')"
        return [Problem(CONFIG_NAME, line, message)]
    relative = image.lstrip("/")
    if not relative.startswith("media/") or ".." in relative.split("/"):
        return [Problem(CONFIG_NAME, line, f"'share.image' must be a file below content/media/ (got '{image}')")]
    if not (cfg.content_dir / relative).is_file():
        return [Problem(CONFIG_NAME, line, f"'share.image': no file content/{relative}")]
    return []


_TABLE = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=""")


def _key_lines(text: str) -> dict[str, int]:
    """``"feeds.limit" -> 17``: where each table and key is written (first occurrence)."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(line)
        if header:
            table = ".".join(part.strip().strip("\"'") for part in header.group(1).split("."))
            lines.setdefault(table, number)
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(1).strip("\"'")
            lines.setdefault(f"{table}.{name}" if table else name, number)
    return lines


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else None
