"""Search documents: the indexed text, the result card, and a content hash.

Plain values only: the caller turns its articles into ``SearchDoc``s (Clippings does so in
``clippings/search_docs.py``), so search depends on nothing of the site's model.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from dataclasses import dataclass
from functools import cached_property

from .analysis import ANALYSIS_VERSION

TEXT_FIELDS = ("title", "summary", "body", "tags")
# Query-time weights of the fields (title > tags > summary > body), applied by the CLI through
# Whoosh and baked into the export's precomputed scores.
BOOSTS = {"title": 4.0, "tags": 3.0, "summary": 2.5, "body": 1.0}
LEAD_CHARS = 140

_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|tr|dt|dd|figcaption)>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_FIRST_BLOCK = re.compile(r"<(p|h[1-6]|li|blockquote)\b.*?</\1>", re.S | re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-ZÀ-ÖØ-Þ0-9])")


@dataclass(frozen=True)
class SearchDoc:
    id: str  # the article id, "YYYY/MM/slug"
    group: str  # analysis group: "en" (stemmed) or "plain"
    title: str
    summary: str
    html: str  # the sanitized body HTML (its text is derived only when needed)
    tags: str  # tag names, one per line
    tag_keys: tuple[str, ...]  # tag slugs, for filters
    source: str
    source_name: str
    source_label: str
    source_type: str
    section: str
    lang: str
    date: dt.datetime  # UTC
    day: str  # ISO date in the site's time zone, as pages show it

    @cached_property
    def body(self) -> str:
        """The body as plain text (only articles that changed since the last build need it)."""
        return html_to_text(self.html)

    @cached_property
    def lead(self) -> str:
        """One sentence for the result card: the dek's first, else the body's."""
        if self.summary:
            return lead_sentence(self.summary)
        first = _FIRST_BLOCK.search(self.html)
        return lead_sentence(html_to_text(first.group(0) if first else self.html))

    def text(self, field: str) -> str:
        return getattr(self, field)

    def content_hash(self) -> str:
        """Changes whenever anything indexed or shown for the article changes."""
        data = [ANALYSIS_VERSION, self.id, self.group, self.title, self.summary, self.html, self.tags,
                self.tag_keys, self.source, self.source_name, self.source_label, self.source_type,
                self.section, self.lang, self.date.isoformat(), self.day]
        raw = json.dumps(data, ensure_ascii=False)
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def release_html(docs: list[SearchDoc], keep: tuple[str, ...]) -> None:
    """Free the HTML of every document whose texts ``keep`` ("body", "lead") are made from it.

    For a search process with its own copy of the documents, once their content hashes are
    known: the HTML is then no longer needed, and it is 22 MB at 10,000 articles. Only there:
    a document's ``content_hash`` is no longer its own afterwards."""
    for doc in docs:
        if all(name in doc.__dict__ for name in keep):  # made: cached_property keeps them there
            object.__setattr__(doc, "html", "")


def html_to_text(markup: str) -> str:
    """Sanitized article HTML -> text with one line per block (sentences never run together)."""
    text = _BLOCK_END.sub("\n", markup)
    text = html.unescape(_TAG.sub(" ", text))
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def lead_sentence(text: str, limit: int = LEAD_CHARS) -> str:
    """The first sentence of the first line of ``text``, cut at a word near ``limit``."""
    first = next((line for line in text.strip().split("\n") if line.strip()), "")
    sentence = _SENTENCE_END.split(first, maxsplit=1)[0].strip()
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:–— ")
    return cut + "…"
