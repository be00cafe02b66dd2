"""The headline of a page dump: a headline-shaped line near the body's start whose words the story uses."""

from __future__ import annotations

import itertools
import re

from . import language
from .clusters import Cluster, credit_follows
from .dates import looks_like_date
from .lines import BULLET, BYLINE, CAPTION, CODE_SHAPED, HARD_END, NOT_A_HEADLINE, PROMO_MARKER, SOFT_END, Judge, Line

HEADER_REACH = 45  # how far above the body the headline may stand
UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
CRUMBS = re.compile(r"^首页|\S\s*(?:>>?|»|›)\s*\S")  # a breadcrumb: Home > Science > Story
TITLE_MAX = 25  # words in a headline, at most
MIN_OVERLAP = 0.3  # share of a headline's content words the story uses
DATE_SHAPE = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")
INSIDE_REACH = 10  # how far into the block a headline may stand (a promo or teaser started the block)
BYLINE_INSIDE = re.compile(r"^\w+(?: \w+)? by [A-Z]")  # "Analysis by Joan Biskupic", "Written by ..."


def _stem_set(words: list[str]) -> set[str]:
    """Words cut to five letters; Chinese and Japanese (a character a word) by character pairs."""
    stems = {w[:5] for w in words if len(w) >= 3}
    cjk = [w for w in words if language.CJK.fullmatch(w)]
    stems.update(a + b for a, b in itertools.pairwise(cjk))
    for w in words:  # Thai, Burmese: runs of syllables without spaces, matched by three letters at a time
        if len(w) >= 3 and UNSPACED.match(w):
            stems.update(w[k:k + 3] for k in range(len(w) - 2))
    return stems


def _cjk(line: Line) -> bool:
    return bool(line.words) and sum(1 for w in line.words if language.CJK.fullmatch(w)) > len(line.words) / 2


def _words(line: Line) -> float:
    """A line's length in words; in Chinese and Japanese two characters make about one."""
    return line.n / 2 if _cjk(line) else line.n


def _score(lines: list[Line], i: int, body: set[str], lead: set[str], judge: Judge) -> float | None:
    """How much this line looks like the headline of the story whose words are ``body``.

    A headline names what the first paragraphs (``lead``) tell; a teaser for a related story
    shares the story's vocabulary, not its lead; a menu item or a button shares neither.
    """
    line = lines[i]
    content = _stem_set([w for w in line.words if w not in judge.stops])
    overlap = len(content & body) / len(content) if content else 0.0
    if overlap < MIN_OVERLAP:
        return None
    in_lead = len(content & lead) / len(content)
    sure = min(1.0, len(content) / 4)  # two words in common say less than six
    score = sure * (overlap + 2 * in_lead) + (0.5 if 5 <= _words(line) <= 20 else 0)
    score += 0.3 if line.repeats == 2 else 0  # the page prints its headline twice (image alt text)
    score += SIGNED if _signed(lines, i) else 0  # a headline stands over its byline or date; a caption does not
    return score - (0.6 if credit_follows(lines, i) else 0)  # more likely a photo caption


SIGNED = 1.0  # how much a byline or date line right under a line says it is the headline
SIGNATURE_REACH = 3  # lines under a headline where its byline or date stands


def _signed(lines: list[Line], i: int) -> bool:
    """A byline ("By Ann Lee", "Analysis by ...") or a date line among the few lines right under line i."""
    for line in lines[i + 1:i + 1 + SIGNATURE_REACH]:
        if BYLINE.match(line.text) or BYLINE_INSIDE.search(line.text) or _dateline(line):
            return True
    return False


def _shaped(line: Line, judge: Judge) -> bool:
    return (judge.title_shaped(line, max_words=2 * TITLE_MAX if _cjk(line) else TITLE_MAX)
            and not _dateline(line) and not CRUMBS.search(line.text))


