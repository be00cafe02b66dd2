"""Boilerplate learned per outlet: lines that recur across its captures are page furniture.

Derived from the captures already in content/captures/, and kept in .cache/ so a large
import does not re-read them for every input.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from .decode import DecodeError, decode
from .lines import split_lines

MAX_CAPTURES = 60  # the newest few dozen captures show an outlet's furniture well enough
MAX_WORDS = 25  # a long line shared by two captures is more likely a quoted statement


def learn(captures: list[Path]) -> frozenset[str]:
    counts: Counter = Counter()
    for path in captures[-MAX_CAPTURES:]:
        if path.suffix.lower() not in (".txt", ".text"):
            continue
        try:
            text, _ = decode(path.read_bytes())
        except (OSError, DecodeError):
            continue
        counts.update({line.key for line in split_lines(text) if line.key and line.n <= MAX_WORDS})
    return frozenset(key for key, count in counts.items() if count >= 2)


class BoilerplateStore:
    """Per-source boilerplate, cached on disk by the list of captures it was learned from."""

    def __init__(self, cache_dir: Path, captures: dict[str, list[Path]]):
        self.cache_dir = cache_dir / "boilerplate"
        self.captures = captures
        self.memory: dict[str, frozenset[str]] = {}

    def lines(self, source: str) -> frozenset[str]:
        if source in self.memory:
            return self.memory[source]
        captures = sorted(self.captures.get(source, []))
        stamp = [p.name for p in captures]
        cache = self.cache_dir / f"{source}.json"
        learned = None
        try:
            data = json.loads(cache.read_text(encoding="utf-8"))
            if data.get("captures") == stamp:
                learned = frozenset(data["lines"])
        except (OSError, ValueError, KeyError, AttributeError):
            pass
        if learned is None:
            learned = learn(captures)
            if len(captures) >= 2:
                self.cache_dir.mkdir(parents=True, exist_ok=True)
                cache.write_text(json.dumps({"captures": stamp, "lines": sorted(learned)}, ensure_ascii=False))
        self.memory[source] = learned
        return learned

    def remember(self, source: str, capture: Path) -> None:
        """A new capture of this outlet joins what the next inputs learn from."""
        self.captures.setdefault(source, []).append(capture)
        self.memory.pop(source, None)
