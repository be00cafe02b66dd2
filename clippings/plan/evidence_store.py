"""Story evidence kept between builds in ``.cache/evidence.json``.

Finding a story's quotes and reprinted sentences compares every pair of its articles' texts
(difflib), the costliest part of planning a large archive (about a third of a 10,000-article
plan). It depends only on the story's articles (ids, outlets, dates, texts, languages), so it is
kept by a digest of those and reused while they stay the same. JSON, not pickle: the file lives
in the site folder and reading it must never run code. The file is stamped with the evidence
code's digest, so other code starts from nothing; a damaged file only costs time.
"""

from __future__ import annotations

import gc
import hashlib
import json
from functools import cache
from pathlib import Path

from ..enrich import evidence as ev
from ..enrich.evidence import AlignedQuote, DiffToken, QuoteVersion, SharedSentence, StoryEvidence
from ..write import replace_file

CACHE_FILE = "evidence.json"


@cache
def stamp() -> str:
    code = Path(ev.__file__).read_bytes() + Path(__file__).read_bytes()
    return hashlib.sha256(code).hexdigest()[:16]


def evidence_key(texts: tuple[tuple, ...]) -> str:
    """What a story's evidence is made from: (id, outlet, date, Markdown, language) per article."""
    return hashlib.sha256(repr(texts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


# A version's marked words as two strings (the words, and which changed as "0"/"1"), not a
# list per word: at 100,000 articles the file then reads in a fraction of the time.
_SEP = "\x1f"


def _quote(q: AlignedQuote) -> list:
    return [q.speaker, [[v.article_id, v.source, v.text, _SEP.join(t.text for t in v.diff),
                         "".join("1" if t.changed else "0" for t in v.diff)] for v in q.versions]]


def _unquote(data: list) -> AlignedQuote:
    speaker, versions = data
    return AlignedQuote(speaker, tuple(QuoteVersion(a, s, t, _tokens(words, changed))
                                       for a, s, t, words, changed in versions))


def _tokens(words: str, changed: str) -> tuple[DiffToken, ...]:
    if not changed:
        return ()
    split = words.split(_SEP)
    if len(split) != len(changed):
        raise ValueError("damaged diff")
    return tuple(map(DiffToken, split, [c == "1" for c in changed]))


def encode(found: StoryEvidence) -> list:
    return [[_quote(q) for q in found.quotes], [_quote(q) for q in found.only_one],
            [[s.text, list(s.article_ids), s.first_article_id, s.first_source] for s in found.shared]]


def decode(data: list) -> StoryEvidence:
    quotes, only_one, shared = data
    return StoryEvidence(tuple(map(_unquote, quotes)), tuple(map(_unquote, only_one)),
                         tuple(SharedSentence(t, tuple(ids), first, source) for t, ids, first, source in shared))


def load_evidence(cache_dir: Path) -> dict[str, StoryEvidence]:
    # Millions of small tuples and no cycles among them: with the cyclic collector running, it
    # walked the growing heap again and again (100,000 articles: 4.1 s to read, 0.65 s without).
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = json.loads((cache_dir / CACHE_FILE).read_text(encoding="utf-8"))
        if data.get("stamp") != stamp():
            return {}
        return {key: decode(value) for key, value in data["stories"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}  # missing, damaged or foreign: the evidence is found again
    finally:
        if collecting:
            gc.enable()


def save_evidence(cache_dir: Path, found: dict[str, StoryEvidence]) -> None:
    text = json.dumps({"stamp": stamp(), "stories": {k: encode(v) for k, v in found.items()}},
                      ensure_ascii=False, separators=(",", ":"))
    replace_file(cache_dir / CACHE_FILE, text.encode("utf-8", "surrogatepass"))
