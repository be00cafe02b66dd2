"""Loading a site: read and validate it, enrich it, and convert its Markdown.

A first build's slow parts here are independent of each other: the automatic stories'
features (each article's words, ``enrich/grouping/text.py``) and the Markdown. ``load_for_build``
makes both in worker processes: the features first, then the Markdown while this process
scores pairs, clusters and enriches the rest. ``load_site`` is the same in one process, for
the preview, ``check`` and the commands that load a site to read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import markup, processes
from .config import SiteConfig, load_config
from .enrich import GroupingCache, enrich
from .enrich.grouping.text import analyse_keys
from .enrich.stories import grouping_runs, items, load_grouping
from .front_matter_cache import FrontMatterCache
from .labels import SourceVocabulary, load_vocabulary
from .markup_cache import load_cache, save_cache
from .memo import FileMemo
from .model import Content, Site
from .reader import read_content
from .render.outputs import ignore_interrupts
from .theme import Theme, resolve_theme

CACHE_DIR = ".cache"
# Below this many texts to convert or articles to analyse, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 400
BATCH = 100  # texts or articles a worker is given at a time


@dataclass
class Loaded:
    """A validated, enriched site, ready to plan (also what ``check`` starts from)."""

    config: SiteConfig
    content: Content
    site: Site
    theme: Theme
    vocabulary: SourceVocabulary
    warnings: list[str] = field(default_factory=list)
    grouping: GroupingCache | None = None  # the automatic stories' cache, when the caller keeps one
    front_matter: FrontMatterCache | None = None  # front matter as parsed, for the next build


def load_site(root: Path, *, base_url: str | None = None, drafts: bool = False, memo: FileMemo | None = None,
              grouping: GroupingCache | None = None, read_grouping: bool = False) -> Loaded:
    """Read and validate everything; raises ContentError listing every problem. The preview
    passes its memo of files read and its cache of the automatic stories' features;
    ``read_grouping`` starts, without one, from the cache the last build left in ``.cache/``."""
    config = load_config(root, base_url)
    vocabulary = load_vocabulary()
    content, warnings = read_content(config, drafts=drafts, vocabulary=vocabulary, memo=memo)
    theme = resolve_theme(config.theme, root)
    if grouping is None and read_grouping and config.stories.automatic:
        grouping = load_grouping(root / CACHE_DIR, config.stories)
    return Loaded(config, content, enrich(content, config, grouping), theme, vocabulary, warnings, grouping)


def load_for_build(root: Path, jobs: int, *, base_url: str | None = None, drafts: bool = False
                   ) -> tuple[Loaded, dict[str, str], bool]:
    """``load_site`` (from the grouping cache in ``.cache/``) and ``render_markup``, with what
    is new to both made by ``jobs`` worker processes when there is much of it. The Markdown
    cache is returned, not saved: True when it differs from the one in ``.cache/``."""
    config = load_config(root, base_url)
    vocabulary = load_vocabulary()
    front_matter = FrontMatterCache.load(root / CACHE_DIR)
    content, warnings = read_content(config, drafts=drafts, vocabulary=vocabulary, front_matter=front_matter)
    theme = resolve_theme(config.theme, root)
    grouping = load_grouping(root / CACHE_DIR, config.stories) if config.stories.automatic else None
    cache = load_cache(root / CACHE_DIR)
    texts = {markup.cache_key(text): text for text in _content_texts(content) if text and text.strip()}
    to_convert = [(k, t) for k, t in texts.items() if k not in cache]
    grouped = grouping is not None and grouping_runs(content.articles, config.stories)
    to_analyse = grouping.unanalysed(items(content.articles)) if grouped else []
    if jobs > 1 and len(to_convert) + len(to_analyse) > PARALLEL_THRESHOLD:
        with processes.pool(jobs, ignore_interrupts) as pool:
            features = pool.map_async(analyse_keys, list(chunks(to_analyse, BATCH)))
            converted = pool.map_async(_convert_batch, list(chunks(to_convert, BATCH)))
            if grouped:
                grouping.add_features(to_analyse, (f for batch in features.get() for f in batch))
            site = enrich(content, config, grouping)  # while the workers convert the Markdown
            for batch in converted.get():
                cache.update(batch)
    else:
        site = enrich(content, config, grouping)
        cache.update(_convert_batch(to_convert))
    loaded = Loaded(config, content, site, theme, vocabulary, warnings, grouping, front_matter)
    used = _site_markup(loaded, cache)
    return loaded, used, bool(to_convert) or used is not cache


def _content_texts(content: Content) -> Iterable[str]:
    """The Markdown ``markdown_texts`` will ask for, from the content as read (a story's
    description may belong to no story shown: converted for nothing, never missing)."""
    for article in content.articles:
        yield from (article.body, article.note)
    yield from (source.description for source in content.sources.values())
    yield from (story.description for story in content.stories.values())


def markdown_texts(loaded: Loaded) -> list[str]:
    """Every Markdown text the site shows: bodies, notes, source and story descriptions."""
    site = loaded.site
    texts = [t for a in site.articles for t in (a.body, a.note)]
    texts += [s.description for s in site.sources.values()]
    texts += [s.description for s in site.stories.values()]
    return [t for t in texts if t and t.strip()]


def chunks(items: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _convert_batch(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    render = markup.Renderer()
    return [(key, render(text)) for key, text in items]


def render_markup(loaded: Loaded, jobs: int, cache: dict[str, str] | None = None) -> dict[str, str]:
    """Markdown cache key -> sanitized HTML for every text of the site, reusing cached conversions.

    Without ``cache`` the one in ``.cache/`` is loaded and saved; the preview passes its own,
    kept in memory. Returns the cache, holding only what this site uses."""
    persist = cache is None
    if cache is None:
        cache = load_cache(loaded.config.root / CACHE_DIR)
    missing = [(k, t) for t in markdown_texts(loaded) if (k := markup.cache_key(t)) not in cache]
    missing = list(dict(missing).items())  # a text repeated is converted once
    if jobs > 1 and len(missing) > PARALLEL_THRESHOLD:
        with processes.pool(jobs, ignore_interrupts) as pool:
            for batch in pool.map(_convert_batch, list(chunks(missing, BATCH))):
                cache.update(batch)
    else:
        cache.update(_convert_batch(missing))
    used = _site_markup(loaded, cache)
    if persist and (missing or used is not cache):
        save_cache(loaded.config.root / CACHE_DIR, used)
    return used


def _site_markup(loaded: Loaded, cache: dict[str, str]) -> dict[str, str]:
    """The cache cut down to what the site uses (the cache itself when that is all of it)."""
    wanted = {markup.cache_key(text) for text in markdown_texts(loaded)}
    return cache if len(cache) == len(wanted) else {k: cache[k] for k in wanted}
