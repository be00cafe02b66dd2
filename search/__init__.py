"""Full-text search: a Whoosh index at build time, exported as a static index (issue 4).

The API takes plain values: ``SearchDoc``s (``search/documents.py``), the cache folder (the
site's ``.cache/search/``), the site's language, and an opaque ``signature`` of the content
(recorded with the index, so that ``is_stale`` can tell when the ``search`` command must
refresh it)::

    job = start_search(docs, cache, language, signature)  # starts at once, in its own process
    ...                                                    # when there is much to index
    report = job.finish(out)        # waits; writes the static export below out/search/
    files, report = job.files()     # or: the export's files in memory (the preview)

``start_search`` is meant to be called as soon as the bodies are rendered, so the index is
built while the pages are. Each article is analysed once (``search/tokens.py``); the Whoosh
index in ``cache`` and the export are both made from that, and only for what changed.
"""

from __future__ import annotations

import json
import multiprocessing
import signal
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
    write_files,
)
from .incremental import update_state
from .index import IndexUpdate, indexed_hashes, open_index, save_json, update_index
from .scoring import collection_stats
from .tokens import TokenStore, update_tokens, whoosh_tokens

__all__ = ["SearchDoc", "SearchJob", "SearchReport", "export_search", "is_stale", "refresh", "start_search"]

VOCABULARY = "vocabulary.json"  # [word, key, df, word_df] rows: prefixes for the CLI, stems for tests
SIGNATURE = "signature.json"  # what the content looked like when the index was last updated
# With at least this many articles new to the index, the work gets its own process.
BACKGROUND_THRESHOLD = 200


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
    started = time.perf_counter()
    ids = [d.id for d in docs]
    digest = made_from(code_digest(language), ids, [hashes[i] for i in ids])
    files, how = load_files(cache, digest), "reused"  # no article changed: the last export again
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
            files = assemble(state, docs, language)
        save(cache, state, files)
        save_json(cache / VOCABULARY, state.vocabulary)
    size = sum(len(data) for data in files.values())
    return files, SearchReport(update, how, len(files), size, update.seconds, time.perf_counter() - started, analysed,
                               digest)


class SearchJob:
    """The search index and export being brought up to date: in a process of its own when
    there is much to index (a first build), else here, when its result is asked for."""

    def __init__(self, docs: list[SearchDoc], cache: Path, language: str, signature=None,
                 background: bool | None = None) -> None:
        self._args = (docs, cache, language, signature)
        self._result: tuple[dict[str, bytes], SearchReport] | None = None
        self._process = self._receive = None
        if background is None:
            known = indexed_hashes(cache)
            background = sum(1 for doc in docs if doc.id not in known) >= BACKGROUND_THRESHOLD
        if background:
            # spawn: a clean process, given only the documents (a fork would inherit, and be
            # counted as, the whole build's memory), safe even where threads run (the preview).
            context = multiprocessing.get_context("spawn")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_in_process, args=(send, *self._args), daemon=True,
                                            name="clippings-search")
            self._process.start()
            send.close()

    def files(self) -> tuple[dict[str, bytes], SearchReport]:
        """Wait for the job; the export's files by their path below ``search/``, and what was done."""
        if self._result is None:
            self._result = self._wait() if self._process is not None else export_search(*self._args)
        return self._result

    def finish(self, out: Path) -> SearchReport:
        """Wait for the job and write the export below ``out/search/``."""
        files, report = self.files()
        write_files(out, files)
        return report

    def cancel(self) -> None:
        """Stop a job still running (the build failed); a half-made index is redone next time."""
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join()

    def _wait(self) -> tuple[dict[str, bytes], SearchReport]:
        assert self._process is not None and self._receive is not None
        try:
            outcome = self._receive.recv()
        except EOFError:
            outcome = RuntimeError(f"the search process ended unexpectedly (exit code {self._process.exitcode})")
        finally:
            self._process.join()
            self._receive.close()
        if isinstance(outcome, BaseException):
            raise outcome
        report, digest = outcome
        files = load_files(self._args[1], digest)
        if files is None:
            raise RuntimeError(f"the search process left no export in {self._args[1]}")
        return files, report


def start_search(docs: list[SearchDoc], cache: Path, language: str, signature=None,
                 background: bool | None = None) -> SearchJob:
    """Start bringing the index in ``cache`` and its export up to date with ``docs`` (oldest
    first); ``background`` forces or forbids a process of its own (default: when much is new)."""
    return SearchJob(docs, cache, language, signature, background)


def _in_process(send, docs: list[SearchDoc], cache: Path, language: str, signature) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        _, report = export_search(docs, cache, language, signature)
        send.send((report, report.digest))
    except BaseException as exc:  # reported by the parent, as if raised there
        send.send(exc)
    finally:
        send.close()
