"""sitemap.xml and robots.txt."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ..model import Site
from .pages import Page
from .urls import Urls

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap(pages: list[Page], site: Site, links: Urls) -> bytes:
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})  # no ET.register_namespace: process-wide state
    for page in pages:
        if page.kind == "404":
            continue
        entry = ET.SubElement(root, "url")
        ET.SubElement(entry, "loc").text = links.abs_url(page.path)
        if page.kind == "article":
            article = site.by_id[page.key]
            modified = (article.updated or article.date).astimezone(dt.UTC)
            ET.SubElement(entry, "lastmod").text = modified.date().isoformat()
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def robots_txt(links: Urls) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {links.abs_url('sitemap.xml')}\n"
