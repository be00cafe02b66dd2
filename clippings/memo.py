"""Reuse what was read from files that did not change (the preview keeps one across rebuilds).

An edit then re-parses one file, not ten thousand, and an unchanged article comes back as the
very same object, which makes the preview's change detection mostly ``is`` checks. Without a
hint every file is checked by size, modification time and inode; told by the file watcher
which paths changed, the memo trusts the rest and does not even walk the folders again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

T = TypeVar("T")


class FileMemo:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple, object]] = {}
        self._listings: dict[str, list[str]] = {}
        self._changed: set[str] | None = None  # None: check every file
        self._interned: dict[Hashable, Hashable] = {}

    def expect(self, changed: Iterable[str] | None) -> None:
        """Before a read: only ``changed`` paths may differ from the last read (None: any may).

        A path the memo has not read (a new file, a folder, anything else) means files may have
        come or gone, so the folders are walked again; the files in them are trusted all the same.
        """
        if changed is None:
            self._changed = None
            self._listings.clear()
            return
        self._changed = {os.path.abspath(p) for p in changed}
        if any(p not in self._entries or not os.path.isfile(p) for p in self._changed):
            self._listings.clear()

    def listing(self, folder: str, walk: Callable[[], list[str]]) -> list[str]:
        if self._changed is None or folder not in self._listings:
            self._listings[folder] = walk()
        return self._listings[folder]

    def intern(self, value: Hashable) -> Hashable:
        """An equal value seen before, as that same object (so comparing it later is ``is``)."""
        return self._interned.setdefault(value, value)

    def get(self, path: str, extra: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``'s result for ``path``, reused while the file and ``extra`` are the same."""
        key = os.path.abspath(path)
        hit = self._entries.get(key)
        if hit is not None and self._changed is not None and key not in self._changed and hit[0][-1] == extra:
            return hit[1]  # type: ignore[return-value]
        try:
            stat = os.stat(key)
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino, extra)
        except OSError:
            return compute()  # vanished meanwhile: let the reader report it
        if hit is not None and hit[0] == stamp:
            return hit[1]  # type: ignore[return-value]
        result = compute()
        self._entries[key] = (stamp, result)
        return result
