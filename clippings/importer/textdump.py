"""Extract an article from the text of a whole web page copied out of a browser.

No library does this well (trafilatura on a text dump keeps nearly everything), so each line
is judged as a person would (see lines.py), and the article is found as the largest cluster
of prose: paragraphs that follow one another with only a little furniture between them (a
caption, a promo, a share bar). The headline is the headline-shaped line just above that
cluster; the dek, byline, section, caption and date are read from the lines between them.
"""

from __future__ import annotations

import datetime as dt
import re

from . import language
from .clusters import Cluster, credit_follows, find_clusters, grow, weight
from .dates import FoundDate, find_date, find_yearless, looks_like_date, newest_copyright_year
from .extracted import Extracted
from .headline import HEADER_REACH, fallback_title, find_title
from .lines import (
    BREADCRUMB,
    BULLET,
    BYLINE,
    CAPTION,
    CODE_SHAPED,
    CRUMB_SPLIT,
    HARD_END,
    PAGE_SCRIPT,
    PROMO_MARKER,
    SOFT_END,
    Judge,
    Line,
    split_lines,
)


def _contained(needle: str, haystack: str) -> float:
    """Share of the needle's word 4-grams found in the haystack."""
    a, b = language.words(needle), language.words(haystack)
    grams = {tuple(a[i:i + 4]) for i in range(len(a) - 3)}
    if not grams:
        return 0.0
    pool = {tuple(b[i:i + 4]) for i in range(len(b) - 3)}
    return len(grams & pool) / len(grams)


def _escape(text: str) -> str:
    """Keep captured text literal in Markdown (a leading '#', '1.' or '>' is text, not markup)."""
    text = re.sub(r"([\\`*_<])", r"\\\1", text)
    text = re.sub(r"^(#{1,6}\s|>|\+\s|-\s|=+\s*$)", r"\\\1", text)
    return re.sub(r"^(\d+)([.)]\s)", r"\1\\\2", text)


def _page_scripts(lines: list[Line], judge: Judge) -> set[int]:
    """The page's own scripts (an analytics snippet, a tracking pixel) shown as text: the run of
    code and other non-prose lines around a line that names one is that script, not the story's code."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        if i in out or not PAGE_SCRIPT.search(line.text):
            continue
        lo, hi = i, i
        while lo > 0 and _scriptish(lines[lo - 1], judge):
            lo -= 1
        while hi + 1 < len(lines) and _scriptish(lines[hi + 1], judge):
            hi += 1
        out.update(range(lo, hi + 1))
    return out


def _scriptish(line: Line, judge: Judge) -> bool:
    return bool(CODE_SHAPED.search(line.text)) or not judge.prose(line)


def _body_lines(lines: list[Line], cluster: Cluster, judge: Judge) -> list[int]:
    """The cluster's prose plus what belongs between it: short paragraphs, list items, subheadings."""
    members = set(cluster.lines)
    first, last = cluster.lines[0], cluster.lines[-1]
    seen: set[str] = set()
    body = []
    scripted = _page_scripts(lines, judge)
    for i in range(first, last + 1):
        line = lines[i]
        nearby = [lines[j] for j in (i - 1, i + 1) if first <= j <= last]
        # A teaser next to "Read more" is a promo; a full paragraph there is still the story.
        promo = any(PROMO_MARKER.match(n.text) for n in nearby) and not judge.main_prose(line)
        if line.key in seen or i in scripted:
            continue  # a pull quote or promo printed twice keeps its first place only
        repeated_inside = line.repeats > 1 and sum(1 for x in lines[first:last + 1] if x.key == line.key) > 1
        if i in members:
            if promo or (repeated_inside and line.n < 20):
                continue
            body.append(i)
            seen.add(line.key)
            continue
        if line.chrome or promo or repeated_inside or CAPTION.search(line.text) or PROMO_MARKER.match(line.text):
            continue
        if i > 0 and credit_follows(lines, i - 1):
            continue  # the credit under a caption
        if SOFT_END.match(line.text) or HARD_END.match(line.text) or looks_like_date(line.text):
            continue
        after = next((lines[j] for j in range(i + 1, last + 1) if not lines[j].chrome), None)
        before_is_body = bool(body) and body[-1] == i - 1
        followed_by_body = after is not None and after.index in members
        if (BULLET.match(line.text) and line.n >= 2) or CODE_SHAPED.search(line.text):
            body.append(i)  # a list item, a line of the story's code or table
        elif before_is_body and followed_by_body and line.ends_sentence and line.n >= 2:
            body.append(i)  # a short paragraph: "He declined to comment."
        elif followed_by_body and judge.title_shaped(line, min_words=2) and line.n <= 12 and not line.ends_sentence:
            body.append(i)  # a subheading
        else:
            continue
        seen.add(line.key)
    return body


