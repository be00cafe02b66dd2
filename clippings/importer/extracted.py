"""What an extractor finds in one capture, before dates, sources and tags are settled."""

from __future__ import annotations

from dataclasses import dataclass, field

from .dates import FoundDate


@dataclass
class Extracted:
    title: str | None = None
    blocks: list[str] = field(default_factory=list)  # Markdown blocks of the article body, in order
    summary: str | None = None
    byline: str | None = None
    section: str | None = None
    date: FoundDate | None = None
    image: dict[str, str] = field(default_factory=dict)  # src, alt, caption, credit
    lang: str | None = None
    url: str | None = None
    site_name: str | None = None
    tags: list[str] = field(default_factory=list)  # given by the capture itself (HTML keywords, Markdown)
    evidence: list[str] = field(default_factory=list)  # lines that may name the outlet (copyright, credits)
    extra: dict = field(default_factory=dict)  # other front matter from a Markdown input
    review: list[str] = field(default_factory=list)  # what was guessed and needs a curator's look ("headline")

    @property
    def body(self) -> str:
        return "\n\n".join(self.blocks)
