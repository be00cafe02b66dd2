"""Markdown from other tools: YAML (ours, Jekyll, Hugo), TOML (Hugo) or Pelican 'Key: value' metadata."""

from __future__ import annotations

import datetime as dt
import re
import tomllib

import yaml

from ..load import FrontMatterLoader
from .dates import FoundDate, parse_iso
from .extracted import Extracted

PELICAN_KEY = re.compile(r"^([A-Za-z][A-Za-z_ -]{0,30}):\s*(.*)$")
KNOWN = {"title", "date", "source", "byline", "author", "authors", "url", "link", "original", "canonical",
         "tags", "keywords", "categories", "category", "summary", "description", "dek", "section", "lang",
         "language", "image", "note", "slug", "story", "draft", "captured", "capture", "sha256", "updated",
         "modified", "lastmod"}


def split_metadata(text: str) -> tuple[dict, str]:
    text = text.lstrip("\ufeff")
    if text.startswith("---"):
        match = re.match(r"^---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", text, re.DOTALL)
        if match:
            meta = yaml.load(match.group(1), Loader=FrontMatterLoader) or {}
            return (meta if isinstance(meta, dict) else {}), text[match.end():]
    if text.startswith("+++"):
        match = re.match(r"^\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)", text, re.DOTALL)
        if match:
            return tomllib.loads(match.group(1)), text[match.end():]
    meta: dict = {}
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if not line.strip():
            if meta:
                return meta, "\n".join(lines[number + 1:])
            break
        found = PELICAN_KEY.match(line)
        if not found:
            break
        meta[found.group(1).strip().lower()] = found.group(2).strip()
    return ({}, text) if not meta or "title" not in meta else (meta, "")


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [str(value)]


def _date(value) -> FoundDate | None:
    if isinstance(value, dt.datetime):
        return FoundDate(value, True, value.isoformat())
    if isinstance(value, dt.date):
        return FoundDate(dt.datetime(value.year, value.month, value.day), False, value.isoformat())
    if isinstance(value, str):
        return parse_iso(value.replace("/", "-"))
    return None


def extract_markdown(text: str) -> Extracted:
    meta, body = split_metadata(text)
    meta = {str(k).lower(): v for k, v in meta.items()}
    first = lambda *keys: next((meta[k] for k in keys if meta.get(k) not in (None, "", [])), None)  # noqa: E731
    author = first("byline", "author", "authors")
    if isinstance(author, list):
        author = ", ".join(str(a) for a in author)
    image = first("image")
    result = Extracted(
        title=str(first("title")) if first("title") else None,
        blocks=[b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()],
        summary=str(first("summary", "description", "dek")) if first("summary", "description", "dek") else None,
        byline=str(author) if author else None,
        section=str(first("section", "category")) if first("section", "category") else None,
        date=_date(first("date")),
        image=({k: str(v) for k, v in image.items() if v} if isinstance(image, dict)
               else {"src": str(image)} if image else {}),
        lang=str(first("lang", "language")) if first("lang", "language") else None,
        url=str(first("url", "link", "original", "canonical")) if first("url", "link", "original", "canonical")
        else None,
        tags=_as_list(first("tags", "keywords")) + _as_list(meta.get("categories")),
        extra={k: v for k, v in meta.items() if k not in KNOWN},
    )
    if first("source"):
        result.extra["_source"] = str(first("source"))
    for key in ("story", "note"):
        if first(key):
            result.extra[f"_{key}"] = str(first(key))
    return result
