"""Markdown to safe HTML.

Captured articles are hostile input: Markdown may carry raw HTML, so the rendered HTML goes
through an allow-list sanitizer (nh3, the Rust ammonia library) before any template sees it.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

import markdown
import nh3

EXTENSIONS = ["extra", "sane_lists"]
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "*": {"id", "lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Bumped whenever the output of this module changes, so cached HTML is not reused.
VERSION = "1"


# Anything Python-Markdown (with EXTENSIONS) could read as syntax: its special characters
# anywhere, a line starting with a block marker (list, rule, setext underline, definition) or
# with whitespace (code, or stripped; any Unicode space), whitespace ending a line (a hard break), and the
# control characters it uses internally. A text without any is only paragraphs.
MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\]<>&#|~{}\x00-\x09\x0b-\x1f\x7f]|^[^\S\n]|[^\S\n]$|^(?:[-+=:]|\d+[.)])", re.M)


def plain_paragraphs(text: str) -> str | None:
    """The HTML Python-Markdown makes of a text with no Markdown syntax at all (most of a news
    archive's bodies: 88 % of the benchmark's BBC articles), made without it, 50 times faster:
    its blank-line-separated paragraphs, each in <p>. None for any other text, which
    Python-Markdown converts. (tests/unit/test_markup.py checks both give the same.)"""
    text = text.strip("\n")
    if not text or MARKDOWN_SYNTAX.search(text):
        return None
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in re.split(r"\n{2,}", text))


class Renderer:
    """One reusable Markdown converter (building it is the expensive part)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=EXTENSIONS, output_format="html")

    def __call__(self, text: str) -> str:
        html = plain_paragraphs(text)
        if html is None:
            html = self._md.reset().convert(text)
        return sanitize(html)


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@lru_cache(maxsize=1 << 16)  # pure; the preview asks again for every unchanged article on each edit
def cache_key(text: str) -> str:
    return hashlib.blake2b(f"{VERSION}\0{text}".encode(), digest_size=16).hexdigest()
