"""Tag suggestions: names of people, organisations and places the article is about."""

from __future__ import annotations

import re
from collections import Counter

from ..slugs import fold
from . import language

MAX_TAGS = 8
# Words that head a name without being part of it ("President Joe Biden" -> "Joe Biden").
HONORIFICS = set("""
president vice prime minister chancellor secretary general secretary-general chief head leader
mr mrs ms dr sir lord lady king queen prince princess pope saint st senator governor mayor judge
spokesman spokeswoman spokesperson ambassador commissioner director chairman chairwoman ceo
general colonel captain sergeant admiral former deputy foreign defence defense interior
""".split())
STOP_NAMES = set("""
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december i we he she they it this that these those there here
the a an in on at of for but and or if when while after before as by with from to
""".split())
TOKEN = re.compile(r"[^\W\d_][\w’'-]*|[,.;:!?“”\"()–—]", re.UNICODE)


def _candidates(text: str, stops: frozenset[str], lowercase_seen: set[str]) -> Counter:
    """Runs of capitalised words and acronyms, split at honorifics and punctuation."""
    found: Counter = Counter()
    run: list[str] = []
    sentence_start = True

    def flush() -> None:
        while run and (run[0].lower() in STOP_NAMES or run[0].lower() in stops):
            run.pop(0)
        if run:
            found[" ".join(run)] += 1
        run.clear()

    for token in TOKEN.findall(text):
        if not token[0].isalpha():
            flush()
            sentence_start = token in ".!?:“”\""
            continue
        word = token.rstrip("’'s") if token.endswith(("’s", "'s")) else token
        capital = word[:1].isupper() and not re.search(r"-[a-z]", word)  # "US-led" is no name
        honorific = word.lower() in HONORIFICS
        # A capitalised first word of a sentence is only a name if the text never writes it lower-case.
        weak = sentence_start and word.lower() in lowercase_seen
        if capital and not honorific and not weak and word.lower() not in STOP_NAMES:
            run.append(word)
        else:
            flush()
        sentence_start = False
    flush()
    return found


def suggest_tags(
    title: str, summary: str | None, body: str, lang: str, *,
    existing: dict[str, str], adjectives: dict[str, str], limit: int = MAX_TAGS,
) -> list[str]:
    """Up to ``limit`` tags, reusing the spelling of existing tags (``existing``: folded -> name).

    ``adjectives`` maps demonyms to places ("russian" -> "Russia"), so "Russian forces" counts
    for Russia.
    """
    stops = language.stopwords(lang)
    scores: Counter = Counter()
    lowercase_seen = {t for t in TOKEN.findall(f"{title} {summary or ''} {body}") if t[:1].islower()}
    for text, weight in ((title, 3.0), (summary or "", 2.0), (body, 1.0)):
        for name, count in _candidates(text, stops, lowercase_seen).items():
            lower = name.lower()
            place = adjectives.get(lower) or (adjectives.get(lower[:-1]) if lower.endswith("s") else None)
            scores[place or name] += weight * count * (0.5 if place else 1.0)
    # A surname alone counts for the full name seen elsewhere ("Stoltenberg" -> "Jens Stoltenberg").
    by_surname: dict[str, list[str]] = {}  # indexed once: the per-name scan was quadratic
    for full in (n for n in scores if " " in n):
        by_surname.setdefault(full.split()[-1], []).append(full)
    for name in list(scores):
        if " " not in name:
            longer = by_surname.get(name, [])
            if len(longer) == 1:
                scores[longer[0]] += scores.pop(name)
    # Tags the archive already uses win a close call; the order shown stays by plain score.
    boosted = sorted(scores.items(), key=lambda kv: (-(kv[1] * (1.5 if fold(kv[0]) in existing else 1)), kv[0]))
    chosen: dict[str, tuple[float, str]] = {}
    for name, score in boosted:
        key = fold(name)
        if key in chosen or score < 2 or len(name) < 2:
            continue
        chosen[key] = (score, existing.get(key, name))
        if len(chosen) == limit:
            break
    return [name for _, name in sorted(chosen.values(), key=lambda sn: (-sn[0], sn[1]))]
