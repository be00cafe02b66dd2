"""Full-text search: a Whoosh index at build time, exported as a static index (issue 4).

``build_search`` runs after the pages are rendered: it brings the Whoosh index in
``<site>/.cache/search/`` up to date (only changed articles are touched) and writes the static
index that the theme's JavaScript client queries into ``<out>/search/``. ``refresh`` does the
first half for the ``search`` command when the content changed since the last build.
"""

from __future__ import annotations

import json
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

from clippings import processes

from .corpus import invert, vocabulary
from .documents import SearchDoc
from .export import assemble, code_digest, full_state, load_files, load_state, save, state_digest, write_files
from .incremental import update_state
from .index import IndexUpdate, indexed_hashes, open_index, save_json, update_index
from .scoring import collection_stats
from .tokens import update_tokens

CACHE = "search"  # below the site's .cache/
VOCABULARY = "vocabulary.json"  # [word, key, df, word_df] rows: prefixes for the CLI, stems for tests
SIGNATURE = "signature.json"  # what the content looked like when the index was last updated


@dataclass
class SearchReport:
    index: IndexUpdate
    export: str  # "reused" (no article changed), "updated" (incrementally) or "rebuilt"
    files: int
    bytes: int
    index_seconds: float
    export_seconds: float


def cache_dir(site_root: Path) -> Path:
    return site_root / ".cache" / CACHE


def content_signature(site_root: Path) -> list[int]:
    """Number and latest modification time of the files an index depends on (cheap to check)."""
    paths = [site_root / "site.toml", *sorted((site_root / "content").rglob("*.md"))]
    stamps = [p.stat().st_mtime_ns for p in paths if p.is_file()]
    return [len(stamps), max(stamps, default=0)]


def is_stale(site_root: Path) -> bool:
    """True when the index is missing, of another version, or older than the content."""
    ix = open_index(cache_dir(site_root))
    if ix is None:
        return True
    ix.close()
    try:
        recorded = json.loads((cache_dir(site_root) / SIGNATURE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return recorded != content_signature(site_root)


def _prepare(docs: list[SearchDoc], root: Path) -> tuple[dict[str, str], IndexUpdate]:
    """The documents' hashes, and the Whoosh index brought in line with them."""
    cache = cache_dir(root)
    signature = content_signature(root)  # (read by the caller before the content: an edit shows next time)
    hashes = {doc.id: doc.content_hash() for doc in docs}
    analysing = _analyse_meanwhile(cache, docs, hashes)
    update = update_index(cache, docs, hashes)
    if analysing is not None:
        analysing.join()
    save_json(cache / SIGNATURE, signature)
    return hashes, update


def _analyse_meanwhile(cache: Path, docs: list[SearchDoc], hashes: dict[str, str]):
    """When many articles are new to the index (a first build), fill the token cache in a second
    process while Whoosh indexes: both analyse every article, and there are cores to spare."""
    known = indexed_hashes(cache)
    if (os.cpu_count() or 1) < 2 or sum(1 for i, h in hashes.items() if known.get(i) != h) < 500:
        return None
    worker = processes.process(_analyse, (cache, docs, hashes))
    worker.start()
    return worker


def _analyse(cache: Path, docs: list[SearchDoc], hashes: dict[str, str]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    update_tokens(cache, docs, hashes)


def refresh(docs: list[SearchDoc], root: Path) -> IndexUpdate:
    """Bring the index of the site in ``root`` up to date without writing a site."""
    hashes, update = _prepare(docs, root)
    cache = cache_dir(root)
    if update.touched or not (cache / VOCABULARY).is_file():
        store, _ = update_tokens(cache, docs, hashes)
        save_json(cache / VOCABULARY, vocabulary(docs, store))
    return update


def build_search(docs: list[SearchDoc], root: Path, language: str, out: Path) -> SearchReport:
    """Update the index of the site in ``root`` and write the static export below ``out``."""
    files, report = export_search(docs, root, language)
    write_files(out, files)
    return report


def export_search(docs: list[SearchDoc], root: Path, language: str) -> tuple[dict[str, bytes], SearchReport]:
    """Update the index of the site in ``root`` from ``docs`` (oldest first); return the static
    export's files (paths below ``search/``) without writing them (the preview writes only those
    that changed)."""
    hashes, update = _prepare(docs, root)
    started = time.perf_counter()
    cache = cache_dir(root)
    state = load_state(cache)
    files, how = None, "reused"
    if state is not None and [state.code, state.ids, state.hashes] == \
            [code_digest(language), [d.id for d in docs], [hashes[d.id] for d in docs]]:
        files = load_files(cache, state_digest(state))  # no article changed: the last export again
    if files is None:
        store, replaced = update_tokens(cache, docs, hashes)
        previous = load_files(cache, state_digest(state)) if state is not None else None
        updated = update_state(state, docs, hashes, store, replaced, language)
        if updated is not None:
            how, (state, *touched) = "updated", updated
            files = assemble(state, docs, language, previous, (touched[0], touched[1]))
        else:
            how = "rebuilt"
            corpus = invert(docs, store)
            stats = collection_stats(corpus.lengths, [doc.group for doc in docs])
            state = full_state(corpus, stats, vocabulary(docs, store), hashes, language)
            files = assemble(state, docs, language)
        save(cache, state, files)
        save_json(cache / VOCABULARY, state.vocabulary)
    size = sum(len(data) for data in files.values())
    return files, SearchReport(update, how, len(files), size, update.seconds, time.perf_counter() - started)
