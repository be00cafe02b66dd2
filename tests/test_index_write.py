"""The bulk writer (search/index_write.py) writes its own posting blocks and inlines short
posting lists: what Whoosh reads back must be what Whoosh's own writer would have written."""

from __future__ import annotations

from pathlib import Path

from whoosh import index
from whoosh.qparser import QueryParser

from clippings.pipeline import load_site, render_markup
from clippings.search_docs import site_documents
from search.index import INDEX_DIR, make_schema, update_index, whoosh_fields
from search.tokens import update_tokens, whoosh_tokens
from search.update import content_hashes


def _postings(matcher) -> list[tuple]:
    found = []
    while matcher.is_active():
        found.append((matcher.id(), matcher.weight(), matcher.value() or None))
        matcher.next()
    return found


def _read(folder: Path) -> dict:
    """Every term's statistics and postings, and every document's field lengths."""
    ix = index.open_dir(str(folder))
    with ix.reader() as reader:
        terms = {}
        for field, term in reader.all_terms():
            info = reader.term_info(field, term)
            stats = (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(),
                     info.max_weight(), info.min_id(), info.max_id())
            terms[field, term] = (stats, _postings(reader.postings(field, term)))
        lengths = {(n, f): reader.doc_field_length(n, f) for n in range(reader.doc_count_all())
                   for f in ix.schema.scorable_names()}
        stored = list(reader.all_stored_fields())
    return {"terms": terms, "lengths": lengths, "stored": stored}


def test_bulk_written_index_reads_as_whoosh_writes_it(tmp_path, corpus_site):
    loaded = load_site(corpus_site)
    docs = site_documents(loaded, render_markup(loaded, jobs=1, cache={}))
    hashes = content_hashes(docs)
    store, _ = update_tokens(tmp_path, docs, hashes)
    tokens = whoosh_tokens(store)

    update_index(tmp_path, docs, hashes, tokens)  # a first build: the bulk writer
    reference = tmp_path / "reference"
    reference.mkdir()
    with index.create_in(str(reference), make_schema()).writer() as writer:  # Whoosh's own
        for doc in docs:
            writer.add_document(**whoosh_fields(doc, tokens(doc)))

    ours, theirs = _read(tmp_path / INDEX_DIR), _read(reference)
    assert len(ours["terms"]) > 1000
    assert sum(len(p) > 8 for _, p in ours["terms"].values()) > 100  # long lists, written in blocks
    assert ours == theirs

    ix = index.open_dir(str(tmp_path / INDEX_DIR))
    with ix.searcher() as searcher:  # positions survive the inlining: a title's phrase finds it
        for doc in docs[:20]:
            words = doc.title.split()[:3]
            hits = searcher.search(QueryParser("title", ix.schema).parse(f'"{" ".join(words)}"'), limit=None)
            assert doc.id in {hit["id"] for hit in hits}, doc.title
