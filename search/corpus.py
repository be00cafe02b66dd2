"""Invert the cached token streams into what the index holds: postings, lengths, pairs, words.

Documents are numbered in export order (oldest first), so adding new articles keeps the
numbers, and with them the files, of the older ones. A pair is two terms at adjacent positions
of one field: what a Whoosh phrase query of two words matches.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from operator import add

from .analysis import PLAIN, PLAIN_MARK, STEMMED, export_key, term_of
from .documents import TEXT_FIELDS, SearchDoc
from .tokens import TokenStore

FIELDS = len(TEXT_FIELDS)


@dataclass
class Postings:
    """One key's postings, per text field: ascending documents and the term's frequency there."""

    docs: list[list[int]] = field(default_factory=lambda: [[] for _ in range(FIELDS)])
    tfs: list[list[int]] = field(default_factory=lambda: [[] for _ in range(FIELDS)])

    def headline(self) -> set[int]:
        """Documents with the term in their title or tags."""
        return set(self.docs[TEXT_FIELDS.index("title")]).union(self.docs[TEXT_FIELDS.index("tags")])


@dataclass
class Corpus:
    docs: list[SearchDoc]
    lengths: list[list[int]]  # [field][doc]: tokens in the field (Whoosh's field length)
    postings: dict[str, Postings]
    pairs: dict[str, int | list[int]]  # "a b" (first key, second term) -> its document, or ascending documents

    @property
    def size(self) -> int:
        return len(self.docs)


def pair_key(first_key: str, second_key: str) -> str:
    """Adjacent terms as one key: ``"prime minist"``; plain group ``"~prime minister"``."""
    return f"{first_key} {second_key.removeprefix(PLAIN_MARK)}"


def invert(docs: list[SearchDoc], store: TokenStore) -> Corpus:
    # Keys and pairs are numbered while counting (integers hash and compare faster than
    # strings); the strings are made once per distinct key and pair at the end.
    numbers: dict[str, int] = {}
    key_ids = {g: [numbers.setdefault(k, len(numbers)) for k in per] for g, per in group_keys(store).items()}
    names = list(numbers)
    width = len(names)
    lengths = [[0] * len(docs) for _ in range(FIELDS)]
    docs_of = [[[] for _ in range(width)] for _ in range(FIELDS)]  # [field][key] -> documents
    tfs_of = [[[] for _ in range(width)] for _ in range(FIELDS)]
    # A pair's documents: most pairs are in one document only, kept as its number rather than
    # as a list of one (330,000 pairs at 10,000 articles, 200,000 of them in one document).
    pairs: dict[int, int | list[int]] = {}
    for number, doc in enumerate(docs):
        ids = key_ids[doc.group]
        adjacent: set[int] = set()
        for f, stream in enumerate(store.fields(doc.id)):
            lengths[f][number] = len(stream)
            mapped = list(map(ids.__getitem__, stream))
            field_docs, field_tfs = docs_of[f], tfs_of[f]
            for k, count in Counter(mapped).items():
                field_docs[k].append(number)
                field_tfs[k].append(count)
            adjacent.update(map(add, map(width.__mul__, mapped), mapped[1:]))  # pair = first*width + second
        for pair in adjacent:
            known = pairs.setdefault(pair, number)
            if known is not number:  # the pair was in an earlier document too
                if known.__class__ is int:
                    pairs[pair] = [known, number]
                else:
                    known.append(number)
    postings = {}
    for k, name in enumerate(names):
        entry = Postings([docs_of[f][k] for f in range(FIELDS)], [tfs_of[f][k] for f in range(FIELDS)])
        if any(entry.docs):
            postings[name] = entry
    pair_docs = {pair_key(names[p // width], names[p % width]): d for p, d in pairs.items()}
    return Corpus(docs, lengths, postings, pair_docs)


def postings_of(wanted: set[str], docs: list[SearchDoc], store: TokenStore) -> dict[str, Postings]:
    """The postings of a few keys, found by scanning the cached token streams (no inversion)."""
    keys = group_keys(store)
    hits = {g: {word for word, key in enumerate(per) if key in wanted} for g, per in keys.items()}
    found: dict[str, Postings] = defaultdict(Postings)
    for number, doc in enumerate(docs):
        words, key_of = hits[doc.group], keys[doc.group]
        for f, stream in enumerate(store.fields(doc.id)):
            if words.isdisjoint(stream):
                continue
            counts: dict[str, int] = {}
            for word, count in Counter(filter(words.__contains__, stream)).items():
                counts[key_of[word]] = counts.get(key_of[word], 0) + count
            for key, count in counts.items():
                found[key].docs[f].append(number)
                found[key].tfs[f].append(count)
    return found


def field_lengths(docs: list[SearchDoc], store: TokenStore) -> list[list[int]]:
    """[field][doc]: tokens per field, as Whoosh counts a field's length."""
    return [[len(store.fields(doc.id)[f]) for doc in docs] for f in range(FIELDS)]


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
