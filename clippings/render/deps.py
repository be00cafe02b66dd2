"""What a rendered page depends on, so the preview re-renders only pages whose inputs changed.

Two records per page, as Lektor keeps them:

- its *context*, compared with the next build's by ``same``: model objects (article, source,
  tag, …) by identity, everything else by value, so it differs when the page lists other
  things, in another order, or copies other values (a title, a body) into its context;
- its *reads*: the keys ``(kind, identity, attribute)`` the templates actually read from model
  objects (``article.title``, ``tag.count``), recorded as they render, plus the templates and
  theme assets they used.

A page is stale when its context differs or one of its reads is among the keys a change
touched (``preview/changes.py`` computes those). Building the contexts of ten thousand pages
on every edit would cost more than rendering the few that changed, so ``SiteView`` notes
which entries of the site each context was built from; only contexts built from a changed
entry are built again and compared.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Hashable

from ..model import Article, Month, Source, Story, Tag, Year
from .pages import Page

Key = tuple[Hashable, ...]

# Objects a page can read attributes from, and how each is named in a dependency key.
IDENTITY: dict[type, Callable[[object], tuple[str, str]]] = {
    Article: lambda a: ("article", a.id),
    Source: lambda s: ("source", s.key),
    Tag: lambda t: ("tag", t.key),
    Story: lambda s: ("story", s.slug),
    Year: lambda y: ("year", str(y.year)),
    Month: lambda m: ("month", f"{m.year}/{m.month:02d}"),
}
# Compared by value: plain values, and the page itself (frozen, it holds only plain values).
_VALUES: set[type] = {str, int, float, bool, type(None), dt.date, dt.datetime, dt.timedelta, Page}


def same(old: object, new: object) -> bool:
    """Whether two page contexts show the same: model objects by identity, the rest by value.

    Unchanged parts of a rebuilt site are mostly the very same objects, so most comparisons
    end at ``is``; what a template reads *from* a model object is checked through its reads."""
    if old is new:
        return True
    kind = type(old)
    if kind is not type(new):
        return False
    if kind in _VALUES:
        return old == new
    named = IDENTITY.get(kind)
    if named is not None:
        return named(old) == named(new)
    if kind is dict:
        return _same_dicts(old, new)  # type: ignore[arg-type]
    if kind is list or kind is tuple:
        if len(old) != len(new):  # type: ignore[arg-type]
            return False
        for a, b in zip(old, new, strict=True):  # noqa: SIM110 (a loop: faster than all() here)
            if a is not b and not same(a, b):
                return False
        return True
    if dataclasses.is_dataclass(old):
        fields = _FIELDS.get(kind) or _FIELDS.setdefault(kind, tuple(f.name for f in dataclasses.fields(old)))
        return all(same(getattr(old, name), getattr(new, name)) for name in fields)
    # An unknown type in a context would make the preview guess; better fail loudly in tests.
    raise TypeError(f"cannot track a {kind.__name__} in a page context")


def _same_dicts(old: dict, new: dict) -> bool:
    # A plain loop: this runs for every page of the site on every edit.
    if len(old) != len(new) or list(old) != list(new):
        return False
    for key, value in old.items():
        other = new[key]
        if value is not other and not same(value, other):
            return False
    return True


_FIELDS: dict[type, tuple[str, ...]] = {}


ALL = "*"  # a whole mapping or list of the site, as in ("tags", ALL)


class SiteView:
    """A Site as the context builders (render/pages.py) see it, noting each entry they look up:
    ``("by_id", id)``, ``("tags", key)``, or ``("tags", ALL)`` when they go through them all.

    The preview builds a page's context again only when one of those entries changed."""

    MAPPINGS = frozenset({"by_id", "sources", "source_articles", "tags", "article_tags", "stories", "neighbours",
                          "bodies", "notes", "source_html", "story_html"})
    SEQUENCES = frozenset({"articles", "years"})

    def __init__(self, site: object, keys: set[Key]) -> None:
        self._site, self._keys = site, keys

    def __getattr__(self, name: str):
        value = getattr(self._site, name)
        if name in self.MAPPINGS:
            return _MappingReads(value, name, self._keys)
        if name in self.SEQUENCES:
            self._keys.add((name, ALL))
            return value
        raise AttributeError(f"Site.{name} is not tracked for the preview; add it to SiteView")


class _MappingReads:
    __slots__ = ("_data", "_keys", "_name")

    def __init__(self, data: dict, name: str, keys: set[Key]) -> None:
        self._data, self._name, self._keys = data, name, keys

    def __getitem__(self, key):
        self._keys.add((self._name, key))
        return self._data[key]

    def get(self, key, default=None):
        self._keys.add((self._name, key))
        return self._data.get(key, default)

    def __contains__(self, key) -> bool:
        self._keys.add((self._name, key))
        return key in self._data

    def _whole(self) -> dict:
        self._keys.add((self._name, ALL))
        return self._data

    def __iter__(self):
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def keys(self):
        return self._whole().keys()

    def values(self):
        return self._whole().values()

    def items(self):
        return self._whole().items()


class Recorder:
    """Collects the keys one page reads while it renders."""

    __slots__ = ("keys",)

    def __init__(self) -> None:
        self.keys: set[Key] = set()

    def read(self, obj: object, attribute: str) -> None:
        named = IDENTITY.get(type(obj))
        if named:
            self.keys.add((*named(obj), attribute))

    def add(self, *key: Hashable) -> None:
        self.keys.add(key)
