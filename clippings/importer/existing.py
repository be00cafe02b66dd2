"""What the site already holds: sources, tags, and fingerprints of every article for duplicates."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..config import SiteConfig
from ..errors import display_path
from ..labels import SourceVocabulary
from ..load import load_document
from ..model import Source
from ..normalize import normalize_source
from ..slugs import fold
from . import language

SHINGLE = 5
NEAR_DUPLICATE = 0.8  # share of an article's word 5-grams found in another


def shingles(text: str) -> set[int]:
    words = language.words(text)
    return {hash(tuple(words[i:i + SHINGLE])) for i in range(max(0, len(words) - SHINGLE + 1))}


@dataclass
class ArchiveIndex:
    sources: dict[str, Source]
    tags: dict[str, str]  # folded name or alias -> the spelling in use
    by_sha: dict[str, str] = field(default_factory=dict)  # capture hash -> article path
    by_url: dict[str, str] = field(default_factory=dict)
    _postings: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    _paths: list[str] = field(default_factory=list)
    _sizes: list[int] = field(default_factory=list)
    capture_lines: dict[str, list[Path]] = field(default_factory=lambda: defaultdict(list))  # source -> captures
    _last: tuple[str, set[int]] = field(default=("", set()), repr=False, compare=False)  # checked, then added

    def _grams(self, body: str) -> set[int]:
        if self._last[0] != body or not body:
            self._last = (body, shingles(body))
        return self._last[1]

    def add(self, path: str, meta: dict, body: str) -> None:
        if meta.get("sha256"):
            self.by_sha[str(meta["sha256"]).lower()] = path
        if meta.get("url"):
            self.by_url[str(meta["url"]).rstrip("/")] = path
        grams = self._grams(body)
        number = len(self._paths)
        self._paths.append(path)
        self._sizes.append(len(grams))
        for gram in grams:
            self._postings[gram].append(number)

    def near_duplicate(self, body: str) -> str | None:
        """An existing article sharing most of this text (either way round), if any."""
        grams = self._grams(body)
        if len(grams) < 10:
            return None
        shared: Counter = Counter()
        for gram in grams:
            for number in self._postings.get(gram, ()):
                shared[number] += 1
        for number, count in shared.most_common(3):
            smaller = min(len(grams), self._sizes[number]) or 1
            if count / smaller >= NEAR_DUPLICATE:
                return self._paths[number]
        return None


def load_index(config: SiteConfig, vocabulary: SourceVocabulary) -> ArchiveIndex:
    """Read what exists, tolerating broken files: the importer must work on a half-fixed site."""
    content = config.content_dir
    sources: dict[str, Source] = {}
    for path in sorted((content / "sources").glob("*.md")):
        doc, _ = load_document(path, display_path(path, config.root))
        if doc:
            source, _ = normalize_source(doc, path.stem, vocabulary)
            if source:
                sources[source.key] = source
    tags = {fold(alias): target for alias, target in config.tag_aliases.items()}
    index = ArchiveIndex(sources=sources, tags=tags)
    for path in sorted((content / "articles").rglob("*.md")):
        doc, _ = load_document(path, display_path(path, config.root))
        if not doc:
            continue
        index.add(doc.path, doc.meta, doc.body)
        for tag in doc.meta.get("tags") or []:
            index.tags.setdefault(fold(str(tag)), str(tag))
        capture, source = doc.meta.get("capture"), doc.meta.get("source")
        if capture and source and (content / str(capture)).is_file():
            index.capture_lines[str(source)].append(content / str(capture))
    return index


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
