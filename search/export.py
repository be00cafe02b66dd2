"""The static search index as files (``<out>/search/...``), built from scratch or updated.

Everything the files are made of is kept in ``.cache/search/export-state.json`` (encoded term
entries, tails, pairs, vocabulary, cards): ``search/incremental.py`` updates that state for
the articles that changed, and ``assemble`` turns a state into files, the same way for both.
A build whose articles did not change at all reuses the previous files (``export.bin``).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .analysis import ANALYSIS_VERSION, PLAIN, PLAIN_MARK, STEMMED
from .corpus import Corpus
from .documents import SearchDoc
from .export_cards import card, facet_files, meta_file, source_order
from .export_terms import HEAD, QUANTIZER, Totals, buckets, entry_texts, pair_text, sharded
from .format import CARD_BLOCK, FORMAT, digest, slot
from .scoring import Stats, term_scores

FOLDER = "search"
CACHE_FILE = "export.bin"
STATE_FILE = "export-state.json"
_CODE = sorted(Path(__file__).parent.glob("*.py"))


def code_digest(language: str) -> str:
    """Changes with this package's code, the format and the site language."""
    sha = hashlib.sha256(f"{FORMAT}.{ANALYSIS_VERSION}.{language}\n".encode())
    for path in _CODE:
        sha.update(path.read_bytes())
    return sha.hexdigest()[:20]


@dataclass
class ExportState:
    """What the export is made of, as encoded text, ready to be updated or assembled."""

    code: str
    sources: list[str]  # source keys in card order
    ids: list[str]
    hashes: list[str]
    groups: list[str]
    stats: list
    totals: Totals
    entries: dict[str, str] = field(default_factory=dict)  # key -> shard entry
    tails: dict[str, str] = field(default_factory=dict)  # key -> tail
    pairs: dict[str, str] = field(default_factory=dict)  # "a b" -> documents
    vocabulary: list[list] = field(default_factory=list)  # [word, key, df, word_df], best first
    cards: list[str] = field(default_factory=list)  # one per document

    def to_json(self) -> dict:
        data = dict(vars(self))
        data["totals"] = self.totals.as_dict()
        return data

    @classmethod
    def from_json(cls, data: dict) -> ExportState:
        return cls(**{**data, "totals": Totals(**data["totals"])})


def key_group(key: str) -> str:
    return PLAIN if key.startswith(PLAIN_MARK) else STEMMED


def full_state(corpus: Corpus, stats: Stats, vocabulary: list[list], hashes: dict[str, str],
               language: str) -> ExportState:
    """The export's state made afresh; empties ``corpus.postings`` and ``corpus.pairs``."""
    docs = corpus.docs
    state = ExportState(code_digest(language), source_order(docs), [d.id for d in docs], [hashes[d.id] for d in docs],
                        [d.group for d in docs], stats.key(), Totals(words=len(vocabulary)), vocabulary=vocabulary)
    # The corpus is consumed: each key's and pair's postings go once encoded, so that the
    # process never holds both the postings and the state whole (they are 160 and 55 MB at
    # 10,000 articles).
    postings, pairs = corpus.postings, corpus.pairs
    for key in list(postings):
        posts = postings.pop(key)
        numbers, scores = term_scores(posts, key_group(key), stats)
        state.entries[key], tail = entry_texts(numbers, scores, posts.headline())
        if tail:
            state.tails[key] = tail
        state.totals.add_key(len(numbers))
    for pair in list(pairs):
        numbers = pairs.pop(pair)
        numbers = [numbers] if numbers.__class__ is int else numbers
        state.pairs[pair] = pair_text(numbers)
        state.totals.add_pair(len(numbers))
    sources = {key: i for i, key in enumerate(state.sources)}
    state.cards = [card(doc, sources[doc.source], language) for doc in docs]
    return state


def assemble(state: ExportState, docs: list[SearchDoc], language: str, previous: dict[str, bytes] | None = None,
             touched: tuple[set[str], set[str]] | None = None) -> dict[str, bytes]:
    """Every file of the export, by its path below ``search/``.

    With the ``previous`` files and the keys and pairs ``touched`` since, only the shards that
    hold touched keys are encoded again (when the file counts did not change)."""
    counts = state.totals.counts()
    terms = _previous_terms(previous, counts) if touched else None
    if terms is None:
        terms = {**sharded("p", state.entries, counts["shards"]), **sharded("t", state.tails, counts["tails"]),
                 **sharded("b", state.pairs, counts["pairs"])}
    else:
        keys, pairs = touched
        for folder, entries, count, which in (("p", state.entries, counts["shards"], keys),
                                               ("t", state.tails, counts["tails"], keys),
                                               ("b", state.pairs, counts["pairs"], pairs)):
            terms.update(sharded(folder, entries, count, {slot(k, count) for k in which}))
    terms.update(sharded("x", buckets(state.vocabulary), counts["prefixes"]))
    # Postings, pairs and prefixes change together (a new article re-scores every term it has),
    # so they share one content-hashed folder; cards are hashed per block and stay cached across
    # deploys as long as their articles do not change.
    version = digest(b"".join(name.encode() + b"\0" + data for name, data in sorted(terms.items())))
    files = {f"{version}/{name}": data for name, data in terms.items()}
    card_hashes = []
    for start in range(0, len(state.cards), CARD_BLOCK):
        block = [c.encode("utf-8") for c in state.cards[start:start + CARD_BLOCK]]
        card_hashes.append(digest(b"\n".join(block)))
        files.update({f"c/{card_hashes[-1]}/{start + i}.json": data for i, data in enumerate(block)})
    named = {}
    facets, tags = facet_files(docs)
    for stem, data in (("meta", meta_file(docs, language)), ("facets", facets), ("tags", tags)):
        named[stem] = f"{stem}-{digest(data)}.json"
        files[named[stem]] = data
    manifest = {
        "format": FORMAT, "analysis": ANALYSIS_VERSION, "docs": len(docs), "version": version, **counts,
        "head": HEAD, "quant": [QUANTIZER.low, QUANTIZER.step], "plain": PLAIN in state.groups,
        "cards": {"block": CARD_BLOCK, "hashes": card_hashes}, **named,
    }
    files["manifest.json"] = json.dumps(manifest, separators=(",", ":")).encode()
    return files


