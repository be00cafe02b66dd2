"""The publication date of a saved HTML page, chosen by agreement between kinds of evidence.

The page's own machine-readable dates (JSON-LD ``datePublished``, ``article:published_time``
and the like, ``<time datetime>``) carry the time and offset, but are sometimes another page's
(a later re-publication, a related story's ``<time>``). htmldate (run by trafilatura, the original
date preferred, without its extensive search) reads the page as a whole, and misreads
"3/09/15" on a US page as 3 September. The date a reader sees under the headline, read as in a
text dump, is the arbiter: the first machine date that agrees with it wins; without it, the
page's own metadata comes first.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from lxml.html import HtmlElement

from .dates import FoundDate, find_date, parse_iso

SKIP = {"script", "style", "noscript", "template", "svg", "button", "select", "option"}
META_NAMES = ("article:published_time", "datePublished", "pubdate", "publishdate", "date", "dc.date")
AFTER_HEADLINE, BEFORE_HEADLINE = 40, 12  # text pieces around the <h1> where a dateline stands


def meta(tree: HtmlElement, *names: str) -> str | None:
    """The content of the first <meta> that has one of ``names`` (in that order of preference) as
    its property, name or itemprop."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):  # one walk over the page's <meta> tags, not a search per name
        content = " ".join((element.get("content") or "").split())
        if content:
            for attr in ("property", "name", "itemprop"):
                found.setdefault(f"{attr}={element.get(attr)}", content)
    return next((found[key] for name in names for attr in ("property", "name", "itemprop")
                 if (key := f"{attr}={name}") in found), None)


def json_ld_published(tree: HtmlElement) -> str | None:
    """datePublished of the page's JSON-LD (the first object, searched through @graph and lists, that has one)."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()')[:8]:
        script = re.sub(r"^\s*(?:/\*\s*)?<!\[CDATA\[|\]\]>(?:\s*\*/)?\s*$", "", script.strip())
        try:
            data = json.loads(script, strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item[:20])
            elif isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and value.strip():
                    return value
                stack.extend(v for k, v in item.items() if k in ("@graph", "mainEntity", "mainEntityOfPage"))
    return None


def _pieces(root: HtmlElement, mark: HtmlElement) -> tuple[list[str], int | None]:
    """The element's text as a browser would show it, a piece per element (a dateline is one),
    up to a little past the element ``mark`` (the headline), and where that starts among them."""
    out: list[str] = []
    at = None
    for element in root.iter():
        if element is mark:
            at = len(out)
        if not isinstance(element.tag, str) or element.tag in SKIP:
            continue
        text = " ".join(((element.text or "") + " ".join(child.tail or "" for child in element)).split())
        if text:
            out.append(text)
        if at is not None and len(out) > at + AFTER_HEADLINE:
            break
    return out, at


def visible_date(tree: HtmlElement, lang: str, captured: dt.datetime | None) -> FoundDate | None:
    """The date printed next to the headline: the text just after the <h1>, then just before it."""
    headings = tree.xpath("//h1")
    body = tree.find("body")
    if not headings or body is None:
        return None
    pieces, at = _pieces(body, headings[0])
    if at is None:
        return None
    near = pieces[at + 1:at + 1 + AFTER_HEADLINE] + pieces[max(0, at - BEFORE_HEADLINE):at][::-1]
    return find_date([p for p in near if len(p) <= 160], lang, captured)


def page_date(tree: HtmlElement, htmldate_day: str | None, lang: str, captured: dt.datetime | None) -> FoundDate | None:
    own = [found for found in (parse_iso(value) for value in (
        json_ld_published(tree), meta(tree, *META_NAMES),
        *(str(v) for v in tree.xpath("//time[@datetime]/@datetime")[:1])) if value) if found]
    guessed = parse_iso(htmldate_day) if htmldate_day else None
    machine = own + ([guessed] if guessed else [])
    days = [found.value.date() for found in machine]
    agreed = next((found for found in own if days.count(found.value.date()) >= 2), None)
    if agreed is not None or (own and len(set(days)) == 1):
        return agreed or own[0]  # two kinds of evidence agree (or only one speaks): no need to read the text
    seen = visible_date(tree, lang, captured)
    if seen is not None:
        agreeing = [found for found in machine if found.value.date() == seen.value.date()]
        if agreeing:
            return agreeing[0]  # the same day, with the machine's time and offset
    # No agreement: the page's own metadata, else what a reader sees, else htmldate's guess.
    return own[0] if own else seen or guessed
