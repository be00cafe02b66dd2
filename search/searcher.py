"""Search the Whoosh index: the ``search`` command's engine.

Ranking is Whoosh's BM25F with the export's field boosts, so the CLI and the browser rank alike
(the browser sees the same scores, quantized to a byte).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import query as q
from whoosh.highlight import ContextFragmenter, Formatter, FragmentScorer, highlight
from whoosh.scoring import BM25F, BM25FScorer

from .analysis import PLAIN, PLAIN_MARK, STEMMED, plain_analyzer, stemming_analyzer, term_of
from .documents import BOOSTS, TEXT_FIELDS
from .index import card_body, field_name, open_index
from .query import Item, analyse, completions, parse
from .scoring import snap

MARK_START, MARK_END = "\x02", "\x03"  # around matched words in snippets; the caller styles them


@dataclass
class Filters:
    sources: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # tag slugs
    since: dt.datetime | None = None  # UTC, inclusive
    until: dt.datetime | None = None  # UTC, exclusive


@dataclass
class Hit:
    id: str
    score: float
    card: dict
    snippet: str  # with MARK_START/MARK_END around matches


@dataclass
class Results:
    mode: str  # "all" (every word matched) or "any" (fallback: some words matched)
    total: int
    hits: list[Hit]
    empty_query: bool = False


class SnappedBM25F(BM25F):
    """Whoosh's BM25F with N and the average field lengths rounded as the export rounds them."""

    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return super().scorer(searcher, fieldname, text, qf)
        return _SnappedScorer(searcher, fieldname, text, self.B, self.K1, qf)


class _SnappedScorer(BM25FScorer):
    def __init__(self, searcher, fieldname, text, B, K1, qf=1):
        parent = searcher.get_parent()
        live = parent.doc_count() or 1
        self.idf = math.log(snap(live) / (parent.doc_frequency(fieldname, text) + 1)) + 1
        self.avgfl = snap(parent.field_length(fieldname) / live) or 1
        self.B, self.K1, self.qf = B, K1, qf
        self.setup(searcher, fieldname, text)


def _key_query(key: str, boost_scale: float = 1.0) -> q.Query:
    """One export key searched in every text field of its group, with the field boosts."""
    group, term = (PLAIN, key[1:]) if key.startswith(PLAIN_MARK) else (STEMMED, key)
    return q.Or([q.Term(field_name(f, group), term, boost=BOOSTS[f] * boost_scale) for f in TEXT_FIELDS])


def _item_query(item: Item) -> q.Query:
    if item.kind == "any":
        return q.Or([_key_query(k) for k in item.keys]) if item.keys else q.NullQuery
    parts = []
    for group in (STEMMED, PLAIN):
        terms = item.terms(group)
        for f in TEXT_FIELDS:
            name = field_name(f, group)
            if item.kind == "term":
                parts.append(q.Term(name, terms[0], boost=BOOSTS[f]))
            else:
                parts.append(q.Phrase(name, terms, boost=BOOSTS[f]))
    return q.Or(parts)


def _filter_query(filters: Filters) -> q.Query | None:
    parts: list[q.Query] = []
    if filters.sources:
        parts.append(q.Or([q.Term("source", s) for s in filters.sources]))
    if filters.tags:
        parts.append(q.Or([q.Term("tag", t) for t in filters.tags]))
    if filters.since or filters.until:
        since = filters.since.replace(tzinfo=None) if filters.since else None
        until = filters.until.replace(tzinfo=None) if filters.until else None
        parts.append(q.DateRange("date", since, until, endexcl=True))
    return q.And(parts) if parts else None


class _Marks(Formatter):
    between = " … "

    def format_token(self, text, token, replace=False):
        return MARK_START + text[token.startchar:token.endchar] + MARK_END


def load_vocabulary(cache: Path) -> list[list]:
    try:
        return json.loads((cache / "vocabulary.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []


def search(cache: Path, text: str, filters: Filters, limit: int = 10) -> Results:
    ix = open_index(cache)
    if ix is None:
        raise FileNotFoundError(f"no search index in {cache}")
    vocabulary: list[list] | None = None

    def complete(prefix: str) -> list[str]:
        nonlocal vocabulary
        vocabulary = load_vocabulary(cache) if vocabulary is None else vocabulary
        return completions(prefix, vocabulary)

    clauses = parse(text)
    items = [(c.negated, analyse(c, complete)) for c in clauses]
    positive = [i for neg, i in items if i is not None and not neg]
    negative = [i for neg, i in items if i is not None and neg]
    if not positive:
        return Results("all", 0, [], empty_query=True)
    restrict = _filter_query(filters)
    with ix.searcher(weighting=SnappedBM25F()) as searcher:
        for mode, combine in (("all", q.And), ("any", q.Or)):
            query: q.Query = combine([_item_query(i) for i in positive])
            if negative:
                query = q.AndNot(query, q.Or([_item_query(i) for i in negative]))
            if restrict is not None:
                query = q.And([query, restrict])
            found = searcher.search(query, limit=None)
            if len(found) or mode == "any" or len(positive) == 1:
                break
        if not len(found):  # also an archive with no articles yet, whose index has no columns to read
            return Results(mode, 0, [])
        # Equal scores: the earlier report first (syndicated copies rank after the original), as
        # the browser does: by date, then id.
        dates = searcher.reader().column_reader("date", translate=False)
        ids = searcher.reader().column_reader("id", translate=True)
        ranked = sorted((-round(score, 9), dates[n], ids[n], n) for n, score in found.items())
        terms = _highlight_terms(positive)
        hits = []
        for score, _date, doc_id, docnum in ranked[:limit]:
            card = searcher.stored_fields(docnum)["card"]
            card["body"] = card_body(card)
            hits.append(Hit(doc_id, -score, card, _snippet(card, terms)))
        return Results(mode, len(ranked), hits)


def _highlight_terms(items: list[Item]) -> dict[str, set[str]]:
    terms: dict[str, set[str]] = {STEMMED: set(), PLAIN: set()}
    for item in items:
        if item.kind == "any":
            for key in item.keys:
                group = PLAIN if key.startswith(PLAIN_MARK) else STEMMED
                terms[group].add(key.removeprefix(PLAIN_MARK))
            continue
        for group in (STEMMED, PLAIN):
            terms[group].update(term_of(s, group) for s in item.surfaces)
    return terms


_ANALYZERS = {STEMMED: stemming_analyzer(), PLAIN: plain_analyzer()}


class _EarlierFirst(FragmentScorer):
    """Whoosh's scorer (distinct terms matched, then their boosts), with ties going to the earlier
    passage: Whoosh breaks them by the order of a set, so one search showed different snippets."""

    def __call__(self, fragment) -> float:
        boosts = sum(t.boost for t in fragment.matches)
        return len(fragment.matched_terms) * 1e6 + boosts * 1e3 + 1 / (1 + fragment.startchar)


def _snippet(card: dict, terms: dict[str, set[str]]) -> str:
    group = card.get("group", STEMMED)
    analyzer = _ANALYZERS[group]
    fragmenter = ContextFragmenter(maxchars=160, surround=45)
    for name in ("body", "summary", "title"):
        text = card.get(name) or ""
        found = highlight(text, frozenset(terms[group]), analyzer, fragmenter, _Marks(), top=2,
                          scorer=_EarlierFirst())
        if found:
            return found
    return (card.get("summary") or card.get("body") or "")[:200]
