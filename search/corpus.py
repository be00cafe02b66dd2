"""Invert the cached token streams into what the index holds: postings, lengths, pairs, words.

Documents are numbered in export order (oldest first), so adding new articles keeps the
numbers, and with them the files, of the older ones. A pair is two terms at adjacent positions
of one field: what a Whoosh phrase query of two words matches.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .analysis import PLAIN, PLAIN_MARK, STEMMED, export_key, term_of
from .documents import TEXT_FIELDS, SearchDoc
from .tokens import TokenStore

FIELDS = len(TEXT_FIELDS)


@dataclass
class Postings:
    docs: list[int] = field(default_factory=list)  # ascending document numbers
    tfs: list[list[int]] = field(default_factory=list)  # per document: frequency in each field


@dataclass
class Corpus:
    docs: list[SearchDoc]
    lengths: list[list[int]]  # [field][doc]: tokens in the field (Whoosh's field length)
    postings: dict[str, Postings]
    pairs: dict[str, list[int]]  # "a b" (first key, second term) -> ascending documents

    @property
    def size(self) -> int:
        return len(self.docs)

    def df(self, key: str) -> int:
        found = self.postings.get(key)
        return len(found.docs) if found else 0


def pair_key(first_key: str, second_term: str) -> str:
    """Adjacent terms as one key: ``"prime minist"``; plain group ``"~prime minister"``."""
    return f"{first_key} {second_term}"


def invert(docs: list[SearchDoc], store: TokenStore) -> Corpus:
    keys = group_keys(store)
    terms = {STEMMED: keys[STEMMED], PLAIN: store.words}
    lengths = [[0] * len(docs) for _ in range(FIELDS)]
    pairs: dict[str, list[int]] = defaultdict(list)
    postings: dict[str, Postings] = defaultdict(Postings)
    for number, doc in enumerate(docs):
        key_of, term = keys[doc.group], terms[doc.group]
        local: dict[str, list[int]] = {}  # key -> frequency per field
        adjacent: set[str] = set()
        for f, stream in enumerate(store.fields(doc.id)):
            lengths[f][number] = len(stream)
            mapped = list(map(key_of.__getitem__, stream))
            for k, count in Counter(mapped).items():
                tfs = local.get(k)
                if tfs is None:
                    tfs = local[k] = [0] * FIELDS
                tfs[f] = count
            # "first-key second-term", built without a Python call per token
            adjacent.update(map(" ".join, zip(mapped, map(term.__getitem__, stream[1:]), strict=False)))
        for k, tfs in local.items():
            entry = postings[k]
            entry.docs.append(number)
            entry.tfs.append(tfs)
        for pair in adjacent:
            pairs[pair].append(number)
    return Corpus(docs, lengths, dict(postings), dict(pairs))


def group_keys(store: TokenStore) -> dict[str, list[str]]:
    """For each analysis group, the export key of every word in the table."""
    words = store.words
    return {
        STEMMED: [export_key(term_of(w, STEMMED), STEMMED) for w in words],
        PLAIN: [PLAIN_MARK + w for w in words],
    }


def vocabulary(docs: list[SearchDoc], store: TokenStore) -> list[list]:
    """Every word with its key and document frequencies: ``[word, key, df, word_df]``.

    Sorted best completion first (most documents for the term, then for the word), which is
    the order prefix buckets list words in and prefix queries pick completions from.
    """
    keys = group_keys(store)
    word_docs: Counter[tuple[int, str]] = Counter()
    key_docs: Counter[str] = Counter()
    for doc in docs:
        key_of = keys[doc.group]
        seen = set().union(*store.fields(doc.id))
        mapped = list(map(key_of.__getitem__, seen))
        word_docs.update(zip(seen, mapped, strict=True))
        key_docs.update(set(mapped))
    rows = [[store.words[word], key, key_docs[key], n] for (word, key), n in word_docs.items()]
    rows.sort(key=lambda r: (-r[2], -r[3], r[0], r[1]))
    return rows
