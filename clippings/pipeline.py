"""The build, start to finish: config -> load -> enrich -> render -> write.

Everything is gathered and validated before the first byte is written (as MkDocs does);
the output is staged and swapped in whole.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from search import start_search

from . import markup, processes
from .config import SiteConfig, load_config
from .enrich import enrich
from .errors import BuildError
from .labels import SourceVocabulary, load_vocabulary
from .markup_cache import load_cache, save_cache
from .memo import FileMemo
from .model import Content, Site
from .reader import read_content
from .render import feeds, sitemap
from .render.pages import plan_pages
from .render.theme import Theme, collect_assets, resolve_theme
from .render.urls import MEDIA, Urls, capture_path
from .render.worker import PageRenderer, ignore_interrupts, init_worker, write_in_worker
from .search_docs import content_signature, make_docs, search_cache
from .write import discard, discard_in_background, new_staging_dir, safe_join, swap_in, write_file

CACHE_DIR = ".cache"
PAGES_PER_TASK = 200  # pages a worker renders per task: small, so slow pages spread over all workers
# Below this many pages, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400


@dataclass
class BuildOptions:
    out: Path | None = None  # default: <site>/_site
    base_url: str | None = None
    drafts: bool = False
    jobs: int = 0  # 0: one per CPU
    fingerprint: bool = True  # content-hashed asset names (the preview turns this off)


@dataclass
class Loaded:
    """A validated, enriched site, ready to render (also what ``check`` stops at)."""

    config: SiteConfig
    content: Content
    site: Site
    theme: Theme
    vocabulary: SourceVocabulary
    warnings: list[str] = field(default_factory=list)


@dataclass
class BuildResult:
    out: Path
    pages: int
    files: int
    articles: int
    seconds: float
    warnings: list[str]
    phases: dict[str, float] = field(default_factory=dict)  # seconds per phase, in order


def load_site(root: Path, *, base_url: str | None = None, drafts: bool = False,
              memo: FileMemo | None = None) -> Loaded:
    """Read and validate everything; raises ContentError listing every problem."""
    config = load_config(root, base_url)
    vocabulary = load_vocabulary()
    content, warnings = read_content(config, drafts=drafts, vocabulary=vocabulary, memo=memo)
    theme = resolve_theme(config.theme, root)
    return Loaded(config, content, enrich(content, config), theme, vocabulary, warnings)


def worker_count(requested: int) -> int:
    return requested if requested > 0 else (os.cpu_count() or 1)


def _convert_batch(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    render = markup.Renderer()
    return [(key, render(text)) for key, text in items]


def chunks(items: list, size: int) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def render_markup(loaded: Loaded, jobs: int, cache: dict[str, str] | None = None) -> dict[str, str]:
    """Fill site.bodies and the other HTML fields, reusing cached conversions.

    Without ``cache`` the one in ``.cache/`` is loaded and saved; the preview passes its own,
    kept in memory. Returns the cache, holding only what this site uses."""
    site, config = loaded.site, loaded.config
    cache_dir = config.root / CACHE_DIR
    persist = cache is None
    if cache is None:
        cache = load_cache(cache_dir)
    wanted: dict[str, str] = {}  # cache key -> Markdown
    targets: list[tuple[dict[str, str], str, str]] = []  # (dict to fill, id, cache key)

    def want(into: dict[str, str], ident: str, text: str | None) -> None:
        if text and text.strip():
            key = markup.cache_key(text)
            wanted[key] = text
            targets.append((into, ident, key))

    for article in site.articles:
        want(site.bodies, article.id, article.body)
        want(site.notes, article.id, article.note)
    for key, source in site.sources.items():
        want(site.source_html, key, source.description)
    for slug, info in loaded.content.stories.items():
        want(site.story_html, slug, info.description)

    missing = [(k, t) for k, t in wanted.items() if k not in cache]
    if missing:
        converted: Iterable[list[tuple[str, str]]]
        if jobs > 1 and len(missing) > PARALLEL_THRESHOLD:
            with processes.pool(jobs, ignore_interrupts) as pool:
                converted = pool.map(_convert_batch, list(chunks(missing, 100)))
        else:
            converted = [_convert_batch(missing)]
        for batch in converted:
            cache.update(batch)
    for into, ident, key in targets:
        into[ident] = cache[key]
    used = cache if len(cache) == len(wanted) else {k: cache[k] for k in wanted}
    if persist and (missing or used is not cache):
        save_cache(cache_dir, used)
    return used


def render_pages(
    loaded: Loaded, staging: Path, jobs: int, assets, on_progress: Callable[[int], None] | None = None
) -> int:
    pages = plan_pages(loaded.site, loaded.config)
    args = (loaded.site, loaded.config, loaded.theme, assets, loaded.vocabulary, staging)
    if jobs > 1 and len(pages) > PARALLEL_THRESHOLD:
        # Articles first in small chunks, so the slow pages are spread over all workers.
        with processes.pool(jobs, init_worker, args) as pool:
            for done in pool.imap_unordered(write_in_worker, list(chunks(pages, PAGES_PER_TASK))):
                if on_progress:
                    on_progress(done)
    else:
        PageRenderer.create(*args).write(pages)
        if on_progress:
            on_progress(len(pages))
    return len(pages)


def hosting_files(config: SiteConfig, links: Urls) -> dict[str, str | bytes]:
    """robots.txt, .nojekyll (GitHub Pages: serve files as they are, no Jekyll) and CNAME."""
    files: dict[str, str | bytes] = {"robots.txt": sitemap.robots_txt(links), ".nojekyll": b""}
    if config.cname:
        files["CNAME"] = config.cname.strip() + "\n"
    return files


def published_copies(loaded: Loaded) -> dict[str, Path]:
    """Files published as they are: output path -> source file.

    Captures are offered as text downloads, never as pages of the site: a saved page.html
    becomes page.html.txt, so no browser runs what the outlet's page carried."""
    content = loaded.config.content_dir
    copies = {capture_path(p.relative_to(content).as_posix()): p for p in loaded.content.captures}
    copies.update({MEDIA + p.relative_to(content / "media").as_posix(): p for p in loaded.content.media})
    return copies


