"""Worker processes are never forked from a process with other threads running.

A fork copies only the calling thread, with every lock as it was: one held by another thread
(the preview's server, its file watcher) would stay locked in the worker forever. The
preview's rebuilds once hung that way in CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

from clippings import processes
from tests.helpers import REPO


def _parent(_: int) -> int:
    return os.getppid()


def test_a_process_with_threads_gets_workers_from_a_forkserver(tmp_path):
    stop = threading.Event()
    busy = threading.Thread(target=stop.wait)
    busy.start()
    try:
        with processes.pool(2, time.sleep, (0,)) as pool:
            parents = set(pool.map(_parent, range(4), chunksize=1))
    finally:
        stop.set()
        busy.join()
    assert os.getpid() not in parents  # forked by the forkserver, not by this process
    assert len(parents) == 1


def test_a_single_threaded_build_forks_its_workers():
    # A fresh interpreter: the test runner's own process may have threads of its own.
    script = ("import os, threading; from clippings import processes\n"
              "from tests.test_processes import _parent\n"
              "assert threading.active_count() == 1\n"
              "with processes.pool(2, abs, (0,)) as pool: print(set(pool.map(_parent, range(4))) == {os.getpid()})")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True", result.stderr