def extract_text(
    text: str,
    *,
    captured: dt.datetime | None = None,
    boilerplate: frozenset[str] = frozenset(),
    default_lang: str = "en",
) -> Extracted:
    lines = split_lines(text, boilerplate)
    lang = language.detect(" ".join(line.text for line in lines if line.n >= 8), default_lang)
    judge = Judge(language.stopwords(lang))
    result = Extracted(lang=lang)
    clusters = find_clusters(lines, judge)
    if not clusters:
        return result
    best = grow(lines, clusters, max(clusters, key=lambda c: weight(lines, c, judge)), judge)
    lead = " ".join(lines[i].text for i in best.lines[:LEAD])  # what a headline sums up
    title_at = find_title(lines, best.lines[0], " ".join(lines[i].text for i in best.lines), judge, lead)
    if title_at is None or title_at >= best.lines[0]:  # none above the block, or one taken from inside it
        title_at = fallback_title(lines, best, judge, lead) if title_at is None else title_at
        result.review.append("headline")
    if title_at is not None:
        result.title = lines[title_at].text
    body_idx = _body_lines(lines, best, judge)
    if title_at is not None and title_at >= best.lines[0] and any(i > title_at for i in best.lines):
        best = Cluster([i for i in best.lines if i > title_at])  # what stood above the headline was not the story
        body_idx = [i for i in body_idx if i > title_at]
    header_start = title_at + 1 if title_at is not None else best.lines[0]

    # The dek: the first paragraph under the headline, when it has no closing full stop, when the
    # body repeats it (a teaser quoting the story), or when a byline/date block parts it from the body.
    if len(body_idx) > 1 and title_at is not None:
        first = body_idx[0]
        between_title = [lines[j] for j in range(header_start, first)]
        directly_under = all(line.key == lines[title_at].key or line.chrome or line.n < 3 or
                             BREADCRUMB.match(line.text) for line in between_title)
        rest = " ".join(lines[i].text for i in body_idx[1:])
        gap = [lines[j] for j in range(first + 1, body_idx[1])]
        meta_between = any(looks_like_date(g.text) or BYLINE.match(g.text) or CAPTION.search(g.text) for g in gap)
        if directly_under and (not lines[first].ends_sentence or meta_between
                               or _contained(lines[first].text, rest) >= 0.6):
            result.summary = lines[first].text
            body_idx = body_idx[1:]
    if result.summary is None and title_at is not None:
        for j in range(header_start, body_idx[0] if body_idx else len(lines)):
            line = lines[j]
            if line.key == lines[title_at].key or line.chrome or line.n < 8:
                continue
            if not (CAPTION.search(line.text) or looks_like_date(line.text) or BYLINE.match(line.text)):
                result.summary = line.text
            break

    # What stood between the dek and the first paragraph (the headline again as image alt text,
    # a kicker) is header furniture, not a subheading.
    members = set(best.lines)
    while body_idx and body_idx[0] not in members:
        body_idx = body_idx[1:]
    if title_at is not None:
        body_idx = [i for i in body_idx if lines[i].key != lines[title_at].key]
    result.blocks = _blocks(lines, body_idx, judge)
    body_set = set(body_idx)
    header_end = body_idx[0] if body_idx else len(lines)
    _header_facts(result, lines, title_at, header_end)
    for line in lines[header_start:header_end + 3]:
        if line.index not in body_set and CAPTION.search(line.text) and line.n >= 2:
            result.image = caption_parts(line.text)
            break
    candidates = _date_lines(lines, title_at, header_end, body_set)
    newest_year = newest_copyright_year([line.text for line in lines])
    result.date = find_date(candidates, lang, captured) or find_yearless(candidates, lang, captured, newest_year)
    if result.date is None:  # none near the headline: a date elsewhere on the page is a guess, marked for review
        far = _far_date_lines(lines, title_at, header_end, body_set)
        result.date = _far_date(far, lang, captured) or find_yearless(far, lang, captured, newest_year)
        if result.date is not None and not result.date.relative:  # a relative one is marked by the importer
            result.review.append("date")
    result.evidence = [line.text for line in lines if line.index not in body_set and line.index != title_at]
    return result


def _blocks(lines: list[Line], body_idx: list[int], judge: Judge) -> list[str]:
    blocks: list[str] = []
    for i in body_idx:
        line = lines[i]
        if BULLET.match(line.text):
            item = "- " + _escape(BULLET.sub("", line.text))
            if blocks and blocks[-1].startswith("- "):
                blocks[-1] += "\n" + item  # consecutive items form one list
            else:
                blocks.append(item)
        elif not judge.prose(line) and judge.title_shaped(line, min_words=2) and not line.ends_sentence:
            blocks.append("## " + _escape(line.text))
        else:
            blocks.append(_escape(line.text))
    return blocks


