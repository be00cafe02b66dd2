"""Per-article token streams: every article's text analysed once, for Whoosh and the export.

For every article and text field this keeps the sequence of surface tokens (after stop words,
before stemming) as numbers into one word table. Everything else follows from it without
analysing text again: the terms Whoosh indexes (``whoosh_tokens``), term frequencies and field
lengths (what Whoosh stores in its postings), adjacent pairs (what a phrase query matches) and
the words a prefix completes to. Only added or changed articles are analysed.

Cached in ``.cache/search/tokens.bin``: a JSON header line (version, word table, per article
its id, content hash and field lengths), then every stream as 32-bit numbers. Never pickle;
and 4 bytes a token rather than a Python int's 28 keep 100,000 articles within memory.
"""

from __future__ import annotations

import json
import os
import tempfile
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import PLAIN, STEMMED, surface_tokens, term_of
from .documents import TEXT_FIELDS, SearchDoc
from .index import INDEX_VERSION
from .index_write import Tokens

TOKENS = "tokens.bin"
Stream = Sequence[int]  # an array, or a memoryview of the cache file
Replaced = dict[str, list[list[str]]]  # article id -> its former words, per text field


@dataclass
class TokenStore:
    words: list[str] = field(default_factory=list)
    # id -> (content hash, [token numbers per text field])
    docs: dict[str, tuple[str, list[Stream]]] = field(default_factory=dict)
    _ids: dict[str, int] = field(default_factory=dict, repr=False)

    def word_id(self, word: str) -> int:
        found = self._ids.get(word)
        if found is None:
            found = self._ids[word] = len(self.words)
            self.words.append(word)
        return found

    def fields(self, doc_id: str) -> list[Stream]:
        return self.docs[doc_id][1]

    def analyse(self, doc: SearchDoc) -> list[Stream]:
        ids, words = self._ids, self.words
        streams = []
        for name in TEXT_FIELDS:
            numbers = array("I")
            for word in surface_tokens(doc.text(name)):
                found = ids.get(word)
                if found is None:
                    found = ids[word] = len(words)
                    words.append(word)
                numbers.append(found)
            streams.append(numbers)
        return streams


def load_tokens(cache: Path) -> TokenStore:
    try:
        with open(cache / TOKENS, "rb") as handle:
            header = json.loads(handle.readline())
            data = handle.read()
        if header.get("version") != INDEX_VERSION or header.get("itemsize") != array("I").itemsize:
            return TokenStore()
        numbers = memoryview(data).cast("I")
        docs, at = {}, 0
        for doc_id, digest, lengths in header["docs"]:
            streams = []
            for length in lengths:
                streams.append(numbers[at:at + length])
                at += length
            docs[doc_id] = (digest, streams)
        if at != len(numbers):
            return TokenStore()
        store = TokenStore(list(header["words"]), docs)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return TokenStore()  # a missing or damaged cache only costs time
    store._ids = {word: i for i, word in enumerate(store.words)}
    return store


def save_tokens(cache: Path, store: TokenStore) -> None:
    cache.mkdir(parents=True, exist_ok=True)
    header = {"version": INDEX_VERSION, "itemsize": array("I").itemsize, "words": store.words,
              "docs": [[doc_id, digest, [len(s) for s in streams]] for doc_id, (digest, streams) in store.docs.items()]}
    fd, tmp = tempfile.mkstemp(dir=cache, prefix=f".{TOKENS}-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode() + b"\n")
        for _, streams in store.docs.values():
            handle.writelines(streams)
    os.replace(tmp, cache / TOKENS)


def update_tokens(cache: Path, docs: list[SearchDoc], hashes: dict[str, str]) -> tuple[TokenStore, Replaced]:
    """Analyse the articles whose content changed; drop the ones that are gone; save.

    Also returns the words (per field) that replaced and removed articles had before: what an
    update of the export must take out."""
    store = load_tokens(cache)
    replaced: Replaced = {}
    dirty = False
    for doc in docs:
        known = store.docs.get(doc.id)
        if known is None or known[0] != hashes[doc.id]:
            if known is not None:
                replaced[doc.id] = [[store.words[t] for t in stream] for stream in known[1]]
            store.docs[doc.id] = (hashes[doc.id], store.analyse(doc))
            dirty = True
    for gone in set(store.docs) - set(hashes):
        replaced[gone] = [[store.words[t] for t in stream] for stream in store.docs.pop(gone)[1]]
        dirty = True
    if dirty:
        store = _compact(store)
        save_tokens(cache, store)
    return store, replaced


def whoosh_tokens(store: TokenStore) -> Callable[[SearchDoc], list[Tokens]]:
    """A document's text fields as Whoosh's analyzers would index them: stems for English,
    the words themselves for the plain group."""
    tables: dict[str, tuple[list[int] | None, list[bytes]]] = {}

    def table(group: str) -> tuple[list[int] | None, list[bytes]]:
        if group not in tables:
            if group == PLAIN:
                tables[group] = (None, [w.encode() for w in store.words])
            else:
                numbers: dict[str, int] = {}
                index = [numbers.setdefault(term_of(w, STEMMED), len(numbers)) for w in store.words]
                tables[group] = (index, [t.encode() for t in numbers])
        return tables[group]

    def tokens_of(doc: SearchDoc) -> list[Tokens]:
        index, terms = table(doc.group)
        return [Tokens(list(s) if index is None else list(map(index.__getitem__, s)), terms)
                for s in store.fields(doc.id)]

    return tokens_of


def _compact(store: TokenStore) -> TokenStore:
    """Renumber when many words are no longer used, so the table does not grow forever."""
    used: set[int] = set()
    for _, streams in store.docs.values():
        for stream in streams:
            used.update(stream)
    if len(used) > 0.8 * len(store.words):
        return store
    fresh = TokenStore()
    for doc_id, (digest, streams) in store.docs.items():
        fresh.docs[doc_id] = (digest, [array("I", [fresh.word_id(store.words[t]) for t in s]) for s in streams])
    return fresh
