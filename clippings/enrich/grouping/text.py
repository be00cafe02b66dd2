"""What grouping reads from one article: its words and quoted passages (and, for the evidence
shown to curators, its names and figures).

Everything here depends on the article alone (its headline, dek, text and language), never on
the rest of the archive, so the features can be cached by the article's content and an edit
changes only the edited article's features. That is also why words are not weighted by their
rarity in the archive (TF-IDF): on the dev set, counting every word that is not a stop word
alike, once the relative signals of ``cluster.py`` are in, scores as well as archive IDF did,
and it keeps a new article from changing the similarity of every other pair.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from search.analysis import STEMMED, STOP_WORDS, group_of, stem

TEXT_CHARS = 3000  # of the body: the lead says what happened; further down is background
TERMS_KEPT = 80  # the words an article is compared by (most frequent first); more adds noise
SHINGLE = 6  # words in a quoted span that count as "the same quote" (Quootstrap's minimum)
MIN_QUOTE_WORDS = 6

_WORD = re.compile(r"\w\w+")  # words of two or more letters or digits
_MARKUP = re.compile(r"<[^>]*>|!?\[([^\]]*)\]\([^)]*\)|^\s{0,3}(?:#+|>+|[-*+]|\d+\.)\s+", re.MULTILINE)
_QUOTE_MARKS = re.compile(r"[“”\"«»„\n]")
_CLOSER = {"“": "”", '"': '"', "«": "»", "„": "“”", "»": "«"}  # opening mark -> marks that close it
# A run of capitalised words: "Jens Stoltenberg", "White House", "Crimean peninsula" -> "Crimean".
# A run of capitalised words ("Jens Stoltenberg", "White House"), and the mark before it that
# makes it the start of a sentence, if there is one.
_NAME = re.compile(r"([.!?:;\n“\"«„(‘']?) *([A-Z][\w'’.-]*(?: (?:of |de |al |bin |van |von )?[A-Z][\w'’.-]*)*)")
_NUMBER = re.compile(r"\d[\d,.]*\d")
# Capitalised for other reasons than being names: stop words at a sentence's start; days and
# months, which say when, not who or what.
_NOT_NAMES = STOP_WORDS | frozenset("""monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december mr mrs ms dr""".split())
_POSSESSIVE = re.compile(r"['’]s$")
_TRAILING = ".-'’"


@dataclass(frozen=True)
class Features:
    """One article as grouping sees it; equal content gives equal features."""

    terms: dict[str, float]  # stemmed word -> weight, unit length, the TERMS_KEPT most frequent
    title_terms: dict[str, float]  # the headline's words, unit length
    quotes: tuple[str, ...]  # the quoted passages as written, for evidence
    words: dict[str, str]  # stem -> the word as it most often appears, for evidence

    @cached_property
    def shingles(self) -> frozenset[str]:
        """Every SHINGLE-word window of every quoted passage, folded. Made when first asked for:
        features read from the cache file (store.py) are mostly never compared again."""
        return frozenset(s for q in self.quotes for s in shingles(q))


def content_key(headline: str, dek: str, text: str, lang: str) -> tuple[str, str, str, str]:
    """What the features depend on: the cache key of an article's features. The strings
    themselves, not a digest: an unchanged article brings the very same string objects, whose
    hashes Python keeps, so looking one up costs nothing."""
    return (lang, headline, dek, text)


def content_digest(key: tuple[str, ...]) -> str:
    """A content key's name in the cache file (store.py): a digest, not the texts themselves."""
    h = hashlib.blake2b(digest_size=16)
    for part in key:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))  # the length first: ("ab", "c") is not ("a", "bc")
        h.update(data)
    return h.hexdigest()


def lead(text: str) -> str:
    """The part of the body grouping reads: its first TEXT_CHARS characters of words, without
    Markdown or HTML markup (``[text](url)`` keeps its text)."""
    text = _MARKUP.sub(lambda m: m.group(1) or " ", text[:2 * TEXT_CHARS])
    return text if len(text) <= TEXT_CHARS else text[:TEXT_CHARS].rsplit(None, 1)[0]


