"""``clippings serve``: build, serve on 127.0.0.1, rebuild what an edit affects, reload browsers."""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
import webbrowser
from pathlib import Path

from .. import processes
from ..config import load_config
from ..console import phase_summary
from ..errors import BuildError, ContentError
from ..pipeline import BuildOptions, check_output_folder, remove_stale_staging
from ..preview.events import Events
from ..preview.live import LiveFolder
from ..preview.rebuild import Outcome, Rebuilder
from ..preview.server import PreviewServer
from ..preview.watch import Watcher
from ..theme import resolve_theme

DEFAULT_PORT = 8000
PORTS_TO_TRY = 20  # without --port, the next free one of 8000-8019
PATHS_SENT = 200  # beyond this many changed pages, browsers are told "everything"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="folder with site.toml and content/ (default: current folder)")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default: 127.0.0.1, this computer only)")
    parser.add_argument("--port", type=int, metavar="N",
                        help=f"port (default: {DEFAULT_PORT}, or the next free one)")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    parser.add_argument("--open", action="store_true", help="open the site in a web browser")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="keep the preview's output in DIR (default: a temporary folder, removed on exit)")
    parser.add_argument("--jobs", type=int, default=0, metavar="N",
                        help="processes working at once (default: one per CPU)")


def run(args: argparse.Namespace) -> int:
    root = args.site
    try:
        base_path = load_config(root).base_path
    except ContentError:
        base_path = "/"  # site.toml is broken: serve the error until it is fixed
    temporary = args.out is None
    out = Path(tempfile.mkdtemp(prefix="clippings-serve-")) if temporary else args.out.resolve()
    events = Events()
    try:
        if not temporary:
            check_output_folder(out, root)
            remove_stale_staging(out)
        live = LiveFolder(out / "site" if temporary else out)
        server = _bind(args.host, args.port, live, base_path, events)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if temporary:
            shutil.rmtree(out, ignore_errors=True)
        return 1
    # Ctrl-C stops the preview even where a shell started it with SIGINT ignored (a background
    # job), and a plain `kill` stops it as cleanly.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    processes.start_forkserver()  # the rebuilds' workers come from it once threads run (processes.py)
    rebuilder = Rebuilder(root, live, BuildOptions(out=live.path, drafts=args.drafts, jobs=args.jobs,
                                                   fingerprint=False))
    watcher = Watcher(root, _theme_folders(root))
    serving = threading.Thread(target=server.serve_forever, name="preview-server")
    try:
        watcher.start()
        print(f"Building {root.resolve()} …", flush=True)
        events.busy = True  # until the loop below has started the first search export
        _rebuild(rebuilder, events, base_path)
        serving.start()
        print(f"Serving on {server.url} (Ctrl-C to stop)", flush=True)
        if args.open:
            webbrowser.open(server.url)
        _follow_edits(rebuilder, watcher, events, base_path)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        watcher.stop()
        rebuilder.close()
        if serving.is_alive():
            server.close()
        else:
            server.server_close()
        rebuilder.save_caches()
        if temporary:
            shutil.rmtree(out, ignore_errors=True)
    print("Stopped.")
    return 0


def _follow_edits(rebuilder: Rebuilder, watcher: Watcher, events: Events, base_path: str) -> None:
    """Rebuild after each burst of changes. The search export is made in a process of its own
    between them: an edit is rebuilt at once, even while an export runs (its files are put in
    place when it ends, and another starts for what changed meanwhile). Runs until interrupted."""
    search_failed = False
    garbage = False
    while True:
        if rebuilder.search_stale and not rebuilder.search_running and not search_failed and not watcher.pending():
            rebuilder.start_search()
        working = rebuilder.search_running
        events.busy = working or watcher.pending() or (rebuilder.search_stale and not search_failed)
        changed = watcher.wait(timeout=0.05 if working or garbage else None)
        if changed:
            events.busy = True
            _rebuild(rebuilder, events, base_path, changed)
            watcher.refresh()
            search_failed, garbage = False, True
        elif working:
            search_failed = not _finish_search(rebuilder)
        elif garbage:
            rebuilder.collect_garbage()
            garbage = False


