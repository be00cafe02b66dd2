"""Read content files: split YAML front matter from the Markdown body.

Front matter is parsed with YAML 1.2 booleans (only ``true``/``false``), so a country code
``NO`` or a tag ``yes`` stays a string; dates are left as text for normalize.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .errors import Problem
from .front_matter_cache import FrontMatterCache

try:  # libyaml is ~10x faster; fall back to the pure-Python parser where it is missing
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _BaseLoader = yaml.SafeLoader


class FrontMatterLoader(_BaseLoader):
    pass


# Dates stay text here: normalize.py parses them, so a bad one ("2023-13-45") is reported at its
# key's line with a clear message instead of failing inside the YAML parser.
_PARSED_LATER = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}
FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _PARSED_LATER]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_FENCE = re.compile(r"^---[ \t]*\r?$", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    """One content file: its metadata, its body, and where each key was written."""

    path: str  # as shown in messages
    meta: dict
    body: str
    key_lines: dict[str, int]  # top-level key -> line number in the file


def read_text(path: Path, shown: str) -> tuple[str | None, Problem | None]:
    """Decode a file as UTF-8 (a BOM is allowed); anything else is a problem, not a guess."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, Problem(shown, None, f"cannot read file: {exc.strerror}")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, Problem(
            shown, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); save the file as UTF-8"
        )


def parse_document(text: str, shown: str, cache: FrontMatterCache | None = None
                   ) -> tuple[Document | None, Problem | None]:
    """Split ``---`` front matter from the body and parse it as a YAML mapping (or take it from
    ``cache``, when the same text was parsed before)."""
    if not text.startswith("---"):
        return None, Problem(shown, 1, "missing front matter: the file must start with a '---' line")
    first_newline = text.find("\n")
    if first_newline < 0 or text[:first_newline].strip() != "---":
        return None, Problem(shown, 1, "missing front matter: the file must start with a '---' line")
    closing = _FENCE.search(text, first_newline + 1)
    if closing is None:
        return None, Problem(shown, 1, "front matter is not closed by a '---' line")
    fm_text = text[first_newline + 1 : closing.start()]
    body = text[closing.end() :].lstrip("\r\n")
    try:
        meta = cache.parse(fm_text, _parse_yaml) if cache is not None else _parse_yaml(fm_text)
    except yaml.YAMLError as exc:
        # An unclosed quote or bracket is found at the end of the input; where it *started*
        # (the context mark) is the line to fix.
        context = getattr(exc, "context", None) or ""
        opened = context.startswith(("while scanning", "while parsing a flow"))
        scanning = opened and getattr(exc, "context_mark", None) is not None
        mark = exc.context_mark if scanning else getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for the opening fence, +1 one-based
        reason = getattr(exc, "problem", None) or str(exc)
        if scanning:
            reason = f"{reason} ({context} that starts here)"
        return None, Problem(shown, line, f"invalid YAML in front matter: {reason}")
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, Problem(shown, 2, "front matter must be a mapping of 'key: value' lines")
    return Document(shown, meta, body, _key_lines(fm_text)), None


def _parse_yaml(text: str) -> object:
    return yaml.load(text, Loader=FrontMatterLoader)


def _key_lines(fm_text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(fm_text.splitlines(), start=2):
        match = re.match(r"""^["']?([^\s:"'#][^:"']*)["']?\s*:""", line)
        if match:
            lines.setdefault(match.group(1).strip(), number)
    return lines


def load_document(path: Path, shown: str, cache: FrontMatterCache | None = None
                  ) -> tuple[Document | None, Problem | None]:
    text, problem = read_text(path, shown)
    if problem:
        return None, problem
    return parse_document(text, shown, cache)
