"""Extract an article from the text of a whole web page copied out of a browser.

No library does this well (trafilatura on a text dump keeps nearly everything), so each line
is judged as a person would: its shape (length, closing punctuation, share of stop words),
where it stands relative to the headline, whether the page repeats it (promos and story lists
appear twice), whether the outlet's other captures carry it too (learned boilerplate), and
the vocabulary of page chrome in several languages.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from . import language
from .dates import find_date
from .extracted import Extracted

# Whole lines that are page furniture: navigation, account, sharing, consent, app promotion.
CHROME = re.compile(
    r"^(?:"
    r"contact( us)?|subscribe( now)?|sign ?(in|up|out)|log ?(in|out)|register|my account|account|menu|search|"
    r"home|homepage|share( this( article| story)?)?|tweet|email|e-mail|print|copy link|save|bookmark|"
    r"read more|more|next|previous|back|back to top|skip to (main )?content|close|open|show more|load more|"
    r"see (all|more)|view (all|more)|advertisement|advert|sponsored( content)?|ad|accept( all)?( cookies)?|"
    r"reject( all)?|manage (cookies|preferences|settings)|cookie settings|got it|ok|okay|follow us|"
    r"follow|newsletter|newsletters|download( the)? app|get the app|listen|watch|play|pause|video|audio|"
    r"loading\.*|comments?|\d+ comments?|leave a comment|all podcasts|podcasts?|live|breaking|"
    r"abonnieren|anmelden|abmelden|mehr lesen|weiterlesen|teilen|drucken|startseite|suche|"
    r"s'abonner|se connecter|lire la suite|partager|accueil|rechercher|"
    r"suscríbete|suscribirse|iniciar sesión|leer más|compartir|inicio|buscar|"
    r"подписаться|войти|читать далее|поделиться|главная|поиск|"
    r"اشترك|تسجيل الدخول|اقرأ المزيد|شارك|الرئيسية|بحث"
    r")[.!:]?$",
    re.IGNORECASE,
)
# Phrases that mark a line as chrome wherever they stand in a short line.
CHROME_PHRASES = re.compile(
    r"©|\(c\) ?\d{4}|copyright|all rights reserved|this (web)?site uses cookies|cookie policy|privacy policy|"
    r"terms (of|and) (use|service|conditions)|sign up for|subscribe to|newsletter|download (the|our) app|"
    r"app store|google play|follow us on|share on (facebook|twitter|x)|click here|alle rechte vorbehalten|"
    r"datenschutz|tous droits réservés|todos los derechos reservados|все права защищены|"
    r"^(read more|related|see also|also read|read also|watch|listen|more on this|more:|read next)\s*[:|–-]",
    re.IGNORECASE,
)
# Lines after which the article is over: story lists, comments, "more from".
END = re.compile(
    r"^(?:top stories|related( (articles?|stories|content|coverage|topics|news|reading))?|"
    r"more (from|on|stories|news|in|about)\b.*|most (read|popular|viewed|shared|watched)|recommended( for you)?|"
    r"you (may|might) (also )?(like|be interested in)|read next|what to read next|trending( now)?|"
    r"latest( news| stories| videos)?|editor'?s picks|(\d+ )?comments( \(\d+\))?|join the conversation|"
    r"leave a (comment|reply)|features|[a-z]{2,5} features|podcasts|more stories|around the web|"
    r"mehr zum thema|das könnte sie auch interessieren|lesen sie auch|kommentare|"
    r"à lire aussi|sur le même sujet|lire aussi|"
    r"más noticias|te puede interesar|relacionad[oa]s?|"
    r"читайте также|главное|новости партнеров|комментарии)[.:]?$",
    re.IGNORECASE,
)
PROMO_MARKER = re.compile(r"^(read more|read also|also read|see also|related|watch|listen|lesen sie auch|"
                          r"читайте также|lire aussi|leer más)[.:]?$", re.IGNORECASE)
BREADCRUMB = re.compile(
    r"^(?:home|startseite|главная|accueil|inicio|inizio|news)\s*(?:[›>»/|•·-]\s*)?(?=\S)(.+)$", re.IGNORECASE
)
CRUMB_SPLIT = re.compile(r"\s*[›>»/|•·]\s*")
BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|автор:?|от)\s+(\S.{1,80})$", re.IGNORECASE)
CAPTION = re.compile(
    r"©|\b(?:photo|image|picture|foto|bild|credit|fotó|фото)s?\s*:|"
    r"/\s*(?:afp|reuters|ap|getty images|epa|dpa|anadolu|sputnik|tass|shutterstock|imago|xinhua)\b",
    re.IGNORECASE,
)
ICON_LINE = re.compile(r"\bicon\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”»]$")
BULLET = re.compile(r"^[•·▪●◦‣∙*-]\s+")
GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

TITLE_WORDS = (3, 30)
PROSE_WORDS = 10
MAIN_PROSE_WORDS = 20
MAX_GAP = 4  # non-body lines a body may skip (a promo, a caption) before it counts as ended


@dataclass
class Line:
    index: int
    text: str
    words: list[str]
    key: str  # for counting repeats: case- and space-folded
    repeats: int = 1
    chrome: bool = False

    @property
    def n(self) -> int:
        return len(self.words)

    @property
    def ends_sentence(self) -> bool:
        return bool(SENTENCE_END.search(self.text))


def clean_line(text: str) -> str:
    """Fix only what is certainly capture damage: invisible characters, runs of spaces, 'said.He'."""
    text = unicodedata.normalize("NFC", text.translate(ZERO_WIDTH))
    text = re.sub(r"[ \t]+", " ", text).strip()
    return GLUED_SENTENCE.sub(" ", text)


def _key(text: str) -> str:
    return " ".join(language.words(text))


def split_lines(text: str, boilerplate: frozenset[str] = frozenset()) -> list[Line]:
    lines = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        cleaned = clean_line(raw)
        if cleaned:
            lines.append(Line(len(lines), cleaned, language.words(cleaned), _key(cleaned)))
    counts = Counter(line.key for line in lines)
    for line in lines:
        line.repeats = counts[line.key]
        line.chrome = _is_chrome(line) or (line.key in boilerplate and bool(line.key))
    return lines


def _is_chrome(line: Line) -> bool:
    if CHROME.match(line.text) or (line.n < 25 and CHROME_PHRASES.search(line.text)):
        return True
    if len(ICON_LINE.findall(line.text)) >= 3:  # icon-font names dumped as text
        return True
    return line.n == 0  # only digits and punctuation: player times, counters


class Judge:
    """Line tests that need the page's language."""

    def __init__(self, stops: frozenset[str]):
        self.stops = stops

    def share(self, line: Line) -> float:
        return language.stop_share(line.words, self.stops)

    def prose(self, line: Line) -> bool:
        if line.chrome or END.match(line.text):
            return False
        if line.n >= PROSE_WORDS and (line.ends_sentence or self.share(line) >= 0.25):
            return True
        return line.n >= 5 and line.ends_sentence and self.share(line) >= 0.2

    def main_prose(self, line: Line) -> bool:
        return self.prose(line) and line.n >= MAIN_PROSE_WORDS and line.repeats == 1

    def title_shaped(self, line: Line) -> bool:
        low, high = TITLE_WORDS
        if line.chrome or not (low <= line.n <= high) or len(line.text) > 250:
            return False
        if line.text.endswith(".") and not line.text.endswith("..."):
            return False
        return not (BYLINE.match(line.text) or BREADCRUMB.match(line.text) or CAPTION.search(line.text)
                    or END.match(line.text) or PROMO_MARKER.match(line.text))


