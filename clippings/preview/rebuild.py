"""Rebuilds for the preview: re-render only what a change affects.

The first build renders every page and records, for each, its context and its reads
(``render/deps.py``). A rebuild loads the site again (the reader's memo re-parses only changed
files), asks ``changes.py`` which keys the edit touched, and re-renders the pages whose
context differs or that read a touched key. Feeds, the sitemap, theme files, captures, media
and the search export are regenerated when their own inputs differ. New files go into a
pending folder and are moved into the live folder in one step. A change of ``site.toml`` or of
the theme's layout (``theme.toml``) rebuilds everything. The result is file for file what a
clean build of the same content gives (the tests check it).
"""

from __future__ import annotations

import gc
import shutil
import tempfile
import time
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from search import export_search
from search.export import FOLDER as SEARCH_FOLDER

from .. import processes
from ..config import CONFIG_NAME
from ..markup_cache import save_cache
from ..memo import FileMemo
from ..pipeline import (
    CACHE_DIR,
    PAGES_PER_TASK,
    PARALLEL_THRESHOLD,
    BuildOptions,
    Loaded,
    Stopwatch,
    chunks,
    copy_file,
    hosting_files,
    load_site,
    published_copies,
    render_markup,
    worker_count,
)
from ..render import feeds, sitemap
from ..render.deps import Key, SiteView, same
from ..render.pages import Page, page_context, plan_pages
from ..render.templates import TrackingEnvironment, theme_environment
from ..render.theme import Asset, collect_assets, template_digests
from ..render.urls import Urls, output_file
from ..render.worker import PageRenderer, init_worker, write_recorded_in_worker
from ..search_docs import content_signature, make_docs, search_cache
from ..write import write_file
from .changes import asset_changes, entry_changes, site_changes, template_changes
from .live import LiveFolder


@dataclass
class Outcome:
    """What one rebuild changed, for the terminal and the browsers."""

    written: list[str]  # files below the output folder
    removed: list[str]
    pages: int  # pages rendered
    seconds: float
    full: bool
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def css_only(self) -> bool:
        """Only stylesheets changed: browsers can swap them without reloading the page."""
        return bool(self.written) and not self.removed and all(p.endswith(".css") for p in self.written)


@dataclass
class State:
    """What the last successful build made, and what each of its outputs was made from."""

    config_text: str
    loaded: Loaded
    env: TrackingEnvironment
    templates: dict[str, str]  # template name -> digest
    assets: dict[str, Asset]
    contexts: dict[str, dict]  # page path -> what its template was given
    built_from: dict[str, frozenset[Key]]  # page path -> the site entries its context came from
    reads: dict[str, frozenset[Key]]  # page path -> keys it read
    readers: dict[Key, set[str]]  # key -> paths of the pages that read it
    builders: dict[Key, set[str]]  # site entry -> paths of the pages whose context used it
    feed_inputs: dict[str, tuple]
    sitemap_inputs: Hashable
    copies: dict[str, tuple]  # output file -> (source file, size, mtime) for captures and media
    search: dict[str, bytes]  # the static search export, by path below search/
    search_stale: bool  # the articles changed since the export was made
    fresh: dict[str, frozenset[Key]]  # reads of the pages this build rendered
    fresh_contexts: dict[str, frozenset[Key]]  # entries of the contexts this build made
    outputs: set[str] = field(default_factory=set)  # every file in the output folder


# Changes of these kinds of keys alter pages but not what is searched.
_NOT_SEARCHED = {"template", "asset"}


