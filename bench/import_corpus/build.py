"""Writing the set: choose the articles, give each a layout and a page, write its three files."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

from .articles import load_corpus
from .layouts import LAYOUTS
from .page import Page


def build(n: int, out: Path, seed: str, corpus: Path) -> int:
    """Write n articles' files into out; returns n. The same corpus, n and seed give the same bytes:
    the set's generator picks the articles and shuffles the layout names, and each page has a
    generator of its own, seeded by its index and article, so a change to one layout's draws
    leaves the other pages as they were."""
    articles = load_corpus(corpus)
    if not articles:
        raise SystemExit(f"error: no articles under {corpus}")
    rng = random.Random(seed)
    chosen = rng.sample(articles, min(n, len(articles)))
    while len(chosen) < n:
        chosen.append(rng.choice(articles))
    names = list(LAYOUTS)
    out.mkdir(parents=True, exist_ok=True)
    titles = [a.title for a in articles]
    start = dt.datetime(2019, 1, 1)
    for i, article in enumerate(chosen):
        if i % len(names) == 0:
            rng.shuffle(names)
        layout = names[i % len(names)]
        page_rng = random.Random(f"{seed}:{i}:{article.category}/{article.name}")
        published = start + dt.timedelta(days=page_rng.randint(0, 6 * 365), hours=page_rng.randint(7, 19),
                                         minutes=page_rng.randint(0, 59))
        related = [t for t in page_rng.sample(titles, 20) if t != article.title]
        page = Page(article, page_rng, published, published + dt.timedelta(hours=page_rng.randint(1, 72)),
                    related, body=list(article.paragraphs))
        txt, doc = LAYOUTS[layout](page)
        name = f"{i:03d}_{layout}_{article.category}_{article.name}"
        expected = {
            "title": page.title, "date": page.published.date().isoformat(), "time": page.time, "lang": "en",
            "summary": page.summary, "byline": page.byline, "section": page.section,
            "captured": page.captured.strftime("%Y-%m-%dT%H:%M:%SZ"), "layout": layout,
            "origin": f"bbc/{article.category}/{article.name}.txt", "body": page.body,
        }
        newline = "\r\n" if page_rng.random() < 0.1 else "\n"  # copies made on Windows
        (out / f"{name}.txt").write_bytes((txt.strip("\n") + "\n").replace("\n", newline).encode("utf-8"))
        (out / f"{name}.html").write_text(doc + "\n", encoding="utf-8")
        (out / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                   encoding="utf-8")
    return len(chosen)
