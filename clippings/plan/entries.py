"""The site's entries as templates see them: every article with its source, its folded tags,
its HTML and its local dates already attached.

An entry is what a page can show of one article, source, tag or story. Pages refer to entries
by :class:`Ref` (``Ref("article", "2023/06/slug")``); the plan resolves those refs before a
template runs, so templates need no lookup helpers, and what a page is made of is exactly the
refs and plain values in its spec. Whatever a listing says *about* an entry (how many articles
a tag has) belongs to the listing's spec, not to the entry: an article page that shows a tag
does not change when that tag gains an article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import urls as u
from ..config import SiteConfig
from ..enrich.evidence import AlignedQuote, EvidenceInput, SharedSentence, StoryEvidence, story_evidence
from ..enrich.grouping import Evidence
from ..markup import cache_key
from ..model import Article, Image, Reference, Site, Source, Story
from .evidence_store import evidence_key


class Ref(NamedTuple):
    """A reference to one entry: kind ("article", "source", "tag", "story") and key."""

    kind: str
    key: str


@dataclass(frozen=True)
class SourceEntry:
    key: str
    path: str  # site path of its page, "sources/rt/"
    name: str
    type: str
    label: str
    country: str | None = None
    country_name: str | None = None
    owner: str | None = None
    funding: str | None = None
    homepage: str | None = None
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    as_of: dt.date | None = None
    references: tuple[Reference, ...] = ()
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class TagEntry:
    key: str
    name: str
    slug: str
    path: str  # "tags/nato/"
    description: str | None


@dataclass(frozen=True)
class StoryEntry:
    slug: str
    path: str  # "stories/<slug>/"
    title: str
    description: str | None  # HTML
    automatic: bool = False  # found by grouping, not (only) pinned with `story:`
    confidence: float | None = None  # 0-1, how sure the grouping is
    evidence: Evidence | None = None  # what its articles share: terms, quotes, names, figures
    quotes: tuple[AlignedQuote, ...] = ()  # quotations compared across outlets, then those only one printed
    shared: tuple[SharedSentence, ...] = ()  # sentences reprinted nearly word for word


@dataclass(frozen=True)
class ImageEntry:
    src: str | None  # a URL, or a site path below media/ (templates pass both through url())
    alt: str | None
    caption: str | None
    credit: str | None


@dataclass(frozen=True)
class ArticleEntry:
    id: str
    path: str  # site path of its page, "articles/2023/06/slug/"
    source_file: str  # the Markdown file, relative to the site folder (for messages)
    title: str
    date: dt.datetime  # as the front matter gave it (its own offset), for machine-readable metadata
    local_date: dt.datetime  # in the site's time zone, as pages show it
    date_only: bool
    date_text: str  # local: "14 June 2023, 05:23" (no time for a bare date)
    date_iso: str  # local: "2023-06-14T05:23:00+00:00" or "2023-06-14"
    source: SourceEntry
    tags: tuple[TagEntry, ...]  # folded, in the article's order
    body: str  # sanitized HTML
    note: str | None  # curator's note, HTML
    lang: str
    summary: str | None = None
    dek: str | None = None  # the summary, unless the body opens with it (shown once, not twice)
    byline: str | None = None
    section: str | None = None
    url: str | None = None  # the original
    captured: dt.datetime | None = None  # as given
    local_captured: dt.datetime | None = None
    capture: str | None = None  # path below content/, e.g. "captures/ab12.txt"
    capture_path: str | None = None  # where the capture is published, "captures/ab12.txt"
    sha256: str | None = None
    story: str | None = None  # slug of its story (pinned or found), when it has one
    image: ImageEntry | None = None
    updated: dt.datetime | None = None  # as given
    local_updated: dt.datetime | None = None
    extra: dict = field(default_factory=dict)


Entry = ArticleEntry | SourceEntry | TagEntry | StoryEntry | str
# A source's description (HTML) is an entry of its own, Ref("source-description", key): only its
# page shows it, so editing it does not touch the thousands of pages that show the source's badge.


def format_date(value: dt.datetime | dt.date | None, with_time: bool = True) -> str:
    """``14 June 2023, 05:23`` (no zero padding on the day, as newsrooms write it)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime) and with_time:
        return f"{value.day} {value:%B %Y, %H:%M}"
    return f"{value.day} {value:%B %Y}"


