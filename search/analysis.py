"""Text analysis: one definition for the Whoosh index, the static export and the browser.

English text goes through Whoosh's own ``StemmingAnalyzer`` (its regex tokenizer, lower-casing,
the English stop list and Whoosh's Porter stemmer); text in other languages through the same
chain without the stemmer, because a stemmer for the wrong language mangles words. The browser
client (``themes/default/static/search-analysis.js``) mirrors this chain exactly; tests check
it against the word -> stem pairs the build writes out.
"""

from __future__ import annotations

import re
import zlib

from whoosh.analysis import StandardAnalyzer, StemmingAnalyzer
from whoosh.lang.porter import stem as porter_stem
from whoosh.lang.stopwords import stoplists

# Bump when anything below changes what a text is turned into: the Whoosh index is then
# rebuilt from scratch and the export format's "analysis" number tells old clients apart.
ANALYSIS_VERSION = 1

STOP_WORDS: frozenset[str] = frozenset(stoplists["en"])
MIN_SIZE = 2  # shorter tokens are dropped, as Whoosh's StopFilter does by default

STEMMED = "en"  # the group of articles analysed with the English stemmer
PLAIN = "plain"  # every other language: same chain, no stemmer
PLAIN_MARK = "~"  # prefix of plain-group keys in the export; never part of a token


def group_of(lang: str) -> str:
    """``en``, ``en-GB`` -> stemmed; anything else -> plain."""
    return STEMMED if lang.split("-", 1)[0].strip().lower() == "en" else PLAIN


def stemming_analyzer():
    # cachesize=-1: an unbounded stem cache; the output is the same, only faster.
    return StemmingAnalyzer(stoplist=STOP_WORDS, minsize=MIN_SIZE, cachesize=-1)


def plain_analyzer():
    return StandardAnalyzer(stoplist=STOP_WORDS, minsize=MIN_SIZE)


# Whoosh's RegexTokenizer default (``\w+(\.?\w+)*``), without its capturing group.
_WORD = re.compile(r"\w+(?:\.?\w+)*")


def surface_tokens(text: str) -> list[str]:
    """Lower-cased tokens without stop words, in order: the stemming chain minus its last step.

    Exactly what ``plain_analyzer()`` yields (tokenizer, LowercaseFilter, StopFilter: tests
    compare them on a whole corpus), three times faster than its chain of generators: every
    article is analysed once, here, and both the Whoosh index and the export use the result.
    Consecutive tokens here are consecutive positions in Whoosh (its StopFilter renumbers), so
    adjacent pairs are exactly what a Whoosh phrase query matches.
    """
    stops = STOP_WORDS
    return [w for w in map(str.lower, _WORD.findall(text)) if len(w) >= MIN_SIZE and w not in stops]


_STEMS: dict[str, str] = {}


def stem(word: str) -> str:
    """Whoosh's Porter stemmer (cached: news text repeats its words)."""
    found = _STEMS.get(word)
    if found is None:
        found = _STEMS[word] = porter_stem(word)
    return found


def term_of(surface: str, group: str) -> str:
    """The indexed term for a surface token: its stem in the stemmed group, itself otherwise."""
    return stem(surface) if group == STEMMED else surface


def export_key(term: str, group: str) -> str:
    """Key of a term in the static export; plain-group keys are marked so they never collide."""
    return term if group == STEMMED else PLAIN_MARK + term


def key_hash(text: str) -> int:
    """CRC-32 of the UTF-8 bytes: the shard hash (the browser computes the same)."""
    return zlib.crc32(text.encode("utf-8"))
