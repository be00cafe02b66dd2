"""Headless Chromium measurements for the search benchmark: bytes and latency of typed queries,
and known-item rankings, for Clippings' search page and for Pagefind's default UI."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from bench.search_bench_queries import Query
from bench.search_bench_serve import PagesServer

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
TYPE_DELAY_MS = 50  # between keystrokes when typing (about 60 ms apart in practice): a fast typist
# Page furniture every page of the site loads anyway: not counted as search bytes.
FURNITURE = ("/static/style.", "/static/favicon.")

OBSERVER = """
window.__bench = {lastKey: 0, shown: 0, target: null};
document.addEventListener("input", () => { __bench.lastKey = performance.now(); __bench.shown = 0; }, true);
new MutationObserver(() => {
  const b = window.__bench;
  if (!b.target || b.shown) return;
  const app = document.getElementById("search-app");
  if (app) {
    if (app.dataset.shown === b.target && document.querySelector("#search-results li a")) b.shown = performance.now();
    return;
  }
  const message = document.querySelector(".pagefind-ui__message");
  const link = document.querySelector(".pagefind-ui__result-link");
  if (message && link && message.textContent.includes(b.target) && link.textContent.trim()) b.shown = performance.now();
}).observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""

OURS_RANKS = """async (queries) => {
  const e = window.clippingsSearch.engine, out = [];
  for (const q of queries) {
    const r = await e.search(q, {need: 10});
    out.push(await Promise.all(r.hits.map(async ([d]) => (await e.card(d)).id)));
  }
  return out;
}"""

PAGEFIND_RANKS = """async (queries) => {
  const pf = await import("/pagefind/pagefind.js");
  await pf.init();
  const out = [];
  for (const q of queries) {
    const r = await pf.search(q);
    const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
    out.push(data.map((d) => d.url.replace(/^\\/articles\\//, "").replace(/\\/$/, "")));
  }
  return out;
}"""


@dataclass(frozen=True)
class Engine:
    name: str
    page: str  # site path of its search page
    box: str  # CSS selector of its search box
    ready: str  # JS expression, true once it can search
    ranks: str  # JS function: queries -> ranked article ids


OURS = Engine("Clippings", "search/", "#search-q", "window.clippingsSearch !== undefined", OURS_RANKS)
PAGEFIND = Engine("Pagefind", "pagefind-search/", ".pagefind-ui__search-input",
                  "document.querySelector('.pagefind-ui__search-input') !== null", PAGEFIND_RANKS)

PAGEFIND_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Search (Pagefind)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/pagefind/pagefind-ui.css"><script src="/pagefind/pagefind-ui.js"></script>
</head><body><main><h1>Search</h1><div id="search"></div></main>
<script>addEventListener("DOMContentLoaded", () => new PagefindUI({element: "#search", showImages: false,
  showSubResults: false, pageSize: 10}));</script>
</body></html>
"""


@dataclass
class Typed:
    """Medians over the query pairs typed into a fresh browser."""

    first_bytes: list[int] = field(default_factory=list)
    first_requests: list[int] = field(default_factory=list)
    first_ms: list[float] = field(default_factory=list)
    later_bytes: list[int] = field(default_factory=list)
    later_requests: list[int] = field(default_factory=list)
    later_ms: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float]:
        out = {name: statistics.median(values) for name, values in vars(self).items() if values}
        # Latency is two-humped while typing (at once, or after the pause): the slow end too.
        if len(self.later_ms) >= 2:
            out["later_ms_p90"] = statistics.quantiles(self.later_ms, n=10)[-1]
        return out


def _settle(server: PagesServer, quiet: float = 0.4, limit: float = 10.0) -> list[tuple[str, int]]:
    """All requests until none came for ``quiet`` seconds."""
    seen, started = [], time.monotonic()
    while time.monotonic() - started < limit:
        time.sleep(quiet)
        fresh = server.traffic.take()
        if not fresh:
            break
        seen += fresh
    return seen


def _counted(requests: list[tuple[str, int]], page: str) -> tuple[int, int]:
    kept = [(p, n) for p, n in requests if p.rstrip("/") != "/" + page.rstrip("/") and not p.startswith(FURNITURE)]
    return sum(n for _, n in kept), len(kept)


def type_queries(browser, server: PagesServer, engine: Engine, pairs: list[tuple[str, str]], typing: bool) -> Typed:
    """Each pair into a fresh browser: typed a key at a time, or entered at once (pasted)."""
    typed = Typed()
    for first, second in pairs:
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(OBSERVER)
        server.traffic.take()
        page.goto(server.url + engine.page)
        page.wait_for_function(engine.ready, timeout=20000)
        for number, query in enumerate((first, second)):
            box = page.locator(engine.box)
            if number:
                box.fill("")
                _settle(server)
            page.evaluate("q => { window.__bench.target = q; window.__bench.shown = 0; }", query)
            if typing:
                box.press_sequentially(query, delay=TYPE_DELAY_MS)
            else:
                box.focus()
                page.keyboard.insert_text(query)
            page.wait_for_function("window.__bench.shown > 0", timeout=20000)
            latency = page.evaluate("window.__bench.shown - window.__bench.lastKey")
            size, count = _counted(_settle(server), engine.page)
            target = (typed.first_bytes, typed.first_requests, typed.first_ms) if number == 0 else \
                (typed.later_bytes, typed.later_requests, typed.later_ms)
            for values, value in zip(target, (size, count, latency), strict=True):
                values.append(value)
        context.close()
    return typed


def known_items(browser, server: PagesServer, engine: Engine, queries: list[Query]) -> dict:
    """success@1 and MRR@10, over all queries and per kind of query (and each query's rank)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + engine.page)
    page.wait_for_function(engine.ready, timeout=20000)
    ranked = page.evaluate(engine.ranks, [q.text for q in queries])
    context.close()
    # Some articles of the corpus are exact copies of others (same headline and text, another
    # date). A query cannot tell such copies apart, so finding either is finding the item, as
    # known-item evaluations count duplicates; "target only" is the stricter, luckier figure.
    def rank(q: Query, r: list[str], copies: bool = True) -> int:
        wanted = (q.target, *q.twins) if copies else (q.target,)
        return next((i + 1 for i, doc in enumerate(r) if doc in wanted), 0)

    pairs = list(zip(queries, ranked, strict=True))
    out: dict = {"ranks": [rank(q, r) for q, r in pairs]}
    out["success@1 target only"] = sum(rank(q, r, copies=False) == 1 for q, r in pairs) / len(pairs)
    for kind in ("all", "headline", "lead"):
        ranks = [rank(q, r) for q, r in pairs if kind in ("all", q.kind)]
        out[f"success@1 {kind}"] = sum(1 for r in ranks if r == 1) / len(ranks)
        out[f"mrr {kind}"] = sum(1 / r for r in ranks if r) / len(ranks)
    return out
