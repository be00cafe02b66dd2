"""Walk ``content/`` and return every article, source and story, validated.

All problems are gathered before anything is raised, so one run lists them all.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from .config import SiteConfig
from .errors import ContentError, Problem, display_path
from .labels import SourceVocabulary, load_vocabulary
from .load import load_document
from .model import Article, Content, Source, StoryInfo
from .normalize import normalize_article, normalize_source, normalize_story

MEDIA_DIR = "media"
CAPTURES_DIR = "captures"

T = TypeVar("T")


class FileMemo:
    """Results of reading a file, reused while its size and modification time stay the same.

    The preview keeps one across rebuilds, so an edit re-parses one file, not ten thousand,
    and an unchanged article stays the very same object (which makes changes cheap to find).
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[Hashable, object]] = {}

    def get(self, path: Path, extra: Hashable, compute: Callable[[], T]) -> T:
        try:
            stat = path.stat()
            stamp = (stat.st_mtime_ns, stat.st_size, stat.st_ino, extra)
        except OSError:
            return compute()  # vanished meanwhile: let the reader report it
        hit = self._entries.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]  # type: ignore[return-value]
        result = compute()
        self._entries[path] = (stamp, result)
        return result

    def forget_missing(self) -> None:
        self._entries = {p: e for p, e in self._entries.items() if p.exists()}


def _no_memo(path: Path, extra: Hashable, compute: Callable[[], T]) -> T:
    return compute()


def _markdown_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.md") if p.is_file() and not p.name.startswith("."))


def read_content(
    config: SiteConfig, *, drafts: bool = False, vocabulary: SourceVocabulary | None = None,
    memo: FileMemo | None = None,
) -> tuple[Content, list[str]]:
    """Read and validate everything; returns the content and warnings, or raises ContentError."""
    vocabulary = vocabulary or load_vocabulary()
    cached = memo.get if memo is not None else _no_memo
    root, content = config.root, config.content_dir
    problems: list[Problem] = []
    if not content.is_dir():
        raise ContentError([Problem(display_path(content, root), None, "no content/ folder here")])

    def read_source(path: Path) -> tuple[Source | None, list[Problem]]:
        doc, problem = load_document(path, display_path(path, root))
        if problem:
            return None, [problem]
        return normalize_source(doc, path.stem, vocabulary)

    sources: dict[str, Source] = {}
    for path in _markdown_files(content / "sources"):
        source, found = cached(path, "source", lambda path=path: read_source(path))
        problems += found
        if source:
            sources[source.key] = source

    def read_story(path: Path) -> tuple[StoryInfo | None, list[Problem]]:
        doc, problem = load_document(path, display_path(path, root))
        if problem:
            return None, [problem]
        return normalize_story(doc, path.stem, config.tz)

    stories: dict[str, StoryInfo] = {}
    for path in _markdown_files(content / "stories"):
        story, found = cached(path, "story", lambda path=path: read_story(path))
        problems += found
        if story:
            stories[story.slug] = story

    # An article naming a source file that failed to parse is reported once, at the source.
    source_keys = frozenset(sources) | {p.stem for p in _markdown_files(content / "sources")}

    def read_article(path: Path) -> tuple[Article | None, list[Problem]]:
        doc, problem = load_document(path, display_path(path, root))
        if problem:
            return None, [problem]
        return normalize_article(doc, tz=config.tz, language=config.language, source_keys=source_keys)

    articles: list[Article] = []
    for path in _markdown_files(content / "articles"):
        # Whether an article is valid depends on which sources exist, so that is part of the key.
        article, found = cached(path, source_keys, lambda path=path: read_article(path))
        problems += found
        if article and (drafts or not article.draft):
            articles.append(article)

    articles, warnings, slug_problems = _unique_ids(articles)
    problems += slug_problems
    problems += _missing_captures(articles, content, root)
    if problems:
        raise ContentError(problems)
    return Content(
        articles=articles,
        sources=sources,
        stories=stories,
        captures=_files(content / CAPTURES_DIR),
        media=_files(content / MEDIA_DIR),
    ), warnings


def _unique_ids(articles: list[Article]) -> tuple[list[Article], list[str], list[Problem]]:
    """Give colliding URLs a deterministic ``-2``, ``-3`` suffix, in file-path order.

    Two articles that both *ask* for one slug in their front matter are an error instead:
    a suffix would silently break a URL the curator chose.
    """
    groups: dict[str, list[Article]] = defaultdict(list)
    # A URL asked for with 'slug' wins over one derived from a file name; then path order.
    for article in sorted(articles, key=lambda a: (not a.slug_explicit, a.path)):
        groups[article.id].append(article)
    result, warnings, problems = [], [], []
    taken = set(groups)
    for article_id, group in groups.items():
        result.append(group[0])
        for n, article in enumerate(group[1:], start=2):
            if article.slug_explicit and group[0].slug_explicit:
                taken_by = f"{group[0].path} already uses /articles/{article_id}/"
                problems.append(Problem(article.path, article.key_lines.get("slug"), f"duplicate slug: {taken_by}"))
                continue
            candidate = f"{article_id}-{n}"
            while candidate in taken:
                n += 1
                candidate = f"{article_id}-{n}"
            taken.add(candidate)
            warnings.append(
                f"{article.path}: URL /articles/{article_id}/ is taken by {group[0].path}; using /articles/{candidate}/"
            )
            result.append(dataclasses.replace(article, id=candidate, slug=candidate.rsplit("/", 1)[1]))
    return result, warnings, problems


def _missing_captures(articles: list[Article], content: Path, root: Path) -> list[Problem]:
    problems = []
    for article in articles:
        if article.capture and not (content / article.capture).is_file():
            line = article.key_lines.get("capture")
            problems.append(Problem(article.path, line, f"capture file content/{article.capture} does not exist"))
    return problems


def _files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
