"""The static search index as files (``<out>/search/...``), and a cache of the last one.

Exporting costs seconds on a large archive; a build whose articles did not change (a theme
or template edit) copies the previous export from ``.cache/search/export.bin`` instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from .analysis import ANALYSIS_VERSION, PLAIN
from .corpus import Corpus
from .export_cards import card_files, facet_files, meta_file
from .export_terms import HEAD, term_files
from .format import CARD_BLOCK, FORMAT, digest
from .scoring import Stats

FOLDER = "search"
CACHE_FILE = "export.bin"
_CODE = sorted(Path(__file__).parent.glob("*.py"))


def export_files(corpus: Corpus, stats: Stats, vocabulary: list[list], language: str) -> dict[str, bytes]:
    """Every file of the export, by its path below ``search/``."""
    terms = term_files(corpus, stats, vocabulary)
    # Postings, pairs and prefixes change together (a new article moves N, the average lengths
    # and so every score), so they share one content-hashed folder; cards are hashed per block
    # and stay cached across deploys as long as their articles do not change.
    version = digest(b"".join(name.encode() + b"\0" + data for name, data in sorted(terms.files.items())))
    files = {f"{version}/{name}": data for name, data in terms.files.items()}
    cards, card_hashes = card_files(corpus.docs, language)
    files.update(cards)
    named = {}
    facets, tags = facet_files(corpus.docs)
    for stem, data in (("meta", meta_file(corpus.docs, language)), ("facets", facets), ("tags", tags)):
        named[stem] = f"{stem}-{digest(data)}.json"
        files[named[stem]] = data
    assert terms.quantizer is not None
    manifest = {
        "format": FORMAT,
        "analysis": ANALYSIS_VERSION,
        "docs": corpus.size,
        "version": version,
        "shards": terms.shards,
        "pairs": terms.pair_shards,
        "prefixes": terms.prefix_shards,
        "head": HEAD,
        "quant": [terms.quantizer.low, terms.quantizer.step],
        "plain": any(doc.group == PLAIN for doc in corpus.docs),
        "cards": {"block": CARD_BLOCK, "hashes": card_hashes},
        **named,
    }
    files["manifest.json"] = json.dumps(manifest, separators=(",", ":")).encode()
    return files


def write_files(site_root: Path, files: dict[str, bytes]) -> int:
    """Write the export below ``site_root/search``; return the number of bytes."""
    root = site_root / FOLDER
    for folder in sorted({name.rpartition("/")[0] for name in files}):
        (root / folder).mkdir(parents=True, exist_ok=True)
    total = 0
    for name, data in files.items():
        with open(root / name, "wb") as handle:
            handle.write(data)
        total += len(data)
    return total


def export_digest(ids_and_hashes: list[tuple[str, str]], language: str) -> str:
    """Identifies an export: the articles (in order), the site language and this code."""
    sha = hashlib.sha256(f"{FORMAT}.{ANALYSIS_VERSION}.{language}\n".encode())
    for path in _CODE:
        sha.update(path.read_bytes())
    for doc_id, content in ids_and_hashes:
        sha.update(f"{doc_id}\0{content}\n".encode())
    return sha.hexdigest()


def load_cached(cache: Path, wanted: str) -> dict[str, bytes] | None:
    """The cached export if it was made from the same articles, else None."""
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


def save_cached(cache: Path, key: str, files: dict[str, bytes]) -> None:
    """One file (``header line + data``): far cheaper than thousands of small ones."""
    cache.mkdir(parents=True, exist_ok=True)
    header = json.dumps({"digest": key, "files": [[name, len(data)] for name, data in files.items()]})
    fd, tmp = tempfile.mkstemp(dir=cache, prefix=f".{CACHE_FILE}-")
    with os.fdopen(fd, "wb") as handle:
        handle.write(header.encode() + b"\n")
        for data in files.values():
            handle.write(data)
    os.replace(tmp, cache / CACHE_FILE)
