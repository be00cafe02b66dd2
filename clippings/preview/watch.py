"""Watch the site's sources (watchdog) and hand over each burst of changes as one batch.

An editor's save (write a temporary file, rename it over the old one) or a ``git checkout``
of many files arrives as dozens of events within milliseconds; waiting until the folder has
been quiet for a moment makes them one rebuild.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

# Top-level names in the site folder that a build reads.
SOURCES = ("site.toml", "content", "themes", "templates", "static")
RELEVANT_EVENTS = {"created", "modified", "deleted", "moved", "closed"}
_EDITOR_LITTER = ("~", ".swp", ".swx", ".swo", ".tmp", ".part", ".crdownload")


def is_litter(path: str) -> bool:
    """Editor backups and temporary files, hidden files and folders (.git, .cache)."""
    name = path.rsplit("/", 1)[-1]
    return (name.startswith((".", "#")) or name.endswith(_EDITOR_LITTER) or name == "4913"  # vim's probe
            or "/." in path)


class Watcher(FileSystemEventHandler):
    def __init__(self, site: Path, extra: list[Path], quiet: float = 0.025, longest: float = 1.0) -> None:
        self.site = site.resolve()
        self.extra = [p.resolve() for p in extra]  # theme folders outside the site
        self.quiet, self.longest = quiet, longest
        self._cond = threading.Condition()
        self._changed: set[str] = set()
        self._first = self._last = 0.0
        self._observer = Observer()
        self._watched: set[Path] = set()
        self._stopped = False

    # --- watchdog's side ------------------------------------------------------------------

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type not in RELEVANT_EVENTS or (event.is_directory and event.event_type == "modified"):
            return
        paths = [event.src_path, getattr(event, "dest_path", "") or ""]
        wanted = [str(p) for p in paths if p and self._relevant(str(p))]
        if not wanted:
            return
        with self._cond:
            now = time.monotonic()
            if not self._changed:
                self._first = now
            self._changed.update(wanted)
            self._last = now
            self._cond.notify_all()

    def _relevant(self, path: str) -> bool:
        if is_litter(path.removeprefix(str(self.site))):
            return False
        if any(path == str(p) or path.startswith(f"{p}/") for p in self.extra):
            return True
        relative = path.removeprefix(f"{self.site}/")
        return relative != path and relative.split("/", 1)[0] in SOURCES

    # --- the rebuild loop's side ------------------------------------------------------------

    def start(self) -> None:
        self.refresh()
        self._observer.start()

    def refresh(self) -> None:
        """Watch the folders that exist now (a templates/ made later is picked up here)."""
        wanted = {self.site, *(self.site / name for name in SOURCES[1:]), *self.extra}
        for folder in sorted(wanted - self._watched):
            if folder.is_dir():
                self._observer.schedule(self, str(folder), recursive=folder != self.site)
                self._watched.add(folder)

    def pending(self) -> bool:
        with self._cond:
            return bool(self._changed)

    def wait(self, timeout: float | None = None) -> set[str]:
        """The next batch of changed paths (empty on timeout or when stopped)."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._changed or self._stopped, timeout):
                return set()
            while not self._stopped:
                now = time.monotonic()
                left = min(self.quiet - (now - self._last), self.longest - (now - self._first))
                if left <= 0:
                    break
                self._cond.wait(left)
            batch, self._changed = self._changed, set()
            return batch

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join()
