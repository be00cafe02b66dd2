"""BM25F as Whoosh computes it, per term and document, and its one-byte quantization.

Whoosh scores a term in one field as ``idf * tf*(K1+1) / (tf + K1*(1-B + B*len/avglen))`` with
``idf = log(N/(df+1)) + 1`` (df per field) and ``len`` the field length as Whoosh stores it (a
one-byte approximation). A query term searched in every field scores the boosted sum over
fields; that sum, for each (term, document), is what the export precomputes.

The collection statistics N and the average field lengths are rounded to two significant
digits (here and, through ``SnappedBM25F``, in the CLI's Whoosh searches): scores then stay the
same while an archive grows a little, so a new article re-scores only the terms it contains,
and the export can be updated instead of recomputed. Scores move by a percent or two at most.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from whoosh.util.numeric import byte_to_length, length_to_byte

from .analysis import PLAIN, STEMMED
from .corpus import Postings
from .documents import BOOSTS, TEXT_FIELDS

K1 = 1.2
B = 0.75
FIELD_BOOSTS = [BOOSTS[name] for name in TEXT_FIELDS]
LEVELS = 255  # quantized scores are 1..255; 0 never occurs


def snap(value: float) -> float:
    """Two significant digits: 2049 -> 2000, 312.4 -> 310."""
    return float(f"{value:.2g}") if value else 0.0


@dataclass(frozen=True)
class Stats:
    n: float  # snapped
    average: dict[str, list[float]]  # group -> per field: snapped total length / N (Whoosh's average)
    stored: list[list[float]]  # [field][doc]: the length as Whoosh stores it

    def key(self) -> list:
        return [self.n, self.average]


def collection_stats(lengths: list[list[int]], groups: list[str]) -> Stats:
    """From each document's field lengths ([field][doc]) and analysis group."""
    n = len(groups)
    totals = {STEMMED: [0] * len(TEXT_FIELDS), PLAIN: [0] * len(TEXT_FIELDS)}
    for number, group in enumerate(groups):
        for f in range(len(TEXT_FIELDS)):
            totals[group][f] += lengths[f][number]
    # Whoosh: ``avg_field_length(...) or 1``: an empty field averages 1, never 0.
    average = {g: [snap(t / n if n else 0) or 1 for t in per] for g, per in totals.items()}
    stored = [[byte_to_length(length_to_byte(x)) for x in per_field] for per_field in lengths]
    return Stats(snap(n), average, stored)


def term_scores(postings: Postings, group: str, stats: Stats) -> tuple[list[int], list[float]]:
    """Ascending documents of one term and their boosted BM25F sums over the fields."""
    total: dict[int, float] = {}
    for f, (docs, tfs) in enumerate(zip(postings.docs, postings.tfs, strict=True)):
        if not docs:
            continue
        idf = math.log(stats.n / (len(docs) + 1)) + 1
        weight = FIELD_BOOSTS[f] * idf * (K1 + 1)
        scale, base, stored = K1 * B / stats.average[group][f], K1 * (1 - B), stats.stored[f]
        get = total.get
        for doc, tf in zip(docs, tfs, strict=True):
            # Whoosh: idf * tf*(K1+1) / (tf + K1*((1-B) + B*len/avg)), times the field's boost
            total[doc] = get(doc, 0.0) + weight * tf / (tf + base + scale * stored[doc])
    docs = sorted(total)
    return docs, [total[d] for d in docs]


@dataclass(frozen=True)
class Quantizer:
    """Log-scale bytes over a fixed range: equal relative precision (3%) for every score, and the
    same byte for the same score in every build (so unchanged terms export unchanged)."""

    low: float = 0.1
    step: float = math.log(250 / 0.1) / (LEVELS - 1)

    def encode(self, score: float) -> int:
        q = 1 + round(math.log(max(score, self.low) / self.low) / self.step)
        return min(LEVELS, max(1, q))

    def encode_all(self, scores: list[float]) -> list[int]:
        """``encode`` for many scores at once."""
        low, start, scale, log = self.low, math.log(self.low), 1 / self.step, math.log
        return [min(LEVELS, int((log(max(s, low)) - start) * scale + 1.5)) for s in scores]

    def decode(self, q: int) -> float:
        return self.low * math.exp((q - 1) * self.step)