def _header_facts(result: Extracted, lines: list[Line], title_at: int | None, header_end: int) -> None:
    """Section (from a breadcrumb) and byline, from the lines above the body."""
    top = max(0, (title_at if title_at is not None else header_end) - HEADER_REACH)
    for line in lines[top:header_end]:
        if line.index == title_at:
            continue
        crumb = BREADCRUMB.match(line.text)
        if crumb and result.section is None and line.n <= 12 and (title_at is None or line.index < title_at):
            parts = [p for p in CRUMB_SPLIT.split(crumb.group(1)) if p and p.strip()]
            if parts:
                result.section = parts[-1].strip()
        byline = BYLINE.match(line.text)
        if byline and result.byline is None:
            result.byline = re.split(r"\s+[|•·]\s+", byline.group(1))[0].strip()


LEAD = 3  # paragraphs that a headline sums up
TOP_OF_BODY = 12  # lines into the body where a date line set among the first paragraphs still counts as the header's


DATE_LINE = 160  # characters: a longer line is a paragraph, whose only date that counts is its opening dateline
# A wire dateline opening the first paragraph: "April 17, 2015 -- Imagine ...", "BERLIN, 13. Juni 2023 – Die ..."
OPENING_DATELINE = re.compile(r"^(.{6,40}?)\s+(?:--|—|–)\s")


def _date_lines(lines: list[Line], title_at: int | None, header_end: int, body: set[int]) -> list[str]:
    """Where a publication date stands, nearest the headline first: under it, among the story's first
    lines (a byline and date after the dek), just above it, after the story, then anywhere near."""
    anchor = title_at if title_at is not None else header_end
    under = [line.text for line in lines[anchor + 1:header_end + 1]]
    last_body = max(body) if body else header_end
    inside = [lines[i].text for i in range(header_end, last_body) if i not in body and lines[i].n <= 12]
    top = [lines[i].text for i in range(header_end, min(last_body, header_end + TOP_OF_BODY))
           if i not in body and lines[i].n <= 12]
    above = [line.text for line in reversed(lines[max(0, anchor - 8):anchor])]
    trailer = [line.text for line in lines[last_body + 1:last_body + 12]]
    # Last, any short line near the headline, nearest first (a dateline the page set apart).
    near = sorted((line for line in lines[max(0, anchor - 40):anchor + 40] if line.n <= 12 and line.index not in body),
                  key=lambda line: abs(line.index - anchor))
    texts = under + top + above + trailer + inside + [line.text for line in near]
    return [text if len(text) <= DATE_LINE else opening.group(1) for text in texts
            if len(text) <= DATE_LINE or (opening := OPENING_DATELINE.match(text))]


def _far_date_lines(lines: list[Line], title_at: int | None, header_end: int, body: set[int]) -> list[str]:
    """The short lines _date_lines does not reach, nearest the story first: below the story (a date
    under the author box, the first comment's), then above the header (the page's own date line)."""
    anchor = title_at if title_at is not None else header_end
    last_body = max(body) if body else header_end
    below = [line.text for line in lines[last_body + 12:] if line.n <= 12]
    return below + [line.text for line in reversed(lines[:max(0, anchor - 40)]) if line.n <= 12]


FAR_REST = 3  # words a date line far from the headline may hold besides its date ("Posted by X on")


def _far_date(lines: list[str], lang: str, captured: dt.datetime | None) -> FoundDate | None:
    """The first line far from the headline that is a date and little else (not a side bar's event,
    "Summer late: Thursday 6 July 2023, 6pm – 9pm")."""
    for line in lines:
        found = find_date([line], lang, captured)
        if found is not None and len(line.replace(found.text, " ").split()) <= FAR_REST:
            return found
    return None


def caption_parts(text: str) -> dict[str, str]:
    """'Stoltenberg in Washington. © Andrew Caballero-Reynolds / AFP' -> caption and credit."""
    match = re.search(r"\s*(?:©|\b(?:photo|image|picture|foto|bild|credit|фото|photograph)s?\s*:)\s*", text,
                      re.IGNORECASE)
    if match:
        caption, credit = text[:match.start()].strip(), text[match.end():].strip()
    else:
        caption, credit = text, ""
        trailing = re.search(r"\s*\(([^()]+)\)\s*$", text) or re.search(r"\s+([A-Z][\w.-]*(?:/[\w. -]+)+)\s*$", text)
        if trailing:
            caption, credit = text[:trailing.start()].strip(), trailing.group(1).strip()
    caption = re.sub(r"^\[\d+/\d+\]\s*", "", caption)
    image = {}
    if caption:
        image["caption"] = caption
    if credit:
        image["credit"] = credit
    return image
