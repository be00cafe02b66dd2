"""The output plan: every file a build makes, and what each is made of.

``make_plan`` lists them all (cheap: no rendering). ``build`` renders every output;
``serve`` and warm builds render only those whose digest changed (``stale.py``). Nothing
writes outputs outside the plan, so a new page kind, feed or export costs one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import SiteConfig
from ..errors import BuildError
from ..labels import SourceVocabulary
from ..model import Content, Site
from ..theme import Asset
from ..urls import Urls
from .entries import Entry, EntryMemo, Ref, resolve_entries
from .files import (
    SEARCH_FOLDER,
    asset_outputs,
    copy_outputs,
    feed_outputs,
    hosting_outputs,
    search_output,
    sitemap_output,
)
from .outputs import Output, PageInfo, refs_of, resolve
from .pages import page_outputs
from .share import card_outputs
from .stories import story_coverages, story_file_outputs


@dataclass(frozen=True)
class Plan:
    outputs: list[Output]  # every output once; pages first (the slow ones), the search export last
    entries: dict[Ref, Entry]

    @property
    def pages(self) -> list[Output]:
        return [o for o in self.outputs if o.render == "page"]


def make_plan(site: Site, content: Content, config: SiteConfig, vocabulary: SourceVocabulary,
              assets: dict[str, Asset], html: dict[str, str], memo: EntryMemo | None = None) -> Plan:
    """Every output of the site. ``html`` holds the rendered Markdown (``render_markup``)."""
    links = Urls(config.base_url, config.base_path)
    coverages = story_coverages(site, vocabulary)  # shown on story pages, the stories index and story.json
    pages = list(page_outputs(site, config, vocabulary, coverages))
    # Cards right after the pages: they render in the same worker processes, in the same chunks.
    outputs = [*pages, *card_outputs(site, config), *feed_outputs(site, config),
               *story_file_outputs(site, config, coverages), sitemap_output(pages, site), *asset_outputs(assets),
               *hosting_outputs(config, links), *copy_outputs(content, config)]
    outputs.append(search_output(site))
    _check_unique(outputs)
    return Plan(outputs, resolve_entries(site, config, html, memo))


def _check_unique(outputs: list[Output]) -> None:
    """Two outputs at one path would overwrite each other: a bug in the plan, never content's."""
    paths = [o.path for o in outputs]
    if len(set(paths)) != len(paths):
        seen: set[str] = set()
        twice = sorted({p for p in paths if p in seen or seen.add(p)})  # type: ignore[func-returns-value]
        raise BuildError(f"two outputs would be written to {', '.join(twice[:5])}")


__all__ = ["SEARCH_FOLDER", "Entry", "Output", "PageInfo", "Plan", "Ref", "make_plan", "refs_of", "resolve"]
