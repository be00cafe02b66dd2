"""Front matter parsed by the last build, by the digest of its text (``.cache/front-matter.json``).

Parsing the YAML is most of reading a content file (0.8 of 2.4 s at 10,000 articles), and a
warm build's files are nearly all as they were. Keyed by the text itself, not by the file's
modification time, so a fresh checkout (a CI run restoring ``.cache/``) still finds it.
Stored as JSON, never pickle: loading the cache must never run code. Front matter that JSON
would not give back as it is (a number as a key, ``.nan``) is simply parsed again each time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from .write import replace_file

CACHE_FILE = "front-matter.json"
VERSION = 1


class FrontMatterCache:
    def __init__(self, known: dict[str, dict] | None = None) -> None:
        self._known = known or {}
        self._used: dict[str, dict] = {}
        self._missed = False

    @classmethod
    def load(cls, cache_dir: Path) -> FrontMatterCache:
        try:
            data = json.loads((cache_dir / CACHE_FILE).read_text(encoding="utf-8"))
            if data.get("version") == VERSION and isinstance(data.get("entries"), dict):
                return cls(data["entries"])
        except (OSError, ValueError, AttributeError):
            pass  # a missing or damaged cache only costs time
        return cls()

    def parse(self, text: str, parse_yaml: Callable[[str], object]) -> object:
        """``parse_yaml(text)``, or what it gave for the same text before (YAML errors are not kept)."""
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        meta = self._known.get(key)
        if not isinstance(meta, dict):  # not known (or a damaged entry)
            meta = parse_yaml(text)
            if not isinstance(meta, dict) or not _survives_json(meta):
                return meta
            self._missed = True
        self._used[key] = meta
        return meta

    @property
    def unsaved(self) -> bool:
        """True when the file would differ: a text parsed anew, or one no longer read."""
        return self._missed or len(self._used) != len(self._known)

    def save(self, cache_dir: Path) -> None:
        text = json.dumps({"version": VERSION, "entries": self._used}, ensure_ascii=False, separators=(",", ":"))
        replace_file(cache_dir / CACHE_FILE, text.encode("utf-8", "surrogatepass"))


def _survives_json(meta: dict) -> bool:
    try:
        return json.loads(json.dumps(meta)) == meta
    except (TypeError, ValueError):  # bytes from !!binary, a set from !!set
        return False
