"""What a rendered page depends on, so the preview re-renders only pages whose inputs changed.

Two records per page, as Lektor keeps them:

- its *skeleton*: the template context with every model object (article, source, tag, …)
  replaced by its identity, so it changes when the page lists other things, in another order,
  or copies other values (a title, a body) into its context;
- its *reads*: the keys ``(kind, identity, attribute)`` the templates actually read from model
  objects (``article.title``, ``tag.count``), recorded as they render, plus the templates and
  theme assets they used.

A page is stale when its skeleton differs or one of its reads is among the keys a change
touched (``preview/changes.py`` computes those).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Hashable

from ..model import Article, Month, Source, Story, Tag, Year

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
_PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.timedelta)


def identity(obj: object) -> tuple[str, str] | None:
    named = IDENTITY.get(type(obj))
    return named(obj) if named else None


def skeleton(value: object) -> Hashable:
    """The context as comparable data: model objects by identity, everything else by value."""
    if isinstance(value, _PLAIN):
        return value
    named = IDENTITY.get(type(value))
    if named:
        return ("@", *named(value))
    if isinstance(value, dict):
        return ("{}", *((k, skeleton(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("[]", *(skeleton(v) for v in value))
    if dataclasses.is_dataclass(value):
        return (type(value).__name__, *(skeleton(getattr(value, f.name)) for f in dataclasses.fields(value)))
    # An unknown type in a context would make the preview guess; better fail loudly in tests.
    raise TypeError(f"cannot track a {type(value).__name__} in a page context")


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
