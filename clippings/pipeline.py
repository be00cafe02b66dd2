"""The build, start to finish: config -> load -> enrich -> plan -> render -> write.

Everything is gathered and validated before the first byte is written (as MkDocs does); the
output is staged and swapped in whole. A warm build renders only the outputs whose digest
changed since the last build into that folder, and links the others from it (``plan/stale.py``).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import queue
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from search import start_search
from search.export import put_back, write_files

from . import processes
from .build_record import BuildRecord, reuse_unchanged
from .config import StoriesConfig
from .enrich import GroupingCache
from .enrich.stories import save_grouping
from .errors import BuildError
from .front_matter_cache import FrontMatterCache
from .loading import CACHE_DIR, Loaded, chunks, load_for_build, load_site, render_markup
from .markup_cache import load_cache, save_cache
from .output_size import size_warnings
from .plan import Entry, Output, Plan, Ref, make_plan
from .plan.entries import EntryMemo, evidence_of, resolve_entries, story_texts
from .plan.evidence_store import load_evidence, save_evidence
from .plan.files import search_output
from .plan.stale import DigestMemo, digest, engine_digest, entry_digests, output_digests, template_digests
from .render.outputs import Renderer, adopt_renderer, ignore_interrupts, init_worker, write_in_worker
from .render.templates import make_environment
from .search_docs import content_signature, search_cache, search_documents
from .theme import Asset, collect_assets, template_files
from .urls import Urls
from .write import discard, discard_in_background, new_staging_dir, swap_in

OUTPUTS_PER_TASK = 200  # outputs a worker renders per task: small, so slow pages spread over all workers
# Below this many outputs, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400
STORIES_THRESHOLD = 50  # stories whose evidence is worth finding in worker processes


@dataclass
class BuildOptions:
    out: Path | None = None  # default: <site>/_site
    base_url: str | None = None
    drafts: bool = False
    jobs: int = 0  # 0: one per CPU
    fingerprint: bool = True  # content-hashed asset names (the preview turns this off)


@dataclass
class BuildResult:
    out: Path
    pages: int
    files: int
    articles: int
    seconds: float
    warnings: list[str]
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase, in order
    rendered: int = 0  # outputs rendered (the rest were reused from the last build)
    bytes: int = 0  # size of the output


def worker_count(requested: int) -> int:
    return requested if requested > 0 else (os.cpu_count() or 1)


@dataclass
class Memo:
    """What the preview keeps from one rebuild to the next, so that the unchanged part of a large
    site costs comparisons rather than work (a build starts with an empty one)."""

    markup: dict[str, str] | None = None  # Markdown cache key -> HTML
    entries: EntryMemo = field(default_factory=EntryMemo)
    digests: DigestMemo = field(default_factory=DigestMemo)
    last_entries: tuple[dict[Ref, Entry], dict[Ref, str]] | None = None  # entries and their digests
    templates: tuple[dict[str, str], dict[str, str]] | None = None  # template files -> their digests
    env: tuple[tuple, jinja2.Environment] | None = None  # what the environment was made for, and it


@dataclass
class Prepared:
    """A loaded site's plan, with each output's digest and the environment to render it."""

    loaded: Loaded
    assets: dict[str, Asset]
    plan: Plan
    env: jinja2.Environment
    digests: dict[str, str]  # output path -> digest

    @property
    def files(self) -> list[Output]:
        """Every output but the search export (which is made apart: it is the slow one)."""
        return [o for o in self.plan.outputs if o.render != "search"]

    @property
    def search(self) -> Output:
        return next(o for o in self.plan.outputs if o.render == "search")


def prepare(loaded: Loaded, jobs: int, fingerprint: bool = True, memo: Memo | None = None,
            digests: bool = True) -> Prepared:
    """Markdown, the plan and every output's digest (see plan/stale.py); with ``digests``
    False, the digests are left for ``add_digests``."""
    memo = memo or Memo()
    config = loaded.config
    assets = collect_assets(loaded.theme, fingerprint)
    memo.markup = render_markup(loaded, jobs, memo.markup)
    plan = make_plan(loaded.site, loaded.content, config, loaded.vocabulary, assets, memo.markup, memo.entries)
    files = template_files(loaded.theme)
    published = tuple(sorted((name, a.output) for name, a in assets.items()))
    made_for = (loaded.theme, files, config, published)
    if memo.env is None or memo.env[0] != made_for:
        memo.env = (made_for, make_environment(loaded.theme, config, loaded.vocabulary, assets))
    env = memo.env[1]
    if memo.templates is None or memo.templates[0] != files:
        memo.templates = (files, template_digests(env, files))
    prepared = Prepared(loaded, assets, plan, env, {})
    if digests:
        add_digests(prepared, memo)
    return prepared


def add_digests(prepared: Prepared, memo: Memo) -> None:
    """Every output's digest, into ``prepared.digests``."""
    loaded, plan = prepared.loaded, prepared.plan
    published = tuple(sorted((name, a.output) for name, a in prepared.assets.items()))
    common = digest(engine_digest(), repr(loaded.config), repr(loaded.vocabulary), repr(published))
    entries, changed = entry_digests(plan.entries, memo.last_entries)
    memo.last_entries = (plan.entries, entries)
    prepared.digests.update(output_digests(plan.outputs, common, memo.templates[1], entries, changed, memo.digests))


