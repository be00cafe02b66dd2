"""Which outlet published a capture: by URL domain, then by what the page says about itself."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from ..model import Source
from ..slugs import slugify

COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[–-]\s*\d{4})?\s*,?\s*)?(.+?)"
                       r"(?:,?\s*\d{4}(?:\s*[–-]\s*\d{4})?)?\.?\s*(?:all rights reserved.*)?$", re.IGNORECASE)


@dataclass(frozen=True)
class SourceGuess:
    key: str
    known: bool  # False: a stub must be created
    name: str
    domain: str | None = None
    reason: str = ""


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


def by_domain(url: str | None, sources: dict[str, Source]) -> str | None:
    host = host_of(url)
    if not host:
        return None
    for key, source in sorted(sources.items()):
        for domain in source.domains:
            if host == domain or host.endswith("." + domain):
                return key
    return None


# Characters whose case the regular expressions match otherwise than lower-casing does: the
# partners of re's extra case pairs (i ~ ı, s ~ ſ, σ ~ ς, Cyrillic в ~ ᲀ ...), İ (lower-cased to
# two characters) and Σ (lower-cased by its place in a word). Text with none of them compares by
# lower-casing exactly as a case-ignoring pattern would.
CASE_EXCEPTIONS = frozenset("İıſµͅιΐΐΰΰϐϵϑϰϕϖϱςσΣᲀᲁᲂᲃᲄᲅᲆᲇᲈẛﬅﬆ")


@dataclass(frozen=True)
class _Name:
    """One way a source is named, matched as a whole word ("RT" in capitals, longer names in any case)."""
    text: str
    pattern: re.Pattern

    def mentions(self, body: str, lowered: str | None) -> int:
        """How often the body names it. Most names are absent from most pages, and a plain substring
        test says so at a fraction of the cost of the word-bounded pattern, which runs only where it
        may match (``lowered``: the body lower-cased, when that compares as the pattern does)."""
        if not self.pattern.flags & re.IGNORECASE:
            present = self.text in body
        elif lowered is not None and CASE_EXCEPTIONS.isdisjoint(self.text):
            present = self.text.lower() in lowered
        else:
            present = _bare(self.text).search(body) is not None
        return len(self.pattern.findall(body)) if present else 0


def lowered_for_names(body: str) -> str | None:
    return body.lower() if CASE_EXCEPTIONS.isdisjoint(body) else None


@lru_cache(maxsize=4096)
def _bare(text: str) -> re.Pattern:
    return re.compile(re.escape(text), re.IGNORECASE)


@lru_cache(maxsize=4096)
def _names(key: str, names: frozenset[str]) -> tuple[_Name, ...]:
    """Compiled once per source, not once per page."""
    if len(key) >= 2:
        names = names | {key.upper() if len(key) <= 4 else key}
    out = []
    for name in sorted(n for n in names if n and len(n) >= 2):
        flags = 0 if len(name) <= 4 else re.IGNORECASE  # "RT" must be capitals, not the "rt" in "art"
        out.append(_Name(name, re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flags)))
    return tuple(out)


def by_evidence(evidence: list[str], body: str, site_name: str | None, sources: dict[str, Source]) -> str | None:
    """Score each known source by the page furniture naming it (copyright, credits, app lines)."""
    scores: dict[str, float] = {}
    lowered = lowered_for_names(body)
    for key, source in sources.items():
        names = _names(source.key, frozenset((source.name, *source.aliases, *source.domains)))
        score = 0.0
        if site_name and any(n.pattern.search(site_name) for n in names):
            score += 5
        for line in evidence:
            if any(n.pattern.search(line) for n in names):
                score += 3 if COPYRIGHT.search(line) else 1.5 if len(line.split()) <= 6 else 1
        # The article text naming an outlet ("told CNN") is weak evidence.
        score += 0.1 * sum(n.mentions(body, lowered) for n in names)
        if score:
            scores[key] = score
    if not scores:
        return None
    best = max(sorted(scores), key=lambda k: scores[k])
    return best if scores[best] >= 1 else None


# Legal forms as companies write them (case matters: "AG" is a form, "Ag" may be a word).
_LEGAL_FORM = re.compile(
    r"[\s,]+(?:GmbH(?:\s*&\s*Co\.?\s*KG(?:aA)?)?|KG(?:aA)?|AG|SE|S\.\s?[AL]\.?U?|S\.[AL]|S\.p\.A\.?|S\.r\.l\.?"
    r"|B\.V\.?|N\.V\.?|A/S|ASA|AB|Oy|Pty\.?(?:\s+Ltd\.?)?|Ltd\.?|LTD\.?|Limited|LIMITED|Inc\.?|INC\.?"
    r"|Incorporated|LLC|L\.L\.C\.|PLC|plc|Corp\.?|Corporation|Co\.)$")
_AFFILIATES = re.compile(r"\s+(?:or|and|&)\s+(?:its|their)\s+affiliat\w*(?:\s+compan\w+)?$", re.IGNORECASE)


def outlet_name(raw: str) -> str:
    """The outlet a copyright or credit line names, without what only lawyers need:
    ``Copyright © 2023 The Valley Herald`` -> ``The Valley Herald``, ``DER SPIEGEL GmbH & Co. KG``
    -> ``DER SPIEGEL``, and a photo credit ``Name Surname/TASS`` -> ``TASS``."""
    name = raw.strip()
    while True:
        before = name
        name = re.sub(r"^(?:©|\(c\)|copyright)\s*", "", name, flags=re.IGNORECASE)
        name = re.sub(r"^\d{4}(?:\s*[–-]\s*\d{4})?[\s,]*", "", name)
        name = _AFFILIATES.sub("", _LEGAL_FORM.sub("", name.strip(" .,")))
        if name == before:
            break
    if "/" in name and " " in name.split("/")[0] and len(name.rsplit("/", 1)[1].strip()) >= 2:
        name = name.rsplit("/", 1)[1].strip()  # "Photographer Name/Agency": the agency
    return name.strip(" .,") or raw.strip()


def unknown_outlet(url: str | None, evidence: list[str], site_name: str | None) -> SourceGuess:
    """Name a new outlet from what the page offers: site name, copyright owner, or domain."""
    host = host_of(url)
    name = outlet_name(site_name) if site_name else None
    if not name:
        for line in evidence:
            match = COPYRIGHT.search(line)
            if match and 2 <= len(match.group(1)) <= 80:
                name = outlet_name(match.group(1))
                break
    if not name and host:
        name = host
    if not name:
        return SourceGuess("unknown", False, "Unknown outlet", None, "no URL, site name or copyright line")
    base = host.rsplit(".", 1)[0] if host and name == host else name
    key = slugify(base, max_length=40) or "unknown"
    return SourceGuess(key, False, name, host, "new outlet")


def detect_source(
    url: str | None, evidence: list[str], body: str, site_name: str | None, sources: dict[str, Source]
) -> SourceGuess:
    key = by_domain(url, sources)
    if key:
        return SourceGuess(key, True, sources[key].name, host_of(url), "domain")
    key = by_evidence(evidence, body, site_name, sources)
    if key:
        return SourceGuess(key, True, sources[key].name, host_of(url), "page text")
    return unknown_outlet(url, evidence, site_name)
