"""The static export's file format: names, layouts and the small encodings, both ways.

Everything lives below ``search/`` in the built site::

    manifest.json              the only fixed name; small; says where everything else is
    meta-<hash>.json           sources (key, name, label, type) in card order, site language
    facets-<hash>.json         filter lists: documents per source, year, language, top tags
    tags-<hash>.json           documents per tag, every tag (fetched only to filter by a rare tag)
    <version>/p/<slot>.json    postings shards: {key: [df, ids, scores(, tail_max)]}
    <version>/t/<slot>.json    the rest of very common terms' postings: {key: [ids, scores]}
    <version>/b/<slot>.json    adjacent-pair shards for phrases: {"a b": ids}
    <version>/x/<slot>.json    prefix buckets: {prefix: [[word, term, df, word_df], ...]}
    c/<block hash>/<doc>.json  one result card: [id, title, day, source, section, lead(, lang)]

``ids`` are ascending document numbers, delta-encoded; scores are one byte each
(:class:`search.scoring.Quantizer`, parameters in the manifest). A key is the analysed term (its stem for English),
prefixed with ``~`` for the plain analysis group. Shards are chosen by the CRC-32 of the key's
UTF-8 bytes, modulo the shard count given in the manifest.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from operator import sub

from .analysis import PLAIN_MARK, key_hash

FORMAT = 1
CARD_BLOCK = 256  # cards are versioned per block of documents: old blocks stay cached
SHORT_PREFIX_TOP = 16  # a one- or two-letter prefix lists this many completions


def deltas(ids: Iterable[int]) -> list[int]:
    ids = list(ids)
    return list(map(sub, ids, [0, *ids[:-1]]))


def undeltas(values: Iterable[int]) -> list[int]:
    out, total = [], 0
    for value in values:
        total += value
        out.append(total)
    return out


def slot(key: str, count: int) -> int:
    return key_hash(key) % count


def digest(data: bytes, length: int = 10) -> str:
    return hashlib.sha256(data).hexdigest()[:length]


def prefix_keys(word: str) -> list[str]:
    """The buckets a word is listed in: its first one, two and three characters."""
    return [word[:n] for n in (1, 2, 3) if len(word) >= n]


def term_spec(word: str, key: str) -> int | str:
    """How a bucket entry names its term: a length when the stem is a prefix of the word
    (``elections`` -> 5 for ``elect``), ``"~"`` for the plain-group key of the word itself,
    else the stem."""
    if key == PLAIN_MARK + word:
        return PLAIN_MARK
    if word.startswith(key):
        return len(key)
    return key


def term_from_spec(word: str, spec: int | str) -> str:
    if spec == PLAIN_MARK:
        return PLAIN_MARK + word
    if isinstance(spec, int):
        return word[:spec]
    return spec
