"""The query-side files of the export: postings shards and tails, phrase pairs, prefix buckets.

Sizes are chosen so a query downloads little: a shard holds the keys that hash to it (well
under a kilobyte gzipped), a very common term keeps only its best ``HEAD`` documents in its
shard and the rest in a tail file that the browser fetches only when a query needs it.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field

from .analysis import PLAIN, PLAIN_MARK, STEMMED
from .corpus import Corpus
from .format import SHORT_PREFIX_TOP, deltas, prefix_keys, slot, term_spec
from .scoring import Quantizer, Stats, term_scores

HEAD = 48  # documents kept in a common term's shard entry
SHARD_BYTES = 1500  # raw JSON per postings shard, on average (about 700 bytes gzipped)
TAIL_BYTES = 6000  # small tails share a file (fewer files to write; tails are seldom needed)
PAIR_BYTES = 10000  # pairs are fetched only for phrases
PREFIX_BYTES = 700


@dataclass
class TermFiles:
    files: dict[str, bytes] = field(default_factory=dict)  # path below the version folder -> data
    shards: int = 0
    pair_shards: int = 0
    prefix_shards: int = 0
    quantizer: Quantizer | None = None
    vocabulary: list[list] = field(default_factory=list)  # [word, key, df, word_df], for the CLI


def dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def _text(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _numbers(values: list[int]) -> str:
    return "[" + ",".join(map(str, values)) + "]"


def term_files(corpus: Corpus, stats: Stats, vocabulary: list[list]) -> TermFiles:
    out = TermFiles(vocabulary=vocabulary)
    scored = {key: term_scores(posts, PLAIN if key.startswith(PLAIN_MARK) else STEMMED, stats)
              for key, posts in corpus.postings.items()}
    out.quantizer = quantizer = Quantizer.fit(min((min(s) for _, s in scored.values()), default=1.0),
                                              max((max(s) for _, s in scored.values()), default=1.0))
    entries: dict[str, str] = {}
    tails = _Tails(out.files)
    for key in sorted(scored):
        entries[key] = _entry(*scored[key], quantizer, tails)
    tails.flush()
    out.shards = _sharded(out.files, "p", entries, SHARD_BYTES)
    pairs = {pair: str(docs[0]) if len(docs) == 1 else _numbers(deltas(docs))
             for pair, docs in corpus.pairs.items()}
    out.pair_shards = _sharded(out.files, "b", pairs, PAIR_BYTES)
    buckets = _buckets(vocabulary)
    out.prefix_shards = _sharded(out.files, "x", {k: _text(v) for k, v in buckets.items()}, PREFIX_BYTES)
    return out


class _Tails:
    """Tails packed in order into files of about ``TAIL_BYTES``: ``t/<file>.json`` = [tail, ...]."""

    def __init__(self, files: dict[str, bytes]):
        self.files, self.number, self.pending, self.size = files, 0, [], 0

    def add(self, text: str) -> tuple[int, int]:
        where = (self.number, len(self.pending))
        self.pending.append(text)
        self.size += len(text)
        if self.size >= TAIL_BYTES:
            self.flush()
        return where

    def flush(self) -> None:
        if self.pending:
            self.files[f"t/{self.number}.json"] = ("[" + ",".join(self.pending) + "]").encode("utf-8")
            self.number, self.pending, self.size = self.number + 1, [], 0


def _entry(docs: list[int], scores: list[float], quantizer: Quantizer, tails: _Tails) -> str:
    quant = quantizer.encode_all(scores)
    if len(docs) <= HEAD:
        return _text([len(docs), deltas(docs), quant])
    # Best first by exact score; equal scores favour the earlier report (the sort is stable and
    # documents are oldest first), as results do.
    ranked = sorted(range(len(docs)), key=scores.__getitem__, reverse=True)
    head, tail = sorted(ranked[:HEAD]), sorted(ranked[HEAD:])
    where = tails.add(_text([deltas(docs[i] for i in tail), [quant[i] for i in tail]]))
    return _text([len(docs), deltas(docs[i] for i in head), [quant[i] for i in head],
                  *where, max(map(quant.__getitem__, tail))])


def _sharded(files: dict[str, bytes], folder: str, entries: dict[str, str], target: int) -> int:
    """Spread pre-encoded ``entries`` over files of about ``target`` bytes; return the count."""
    total = sum(len(k) + len(v) + 4 for k, v in entries.items())
    count = max(1, math.ceil(total / target))
    shards: list[list[str]] = [[] for _ in range(count)]
    for key in entries:
        shards[slot(key, count)].append(key)
    for number, keys in enumerate(shards):
        # Keys are analysed tokens (word characters, dots, "~" and a space): no JSON escaping.
        body = ",".join(f'"{key}":{entries[key]}' for key in sorted(keys))
        files[f"{folder}/{number}.json"] = ("{" + body + "}").encode("utf-8")
    return count


def _buckets(vocabulary: list[list]) -> dict[str, list]:
    """Prefix buckets: every word under its first three characters; under its first one and
    two, only the best completions (and the word itself when it is that short).

    ``vocabulary`` is sorted best completion first, so every bucket is too."""
    buckets: dict[str, list] = defaultdict(list)
    short_keys: dict[str, set[str]] = defaultdict(set)
    for word, key, df, word_df in vocabulary:
        entry = [word, term_spec(word, key), df, word_df]
        for prefix in prefix_keys(word):
            if len(prefix) == 3:
                buckets[prefix].append(entry)
                continue
            seen = short_keys[prefix]
            if word == prefix or (key not in seen and len(seen) < SHORT_PREFIX_TOP):
                seen.add(key)
                buckets[prefix].append(entry)
    return dict(buckets)
