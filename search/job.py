"""A search update running beside the build: the Whoosh index and the export in two processes.

A first build has everything to index. Its job starts two spawned processes as soon as the
bodies are rendered, so they work while the pages render and use both cores after: one
analyses the articles (``tokens.bin``), hands over to the other, and writes the Whoosh index;
the other makes the static export from the analysed articles. Spawned, not forked: each is
given only the documents (a fork would inherit, and be counted as, the whole build's memory),
and spawning is safe where threads run (the preview). With little to index, the job runs in
the caller's process when its result is asked for.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .documents import SearchDoc, release_html
from .export import load_files, write_files
from .index import indexed_hashes, save_json, update_index
from .tokens import load_tokens, update_tokens, whoosh_tokens
from .update import SIGNATURE, SearchReport, content_hashes, export_search, give_back_memory, make_export

BACKGROUND_THRESHOLD = 200  # articles new to the index from which the job gets its processes


class SearchJob:
    """The search index and export being brought up to date (see the module's doc)."""

    def __init__(self, docs: list[SearchDoc], cache: Path, language: str, signature=None,
                 background: bool | None = None) -> None:
        self._args = (docs, cache, language, signature)
        self._result: tuple[dict[str, bytes], SearchReport] | None = None
        self._processes: list = []
        self._results: list = []
        if background is None:
            known = indexed_hashes(cache)
            background = sum(1 for doc in docs if doc.id not in known) >= BACKGROUND_THRESHOLD
        if background:
            with _signals_deferred():
                self._start(docs, cache, language, signature)

    def _start(self, docs: list[SearchDoc], cache: Path, language: str, signature) -> None:
        context = multiprocessing.get_context("spawn")
        tokens_out, tokens_in = context.Pipe(duplex=False)
        for target, args in ((_index, (tokens_in, docs, cache, signature)),
                             (_export, (tokens_out, docs, cache, language))):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_run, args=(target, send, *args), daemon=True,
                                      name=f"clippings-search-{target.__name__.strip('_')}")
            process.start()
            send.close()
            self._processes.append(process)
            self._results.append(receive)
        tokens_out.close()
        tokens_in.close()

    @property
    def processes(self) -> int:
        """Processes of its own the job runs in (0: it runs in the caller's, when asked)."""
        return len(self._processes)

    def ready(self) -> bool:
        """True once ``files`` would not wait (always for a job run in the caller's process)."""
        return self._result is not None or all(
            receive.poll() or not process.is_alive() for process, receive in zip(self._processes, self._results,
                                                                                    strict=True))

    def files(self) -> tuple[dict[str, bytes], SearchReport]:
        """Wait for the job; the export's files by their path below ``search/``, and what was done."""
        if self._result is None:
            self._result = self._wait() if self._processes else export_search(*self._args)
        return self._result

    def finish(self, out: Path) -> SearchReport:
        """Wait for the job and write the export below ``out/search/``."""
        files, report = self.files()
        write_files(out, files)
        return report

    def cancel(self) -> None:
        """Stop a job still running (the build failed); a half-made index is redone next time."""
        for process in self._processes:
            if process.is_alive():
                process.terminate()
            process.join()

    def _wait(self) -> tuple[dict[str, bytes], SearchReport]:
        outcomes = []
        for process, receive in zip(self._processes, self._results, strict=True):
            try:
                outcomes.append(receive.recv())
            except EOFError:
                outcomes.append(RuntimeError(f"the search process {process.name} ended unexpectedly "
                                             f"(exit code {process.exitcode})"))
            process.join()
            receive.close()
        for outcome in outcomes:
            if isinstance(outcome, BaseException):
                raise outcome
        (update, analysed), (how, seconds, digest) = outcomes
        files = load_files(self._args[1], digest)
        if files is None:
            raise RuntimeError(f"the search process left no export in {self._args[1]}")
        size = sum(map(len, files.values()))
        return files, SearchReport(update, how, len(files), size, update.seconds, seconds, analysed, digest)


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM until the processes are started, then act on them: interrupted
    between spawning a process and sending it its work, a child dies with a traceback."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers run in the main thread only: nothing can interrupt this one
        return
    caught: list[int] = []
    handlers = {number: signal.signal(number, lambda signum, frame: caught.append(signum))
                for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
        for number in caught:
            handler = handlers[number]
            if callable(handler):
                handler(number, None)
            elif handler == signal.SIG_DFL:
                signal.raise_signal(number)


def _run(target, send, *args) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        try:
            outcome = target(*args)
        except BaseException as exc:  # re-raised by the parent, as if raised there
            outcome = exc
        send.send(outcome)
    except OSError:
        pass  # the parent stopped listening (the preview was closed): nobody wants the result
    finally:
        send.close()


def _index(tokens, docs: list[SearchDoc], cache: Path, signature):
    """Analyse the articles, hand over to the export, then bring the Whoosh index in line."""
    started = time.perf_counter()
    try:
        hashes = content_hashes(docs)
        store, replaced = update_tokens(cache, docs, hashes)
    except BaseException as exc:
        tokens.send(exc)
        raise
    tokens.send(replaced)
    tokens.close()
    analysed = time.perf_counter() - started
    release_html(docs, ("body",))  # the index needs the analysed articles' text only
    give_back_memory()
    update = update_index(cache, docs, hashes, whoosh_tokens(store))
    if signature is not None:
        save_json(cache / SIGNATURE, signature)
    return update, analysed


def _export(tokens, docs: list[SearchDoc], cache: Path, language: str):
    """Once the articles are analysed: the export, from the saved token streams."""
    # While the other process analyses: what the export needs of the HTML, then the HTML goes.
    hashes = content_hashes(docs)
    for doc in docs:
        doc.lead  # noqa: B018 (a cached property: made now)
    release_html(docs, ("lead",))
    give_back_memory()
    replaced = tokens.recv()
    if isinstance(replaced, BaseException):
        raise RuntimeError("the search index process failed") from replaced
    _, how, seconds, digest = make_export(docs, cache, language, hashes, load_tokens(cache), replaced)
    return how, seconds, digest


def start_search(docs: list[SearchDoc], cache: Path, language: str, signature=None,
                 background: bool | None = None) -> SearchJob:
    """Start bringing the index in ``cache`` and its export up to date with ``docs`` (oldest
    first); ``background`` forces or forbids processes of its own (default: when much is new)."""
    return SearchJob(docs, cache, language, signature, background)
