"""The Whoosh index in ``<site>/.cache/search/index``, kept up to date incrementally.

A manifest (article id -> content hash) says which articles were added, changed or removed
since the last build; only those are touched (``update_document``/``delete_by_term``). The
index is rebuilt from scratch only when the schema or the analysis changes (``INDEX_VERSION``),
or when most articles changed; then it is written in bulk (``search/index_write.py``). Text
fields are given analysed tokens (``Tokens``), never text: each article is analysed once.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, Schema
from whoosh.index import LockError

from clippings.errors import BuildError

from .analysis import ANALYSIS_VERSION, PLAIN, plain_analyzer, stemming_analyzer
from .documents import TEXT_FIELDS, SearchDoc
from .index_write import Analysed, Tokens, bulk_write

SCHEMA_VERSION = 3
INDEX_VERSION = f"{SCHEMA_VERSION}.{ANALYSIS_VERSION}"
INDEX_DIR = "index"
MANIFEST = "index.json"
# Deleted documents still count in Whoosh's statistics until their segment is merged; merge
# everything once they are more than this share, so CLI scores stay those of the export.
MAX_DELETED_SHARE = 0.05


def field_name(text_field: str, group: str) -> str:
    """Whoosh field for a text field of an analysis group: ``title`` or ``title_plain``."""
    return f"{text_field}_plain" if group == PLAIN else text_field


def make_schema() -> Schema:
    stemmed, plain = stemming_analyzer(), plain_analyzer()
    fields = {
        "id": ID(unique=True, stored=True, sortable=True),
        "source": ID,
        "section": ID,
        "lang": ID,
        "tag": KEYWORD(commas=True),
        "date": DATETIME(sortable=True),  # sortable: equal scores rank newer articles first
        "card": STORED,  # what a result shows, and the text its snippets are cut from
    }
    for name in TEXT_FIELDS:
        fields[name] = Analysed(analyzer=stemmed, phrase=True)
        fields[field_name(name, PLAIN)] = Analysed(analyzer=plain, phrase=True)
    return Schema(**fields)


@dataclass
class IndexUpdate:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rebuilt: bool = False
    seconds: float = 0.0

    @property
    def touched(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


def whoosh_fields(doc: SearchDoc, tokens: list[Tokens]) -> dict:
    """The document for Whoosh; ``tokens`` per text field, in ``TEXT_FIELDS`` order."""
    fields: dict = {
        "id": doc.id,
        "source": doc.source,
        "section": doc.section,
        "lang": doc.lang,
        "tag": ",".join(doc.tag_keys),
        "date": doc.date.replace(tzinfo=None),  # Whoosh compares naive datetimes: these are UTC
        "card": {
            # The body only for the CLI's snippets: compressed, it is a third of the index.
            "title": doc.title, "summary": doc.summary, "body": zlib.compress(doc.body.encode(), 1), "tags": doc.tags,
            "source": doc.source, "source_name": doc.source_name, "source_label": doc.source_label,
            "section": doc.section, "lang": doc.lang, "group": doc.group, "day": doc.day,
        },
    }
    for name, analysed in zip(TEXT_FIELDS, tokens, strict=True):
        fields[field_name(name, doc.group)] = analysed
    return fields


def card_body(card: dict) -> str:
    return zlib.decompress(card["body"]).decode() if card.get("body") else ""


def _load_manifest(cache: Path) -> dict | None:
    try:
        data = json.loads((cache / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("docs"), dict) else None


def indexed_hashes(cache: Path) -> dict[str, str]:
    """Article id -> content hash, as the index has them (empty when there is no index)."""
    manifest = _load_manifest(cache)
    return manifest["docs"] if manifest and manifest.get("version") == INDEX_VERSION else {}


def save_json(path: Path, data) -> None:
    """Write JSON atomically: a killed build never leaves half a manifest behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))  # dumps: the C encoder
    os.replace(tmp, path)


def open_index(cache: Path):
    """The existing index, or None when there is none (or it cannot be read)."""
    folder = cache / INDEX_DIR
    manifest = _load_manifest(cache)
    if manifest is None or manifest.get("version") != INDEX_VERSION or not index.exists_in(folder):
        return None
    try:
        ix = index.open_dir(str(folder))
        ix.reader().close()  # opens every segment: damage shows here, not in a later search
        return ix
    except Exception:  # a damaged index is rebuilt, never trusted
        return None


TokensOf = Callable[[SearchDoc], list[Tokens]]


def update_index(cache: Path, docs: list[SearchDoc], hashes: dict[str, str], tokens_of: TokensOf) -> IndexUpdate:
    """Bring the index in line with ``docs``; ``hashes`` maps each id to its content hash,
    ``tokens_of`` gives a document's analysed text fields."""
    started = time.perf_counter()
    ix = open_index(cache)
    manifest = _load_manifest(cache) if ix is not None else None
    old: dict[str, str] = manifest["docs"] if manifest else {}
    replaced = sum(1 for i, h in old.items() if hashes.get(i) != h)
    if ix is not None and replaced > max(100, len(old) // 2):
        ix.close()  # rewriting most of the index: starting afresh is faster than replacing
        ix, old = None, {}
    update = IndexUpdate(rebuilt=ix is None)
    if ix is None:
        folder = cache / INDEX_DIR
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        ix = index.create_in(str(folder), make_schema())
    update.removed = sorted(set(old) - set(hashes))
    update.changed = sorted(i for i in hashes if i in old and old[i] != hashes[i])
    update.added = sorted(i for i in hashes if i not in old)
    if update.rebuilt and update.added:
        try:
            bulk_write(ix, (whoosh_fields(doc, tokens_of(doc)) for doc in docs))
        except LockError:
            raise BuildError(f"the search index {ix.storage.folder} is locked by another build") from None
    elif update.touched:
        _write(ix, docs, update, tokens_of)
    save_json(cache / MANIFEST, {"version": INDEX_VERSION, "docs": hashes})
    ix.close()
    update.seconds = time.perf_counter() - started
    return update


def _write(ix, docs: list[SearchDoc], update: IndexUpdate, tokens_of: TokensOf) -> None:
    try:
        writer = ix.writer(timeout=120.0, limitmb=128)
    except LockError:
        raise BuildError(f"the search index {ix.storage.folder} is locked by another build") from None
    try:
        for doc_id in update.removed:
            writer.delete_by_term("id", doc_id)
        wanted = set(update.added) | set(update.changed)
        for doc in docs:
            if doc.id in wanted:
                # update_document also replaces a copy left by an interrupted earlier build
                add = writer.add_document if update.rebuilt else writer.update_document
                add(**whoosh_fields(doc, tokens_of(doc)))
    except BaseException:
        writer.cancel()
        raise
    deleted = ix.doc_count_all() - ix.doc_count() + len(update.changed) + len(update.removed)
    writer.commit(optimize=deleted > MAX_DELETED_SHARE * max(1, ix.doc_count_all()))