def find_evidence(loaded: Loaded, memo: EntryMemo, jobs: int) -> None:
    """The evidence of every story whose evidence is not known (a first build: all of them),
    found by worker processes when there are many, into ``memo`` for the plan to take."""
    unfound = memo.unfound(story_texts(loaded.site).values())
    if jobs > 1 and len(unfound) > STORIES_THRESHOLD:
        with processes.pool(jobs, ignore_interrupts) as pool:
            found = pool.map(evidence_of, unfound.values(), chunksize=20)
        memo.evidence.update(zip(unfound, found, strict=True))


def render_outputs(outputs: list[Output], prepared: Prepared, out: Path | None, jobs: int,
                   on_progress: Callable[[int], None] | None = None,
                   meanwhile: Callable[[], None] | None = None) -> list[tuple[str, int]]:
    """Render outputs into ``out`` (None: render and discard, as ``check`` does), in ``jobs``
    processes when there are many: this one and ``jobs - 1`` workers; returns each file's path
    and size. ``meanwhile`` runs here first, while the workers start rendering."""
    loaded = prepared.loaded
    links = Urls(loaded.config.base_url, loaded.config.base_path)
    renderer = Renderer(loaded.config, prepared.env, prepared.plan.entries, links)
    if jobs > 1 and len(outputs) > PARALLEL_THRESHOLD:
        if processes.forks():  # the workers inherit this renderer, its templates compiled once here
            renderer.load_templates(outputs)
            initializer, args = adopt_renderer, (out, outputs, renderer)
        else:
            initializer = init_worker
            args = (out, outputs, loaded.config, loaded.theme, loaded.vocabulary, prepared.assets,
                    prepared.plan.entries)
        with processes.pool(jobs - 1, initializer, args) as pool:
            return _render_with(pool, jobs - 1, renderer, outputs, out, on_progress, meanwhile)
    if meanwhile:
        meanwhile()
    written = renderer.write(outputs, out)
    if on_progress:
        on_progress(len(outputs))
    return written


def _render_with(pool: multiprocessing.pool.Pool, workers: int, renderer: Renderer, outputs: list[Output],
                 out: Path | None, on_progress: Callable[[int], None] | None,
                 meanwhile: Callable[[], None] | None) -> list[tuple[str, int]]:
    """Chunks of outputs rendered by the pool's workers and by this process, which would
    otherwise only wait: one worker fewer is one fewer copy of every page of the plan that
    rendering touches (a forked worker's private memory is ~115 MB at 10,000 articles). The
    workers are kept two chunks ahead, so they never wait for this process. They take chunks
    from the start of the plan, the articles, and this process from its end, the listings:
    an article page touches few entries besides its own, a listing many, and what a worker
    touches it copies. A worker's task is a range of the outputs it inherited (nothing else
    is pickled); it returns each file's size."""
    # Small chunks, so slow pages spread over all processes.
    todo = deque(chunks(range(len(outputs)), OUTPUTS_PER_TASK))
    finished: queue.SimpleQueue = queue.SimpleQueue()  # a worker's (range, sizes), or its exception
    written: list[tuple[str, int]] = []
    in_flight = 0

    def done(files: list[tuple[str, int]]) -> None:
        written.extend(files)
        if on_progress:
            on_progress(len(files))

    def take(result: tuple[range, list[int]] | BaseException) -> None:
        nonlocal in_flight
        in_flight -= 1
        if isinstance(result, BaseException):
            raise result
        task, sizes = result
        done(list(zip((outputs[i].path for i in task), sizes, strict=True)))

    while todo or in_flight:
        while todo and in_flight < 2 * workers:
            pool.apply_async(write_in_worker, (todo.popleft(),), callback=finished.put, error_callback=finished.put)
            in_flight += 1
        if meanwhile:
            meanwhile, run = None, meanwhile
            run()
        elif todo:  # from the end: see above
            task = todo.pop()
            done(renderer.write(outputs[task.start:task.stop], out))
        else:
            take(finished.get())  # the last chunks: wait for the workers
        while not finished.empty():
            take(finished.get())
    return written


