"""What a shared link shows: the article's image, else the site's image (``[share] image``),
else a generated card (``share.png`` beside the article's page, made from the few fields it shows).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import urls as u
from ..config import SiteConfig
from ..model import Article, Site
from ..render.card import HEIGHT, WIDTH, CardSpec, card_font
from .outputs import Output

CARD = "share.png"


@dataclass(frozen=True)
class ShareImage:
    src: str  # an absolute URL, or a site path (templates pass it through abs_url)
    alt: str
    width: int | None = None
    height: int | None = None


def _card_path(article: Article) -> str:
    return u.article_path(article) + CARD


def _needs_card(article: Article, config: SiteConfig) -> bool:
    return not (article.image and article.image.src) and not config.share.image


def share_image(article: Article, site: Site, config: SiteConfig) -> ShareImage:
    source = site.sources[article.source]
    if article.image and article.image.src:
        src = article.image.src
        if ":" not in src:  # a file below content/media/, published under media/
            src = u.MEDIA + src.removeprefix("media/").lstrip("/")
        return ShareImage(src, article.image.alt or article.image.caption or article.title)
    if config.share.image:
        return ShareImage(config.share.image, config.share.image_alt or config.title)
    return ShareImage(_card_path(article), f"{article.title} — {source.name}, {source.label}", WIDTH, HEIGHT)


def card_outputs(site: Site, config: SiteConfig) -> Iterator[Output]:
    """A card per article that has no image to share; its spec is what the card shows."""
    font = card_font()
    for article in site.articles:
        if _needs_card(article, config):
            source = site.sources[article.source]
            yield Output(_card_path(article), "card", "card",
                         CardSpec(article.title, source.name, source.label, config.title, font))
