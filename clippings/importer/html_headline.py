"""The headline of a saved page as the page shows it: the heading that its titles agree with.

A page names its story in og:title or JSON-LD (declared; now and then the section's or the site's
name instead), in its <title> (with the site's name before or after it), and in a heading, which
is not always the first <h1>: a blog's or a portal's <h1> can be its own name, with the story
under an <h2>. A heading agrees with a title when it is the same text (quotes and spaces folded),
holds the whole of a shortened title, or starts or ends the title next to a separator
(" | Site", "Site: "), in that order of strength. The headline is the heading that best agrees
with the declared title or is exactly the <title>; else the declared title itself; else the heading
that best agrees with the <title>; else the <title> without a trailing site name.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

TITLE_SUFFIX = re.compile(r"\s+(?:[|\-–—»:]{1,2}|::)\s+(?!.*\s(?:[|\-–—»:]{1,2}|::)\s).+$|_[^_]+$")
SEP = r"(?:[|\-–—»«:@·•/_(（【\[]|::)"  # what parts a title's headline from the site's name or a source note
AFTER = re.compile(rf"\s*{SEP}")
BEFORE = re.compile(rf"{SEP}\s*$")
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "′": "'", "“": '"', "”": '"', "„": '"'})
ANCHOR = re.compile(r"\s*[¶#§]$")  # a permalink sign after a heading (documentation, blogs)
HEADINGS = (("h1", 5), ("h2", 10))  # which headings may be the headline, in order, and how many of each


def fold(text: str) -> str:
    return " ".join(text.translate(QUOTES).split()).casefold()


def _agreement(heading: str, title: str) -> int:
    """How strongly a heading agrees with a title, 0 (not at all) to 4 (the same text)."""
    if heading == title:
        return 4
    if title in heading and len(title) >= len(heading) / 2:
        return 3  # a title shortened, the heading whole
    if title.startswith(heading) and AFTER.match(title[len(heading):]):
        return 2  # the headline, then " | Site"
    if title.endswith(heading) and BEFORE.search(title[:-len(heading)]):
        return 1  # "Site: " then the headline
    return 0


def _headings(tree: HtmlElement) -> list[str]:
    found = []
    for tag, most in HEADINGS:
        texts = (ANCHOR.sub("", " ".join(h.text_content().split())) for h in tree.iter(tag))
        found.extend(t for t in (next(texts, None) for _ in range(most)) if t and len(t) >= 4)
    return found


def _trimmed(title: str, site_name: str | None) -> str:
    if site_name:
        trimmed = TITLE_SUFFIX.sub("", title).strip()
        suffix = title[len(trimmed):].strip(" |-–—»:_").casefold()
        if trimmed and suffix and (suffix in site_name.casefold() or site_name.casefold() in suffix):
            return trimmed
    return title


def headline(tree: HtmlElement, declared: str | None, page_title: str | None, guess: str | None,
             site_name: str | None) -> str | None:
    """``declared``: og:title or JSON-LD; ``page_title``: the <title>; ``guess``: a heading the
    markup calls a headline, for a page that declares no title at all."""
    headings = _headings(tree)
    said, shown = fold(declared or ""), fold(page_title or "")

    def best(score) -> str | None:
        scored = [(score(fold(h)), -i, h) for i, h in enumerate(headings)]
        top = max(scored, default=(0, 0, None))
        return top[2] if top[0] > 0 else None

    strong = best(lambda h: max(_agreement(h, said) if said else 0, 4 if h == shown else 0))
    if strong or declared:
        return strong or _trimmed(declared, site_name)
    weak = best(lambda h: _agreement(h, shown) if shown else 0)
    title = weak or page_title or guess
    return _trimmed(title, site_name) if title and not weak else title
