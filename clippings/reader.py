"""Walk ``content/`` and return every article, source and story, validated.

All problems are gathered before anything is raised, so one run lists them all.
"""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from .config import SiteConfig
from .errors import ContentError, Problem, display_path
from .front_matter_cache import FrontMatterCache
from .labels import SourceVocabulary, load_vocabulary
from .load import load_document
from .memo import FileMemo
from .model import Article, Content, Source, StoryInfo
from .normalize import normalize_article, normalize_source, normalize_story

MEDIA_DIR = "media"
CAPTURES_DIR = "captures"

T = TypeVar("T")

def _no_memo(path: str, extra: Hashable, compute: Callable[[], T]) -> T:
    return compute()


def _walk(folder: Path) -> list[str]:
    """Every file below ``folder`` but hidden ones, in path order (os.walk and strings: pathlib
    is several times slower on ten thousand files, and the preview reads them on every edit)."""
    found = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [os.path.join(here, name) for name in files if not name.startswith(".")]
    return sorted(found)


def _markdown_files(folder: Path, memo: FileMemo | None = None) -> list[str]:
    def walk() -> list[str]:
        return [p for p in _walk(folder) if p.endswith(".md")]

    return memo.listing(str(folder), walk) if memo is not None else walk()


def read_content(
    config: SiteConfig, *, drafts: bool = False, vocabulary: SourceVocabulary | None = None,
    memo: FileMemo | None = None, front_matter: FrontMatterCache | None = None,
) -> tuple[Content, list[str]]:
    """Read and validate everything; returns the content and warnings, or raises ContentError.
    ``front_matter`` holds front matter parsed before (a warm build's)."""
    vocabulary = vocabulary or load_vocabulary()
    cached = memo.get if memo is not None else _no_memo
    root, content = config.root, config.content_dir
    problems: list[Problem] = []
    if not content.is_dir():
        raise ContentError([Problem(display_path(content, root), None, "no content/ folder here")])

    def read_source(name: str) -> tuple[Source | None, list[Problem]]:
        path = Path(name)
        doc, problem = load_document(path, display_path(path, root), front_matter)
        if problem:
            return None, [problem]
        return normalize_source(doc, path.stem, vocabulary)

    source_files = _markdown_files(content / "sources", memo)
    sources: dict[str, Source] = {}
    for path in source_files:
        source, found = cached(path, "source", lambda path=path: read_source(path))
        problems += found
        if source:
            sources[source.key] = source

    def read_story(name: str) -> tuple[StoryInfo | None, list[Problem]]:
        path = Path(name)
        doc, problem = load_document(path, display_path(path, root), front_matter)
        if problem:
            return None, [problem]
        return normalize_story(doc, path.stem, config.tz)

    stories: dict[str, StoryInfo] = {}
    for path in _markdown_files(content / "stories", memo):
        story, found = cached(path, "story", lambda path=path: read_story(path))
        problems += found
        if story:
            stories[story.slug] = story

    # An article naming a source file that failed to parse is reported once, at the source.
    source_keys = frozenset(sources) | {Path(p).stem for p in source_files}
    if memo is not None:
        source_keys = memo.intern(source_keys)

    def read_article(name: str) -> tuple[Article | None, list[Problem]]:
        path = Path(name)
        doc, problem = load_document(path, display_path(path, root), front_matter)
        if problem:
            return None, [problem]
        return normalize_article(doc, tz=config.tz, language=config.language, source_keys=source_keys)

    articles: list[Article] = []
    for path in _markdown_files(content / "articles", memo):
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
    return [Path(p) for p in _walk(folder)]
