"""The page's furniture, dropped before the body is extracted: Readability's "unlikely candidates".

Mozilla Readability removes, before it scores anything, every element whose class or id names a
comment thread, a related-stories box, a sidebar, a footer, a share bar and the like, unless the
same names also say it holds the article ("content", "article", "main", ...). trafilatura has
such lists of its own, but they are exact names ("comments", "related"), so a thread in
``div#sf_comment_list`` or a 50-slide gallery in ``div.gallery-related`` stayed in the body.
The rule and its two word lists are Readability's (Readability.js, ``REGEXPS``), unchanged;
what we add only keeps more: a heading, or anything holding the <h1>, is never furniture.
What the page hides with an inline style or the hidden attribute goes first (Readability's
visibility test), unless it holds most of the page's paragraphs.
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


HIDDEN_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.IGNORECASE)


def _words(element: HtmlElement) -> int:
    return sum(len((p.text_content() or "").split()) for p in element.iter("p"))


def drop_hidden(tree: HtmlElement) -> None:
    """Remove what the page does not show (an inline display:none or visibility:hidden, the hidden
    attribute): a log-in box, a save-for-members pull-down (Readability skips these too). A box that
    holds most of the page's paragraphs is the story a script would reveal, and stays."""
    hidden = [e for e in tree.xpath("//*[@style or @hidden]")
              if e.tag not in NEVER and (e.get("hidden") is not None or HIDDEN_STYLE.search(e.get("style") or ""))]
    if not hidden:
        return
    total = _words(tree)
    inside_hidden = {a for e in hidden for a in e.iterdescendants()}
    for element in hidden:
        if element.getparent() is None or element.find(".//h1") is not None or any(
                a.tag in KEEP_INSIDE for a in element.iterancestors()):
            continue
        if element not in inside_hidden and 2 * _words(element) <= total:
            element.drop_tree()


def drop_furniture(tree: HtmlElement) -> None:
    """Remove the hidden and the furniture elements from the tree, in place (their tail text stays)."""
    drop_hidden(tree)
    doomed: list[HtmlElement] = []
    verdicts: dict[str, bool] = {}  # a page repeats its class names: each is judged once
    for element in tree.xpath("//*[@class or @id]"):  # document order: an outer box before what it holds
        names = f"{element.get('class', '')} {element.get('id', '')}"
        unlikely = verdicts.get(names)
        if unlikely is None:
            unlikely = verdicts[names] = bool(UNLIKELY.search(names)) and not MAYBE_CONTENT.search(names)
        if not unlikely or element.tag in NEVER or element.find(".//h1") is not None:
            continue
        ancestors = list(element.iterancestors())
        if ancestors and not any(a.tag in KEEP_INSIDE or a in doomed for a in ancestors):
            doomed.append(element)
    for element in doomed:
        element.drop_tree()
