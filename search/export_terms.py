"""The query-side files of the export: postings shards and tails, phrase pairs, prefix buckets.

Sizes are chosen so a query downloads little: a shard holds the keys that hash to it (well
under a kilobyte gzipped), a very common term keeps only its best ``HEAD`` documents in its
shard and the rest in a tail file that the browser fetches only when a query needs it.

Every file is a function of the keys hashed into it, and file counts follow from content
statistics (``Totals``), so an update re-encodes only the files whose keys changed
(``search/incremental.py``) and gets exactly what a fresh export would.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass

from .format import SHORT_PREFIX_TOP, deltas, prefix_keys, slot, term_spec
from .scoring import Quantizer

HEAD = 48  # documents kept in a common term's shard entry
QUANTIZER = Quantizer()
# Units per file, on average: a posting (document and score) in a shard or tail, a document in
# a pair's list, a word in a prefix bucket. About 1.5 kB of JSON (700 bytes gzipped) per shard.
# A query needs one term's tail from a tail file, and most tails are short (a median of 55
# postings at 2,000 articles): a file holds a few of them, not ten.
PER_SHARD = 320
PER_TAIL = 400
PER_PAIR_SHARD = 2400  # pairs are fetched only for phrases
PER_BUCKET = 40
KEY_UNITS = 3  # what a key itself costs, in units


@dataclass
class Totals:
    """Content statistics that decide how many files each part is spread over."""

    postings: int = 0  # sum over keys of min(df, HEAD) + KEY_UNITS
    tails: int = 0  # sum over keys of max(0, df - HEAD)
    pairs: int = 0  # sum over pairs of documents + KEY_UNITS
    words: int = 0  # vocabulary rows

    def add_key(self, df: int, sign: int = 1) -> None:
        self.postings += sign * (min(df, HEAD) + KEY_UNITS)
        self.tails += sign * max(0, df - HEAD)

    def add_pair(self, df: int, sign: int = 1) -> None:
        self.pairs += sign * (df + KEY_UNITS)

    def counts(self) -> dict[str, int]:
        return {"shards": _power_of_two(self.postings / PER_SHARD), "tails": _power_of_two(self.tails / PER_TAIL),
                "pairs": _power_of_two(self.pairs / PER_PAIR_SHARD), "prefixes": _power_of_two(self.words / PER_BUCKET)}

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _power_of_two(value: float) -> int:
    # Powers of two: a growing archive changes the counts (and so every file) rarely.
    count = 1
    while count < value:
        count *= 2
    return count


def dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def text(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def numbers(values: list[int]) -> str:
    return "[" + ",".join(map(str, values)) + "]"


def entry_texts(docs: list[int], scores: list[float], headline: set[int]) -> tuple[str, str | None]:
    """A term's shard entry ``[df, ids, scores(, tail_max)]`` and, if it has one, its tail.

    The head of a common term: its ``HEAD`` best documents and every document with the term in
    its title or tags (``headline``), so that an article found by words of its headline is in
    the head of each of them: its results are then certain without any tail."""
    quant = QUANTIZER.encode_all(scores)
    if len(docs) <= HEAD:
        return f"[{len(docs)},{numbers(deltas(docs))},{numbers(quant)}]", None
    # Best first by exact score; equal scores favour the earlier report (the sort is stable and
    # documents are oldest first), as results do.
    ranked = sorted(range(len(docs)), key=scores.__getitem__, reverse=True)
    chosen = set(ranked[:HEAD]) | {i for i in ranked[HEAD:] if docs[i] in headline}
    if len(chosen) == len(docs):
        return f"[{len(docs)},{numbers(deltas(docs))},{numbers(quant)}]", None
    head, tail = sorted(chosen), [i for i in range(len(docs)) if i not in chosen]
    tail_text = f"[{numbers(deltas(docs[i] for i in tail))},{numbers([quant[i] for i in tail])}]"
    head_ids, head_scores = numbers(deltas(docs[i] for i in head)), numbers([quant[i] for i in head])
    return f"[{len(docs)},{head_ids},{head_scores},{max(map(quant.__getitem__, tail))}]", tail_text


def pair_text(docs: list[int]) -> str:
    return str(docs[0]) if len(docs) == 1 else numbers(deltas(docs))


def shard_file(entries: dict[str, str]) -> bytes:
    # Keys are analysed tokens (word characters, dots, "~" and a space): no JSON escaping needed.
    return ("{" + ",".join(f'"{key}":{entries[key]}' for key in sorted(entries)) + "}").encode("utf-8")


def sharded(folder: str, entries: dict[str, str], count: int, only: set[int] | None = None) -> dict[str, bytes]:
    """``entries`` (pre-encoded) spread over ``count`` files by the hash of their keys (only the
    files numbered in ``only``, if given)."""
    shards: dict[int, dict[str, str]] = {n: {} for n in (range(count) if only is None else only)}
    for key, value in entries.items():
        shard = shards.get(slot(key, count))
        if shard is not None:
            shard[key] = value
    return {f"{folder}/{number}.json": shard_file(shard) for number, shard in shards.items()}


def buckets(vocabulary: list[list]) -> dict[str, str]:
    """Prefix buckets: every word under its first three characters; under its first one and
    two, only the best completions (and the word itself when it is that short).

    ``vocabulary`` is sorted best completion first, so every bucket is too."""
    found: dict[str, list] = defaultdict(list)
    short_keys: dict[str, set[str]] = defaultdict(set)
    for word, key, df, word_df in vocabulary:
        entry = [word, term_spec(word, key), df, word_df]
        for prefix in prefix_keys(word):
            if len(prefix) == 3:
                found[prefix].append(entry)
                continue
            seen = short_keys[prefix]
            if word == prefix or (key not in seen and len(seen) < SHORT_PREFIX_TOP):
                seen.add(key)
                found[prefix].append(entry)
    return {prefix: text(entries) for prefix, entries in found.items()}
