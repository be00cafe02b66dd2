"""Saved HTML pages: trafilatura extracts the article; we add what it misses.

trafilatura finds the body; html_meta reads the title, author, site and htmldate's day from the
page's own metadata; on top of them we read the dek from the page's description, the image
caption and credit from its figure, and the publication date by agreement (html_dates).
"""

from __future__ import annotations

import datetime as dt
import re

import trafilatura
from lxml import html as lxml_html
from lxml.html import HtmlElement
from trafilatura.utils import load_html, normalize_unicode
from trafilatura.xml import xmltotxt

from .extracted import Extracted
from .html_dates import meta, page_date
from .html_furniture import drop_furniture
from .html_headline import headline
from .html_meta import page_meta
from .textdump import caption_parts


def _figure(tree) -> dict[str, str]:
    for caption in tree.xpath("//article//figcaption | //figure//figcaption | //figcaption"):
        text = " ".join(caption.text_content().split())
        if text:
            image = caption_parts(text)
            src = caption.xpath("ancestor::figure[1]//img/@src")
            if src and src[0].startswith(("http://", "https://")):
                image["src"] = str(src[0])
            return image
    return {}


def _blocks(markdown: str) -> list[str]:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", markdown) if b.strip()]
    return blocks


def _trafilatura(tree: HtmlElement, url: str | None, *, precise: bool, fast: bool):
    # The page is parsed once: trafilatura works on its own copy of the tree it is given.
    return trafilatura.bare_extraction(tree, url=url, favor_precision=precise, fast=fast, with_metadata=False,
                                       output_format="markdown", include_comments=False, include_tables=True,
                                       include_formatting=True, include_links=False, include_images=False)


def _markdown(doc) -> str:
    return normalize_unicode(xmltotxt(doc.body, True)) if doc is not None and doc.body is not None else ""


def _paragraph_words(tree: HtmlElement) -> int:
    """Words in the page's <p> elements: what a reader would call its text, roughly."""
    return sum(len(p.text_content().split()) for p in tree.iter("p"))


def _parse(text: str) -> HtmlElement | None:
    """The page as trafilatura parses it (comments and processing instructions dropped)."""
    try:
        return load_html(text) if text.strip() else None
    except (TypeError, ValueError, lxml_html.etree.ParserError):
        return None


def _body(tree: HtmlElement, url: str | None) -> str:
    """trafilatura's fast mode; only when that found clearly less than the page's paragraphs hold
    does the full one run, precision favoured (it compares with other extractors)."""
    body = _markdown(_trafilatura(tree, url, precise=False, fast=True))
    if len(body.split()) < 0.4 * _paragraph_words(tree):
        second = _markdown(_trafilatura(tree, url, precise=True, fast=False))
        if len(second.split()) > len(body.split()):
            body = second
    return body


def extract_html(text: str, *, url: str | None = None, captured: dt.datetime | None = None) -> Extracted:
    result = Extracted()
    tree = _parse(text)
    if tree is None:
        return result
    # What the page says about itself is read from the whole page first (html_meta: its <meta> tags
    # and JSON-LD; the dateline, figure and footer); the body from the page without its furniture.
    info = page_meta(tree, url)
    result.byline = info.author
    result.url = info.url or url
    result.site_name = info.sitename
    result.lang = (info.lang or "").split("-")[0] or None
    result.tags = info.tags
    result.section = info.categories[0] if info.categories else None
    result.title = headline(tree, info.title, info.page_title, info.guessed_title, result.site_name)
    lang_attr = tree.xpath("/html/@lang")
    if lang_attr and not result.lang:
        result.lang = str(lang_attr[0]).split("-")[0].lower()
    description = meta(tree, "og:description", "description", "twitter:description")
    result.section = result.section or meta(tree, "article:section")
    result.image = _figure(tree)
    result.date = page_date(tree, info.date, result.lang or "en", captured)
    result.evidence = [" ".join(t.split()) for t in tree.xpath("//footer//text()") if t.strip()][:40]
    if result.site_name:
        result.evidence.append(result.site_name)
    drop_furniture(tree)
    blocks = _blocks(_body(tree, url))
    if blocks and result.title and blocks[0].lstrip("# ").strip() == result.title:
        blocks = blocks[1:]  # trafilatura repeats the headline as the first heading
    result.blocks = blocks
    if description and not (blocks and description[:60] in blocks[0]):
        result.summary = description
    return result
