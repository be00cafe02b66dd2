"""A cache of rendered Markdown, so a rebuild only converts what changed.

Stored as JSON, not pickle: the cache lives in the site folder, and loading it must never run code.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from .write import replace_file

CACHE_FILE = "markup.json"


def load_cache(cache_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((cache_dir / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a missing or damaged cache only costs time
    return data if isinstance(data, dict) else {}


def save_cache(cache_dir: Path, entries: dict[str, str]) -> None:
    replace_file(cache_dir / CACHE_FILE, _json_chunks(entries))


def _json_chunks(entries: dict[str, str]) -> Iterator[bytes]:
    """``json.dumps(entries)`` encoded, an entry at a time: the text of the whole cache and its
    bytes at once would be some 60 MB at 10,000 articles, in the process saving it."""
    yield b"{"
    for number, (key, html) in enumerate(entries.items()):
        text = json.dumps(key, ensure_ascii=False) + ":" + json.dumps(html, ensure_ascii=False)
        yield (b"," if number else b"") + text.encode("utf-8", "surrogatepass")
    yield b"}"
