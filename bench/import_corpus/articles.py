"""The BBC corpus: one Article a file (title line, blank line, paragraphs)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # bench/import_corpus/articles.py -> the repository
BBC = REPO.parent / "shared" / "corpus" / "bbc"


@dataclass
class Article:
    category: str
    name: str
    title: str
    paragraphs: list[str]


def load_corpus(root: Path) -> list[Article]:
    articles = []
    for path in sorted(root.glob("*/*.txt")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue  # one file of the corpus is not UTF-8
        lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
        title = lines[0] if lines else ""
        paragraphs = [line for line in lines[1:] if line]
        if title and paragraphs:
            articles.append(Article(path.parent.name, path.stem, title, paragraphs))
    return articles
