"""Unicode-safe, stable slugs for URLs."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_MAX = 80


def slugify(text: str, max_length: int = _MAX) -> str:
    """Lower-case words of any script joined by ``-``: ``"Jens Stoltenberg" -> "jens-stoltenberg"``.

    Letters keep their script (``"Россия" -> "россия"``) so non-Latin tags stay readable;
    punctuation, path separators and dots never survive, so a slug cannot leave its folder.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    # Drop combining marks only from Latin letters' decompositions would change meaning in
    # other scripts, so accents stay: "café" -> "café".
    slug = _NON_WORD.sub("-", text).replace("_", "-")
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


@lru_cache(maxsize=65536)  # tags repeat across thousands of articles; folding them is pure
def fold(text: str) -> str:
    """Identity of a name regardless of case and spacing: ``"NATO" == "nato"``."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