def _escape(text: str) -> str:
    """Keep captured text literal in Markdown (a leading '#', '1.' or '>' is text, not markup)."""
    text = re.sub(r"([\\`*_<])", r"\\\1", text)
    text = re.sub(r"^(#{1,6}\s|>|\+\s|-\s|=+\s*$)", r"\\\1", text)
    return re.sub(r"^(\d+)([.)]\s)", r"\1\\\2", text)


def _find_title(lines: list[Line], judge: Judge) -> int | None:
    """The headline: the title-shaped line nearest above the first substantial paragraph."""
    first_main = next((i for i, line in enumerate(lines) if judge.main_prose(line)), None)
    if first_main is None:
        first_main = next((i for i, line in enumerate(lines) if judge.prose(line)), len(lines))
    for i in range(first_main - 1, -1, -1):
        line = lines[i]
        if judge.title_shaped(line) and line.n <= 20 and not (i + 1 < len(lines) and CAPTION.search(line.text)):
            # A headline repeated as the image's alt text: take its first appearance.
            first = next(j for j in range(len(lines)) if lines[j].key == line.key)
            return first
    return next((i for i, line in enumerate(lines) if judge.title_shaped(line)), None)


def _body_region(lines: list[Line], start: int, judge: Judge) -> list[int]:
    """Indices of body candidates: prose runs after the title, until a gap or an end marker."""
    body: list[int] = []
    gap = 0
    seen: set[str] = set()
    for i in range(start, len(lines)):
        line = lines[i]
        if END.match(line.text) and body:
            break
        if judge.prose(line) and (line.repeats == 1 or (line.n >= MAIN_PROSE_WORDS and line.key not in seen)):
            if body and gap > MAX_GAP:
                break
            body.append(i)
            seen.add(line.key)
            gap = 0
        elif body:
            gap += 1
    return body


