"""Feeding Whoosh analysed tokens, and writing a fresh index in bulk.

Every article is analysed once (``search/tokens.py``); Whoosh gets the result instead of the
text. ``Analysed`` is Whoosh's ``TEXT`` field whose ``index`` takes a document's tokens as
term numbers and makes the same postings its analyzer chain would (positions counted after
stop words, weight = frequency), without a generator and a Token object per word.

A first build writes the index with ``bulk_write``: documents go to Whoosh's own
``SegmentWriter`` in batches, one segment each, with a pool that groups postings by term as
they arrive. Whoosh's pool sorts every posting and, past its memory limit, pickles sorted runs
to disk and merges them back (a fifth of the indexing time at 10,000 articles); here documents
arrive in number order, so sorting the distinct terms is enough, and a batch bounds memory.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import TEXT
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

# Documents per segment of a bulk write. The pool holds a batch's postings: ~25 MB per 1,000
# articles. 4,000 made the index process 205 MB at 10,000 articles against 130 now, for the
# same CPU time; more segments cost the CLI's searches little.
BATCH = 1000
# Posting blocks uncompressed: zlib's set-up per (mostly tiny) block was a third of the time.
COMPRESSION = 0


@dataclass(frozen=True)
class Tokens:
    """A field's analysed tokens: term numbers, and each number's term as UTF-8 bytes."""

    numbers: list[int]
    terms: list[bytes]


class Analysed(TEXT):
    """A TEXT field (with positions, for phrases) indexed from ``Tokens``; text given to it at
    query time still goes through its analyzer, as for any TEXT field."""

    def index(self, value, **kwargs):
        if not isinstance(value, Tokens):
            yield from super().index(value, **kwargs)
            return
        positions: dict[int, list[int]] = defaultdict(list)
        for position, number in enumerate(value.numbers):
            positions[number].append(position)
        encode, terms = self.format.encode, value.terms
        for number, found in positions.items():
            if len(found) == 1:  # most words of an article: their encoding is cached
                encoded = _SINGLE.get(found[0]) or _SINGLE.setdefault(found[0], encode(found))
                yield terms[number], 1, 1.0, encoded
            else:
                yield terms[number], len(found), float(len(found)), encode(found)


_SINGLE: dict[int, bytes] = {}  # position -> Whoosh's encoding of that one position


class _TermPool:
    """Postings by (field, term), each list in document order (documents come in order)."""

    def __init__(self) -> None:
        self.terms: dict[tuple[str, bytes], list[tuple]] = defaultdict(list)

    def add(self, item: tuple) -> None:
        fieldname, term, docnum, weight, value = item
        self.terms[fieldname, term].append((docnum, weight, value))

    def cleanup(self) -> None:
        self.terms.clear()


class _BulkWriter(SegmentWriter):
    """Whoosh's writer with the pool above, and the segment's postings written straight from
    it, with field lengths kept in memory (Whoosh reads each back from disk, per posting)."""

    def __init__(self, ix, **kwargs) -> None:
        super().__init__(ix, codec=W3Codec(compression=COMPRESSION), **kwargs)
        self.pool = _TermPool()
        self._lengths: dict[tuple[int, str], int] = {}

    def add_document(self, **fields) -> None:
        docnum = self.docnum
        super().add_document(**fields)
        for name, value in fields.items():
            if isinstance(value, Tokens) and value.numbers:
                # as the segment's per-document reader returns it: the stored byte, decoded
                self._lengths[docnum, name] = byte_to_length(length_to_byte(len(value.numbers)))

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        writer, lengths, current = self.fieldwriter, self._lengths, None
        for (fieldname, term), postings in sorted(self.pool.terms.items()):
            if fieldname != current:
                if current is not None:
                    writer.finish_field()
                writer.start_field(fieldname, self.schema[fieldname])
                current = fieldname
            writer.start_term(term)
            for docnum, weight, value in postings:
                writer.add(docnum, weight, value, lengths.get((docnum, fieldname), 0))
            writer.finish_term()
        if current is not None:
            writer.finish_field()
        writer.close()


def bulk_write(ix, documents, batch: int = BATCH) -> None:
    """Add ``documents`` (keyword dicts for ``add_document``) to an empty index ``ix``."""
    writer = None
    try:
        for count, fields in enumerate(documents):
            if writer is None:
                writer = _BulkWriter(ix, timeout=120.0)
            writer.add_document(**fields)
            if (count + 1) % batch == 0:
                writer.commit(merge=False)
                writer = None
        if writer is not None:
            writer.commit(merge=False)
    except BaseException:
        if writer is not None:
            writer.cancel()
        raise