class Rebuilder:
    def __init__(self, root: Path, live: LiveFolder, options: BuildOptions) -> None:
        self.root = root
        self.live = live
        self.options = options
        self.jobs = worker_count(options.jobs)
        self.state: State | None = None
        self.memo = FileMemo()
        self.markup: dict[str, str] | None = None
        self.clock = Stopwatch()

    # --- the one public step ----------------------------------------------------------------

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
            old, self.memo, self.markup = None, FileMemo(), None  # settings change what every file means
        self.memo.expect(changed if old is not None else None)
        loaded = load_site(self.root, base_url=self.options.base_url, drafts=self.options.drafts, memo=self.memo)
        self.clock.lap("load")
        if old is not None and loaded.theme != old.loaded.theme:
            old = None
        self.markup = render_markup(loaded, self.jobs, self.markup)
        self.clock.lap("markdown")
        templates = template_digests(loaded.theme)
        assets = collect_assets(loaded.theme, fingerprint=self.options.fingerprint)
        touched: set[Key] = set()
        if old is not None:
            touched = (site_changes(old.loaded.site, loaded.site) | template_changes(old.templates, templates)
                       | asset_changes(old.assets, assets))
        if old is not None and old.templates == templates:
            env = old.env  # compiled templates stay valid; only the site they show is new
        else:
            env = theme_environment(loaded.theme, loaded.config, loaded.vocabulary)
        env.bind(loaded.site, assets)

        pending = self._pending()
        try:
            new, written, rendered = self._make(config_text, loaded, env, templates, assets, old, touched, pending)
            removed = sorted(old.outputs - new.outputs) if old is not None else []
            if old is None:
                pending.chmod(0o755)
                self.live.replace_all(pending)
            else:
                self.live.apply(pending, written, removed)
            self.clock.lap("write")
        finally:
            shutil.rmtree(pending, ignore_errors=True)
        # Only now, with the build in place, may the last state's index be taken over.
        new.readers = _index(old.readers if old else None, old.reads if old else {}, new.reads, new.fresh)
        new.builders = _index(old.builders if old else None, old.built_from if old else {}, new.built_from,
                              new.fresh_contexts)
        self.state = new
        return Outcome(written, removed, rendered, self.clock.total, old is None, self.clock.phases)

    @property
    def search_stale(self) -> bool:
        return self.state is not None and self.state.search_stale

    def update_search(self) -> Outcome:
        """Bring the static search export up to date with the last rebuild.

        Kept apart from ``rebuild`` because it takes longer than the pages (seconds on a large
        archive): the preview reloads browsers first, then runs this when no edit is waiting."""
        started = time.perf_counter()
        state = self.state
        assert state is not None
        loaded, root = state.loaded, state.loaded.config.root
        files, _ = export_search(make_docs(loaded.site, loaded.config.tz), search_cache(root), loaded.config.language,
                                 content_signature(root))
        written = [f"{SEARCH_FOLDER}/{name}" for name, data in files.items() if state.search.get(name) != data]
        removed = sorted(f"{SEARCH_FOLDER}/{name}" for name in state.search.keys() - files.keys())
        pending = self._pending()
        try:
            for name in written:
                write_file(pending, name, files[name[len(SEARCH_FOLDER) + 1:]])
            self.live.apply(pending, written, removed)
        finally:
            shutil.rmtree(pending, ignore_errors=True)
        state.search, state.search_stale = files, False
        return Outcome(written, removed, 0, time.perf_counter() - started, False)

    def _pending(self) -> Path:
        """A folder beside the live one (so its files can be moved in by rename)."""
        return Path(tempfile.mkdtemp(prefix=f".{self.live.path.name}.pending-", dir=self.live.path.parent))

    def collect_garbage(self) -> None:
        """Between edits: let the collector see, and free, the cycles that rebuilds left behind
        while it was kept away from the site's objects (see ``rebuild``)."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def save_caches(self) -> None:
        """Keep the rendered Markdown for the next start (the search index saves itself)."""
        if self.markup is not None:
            save_cache(self.root / CACHE_DIR, self.markup)

    # --- the parts ----------------------------------------------------------------------------

    def _make(self, config_text: str, loaded: Loaded, env: TrackingEnvironment, templates: dict[str, str],
              assets: dict[str, Asset], old: State | None, touched: set[Key], pending: Path
              ) -> tuple[State, list[str], int]:
        site, config = loaded.site, loaded.config
        written: list[str] = []

        def put(relative: str, data: str | bytes) -> None:
            write_file(pending, relative, data)
            written.append(relative)

        # Pages
        plan = plan_pages(site, config)
        contexts, built_from, made = _contexts(plan, site, config, old)
        if old is None:
            stale = plan
        else:
            affected = set().union(*(old.readers.get(k, ()) for k in touched))
            stale = [p for p in plan if p.path in affected or p.path not in old.contexts
                     or (p.path in made and not same(old.contexts[p.path], contexts[p.path]))]
        renderer = PageRenderer(site, config, env, pending)
        self.clock.lap("compare")
        fresh = self._render(renderer, stale, (site, config, loaded.theme, assets, loaded.vocabulary, pending))
        self.clock.lap("pages")
        written += [output_file(path) for path in fresh]
        reads = {p.path: fresh.get(p.path) or old.reads[p.path] for p in plan} if old else dict(fresh)

        # Feeds and the sitemap, each when what it is made of changed
        links = Urls(config.base_url, config.base_path)
        specs = feeds.feed_specs(site, config)
        entries: dict[str, tuple] = {}  # an article is in several feeds: look it up once
        feed_inputs = {spec.path: feeds.feed_inputs(spec, site, entries) for spec in specs}
        for spec in specs:
            if old is None or old.feed_inputs.get(spec.path) != feed_inputs[spec.path]:
                put(spec.path, feeds.atom_feed(spec, site, config, links))
                if spec.path == "feed.xml":  # the JSON Feed mirrors the site's Atom feed
                    put("feed.json", feeds.json_feed(site, config, links))
        sitemap_inputs = (tuple(p.path for p in plan),
                          tuple((a.id, a.date, a.updated) for a in site.articles))
        if old is None or old.sitemap_inputs != sitemap_inputs:
            put("sitemap.xml", sitemap.sitemap(plan, site, links))
        self.clock.lap("feeds")
        fixed = hosting_files(config, links)  # they depend on site.toml only: a full build's
        if old is None:
            for relative, data in fixed.items():
                put(relative, data)

        # Theme files, captures and media
        for asset in assets.values():
            previous = old.assets.get(asset.logical) if old else None
            if previous is None or previous.output != asset.output or previous.data != asset.data:
                put(asset.output, asset.data)
        copies = {relative: _stamped(source) for relative, source in published_copies(loaded).items()}
        for relative, stamped in copies.items():
            if old is None or old.copies.get(relative) != stamped:
                copy_file(pending, relative, stamped[0])
                written.append(relative)

        self.clock.lap("files")
        # The search export follows in update_search(), also after a full build: it takes longer
        # than the pages (a first Whoosh index of ten thousand articles: a minute), and the
        # preview can serve pages meanwhile.
        search_files = old.search if old is not None else {}

        outputs = {output_file(p.path) for p in plan} | set(feed_inputs) | {"feed.json", "sitemap.xml", *fixed}
        outputs |= {a.output for a in assets.values()} | set(copies)
        stale_search = old is None or old.search_stale or any(k[0] not in _NOT_SEARCHED for k in touched)
        state = State(config_text, loaded, env, templates, assets, contexts, built_from, reads, {}, {}, feed_inputs,
                      sitemap_inputs, copies, search_files, stale_search, fresh, made, outputs)
        return state, written, len(fresh)

    def _render(self, renderer: PageRenderer, pages: list[Page], worker_args: tuple) -> dict[str, frozenset[Key]]:
        """Render pages into the pending folder; return what each read."""
        if self.jobs > 1 and len(pages) > PARALLEL_THRESHOLD:
            tasks = list(chunks(pages, PAGES_PER_TASK))
            with processes.pool(self.jobs, init_worker, worker_args) as pool:
                return {path: keys for chunk in pool.imap_unordered(write_recorded_in_worker, tasks)
                        for path, keys in chunk}
        return dict(renderer.write_recorded(pages))


def _contexts(plan: list[Page], site, config, old: State | None
              ) -> tuple[dict[str, dict], dict[str, frozenset[Key]], dict[str, frozenset[Key]]]:
    """Every page's context: built again where an entry it was built from changed (or the
    page is new), else the last one kept. Returns the contexts, the entries each came from,
    and those of the contexts built now."""
    again: set[str] | None = None  # None: all
    if old is not None:
        changed = entry_changes(old.loaded.site, site)
        again = set().union(*(old.builders.get(k, ()) for k in changed))
    contexts, built_from, made = {}, {}, {}
    for page in plan:
        path = page.path
        if again is not None and path not in again and path in old.contexts:  # type: ignore[union-attr]
            contexts[path], built_from[path] = old.contexts[path], old.built_from[path]  # type: ignore[union-attr]
            continue
        entries: set[Key] = set()
        contexts[path] = page_context(page, SiteView(site, entries), config)  # type: ignore[arg-type]
        built_from[path] = made[path] = frozenset(entries)
    return contexts, built_from, made


def _index(last: dict[Key, set[str]] | None, last_keys: dict[str, frozenset[Key]],
           keys: dict[str, frozenset[Key]], fresh: dict[str, frozenset[Key]]) -> dict[Key, set[str]]:
    """Key -> the pages that have it, taken over from the ``last`` index for the pages whose
    keys are ``fresh`` (or gone)."""
    if last is None:
        index: dict[Key, set[str]] = {}
        changed: Iterable[str] = keys
    else:
        index = last
        changed = set(fresh) | (last_keys.keys() - keys.keys())
        for path in changed:
            for key in last_keys.get(path, ()):
                holders = index.get(key)
                if holders is not None:
                    holders.discard(path)
                    if not holders:
                        del index[key]
    for path in changed:
        for key in keys.get(path, ()):
            index.setdefault(key, set()).add(path)
    return index


def _stamped(source: Path) -> tuple[Path, int, int]:
    """A file to copy, with what says whether it changed since (size, modification time)."""
    stat = source.stat()
    return source, stat.st_size, stat.st_mtime_ns


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""  # load_site reports the missing file
