"""How alike two articles are, and the cache that keeps those scores between builds.

A pair's score depends on the two articles only (their features, days and sources), so an edit
re-scores just the edited article against the articles within the window, and everything else
comes from the cache. Pairs too unlike to matter are not kept at all.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .text import Features, analyse, content_digest, content_key, cosine

# Pairs less alike than this (word cosine) are never grouped and not kept: on the dev set, no
# two articles of one story are below it, while about half of the pairs within three days are.
KEEP_TEXT = 0.1
QUOTE_DAYS = 3  # a quotation shared further apart is an old quote repeated, not the same event


@dataclass(frozen=True)
class Item:
    """What grouping needs of one article.

    The source is not among the signals: one outlet's two reports of an event are one story as
    much as two outlets' are (and the dev set, whose stories pick different outlets by design,
    cannot say how much the same source should count)."""

    id: str
    headline: str
    dek: str
    text: str  # the body, plain or Markdown (its markup is ignored)
    published: dt.datetime  # timezone-aware; a bare date is midnight
    source: str
    story: str | None = None  # a curator's `story: slug`: always this story
    auto: bool = True  # False for `story: false`: never in an automatic story
    lang: str = "en"

    @property
    def day(self) -> int:
        """Calendar day as published (in the article's own offset)."""
        return self.published.date().toordinal()


class Pair(NamedTuple):
    """The raw evidence about two articles, before it is weighed. A named tuple, not a frozen
    dataclass: a cache file's 30,000 pairs are made in a fifth of the time (store.py)."""

    text: float  # word cosine of headline, dek and text
    title: float  # word cosine of the headlines
    quotes: int  # quoted six-word windows both carry (0 when more than QUOTE_DAYS apart)
    days: int  # calendar days apart


@dataclass
class _Member:
    key: tuple[str, ...] | str  # content key of its features (a digest while ``digested``)
    day: int


@dataclass
class GroupingCache:
    """Features and pair scores kept between builds (the preview holds one; ``store.py`` keeps
    one in a file for the next build).

    ``update`` brings it up to date with a new list of articles: features are recomputed only
    for new content, pairs only for articles that are new, changed, or moved in time."""

    window_days: int = 3
    # content key -> features, or what makes them when first needed (read from a file, store.py)
    features: dict[tuple[str, ...] | str, Features | Callable[[], Features]] = field(default_factory=dict)
    members: dict[str, _Member] = field(default_factory=dict)  # article id -> what was scored
    pairs: dict[tuple[str, str], Pair] = field(default_factory=dict)  # (id, id), ids sorted
    by_day: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    evidence: dict[tuple, object] = field(default_factory=dict)  # members' content keys -> Evidence
    scored: int = 0  # pairs scored since the cache was made (the tests read it)
    changed: set[str] = field(default_factory=set)  # articles whose pairs changed since the last weighing
    weights: dict[tuple[str, str], float] | None = None  # the last weighing's result ...
    weighed_for: tuple | None = None  # ... and what it was made for (the model, who took part)
    digested: bool = False  # read from a file: content keys are digests until the next update
    unsaved: bool = True  # differs from the file it was read from or saved to (only then is it written)

    def update(self, items: Iterable[Item], window_days: int) -> None:
        if window_days != self.window_days:  # every pair's candidates change: start afresh
            self.__init__(window_days=window_days)
        items = {item.id: item for item in items}
        keys = {aid: content_key(i.headline, i.dek, i.text, i.lang) for aid, i in items.items()}
        if self.digested:
            self._adopt(keys)
        stale = [aid for aid, m in self.members.items()
                 if aid not in items or (m.key, m.day) != (keys[aid], items[aid].day)]
        for aid in stale:
            self._forget(aid)
        fresh = [aid for aid in items if aid not in self.members]
        for aid in fresh:
            if keys[aid] not in self.features:
                item = items[aid]
                self.features[keys[aid]] = analyse(item.headline, item.dek, item.text, item.lang)
        for aid in sorted(fresh):  # sorted: the same pairs are scored in the same order every time
            self._add(aid, keys[aid], items[aid])
        used = {m.key for m in self.members.values()}
        for key in [k for k in self.features if k not in used]:
            del self.features[key]

    def unanalysed(self, items: Iterable[Item]) -> list[tuple[str, ...]]:
        """Content keys of the articles whose features ``update`` would have to make: for a
        caller that makes them elsewhere first (in worker processes) and gives them to
        ``add_features``."""
        keys = {item.id: content_key(item.headline, item.dek, item.text, item.lang) for item in items}
        if self.digested:
            self._adopt(keys)
        return list(dict.fromkeys(k for k in keys.values() if k not in self.features))

    def add_features(self, keys: Iterable[tuple[str, ...]], features: Iterable[Features]) -> None:
        self.features.update(zip(keys, features, strict=True))

    def _adopt(self, keys: dict[str, tuple[str, ...]]) -> None:
        """Give each article read from a file (which names content by digest) its content key
        again, where its content is still the same; the others keep a digest, which equals no
        key, so ``update`` forgets them as it forgets any changed article."""
        self.digested = False
        named: dict = {}
        for aid, member in self.members.items():
            key = keys.get(aid)
            if key is not None and content_digest(key) == member.key:
                named[member.key] = key
                member.key = key
        self.features = {named.get(k, k): f for k, f in self.features.items()}
        self.evidence = {tuple(named.get(k, k) for k in ks): e for ks, e in self.evidence.items()}

    def _forget(self, aid: str) -> None:
        self.unsaved = True
        member = self.members.pop(aid)
        self.by_day[member.day].discard(aid)
        for day in range(member.day - self.window_days, member.day + self.window_days + 1):
            for other in self.by_day.get(day, ()):
                if self.pairs.pop(_key(aid, other), None) is not None:
                    self.changed.add(other)
        self.changed.add(aid)

    def _add(self, aid: str, key: tuple[str, ...], item: Item) -> None:
        self.unsaved = True
        mine = self._features(key)
        for day in range(item.day - self.window_days, item.day + self.window_days + 1):
            for other in sorted(self.by_day.get(day, ())):
                member = self.members[other]
                pair = score(mine, self._features(member.key), abs(item.day - day))
                self.scored += 1
                if pair is not None:
                    self.pairs[_key(aid, other)] = pair
                    self.changed.add(other)
        self.changed.add(aid)
        self.members[aid] = _Member(key, item.day)
        self.by_day[item.day].add(aid)

    def features_of(self, aid: str) -> Features:
        return self._features(self.members[aid].key)

    def _features(self, key: tuple[str, ...] | str) -> Features:
        found = self.features[key]
        if not isinstance(found, Features):
            found = self.features[key] = found()
        return found


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def score(a: Features, b: Features, days: int) -> Pair | None:
    """The pair's evidence, or None when the two are too unlike to be one story."""
    quotes = len(a.shingles & b.shingles) if days <= QUOTE_DAYS else 0
    text = cosine(a.terms, b.terms)
    if text < KEEP_TEXT and not quotes:
        return None
    return Pair(text=text, title=cosine(a.title_terms, b.title_terms), quotes=quotes, days=days)
