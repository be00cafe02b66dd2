"""A cache of rendered Markdown, so a rebuild only converts what changed.

Stored as JSON, not pickle: the cache lives in the site folder, and loading it must never run code.
"""

from __future__ import annotations

import json
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
    text = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    replace_file(cache_dir / CACHE_FILE, text.encode("utf-8", "surrogatepass"))
