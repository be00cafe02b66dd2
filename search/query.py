"""The query language, shared by the CLI and (mirrored in JavaScript) the browser.

``words`` must all match (if no article has all of them, any of them will do); ``"exact
phrase"``; ``-excluded`` (also ``-"a phrase"``); ``prefix*`` (the word completes to its
``PREFIX_TERMS`` most frequent terms). Curly quotes count as quotes; an unclosed quote runs
to the end, as it does while someone is still typing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .analysis import surface_tokens, term_of

PREFIX_TERMS = 16
QUOTES = "\"“”„«»"
_CLAUSE = re.compile(rf"(-?)(?:[{QUOTES}]([^{QUOTES}]*)[{QUOTES}]?|([^\s{QUOTES}]+))")


@dataclass(frozen=True)
class Clause:
    kind: str  # "word", "phrase" or "prefix"
    text: str
    negated: bool = False


@dataclass
class Item:
    """One thing a document must match: a term, a phrase (several terms) or a prefix's terms."""

    kind: str  # "term", "phrase" or "any" (a prefix: any of its completions)
    surfaces: list[str] = field(default_factory=list)  # analysed surface tokens, in order
    keys: list[str] = field(default_factory=list)  # for "any": the completions' export keys

    def terms(self, group: str) -> list[str]:
        return [term_of(s, group) for s in self.surfaces]


def parse(text: str) -> list[Clause]:
    clauses = []
    for match in _CLAUSE.finditer(text):
        negated = match.group(1) == "-"
        if match.group(2) is not None:
            if match.group(2).strip():
                clauses.append(Clause("phrase", match.group(2).strip(), negated))
            continue
        word = match.group(3)
        if word.endswith("*") and len(word.rstrip("*")) > 0:
            clauses.append(Clause("prefix", word.rstrip("*").lower(), negated))
        elif word.strip("*-"):
            clauses.append(Clause("word", word.strip("*"), negated))
    return clauses


def analyse(clause: Clause, complete) -> Item | None:
    """An Item for a clause, or None when it has no searchable token (say, only stop words).

    ``complete(prefix)`` returns the export keys a prefix expands to.
    """
    if clause.kind == "prefix":
        keys = complete(clause.text)
        return Item("any", [clause.text], keys) if keys else Item("any", [clause.text], [])
    tokens = surface_tokens(clause.text)
    if not tokens:
        return None
    if len(tokens) == 1:
        return Item("term", tokens)
    return Item("phrase", tokens)  # "U.S.-led" and quoted text alike: the tokens, adjacent


def completions(prefix: str, vocabulary: list[list], limit: int = PREFIX_TERMS) -> list[str]:
    """The keys of the ``limit`` most frequent terms with a word starting with ``prefix``.

    ``vocabulary`` rows are ``[word, key, df, word_df]``, best first (as the build sorts them).
    """
    keys: list[str] = []
    for word, key, _df, _word_df in vocabulary:
        if word.startswith(prefix) and key not in keys:
            keys.append(key)
            if len(keys) == limit:
                break
    return keys
