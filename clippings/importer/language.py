"""Language by stop-word share, with jusText's stop lists (already there via trafilatura)."""

from __future__ import annotations

import functools
import re

import justext

LANGUAGES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic", "tr": "Turkish",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian_Bokmal", "fi": "Finnish", "cs": "Czech",
    "ro": "Romanian", "hu": "Hungarian", "el": "Greek", "bg": "Bulgarian", "sr": "Serbian", "hr": "Croatian",
    "id": "Indonesian", "fa": "Persian", "he": "Hebrew", "ca": "Catalan",
}
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
# Chinese and Japanese are written without spaces: each character counts as a word, so a line's
# length (and so whether it is prose) means the same as in other scripts.
CJK = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


# jusText's lists for these are long word-frequency lists that also hold English words ("the", "and"):
# used without the English stop words, so an English page is not taken for Latvian.
WITHOUT_ENGLISH = {"lv": "Latvian", "lt": "Lithuanian", "sk": "Slovak", "sl": "Slovenian", "et": "Estonian"}
LANGUAGES.update(WITHOUT_ENGLISH)


@functools.cache
def stopwords(code: str) -> frozenset[str]:
    name = LANGUAGES.get(code)
    if not name:
        return frozenset()
    stops = frozenset(justext.get_stoplist(name))
    return stops - stopwords("en") if code in WITHOUT_ENGLISH else stops


@functools.lru_cache(maxsize=1)
def _all_stopwords() -> dict[str, frozenset[str]]:
    return {code: stopwords(code) for code in LANGUAGES}


def words(text: str) -> list[str]:
    text = text.lower()
    if CJK.search(text):
        text = CJK.sub(r" \1 ", text)
    return WORD.findall(text)


# Scripts that name their language outright; none of them has a jusText stop list.
SCRIPTS = [("th", re.compile(r"[\u0e00-\u0e7f]")), ("my", re.compile(r"[\u1000-\u109f]")),
           ("ko", re.compile(r"[\uac00-\ud7af]")), ("km", re.compile(r"[\u1780-\u17ff]")),
           ("lo", re.compile(r"[\u0e80-\u0eff]"))]
KANA = re.compile(r"[\u3040-\u30ff]")


def _by_script(sample: str) -> str | None:
    """Chinese, Japanese, Thai, Burmese, Korean...: told by their letters, not by stop words."""
    letters = sum(1 for ch in sample if ch.isalpha()) or 1
    cjk = len(CJK.findall(sample))
    if cjk / letters >= 0.3:
        return "ja" if len(KANA.findall(sample)) >= 0.1 * cjk else "zh"
    for code, script in SCRIPTS:
        if len(script.findall(sample)) / letters >= 0.3:
            return code
    return None


def detect(text: str, default: str = "en") -> str:
    """The language whose stop words cover most of the text's words (or whose script it is written in)."""
    by_script = _by_script(text[:20000])
    if by_script:
        return by_script
    tokens = words(text[:20000])
    if len(tokens) < 5:
        return default
    best, best_share = default, 0.0
    for code, stops in _all_stopwords().items():
        share = sum(1 for t in tokens if t in stops) / len(tokens)
        if share > best_share + 1e-9:
            best, best_share = code, share
    return best if best_share >= 0.12 else default


def stop_share(line_words: list[str], stops: frozenset[str]) -> float:
    return sum(1 for w in line_words if w in stops) / len(line_words) if line_words else 0.0
