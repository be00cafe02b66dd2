"""The headline of a page dump: a headline-shaped line near the body's start whose words the story uses."""

from __future__ import annotations

from . import language
from .clusters import Cluster, credit_follows
from .dates import looks_like_date
from .lines import BYLINE, CAPTION, HARD_END, NOT_A_HEADLINE, PROMO_MARKER, SOFT_END, Judge, Line

HEADER_REACH = 25  # how far above the body the headline may stand
INSIDE_REACH = 10  # how far into the block a headline may stand (a promo or teaser started the block)


def _stem_set(words: list[str]) -> set[str]:
    return {w[:5] for w in words if len(w) >= 3}


def find_title(lines: list[Line], start: int, body_text: str, judge: Judge) -> int | None:
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
        score -= 0.6 if credit_follows(lines, i) else 0  # more likely a photo caption
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


def fallback_title(lines: list[Line], cluster: Cluster, judge: Judge) -> int | None:
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


