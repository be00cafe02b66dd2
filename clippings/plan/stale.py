"""Which outputs must be made again: a digest of everything each one is made from.

An output's digest covers its spec (plain values and refs), the entries its refs name, the
templates its template extends, includes and imports, and what every output depends on (the
site settings, the theme's static file names, the label vocabulary, the engine's own code). Two
builds that give an output the same digest give it the same bytes, so the preview renders only
outputs whose digest changed, and a warm build links the others from the last build.

Digests are of ``repr``: the specs and entries are frozen dataclasses, tuples, dicts and plain
values, whose repr is deterministic and covers every field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2
from jinja2 import meta

from ..errors import BuildError
from .entries import Entry, Ref
from .outputs import Output, refs_of

ENGINE = Path(__file__).resolve().parents[2]  # holds the clippings and search packages


def digest(*parts: str | bytes) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


@cache
def engine_digest() -> str:
    """The engine's code and data: a new version must not reuse an older version's outputs."""
    files = sorted(p for pkg in ("clippings", "search") for p in (ENGINE / pkg).rglob("*")
                   if p.suffix in (".py", ".json", ".toml", ".js") and p.is_file())
    return digest(*(f"{p.relative_to(ENGINE)}:{p.read_bytes().hex()}" for p in files))


def template_digests(env: jinja2.Environment, files: dict[str, str]) -> dict[str, str]:
    """Each template's digest, with the templates it extends, includes and imports.

    ``files`` maps template names to digests of the files that win them. A reference Jinja
    cannot resolve before rendering (a name in a variable) makes a template depend on all."""
    parsed: dict[str, set[str] | None] = {}

    def referenced(name: str) -> set[str] | None:
        if name not in parsed:
            try:
                source = env.loader.get_source(env, name)[0] if env.loader else ""
                names = meta.find_referenced_templates(env.parse(source))
                found = set(names)
                parsed[name] = None if None in found else found  # type: ignore[assignment]
            except jinja2.TemplateSyntaxError:
                parsed[name] = set()  # rendering will report it, at its line
            except jinja2.TemplateNotFound:
                parsed[name] = set()
        return parsed[name]

    everything = digest(*(f"{n}={d}" for n, d in sorted(files.items())))
    closures: dict[str, str] = {}
    for name in files:
        seen, todo, dynamic = set(), [name], False
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            found = referenced(current)
            if found is None:
                dynamic = True
                break
            todo += [n for n in found if n in files]
        closures[name] = everything if dynamic else digest(*(f"{n}={files[n]}" for n in sorted(seen)))
    return closures


def entry_digests(entries: dict[Ref, Entry], previous: tuple[dict[Ref, Entry], dict[Ref, str]] | None = None
                  ) -> tuple[dict[Ref, str], set[Ref] | None]:
    """Each entry's digest, and the refs whose digest is new since ``previous`` (None: all).

    An entry equal to the previous build's keeps its digest (mostly an ``is`` check: see
    ``EntryMemo``)."""
    old_entries, old_digests = previous if previous else ({}, {})
    digests, changed = {}, set()
    for ref, entry in entries.items():
        old = old_entries.get(ref)
        if old is not None and (old is entry or old == entry):
            digests[ref] = old_digests[ref]
        else:
            digests[ref] = digest(repr(entry))
            changed.add(ref)
    return digests, changed if previous else None


@dataclass(frozen=True)
class _Known:
    spec: object
    spec_digest: str
    refs: tuple[Ref, ...]  # sorted, each once: digests below follow this order
    template: str
    digest: str


@dataclass
class DigestMemo:
    """The last build's outputs: spec, refs and digest. An output whose spec and template are
    the same and none of whose entries changed keeps its digest without hashing anything (the
    preview meets the same ten thousand outputs on every edit)."""

    common: str | None = None
    outputs: dict[str, _Known] = field(default_factory=dict)


def output_digests(outputs: Iterable[Output], common: str, templates: dict[str, str], entries: dict[Ref, str],
                   changed: set[Ref] | None, memo: DigestMemo) -> dict[str, str]:
    """Output path -> digest. ``common`` is the digest of what every output depends on;
    ``changed`` the entries whose digest changed since the memo's build (None: unknown)."""
    trusted = changed is not None and memo.common == common
    digests: dict[str, str] = {}
    known_outputs: dict[str, _Known] = {}
    for output in outputs:
        template = ""
        if output.template is not None:
            template = templates.get(output.template) or _missing(output.template)
        known = memo.outputs.get(output.path)
        if known is not None and known.spec == output.spec:
            if trusted and known.template == template and changed.isdisjoint(known.refs):  # type: ignore[union-attr]
                digests[output.path] = known.digest
                known_outputs[output.path] = known
                continue
            spec_digest, refs = known.spec_digest, known.refs
        else:
            spec_digest = digest(output.kind, output.render, output.template or "", repr(output.spec))
            refs = tuple(sorted(set(refs_of(output.spec))))
        found = digest(common, template, spec_digest, *(entries[r] for r in refs))
        digests[output.path] = found
        known_outputs[output.path] = _Known(output.spec, spec_digest, refs, template, found)
    memo.common, memo.outputs = common, known_outputs
    return digests


def _missing(name: str) -> str:
    raise BuildError(f"template '{name}' not found in the theme's templates/ folders")


def stale(outputs: Iterable[Output], digests: dict[str, str], previous: dict[str, str]) -> list[Output]:
    """The outputs whose digest differs from the last build's (or that it did not make)."""
    return [o for o in outputs if previous.get(o.path) != digests[o.path]]