def find_title(lines: list[Line], start: int, body_text: str, judge: Judge, lead_text: str = "") -> int | None:
    """The headline: a headline-shaped line above the body whose words the story goes on to use.

    UI labels ("Zur Merkliste hinzufügen") share no words with the story; a kicker above the
    headline is shorter than it, a standfirst below it longer.
    """
    body = _stem_set(language.words(body_text))
    lead = _stem_set(language.words(lead_text or body_text))
    best, best_score = None, 0.0
    for i in range(start - 1, max(-1, start - HEADER_REACH - 1), -1):
        if not _shaped(lines[i], judge):
            continue
        score = _score(lines, i, body, lead, judge)
        if score is not None and score - (start - i) / 40 > best_score:
            best, best_score = i, score - (start - i) / 40
    if best_score < WEAK:  # a label ("Supported by") at best: a banner judged prose may open the block
        best, best_score = _inside(lines, start, body_text, judge, lead, best, best_score)
    if best is None:
        return None
    above = lines[best - 1] if best > 0 else None
    if (above is not None and _shaped(above, judge) and _words(above) >= 5 and above.n <= lines[best].n
            and lines[best].repeats < 2 and _score(lines, above.index, body, lead, judge) is not None):
        # headline, then a longer standfirst (not a sponsor line the story never speaks of; and a line
        # the page prints twice is its headline, not a standfirst)
        best = above.index
    return next(j for j in range(len(lines)) if lines[j].key == lines[best].key)


WEAK = 1.1  # a headline scoring less shares a word or two with the story, as a label or menu item does
PITCH = 2  # paragraphs of a promo or pitch that may open the block above the headline
MARGIN = 0.5  # how much better a line inside the block must score to be taken over one above it


def _inside(lines: list[Line], start: int, body_text: str, judge: Judge, lead: set[str],
            best: int | None, best_score: float) -> tuple[int | None, float]:
    """A headline among the block's first lines, scored by the story after it (a promo or a
    subscription pitch judged prose opened the block above the real headline)."""
    members = [j for j in range(start, len(lines)) if lines[j].text in body_text]
    inside, inside_score = None, 0.0
    for i in range(start, min(len(lines), start + INSIDE_REACH)):
        line = lines[i]
        if not (judge.title_shaped(line, max_words=2 * TITLE_MAX if _cjk(line) else TITLE_MAX)
                or _headline_like(line, judge)) or _dateline(line) or CRUMBS.search(line.text):
            continue
        if BULLET.match(line.text):
            continue  # an item of the story's own list ("+ Added Granite blocks")
        if sum(1 for j in members if j < i) > PITCH:
            break  # paragraphs stand above it: they are the story, and this is a quote or a subheading
        after = _stem_set(language.words(" ".join(lines[j].text for j in members if j > i)))
        score = _score(lines, i, after, lead, judge)
        if score is not None and score - (i - start) / 40 > max(best_score + MARGIN, inside_score):
            inside, inside_score = i, score - (i - start) / 40
    return (inside, inside_score) if inside is not None else (best, best_score)


def _dateline(line: Line) -> bool:
    """A date line, however many characters a CJK one counts ("2017-03-10 09:58 来源：网易科学人")."""
    return looks_like_date(line.text) and (line.n <= 6 or bool(DATE_SHAPE.search(line.text)))


def _headline_like(line: Line, judge: Judge) -> bool:
    """Looser than title_shaped: a question, a two-word or a long headline still counts."""
    if line.chrome or not 1 <= line.n <= 30 or len(line.text) > 250:
        return False
    if line.text.endswith(".") and not line.text.endswith("..."):
        return False
    return not (BYLINE.match(line.text) or CAPTION.search(line.text) or CODE_SHAPED.search(line.text)
                or HARD_END.match(line.text)
                or SOFT_END.match(line.text) or PROMO_MARKER.match(line.text) or NOT_A_HEADLINE.search(line.text)
                or _dateline(line) or CRUMBS.search(line.text))


def fallback_title(lines: list[Line], cluster: Cluster, judge: Judge, lead_text: str = "") -> int | None:
    """When no headline stands above the block: the best headline-like line near its start, inside
    it too (a promo or teaser judged prose opened the block above the real headline), scored by how
    much of it the story after it goes on to use."""
    first = cluster.lines[0]
    lead = _stem_set(language.words(lead_text))
    best, best_score = None, 0.0
    for i in range(max(0, first - HEADER_REACH), min(len(lines), first + INSIDE_REACH)):
        line = lines[i]
        if sum(1 for j in cluster.lines if j < i) > PITCH:
            break  # paragraphs stand above it: they are the story, and this is a quote or a subheading
        if not _headline_like(line, judge):
            continue
        after = _stem_set(language.words(" ".join(lines[j].text for j in cluster.lines if j > i)))
        score = _score(lines, i, after, lead or after, judge)
        if score is not None and score - abs(first - i) / 40 > best_score:
            best, best_score = i, score - abs(first - i) / 40
    if best is None and first > 0 and _headline_like(lines[first - 1], judge):
        best = first - 1
    return best
