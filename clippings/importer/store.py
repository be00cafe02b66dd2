"""Writing imports: the verbatim capture, the article, and stub sources, never overwriting by accident.

Every file is written to a temporary name and then linked or renamed into place, so a crash
leaves no half-written file, and an existing file is only replaced with ``--force``.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import yaml

from .dates import FoundDate

CAPTURE_EXTENSIONS = {"text": ".txt", "html": ".html", "markdown": ".md"}


class Exists(Exception):
    pass


def atomic_write(path: Path, data: bytes, *, overwrite: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        if overwrite:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)  # fails if the target exists: no race with another writer
            except FileExistsError:
                raise Exists(str(path)) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def capture_name(sha256: str, kind: str) -> str:
    return f"captures/{sha256[:16]}{CAPTURE_EXTENSIONS.get(kind, '.txt')}"


def format_date(found: FoundDate) -> dt.date | str:
    """A bare date stays a YAML date; a time is written as ISO text, with its offset only if known."""
    if not found.has_time:
        return found.value.date()
    return found.value.replace(microsecond=0).isoformat()


def format_stamp(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def render_article(front_matter: dict, body: str) -> str:
    head = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True, width=10_000,
                          default_flow_style=False)
    return f"---\n{head}---\n\n{body.strip()}\n"


def render_stub_source(name: str, domain: str | None, today: dt.date) -> str:
    meta: dict = {"name": name, "type": "other"}
    if domain:
        meta["homepage"] = f"https://{domain}/"
        meta["domains"] = [domain]
    meta["as_of"] = today
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=10_000)
    return (f"---\n{head}---\n\nStub created by `clippings import` on {today.isoformat()}. "
            "Fill in the outlet's type, country, owner and funding, with references backing them.\n")
