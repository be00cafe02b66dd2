"""The grouping cache in a file, so that a build starts where the last one ended.

A build without it regroups every article: a 10,000-article archive spends 3.3 s analysing
texts and scoring pairs that did not change. The file holds what ``GroupingCache`` holds (each
content's features, the pair scores, the last weighing, the last stories' evidence) and is
read back into the same values, so grouping gives the very same result with it as without.

JSON, never pickle: the file lives in the site folder, and reading it must never run code. The
first line is a header: the ``stamp`` of the code and settings the values were made with (a new
version or other settings start from nothing, without reading further) and a digest of the
second line, the body, so a damaged file is ignored rather than half believed (a body that
matches it is one ``encode`` wrote). Compact where it is large: content is named by digest
rather than by its text; an article's term weights, which take few distinct values in order, as
runs; quotation shingles not at all (they follow from the quotes, ``Features.shingles``).
Each article's features are a JSON text of their own, parsed only when needed: a build that
changed little compares few articles again (at 10,000 articles, parsing them all took 0.5 s).
Floats are written as Python writes them, which reads back exactly: rounding would change the
scores of new pairs against cached features.
"""

from __future__ import annotations

import array
import base64
import hashlib
import itertools
import json
import math
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path

import whoosh

import search.analysis

from ...write import replace_file
from . import Settings
from .explain import Evidence
from .pairs import GroupingCache, Pair, _Member
from .text import Features, content_digest

FORMAT = 1
# What a damaged or foreign file can raise while it is read; any of them means: start afresh.
_UNREADABLE = (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, RecursionError)


@cache
def _code() -> str:
    """The code the cached values come from: this package and the text analysis it shares with
    search (with Whoosh's stemmer and stop words, and the Unicode tables behind ``\\w``); and
    the machine's layout of the arrays the pairs are stored in."""
    files = [*sorted(Path(__file__).parent.glob("*.py")), Path(search.analysis.__file__)]
    h = hashlib.blake2b(digest_size=16)
    layout = f"{sys.byteorder} {array.array('i').itemsize} {array.array('d').itemsize}"
    for part in (str(FORMAT), sys.version, layout, whoosh.versionstring(), unicodedata.unidata_version):
        h.update(part.encode() + b"\0")
    for file in files:
        h.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return h.hexdigest()


def stamp(settings: Settings) -> str:
    """The code and the settings the cached values depend on. Not the threshold: it decides
    only how the cached weights are clustered, which is redone on every build."""
    return hashlib.blake2b(f"{_code()}\0{settings.window_days}\0{settings.model!r}".encode(),
                           digest_size=16).hexdigest()


def load(path: Path, settings: Settings) -> GroupingCache:
    """The cache saved in ``path`` for these settings; an empty one when there is none, or it was
    made by other code or settings, or it is damaged (that only costs the time to regroup)."""
    try:
        with open(path, "rb") as handle:
            header = json.loads(handle.readline())
            if header.get("stamp") != stamp(settings):
                return GroupingCache(window_days=settings.window_days)
            body = handle.read()
        if header.get("digest") != _digest(body):
            return GroupingCache(window_days=settings.window_days)
        return decode(json.loads(body.decode("utf-8", "surrogatepass")), settings)
    except _UNREADABLE:
        return GroupingCache(window_days=settings.window_days)


