"""What the last build put in an output folder: each file's digest and size (``.cache/outputs/``).

A warm build links a file from the last build into the new one, instead of rendering it,
when its digest is the same (it would be made from the same inputs) and the file is still
there with the size it was written with. The record is JSON, never pickle: the cache lives in
the site folder, and loading it must never run code.
"""

from __future__ import annotations

import errno
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from .plan import Output
from .plan.stale import digest
from .write import replace_file

VERSION = 1


def _record_file(cache_dir: Path, out: Path) -> Path:
    return cache_dir / "outputs" / f"{digest(str(out.resolve()))}.json"


@dataclass
class BuildRecord:
    outputs: dict[str, tuple[str, int]] = field(default_factory=dict)  # path -> (digest, size)

    @classmethod
    def load(cls, cache_dir: Path, out: Path) -> BuildRecord:
        try:
            data = json.loads(_record_file(cache_dir, out).read_text(encoding="utf-8"))
            if data.get("version") != VERSION:
                return cls()
            return cls({path: (d, int(size)) for path, (d, size) in data["outputs"].items()})
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()  # a missing or damaged record only costs time

    def save(self, cache_dir: Path, out: Path) -> None:
        text = json.dumps({"version": VERSION, "out": str(out), "outputs": self.outputs}, separators=(",", ":"))
        replace_file(_record_file(cache_dir, out), text.encode())


def reuse_unchanged(outputs: list[Output], digests: dict[str, str], record: BuildRecord, out: Path,
                    staging: Path) -> dict[str, int]:
    """Hard-link into ``staging`` every file of ``out`` that the new build would make the same;
    returns their paths and sizes. Nothing is reused when links cannot be made here."""
    reused: dict[str, int] = {}
    if not record.outputs or not out.is_dir():
        return reused
    made: set[str] = set()
    for output in outputs:
        known = record.outputs.get(output.path)
        if known is None or known[0] != digests[output.path]:
            continue
        source = os.path.join(out, output.path)
        try:
            if os.stat(source).st_size != known[1]:
                continue  # changed by hand since: make it again
            folder = os.path.dirname(os.path.join(staging, output.path))
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            os.link(source, os.path.join(staging, output.path))
        except FileNotFoundError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                raise
            # No hard links here: render everything. The links made so far go, so that no
            # write into staging can reach a file of the live site through its inode.
            for path in reused:
                os.unlink(os.path.join(staging, path))
            return {}
        reused[output.path] = known[1]
    return reused
