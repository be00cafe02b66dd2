"""Names and reasons: a story's stable slug, its headline, and why its articles were joined."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...slugs import slugify
from .pairs import Item
from .text import Features, cosine, lead, numbers, shingles
from .text import names as text_names

SLUG_WORDS = 6
# Words every report uses: true of any two articles, so no reason shown to a curator.
_REPORTING = frozenset("said says say told also would could us mr mrs ms new year".split())
SHOWN = 8  # terms, names or numbers listed as evidence
QUOTES_SHOWN = 3


@dataclass(frozen=True)
class Evidence:
    """What the articles of a story (or two articles) share, most telling first."""

    terms: tuple[str, ...] = ()  # key words in at least two of them
    quotes: tuple[str, ...] = ()  # quoted passages (six words or more) in at least two
    names: tuple[str, ...] = ()  # names in at least two
    numbers: tuple[str, ...] = ()  # figures in at least two

    def summary(self) -> str:
        parts = []
        if self.quotes:
            parts.append(f"{len(self.quotes)} shared quote{'s' if len(self.quotes) > 1 else ''}")
        if self.names:
            parts.append("names: " + ", ".join(self.names[:5]))
        if self.terms:
            parts.append("words: " + ", ".join(self.terms[:6]))
        if self.numbers:
            parts.append("figures: " + ", ".join(self.numbers[:4]))
        return "; ".join(parts) or "nothing specific"


def evidence(members: Sequence[tuple[Item, Features]]) -> Evidence:
    """What at least two of these articles share, ranked by how many share it, then weight.

    Names and figures are read here, for these articles only: as pair signals they added nothing
    measurable on the dev set, so the features every article carries leave them out."""
    terms: Counter[str] = Counter()
    weights: Counter[str] = Counter()
    names: Counter[str] = Counter()
    figures: Counter[str] = Counter()
    windows: Counter[str] = Counter()
    written: dict[str, str] = {}
    name_forms: dict[str, str] = {}
    for item, f in members:
        terms.update(f.terms.keys())
        weights.update(f.terms)
        windows.update(f.shingles)
        for term, word in f.words.items():
            written.setdefault(term, word)
        text = f"{item.headline}.\n{item.dek}\n{lead(item.text)}"
        mine = text_names(text)
        names.update(mine.keys())
        for key, form in sorted(mine.items()):
            name_forms.setdefault(key, form)
        figures.update(numbers(text))
    return Evidence(
        terms=tuple(w for w in (written.get(t) for t in _shared(terms, weights)) if w and w not in _REPORTING)[:SHOWN],
        quotes=_shared_quotes([f for _, f in members], {w for w, n in windows.items() if n >= 2}),
        names=tuple(name_forms[n] for n in _without_parts(_shared(names)))[:SHOWN],
        numbers=tuple(_shared(figures))[:SHOWN],
    )


def _shared(counts: Counter, weight: Mapping[str, float] | None = None) -> list:
    """What at least two have, the most widely shared first, then the weightiest, then A-Z."""
    ranked = [k for k, n in counts.items() if n >= 2]
    return sorted(ranked, key=lambda k: (-counts[k], -(weight.get(k, 0.0) if weight else 0.0), k))


def _without_parts(names: list[str]) -> list[str]:
    """"Stoltenberg" is redundant beside "Jens Stoltenberg"."""
    kept = []
    for name in names:
        if not any(name != other and f" {name} " in f" {other} " for other in names):
            kept.append(name)
    return kept


def _shared_quotes(features: Sequence[Features], windows: set[str]) -> tuple[str, ...]:
    """Each quoted passage, as first written, that carries a window another article carries."""
    found: list[str] = []
    covered: set[str] = set()
    for f in features:
        for quote in f.quotes:
            mine = set(shingles(quote)) & windows
            if mine and not mine <= covered:
                found.append(quote)
                covered |= mine
    return tuple(found[:QUOTES_SHOWN])


def slug_for(first: Item, taken: set[str]) -> str:
    """``<day>-<the first words of its earliest article's headline>``.

    Taken from the earliest article alone, so articles that join later never move it."""
    day = first.published.date().isoformat()
    words = slugify(first.headline).split("-")
    slug = "-".join([day, *words[:SLUG_WORDS]]).strip("-")
    if slug in taken:  # another story starts the same day with the same words
        slug = "-".join([day, slugify(first.id.replace("/", "-"))])
    n = 2
    base = slug
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def representative(first_day: Sequence[Item], features: Mapping[str, Features]) -> Item:
    """The first day's article most like the rest of that day's coverage; ``first_day`` is in
    publication order, and of equally representative ones the earliest wins."""
    def closeness(item: Item) -> float:
        mine = features[item.id]
        return math.fsum(cosine(mine.terms, features[o.id].terms) for o in first_day if o.id != item.id)

    return max(first_day, key=closeness)  # max() keeps the first of equals


def first_day(items: Sequence[Item]) -> list[Item]:
    day = min(i.day for i in items)
    return [i for i in items if i.day == day]


def chronological(items: Sequence[Item]) -> list[Item]:
    return sorted(items, key=lambda i: (i.published, i.id))

