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
The analysed fields' postings go into that pool directly, and each term's postings are written
in one go, in Whoosh's own block format (the same bytes its ``W3PostingsWriter`` writes),
or inlined in the term table when there are few: 2.55 s became 2.25 s at 2,000 articles.
``tests/test_index_write.py`` reads the result against an index Whoosh wrote itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pickle import dumps

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.fields import TEXT
from whoosh.system import pack_int, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

# Documents per segment of a bulk write. The pool holds a batch's postings: ~25 MB per 1,000
# articles. 4,000 made the index process 205 MB at 10,000 articles against 130 now, for the
# same CPU time; more segments cost the CLI's searches little.
BATCH = 1000
# Posting blocks uncompressed: zlib's set-up per (mostly tiny) block was a third of the time.
COMPRESSION = 0
# Terms with this many postings or fewer (most terms: 37,000 of 57,000 at 2,000 articles) keep
# them in the term table itself, as Whoosh's format allows and its readers handle, instead of a
# block of their own in the postings file. (Whoosh 2.7.4's own writer cannot: its inline path
# calls a method that does not exist, so it is off by default.)
INLINE = 8
BLOCK = 128  # postings per block: Whoosh's default (W3Codec's blocklimit)


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
        for term, frequency, encoded in term_postings(value, self.format.encode):
            yield term, frequency, float(frequency), encoded


_SINGLE: dict[int, bytes] = {}  # position -> Whoosh's encoding of that one position


def term_postings(tokens: Tokens, encode) -> list[tuple[bytes, int, bytes]]:
    """Each term of a field's tokens with its frequency and its positions, encoded by ``encode``
    (the field format's): the postings Whoosh's analyzer chain would make."""
    positions: dict[int, list[int]] = defaultdict(list)
    for position, number in enumerate(tokens.numbers):
        positions[number].append(position)
    terms, found = tokens.terms, []
    for number, at in positions.items():
        if len(at) == 1:  # most words of an article: their encoding is cached
            found.append((terms[number], 1, _SINGLE.get(at[0]) or _SINGLE.setdefault(at[0], encode(at))))
        else:
            found.append((terms[number], len(at), encode(at)))
    return found


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
        """Whoosh adds the other fields; the analysed ones go straight into the pool, with
        their lengths written as Whoosh's own ``add_document`` writes them (same bytes, a
        fraction of the calls: no generator, tuple and pool call per posting)."""
        analysed = {name: value for name, value in fields.items() if isinstance(value, Tokens)}
        docnum = self.docnum
        super().add_document(**{name: value for name, value in fields.items() if name not in analysed})
        pool, perdoc = self.pool.terms, self.perdocwriter  # its current document is still this one
        for name in sorted(analysed):
            tokens, field = analysed[name], self.schema[name]
            if not tokens.numbers:
                continue
            for term, frequency, encoded in term_postings(tokens, field.format.encode):
                pool[name, term].append((docnum, float(frequency), encoded))
            perdoc.add_field(name, field, None, len(tokens.numbers))
            # as the segment's per-document reader returns it: the stored byte, decoded
            self._lengths[docnum, name] = byte_to_length(length_to_byte(len(tokens.numbers)))

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        writer, lengths, current, fixed = self.fieldwriter, self._lengths, None, None
        postfile = writer._postfile
        for (fieldname, term), postings in sorted(self.pool.terms.items()):
            if fieldname != current:
                if current is not None:
                    writer.finish_field()
                writer.start_field(fieldname, self.schema[fieldname])
                current, fixed = fieldname, self.schema[fieldname].format.fixed_value_size()
            found = [lengths.get((d, fieldname), 0) for d, _, _ in postings]
            # (inlined only with positions: Whoosh's reader gives an ID field's inlined value as
            # "" where its blocks give None)
            info = (_inlined(postings, found, fixed) if len(postings) <= INLINE and fixed is None
                    else _blocks(postfile, postings, found, fixed))
            writer._tindex.add(pack_ushort(writer._fieldid) + term, info.to_bytes())
        if current is not None:
            writer.finish_field()
        writer.close()


def _term_info(postings: list[tuple], lengths: list[int]) -> W3TermInfo:
    """A term's statistics, as Whoosh's block writer keeps them."""
    return W3TermInfo(weight=float(sum(p[1] for p in postings)), df=len(postings), minlength=min(lengths),
                      maxlength=max(lengths), maxweight=max(p[1] for p in postings), minid=postings[0][0],
                      maxid=postings[-1][0])


def _values(values: tuple[bytes, ...], fixed: int | None):
    """A block's encoded values as Whoosh keeps them, by the format's ``fixed_value_size``:
    the non-empty ones (variable size), none (no values, as for ID fields), or joined."""
    if fixed is None or fixed < 0:
        return tuple(v for v in values if v)
    return None if fixed == 0 else b"".join(values)


def _inlined(postings: list[tuple], lengths: list[int], fixed: int | None) -> W3TermInfo:
    """A term's info with its postings in it."""
    info = _term_info(postings, lengths)
    ids, weights, values = zip(*postings, strict=True)
    info.set_inlined(ids, weights, _values(values, fixed))
    return info


def _blocks(postfile, postings: list[tuple], lengths: list[int], fixed: int | None) -> W3TermInfo:
    """A term's postings written to ``postfile`` as Whoosh's ``W3PostingsWriter`` writes them
    (blocks of ``BLOCK`` postings: a pickled header and pickled ids, weights and positions),
    byte for byte, without its per-posting checks and calls: its info, pointing at them."""
    info = _term_info(postings, lengths)
    start = postfile.tell()
    postfile.write(WHOOSH3_HEADER_MAGIC)
    for first in range(0, len(postings), BLOCK):
        block = postings[first:first + BLOCK]
        ids, weights, values = zip(*block, strict=True)
        found = lengths[first:first + BLOCK]
        deltas = tuple(b - a for a, b in zip((0, *ids), ids, strict=False))
        if all(w == 1.0 for w in weights):
            mini_weights = None
        elif all(w == weights[0] for w in weights):
            mini_weights = weights[0]
        else:
            mini_weights = weights
        data = dumps((deltas, mini_weights, _values(values, fixed)), 2)
        header = dumps((len(ids), ids[-1], max(weights), COMPRESSION, length_to_byte(min(found)),
                        length_to_byte(max(found))), 2)
        size = len(header) + len(data)
        last = first + BLOCK >= len(postings)
        postfile.write(pack_int(-size if last else size) + header + data)
    info.set_extent(start, postfile.tell() - start)
    return info


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
