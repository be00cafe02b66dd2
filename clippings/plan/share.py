"""What a shared link shows: the article's image, else the site's image (``[share] image``),
else a generated card (``[share] cards``): by default one per outlet, with its name and label
(``share.png`` beside the source's page), or one per article that adds the headline (beside the
article's page). Per outlet is the default because cards are the heaviest output there is:
per article they cost ~9 ms and ~17 KB each, a tenth of a cold build and 1.7 GB at 100,000
articles, while every site that shows the card shows the headline (og:title) beside it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import urls as u
from ..config import SiteConfig
from ..model import Article, Site, Source
from ..render.card import HEIGHT, WIDTH, CardSpec, card_font
from .outputs import Output

CARD = "share.png"


@dataclass(frozen=True)
class ShareImage:
    src: str  # an absolute URL, or a site path (templates pass it through abs_url)
    alt: str
    width: int | None = None
    height: int | None = None


def _article_card_path(article: Article) -> str:
    return u.article_path(article) + CARD


def _source_card_path(source: Source) -> str:
    return u.source_path(source) + CARD


def _needs_card(article: Article, config: SiteConfig) -> bool:
    return not (article.image and article.image.src) and not config.share.image and config.share.cards != "off"


def share_image(article: Article, site: Site, config: SiteConfig) -> ShareImage | None:
    source = site.sources[article.source]
    if article.image and article.image.src:
        src = article.image.src
        if ":" not in src:  # a file below content/media/, published under media/
            src = u.MEDIA + src.removeprefix("media/").lstrip("/")
        return ShareImage(src, article.image.alt or article.image.caption or article.title)
    if config.share.image:
        return ShareImage(config.share.image, config.share.image_alt or config.title)
    if config.share.cards == "article":
        return ShareImage(_article_card_path(article), f"{article.title} — {source.name}, {source.label}",
                          WIDTH, HEIGHT)
    if config.share.cards == "source":
        return ShareImage(_source_card_path(source), f"{source.name}, {source.label}", WIDTH, HEIGHT)
    return None


def card_outputs(site: Site, config: SiteConfig) -> Iterator[Output]:
    """The cards the articles without an image to share point at; a card's spec is what it shows."""
    font = card_font()
    if config.share.cards == "article":
        for article in site.articles:
            if _needs_card(article, config):
                source = site.sources[article.source]
                yield Output(_article_card_path(article), "card", "card",
                             CardSpec(article.title, source.name, source.label, config.title, font))
        return
    for key in sorted({a.source for a in site.articles if _needs_card(a, config)}):
        source = site.sources[key]
        headline = source.name if not source.country_name else f"{source.name} ({source.country_name})"
        card = CardSpec(headline, "", source.label, config.title, font)
        yield Output(_source_card_path(source), "card", "card", card)