def analyse(headline: str, dek: str, text: str, lang: str = "en") -> Features:
    stemmed = group_of(lang) == STEMMED
    text = lead(text)
    # The headline counts twice: it is the outlet's own summary of the event.
    terms, words = _weights(_words(f"{headline}\n{headline}\n{dek}\n{text}"), stemmed)
    title_terms, _ = _weights(_words(headline), stemmed)
    quotes = tuple(_quotes(f"{dek}\n{text}"))
    return Features(
        terms=terms,
        title_terms=title_terms,
        quotes=quotes,
        words={t: words[t] for t in list(terms)[:20]},
    )


def analyse_keys(keys: list[tuple[str, ...]]) -> list[Features]:
    """``analyse`` for each content key (``content_key``): what a worker process is given."""
    return [analyse(headline, dek, text, lang) for lang, headline, dek, text in keys]


def _words(text: str) -> Counter[str]:
    """Lower-cased words and their counts, in order of first appearance."""
    return Counter(_WORD.findall(text.lower()))


def _weights(counts: Counter[str], stemmed: bool) -> tuple[dict[str, float], dict[str, str]]:
    """Sub-linear term frequency over the most frequent terms, scaled to unit length; and each
    term's first spelling. Stop words (the search index's list) go.

    Ties are broken by first appearance, so the headline's and the lead's words are kept first."""
    words = [w for w in counts if w not in STOP_WORDS]  # distinct words: each is stemmed once
    totals: dict[str, int] = {}
    spelling: dict[str, str] = {}
    for word, term in zip(words, map(stem, words) if stemmed else words, strict=True):
        totals[term] = totals.get(term, 0) + counts[word]
        spelling.setdefault(term, word)
    kept = sorted(totals, key=totals.__getitem__, reverse=True)[:TERMS_KEPT]  # stable: ties keep their order
    raw = [1.0 + math.log(totals[t]) for t in kept]
    norm = math.sqrt(math.fsum(w * w for w in raw)) or 1.0
    return {t: w / norm for t, w in zip(kept, raw, strict=True)}, {t: spelling[t] for t in kept}


def _quotes(text: str) -> list[str]:
    """Quoted passages of at least MIN_QUOTE_WORDS words, as written.

    Marks are paired in order, and a line break ends an unclosed quote, so one stray mark
    cannot turn the text between two quotations into one."""
    found = []
    opener, start = "", 0
    for match in _QUOTE_MARKS.finditer(text):
        mark = match.group(0)
        if opener and mark in _CLOSER[opener]:
            passage = " ".join(text[start:match.start()].split())
            if len(_WORD.findall(passage)) >= MIN_QUOTE_WORDS:
                found.append(passage)
            opener = ""
        elif mark == "\n":
            opener = ""
        elif not opener and mark in _CLOSER:
            opener, start = mark, match.end()
    return found


def shingles(passage: str) -> list[str]:
    """Every SHINGLE-word window of a passage, case and punctuation folded."""
    words = [w.replace("’", "'") for w in _WORD.findall(passage.lower())]
    return [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def names(text: str) -> dict[str, str]:
    """Capitalised runs that are names, folded; a sentence's first word counts only when the
    text never writes it in lower case ("Speaking at ..." is not a name; "Biden said" is)."""
    names: dict[str, str] = {}
    for opener, run in set(_NAME.findall("\n" + text)):  # each distinct run once: names repeat
        words = run.split()
        if opener and (words[0].lower() in _NOT_NAMES or f" {words[0].lower()} " in text):
            words = words[1:]
        while words and words[-1].lower() in _NOT_NAMES:
            words = words[:-1]
        written = " ".join(_POSSESSIVE.sub("", w).strip(_TRAILING) if "'" in w or "’" in w else w.strip(_TRAILING)
                           for w in words)
        name = written.lower()
        if len(name) > 1 and name not in _NOT_NAMES and (name not in names or written < names[name]):
            names[name] = written
    return names


def numbers(text: str) -> set[str]:
    """Figures of two or more digits ("2022", "1.4", "35000")."""
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two unit vectors; exact summation, so the result never depends on order."""
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())
