"""Result cards, the sources table and the filter lists of the export."""

from __future__ import annotations

from collections import defaultdict

from .documents import SearchDoc
from .export_terms import dump, text
from .format import deltas

TOP_TAGS = 40  # tags listed in the (eagerly useful) facets file; all of them are in tags-*.json


def source_order(docs: list[SearchDoc]) -> list[str]:
    return sorted({doc.source for doc in docs})


def card(doc: SearchDoc, source_index: int, language: str) -> str:
    """``[id, title, day, source, section, lead(, lang)]`` as JSON text."""
    row = [doc.id, doc.title, doc.day, source_index, doc.section, doc.lead]
    if doc.lang != language:
        row.append(doc.lang)
    return text(row)


def meta_file(docs: list[SearchDoc], language: str) -> bytes:
    by_key = {doc.source: doc for doc in docs}
    sources = [[key, by_key[key].source_name, by_key[key].source_label, by_key[key].source_type]
               for key in source_order(docs)]
    return dump({"language": language, "sources": sources})


def facet_files(docs: list[SearchDoc]) -> tuple[bytes, bytes]:
    """(facets, tags): documents per source, year, language and tag, as delta lists."""
    index = {key: i for i, key in enumerate(source_order(docs))}
    sources: dict[int, list[int]] = defaultdict(list)
    years: dict[str, list[int]] = defaultdict(list)
    langs: dict[str, list[int]] = defaultdict(list)
    tags: dict[str, list[int]] = defaultdict(list)
    names: dict[str, str] = {}
    for number, doc in enumerate(docs):
        sources[index[doc.source]].append(number)
        years[doc.day[:4]].append(number)
        langs[doc.lang].append(number)
        for slug, name in zip(doc.tag_keys, doc.tags.split("\n"), strict=False):
            tags[slug].append(number)
            names.setdefault(slug, name)
    ranked = sorted(tags, key=lambda s: (-len(tags[s]), s))
    tag_rows = [[slug, names[slug], deltas(tags[slug])] for slug in ranked]
    facets = {
        "source": [[i, deltas(ids)] for i, ids in sorted(sources.items())],
        "year": [[y, deltas(ids)] for y, ids in sorted(years.items())],
        "lang": [[lang, deltas(ids)] for lang, ids in sorted(langs.items())],
        "tag": tag_rows[:TOP_TAGS],
        "tags": len(tag_rows),
    }
    return dump(facets), dump(tag_rows)