def check_output_folder(out: Path, root: Path) -> None:
    """The output folder is replaced whole: make sure that can never take the user's files with it."""
    root = root.resolve()
    if out == root or out in root.parents:
        raise BuildError(f"--out {out} would replace the site folder itself; choose a folder such as {root / '_site'}")
    for precious in (root / "content", root / "themes", root / "templates", root / "static"):
        if out == precious or precious in out.parents:
            raise BuildError(f"--out {out} is inside {precious.name}/, which the build reads; choose another folder")
    if out.is_dir() and any(out.iterdir()) and not (out / ".nojekyll").exists():
        raise BuildError(f"--out {out} exists and is not a site Clippings built (no .nojekyll in it); "
                         "empty it or choose another folder")


def remove_stale_staging(out: Path) -> None:
    """A killed build leaves its staging folder behind (and a crash, a replaced site not yet
    deleted); the next build clears them."""
    import shutil

    out = out.resolve()
    for stale_dir in out.parent.glob(f".{out.name}.building-*"):
        shutil.rmtree(stale_dir, ignore_errors=True)
    for old in out.parent.glob(f".{out.name}.old-*"):  # maybe still being deleted: let that go on
        discard_in_background(old, out.name)


class Stopwatch:
    """Seconds spent in each phase of a build, for the summary line and the benchmarks."""

    def __init__(self) -> None:
        self.phases: dict[str, float] = {}
        self._last = self.started = time.perf_counter()

    def lap(self, phase: str) -> None:
        now = time.perf_counter()
        self.phases[phase] = self.phases.get(phase, 0.0) + now - self._last
        self._last = now

    @property
    def total(self) -> float:
        return time.perf_counter() - self.started


def build(root: Path, options: BuildOptions, on_progress: Callable[[int], None] | None = None) -> BuildResult:
    clock = Stopwatch()
    out = (options.out or root / "_site").resolve()
    check_output_folder(out, root)
    signature = content_signature(root)  # before reading: an edit during the build shows next time
    jobs = worker_count(options.jobs)
    loaded, html, new_markup = load_for_build(root, jobs, base_url=options.base_url, drafts=options.drafts)
    clock.lap("load")  # with the Markdown, converted while the site is enriched
    saving: list[multiprocessing.Process] = []
    try:
        result = _build(root, options, loaded, (html, new_markup), clock, signature, out, jobs, on_progress, saving)
    finally:
        waited = time.perf_counter()
        for process in saving:
            process.join()
        waited = time.perf_counter() - waited
    if waited > 0.05:  # the save outlasted the rest of the build: show what it cost
        result.phases["cache"] = waited
        result.seconds = clock.total
    return result


def start_saving_caches(loaded: Loaded, markup: dict[str, str] | None, evidence: dict | None
                        ) -> multiprocessing.Process | None:
    """Save, for the next build, the caches this one changed (the Markdown, the automatic
    stories' features and pairs, the stories' evidence, the front matter: 0.5 s at 10,000 articles), in a
    forked process while the pages render."""
    grouping = loaded.grouping if loaded.grouping is not None and loaded.grouping.unsaved else None
    front_matter = loaded.front_matter if loaded.front_matter is not None and loaded.front_matter.unsaved else None
    if markup is None and grouping is None and evidence is None and front_matter is None:
        return None
    return processes.forked(_save_caches, (loaded.config.root / CACHE_DIR, markup, grouping, evidence,
                                           loaded.config.stories, front_matter))


