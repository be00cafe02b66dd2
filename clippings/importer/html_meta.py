"""What a saved page says about itself: title, author, site, URL, tags and htmldate's day.

Read from its <meta> tags and JSON-LD with trafilatura's own readers, but without the rest of
its metadata pass: its whole-page author search (regular expressions over every element's
class, on a pruned copy of the tree) cost more than the body extraction's cheaper half, and its
link-based category, tag and licence searches gave little the page's own tags do not.
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field

from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import META_URL, examine_meta, extract_meta_json, extract_sitename, extract_title, extract_url
from trafilatura.utils import trim

# A byline the markup names as such: the cheap, exact half of trafilatura's author search.
BYLINE_XPATH = XPath('//*[@rel="author" or @itemprop="author" or @class="author" or @class="byline"]|//author')
BY = re.compile(r"^(?:by|por|par|von|di|door|av|af)\s+", re.IGNORECASE)


@dataclass
class PageMeta:
    title: str | None = None  # as declared: og:title, <meta name=title>, JSON-LD headline
    page_title: str | None = None  # the <title>
    guessed_title: str | None = None  # a heading the markup calls a headline, where nothing is declared
    author: str | None = None
    url: str | None = None
    sitename: str | None = None
    lang: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    date: str | None = None  # htmldate's day, YYYY-MM-DD


def _spaced(text: str | None) -> str | None:
    return " ".join(text.split()) or None if text else None


def _byline(tree: HtmlElement) -> str | None:
    for element in BYLINE_XPATH(tree)[:10]:
        # the name alone: not a "By", nor the date or share links run on after a bullet or bar
        text = BY.sub("", re.split(r"\s[•|·]", trim(" ".join(element.itertext())) or "")[0]).strip()
        if 2 < len(text) < 120:
            return " ".join((normalize_authors(None, text) or "").split()) or None
    return None


def _sitename(declared: str | None, tree: HtmlElement, url: str | None) -> str | None:
    """The site's declared name, else the part of the <title> that looks like a domain, else the URL's host
    (trafilatura's order)."""
    name = (declared or extract_sitename(tree) or "").lstrip("@")
    if name:
        return name.title() if "." not in name and not name[0].isupper() else name
    host = META_URL.match(url or "")
    return host[1] if host else None


def page_meta(tree: HtmlElement, url: str | None = None) -> PageMeta:
    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None  # a one-word "author" is a handle or the site (trafilatura's own rule)
    with suppress(Exception):  # trafilatura guards its JSON-LD reader the same way: bad JSON-LD is no metadata
        doc = extract_meta_json(tree, doc)
    found = PageMeta(title=_spaced(doc.title), page_title=_spaced(tree.findtext(".//head/title")),
                     guessed_title=None if doc.title else _spaced(extract_title(tree)),
                     author=doc.author or _byline(tree),
                     url=doc.url or extract_url(tree, url), lang=doc.language,
                     tags=[t for t in (doc.tags or []) if t], categories=[c for c in (doc.categories or []) if c])
    found.sitename = _sitename(doc.sitename, tree, found.url)
    found.date = find_date(tree, extensive_search=False, original_date=True, url=found.url)
    return found
