"""Which dependency keys an edit touched: the last build's Site compared with the new one.

Keys are those ``render/deps.py`` records while pages render: ``(kind, identity, attribute)``
for model objects, ``("article-tags", id)``, ``("template", name)`` and ``("asset", name)``.
Unchanged files come back from the reader's memo as the very same objects, so comparing
ten thousand articles is mostly ``is`` checks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from functools import cache

from ..model import Site
from ..render.deps import ALL, Key, SiteView
from ..render.theme import Asset


@cache
def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _properties(cls: type) -> tuple[str, ...]:
    return tuple(name for name in dir(cls) if isinstance(getattr(cls, name, None), property))


def _diff(keys: set[Key], kind: str, old: Mapping[str, object], new: Mapping[str, object]) -> None:
    for ident in old.keys() | new.keys():
        before, after = old.get(ident), new.get(ident)
        if before is after:
            continue
        cls = type(after if after is not None else before)
        if before is None or after is None:
            names = [*_fields(cls), *_properties(cls)]
        else:
            names = [name for name in _fields(cls) if getattr(before, name) != getattr(after, name)]
            if names:  # a property (tag.count) may change with any field
                names += _properties(cls)
        keys.update((kind, ident, name) for name in names)


def _months(site: Site) -> dict[str, object]:
    return {f"{m.year}/{m.month:02d}": m for y in site.years for m in y.months}


def site_changes(old: Site, new: Site) -> set[Key]:
    keys: set[Key] = set()
    _diff(keys, "article", old.by_id, new.by_id)
    _diff(keys, "source", old.sources, new.sources)
    _diff(keys, "tag", old.tags, new.tags)
    _diff(keys, "story", old.stories, new.stories)
    _diff(keys, "year", {str(y.year): y for y in old.years}, {str(y.year): y for y in new.years})
    _diff(keys, "month", _months(old), _months(new))
    for ident in old.article_tags.keys() | new.article_tags.keys():
        before = [t.key for t in old.article_tags.get(ident, ())]
        if before != [t.key for t in new.article_tags.get(ident, ())]:
            keys.add(("article-tags", ident))
    return keys


def template_changes(old: Mapping[str, str], new: Mapping[str, str]) -> set[Key]:
    return {("template", name) for name in old.keys() | new.keys() if old.get(name) != new.get(name)}


def asset_changes(old: Mapping[str, Asset], new: Mapping[str, Asset]) -> set[Key]:
    """Assets whose URL changed (or that came or went); a changed file under the same URL
    is copied, but no page has to change for it."""
    def url(assets: Mapping[str, Asset], name: str) -> str | None:
        return assets[name].output if name in assets else None

    return {("asset", name) for name in old.keys() | new.keys() if url(old, name) != url(new, name)}


def _tag_keys(tags: tuple) -> tuple[str, ...]:
    return tuple(t.key for t in tags)


# How an entry of each of the Site's mappings is compared. By value, as context builders copy
# values out of them (a title, a body); but an article's tags by their keys: a context holds
# Tag objects, which pages compare by identity (what templates read from them is tracked).
_SAME_ENTRY = {"article_tags": lambda a, b: _tag_keys(a) == _tag_keys(b)}
_MISSING = object()


def entry_changes(old: Site, new: Site) -> set[Key]:
    """The entries of the site (``SiteView``'s keys) that differ between two builds."""
    keys: set[Key] = set()
    for name in SiteView.MAPPINGS:
        before, after = getattr(old, name), getattr(new, name)
        equal = _SAME_ENTRY.get(name)
        changed = False
        for key in before.keys() | after.keys():
            a, b = before.get(key, _MISSING), after.get(key, _MISSING)
            if a is b:
                continue
            if a is _MISSING or b is _MISSING or not (equal(a, b) if equal else a == b):
                keys.add((name, key))
                changed = True
        if changed or list(before) != list(after):
            keys.add((name, ALL))
    if [a.id for a in old.articles] != [a.id for a in new.articles]:
        keys.add(("articles", ALL))
    if old.years != new.years:
        keys.add(("years", ALL))
    return keys