def _save_caches(cache_dir: Path, markup: dict[str, str] | None, grouping: GroupingCache | None,
                 evidence: dict | None, stories: StoriesConfig, front_matter: FrontMatterCache | None) -> None:
    try:
        if front_matter is not None:
            front_matter.save(cache_dir)
        if markup is not None:
            save_cache(cache_dir, markup)
        if grouping is not None:
            save_grouping(cache_dir, grouping, stories)
        if evidence is not None:
            save_evidence(cache_dir, evidence)
    except OSError as exc:  # only costs the next build time: say so, and go on
        raise SystemExit(f"warning: {cache_dir}: a cache for the next build was not saved ({exc})") from None


def _build(root: Path, options: BuildOptions, loaded: Loaded, markup: tuple[dict[str, str], bool], clock: Stopwatch,
           signature, out: Path, jobs: int, on_progress: Callable[[int], None] | None,
           saving: list[multiprocessing.Process]) -> BuildResult:
    html, new_markup = markup
    memo = Memo(markup=html, entries=EntryMemo(load_evidence(root / CACHE_DIR)))
    known = set(memo.entries.evidence)  # a copy: evidence found while planning is added to the memo's
    record = BuildRecord.load(root / CACHE_DIR, out)
    # The Whoosh index and its static export are made while the site is planned and rendered (in
    # processes of their own when there is much to index): they start from the articles'
    # entries. "search" below is only the time the build waits for them.
    articles = resolve_entries(loaded.site, loaded.config, html, memo.entries, stories=False)
    docs = search_documents(articles[r] for r in search_output(loaded.site).spec)
    search = start_search(docs, search_cache(root), loaded.config.language, signature)
    staging = None
    try:
        find_evidence(loaded, memo.entries, jobs)
        # A first build reuses nothing, so it needs the digests only for the record it leaves:
        # they are worked out while the pages render (reuse_unchanged below is then given none).
        prepared = prepare(loaded, jobs, options.fingerprint, memo, digests=bool(record.outputs))
        # Evidence found anew is used and was not known; evidence of stories gone was known and
        # unused. Only this build's stories' evidence is kept.
        evidence = memo.entries.evidence_used if memo.entries.evidence_used.keys() != known else None
        saving += filter(None, [start_saving_caches(loaded, html if new_markup else None, evidence)])
        files = prepared.files
        clock.lap("plan")
        remove_stale_staging(out)
        staging = new_staging_dir(out)
        reused = reuse_unchanged(files, prepared.digests, record, out, staging)
        todo = [o for o in files if o.path not in reused]
        # The search processes are busy meanwhile: they count against the jobs, and a render
        # worker fewer is ~140 MB less at 10,000 articles (what a forked worker copies of the
        # plan). With two cores, the pages render in this process alone, as fast: the index
        # process is the longest job of a first build, and it gets the second core.
        written = render_outputs(todo, prepared, staging, max(1, jobs - search.processes), on_progress,
                                 meanwhile=None if prepared.digests else lambda: add_digests(prepared, memo))
        clock.lap("render")
        export, report = search.files()
        moved = write_files(staging, export, previous=out)
        clock.lap("search")
        try:
            swap_in(staging, out)
        except BaseException:
            put_back(moved)  # before staging, holding them, is discarded
            raise
    except BaseException:
        search.cancel()
        if staging is not None:
            discard(staging)
        raise
    sizes = {**reused, **dict(written)}
    digests = prepared.digests
    BuildRecord({o.path: (digests[o.path], sizes[o.path]) for o in files}).save(root / CACHE_DIR, out)
    pages = sum(1 for o in files if o.render == "page")
    size = sum(sizes.values()) + report.bytes
    warnings = [*loaded.warnings, *size_warnings(out, size, len(files) + report.files,
                                                      loaded.config.size_limit_mb)]
    return BuildResult(out, pages, len(files) + report.files, len(loaded.site.articles), clock.total,
                       warnings, clock.phases, len(todo), size)


def check(root: Path, drafts: bool = False, jobs: int = 0) -> Loaded:
    """The build without writing: the same validation, the same plan and templates; every page
    and feed is rendered (and thrown away), so a template error shows here as in ``build``."""
    loaded = load_site(root, drafts=drafts)
    jobs = worker_count(jobs)
    # given caches, nothing is saved: check writes nothing
    memo = Memo(markup=load_cache(root / CACHE_DIR), entries=EntryMemo(load_evidence(root / CACHE_DIR)))
    prepared = prepare(loaded, jobs, memo=memo)
    render_outputs([o for o in prepared.files if o.render != "copy"], prepared, None, jobs)
    return loaded
