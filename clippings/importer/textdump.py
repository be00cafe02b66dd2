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
from dataclasses import dataclass

from . import language
from .dates import find_date, looks_like_date
from .extracted import Extracted
from .lines import (
    BREADCRUMB,
    BULLET,
    BYLINE,
    CAPTION,
    CRUMB_SPLIT,
    HARD_END,
    NOT_A_HEADLINE,
    PROMO_MARKER,
    SOFT_END,
    Judge,
    Line,
    split_lines,
)

MAX_GAP = 12  # furniture lines (share bar, byline, caption, promo) a story may have between paragraphs
HEADER_REACH = 25  # how far above the body the headline may stand
INSIDE_REACH = 10  # how far into the block a headline may stand (a promo or teaser started the block)


@dataclass
class Cluster:
    lines: list[int]  # prose line indices
    words: int = 0


def _clusters(lines: list[Line], judge: Judge) -> list[Cluster]:
    """Runs of prose separated by at most MAX_GAP other lines; comments end a run for good.

    A soft end ("Related", "Most read") ends a run unless a substantial paragraph follows it
    soon: newspapers drop teaser lists into the middle of stories.
    """
    clusters: list[Cluster] = []
    current: Cluster | None = None
    gap = 0
    soft_break = False
    for i, line in enumerate(lines):
        if HARD_END.match(line.text):
            current, soft_break = None, False
            continue
        if SOFT_END.match(line.text):
            soft_break = True
            gap += 1
            continue
        if not _member(lines, i, judge) or (soft_break and current is not None and not judge.main_prose(line)):
            gap += 1  # after "Related", teaser lines are furniture until the story resumes
            continue
        continues = current is not None and gap <= MAX_GAP and (not soft_break or judge.main_prose(line))
        if not continues:
            current = Cluster([])
            clusters.append(current)
        current.lines.append(i)
        current.words += line.n if line.repeats == 1 else 0
        gap, soft_break = 0, False
    return clusters


MERGE_GAP = 60  # lines of code, a table or a long list a story may carry between its paragraphs


def _joins(lines: list[Line], gap: range, nxt: Cluster, judge: Judge) -> bool:
    """Two runs of prose are one story when what parts them is the story's own material (code, a
    table, a list): no end marker, little page chrome, and real paragraphs on the far side."""
    if len(gap) > MERGE_GAP or not any(judge.main_prose(lines[i]) for i in nxt.lines):
        return False
    between = [lines[i] for i in gap]
    if any(HARD_END.match(line.text) or SOFT_END.match(line.text) for line in between):
        return False
    return sum(line.chrome for line in between) <= len(between) / 4


def _grow(lines: list[Line], clusters: list[Cluster], best: Cluster, judge: Judge) -> Cluster:
    """The largest run of prose, joined with its neighbours when they belong to the same story."""
    at = clusters.index(best)
    lo = hi = at
    while hi + 1 < len(clusters) and _joins(lines, range(clusters[hi].lines[-1] + 1, clusters[hi + 1].lines[0]),
                                           clusters[hi + 1], judge):
        hi += 1
    while lo > 0 and _joins(lines, range(clusters[lo - 1].lines[-1] + 1, clusters[lo].lines[0]),
                            clusters[lo - 1], judge):
        lo -= 1
    if lo == hi:
        return best
    joined = [i for c in clusters[lo:hi + 1] for i in c.lines]
    return Cluster(joined, sum(c.words for c in clusters[lo:hi + 1]))


def _credit_follows(lines: list[Line], i: int) -> bool:
    """A caption printed above its credit line ("Foto: X / dpa", "MÒNICA TORRES")."""
    if i + 1 >= len(lines):
        return False
    nxt = lines[i + 1].text
    if re.match(r"^(?:©|foto|photo|image|bild|credit|photograph|picture)\b", nxt, re.IGNORECASE):
        return True
    words = nxt.split()
    return 2 <= len(words) <= 4 and nxt.isupper() and all(w.isalpha() for w in words)


def _member(lines: list[Line], i: int, judge: Judge) -> bool:
    """Prose that belongs to a story: not a lone sentence boxed in by furniture (a newsletter pitch)."""
    line = lines[i]
    if not judge.prose(line) or _credit_follows(lines, i):
        return False
    if line.n >= 20:
        return True
    neighbours = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return not all(n.chrome for n in neighbours)


def _stem_set(words: list[str]) -> set[str]:
    return {w[:5] for w in words if len(w) >= 3}


