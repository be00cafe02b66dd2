"""One input in, one outcome out: the import of a single capture, start to finish."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..config import SiteConfig
from ..labels import load_vocabulary
from ..slugs import fold, slugify
from . import store
from .boilerplate import BoilerplateStore
from .dates import FoundDate
from .decode import DecodeError, decode
from .existing import ArchiveIndex, load_index, sha256_hex
from .extracted import Extracted
from .html import extract_html
from .inputs import RawInput, sniff
from .markdown_in import extract_markdown
from .sources import SourceGuess, detect_source
from .tags import suggest_tags
from .textdump import extract_text

CACHE_DIR = ".cache"


@dataclass
class ImportOptions:
    source: str | None = None
    tags: list[str] = field(default_factory=list)
    story: str | None = None
    date: FoundDate | None = None  # fallback publication date
    dry_run: bool = False
    force: bool = False


@dataclass
class Draft:
    """An input decoded and extracted, before anything the site holds is consulted."""
    kind: str = "text"
    text: str = ""  # a text dump's, for its second pass; empty for other kinds
    captured: dt.datetime | None = None
    known: bool = False  # whether ``captured`` is the capture's own time (else the import's)
    found: Extracted | None = None
    error: str | None = None


@dataclass
class Outcome:
    input: str
    status: str  # written, skipped, failed, dry-run
    path: str | None = None
    front_matter: dict = field(default_factory=dict)
    body: str = ""
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    duplicate_of: str | None = None


def stand_in_title(blocks: list[str]) -> str:
    """No headline anywhere: the first words of the story stand in for it, marked for review."""
    words = re.sub(r"^[#>\-\s]+|\\", "", blocks[0]).split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


class Importer:
    def __init__(self, config: SiteConfig, options: ImportOptions, now: dt.datetime | None = None):
        self.config = config
        self.options = options
        self.now = now or dt.datetime.now(dt.UTC).replace(microsecond=0)
        self.vocabulary = load_vocabulary()
        self.index: ArchiveIndex = load_index(config, self.vocabulary)
        self.boilerplate = BoilerplateStore(config.root / CACHE_DIR, dict(self.index.capture_lines))
        self.adjectives = {c["adjective"].lower(): c["name"] for c in self.vocabulary.countries.values()}

    # -- steps -----------------------------------------------------------------------------

    def _captured(self, raw: RawInput) -> tuple[dt.datetime, bool]:
        """When the page was captured, and whether that is known (a fetch, the saved file's time) or
        only the import's own time (stdin), which must not resolve "2 hours ago"."""
        if raw.fetched:
            return raw.fetched, True
        if raw.name != "-":
            try:
                return dt.datetime.fromtimestamp(os.stat(raw.name).st_mtime, dt.UTC).replace(microsecond=0), True
            except OSError:
                pass
        return self.now, False

    def draft(self, raw: RawInput) -> Draft:
        """Decode and extract the input: the costly part, which reads nothing of the site, so a
        folder's inputs can be drafted in other processes while this one settles them in order."""
        try:
            text, _encoding = decode(raw.data or b"")
        except DecodeError as exc:
            return Draft(error=str(exc))
        kind = raw.kind or sniff(text)
        captured, known = self._captured(raw)
        naive_captured = captured.replace(tzinfo=None) if known else None
        if kind == "html":
            found = extract_html(text, url=raw.url, captured=naive_captured)
        elif kind == "markdown":
            found = extract_markdown(text)
        else:
            found = extract_text(text, captured=naive_captured, default_lang=self.config.language)
        return Draft(kind=kind, text=text if kind == "text" else "", captured=captured, known=known, found=found)

    def _settle(self, draft: Draft, raw: RawInput) -> tuple[Extracted, SourceGuess]:
        """The outlet, and a text dump's second pass with its furniture: these read what the
        import has written so far, so they run here, input after input."""
        found = draft.found
        url = found.url or raw.url
        guess = self._source(found, url)
        if draft.kind == "text" and guess.known:
            learned = self.boilerplate.lines(guess.key)
            if learned:  # a second pass that knows this outlet's furniture
                found = extract_text(draft.text, captured=draft.captured.replace(tzinfo=None) if draft.known else None,
                                     boilerplate=learned, default_lang=self.config.language)
        # Only a web address may become the article's link: a hostile page can claim anything.
        found.url = url if url and url.lower().startswith(("http://", "https://")) else None
        return found, guess

    def _source(self, found: Extracted, url: str | None) -> SourceGuess:
        wanted = self.options.source or found.extra.pop("_source", None)
        sources = self.index.sources
        if wanted:
            key = slugify(wanted)
            if key in sources:
                return SourceGuess(key, True, sources[key].name, None, "given")
            return SourceGuess(key, False, wanted, None, "given")
        return detect_source(url, found.evidence, found.body, found.site_name, sources)

    def _tags(self, found: Extracted) -> list[str]:
        existing = self.index.tags
        suggested = suggest_tags(found.title or "", found.summary, found.body, found.lang or "en",
                                 existing=existing, adjectives=self.adjectives)
        tags: list[str] = []
        seen: set[str] = set()
        for tag in [*found.tags, *suggested, *self.options.tags]:
            name = existing.get(fold(tag), tag.strip())
            if name and fold(name) not in seen:
                seen.add(fold(name))
                tags.append(name)
        return tags

    def _target(self, date: FoundDate, title: str, duplicate_of: str | None) -> Path:
        local = date.value if date.value.tzinfo is None else date.value.astimezone(self.config.tz)
        folder = self.config.content_dir / "articles" / f"{local:%Y}" / f"{local:%m}"
        slug = slugify(title) or "article"
        path = folder / f"{slug}.md"
        if self.options.force and duplicate_of and Path(self.config.root / duplicate_of) == path:
            return path  # --force re-imports over the article it duplicates
        n = 2
        while path.exists():
            path = folder / f"{slug}-{n}.md"
            n += 1
        return path

    # -- the whole import --------------------------------------------------------------------

    def wants_draft(self, raw: RawInput) -> bool:
        """Whether ``run`` will need the input's draft (not for unreadable input or a known capture)."""
        return not raw.error and raw.data is not None and (
            self.options.force or sha256_hex(raw.data) not in self.index.by_sha)

    def run(self, raw: RawInput, drafted: Callable[[], Draft] | None = None) -> Outcome:
        """The whole import of one input; ``drafted`` gives its draft when one was made elsewhere."""
        outcome = Outcome(input=raw.name, status="failed")
        if raw.error or raw.data is None:
            outcome.error = raw.error or "cannot read input"
            return outcome
        sha = sha256_hex(raw.data)
        if sha in self.index.by_sha and not self.options.force:
            outcome.status, outcome.duplicate_of = "skipped", self.index.by_sha[sha]
            outcome.path = outcome.duplicate_of
            return outcome
        draft = drafted() if drafted is not None else self.draft(raw)
        if draft.error is not None or draft.found is None:
            outcome.error = draft.error or "cannot read input"
            return outcome
        kind, captured = draft.kind, draft.captured
        found, guess = self._settle(draft, raw)
        if not found.blocks:
            outcome.error = "no article text found (no run of paragraphs on the page)"
            return outcome
        if not found.title or not found.title.strip():
            found.title = stand_in_title(found.blocks)
            if "headline" not in found.review:
                found.review.append("headline")
        date = found.date or self.options.date
        if found.date is not None and found.date.relative:
            found.review.append("date")
            outcome.warnings.append(f"read the date from {found.date.text!r} relative to the capture time "
                                    f"{store.format_stamp(captured)}: check it, then remove 'review' "
                                    "from the front matter")
        if date is None:
            outcome.error = "no publication date found; pass --date YYYY-MM-DD"
            return outcome
        duplicate = self.index.by_url.get((found.url or "").rstrip("/")) if found.url else None
        duplicate = duplicate or self.index.near_duplicate(found.body)
        if duplicate and not self.options.force:
            outcome.status, outcome.duplicate_of, outcome.path = "skipped", duplicate, duplicate
            return outcome

        capture = store.capture_name(sha, kind)
        front = self._front_matter(found, guess, date, captured, capture, sha, kind)
        outcome.front_matter, outcome.body = front, found.body
        target = self._target(date, found.title, duplicate)
        outcome.path = str(target.relative_to(self.config.root))
        guessed = [item for item in found.review if item != "date"]
        if guessed:
            outcome.warnings.append(f"guessed the {', '.join(guessed)} ({found.title!r}): "
                                    "check it, then remove 'review' from the front matter")
        if not guess.known:
            made = "would create" if self.options.dry_run else "created"
            outcome.warnings.append(
                f"unknown outlet '{guess.name}': {made} content/sources/{guess.key}.md as a stub; "
                "please fill in its type, country, owner and references")
        if self.options.dry_run:
            outcome.status = "dry-run"
            return outcome

        content = self.config.content_dir
        capture_path = content / capture
        if not capture_path.exists():
            store.atomic_write(capture_path, raw.data)
        if not guess.known:
            stub = content / "sources" / f"{guess.key}.md"
            if not stub.exists():
                store.atomic_write(stub, store.render_stub_source(guess.name, guess.domain, self.now.date()).encode())
            self._learn_stub(guess)
        store.atomic_write(target, store.render_article(front, found.body).encode("utf-8"),
                           overwrite=self.options.force and target.exists())
        outcome.status = "written"
        self.index.add(outcome.path, front, found.body)
        self.boilerplate.remember(guess.key, capture_path)
        return outcome

    def _learn_stub(self, guess: SourceGuess) -> None:
        from ..model import Source

        self.index.sources[guess.key] = Source(
            key=guess.key, path=f"content/sources/{guess.key}.md", name=guess.name, type="other",
            label="Outlet", description="", domains=(guess.domain,) if guess.domain else ())

    def _front_matter(self, found: Extracted, guess: SourceGuess, date: FoundDate, captured: dt.datetime,
                      capture: str, sha: str, kind: str) -> dict:
        front: dict = {"title": found.title, "date": store.format_date(date), "source": guess.key}
        if found.byline:
            front["byline"] = found.byline
        if found.section:
            front["section"] = found.section
        if found.summary:
            front["summary"] = found.summary
        if found.url:
            front["url"] = found.url
        front["lang"] = found.lang or self.config.language
        tags = self._tags(found)
        if tags:
            front["tags"] = tags
        story = self.options.story or found.extra.pop("_story", None)
        if story:
            front["story"] = slugify(story)
        if found.image:
            front["image"] = dict(found.image)
        note = found.extra.pop("_note", None)
        if note:
            front["note"] = note
        if found.review:
            front["review"] = list(found.review)
        front["captured"] = store.format_stamp(captured)
        front["capture"] = capture
        front["sha256"] = sha
        for key, value in found.extra.items():
            if not key.startswith("_"):
                front.setdefault(key, value)
        return front
