"""Worker processes, started in the way that is safe for the process asking for them.

A forked worker inherits the loaded site for free, which is why a build forks. But a fork
copies only the thread that calls it, with every lock as it was at that moment: if another
thread (the preview's server or file watcher) held one, the worker waits for it forever. A
process with more than one thread therefore gets its workers from a forkserver (a clean,
single-threaded process started once), and their arguments are pickled to them.
"""

from __future__ import annotations

import concurrent.futures
import gc
import multiprocessing
import multiprocessing.pool
import os
import pickle
import signal
import threading
from collections.abc import Callable, Sequence
from multiprocessing import forkserver
from pathlib import Path

# Imported once in the forkserver, so that each worker forked from it starts warm.
PRELOAD = ["clippings.pipeline", "clippings.render.outputs", "search"]
ROOT = Path(__file__).resolve().parents[1]  # holds the clippings and search packages


def forks() -> bool:
    """Whether workers started now are forked (and so inherit this process's objects as they are)."""
    return threading.active_count() == 1


def _context() -> multiprocessing.context.BaseContext:
    if forks():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if start_forkserver() else "spawn")


def start_forkserver() -> bool:
    """Start the forkserver, with the engine imported, unless it runs already; False when it
    cannot (its socket lives in TMPDIR, and a long TMPDIR makes the path too long for a Unix
    socket: workers are then spawned, slower to start but the same). The preview calls this
    early, so its first large rebuild does not wait for it."""
    multiprocessing.set_forkserver_preload(PRELOAD)
    # Python 3.11's forkserver ignores the parent's sys.path, so where the engine is not
    # installed its preload would fail quietly and every worker would import it afresh.
    saved = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), saved) if p)
    try:
        forkserver.ensure_running()
    except OSError:  # "AF_UNIX path too long"
        return False
    finally:
        if saved is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = saved
    return True


def pool(jobs: int, initializer: Callable[..., None], initargs: Sequence = ()) -> multiprocessing.pool.Pool:
    context = _context()
    if context.get_start_method() == "fork":
        return context.Pool(jobs, initializer, tuple(initargs))
    # Pickled once here, rather than once per worker (the site of a large archive is tens of MB).
    return context.Pool(jobs, _unpickle_and_call, (initializer, pickle.dumps(tuple(initargs), protocol=5)))


def executor(jobs: int, initializer: Callable[..., None], initargs: Sequence = ()
             ) -> concurrent.futures.ProcessPoolExecutor:
    """Like ``pool``, but a worker that dies breaks the executor (every result raises) rather than
    leaving its task unanswered for ever."""
    context = _context()
    if context.get_start_method() == "fork":
        return concurrent.futures.ProcessPoolExecutor(jobs, context, initializer, tuple(initargs))
    return concurrent.futures.ProcessPoolExecutor(
        jobs, context, _unpickle_and_call, (initializer, pickle.dumps(tuple(initargs), protocol=5)))


def process(target: Callable[..., None], args: Sequence) -> multiprocessing.Process:
    return _context().Process(target=target, args=tuple(args))


def forked(target: Callable[..., None], args: Sequence) -> multiprocessing.Process | None:
    """``target(*args)`` in a forked process, which shares this one's memory as it is (nothing is
    pickled) and works on a core of its own; where a fork is unsafe, it runs here (None)."""
    if threading.active_count() > 1:
        target(*args)
        return None
    child = multiprocessing.get_context("fork").Process(target=_in_child, args=(target, tuple(args)))
    child.start()
    return child


def _in_child(target: Callable[..., None], args: Sequence) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: a started write is finished
    gc.disable()  # a collection would touch, and so copy, every object shared with the parent
    target(*args)


def _unpickle_and_call(initializer: Callable[..., None], data: bytes) -> None:
    initializer(*pickle.loads(data))
