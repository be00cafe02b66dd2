"""The preview's output folder, shared by the rebuilds (writers) and the server (readers).

A rebuild writes its new files into a pending folder beside the output and moves them in
while holding the write lock; requests read whole files under the read lock. So a response is
always from one complete build, never from one half applied.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..write import swap_in


class ReadWriteLock:
    """Many readers or one writer; a waiting writer goes before new readers (no starvation)."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._readers = 0
        self._writing = False
        self._waiting = 0

    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        with self._cond:
            while self._writing or self._waiting:
                self._cond.wait()
            self._readers += 1
        try:
            yield
        finally:
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        with self._cond:
            self._waiting += 1
            while self._writing or self._readers:
                self._cond.wait()
            self._waiting -= 1
            self._writing = True
        try:
            yield
        finally:
            with self._cond:
                self._writing = False
                self._cond.notify_all()


@dataclass(frozen=True)
class Found:
    data: bytes
    mtime: float
    name: str  # file name, for the content type


class Redirect:
    """A folder asked for without its trailing slash (browsers are sent to the slashed URL)."""


REDIRECT = Redirect()


class LiveFolder:
    def __init__(self, path: Path) -> None:
        self.path = path.resolve()
        self._root = str(self.path)
        self._lock = ReadWriteLock()

    def _inside(self, relative: str) -> str | None:
        """The real path of a site path, or None when it would leave the folder (``..``, symlinks)."""
        real = os.path.realpath(os.path.join(self._root, relative))
        return real if real == self._root or real.startswith(self._root + os.sep) else None

    def fetch(self, relative: str) -> Found | Redirect | None:
        """The file at a site path (``tags/nato/`` means its ``index.html``), REDIRECT, or None."""
        with self._lock.reading():
            real = self._inside(relative)
            if real is None:
                return None
            if os.path.isdir(real):
                if relative and not relative.endswith("/"):
                    return REDIRECT
                real = os.path.join(real, "index.html")
            try:
                with open(real, "rb") as handle:
                    return Found(handle.read(), os.fstat(handle.fileno()).st_mtime, os.path.basename(real))
            except OSError:  # missing, a folder, unreadable: all "not found" to a browser
                return None

    def apply(self, pending: Path, written: Iterable[str], removed: Iterable[str]) -> None:
        """Move the ``written`` files from ``pending`` into place and delete ``removed`` ones."""
        with self._lock.writing():
            for relative in written:
                target = self.path / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(pending / relative, target)
            for relative in removed:
                target = self.path / relative
                with contextlib.suppress(FileNotFoundError):
                    target.unlink()
                _prune_empty(target.parent, self.path)

    def replace_all(self, staging: Path) -> None:
        """Make a complete new build (in ``staging``) the folder's content."""
        with self._lock.writing():
            swap_in(staging, self.path)


def _prune_empty(folder: Path, root: Path) -> None:
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty (or already gone)
            return
        folder = folder.parent
