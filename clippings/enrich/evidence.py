"""Story evidence: quotations compared across a story's articles, and sentences reprinted nearly verbatim.

Pure functions over plain dataclasses; no I/O. Wording is compared with difflib (stdlib) on normalised tokens.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

MIN_QUOTE_WORDS = 4  # shorter quotes are scare quotes unless another outlet printed them in a longer quote
ALIGN_RATIO = 0.6  # containment of the shorter rendering's content words in the longer one
SHINGLE = 8


@dataclass(frozen=True)
class EvidenceInput:
    id: str
    source: str
    published: dt.datetime
    text: str
    language: str = "en"


@dataclass(frozen=True)
class Quote:
    article_id: str
    text: str  # exactly as printed, without the quotation marks
    speaker: str | None


class DiffToken(NamedTuple):  # a tuple, not a dataclass: a large archive's stories have millions
    text: str
    changed: bool  # not in the first version's wording


@dataclass(frozen=True)
class QuoteVersion:
    article_id: str
    source: str
    text: str
    diff: tuple[DiffToken, ...]


@dataclass(frozen=True)
class AlignedQuote:
    speaker: str | None
    versions: tuple[QuoteVersion, ...]  # one or more; a single version is "only in <source>"

    @property
    def only_in(self) -> str | None:
        return self.versions[0].source if len(self.versions) == 1 else None


@dataclass(frozen=True)
class SharedSentence:
    text: str  # as the first publisher printed it
    article_ids: tuple[str, ...]
    first_article_id: str
    first_source: str


@dataclass(frozen=True)
class StoryEvidence:
    quotes: tuple[AlignedQuote, ...]  # quotes at least two outlets printed
    only_one: tuple[AlignedQuote, ...]
    shared: tuple[SharedSentence, ...]


_QUOTE_RE = re.compile(r'"([^"\n]+)"|“([^”\n]+)”|„([^“”\n]+)[“”]|«\s*([^»\n]+?)\s*»|‘([^’\n]+)’(?!\w)')
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
_NAME = r"((?:[A-Z][\w’'-]+\s){0,3}[A-Z][\w’'-]+)"
_VERBS = r"(?:said|says|told|added|claimed|stressed|insisted|warned|noted|stated)"
_AFTER = re.compile(rf"^[,\s]*(?:{_VERBS}\s+{_NAME}|{_NAME}\s+{_VERBS}|according to\s+{_NAME})")
_BEFORE = re.compile(rf"(?:{_NAME}\s+(?:has\s+)?{_VERBS}|according to\s+{_NAME})\b[^\"“„«.]*$")
_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
_SENT_RE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’»]))\s+(?=[\"“„«A-Z0-9])")


def words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD_RE.findall(text)]


def _full_names(text: str) -> list[str]:
    # Multi-word capitalised runs: candidate full names for resolving surnames and pronouns.
    return [_strip_title(n) for n in re.findall(r"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)+\b", text)]


_TITLES = {"secretary", "general", "secretary-general", "president", "chancellor", "minister", "prime", "foreign",
           "nato", "us", "chief", "spokesman", "spokeswoman", "mr", "mrs", "ms", "dr", "sen", "rep"}


def _strip_title(name: str) -> str:
    parts = name.split()
    while len(parts) > 1 and parts[0].lower().rstrip(".") in _TITLES:
        parts = parts[1:]
    return " ".join(parts)


def _resolve(name: str | None, names: list[str], last: str | None) -> str | None:
    if not name:
        return None
    if name.lower() in _PRONOUNS:
        return last
    name = _strip_title(name)
    for full in names:
        if full != name and full.split()[-1] == name.split()[-1] and len(full) > len(name):
            return full
    return name


def extract_quotes(article_id: str, text: str) -> list[Quote]:
    """Direct quotations with their speaker where the sentence names one (surnames/pronouns resolved)."""
    quotes: list[Quote] = []
    last: str | None = None
    for para in text.split("\n"):
        for m in _QUOTE_RE.finditer(para):
            body = next(g for g in m.groups() if g is not None).strip()
            names = _full_names(text[: text.find(para) + m.start()] + para)
            after = _AFTER.match(para[m.end():])
            before = _BEFORE.search(para[: m.start()])
            raw = None
            if after:
                raw = next((g for g in after.groups() if g), None)
            elif before:
                raw = next((g for g in before.groups() if g), None)
            speaker = _resolve(raw, names, last)
            if speaker is None and quotes and quotes[-1].speaker and para.find(quotes[-1].text) >= 0:
                speaker = quotes[-1].speaker  # a second quote in the same paragraph continues the same speaker
            if speaker:
                last = speaker
            quotes.append(Quote(article_id, body.rstrip(",. "), speaker))
    return quotes


def _containment(a: list[str], b: list[str]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / min(len(sa), len(sb))


_STOP = set("a an the and or but of to in on at for with by from is are was were be been it its it's that this "
             "these those he she they we you i his her their our will would can could has have had do does did not "
             "no as so if than then what which who more most very".split())


def _content_bigrams(ws: list[str]) -> set[tuple[str, str]]:
    return {(x, y) for x, y in itertools.pairwise(ws) if x not in _STOP or y not in _STOP}


def _similar(a: list[str], b: list[str], speaker_known: bool) -> bool:
    """Same utterance: the shorter sits inside the longer, or (same named speaker) a paraphrase that keeps
    at least two of its content word pairs ("more land", "negotiating table")."""
    if min(len(a), len(b)) < MIN_QUOTE_WORDS:
        return _containment(a, b) == 1.0
    if _containment([w for w in a if w not in _STOP], [w for w in b if w not in _STOP]) >= ALIGN_RATIO:
        return True
    return speaker_known and len(_content_bigrams(a) & _content_bigrams(b)) >= 3


def _diff(base: list[str], text: str) -> tuple[DiffToken, ...]:
    """Mark the content words the other outlets' renderings do not use ("stronger", "liberate");
    words such as "the" or "to" are left unmarked: marking them hides the difference that matters."""
    others = set(base)
    toks = text.split()
    norm = [" ".join(words(t)) for t in toks]
    return tuple(DiffToken(t, bool(n) and n not in _STOP and n not in others) for t, n in zip(toks, norm, strict=True))


def _others_words(group: list[Quote], q: Quote, by_id: dict[str, EvidenceInput],
                  said: dict[Quote, list[str]]) -> list[str]:
    # A version's changed words are those no other outlet's rendering uses.
    src = by_id[q.article_id].source
    return [w for x in group if by_id[x.article_id].source != src for w in said[x]]


def align_quotes(articles: Sequence[EvidenceInput]) -> tuple[tuple[AlignedQuote, ...], tuple[AlignedQuote, ...]]:
    by_id = {a.id: a for a in articles}
    groups: list[list[Quote]] = []
    said: dict[Quote, list[str]] = {}  # each quote's words, split once: it is compared with many
    for a in articles:
        for q in extract_quotes(a.id, a.text):
            qw = said[q] = words(q.text)
            for g in groups:
                speakers = {x.speaker for x in g if x.speaker}
                if q.speaker and speakers and q.speaker not in speakers:
                    continue
                # Only other articles' renderings count: one article's quotes are not versions of each other.
                others = [x for x in g if x.article_id != a.id]
                known = bool(q.speaker and speakers)
                if any(_similar(qw, said[x], known) for x in others):
                    g.append(q)
                    break
            else:
                groups.append([q])
    aligned, single = [], []
    for g in groups:
        g.sort(key=lambda q: (by_id[q.article_id].published, q.article_id))
        if len(g) == 1 and len(said[g[0]]) < MIN_QUOTE_WORDS:
            continue  # scare quote
        versions = tuple(QuoteVersion(q.article_id, by_id[q.article_id].source, q.text,
                                      _diff(_others_words(g, q, by_id, said), q.text)) for q in g)
        speaker = next((q.speaker for q in g if q.speaker), None)
        (aligned if len({v.source for v in versions}) > 1 else single).append(AlignedQuote(speaker, versions))
    return tuple(aligned), tuple(single)


def sentences(text: str) -> list[str]:
    return [s.strip() for para in text.split("\n") for s in _SENT_RE.split(para) if s.strip()]


def _shingles(ws: list[str]) -> set[tuple[str, ...]]:
    return {tuple(ws[i:i + SHINGLE]) for i in range(len(ws) - SHINGLE + 1)}


def shared_sentences(articles: Sequence[EvidenceInput]) -> tuple[SharedSentence, ...]:
    """Sentences two or more articles carry nearly word for word (an 8-word shingle index, then difflib)."""
    order = sorted(articles, key=lambda a: (a.published, a.id))
    index: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    sents: list[list[tuple[str, list[str]]]] = []
    for ai, a in enumerate(order):
        sents.append([(s, words(s)) for s in sentences(a.text)])
        for si, (_, ws) in enumerate(sents[ai]):
            for sh in _shingles(ws):
                index.setdefault(sh, []).append((ai, si))
    seen: set[tuple[int, int]] = set()
    out: list[SharedSentence] = []
    for ai, a in enumerate(order):
        for si, (text, ws) in enumerate(sents[ai]):
            if (ai, si) in seen or len(ws) < SHINGLE:
                continue
            carriers = {ai}
            cands = {c for sh in _shingles(ws) for c in index.get(sh, ()) if c[0] != ai and c not in seen}
            for bj, sj in sorted(cands):
                if bj in carriers:
                    continue
                if difflib.SequenceMatcher(None, ws, sents[bj][sj][1], autojunk=False).ratio() >= 0.8:
                    carriers.add(bj)
                    seen.add((bj, sj))
            if len(carriers) > 1:
                seen.add((ai, si))
                out.append(SharedSentence(text, tuple(order[c].id for c in sorted(carriers)), a.id, a.source))
    return tuple(out)


def story_evidence(articles: Sequence[EvidenceInput]) -> StoryEvidence:
    aligned, single = align_quotes(articles)
    return StoryEvidence(aligned, single, shared_sentences(articles))
