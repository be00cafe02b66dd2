"""How big the built site is for its host: GitHub Pages documents a 1 GB limit for a published
site, and its deploy action checks the uploaded artifact (the site as one compressed tar file)
against it. Both numbers are given; the artifact's is estimated from a sample of the files,
since compressing all of a large site would cost the build seconds for one line of output."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

WARNING_SHARE = 0.8  # warn from this share of the host's limit: the archive only grows
SAMPLE = 2000  # files compressed to estimate the artifact (every k-th, in path order)
TAR_HEADER = 512  # bytes tar adds per file (its header; they compress to little)


def artifact_estimate(out: Path) -> int:
    """The site's size once tarred and compressed (gzip level 6, as the Pages upload does)."""
    files = sorted(Path(folder, name) for folder, _, names in os.walk(out) for name in names)
    if not files:
        return 0
    raw = sum(f.stat().st_size for f in files)
    sample = files[:: max(1, len(files) // SAMPLE)]
    # one stream, as in the tar: pages repeat their template, and gzip sees that across files
    stream, read, packed = zlib.compressobj(6), 0, 0
    for file in sample:
        data = file.read_bytes()
        read += len(data) + TAR_HEADER
        packed += len(stream.compress(data + bytes(TAR_HEADER)))
    packed += len(stream.flush())
    return round((raw + TAR_HEADER * len(files)) * packed / read) if read else 0


def size_warnings(out: Path, size: int, files: int, limit_mb: int) -> list[str]:
    """A warning, with the numbers, when the built site nears the host's limit."""
    limit = limit_mb * 2**20
    if not limit_mb or size < WARNING_SHARE * limit:
        return []
    artifact = artifact_estimate(out)
    over = "is over" if max(size, artifact) > limit else "nears"
    return [f"the built site is {size / 2**20:,.0f} MB in {files:,} files (about {artifact / 2**20:,.0f} MB "
            f"compressed, as GitHub Pages' deploy uploads and checks it) and {over} the host's limit of "
            f"{limit_mb:,} MB (size_limit_mb in site.toml): see the README's notes on large archives"]
