"""Lines of a page dump and what a reader sees in each: prose, headline, chrome, caption, date.

The vocabulary here is page furniture as news sites really print it, in several languages.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from . import language

# Whole lines that are page furniture: navigation, account, sharing, consent, app promotion.
CHROME = re.compile(
    r"^(?:"
    r"contact( us)?|subscribe( now)?|sign ?(in|up|out)|log ?(in|out)|register|my account|account|menu|search|"
    r"home|homepage|share( this( article| story| page)?)?|tweet|email|e-mail|print|copy link|save|bookmark|"
    r"save article|read more|more|next|previous|back|back to top|skip to (main )?content|skip to navigation|"
    r"close|open|show more|load more|see (all|more)|view (all|more)|advertisement|advert|sponsored( content)?|"
    r"ad|accept( all)?( cookies)?|reject( all)?|manage (cookies|preferences|settings)|cookie settings|got it|"
    r"ok|okay|follow|follow us|newsletter|newsletters|download( the)? app|get the app|listen|watch|play|pause|"
    r"video|audio|loading\.*|comments?|\d+ comments?|leave a comment|all podcasts|podcasts?|live|breaking|"
    r"reply|report|like|\d+ likes?|sort by|best|newest|oldest|facebook|twitter|x|linkedin|whatsapp|telegram|"
    r"reddit|pinterest|flipboard|messenger|copy|link copied|story continues below|continue reading|"
    r"enlarge this image|toggle caption|hide caption|image source,.*|image caption,.*|media caption,.*|"
    r"\d+ (min|minute)s? read|listen to this article|gift this article|x\.com|"
    r"ir a los comentarios|compartir en \w+|copiar enlace|zur merkliste hinzufügen|weitere optionen zum teilen|"
    r"kommentare öffnen|link kopieren|скопировать ссылку|вконтакте|одноклассники|copier le lien|"
    r"abonnieren|anmelden|abmelden|mehr lesen|weiterlesen|teilen|drucken|startseite|suche|merken|"
    r"s'abonner|se connecter|lire la suite|partager|accueil|rechercher|"
    r"suscríbete|suscribirse|iniciar sesión|leer más|compartir|inicio|buscar|"
    r"подписаться|войти|читать далее|поделиться|главная|поиск|"
    r"اشترك|تسجيل الدخول|اقرأ المزيد|شارك|الرئيسية|بحث"
    r")[.!:]?$",
    re.IGNORECASE,
)
# Consent banners: chrome however long the line is.
CONSENT = re.compile(
    r"we value your privacy|we and our partners|store and/or access information|personali[sz]ed ads|"
    r"this (web)?site uses cookies|we use cookies|use of cookies|cookie (policy|preferences|settings)|"
    r"by continuing to (use|browse)|consent to (the|our) use|datenschutzeinstellungen|wir verwenden cookies|"
    r"nous utilisons des cookies|utilizamos cookies|мы используем (файлы )?cookie",
    re.IGNORECASE,
)
# Phrases that mark a short line as chrome wherever they stand in it.
CHROME_PHRASES = re.compile(
    r"©|\(c\) ?\d{4}|copyright|all rights reserved|privacy policy|terms (of|and) (use|service|conditions)|"
    r"sign up for|subscribe to|newsletter|download (the|our) app|app store|google play|follow us on|"
    r"follow [\w ]+ on (twitter|facebook|instagram|x)\b|share on (facebook|twitter|x)|click here|"
    r"opens new tab|this video can ?not be played|please turn on javascript|javascript is disabled|"
    r"alle rechte vorbehalten|datenschutz|tous droits réservés|todos los derechos reservados|все права защищены|"
    r"^(read more|related|see also|also read|read also|watch|listen|more on this|more:|read next|lire aussi|"
    r"mehr zum thema|más información|читайте также)\s*[:|–-]|"
    r"^(read more|see also|also read|read also|lire aussi|lesen sie auch|leer también|related)\b[^:|]{0,40}[:|]",
    re.IGNORECASE,
)
# Agency trailers and notes that follow the story but are not part of it.
TRAILER = re.compile(
    r"^\(?(reporting by|additional reporting by|writing by|editing by|compiled by|reporting and writing by)\b|"
    r"contributed to this (report|story)|^\(?(mit informationen|mit material) von\b|^المصدر\s*:|"
    r"our standards: the thomson reuters trust principles|^(originally )?published:|"
    r"^[A-Z][\w'’.-]+ (?:[A-Z][\w'’.-]+ ){0,3}is an? [\w ,-]{0,60}"
    r"(journalist|reporter|correspondent|editor|writer|photographer|columnist)\b",
    re.IGNORECASE,
)
# Whole lines after which the article is over: comments.
HARD_END = re.compile(
    r"^(?:(\d+ )?comments( \(\d+\))?|join the (conversation|discussion)|leave a (comment|reply)( to .{1,200})?|"
    r"kommentare( \(\d+\))?|commentaires|comentarios|комментарии|(show|view|load|read|see) (all )?(\d+ )?comments|"
    r"\d+ (comments?|responses?|replies|thoughts) (on|to) .{1,200}|there (are|is) \d+ comments?|"
    r"(post|add|write|submit) a comment|your email address will not be published.*|comments are closed.*|"
    r"(you must be )?(logged in|sign in|log in) to (post a )?comment.*|reader comments|"
    r"kommentar schreiben|kommentieren|leserkommentare|laisser un commentaire|commenter|r[ée]agir|comentar|"
    r"deja un comentario|"
    r"dejar un comentario|escribe (tu|un) comentario)[.:]?$",
    re.IGNORECASE,
)
# Of those, the ones that open a comment thread (a bare "12 comments" may be a link under the headline).
THREAD_START = re.compile(r"^(?!(?:\d+ )?(?:comments|kommentare)(?: \(\d+\))?[.:]?$)", re.IGNORECASE)
# Whole lines that usually end the article but may interrupt it (a teaser list mid-story).
SOFT_END = re.compile(
    r"^(?:top stories|related( (articles?|stories|content|coverage|topics|news|reading))?|"
    r"more (from|on|stories|news|in|about)\b.*|most (read|popular|viewed|shared|watched)|recommended( for you)?|"
    r"you (may|might) (also )?(like|be interested in)|read next|what to read next|trending( now)?|"
    r"latest( news| stories| videos)?|editor'?s picks|features|[a-z]{2,5} features|podcasts|more stories|"
    r"around the web|topics|mehr zum thema|das könnte sie auch interessieren|lesen sie auch|"
    r"à lire aussi|sur le même sujet|lire aussi|más noticias|más información|te puede interesar|"
    r"relacionad[oa]s?|читайте также|главное|новости партнеров)[.:]?$",
    re.IGNORECASE,
)
PROMO_MARKER = re.compile(r"^(read more|read also|also read|see also|related|watch|listen|lesen sie auch|"
                          r"читайте также|lire aussi|leer más|más información|mehr zum thema)[.:]?$", re.IGNORECASE)
BREADCRUMB = re.compile(
    r"^(?:home|startseite|главная|accueil|inicio|inizio|news)\s*(?:[›>»/|•·-]\s*)?(?=\S)(.+)$", re.IGNORECASE
)
CRUMB_SPLIT = re.compile(r"\s*[›>»/|•·]\s*|(?<=[a-z])(?=[A-Z][a-z])")
BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av|автор:?|от)\s+(\S.{1,80})$", re.IGNORECASE)
CAPTION = re.compile(
    r"©|\b(?:photo|image|picture|foto|bild|credit|fotó|фото|photograph)s?\s*:|^\[\d+/\d+\]|"
    r"/\s*(?:afp|reuters|ap|getty images|epa|dpa|anadolu|sputnik|tass|shutterstock|imago|xinhua)\b|"
    r"\((?:getty images|reuters|ap|afp|epa|pa|dpa|staff photo|[^()]{0,40}photographer)\)\s*$|"
    r"\bREUTERS/|\bAP Photo/|\(Photo by [^)]*\)",
    re.IGNORECASE,
)
ICON_LINE = re.compile(r"\bicon\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…:;。！？：；။][\"'”’»)\]」』）]*$|[\"”»」』]$")
BULLET = re.compile(r"^[•·▪●◦‣∙*+-]\s+")
GLUED_SENTENCE = re.compile(r"(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])")
ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
# Source code and data tables printed in a story: box-drawing table rules, braces, calls ("avg(n)"),
# snake_case names, assignments and statement ends. A headline has none of these.
CODE_SHAPED = re.compile(r"[│┃┼─═{}]|\b[A-Za-z_]\w*\(|\b[a-z]+_[a-z_]+\b|\s=\s|==|=>|->|;\s*(?://.*)?$|^//|'[\w-]+',")
# The page's own scripts and tracking pixels, shown as text when the capture kept them: not the story's code.
PAGE_SCRIPT = re.compile(r"google-?analytics|googletag|_taboola|adsbygoogle|datalayer\.push|fbq\(|_gaq|"
                         r"chartbeat|comscore|parsely|spotim|\bwidth=\"?1\"? height=\"?1\b", re.IGNORECASE)
NOT_A_HEADLINE = re.compile(r"@|^posted\b|^updated\b|^published\b|^first published\b|\|.*\||https?://|"
                            r"^\S+\.(?:jpe?g|png|gif|webp|svg|mp4)$", re.IGNORECASE)  # an image's file name

INITIALISM_END = re.compile(r"(?:\b[A-Z]\.){2,}$")  # "... Underneath N.Y.C.": a headline's last word, not a full stop
TITLE_WORDS = (3, 30)
PROSE_WORDS = 10
MAIN_PROSE_WORDS = 20


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


INDENT = re.compile(r"^(?: {2,}|\t+)")
WRAPPED_ON = re.compile(r"^\s*[a-z(\[\"'“‘]")


def unwrap(raw_lines: list[str]) -> list[str]:
    """Join the lines of hard-wrapped text (an RFC, a mail or a <pre> block shows its paragraphs
    broken at a fixed width): an indented line that does not end a sentence, followed by a line
    with the same indent that carries on in lower case. Ordinary page text is never indented."""
    out: list[str] = []
    for raw in raw_lines:
        if out and raw.strip() and out[-1].strip():
            prev = out[-1]
            indent = INDENT.match(prev)
            if (indent and raw.startswith(indent.group(0)) and not raw[len(indent.group(0))].isspace()
                    and WRAPPED_ON.match(raw) and not SENTENCE_END.search(prev.rstrip())
                    and not BULLET.match(raw.strip())):
                out[-1] = prev.rstrip() + " " + raw.strip()
                continue
        out.append(raw)
    return out


def split_lines(text: str, boilerplate: frozenset[str] = frozenset()) -> list[Line]:
    lines = []
    for raw in unwrap(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        cleaned = clean_line(raw)
        if cleaned:
            lines.append(Line(len(lines), cleaned, language.words(cleaned), " ".join(language.words(cleaned))))
    counts = Counter(line.key for line in lines)
    for line in lines:
        line.repeats = counts[line.key]
        line.chrome = is_chrome(line) or (bool(line.key) and line.key in boilerplate)
    return lines


def is_chrome(line: Line) -> bool:
    if CHROME.match(line.text) or CONSENT.search(line.text) or TRAILER.search(line.text):
        return True
    if line.n < 25 and CHROME_PHRASES.search(line.text):
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
        if line.chrome or HARD_END.match(line.text) or SOFT_END.match(line.text) or CAPTION.search(line.text):
            return False
        # Without closing punctuation only a long line is prose: headlines are short and unpunctuated.
        if line.n >= MAIN_PROSE_WORDS and self.share(line) >= 0.25:
            return True
        if not self.stops and line.n >= 2 * MAIN_PROSE_WORDS:
            return True  # no stop list for the language (Thai, Chinese): a long line is prose
        if line.n >= PROSE_WORDS and line.ends_sentence:
            return True
        return line.n >= 5 and line.ends_sentence and self.share(line) >= 0.2

    def main_prose(self, line: Line) -> bool:
        return self.prose(line) and line.n >= MAIN_PROSE_WORDS and line.repeats == 1

    def title_shaped(self, line: Line, min_words: int = TITLE_WORDS[0], max_words: int = TITLE_WORDS[1]) -> bool:
        if line.chrome or not (min_words <= line.n <= max_words) or len(line.text) > 250:
            return False
        if line.text.endswith(".") and not line.text.endswith("...") and not INITIALISM_END.search(line.text):
            return False
        return not (BYLINE.match(line.text) or BREADCRUMB.match(line.text) or CAPTION.search(line.text)
                    or CODE_SHAPED.search(line.text) or HARD_END.match(line.text) or SOFT_END.match(line.text)
                    or PROMO_MARKER.match(line.text)
                    or NOT_A_HEADLINE.search(line.text))