def _interrupt(signum, frame) -> None:
    if os.getpid() != _MAIN_PID:  # a forked worker inherited this: die as the signal says
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    raise KeyboardInterrupt


_MAIN_PID = os.getpid()


def _bind(host: str, port: int | None, live: LiveFolder, base_path: str, events: Events) -> PreviewServer:
    ports = [port] if port is not None else range(DEFAULT_PORT, DEFAULT_PORT + PORTS_TO_TRY)
    for candidate in ports:
        try:
            server = PreviewServer((host, candidate), live, base_path, events)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                continue
            raise BuildError(f"cannot listen on {host}:{candidate}: {exc.strerror}") from None
        if port is None and candidate != DEFAULT_PORT:
            print(f"Port {DEFAULT_PORT} is in use; using {candidate} instead.", flush=True)
        return server
    if port is not None:
        raise BuildError(f"port {port} on {host} is in use (another preview?); choose another with --port")
    raise BuildError(f"ports {DEFAULT_PORT}-{DEFAULT_PORT + PORTS_TO_TRY - 1} on {host} are all in use; "
                     "choose one with --port")


def _theme_folders(root: Path) -> list[Path]:
    """The theme's folders outside the site (the bundled theme), which the watcher adds."""
    try:
        theme = resolve_theme(load_config(root).theme, root)
    except (ContentError, BuildError):
        return []
    inside = root.resolve()
    folders = {d.resolve() for d in (*theme.template_dirs, *theme.static_dirs)}
    return sorted(d for d in folders if inside not in d.parents)


def _rebuild(rebuilder: Rebuilder, events: Events, base_path: str, changed: set[str] | None = None) -> None:
    try:
        outcome = rebuilder.rebuild(changed)
    except (ContentError, BuildError) as exc:
        message = "\n".join(str(p) for p in exc.problems) if isinstance(exc, ContentError) else str(exc)
        for line in message.splitlines():
            print(f"error: {line}", file=sys.stderr, flush=True)
        events.publish("failed", message=message)
        return
    except Exception as exc:  # a bug of ours: keep serving, show it, let a later save retry
        traceback.print_exc()
        events.publish("failed", message=f"internal error: {type(exc).__name__}: {exc}")
        return
    _announce(outcome, events, base_path)


def _announce(outcome: Outcome, events: Events, base_path: str) -> None:
    changed = outcome.written + outcome.removed
    if not changed:
        if events.snapshot()[2] is not None:  # fixed back to what was built: nothing to rebuild, but all is well
            events.publish("reload", paths=None)
        return
    if outcome.full:
        print(f"{time.strftime('%H:%M:%S')} built {outcome.pages} pages, {len(changed)} files "
              f"in {outcome.seconds:.2f} s ({phase_summary(outcome.phases)})", flush=True)
    else:
        print(f"{time.strftime('%H:%M:%S')} rebuilt {outcome.pages} pages, {len(changed)} files "
              f"in {outcome.seconds:.2f} s", flush=True)
    urls = [base_path + _page_path(p) for p in changed]
    if outcome.css_only:
        events.publish("css", paths=urls)
    else:
        events.publish("reload", paths=urls if len(urls) <= PATHS_SENT and not outcome.full else None)


def _finish_search(rebuilder: Rebuilder) -> bool:
    """Put a finished search export in place; False when it failed (the next edit retries)."""
    try:
        outcome = rebuilder.finish_search()
    except Exception as exc:  # the pages are fine; say so, and let the next edit retry
        print(f"error: search index: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return False
    if outcome is not None and (outcome.written or outcome.removed):
        print(f"{time.strftime('%H:%M:%S')} search index updated ({len(outcome.written)} files) "
              f"in {outcome.seconds:.2f} s", flush=True)
    return True


def _page_path(relative: str) -> str:
    """``tags/nato/index.html`` -> ``tags/nato/`` (the URL a browser shows)."""
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative

