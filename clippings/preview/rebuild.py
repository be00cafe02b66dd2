"""Rebuilds for the preview: render only the outputs whose digest changed.

Each rebuild loads the site again (the reader's memo re-parses only the files the watcher
reported), makes the plan, digests every output (``plan/stale.py``; entries and specs equal to
the last build's keep their digests, so this is mostly comparisons) and renders the outputs
whose digest differs into a pending folder, which is moved into the live folder in one step.
The search export, the slow output, is made in a process of its own between edits
(``start_search``, ``finish_search``): no edit waits for it.
The result is file for file what a clean build of the same content gives (the tests check it).
"""

from __future__ import annotations

import gc
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from search import SearchJob, start_search
from search.export import FOLDER as SEARCH_FOLDER

from ..config import CONFIG_NAME
from ..enrich import GroupingCache
from ..enrich.stories import save_grouping
from ..markup_cache import save_cache
from ..memo import FileMemo
from ..pipeline import (
    CACHE_DIR,
    BuildOptions,
    Memo,
    Prepared,
    Stopwatch,
    load_site,
    prepare,
    render_outputs,
    worker_count,
)
from ..plan.stale import stale
from ..search_docs import content_signature, search_cache, search_documents
from ..write import write_file
from .live import LiveFolder


@dataclass
class Outcome:
    """What one rebuild changed, for the terminal and the browsers."""

    written: list[str]  # files below the output folder
    removed: list[str]
    pages: int  # outputs rendered
    seconds: float
    full: bool
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def css_only(self) -> bool:
        """Only stylesheets changed: browsers can swap them without reloading the page."""
        return bool(self.written) and not self.removed and all(p.endswith(".css") for p in self.written)


@dataclass
class State:
    """The last successful build: its plan, the digests of its outputs, and its search export."""

    config_text: str
    prepared: Prepared
    digests: dict[str, str]  # output path -> digest (the search export apart)
    search_digest: str | None  # the search output's digest when the export was last made
    search: dict[str, bytes] = field(default_factory=dict)  # the export, by path below search/


