"""Update the export's state for the articles that changed, instead of rebuilding it.

Possible when no article was removed and the new ones are the newest (document numbers stay),
the sources and the (rounded) collection statistics are the same, and few articles changed.
Only the terms, pairs and words of the changed articles are recomputed; the result is exactly
what ``export.full_state`` would make (tests compare them).
"""

from __future__ import annotations

from itertools import pairwise

from .analysis import export_key, term_of
from .corpus import FIELDS, field_lengths, pair_key, postings_of
from .documents import SearchDoc
from .export import ExportState, code_digest, key_group
from .export_cards import card, source_order
from .export_terms import entry_texts, pair_text
from .format import undeltas
from .scoring import collection_stats, term_scores
from .tokens import Replaced, TokenStore

MOST = 0.05  # beyond this share of changed articles, a full export is faster


def update_state(state: ExportState | None, docs: list[SearchDoc], hashes: dict[str, str], store: TokenStore,
                 replaced: Replaced, language: str) -> tuple[ExportState, set[str], set[str]] | None:
    """The updated state and the keys and pairs it touched, or None when the export must be made
    from scratch."""
    ids = [doc.id for doc in docs]
    if state is None or state.code != code_digest(language) or ids[:len(state.ids)] != state.ids:
        return None
    old = len(state.ids)
    changed = [n for n in range(old) if state.hashes[n] != hashes[ids[n]]] + list(range(old, len(ids)))
    groups = [doc.group for doc in docs]
    if (groups[:old] != state.groups or source_order(docs) != state.sources or len(changed) > max(20, MOST * len(ids))
            or any(ids[n] not in replaced for n in changed if n < old)):
        return None
    stats = collection_stats(field_lengths(docs, store), groups)
    if stats.key() != state.stats:
        return None
    before = {n: _keys_and_pairs(replaced[ids[n]], groups[n]) for n in changed if n < old}
    after = {n: _keys_and_pairs([[store.words[t] for t in s] for s in store.fields(ids[n])], groups[n])
             for n in changed}
    touched_keys = set().union(*(k for k, _, _ in before.values()), *(k for k, _, _ in after.values()))
    touched_pairs = set().union(*(p for _, p, _ in before.values()), *(p for _, p, _ in after.values()))

    found = postings_of(touched_keys, docs, store)
    for key in touched_keys:
        if key in state.entries:
            state.totals.add_key(_df(state.entries[key]), -1)
        state.entries.pop(key, None)
        state.tails.pop(key, None)
        if key in found:
            numbers, scores = term_scores(found[key], key_group(key), stats)
            state.entries[key], tail = entry_texts(numbers, scores, found[key].headline())
            if tail:
                state.tails[key] = tail
            state.totals.add_key(len(numbers))
    changed_set = set(changed)
    for pair in touched_pairs:
        members = set(_pair_docs(state.pairs.pop(pair, None)))
        if members:
            state.totals.add_pair(len(members), -1)
        members = (members - changed_set) | {n for n in changed if pair in after[n][1]}
        if members:
            state.pairs[pair] = pair_text(sorted(members))
            state.totals.add_pair(len(members))
    _update_vocabulary(state, before, after, {k: _df(state.entries[k]) if k in state.entries else 0
                                              for k in touched_keys})
    sources = {key: i for i, key in enumerate(state.sources)}
    state.cards += [""] * (len(ids) - old)
    for n in changed:
        state.cards[n] = card(docs[n], sources[docs[n].source], language)
    state.ids, state.hashes, state.groups = ids, [hashes[i] for i in ids], groups
    return state, touched_keys, touched_pairs


def _df(entry: str) -> int:
    return int(entry[1:entry.index(",")])


def _pair_docs(encoded: str | None) -> list[int]:
    if encoded is None:
        return []
    return [int(encoded)] if not encoded.startswith("[") else undeltas(int(x) for x in encoded[1:-1].split(","))


def _keys_and_pairs(fields: list[list[str]], group: str) -> tuple[set[str], set[str], set[tuple[str, str]]]:
    """A version of an article: its keys, its adjacent pairs, its (word, key)s."""
    keys, pairs, words = set(), set(), set()
    for stream in fields[:FIELDS]:
        mapped = [export_key(term_of(w, group), group) for w in stream]
        keys.update(mapped)
        words.update(zip(stream, mapped, strict=True))
        pairs.update(pair_key(a, b) for a, b in pairwise(mapped))
    return keys, pairs, words


def _update_vocabulary(state: ExportState, before: dict, after: dict, dfs: dict[str, int]) -> None:
    rows = {(word, key): [df, word_df] for word, key, df, word_df in state.vocabulary}
    for versions, sign in ((before, -1), (after, 1)):
        for _, _, words in versions.values():
            for pair in words:
                rows.setdefault(pair, [0, 0])[1] += sign
    out = []
    for (word, key), (df, word_df) in rows.items():
        df = dfs.get(key, df)
        if word_df > 0 and df > 0:
            out.append([word, key, df, word_df])
    out.sort(key=lambda r: (-r[2], -r[3], r[0], r[1]))
    state.vocabulary = out
    state.totals.words = len(out)