def copy_file(root: Path, relative: str, source: Path) -> None:
    target = safe_join(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def write_extras(loaded: Loaded, staging: Path, assets) -> int:
    """Feeds, sitemap, robots.txt, theme assets, captures, media and hosting files."""
    site, config = loaded.site, loaded.config
    links = Urls(config.base_url, config.base_path)
    count = 0
    for spec in feeds.feed_specs(site, config):
        write_file(staging, spec.path, feeds.atom_feed(spec, site, config, links))
        count += 1
    write_file(staging, "feed.json", feeds.json_feed(site, config, links))
    write_file(staging, "sitemap.xml", sitemap.sitemap(plan_pages(site, config), site, links))
    count += 2
    for relative, data in hosting_files(config, links).items():
        write_file(staging, relative, data)
        count += 1
    for asset in assets.values():
        write_file(staging, asset.output, asset.data)
        count += 1
    for relative, source in published_copies(loaded).items():
        copy_file(staging, relative, source)
        count += 1
    return count


def remove_stale_staging(out: Path) -> None:
    """A killed build leaves its staging folder behind (and a crash, a replaced site not yet
    deleted); the next build clears them."""
    out = out.resolve()
    for stale in out.parent.glob(f".{out.name}.building-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in out.parent.glob(f".{out.name}.old-*"):  # maybe still being deleted: let that go on
        discard_in_background(stale, out.name)


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
    loaded = load_site(root, base_url=options.base_url, drafts=options.drafts)
    jobs = worker_count(options.jobs)
    assets = collect_assets(loaded.theme, options.fingerprint)
    clock.lap("load")
    render_markup(loaded, jobs)
    clock.lap("markdown")
    # The Whoosh index and its static export, made while the pages render (in its own process
    # when there is much to index); "search" below is only the time the build waits for it.
    search = start_search(make_docs(loaded.site, loaded.config.tz), search_cache(root), loaded.config.language,
                          signature)
    remove_stale_staging(out)
    staging = new_staging_dir(out)
    try:
        pages = render_pages(loaded, staging, jobs, assets, on_progress)
        clock.lap("pages")
        extras = write_extras(loaded, staging, assets)
        clock.lap("feeds and files")
        extras += search.finish(staging).files
        clock.lap("search")
        swap_in(staging, out)
    except BaseException:
        search.cancel()
        discard(staging)
        raise
    return BuildResult(out, pages, pages + extras, len(loaded.site.articles), clock.total, loaded.warnings,
                       clock.phases)