def _is_promo(lines: list[Line], i: int) -> bool:
    """A teaser for another story: repeated, or next to a 'Read more' marker."""
    line = lines[i]
    near = [lines[j] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    return line.repeats > 1 or any(PROMO_MARKER.match(n.text) for n in near)


def _inner_blocks(lines: list[Line], region: list[int], judge: Judge) -> list[int]:
    """Add short lines, list items and subheadings that sit between body paragraphs."""
    if not region:
        return []
    keep = set(region)
    for i in range(region[0] + 1, region[-1]):
        if i in keep:
            continue
        line = lines[i]
        if line.chrome or _is_promo(lines, i) or CAPTION.search(line.text) or PROMO_MARKER.match(line.text):
            continue
        before, after = i - 1 in keep, i + 1 in keep or (i + 1 < len(lines) and judge.prose(lines[i + 1]))
        if BULLET.match(line.text) and line.n >= 2:
            keep.add(i)
        elif before and after and line.ends_sentence and line.n >= 2:
            keep.add(i)  # a short paragraph: "He declined to comment."
        elif after and judge.title_shaped(line) and line.n <= 12 and not line.ends_sentence:
            keep.add(i)  # a subheading
    return sorted(keep)


def _contained(needle: str, haystack: str) -> float:
    """Share of the needle's word 4-grams found in the haystack."""
    a, b = language.words(needle), language.words(haystack)
    grams = {tuple(a[i:i + 4]) for i in range(len(a) - 3)}
    if not grams:
        return 0.0
    pool = {tuple(b[i:i + 4]) for i in range(len(b) - 3)}
    return len(grams & pool) / len(grams)


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
    if not lines:
        return result

    title_at = _find_title(lines, judge)
    start = title_at + 1 if title_at is not None else 0
    if title_at is not None:
        result.title = lines[title_at].text
    region = _body_region(lines, start, judge)
    body_idx = _inner_blocks(lines, region, judge)

    # The dek: a first paragraph right under the headline that the body then repeats, that has
    # no closing full stop, or that a dateline/byline block separates from the body.
    if body_idx:
        first = body_idx[0]
        rest = " ".join(lines[i].text for i in body_idx[1:])
        between = lines[first + 1:body_idx[1]] if len(body_idx) > 1 else []
        meta_between = any(find_date([line.text], lang, captured) or BYLINE.match(line.text) or line.chrome
                           for line in between)
        directly_under = all(lines[j].key == lines[title_at].key or lines[j].chrome
                             for j in range(start, first)) if title_at is not None else first == 0
        if directly_under and len(body_idx) > 1 and (
            not lines[first].ends_sentence or _contained(lines[first].text, rest) >= 0.6 or meta_between
        ):
            result.summary = lines[first].text
            body_idx = body_idx[1:]
    if result.summary is None and title_at is not None:
        # A dek that is not prose-shaped enough for the body (no stop words, say) but sits right
        # under the headline and before anything else.
        for j in range(start, body_idx[0] if body_idx else len(lines)):
            line = lines[j]
            if line.key == lines[title_at].key or line.chrome:
                continue
            if line.n >= 8 and not CAPTION.search(line.text) and not find_date([line.text], lang, captured):
                result.summary = line.text
            break

    body_set = set(body_idx)
    blocks = []
    for i in body_idx:
        line = lines[i]
        if BULLET.match(line.text):
            blocks.append("- " + _escape(BULLET.sub("", line.text)))
        elif i not in region and judge.title_shaped(line) and not line.ends_sentence:
            blocks.append("## " + _escape(line.text))
        else:
            blocks.append(_escape(line.text))
    # Consecutive list items form one Markdown list.
    result.blocks = _join_lists(blocks)

    header_end = body_idx[0] if body_idx else len(lines)
    header = [line for line in lines[:header_end] if line.index != title_at]
    for line in header:
        crumb = BREADCRUMB.match(line.text)
        if crumb and result.section is None and line.n <= 12:
            parts = [p for p in CRUMB_SPLIT.split(crumb.group(1)) if p]
            if parts:
                result.section = parts[-1].strip()
        byline = BYLINE.match(line.text)
        if byline and result.byline is None:
            result.byline = byline.group(1).strip()
    caption_zone = [line for line in lines[start:header_end + 3] if line.index not in body_set]
    for line in caption_zone:
        if CAPTION.search(line.text) and line.n >= 2:
            result.image = _caption(line.text)
            break

    date_lines = [line.text for line in lines[:header_end + 2] if line.n <= 16]
    trailer = [line.text for line in lines[header_end:] if line.index not in body_set and line.n <= 16]
    result.date = find_date(date_lines, lang, captured) or find_date(trailer, lang, captured)
    result.evidence = [line.text for line in lines if line.index not in body_set and line.index != title_at]
    return result


def _caption(text: str) -> dict[str, str]:
    """'Stoltenberg in Washington. © Andrew Caballero-Reynolds / AFP' -> caption and credit."""
    match = re.search(r"\s*(?:©|\b(?:photo|image|picture|foto|bild|credit|фото)s?\s*:)\s*", text, re.IGNORECASE)
    if match:
        caption, credit = text[:match.start()].strip(), text[match.end():].strip()
    else:
        caption, credit = text, ""
        agency = re.search(r"\s*\(?([^()]*/\s*[A-Za-z ]+)\)?\s*$", text)
        if agency:
            caption, credit = text[:agency.start()].strip(), agency.group(1).strip()
    image = {}
    if caption:
        image["caption"] = caption
    if credit:
        image["credit"] = credit
    return image


def _join_lists(blocks: list[str]) -> list[str]:
    joined: list[str] = []
    for block in blocks:
        if block.startswith("- ") and joined and joined[-1].startswith("- "):
            joined[-1] += "\n" + block
        else:
            joined.append(block)
    return joined
