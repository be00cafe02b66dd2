"""Read ``site.toml`` into a frozen :class:`SiteConfig`.

Configuration is data, never executed code: TOML in, a dataclass out.
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
class SiteConfig:
    root: Path
    title: str = "News archive"
    description: str = ""
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    timezone: str = "UTC"
    theme: str = "default"
    per_page: int = 20
    cname: str | None = None
    curator_name: str | None = None
    curator_contact: str | None = None
    feeds: FeedConfig = field(default_factory=FeedConfig)
    stories: StoriesConfig = field(default_factory=StoriesConfig)
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


def load_config(root: Path, base_url: str | None = None) -> SiteConfig:
    """Read ``root/site.toml``; ``base_url`` (from the command line) wins over the file."""
    path = root / CONFIG_NAME
    name = CONFIG_NAME
    if not path.is_file():
        raise ContentError([Problem(str(path), None, "no site.toml here (is --site the site folder?)")])
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        line = _toml_error_line(str(exc))
        raise ContentError([Problem(name, line, f"invalid TOML: {exc}")]) from None

    problems: list[Problem] = []
    text = path.read_text(encoding="utf-8")

    def take(key: str, kind: type, default):
        value = data.pop(key, default)
        if value is not default and not isinstance(value, kind):
            problems.append(Problem(name, None, f"'{key}' must be a {kind.__name__}"))
            return default
        return value

    feeds = take("feeds", dict, {})
    tags = take("tags", dict, {})
    curator = take("curator", dict, {})
    stories = take("stories", dict, {})
    cfg = SiteConfig(
        root=root,
        title=take("title", str, SiteConfig.title),
        description=take("description", str, ""),
        base_url=normalize_base_url(base_url or take("base_url", str, SiteConfig.base_url)),
        language=take("language", str, "en"),
        timezone=take("timezone", str, "UTC"),
        theme=take("theme", str, "default"),
        per_page=take("per_page", int, 20),
        cname=take("cname", str, None),
        curator_name=curator.get("name"),
        curator_contact=curator.get("contact"),
        feeds=FeedConfig(
            limit=int(feeds.get("limit", FeedConfig.limit)),
            full_content=bool(feeds.get("full_content", FeedConfig.full_content)),
        ),
        stories=_stories(stories, problems, lambda key: _line_in_table(text, "stories", key)),
        tag_aliases={str(k): str(v) for k, v in tags.get("aliases", {}).items()},
        tag_descriptions={str(k): str(v) for k, v in tags.get("descriptions", {}).items()},
        extra=data,  # unknown keys reach templates as site.extra
    )
    data.pop("base_url", None)

    def at(key: str) -> int | None:
        match = re.search(rf"^\s*{re.escape(key)}\s*=", text, re.MULTILINE)
        return text[: match.start()].count("\n") + 1 if match else None

    try:
        zoneinfo.ZoneInfo(cfg.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        hint = "use an IANA name such as 'Europe/Berlin'"
        problems.append(Problem(name, at("timezone"), f"unknown timezone '{cfg.timezone}' ({hint})"))
    if cfg.per_page < 1:
        problems.append(Problem(name, at("per_page"), "'per_page' must be at least 1"))
    if urlsplit(cfg.base_url).scheme not in ("http", "https"):
        message = f"'base_url' must start with http:// or https:// (got '{cfg.base_url}')"
        problems.append(Problem(name, None if base_url else at("base_url"), message))
    if problems:
        raise ContentError(problems)
    return cfg


def _stories(table: dict, problems: list[Problem], line_of) -> StoriesConfig:
    """The ``[stories]`` table, each bad value reported at its line."""
    defaults = StoriesConfig()
    known = {"automatic": bool, "window_days": int, "threshold": (int, float)}
    values = {}
    for key, value in table.items():
        kind = known.get(key)
        if kind is None:
            message = f"unknown key '{key}' in [stories] (known: {', '.join(known)})"
        elif not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            message = f"[stories] '{key}' must be {'true or false' if kind is bool else 'a number'}"
        elif key == "window_days" and not 0 <= value <= 30:
            message = "[stories] 'window_days' must be between 0 (same day only) and 30"
        elif key == "threshold" and not 0 < value < 1:
            message = "[stories] 'threshold' must be between 0 and 1 (default 0.2; higher splits more)"
        else:
            values[key] = float(value) if key == "threshold" else value
            continue
        problems.append(Problem(CONFIG_NAME, line_of(key), message))
    return StoriesConfig(**{**defaults.__dict__, **values})


def _line_in_table(text: str, table: str, key: str) -> int | None:
    """Line of ``key = ...`` inside ``[table]`` (for messages)."""
    header = re.search(rf"^\s*\[{re.escape(table)}\]\s*$", text, re.MULTILINE)
    if not header:
        return None
    next_table = re.compile(r"^\s*\[", re.MULTILINE).search(text, header.end())
    body_end = next_table.start() if next_table else len(text)
    match = re.compile(rf"^\s*{re.escape(key)}\s*=", re.MULTILINE).search(text, header.end(), body_end)
    return text[:(match or header).start()].count("\n") + 1


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else None
