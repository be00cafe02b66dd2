"""The stories-dev set (../shared/stories-dev), read for the story benchmarks.

Its rows are in date order; the older half is its first 792 rows, the newer half the last 787
(the split its README's reference points use). Nothing of it is ever copied into the project.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEV = REPO.parent / "shared" / "stories-dev"
NEWER = 787  # rows in the newer half


def have_dev() -> bool:
    return (DEV / "dev.jsonl").is_file() and (DEV / "score.py").is_file()


def load_rows() -> list[dict]:
    with open(DEV / "dev.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def halves(rows: list[dict]) -> dict[str, list[dict]]:
    return {"all": rows, "older": rows[:len(rows) - NEWER], "newer": rows[len(rows) - NEWER:]}


def published(value: str) -> tuple[dt.datetime, bool]:
    """The row's date as the build reads a front matter date in UTC: (aware datetime, bare day)."""
    if "T" in value or " " in value:
        moment = dt.datetime.fromisoformat(value)
        return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)), False
    return dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), dt.UTC), True


def items(rows: list[dict]):
    """The rows as grouping Items, as the build makes them from the benchmark site's articles."""
    from clippings.enrich.grouping import Item

    return [Item(id=r["id"], headline=r["title"], dek="", text=r["text"], published=published(r["date"])[0],
                 source=r["outlet_key"]) for r in rows]


def scorer():
    """The set's own score(truth, pred) function."""
    sys.path.insert(0, str(DEV))
    from score import score  # type: ignore[import-not-found]

    return score


def scores(rows: list[dict], story_of: dict[str, str]) -> dict[str, dict[str, float]]:
    """B-cubed and pairwise scores of {article id: story} for all rows and each half."""
    score = scorer()
    return {name: {**score({r["id"]: r["event"] for r in part}, story_of), "articles": len(part)}
            for name, part in halves(rows).items()}


def table(results: dict[str, dict[str, float]]) -> str:
    lines = ["| part | articles | B³ P | B³ R | B³ F1 | pairwise P | pairwise R | pairwise F1 | stories found |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, s in results.items():
        lines.append(f"| {name} | {s['articles']} | {s['b3_p']:.3f} | {s['b3_r']:.3f} | {s['b3_f1']:.3f} | "
                     f"{s['pair_p']:.3f} | {s['pair_r']:.3f} | {s['pair_f1']:.3f} | {s['stories']} |")
    return "\n".join(lines)


def site_articles(root: Path):
    """A generated site's articles, read and validated as the build reads them."""
    from clippings.config import load_config
    from clippings.reader import read_content

    content, _ = read_content(load_config(root))
    return content.articles
