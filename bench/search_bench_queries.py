"""Known-item queries for the search benchmark, made from the articles themselves.

For a seeded sample of articles: the three or four most distinctive words of the headline
(fewest articles contain them), in headline order; and, as a paraphrase that shares no words
with the headline, the most distinctive words of the first sentence. The tokenizer is a plain
one, so neither engine's analysis decides which words are picked.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from whoosh.lang.stopwords import stoplists

STOP = set(stoplists["en"]) | {"said", "says", "will", "would", "could", "also", "new", "one", "two", "mr"}
WORD = re.compile(r"[a-z][a-z0-9']*[a-z0-9]|[a-z]")


@dataclass(frozen=True)
class Query:
    text: str
    target: str  # article id, "YYYY/MM/slug"
    kind: str  # "headline" or "lead"
    twins: tuple[str, ...] = ()  # other articles with the very same title and text (the corpus has some)


def _article(path: Path) -> tuple[str, str]:
    text = path.read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    title = json.loads(front.split("\ntitle: ", 1)[1].split("\n", 1)[0])
    return title, body.strip()


def _words(text: str) -> list[str]:
    return [w for w in WORD.findall(text.lower().replace("’", "'")) if len(w) > 2 and w not in STOP and "'" not in w]


def make_queries(site: Path, headlines: int = 200, leads: int = 100, seed: str = "search-bench") -> list[Query]:
    articles = {p.relative_to(site / "content/articles").with_suffix("").as_posix(): _article(p)
                for p in sorted((site / "content/articles").rglob("*.md"))}
    df: Counter[str] = Counter()
    same: dict[tuple[str, str], list[str]] = {}
    for doc_id, (title, body) in articles.items():
        df.update(set(_words(title + " " + body)))
        same.setdefault((title, body), []).append(doc_id)
    rng = random.Random(seed)
    queries: list[Query] = []
    for doc_id in rng.sample(sorted(articles), len(articles)):
        title, body = articles[doc_id]
        kinds = {"headline": _pick(_words(title), df, ()), "lead": None}
        if sum(q.kind == "lead" for q in queries) < leads:
            first = re.split(r"(?<=[.!?])\s", body.split("\n", 1)[0], maxsplit=1)[0]
            kinds["lead"] = _pick(_words(first), df, set(_words(title)))
        for kind, words in kinds.items():
            wanted = headlines if kind == "headline" else leads
            if words and sum(q.kind == kind for q in queries) < wanted:
                twins = tuple(i for i in same[title, body] if i != doc_id)
                queries.append(Query(" ".join(words), doc_id, kind, twins))
        if len(queries) >= headlines + leads:
            break
    return queries


def _pick(words: list[str], df: Counter[str], avoid) -> list[str] | None:
    """The 3-4 rarest distinct words, in their original order; None if there are too few."""
    unique = [w for i, w in enumerate(words) if w not in words[:i] and w not in avoid]
    if len(unique) < 3:
        return None
    rarest = sorted(unique, key=lambda w: (df[w], unique.index(w)))[:4]
    return [w for w in unique if w in rarest]
