"""A cache of rendered Markdown, so a rebuild only converts what changed.

Stored as JSON, not pickle: the cache lives in the site folder, and loading it must never run code.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

CACHE_FILE = "markup.json"


def load_cache(cache_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((cache_dir / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a missing or damaged cache only costs time
    return data if isinstance(data, dict) else {}


def save_cache(cache_dir: Path, entries: dict[str, str]) -> None:
    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix=".markup-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(entries, handle, ensure_ascii=False, separators=(",", ":"))
    os.replace(tmp, cache_dir / CACHE_FILE)
