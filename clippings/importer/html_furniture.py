"""The page's furniture, dropped before the body is extracted: Readability's "unlikely candidates".

Mozilla Readability removes, before it scores anything, every element whose class or id names a
comment thread, a related-stories box, a sidebar, a footer, a share bar and the like, unless the
same names also say it holds the article ("content", "article", "main", ...). trafilatura has
such lists of its own, but they are exact names ("comments", "related"), so a thread in
``div#sf_comment_list`` or a 50-slide gallery in ``div.gallery-related`` stayed in the body.
The rule and its two word lists are Readability's (Readability.js, ``REGEXPS``), unchanged;
what we add only keeps more: a heading, or anything holding the <h1>, is never furniture.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

UNLIKELY = re.compile(
    r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|"
    r"menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|"
    r"pagination|pager|popup|yom-remote", re.IGNORECASE)
MAYBE_CONTENT = re.compile(r"and|article|body|column|content|main|mathjax|shadow", re.IGNORECASE)
NEVER = {"html", "body", "a", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6"}
KEEP_INSIDE = {"table", "code"}  # a table's or code block's own classes are not page layout


def _unlikely(element: HtmlElement) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}"
    return bool(names.strip()) and bool(UNLIKELY.search(names)) and not MAYBE_CONTENT.search(names)


def drop_furniture(tree: HtmlElement) -> None:
    """Remove the furniture elements from the tree, in place (their tail text stays)."""
    doomed: list[HtmlElement] = []
    doomed_set: set[HtmlElement] = set()
    for element in tree.iter():
        if (isinstance(element.tag, str) and element.tag not in NEVER and _unlikely(element)
                and element.getparent() is not None and element.find(".//h1") is None
                and not any(a.tag in KEEP_INSIDE for a in element.iterancestors())
                and not any(a in doomed_set for a in element.iterancestors())):
            doomed.append(element)
            doomed_set.add(element)
    for element in doomed:
        element.drop_tree()
