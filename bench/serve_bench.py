#!/usr/bin/env python3
"""Preview benchmark: edit-to-reload of ``python build.py serve`` in headless Chromium.

    python bench/serve_bench.py [--sizes 2000 10000] [--edits 9] [--keep DIR] [--json PATH]

For each size a site is made with bench/corpus.py (the BBC corpus when ../shared is there).
Then, in one run:

  cold build   ``build.py build`` with the site's .cache deleted (the reference for the start)
  serve start  from starting ``build.py serve`` to its "Serving on" line (all pages, feeds and
               files built; the search export follows in the background), cold (.cache
               deleted) and warm (.cache kept from the cold start)
  edit         an article page is open in Chromium; its Markdown file gets a new sentence; the
               time from just before the write to the first paint of the reloaded page that
               shows it (performance.timeOrigin + first-contentful-paint, on the same clock)
  stylesheet   a site-level copy of the theme's style.css gets a new rule; the time until the
               open page's computed style has it (no navigation: the stylesheet is swapped)
  during export  right after a cold start's "Serving on", while the first search export runs,
               articles are edited one after the other, timed as above; each records whether
               the export was still running when the page showed the edit

Each edit waits until the previous one is fully done (the search export included), so runs
do not overlap. Medians with min-max; the rebuild's own seconds come from serve's output.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from bench.corpus import make_corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
PAINTED = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const at = paint ? paint.startTime : performance.timing.domContentLoadedEventEnd - performance.timeOrigin;
  return performance.timeOrigin + at;
}"""
STYLE_WATCH = """(name) => {
  window.__styled = 0;
  const look = () => getComputedStyle(document.documentElement).getPropertyValue(name).trim()
    ? (window.__styled = performance.timeOrigin + performance.now()) : requestAnimationFrame(look);
  look();
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Serve:
    """``build.py serve`` in a child process, its output collected."""

    def __init__(self, site: Path, out: Path, settle: bool = True) -> None:
        self.port = free_port()
        self.lines: list[str] = []
        started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "build.py"), "serve", "--site", str(site), "--port", str(self.port),
             "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._pump, daemon=True).start()
        while not any(line.startswith("Serving on") for line in self.lines):
            if self.process.poll() is not None:
                raise SystemExit("serve failed:\n" + "".join(self.lines))
            time.sleep(0.01)
        self.start_seconds = time.perf_counter() - started
        if settle:
            self.idle()

    def _pump(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    def status(self) -> dict:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__clippings/status", timeout=30) as r:
            return json.loads(r.read())

    def idle(self, after: int = -1) -> dict:
        while True:
            status = self.status()
            if status["generation"] > after and not status["busy"]:
                return status
            time.sleep(0.02)

    def rebuild_seconds(self) -> list[float]:
        return [float(m.group(1)) for line in self.lines if (m := re.search(r"rebuilt .* in ([\d.]+) s", line))]

    def get(self, path: str) -> int:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as r:
                return r.status
        except urllib.error.HTTPError as exc:
            return exc.code

    def stop(self) -> None:
        self.process.send_signal(2)
        self.process.wait(timeout=120)


def edit_and_time(page, serve: Serve, article: Path, originals: dict, label: str) -> float:
    """Open the article, add a sentence to its file, and time until the page shows it (ms)."""
    originals.setdefault(article, article.read_text())
    page.goto(f"http://127.0.0.1:{serve.port}/articles/{article.parent.parent.name}/"
              f"{article.parent.name}/{article.stem}/")
    page.wait_for_timeout(400)  # the event stream is connected
    marker = f"Benchmark sentence {label} of run {int(time.time())} for the preview."
    written = time.time() * 1000
    article.write_text(article.read_text() + f"\n{marker}\n")
    page.wait_for_function(f"() => document.body && document.body.innerText.includes({marker!r})",
                           polling=5, timeout=60000)
    return page.evaluate(PAINTED) - written


def timed_build(site: Path, out: Path) -> float:
    shutil.rmtree(site / ".cache", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--out", str(out),
                    "--quiet"], check=True)
    return time.perf_counter() - started


def spread(values: list[float], scale: float = 1.0, fmt: str = ".0f") -> str:
    v = [x * scale for x in values]
    return f"{statistics.median(v):{fmt}} ({min(v):{fmt}}–{max(v):{fmt}})"


def measure(size: int, work: Path, edits: int) -> dict:
    from playwright.sync_api import sync_playwright

    folder = work / f"corpus-{size}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        make_corpus(size, folder)
        (folder / ".complete").touch()
    site = folder / "ours"
    theme_css = REPO / "themes" / "default" / "static" / "style.css"
    (site / "static").mkdir(exist_ok=True)
    (site / "static" / "style.css").write_text(theme_css.read_text())
    articles = sorted((site / "content" / "articles").rglob("*.md"))
    originals = {}

    cold_build = timed_build(site, work / f"built-{size}")
    shutil.rmtree(site / ".cache", ignore_errors=True)
    during, still_running = [], []
    serve = Serve(site, work / f"serve-{size}", settle=False)  # cold: no .cache
    cold_start = serve.start_seconds
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page()
            for n in range(3):  # while the first search export runs
                during.append(edit_and_time(page, serve, articles[(n * 104729 + 1) % len(articles)], originals,
                                            f"during export {n}"))
                still_running.append(serve.get("/search/manifest.json") == 404)
            browser.close()
        serve.idle()
    finally:
        serve.stop()
    serve = Serve(site, work / f"serve-{size}")  # warm: the cache the cold start left
    warm_start = serve.start_seconds
    reloads, swaps = [], []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
            page = browser.new_page()
            for n in range(edits):
                generation = serve.status()["generation"]
                reloads.append(edit_and_time(page, serve, articles[(n * 7919) % len(articles)], originals, str(n)))
                serve.idle(generation)

                probe = f"--bench-probe-{n}"
                css = site / "static" / "style.css"
                page.evaluate(STYLE_WATCH, probe)
                generation = serve.status()["generation"]
                written = time.time() * 1000
                css.write_text(css.read_text() + f"\n:root {{ {probe}: 1px; }}\n")
                page.wait_for_function("() => window.__styled > 0", polling=5, timeout=60000)
                swaps.append(page.evaluate("window.__styled") - written)
                serve.idle(generation)
            browser.close()
    finally:
        serve.stop()
        for article, text in originals.items():
            article.write_text(text)
        shutil.rmtree(site / "static", ignore_errors=True)
    rebuilds = serve.rebuild_seconds()
    return {"size": size, "cold_build_s": cold_build, "serve_cold_start_s": cold_start,
            "during_export_ms": during, "export_still_running": still_running,
            "serve_warm_start_s": warm_start, "edit_to_reload_ms": reloads, "css_swap_ms": swaps,
            "rebuild_s": rebuilds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--edits", type=int, default=9, help="edits (and stylesheet edits) per size")
    parser.add_argument("--keep", type=Path, help="work folder to keep (corpora, outputs); default: temporary")
    parser.add_argument("--json", type=Path, help="write the measurements to this JSON file")
    args = parser.parse_args()
    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="clippings-serve-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = [measure(size, work, args.edits) for size in args.sizes]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {args.edits} edits per size\n")
    print("| articles | edit → page shown, ms | edit during the first export, ms (export still running) "
          "| stylesheet edit → applied, ms | rebuild (serve's own), s | serve start cold / warm, s | cold build, s |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        running = f"{sum(r['export_still_running'])} of {len(r['export_still_running'])}"
        print(f"| {r['size']} | {spread(r['edit_to_reload_ms'])} | {spread(r['during_export_ms'])} ({running}) "
              f"| {spread(r['css_swap_ms'])} "
              f"| {spread(r['rebuild_s'], fmt='.2f')} | {r['serve_cold_start_s']:.1f} / {r['serve_warm_start_s']:.1f} "
              f"| {r['cold_build_s']:.1f} |")
    goals = {2000: 300, 10000: 600}
    for r in results:
        if r["size"] in goals:
            median = statistics.median(r["edit_to_reload_ms"])
            during = statistics.median(r["during_export_ms"])
            met = (median <= goals[r["size"]] and during <= goals[r["size"]]
                   and r["serve_cold_start_s"] <= r["cold_build_s"])
            print(f"Goal at {r['size']} (edit → shown ≤ {goals[r['size']]} ms, start within the cold build): "
                  f"{'met' if met else 'MISSED'} ({median:.0f} ms; {during:.0f} ms during the first export)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
