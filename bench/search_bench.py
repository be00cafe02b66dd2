#!/usr/bin/env python3
"""Search benchmark: Clippings' static index next to Pagefind, on the same built sites.

    python bench/search_bench.py [--sizes 2000 10000] [--pairs 12] [--keep DIR] [--json PATH]

For each size, a corpus (bench/corpus.py) is built with Clippings; Pagefind (``pagefind[bin]``
from PyPI, in the benchmark's own venv DIR/.bench-venv, never a project dependency) indexes the
same article pages (``--glob articles/*/*/*/index.html --root-selector main``) and gets a page
with its default UI (10 results per page, as ours). A local server gzips like GitHub Pages and
counts the bytes it sends; headless Chromium (Debian's) then, per engine:

* types ``--pairs`` pairs of queries into a fresh browser, a key every 50-60 ms: bytes and requests
  of the first query (the page's own HTML and stylesheet aside, so the client counts) and of the
  second, different one; time from the last keystroke to the results on screen;
* runs the known-item queries (made from the 2,000-article corpus: the rarest 3-4 words of a
  headline, or of the first sentence) through each engine's JavaScript API: success@1, MRR@10.
  An identical copy of the target (the corpus has a few: same headline and text, another date)
  counts as the target, since no query can tell them apart; the target alone is reported too.

Also: export size and file count, the time to build the index from nothing (Whoosh index +
export; Pagefind's run), and to update it after one article changed. Runs are sequential.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import search_bench_browser as browsing  # noqa: E402
from bench.corpus import make_corpus  # noqa: E402
from bench.search_bench_queries import make_queries  # noqa: E402
from bench.search_bench_serve import PagesServer  # noqa: E402


def pagefind_command(work: Path) -> list[str]:
    venv = work / ".bench-venv"
    python = venv / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    if subprocess.run([str(python), "-m", "pagefind", "--version"], capture_output=True).returncode:
        subprocess.run([str(python), "-m", "pip", "install", "-q", "pagefind[bin]"], check=True)
    return [str(python), "-m", "pagefind"]


def folder_size(folder: Path) -> dict[str, float]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    raw = sum(p.stat().st_size for p in files)
    # What a GitHub Pages visitor would download for all of it (Pagefind's files are gzipped inside).
    packed = sum(len(gzip.compress(p.read_bytes(), 6)) if p.suffix in (".json", ".js", ".css") else p.stat().st_size
                 for p in files)
    return {"files": len(files), "mb": raw / 1e6, "mb_gzip": packed / 1e6}


def time_our_index(site: Path) -> dict[str, float]:
    """Whoosh index + export from nothing, then after one article changed."""
    from clippings.pipeline import load_site, render_markup
    from clippings.search_docs import search_cache, site_documents
    from search import start_search

    runs = iter(range(100))

    def run(scratch: Path):
        loaded = load_site(site)
        docs = site_documents(loaded, render_markup(loaded, 2))
        out = scratch / str(next(runs))  # a new folder, as a build's staging folder is
        started = time.perf_counter()
        report = start_search(docs, search_cache(site), loaded.config.language).finish(out)
        return report, time.perf_counter() - started

    scratch = site.parent / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(search_cache(site), ignore_errors=True)
    cold, cold_seconds = run(scratch)
    article = sorted((site / "content/articles").rglob("*.md"))[len(cold.index.added) // 2]
    original = article.read_text(encoding="utf-8")
    article.write_text(original + "\nA sentence added for the benchmark's one-article update.\n", encoding="utf-8")
    try:
        warm, warm_seconds = run(scratch)
    finally:
        article.write_text(original, encoding="utf-8")
    run(scratch)  # back in line with the unchanged article
    shutil.rmtree(scratch, ignore_errors=True)
    assert warm.index.touched == 1, warm.index
    return {"build_s": cold_seconds, "build_index_s": cold.index_seconds, "build_export_s": cold.export_seconds,
            "update_s": warm_seconds, "update_index_s": warm.index_seconds, "update_export_s": warm.export_seconds}


def bench_size(n: int, work: Path, pagefind: list[str], queries, pairs: int) -> dict:
    root = work / f"corpus-{n}"
    site = root / "ours"
    if not (site / "site.toml").exists():
        make_corpus(n, root)
    result: dict = {"size": n, "ours": {}, "pagefind": {}}
    print(f"[{n}] indexing with Whoosh", flush=True)
    result["ours"].update(time_our_index(site))
    out = root / "site"
    print(f"[{n}] building the site", flush=True)
    subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--site", str(site), "--out", str(out),
                    "--quiet"], check=True)
    print(f"[{n}] indexing with Pagefind", flush=True)
    shutil.rmtree(out / "pagefind", ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([*pagefind, "--site", str(out), "--glob", "articles/*/*/*/index.html", "--root-selector", "main",
                    "--silent"], check=True)
    seconds = time.perf_counter() - started
    # Pagefind has no incremental mode: a one-article change means indexing everything again.
    result["pagefind"].update(build_s=seconds, update_s=seconds)
    (out / "pagefind-search").mkdir(exist_ok=True)
    (out / "pagefind-search/index.html").write_text(browsing.PAGEFIND_PAGE, encoding="utf-8")
    result["ours"].update(folder_size(out / "search"))
    result["pagefind"].update(folder_size(out / "pagefind"))

    from playwright.sync_api import sync_playwright

    texts = [q.text for q in queries if q.kind == "headline"]
    pairs_list = [(texts[2 * i], texts[2 * i + 1]) for i in range(pairs)]
    with PagesServer(out) as server, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browsing.CHROMIUM, args=browsing.ARGS, headless=True)
        for key, engine in (("ours", browsing.OURS), ("pagefind", browsing.PAGEFIND)):
            print(f"[{n}] {engine.name}: {pairs} query pairs, typed and pasted", flush=True)
            for mode, typing in (("typed", True), ("pasted", False)):
                summary = browsing.type_queries(browser, server, engine, pairs_list, typing).summary()
                result[key].update({f"{mode} {k}": v for k, v in summary.items()})
            print(f"[{n}] {engine.name}: {len(queries)} known-item queries", flush=True)
            result[key].update(browsing.known_items(browser, server, engine, queries))
        browser.close()
    return result


KB = lambda v: f"{v / 1000:.1f}"  # noqa: E731
WHOLE = lambda v: f"{v:.0f}"  # noqa: E731
ROWS = [
    *((f"{label}, {mode}", f"{mode} {key}", fmt) for mode in ("pasted", "typed") for label, key, fmt in (
        ("first query: KB transferred (client included)", "first_bytes", KB),
        ("first query: requests", "first_requests", WHOLE),
        ("second query: KB transferred", "later_bytes", KB),
        ("second query: requests", "later_requests", WHOLE),
        ("last keystroke → results, first query (ms)", "first_ms", WHOLE),
        ("last keystroke → results, second query (ms)", "later_ms", WHOLE),
        ("last keystroke → results, second query, 90th percentile (ms)", "later_ms_p90", WHOLE),
    )),
    ("known item: success@1 (all queries)", "success@1 all", lambda v: f"{v:.3f}"),
    ("known item: MRR@10 (all queries)", "mrr all", lambda v: f"{v:.3f}"),
    ("known item: success@1, headline words", "success@1 headline", lambda v: f"{v:.3f}"),
    ("known item: success@1, first-sentence words", "success@1 lead", lambda v: f"{v:.3f}"),
    ("known item: success@1, the target itself, not a copy", "success@1 target only", lambda v: f"{v:.3f}"),
    ("export: MB on disk (gzipped)", "mb", None),
    ("export: files", "files", lambda v: f"{v:,}"),
    ("index from nothing (s)", "build_s", lambda v: f"{v:.1f}"),
    ("one article changed (s)", "update_s", lambda v: f"{v:.2f}"),
]


def table(results: list[dict]) -> str:
    head = "| | " + " | ".join(f"Clippings {r['size']:,} | Pagefind {r['size']:,}" for r in results) + " |"
    lines = [head, "|---" * (1 + 2 * len(results)) + "|"]
    for label, key, fmt in ROWS:
        cells = []
        for r in results:
            for engine in ("ours", "pagefind"):
                data = r[engine]
                if key == "mb":
                    cells.append(f"{data['mb']:.1f} ({data['mb_gzip']:.1f})")
                else:
                    cells.append(fmt(data[key]) if key in data else "–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    parser.add_argument("--pairs", type=int, default=12, help="query pairs typed per engine and size")
    parser.add_argument("--keep", type=Path, default=REPO / "bench-out" / "search", metavar="DIR")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results as JSON")
    args = parser.parse_args(argv)
    work = args.keep.resolve()
    work.mkdir(parents=True, exist_ok=True)
    pagefind = pagefind_command(work)
    base = work / f"corpus-{min(args.sizes)}"
    if not (base / "ours/site.toml").exists():
        make_corpus(min(args.sizes), base)
    queries = make_queries(base / "ours")  # the same queries (about the same articles) at every size
    print(f"{len(queries)} known-item queries, e.g. {queries[0].text!r}", flush=True)
    results = [bench_size(n, work, pagefind, queries, args.pairs) for n in args.sizes]
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
