"""Paginated listings: which page is which, and the numbered links between them, worked out in
the plan so that the pagination template only prints plain values (as Hugo's and MkDocs' themes
show it: first and last page, the current page's neighbours, an ellipsis for what is skipped)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import urls as u

AROUND = 2  # neighbours shown on each side of the current page


@dataclass(frozen=True)
class PageLink:
    """One item of the numbered pagination: a page, or (number None) a gap of skipped pages."""

    number: int | None
    path: str | None = None  # site path of that page
    current: bool = False


@dataclass(frozen=True)
class Pager:
    """One page of a paginated listing: its items and where the other pages are."""

    number: int
    count: int  # pages in all
    total: int  # items in all
    items: tuple  # Refs before resolution, entries after
    base: str = ""  # site path of page 1
    links: tuple[PageLink, ...] = ()  # the numbered links, with gaps (``page_links``)

    def path(self, number: int) -> str:
        return u.paged(self.base, number)

    @property
    def prev_path(self) -> str | None:
        return self.path(self.number - 1) if self.number > 1 else None

    @property
    def next_path(self) -> str | None:
        return self.path(self.number + 1) if self.number < self.count else None


def page_links(number: int, count: int, base: str, around: int = AROUND) -> tuple[PageLink, ...]:
    """First and last page, ``around`` neighbours of ``number`` on each side, and a gap wherever
    pages are skipped. A gap would hide a single page: that page is shown instead of "…"."""
    if count <= 1:
        return ()
    shown = sorted({1, count, *range(max(1, number - around), min(count, number + around) + 1)})
    links: list[PageLink] = []
    previous = 0
    for n in shown:
        if n - previous == 2:
            links.append(PageLink(n - 1, u.paged(base, n - 1)))
        elif n - previous > 2:
            links.append(PageLink(None))
        links.append(PageLink(n, u.paged(base, n), n == number))
        previous = n
    return tuple(links)


def paged_title(title: str, number: int, count: int) -> str:
    """A later page's own title: "Tag: NATO – page 2 of 5" (search results and tabs tell them apart)."""
    return title if number == 1 else f"{title} – page {number} of {count}"