def iso(value: dt.datetime | dt.date | None, date_only: bool = False) -> str:
    if value is None:
        return ""
    if date_only and isinstance(value, dt.datetime):
        return value.date().isoformat()
    return value.isoformat()


def html_of(html: dict[str, str], text: str | None) -> str | None:
    """The rendered HTML of a Markdown text (``render_markup`` made it), or None for no text."""
    if not text or not text.strip():
        return None
    return html[cache_key(text)]


class EntryMemo:
    """The last resolution's entries, each with what it was made from: an entry made from the
    very same inputs again is the same object (the preview resolves every article on each edit,
    and an unchanged one then costs a tuple comparison, mostly of identical objects)."""

    def __init__(self, evidence: dict[str, StoryEvidence] | None = None) -> None:
        self._made: dict[Ref, tuple[tuple, Entry]] = {}
        self._next: dict[Ref, tuple[tuple, Entry]] = {}
        # Story evidence by evidence_key() of its inputs: what is known (the last build's, from
        # evidence_store.py, and what was found since), and what this resolution's stories used
        self.evidence: dict[str, StoryEvidence] = evidence or {}
        self.evidence_used: dict[str, StoryEvidence] = {}

    def entry(self, ref: Ref, inputs: tuple, make) -> Entry:
        known = self._made.get(ref)
        entry = known[1] if known is not None and known[0] == inputs else make()
        self._next[ref] = (inputs, entry)
        return entry

    def unfound(self, texts: Iterable[tuple[tuple, ...]]) -> dict[str, tuple[tuple, ...]]:
        """Of stories' ``story_texts``, those whose evidence is not known yet, by evidence key
        (for a caller that finds it in worker processes, before the stories are resolved)."""
        return {key: t for t in texts if (key := evidence_key(t)) not in self.evidence}

    def done(self) -> None:
        self._made, self._next = self._next, {}


def resolve_entries(site: Site, config: SiteConfig, html: dict[str, str], memo: EntryMemo | None = None,
                    stories: bool = True) -> dict[Ref, Entry]:
    """Every entry of the site, by ref. ``html`` maps Markdown cache keys to HTML. Without
    ``stories``, those of the articles and what they show only (what the search index needs:
    a build starts it on them before the stories' evidence is found)."""
    memo = memo or EntryMemo()
    tz = config.tz
    entries: dict[Ref, Entry] = {}
    sources: dict[str, SourceEntry] = {}
    for key, source in site.sources.items():
        ref = Ref("source", key)
        sources[key] = entries[ref] = memo.entry(ref, (source,), lambda s=source: _source(s))  # type: ignore[assignment]
        entries[Ref("source-description", key)] = html_of(html, source.description) or ""
    tags: dict[str, TagEntry] = {}
    for key, tag in site.tags.items():
        ref, inputs = Ref("tag", key), (tag.key, tag.name, tag.slug, tag.description)
        tags[key] = entries[ref] = memo.entry(ref, inputs, lambda t=tag: TagEntry(  # type: ignore[assignment]
            t.key, t.name, t.slug, u.tag_path(t), t.description))
    members = story_texts(site) if stories else {}
    for slug, story in site.stories.items() if stories else ():
        ref, description = Ref("story", slug), html_of(html, story.description)
        texts = members.get(slug, ())
        inputs = (slug, story.title, description, story.automatic, story.confidence, story.evidence, texts)
        entries[ref] = memo.entry(ref, inputs, lambda s=story, d=description, t=texts: _story(s, d, t, memo))
    for article in site.articles:
        ref = Ref("article", article.id)
        inputs = (article, sources[article.source], tuple(tags[t.key] for t in site.article_tags.get(article.id, ())),
                  html_of(html, article.body) or "", html_of(html, article.note), site.story_of.get(article.id), tz)
        entries[ref] = memo.entry(ref, inputs, lambda inputs=inputs: _article(*inputs))
    memo.done()
    return entries