def save(path: Path, cache: GroupingCache, settings: Settings) -> None:
    """Write the cache for the next build, atomically: a build killed meanwhile leaves the old
    file or the new one, never half of one. ``settings``: those the cache was last used with."""
    if cache.window_days != settings.window_days:
        raise ValueError(f"the cache was made for window_days={cache.window_days}, not {settings.window_days}")
    body = json.dumps(encode(cache, settings), ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8", "surrogatepass")
    header = json.dumps({"format": FORMAT, "stamp": stamp(settings), "digest": _digest(body)}).encode()
    replace_file(path, header + b"\n" + body)
    cache.unsaved = False


def _digest(body: bytes) -> str:
    return hashlib.blake2b(body, digest_size=16).hexdigest()


def encode(cache: GroupingCache, settings: Settings) -> dict:
    """The cache as plain JSON values (articles by their position in ``articles``)."""
    if cache.digested:
        raise ValueError("a cache read from a file is saved after it has been used")
    index = {aid: n for n, aid in enumerate(cache.members)}
    names = {key: content_digest(key) for key in dict.fromkeys(m.key for m in cache.members.values())}
    holder = {}  # content key -> an article that has it (evidence names content by its articles)
    for aid, member in cache.members.items():
        holder.setdefault(member.key, index[aid])
    weighed = cache.weights is not None and cache.weighed_for is not None and cache.weighed_for[0] == settings.model
    weights = cache.weights if weighed else {}
    return {
        "articles": [[aid, names[m.key], m.day] for aid, m in cache.members.items()],
        "features": {names[key]: _row(cache.features[key]) for key in names},
        "pairs": _pairs(cache.pairs, index, weights),
        "excluded": list(cache.weighed_for[1]) if weighed else None,
        "evidence": [[[holder[k] for k in key], *map(list, (e.terms, e.quotes, e.names, e.numbers))]
                     for key, e in cache.evidence.items() if all(k in holder for k in key)
                     and isinstance(e, Evidence)],
    }


def decode(body: dict, settings: Settings) -> GroupingCache:
    """The cache that ``encode`` wrote; its content keys are digests until its next ``update``.
    Raises one of ``_UNREADABLE`` for anything that is not what ``encode`` writes."""
    cache = GroupingCache(window_days=settings.window_days, digested=True, unsaved=False)
    ids = []
    for aid, name, day in body["articles"]:
        aid, name, day = _text(aid), _text(name), int(day)
        cache.members[aid] = _Member(name, day)
        cache.by_day[day].add(aid)
        ids.append(aid)
    if len(ids) != len(cache.members):
        raise ValueError("an article is listed twice")
    cache.features = {_text(name): _Row(_text(row)) for name, row in body["features"].items()}
    if any(m.key not in cache.features for m in cache.members.values()):
        raise KeyError("an article's features are missing")
    columns = {name: _array(body["pairs"][name], code) for name, code in _PAIR_COLUMNS}
    ends = columns["a"] + columns["b"]
    if ends and not (min(ends) >= 0 and max(ends) < len(ids)):
        raise IndexError("no such article")
    weights = {}
    for a, b, text, title, quotes, days, weight in zip(*columns.values(), strict=True):
        key = (ids[a], ids[b])
        if key[0] >= key[1] or min(quotes, days) < 0:
            raise ValueError("a pair is out of order")
        cache.pairs[key] = Pair(text, title, quotes, days)
        if weight == weight:  # NaN (not equal to itself): not weighed
            weights[key] = weight
    if body["excluded"] is not None:
        cache.weights, cache.weighed_for = weights, (settings.model, tuple(map(_text, body["excluded"])))
    for holders, terms, quotes, names, numbers in body["evidence"]:
        key = tuple(cache.members[ids[_position(n, ids)]].key for n in holders)
        cache.evidence[key] = Evidence(*(tuple(map(_text, x)) for x in (terms, quotes, names, numbers)))
    return cache


# The pairs, column by column: the articles' positions, the Pair's fields and the weight. As
# arrays in the machine's own layout (the stamp names it): reading 30,000 pairs' floats from
# decimal text took a quarter of the load.
_PAIR_COLUMNS = (("a", "i"), ("b", "i"), ("text", "d"), ("title", "d"), ("quotes", "i"), ("days", "i"),
                 ("weight", "d"))


def _pairs(pairs: dict[tuple[str, str], Pair], index: dict[str, int], weights: dict) -> dict[str, str]:
    values = {
        "a": [index[a] for a, _ in pairs], "b": [index[b] for _, b in pairs],
        "text": [p.text for p in pairs.values()], "title": [p.title for p in pairs.values()],
        "quotes": [p.quotes for p in pairs.values()], "days": [p.days for p in pairs.values()],
        "weight": [weights.get(key, math.nan) for key in pairs],  # weights are never NaN
    }
    return {name: base64.b64encode(array.array(code, values[name]).tobytes()).decode("ascii")
            for name, code in _PAIR_COLUMNS}


def _array(text: str, code: str) -> list:
    values = array.array(code)
    values.frombytes(base64.b64decode(_text(text), validate=True))
    return values.tolist()


class _Row:
    """One content's features as the file holds them, until they are needed."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __call__(self) -> Features:
        return _decode_features(json.loads(self.text))


def _row(features: Features | Callable[[], Features]) -> str:
    if isinstance(features, _Row):
        return features.text  # as read: never parsed, so unchanged
    if not isinstance(features, Features):
        features = features()
    return json.dumps(_encode_features(features), ensure_ascii=False, separators=(",", ":"))


def _encode_features(f: Features) -> list:
    words = list(f.words.values()) if list(f.words) == list(f.terms)[:len(f.words)] else f.words
    return [_joined(f.terms), _runs(f.terms.values()), _joined(f.title_terms), _runs(f.title_terms.values()),
            list(f.quotes), _joined(words) if isinstance(words, list) else words]


def _decode_features(row: Sequence) -> Features:
    terms, weights, title, title_weights, quotes, words = row
    terms, title = _split(terms), _split(title)
    spelled = dict(zip(terms, _split(words), strict=False)) if not isinstance(words, dict) else {
        _text(k): _text(v) for k, v in words.items()}
    return Features(terms=dict(zip(terms, _expand(weights), strict=True)),
                    title_terms=dict(zip(title, _expand(title_weights), strict=True)),
                    quotes=tuple(map(_text, quotes)), words=spelled)


def _joined(words: Iterable[str]) -> str | list[str]:
    """Words (stems, spellings) as one string, as they never hold a space; a list if one did."""
    words = list(words)
    return " ".join(words) if all(w and " " not in w for w in words) else words


def _split(words: str | list) -> list[str]:
    if isinstance(words, str):
        return words.split(" ") if words else []
    return [_text(w) for w in words]


def _runs(values: Iterable[float]) -> list:
    """[value, times, value, times, ...]: an article's weights come sorted, with few distinct values."""
    return [x for value, run in itertools.groupby(values) for x in (value, sum(1 for _ in run))]


def _expand(runs: Sequence) -> list[float]:
    return [float(value) for value, times in zip(runs[::2], runs[1::2], strict=True) for _ in range(int(times))]


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, not {type(value).__name__}")
    return value


def _position(value: object, ids: list[str]) -> int:
    if not isinstance(value, int) or not 0 <= value < len(ids):
        raise IndexError("no such article")
    return value