class Rebuilder:
    def __init__(self, root: Path, live: LiveFolder, options: BuildOptions) -> None:
        self.root = root
        self.live = live
        self.options = options
        self.jobs = worker_count(options.jobs)
        self.state: State | None = None
        self.files = FileMemo()  # what was read from each content file
        # The automatic stories' features and pair scores; None: start from the last build's file.
        self.grouping: GroupingCache | None = None
        self.memo = Memo()  # rendered Markdown, entries, digests and templates of the last build
        self.clock = Stopwatch()
        self._search: tuple[str, SearchJob, float] | None = None  # the export being made: its digest, job, start

    def rebuild(self, changed: Iterable[str] | None = None) -> Outcome:
        """Bring the live folder up to date with the site folder; raises ContentError or
        BuildError (leaving the folder as it was) when the content or theme is broken.

        ``changed``: the paths a file watcher saw change since the last call (None: look at
        every file)."""
        self.clock = Stopwatch()
        # A rebuild allocates in bursts; with the last state's millions of objects alive, that
        # sets off full garbage collections of 100 ms and more. Objects that survive a rebuild
        # are frozen out of the collector's view (they are freed by reference counting).
        gc.disable()
        try:
            outcome = self._rebuild(changed)
        finally:
            gc.enable()
        gc.freeze()
        return outcome

    def _rebuild(self, changed: Iterable[str] | None) -> Outcome:
        config_text = _read_text(self.root / CONFIG_NAME)
        old = self.state
        if old is not None and config_text != old.config_text:
            # Settings change what every file means.
            old, self.memo, self.files, self.grouping = None, Memo(), FileMemo(), None
        self.files.expect(changed if old is not None else None)
        loaded = load_site(self.root, base_url=self.options.base_url, drafts=self.options.drafts, memo=self.files,
                           grouping=self.grouping, read_grouping=True)
        self.grouping = loaded.grouping
        self.clock.lap("load")
        prepared = prepare(loaded, self.jobs, self.options.fingerprint, self.memo)
        files = prepared.files
        todo = stale(files, prepared.digests, old.digests if old else {})
        self.clock.lap("plan")

        pending = Path(tempfile.mkdtemp(prefix=f".{self.live.path.name}.pending-", dir=self.live.path.parent))
        try:
            written = [path for path, _ in render_outputs(todo, prepared, pending, self.jobs)]
            self.clock.lap("render")
            search_files = old.search if old else {}
            if old is None:
                for name, data in search_files.items():
                    write_file(pending, SEARCH_FOLDER + "/" + name, data)
                pending.chmod(0o755)
                self.live.replace_all(pending)
                removed: list[str] = []
            else:
                removed = sorted(old.digests.keys() - prepared.digests.keys())
                self.live.apply(pending, written, removed)
            self.clock.lap("write")
        finally:
            shutil.rmtree(pending, ignore_errors=True)
        self.state = State(config_text, prepared, {o.path: prepared.digests[o.path] for o in files},
                           old.search_digest if old else None, search_files)
        return Outcome(written, removed, len(todo), self.clock.total, old is None, self.clock.phases)

    @property
    def search_stale(self) -> bool:
        """The export is older than the last rebuild (and none is being made for it)."""
        state = self.state
        if state is None:
            return False
        wanted = state.prepared.digests[state.prepared.search.path]
        return state.search_digest != wanted and (self._search is None or self._search[0] != wanted)

    @property
    def search_running(self) -> bool:
        return self._search is not None

    def start_search(self) -> None:
        """Start making the static search export for the last rebuild, in a process of its own:
        the first export of a large archive takes a minute, and no edit may wait for it."""
        state = self.state
        assert state is not None and self._search is None
        prepared = state.prepared
        docs = search_documents(prepared.plan.entries[r] for r in prepared.search.spec)
        # Always in processes of its own (even for one changed article), so an edit never waits.
        job = start_search(docs, search_cache(self.root), prepared.loaded.config.language,
                           content_signature(self.root), background=True)
        self._search = (prepared.digests[prepared.search.path], job, time.perf_counter())

    def finish_search(self) -> Outcome | None:
        """When the export process is done, put its files in place (also when an edit came
        meanwhile: search is then a moment behind, and ``search_stale`` says to start again).
        None while it is still working; raises what the export raised."""
        if self._search is None or not self._search[1].ready():
            return None
        made_for, job, started = self._search
        self._search = None
        files, _ = job.files()
        state = self.state
        assert state is not None
        written = [f"{SEARCH_FOLDER}/{name}" for name, data in files.items() if state.search.get(name) != data]
        removed = sorted(f"{SEARCH_FOLDER}/{name}" for name in state.search.keys() - files.keys())
        pending = Path(tempfile.mkdtemp(prefix=f".{self.live.path.name}.pending-", dir=self.live.path.parent))
        try:
            for name in written:
                write_file(pending, name, files[name[len(SEARCH_FOLDER) + 1:]])
            self.live.apply(pending, written, removed)
        finally:
            shutil.rmtree(pending, ignore_errors=True)
        state.search, state.search_digest = files, made_for
        return Outcome(written, removed, 0, time.perf_counter() - started, False)

    def update_search(self) -> Outcome:
        """Make the export and wait for it (for callers with nothing else to do)."""
        if self._search is None:
            self.start_search()
        assert self._search is not None
        self._search[1].files()
        outcome = self.finish_search()
        assert outcome is not None
        return outcome

    def close(self) -> None:
        """Stop an export in progress (its index work is saved as it goes; the next one goes on)."""
        if self._search is not None:
            self._search[1].cancel()
        self._search = None

    def collect_garbage(self) -> None:
        """Between edits: let the collector see, and free, the cycles that rebuilds left behind
        while it was kept away from the site's objects (see ``rebuild``)."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def save_caches(self) -> None:
        """Keep the rendered Markdown and the automatic stories' cache for the next start or
        build (the search index saves itself)."""
        if self.memo.markup is not None:
            save_cache(self.root / CACHE_DIR, self.memo.markup)
        if self.grouping is not None and self.state is not None:
            save_grouping(self.root / CACHE_DIR, self.grouping, self.state.prepared.loaded.config.stories)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""  # load_site reports the missing file