def _previous_terms(previous: dict[str, bytes] | None, counts: dict[str, int]) -> dict[str, bytes] | None:
    """The previous export's term files (paths without the version folder), if laid out alike."""
    if not previous or "manifest.json" not in previous:
        return None
    manifest = json.loads(previous["manifest.json"])
    if any(manifest.get(name) != count for name, count in counts.items()):
        return None
    prefix = manifest["version"] + "/"
    return {name[len(prefix):]: data for name, data in previous.items() if name.startswith(prefix)}


def write_files(site_root: Path, files: dict[str, bytes], previous: Path | None = None) -> list[tuple[Path, Path]]:
    """Write the export below ``site_root/search``.

    With ``previous``, the last build's site that this one replaces, each content-hashed folder
    (the term files, a block of cards) that it holds as the export has it is moved from there
    instead: one rename, not thousands of files written (0.6 s of a warm 10,000-article build).
    Returns what was moved, (from, to), for ``put_back`` should the new site not go live."""
    root = site_root / FOLDER
    moved = []
    by_folder: dict[str, dict[str, int]] = {}
    for name, data in files.items():
        if (folder := _hashed_folder(name)) is not None:
            by_folder.setdefault(folder, {})[name[len(folder) + 1:]] = len(data)
    if previous is not None:
        for folder, sizes in by_folder.items():
            source, target = previous / FOLDER / folder, root / folder
            if _sizes(source) == sizes:
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    source.rename(target)
                except OSError:
                    continue  # another file system, say: written below
                moved.append((source, target))
    done = {str(target.relative_to(root)) for _, target in moved}
    todo = {name: data for name, data in files.items() if _hashed_folder(name) not in done}
    for folder in sorted({name.rpartition("/")[0] for name in todo}):
        (root / folder).mkdir(parents=True, exist_ok=True)
    for name, data in todo.items():
        with open(root / name, "wb") as handle:
            handle.write(data)
    return moved


def put_back(moved: list[tuple[Path, Path]]) -> None:
    """Undo ``write_files``' moves: the last build's site gets its folders back."""
    for source, target in reversed(moved):
        target.rename(source)


def _hashed_folder(name: str) -> str | None:
    """The content-hashed folder a file of the export is in (see ``assemble``), if any."""
    parts = name.split("/")
    if parts[0] == "c" and len(parts) == 3:
        return "c/" + parts[1]
    return parts[0] if len(parts) > 1 and parts[0] != "c" else None


def _sizes(folder: Path) -> dict[str, int] | None:
    """Each file's path below ``folder`` and its size (None: no such folder)."""
    if not folder.is_dir() or folder.is_symlink():
        return None
    found = {}
    for here, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(here, name)
            info = os.lstat(path)
            if not stat.S_ISREG(info.st_mode):
                return None  # a link put there by hand: written anew, never carried over
            found[os.path.relpath(path, folder)] = info.st_size
    return found


# --- the cache ------------------------------------------------------------------------------

def made_from(code: str, ids: list[str], hashes: list[str]) -> str:
    """What an export is a function of: the code, and each article's id and content hash."""
    return hashlib.sha256(json.dumps([code, ids, hashes]).encode()).hexdigest()


def state_digest(state: ExportState) -> str:
    return made_from(state.code, state.ids, state.hashes)


def load_state(cache: Path) -> ExportState | None:
    try:
        return ExportState.from_json(json.loads((cache / STATE_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError):
        return None


def load_files(cache: Path, wanted: str) -> dict[str, bytes] | None:
    """The files last written, if they were made from the same articles."""
    try:
        with open(cache / CACHE_FILE, "rb") as handle:
            header = json.loads(handle.readline())
            if header.get("digest") != wanted:
                return None
            data = handle.read()
    except (OSError, ValueError, AttributeError):
        return None
    files, at = {}, 0
    for name, size in header["files"]:
        files[name] = data[at:at + size]
        at += size
    return files if at == len(data) else None


def save(cache: Path, state: ExportState, files: dict[str, bytes]) -> None:
    """The state as JSON; the files as one blob (far cheaper than thousands of small ones)."""
    cache.mkdir(parents=True, exist_ok=True)
    header = json.dumps({"digest": state_digest(state), "files": [[n, len(d)] for n, d in files.items()]})
    _atomic(cache / CACHE_FILE, [header.encode() + b"\n", *files.values()])
    _atomic(cache / STATE_FILE, _json_chunks(state.to_json()))


def _json_chunks(data: dict) -> Iterator[bytes]:
    """``json.dumps(data)``, encoded, one top-level item at a time: the text of the whole state
    and its bytes would be twice its 30 MB (at 10,000 articles) at once."""
    def dumps(value) -> bytes:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    yield b"{"
    for number, (key, value) in enumerate(data.items()):
        yield (b"," if number else b"") + dumps(key) + b":"
        yield dumps(value)
    yield b"}"


def _atomic(path: Path, chunks: Iterable[bytes]) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    with os.fdopen(fd, "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
    os.replace(tmp, path)