def story_texts(site: Site) -> dict[str, tuple[tuple, ...]]:
    """Each story's articles as its evidence is found from them (and keyed: ``evidence_key``),
    by slug: the articles' texts are the story's inputs (an edit re-renders its page), as they
    are: made plain only when the evidence is found again, not on every preview rebuild."""
    members: dict[str, list[tuple]] = {}
    for article in site.articles:
        if (slug := site.story_of.get(article.id)) is not None:
            members.setdefault(slug, []).append(
                (article.id, site.sources[article.source].name, article.date, article.body, article.lang))
    return {slug: tuple(texts) for slug, texts in members.items()}


def evidence_of(texts: tuple[tuple, ...]) -> StoryEvidence:
    """A story's evidence from its ``story_texts``."""
    return story_evidence([EvidenceInput(ident, source, date, plain_text(body), lang)
                           for ident, source, date, body, lang in texts])


def _story(story: Story, description: str | None, texts: tuple[tuple, ...], memo: EntryMemo) -> StoryEntry:
    key = evidence_key(texts)
    ev = memo.evidence.get(key)
    if ev is None:
        ev = memo.evidence[key] = evidence_of(texts)
    memo.evidence_used[key] = ev
    return StoryEntry(story.slug, u.story_path(story), story.title, description, story.automatic, story.confidence,
                      story.evidence, ev.quotes + ev.only_one, ev.shared)


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"<[^>]+>|[*_`#>]+")
_BLANK_LINES = re.compile(r"\n{2,}")


def plain_text(markdown: str) -> str:
    """Markdown reduced to its words, paragraphs kept (quotes and sentences are found per paragraph)."""
    text = _MARKUP.sub("", _LINK.sub(r"\1", markdown))
    return _BLANK_LINES.sub("\n", text).strip()


def _article(article: Article, source: SourceEntry, tags: tuple[TagEntry, ...], body: str, note: str | None,
             story: str | None, tz: dt.tzinfo) -> ArticleEntry:
    local = article.date.astimezone(tz)
    return ArticleEntry(
        id=article.id,
        path=u.article_path(article),
        source_file=article.path,
        title=article.title,
        date=article.date,
        local_date=local,
        date_only=article.date_only,
        date_text=format_date(local, with_time=not article.date_only),
        date_iso=iso(local, article.date_only),
        source=source,
        tags=tags,
        body=body,
        note=note,
        lang=article.lang,
        summary=article.summary,
        dek=None if _opens_with(article.body, article.summary) else article.summary,
        byline=article.byline,
        section=article.section,
        url=article.url,
        captured=article.captured,
        local_captured=article.captured.astimezone(tz) if article.captured else None,
        capture=article.capture,
        capture_path=u.capture_path(article.capture) if article.capture else None,
        sha256=article.sha256,
        story=story,
        image=_image(article.image),
        updated=article.updated,
        local_updated=article.updated.astimezone(tz) if article.updated else None,
        extra=article.extra,
    )


def _opens_with(markdown: str, summary: str | None) -> bool:
    """Whether the body's first paragraph begins with the summary (as an importer's lead often does)."""
    if not summary:
        return False
    # Paragraph by paragraph: the first with words is enough, and reducing a whole long body
    # to text for it was a fifth of a warm build's planning.
    for paragraph in markdown.split("\n\n"):
        if text := plain_text(paragraph):
            lead = " ".join(text.split("\n", 1)[0].split())
            return lead.startswith(" ".join(summary.split()))
    return False


def _source(source: Source) -> SourceEntry:
    return SourceEntry(
        key=source.key, path=u.source_path(source), name=source.name, type=source.type, label=source.label,
        country=source.country,
        country_name=source.country_name, owner=source.owner, funding=source.funding, homepage=source.homepage,
        domains=source.domains, aliases=source.aliases, as_of=source.as_of, references=source.references,
        extra=source.extra,
    )


def _image(image: Image | None) -> ImageEntry | None:
    if image is None:
        return None
    src = image.src
    if src and ":" not in src:  # a file below content/media/, published under media/
        src = u.MEDIA + src.removeprefix("media/").lstrip("/")
    return ImageEntry(src, image.alt, image.caption, image.credit)
