"""Per-article token streams, cached in ``.cache/search/tokens.json`` (JSON, never pickle).

For every article and text field this keeps the sequence of surface tokens that Whoosh's
analyzer produced (after stop words, before stemming), as numbers into one word table.
Everything the export needs follows from it without analysing text again: term frequencies
and field lengths (what Whoosh stores in its postings), adjacent pairs (what a phrase query
matches) and the words a prefix completes to. Only added or changed articles are analysed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import surface_tokens
from .documents import TEXT_FIELDS, SearchDoc
from .index import INDEX_VERSION, save_json

TOKENS = "tokens.json"
Replaced = dict[str, list[list[str]]]  # article id -> its former words, per text field


@dataclass
class TokenStore:
    words: list[str] = field(default_factory=list)
    # id -> (content hash, [token ids per text field])
    docs: dict[str, tuple[str, list[list[int]]]] = field(default_factory=dict)
    _ids: dict[str, int] = field(default_factory=dict, repr=False)

    def word_id(self, word: str) -> int:
        found = self._ids.get(word)
        if found is None:
            found = self._ids[word] = len(self.words)
            self.words.append(word)
        return found

    def fields(self, doc_id: str) -> list[list[int]]:
        return self.docs[doc_id][1]


def load_tokens(cache: Path) -> TokenStore:
    try:
        data = json.loads((cache / TOKENS).read_text(encoding="utf-8"))
        if data.get("version") != INDEX_VERSION:
            return TokenStore()
        store = TokenStore(list(data["words"]), {k: (v[0], v[1]) for k, v in data["docs"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return TokenStore()  # a missing or damaged cache only costs time
    store._ids = {word: i for i, word in enumerate(store.words)}
    return store


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
            streams = [[store.word_id(w) for w in surface_tokens(doc.text(name))] for name in TEXT_FIELDS]
            store.docs[doc.id] = (hashes[doc.id], streams)
            dirty = True
    for gone in set(store.docs) - set(hashes):
        replaced[gone] = [[store.words[t] for t in stream] for stream in store.docs.pop(gone)[1]]
        dirty = True
    if dirty:
        store = _compact(store)
        save_json(cache / TOKENS, {"version": INDEX_VERSION, "words": store.words,
                                   "docs": {k: [h, f] for k, (h, f) in sorted(store.docs.items())}})
    return store, replaced


def _compact(store: TokenStore) -> TokenStore:
    """Renumber when many words are no longer used, so the table does not grow forever."""
    used = {token for _, streams in store.docs.values() for stream in streams for token in stream}
    if len(used) > 0.8 * len(store.words):
        return store
    fresh = TokenStore()
    for doc_id, (digest, streams) in store.docs.items():
        fresh.docs[doc_id] = (digest, [[fresh.word_id(store.words[t]) for t in s] for s in streams])
    return fresh
