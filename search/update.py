"""Bringing the index and the export up to date, in the calling process (``job.py`` runs the
same in processes of their own).
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import time
from dataclasses import dataclass
from pathlib import Path

from .corpus import invert, vocabulary
from .documents import SearchDoc
from .export import (
    assemble,
    code_digest,
    full_state,
    load_files,
    load_state,
    made_from,
    save,
    state_digest,
)
from .incremental import update_state
from .index import IndexUpdate, open_index, save_json, update_index
from .scoring import collection_stats
from .tokens import TokenStore, update_tokens, whoosh_tokens

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
    analysis_seconds: float = 0.0
    digest: str = ""  # of what the export was made from (names its copy in the cache)


def give_back_memory() -> None:
    """Return the C heap's free pages to the system, after much was freed: glibc keeps them
    otherwise, and a search process would stay as large as it ever was (17 MB after the HTML
    of 10,000 articles, 35 after the export's postings). Only where glibc is the C library."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def content_hashes(docs: list[SearchDoc]) -> dict[str, str]:
    return {doc.id: doc.content_hash() for doc in docs}


def is_stale(cache: Path, signature) -> bool:
    """True when the index is missing, of another version, or made from other content than
    ``signature`` says there is now."""
    ix = open_index(cache)
    if ix is None:
        return True
    ix.close()
    try:
        recorded = json.loads((cache / SIGNATURE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return True
    return recorded != signature


def _prepare(docs: list[SearchDoc], cache: Path, signature) -> tuple[dict[str, str], TokenStore, dict, IndexUpdate,
                                                                    float]:
    """Analyse what changed, and bring the Whoosh index in line with it."""
    started = time.perf_counter()
    hashes = content_hashes(docs)
    store, replaced = update_tokens(cache, docs, hashes)
    analysed = time.perf_counter() - started
    update = update_index(cache, docs, hashes, whoosh_tokens(store))
    if signature is not None:
        save_json(cache / SIGNATURE, signature)
    return hashes, store, replaced, update, analysed


def refresh(docs: list[SearchDoc], cache: Path, signature=None) -> IndexUpdate:
    """Bring the Whoosh index (and the CLI's vocabulary) up to date, without an export."""
    _, store, _, update, _ = _prepare(docs, cache, signature)
    if update.touched or not (cache / VOCABULARY).is_file():
        save_json(cache / VOCABULARY, vocabulary(docs, store))
    return update


def export_search(docs: list[SearchDoc], cache: Path, language: str, signature=None
                  ) -> tuple[dict[str, bytes], SearchReport]:
    """Update the index; return the static export's files (paths below ``search/``) without
    writing them (the preview writes only those that changed). Runs in this process."""
    hashes, store, replaced, update, analysed = _prepare(docs, cache, signature)
    files, how, seconds, digest = make_export(docs, cache, language, hashes, store, replaced)
    return files, SearchReport(update, how, len(files), sum(map(len, files.values())), update.seconds, seconds,
                               analysed, digest)


def make_export(docs: list[SearchDoc], cache: Path, language: str, hashes: dict[str, str], store: TokenStore,
                replaced: dict) -> tuple[dict[str, bytes], str, float, str]:
    """The export's files, from the analysed articles: the last ones again if no article
    changed, else updated for the few that did, else made afresh. Saved in ``cache``."""
    started = time.perf_counter()
    ids = [d.id for d in docs]
    digest = made_from(code_digest(language), ids, [hashes[i] for i in ids])
    files, how = load_files(cache, digest), "reused"
    if files is None:
        state = load_state(cache)
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
            # The inverted postings take more memory than the state made of them (160 against
            # 55 MB at 10,000 articles): freed before the files are made, not after.
            del corpus, stats
            give_back_memory()
            files = assemble(state, docs, language)
        save(cache, state, files)
        save_json(cache / VOCABULARY, state.vocabulary)
    return files, how, time.perf_counter() - started, digest
