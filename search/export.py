"""Write the static search index into the site (``<out>/search/``) and say what it cost."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .analysis import ANALYSIS_VERSION, PLAIN
from .corpus import Corpus
from .export_cards import card_files, facet_files, meta_file
from .export_terms import HEAD, TermFiles, dump, term_files
from .format import CARD_BLOCK, FORMAT, digest
from .scoring import Stats

FOLDER = "search"


@dataclass
class ExportReport:
    files: int
    bytes: int
    terms: TermFiles


def write_export(corpus: Corpus, stats: Stats, vocabulary: list[list], site_root: Path,
                 language: str) -> ExportReport:
    """Write every file below ``site_root/search``; return the counts."""
    terms = term_files(corpus, stats, vocabulary)
    # Postings, pairs and prefixes change together (a new article moves N, the average lengths
    # and so every score), so they share one content-hashed folder; cards are hashed per block
    # and stay cached across deploys as long as their articles do not change.
    version = digest(b"".join(name.encode() + b"\0" + data for name, data in sorted(terms.files.items())))
    files = {f"{version}/{name}": data for name, data in terms.files.items()}
    cards, card_hashes = card_files(corpus.docs, language)
    files.update(cards)
    named = {}
    for stem, data in (("meta", meta_file(corpus.docs, language)), *zip(("facets", "tags"),
                                                                          facet_files(corpus.docs), strict=True)):
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
    root = site_root / FOLDER
    folders = {str(Path(name).parent) for name in files}
    for folder in sorted(folders):
        (root / folder).mkdir(parents=True, exist_ok=True)
    total = 0
    for name, data in files.items():
        (root / name).write_bytes(data)
        total += len(data)
    return ExportReport(len(files), total, terms)


__all__ = ["FOLDER", "ExportReport", "dump", "write_export"]
