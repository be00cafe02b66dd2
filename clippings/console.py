"""Terminal output: problems one per line on stderr; a progress bar only on a terminal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from .errors import BuildError, ContentError


def report_failure(exc: Exception) -> int:
    """Print a ContentError or BuildError as plain ``path:line: message`` lines; exit code 1."""
    if isinstance(exc, ContentError):
        for problem in exc.problems:
            print(f"error: {problem}", file=sys.stderr)
        noun = "problem" if len(exc.problems) == 1 else "problems"
        print(f"{len(exc.problems)} {noun} found.", file=sys.stderr)
        return 1
    if isinstance(exc, BuildError):
        print(f"error: {exc}", file=sys.stderr)
        return 1
    raise exc


def phase_summary(phases: dict[str, float]) -> str:
    """``load 2.39, markdown 3.92, pages 6.42``: where a build's seconds went."""
    return ", ".join(f"{name} {seconds:.2f}" for name, seconds in phases.items())


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


@contextlib.contextmanager
def progress(label: str, quiet: bool = False) -> Iterator[Callable[[int], None] | None]:
    """Yield a callback advancing a bar (total unknown until the first call), or None off a TTY."""
    if quiet or not sys.stderr.isatty():
        yield None
        return
    # Redrawn on each advance, not by rich's refresh thread: the build forks its workers, and a
    # fork must not happen while another thread holds the console's lock (see processes.py).
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  transient=True, auto_refresh=False) as bar:
        task = bar.add_task(label, total=None)

        def advance(n: int) -> None:
            bar.advance(task, n)
            bar.refresh()

        yield advance
