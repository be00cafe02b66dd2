"""Benchmark and test corpora: N articles in Clippings' content format.

Uses ``../shared/bench/make_corpus.py`` (real BBC articles, plus equivalent Hugo and Pelican
sites) when it is there, and a synthetic generator otherwise, so tests and benchmarks run on
any machine.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
BBC = SHARED / "corpus" / "bbc"


def have_bbc() -> bool:
    return MAKE_CORPUS.is_file() and BBC.is_dir()


def make_corpus(n: int, out: Path, seed: str = "1") -> Path:
    """Write a site of ``n`` articles; return the folder holding its site.toml."""
    if have_bbc():
        subprocess.run([sys.executable, str(MAKE_CORPUS), "--n", str(n), "--out", str(out), "--seed", seed],
                       check=True, stdout=subprocess.DEVNULL)
        return out / "ours"
    return make_synthetic(n, out / "ours", seed)


_WORDS = ("market growth minister election league champion film award network software company bank "
          "government policy report season record player coach album festival device users shares "
          "profit inflation budget vote campaign tournament studio release mobile broadband court trade").split()
_TYPES = ("news agency", "public broadcaster", "private media", "non-profit media", "state-controlled media")


def make_synthetic(n: int, root: Path, seed: str = "1") -> Path:
    rng = random.Random(seed)
    (root / "content" / "sources").mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text('title = "Synthetic archive"\nbase_url = "https://archive.example/"\n')
    sources = [f"outlet-{i}" for i in range(40)]
    for i, key in enumerate(sources):
        (root / "content" / "sources" / f"{key}.md").write_text(
            f"---\nname: Outlet {i}\ntype: {_TYPES[i % len(_TYPES)]}\ncountry: GB\nowner: Owner {i}\n---\n\n"
            f"Outlet {i} is invented benchmark data.\n")
    start = dt.datetime(2004, 1, 1)
    for i in range(n):
        words = [rng.choice(_WORDS) for _ in range(6)]
        title = " ".join(words).capitalize() + f" {i}"
        date = start + dt.timedelta(minutes=rng.randrange(730 * 24 * 60))
        paras = [" ".join(rng.choice(_WORDS) for _ in range(rng.randint(25, 60))).capitalize() + "."
                 for _ in range(rng.randint(5, 12))]
        tags = sorted({rng.choice(_WORDS) for _ in range(3)})
        folder = root / "content" / "articles" / f"{date:%Y}" / f"{date:%m}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"article-{i}.md").write_text(
            f"---\ntitle: \"{title}\"\ndate: {date:%Y-%m-%dT%H:%M:00Z}\nsource: {rng.choice(sources)}\n"
            f"tags: [{', '.join(tags)}]\nsummary: \"{paras[0][:200]}\"\nlang: en\n---\n\n" + "\n\n".join(paras) + "\n")
    return root
