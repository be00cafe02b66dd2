"""Full-text search: a Whoosh index at build time, exported as a static index (issue 4).

``build_search`` runs after the pages are rendered: it brings the Whoosh index in
``<site>/.cache/search/`` up to date (only changed articles are touched) and writes the static
index that the theme's JavaScript client queries into ``<out>/search/``. ``refresh`` does the
first half for the ``search`` command when the content changed since the last build.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .corpus import invert, vocabulary
from .documents import make_docs
from .export import export_digest, export_files, load_cached, save_cached, write_files
from .index import IndexUpdate, open_index, save_json, update_index
from .scoring import collection_stats
from .tokens import TokenStore, update_tokens

if TYPE_CHECKING:
    from clippings.pipeline import Loaded

CACHE = "search"  # below the site's .cache/
VOCABULARY = "vocabulary.json"  # [word, key, df, word_df] rows: prefixes for the CLI, stems for tests
SIGNATURE = "signature.json"  # what the content looked like when the index was last updated


@dataclass
class SearchReport:
    index: IndexUpdate
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


def _update(loaded: Loaded) -> tuple[list, dict[str, str], IndexUpdate, TokenStore | None, list | None]:
    """Index (and, when articles changed, the token cache and vocabulary) in line with ``loaded``."""
    root = loaded.config.root
    cache = cache_dir(root)
    signature = content_signature(root)  # before reading: an edit during the build shows next time
    docs = make_docs(loaded.site, loaded.config.tz)
    hashes = {doc.id: doc.content_hash() for doc in docs}
    update = update_index(cache, docs, hashes)
    store = words = None
    if update.touched or not (cache / VOCABULARY).is_file():
        store = update_tokens(cache, docs, hashes)
        words = vocabulary(docs, store)
        save_json(cache / VOCABULARY, words)
    save_json(cache / SIGNATURE, signature)
    return docs, hashes, update, store, words


def refresh(loaded: Loaded) -> IndexUpdate:
    """Bring the index up to date without writing a site (``loaded`` must have its bodies)."""
    return _update(loaded)[2]


def build_search(loaded: Loaded, out: Path) -> SearchReport:
    """Update the index from the loaded site and write the static export below ``out``."""
    docs, hashes, update, store, words = _update(loaded)
    started = time.perf_counter()
    cache, language = cache_dir(loaded.config.root), loaded.config.language
    key = export_digest([(doc.id, hashes[doc.id]) for doc in docs], language)
    files = load_cached(cache, key)
    if files is None:
        store = store or update_tokens(cache, docs, hashes)
        corpus = invert(docs, store)
        words = words or vocabulary(docs, store)
        files = export_files(corpus, collection_stats(corpus), words, language)
        save_cached(cache, key, files)
    size = write_files(out, files)
    return SearchReport(update, len(files), size, update.seconds, time.perf_counter() - started)
