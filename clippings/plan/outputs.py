"""What a build makes: one :class:`Output` per file (or folder of files), with what it is made of.

An output's ``spec`` is the whole of its input: plain values (a title, a page number, a count)
and :class:`~clippings.plan.entries.Ref` s to entries of the site. Before it is rendered every
ref is replaced by its entry (``resolve``), so a renderer, and a template, can only show what
the spec names. That is what lets the preview and warm builds trust a digest of the spec and
of the entries it refers to (``stale.py``): there is nothing else an output can depend on,
apart from the templates it uses, the engine and the site settings, which are digested too.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .entries import Entry, Ref


@dataclass(frozen=True)
class PageInfo:
    """What a template knows of the page it renders."""

    path: str  # site path: "tags/nato/page/2/" ("" is the home page)
    kind: str  # "home", "article", "tag", …
    number: int = 1  # page of a paginated listing


@dataclass(frozen=True)
class Output:
    path: str  # file below the output folder ("tags/nato/index.html"), or a folder ("search/")
    kind: str  # what it is: a page kind, or "feed", "sitemap", "asset", "copy", "file", "search"
    render: str  # the renderer's name in render/outputs.py ("page", "atom", "copy", …)
    spec: Any  # plain values and Refs: everything the output is made from
    template: str | None = None  # for pages: the template that renders them
    page: PageInfo | None = None  # for pages: their place in the site (the sitemap lists them)


@cache
def _fields(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass (None for any other type), known once per type rather
    than asked of dataclasses for every value of every spec, digested and resolved."""
    if not dataclasses.is_dataclass(kind):
        return None
    return tuple(f.name for f in dataclasses.fields(kind))


@cache
def _remade_by_init(kind: type) -> bool:
    """Whether ``kind(**fields)`` makes what ``dataclasses.replace`` would."""
    return all(f.init for f in dataclasses.fields(kind)) and not hasattr(kind, "__post_init__")


def refs_of(value: Any) -> Iterator[Ref]:
    """Every Ref in a spec, depth first."""
    kind = type(value)
    if kind is Ref:
        yield value
    elif kind is tuple or kind is list:
        for item in value:
            if type(item) is not str:
                yield from refs_of(item)
    elif kind is dict:
        for item in value.values():
            yield from refs_of(item)
    elif (names := _fields(kind)) is not None:
        for name in names:
            yield from refs_of(getattr(value, name))


def resolve(value: Any, entries: dict[Ref, Entry]) -> Any:
    """The spec with every Ref replaced by its entry."""
    kind = type(value)
    if kind is Ref:
        return entries[value]
    if kind is tuple or kind is list:
        return kind(resolve(item, entries) for item in value)
    if kind is dict:
        return {key: resolve(item, entries) for key, item in value.items()}
    if (names := _fields(kind)) is not None:
        changes = {name: resolve(getattr(value, name), entries) for name in names}
        return kind(**changes) if _remade_by_init(kind) else dataclasses.replace(value, **changes)
    return value
