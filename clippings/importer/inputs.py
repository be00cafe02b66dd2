"""Inputs: files, folders (recursively), http(s) URLs and stdin, read as raw bytes."""

from __future__ import annotations

import datetime as dt
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .. import __version__

MAX_BYTES = 10 * 1024 * 1024  # a news page is far smaller; anything bigger is not an article
TIMEOUT = 20
USER_AGENT = f"Clippings/{__version__} (news archive importer; +https://github.com/)"
EXTENSIONS = {".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
              ".md": "markdown", ".markdown": "markdown"}


@dataclass(frozen=True)
class RawInput:
    name: str  # what the user gave: a path, a URL or "-"
    data: bytes | None
    kind: str | None  # "text", "html", "markdown", or None to sniff
    url: str | None = None
    fetched: dt.datetime | None = None  # when a URL was fetched
    error: str | None = None  # the input could not be read at all


def expand(inputs: list[str], stdin=None) -> Iterator[RawInput]:
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield RawInput("-", stream.read(MAX_BYTES + 1), None)
        elif item.startswith(("http://", "https://")):
            yield fetch(item)
        else:
            path = Path(item)
            if path.is_dir():
                for child in sorted(p for p in path.rglob("*") if p.is_file()):
                    if child.suffix.lower() in EXTENSIONS and not child.name.startswith("."):
                        yield read_file(child)
            else:
                yield read_file(path)


def read_file(path: Path) -> RawInput:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return RawInput(str(path), None, None, error=f"file is larger than {MAX_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as exc:
        return RawInput(str(path), None, None, error=exc.strerror or str(exc))
    return RawInput(str(path), data, EXTENSIONS.get(path.suffix.lower()))


def fetch(url: str) -> RawInput:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain;q=0.9"})
    fetched = dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            data = response.read(MAX_BYTES + 1)
            final_url = response.geturl()
            content_type = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        return RawInput(url, None, None, url=url, error=f"HTTP {exc.code} {exc.reason}")
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        return RawInput(url, None, None, url=url, error=f"cannot fetch: {reason}")
    if len(data) > MAX_BYTES:
        return RawInput(url, None, None, url=url, error=f"page is larger than {MAX_BYTES // 2**20} MB")
    kind = "html" if "html" in content_type else "markdown" if "markdown" in content_type else "text"
    return RawInput(url, data, kind, url=final_url, fetched=fetched)


def sniff(text: str) -> str:
    """Guess the kind of stdin or extension-less input from its first characters."""
    head = text.lstrip()[:1000].lower()
    if head.startswith(("<!doctype html", "<html", "<head", "<?xml")) or "<body" in head:
        return "html"
    if head.startswith(("---\n", "+++\n", "title:")):
        return "markdown"
    return "text"
