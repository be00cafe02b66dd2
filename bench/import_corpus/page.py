"""A page being dressed, and the HTML and copied-text helpers the layouts share."""

from __future__ import annotations

import datetime as dt
import html
import random
import re
from dataclasses import dataclass, field

from .articles import Article
from .dates import ago
from .stock import CAPTIONS, SECTIONS


@dataclass
class Page:
    article: Article
    rng: random.Random
    published: dt.datetime
    captured: dt.datetime
    related: list[str]
    body: list[str] = field(default_factory=list)
    byline: str | None = None
    summary: str | None = None
    time: str | None = None  # HH:MM when the page shows the time
    relative_hours: int | None = None

    @property
    def title(self) -> str:
        return self.article.title

    @property
    def section(self) -> str:
        return SECTIONS.get(self.article.category, self.article.category.title())

    def caption(self) -> str:
        """An image caption: about someone the story names, or a stock scene of its category."""
        names = re.findall(r"(?<=[a-z,] )([A-Z][a-z]+ [A-Z][a-z]{2,})(?= [a-z])", " ".join(self.body[:3]))
        if names and self.rng.random() < 0.6:
            where = self.rng.choice(["in London", "at a news conference", "in a file photo", "earlier this year",
                                     "at an event in Brussels", "speaking to reporters"])
            return f"{self.rng.choice(names)} {where}"
        return self.rng.choice(CAPTIONS.get(self.article.category, CAPTIONS["business"]))

    def dek_from_body(self) -> str | None:
        """A standfirst that restates the first sentence, as many sites' deks do."""
        first = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", self.body[0])[0].strip()
        if 8 <= len(first.split()) <= 40 and first != self.body[0]:
            return first.rstrip(".")
        return None

    def make_relative(self) -> str:
        """Show the date as 'N hours ago': the capture is N hours and some minutes after it."""
        hours = self.rng.randint(1, 9)
        self.relative_hours = hours
        self.captured = self.published + dt.timedelta(hours=hours, minutes=self.rng.randint(3, 55))
        self.time = None
        return ago(hours)

    def insert_points(self, count: int) -> list[int]:
        """Paragraph indices after which a promo goes (never after the last paragraph)."""
        inner = list(range(1, len(self.body)))
        return sorted(self.rng.sample(inner, min(count, len(inner))))


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def txt_body(page: Page, sep: str = "\n\n", promos: dict[int, str] | None = None) -> str:
    """The body as a copy gives it, with promo blocks after some paragraphs."""
    out = []
    for i, para in enumerate(page.body):
        out.append(para)
        if promos and i + 1 in promos:
            out.append(promos[i + 1])
    return sep.join(out)


def html_body(page: Page, p_open: str = "<p>", promos: dict[int, str] | None = None) -> str:
    out = []
    for i, para in enumerate(page.body):
        out.append(f"{p_open}{esc(para)}</p>")
        if promos and i + 1 in promos:
            out.append(promos[i + 1])
    return "\n".join(out)


def head(page: Page, site: str, url: str, *, lang: str = "en", published: str | None = None,
         description: str | None = None, extra: str = "", title_suffix: str = "") -> str:
    description = description or page.summary or page.body[0][:160].rsplit(" ", 1)[0] + "…"
    meta = [
        '<meta charset="utf-8">',
        f"<title>{esc(page.title)}{esc(title_suffix)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="description" content="{attr(description)}">',
        f'<meta property="og:title" content="{attr(page.title)}">',
        f'<meta property="og:description" content="{attr(description)}">',
        f'<meta property="og:site_name" content="{attr(site)}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:url" content="{attr(url)}">',
    ]
    if published:
        meta.append(f'<meta property="article:published_time" content="{published}">')
    meta.append(f'<link rel="canonical" href="{attr(url)}">')
    meta.append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
                "gtag('js',new Date());</script>")
    return f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n' + "\n".join(meta) + extra + "\n</head>\n"


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def ul(items: list[str], cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<ul{c}>" + "".join(f'<li><a href="/news/{slug(t)}">{esc(t)}</a></li>' for t in items) + "</ul>"


def nav_html(items: list[str]) -> str:
    return "<nav><ul>" + "".join(f'<li><a href="/{slug(i)}/">{esc(i)}</a></li>' for i in items) + "</ul></nav>"
