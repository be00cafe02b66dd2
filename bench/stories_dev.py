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
DEV_ROWS = 1579
NEWER = 787  # rows in the newer half


def have_dev() -> bool:
    return (DEV / "dev.jsonl").is_file() and (DEV / "score.py").is_file()


def load_rows() -> list[dict]:
    with open(DEV / "dev.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def halves(rows: list[dict]) -> dict[str, list[dict]]:
    """All rows, and the older and newer half (the dev set's split; halves of any other rows)."""
    split = len(rows) - NEWER if len(rows) == DEV_ROWS else len(rows) // 2
    return {"all": rows, "older": rows[:split], "newer": rows[split:]}


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


# --- a synthetic stand-in, for machines without ../shared --------------------------------------

_FILLER = ("government officials said week report people country year public plan new told city police "
           "statement support group state national local according former leader month officials added "
           "expected issue cost decision spokesman minister council agency house early made called meeting "
           "announced days time news morning evening workers business election court law market").split()
_SYLLABLES = "ka lo mi ne ra sto vi den bor tal gri mun pel zan qua fre dol hin".split()


def synthetic_rows(events: int, seed: int = 1, max_size: int = 3) -> list[dict]:
    """Rows like dev.jsonl's: ``events`` invented events of 1..max_size articles each, every event
    with names and topic words of its own (made of syllables, never reused by another event) in a
    shared sea of common news words, and a quoted sentence its articles may share; one or two
    events a day, over consecutive days. As in real news, about a third of an article's words
    are its event's own: with fewer, unrelated articles look alike by their common words alone."""
    import random

    rng = random.Random(seed)
    used: set[str] = set()

    def name() -> str:
        while True:
            word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
            if word not in used:
                used.add(word)
                return word

    # common words: the real ones first, then invented ones, drawn with Zipf's law as in news text;
    # their ranks start after the stop words' (which grouping drops), so no word takes a tenth
    common = _FILLER + sorted({name().lower() + "s" for _ in range(4000)})
    weights = [1 / (rank + 20) for rank in range(len(common))]

    rows = []
    start = dt.date(2020, 1, 1)
    for event in range(events):
        names = [name() for _ in range(8)]
        own = names + [name().lower() for _ in range(24)]
        quote = " ".join(rng.choice(own + _FILLER) for _ in range(10))
        day = start + dt.timedelta(days=event // 2)
        for n in range(rng.randint(1, max_size)):
            words = [rng.choice(own) if rng.random() < 0.3 else w for w in rng.choices(common, weights, k=220)]
            if rng.random() < 0.5:
                words[40:40] = [f'"{quote}"']
            title = " ".join(rng.sample(names, 3) + rng.sample(_FILLER, 3)).capitalize()
            rows.append({"id": f"{event:04x}{n}e", "title": title, "text": " ".join(words) + ".",
                         "date": (day + dt.timedelta(days=rng.random() < 0.3)).isoformat(),
                         "outlet_key": f"outlet-{rng.randrange(12)}", "outlet": "Synthetic", "event": f"e{event}"})
    rows.sort(key=lambda r: (r["date"], r["id"]))
    return rows


def write_site(rows: list[dict], root: Path) -> Path:
    """The rows as a Clippings site: one article per row (its slug the row's id, no `story:`),
    one source per outlet_key. Returns ``root``."""
    (root / "content" / "sources").mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text('title = "stories-dev"\nbase_url = "https://stories.example/"\n'
                                    'timezone = "UTC"\n', encoding="utf-8")
    for key, outlet in sorted({(r["outlet_key"], r["outlet"]) for r in rows}):
        (root / "content" / "sources" / f"{key}.md").write_text(
            f"---\nname: {json.dumps(outlet)}\n---\n", encoding="utf-8")
    for r in rows:
        day = dt.date.fromisoformat(r["date"][:10])
        folder = root / "content" / "articles" / f"{day:%Y}" / f"{day:%m}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{r['id']}.md").write_text(
            f"---\ntitle: {json.dumps(r['title'])}\ndate: {json.dumps(r['date'])}\nsource: {r['outlet_key']}\n---\n\n"
            f"{r['text']}\n", encoding="utf-8")
    return root
