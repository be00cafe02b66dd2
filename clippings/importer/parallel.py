"""A folder of inputs on every core: worker processes draft them (decode and extract, the costly
part, which reads nothing of the site), and this process settles each draft in input order
(duplicates, outlet, paths, writes), so the outcome is the same as one process's, line for line.
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from itertools import islice

from .. import processes
from .importer import Draft, Importer
from .inputs import RawInput

AHEAD = 4  # drafts asked for per worker before the first is settled: enough to keep each busy
MIN_DRAFTS = 3  # fewer inputs than this to draft are not worth starting workers for

_importer: Importer | None = None  # the worker's own, inherited from (or pickled by) the parent


def _start(importer: Importer) -> None:
    global _importer
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to act on
    _importer = importer


def _draft(raw: RawInput) -> Draft:
    assert _importer is not None
    return _importer.draft(raw)


def _getter(future: Future, importer: Importer, raw: RawInput) -> Callable[[], Draft]:
    def get() -> Draft:
        try:
            return future.result()
        except BrokenProcessPool:  # a worker died (killed, out of memory): draft it here instead
            return importer.draft(raw)
    return get


def drafted(importer: Importer, inputs: Iterable[RawInput], jobs: int,
            ) -> Iterator[tuple[RawInput, Callable[[], Draft] | None]]:
    """Each input, in order, with what gives its draft (None: ``run`` drafts it itself if it needs one)."""
    stream = iter(inputs)
    ahead = list(islice(stream, max(MIN_DRAFTS, AHEAD * jobs)))
    if jobs < 2 or sum(importer.wants_draft(raw) for raw in ahead) < MIN_DRAFTS:
        yield from ((raw, None) for raw in [*ahead, *stream])
        return
    pending: deque[tuple[RawInput, Callable[[], Draft] | None]] = deque()
    with processes.executor(jobs, _start, (importer,)) as pool:

        def ask(raw: RawInput) -> None:
            getter = None
            if importer.wants_draft(raw):
                with suppress(BrokenProcessPool):  # then run drafts it here
                    getter = _getter(pool.submit(_draft, raw), importer, raw)
            pending.append((raw, getter))

        try:
            for raw in ahead:
                ask(raw)
            while pending:
                following = next(stream, None)
                if following is not None:
                    ask(following)
                yield pending.popleft()
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