def _title(lines: list[Line], start: int, body_text: str, judge: Judge) -> int | None:
    """The headline: a headline-shaped line above the body whose words the story goes on to use.

    UI labels ("Zur Merkliste hinzufügen") share no words with the story; a kicker above the
    headline is shorter than it, a standfirst below it longer.
    """
    body = _stem_set(language.words(body_text))
    best, best_score = None, 0.0
    for i in range(start - 1, max(-1, start - HEADER_REACH - 1), -1):
        line = lines[i]
        if not judge.title_shaped(line) or line.n > 25 or (looks_like_date(line.text) and line.n <= 6):
            continue
        content = _stem_set([w for w in line.words if w not in judge.stops])
        overlap = len(content & body) / len(content) if content else 0.0
        score = 2 * overlap + (0.5 if 5 <= line.n <= 20 else 0) + (0.3 if line.repeats == 2 else 0)
        score -= 0.6 if _credit_follows(lines, i) else 0  # more likely a photo caption
        score -= (start - i) / 40
        if score > best_score:
            best, best_score = i, score
    if best is None:
        return None
    above = lines[best - 1] if best > 0 else None
    if above is not None and judge.title_shaped(above) and above.n >= 5 and above.n < lines[best].n:
        best = above.index  # headline, then a longer standfirst
    return next(j for j in range(len(lines)) if lines[j].key == lines[best].key)


def _headline_like(line: Line, judge: Judge) -> bool:
    """Looser than title_shaped: a question, a two-word or a long headline still counts."""
    if line.chrome or not 1 <= line.n <= 30 or len(line.text) > 250:
        return False
    if line.text.endswith(".") and not line.text.endswith("..."):
        return False
    return not (BYLINE.match(line.text) or CAPTION.search(line.text) or HARD_END.match(line.text)
                or SOFT_END.match(line.text) or PROMO_MARKER.match(line.text) or NOT_A_HEADLINE.search(line.text)
                or (looks_like_date(line.text) and line.n <= 6))


def _fallback_title(lines: list[Line], cluster: Cluster, judge: Judge) -> int | None:
    """When no headline stands above the block: the best headline-like line near its start, inside
    it too (a promo or teaser judged prose opened the block above the real headline), scored by how
    much of it the story after it goes on to use."""
    first = cluster.lines[0]
    best, best_score = None, 0.0
    for i in range(max(0, first - HEADER_REACH), min(len(lines), first + INSIDE_REACH)):
        line = lines[i]
        if not _headline_like(line, judge):
            continue
        after = " ".join(lines[j].text for j in cluster.lines if j > i)
        content = _stem_set([w for w in line.words if w not in judge.stops]) or _stem_set(line.words)
        overlap = len(content & _stem_set(language.words(after))) / len(content) if content else 0.0
        score = 2 * overlap + (0.5 if 4 <= line.n <= 20 else 0) - abs(first - i) / 40
        if overlap > 0 and score > best_score:
            best, best_score = i, score
    if best is None and first > 0 and _headline_like(lines[first - 1], judge):
        best = first - 1
    return best


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


def _body_lines(lines: list[Line], cluster: Cluster, judge: Judge) -> list[int]:
    """The cluster's prose plus what belongs between it: short paragraphs, list items, subheadings."""
    members = set(cluster.lines)
    first, last = cluster.lines[0], cluster.lines[-1]
    seen: set[str] = set()
    body = []
    for i in range(first, last + 1):
        line = lines[i]
        nearby = [lines[j] for j in (i - 1, i + 1) if first <= j <= last]
        # A teaser next to "Read more" is a promo; a full paragraph there is still the story.
        promo = any(PROMO_MARKER.match(n.text) for n in nearby) and not judge.main_prose(line)
        if line.key in seen:
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
        if i > 0 and _credit_follows(lines, i - 1):
            continue  # the credit under a caption
        if SOFT_END.match(line.text) or HARD_END.match(line.text) or looks_like_date(line.text):
            continue
        after = next((lines[j] for j in range(i + 1, last + 1) if not lines[j].chrome), None)
        before_is_body = bool(body) and body[-1] == i - 1
        followed_by_body = after is not None and after.index in members
        if BULLET.match(line.text) and line.n >= 2:
            body.append(i)
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
    judge = Judge(language.stopwords(lang) or language.stopwords("en"))
    result = Extracted(lang=lang)
    clusters = _clusters(lines, judge)
    if not clusters:
        return result
    best = _grow(lines, clusters, max(clusters, key=lambda c: c.words), judge)
    title_at = _title(lines, best.lines[0], " ".join(lines[i].text for i in best.lines), judge)
    if title_at is None:
        title_at = _fallback_title(lines, best, judge)
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
    result.date = find_date(_date_lines(lines, title_at, header_end, body_set), lang, captured)
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


def _date_lines(lines: list[Line], title_at: int | None, header_end: int, body: set[int]) -> list[str]:
    """Where a publication date stands, nearest first: under the headline, just above it, after the story."""
    anchor = title_at if title_at is not None else header_end
    under = [line.text for line in lines[anchor + 1:header_end + 1]]
    above = [line.text for line in reversed(lines[max(0, anchor - 8):anchor])]
    last_body = max(body) if body else header_end
    trailer = [line.text for line in lines[last_body + 1:last_body + 12]]
    inside = [lines[i].text for i in range(header_end, last_body) if i not in body and lines[i].n <= 12]
    # Last, any short line near the headline, nearest first (a dateline the page set apart).
    near = sorted((line for line in lines[max(0, anchor - 40):anchor + 40] if line.n <= 12 and line.index not in body),
                  key=lambda line: abs(line.index - anchor))
    return [text for text in under + above + trailer + inside + [line.text for line in near] if len(text) <= 160]


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
