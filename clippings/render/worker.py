"""Render a batch of pages to files. Runs in worker processes, or inline for small sites."""

from __future__ import annotations

import signal
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..config import SiteConfig
from ..errors import BuildError
from ..labels import SourceVocabulary
from ..model import Site
from ..write import write_file
from .deps import Key, Recorder
from .pages import Page, page_context
from .templates import TrackingEnvironment, describe_template_error, make_environment
from .theme import Asset, Theme
from .urls import output_file


@dataclass
class PageRenderer:
    """Everything needed to turn a Page into HTML; built once per process."""

    site: Site
    config: SiteConfig
    env: jinja2.Environment
    out: Path

    @classmethod
    def create(cls, site: Site, config: SiteConfig, theme: Theme, assets: dict[str, Asset],
               vocabulary: SourceVocabulary, out: Path) -> PageRenderer:
        return cls(site, config, make_environment(theme, config, site, assets, vocabulary), out)

    def render(self, page: Page) -> str:
        try:
            template = self.env.get_template(page.template)
            return template.render(page_context(page, self.site, self.config))
        except BuildError:
            raise
        except Exception as exc:  # a theme bug: say which template line and which page
            what = self.site.by_id[page.key].path if page.kind == "article" else f"/{page.path}"
            raise BuildError(describe_template_error(exc, self.config.root, what)) from None

    def write(self, pages: list[Page]) -> int:
        for page in pages:
            write_file(self.out, output_file(page.path), self.render(page))
        return len(pages)

    def write_recorded(self, pages: list[Page]) -> list[tuple[str, frozenset[Key]]]:
        """Write pages as ``write`` does, noting what each one read (for the preview)."""
        env = self.env
        assert isinstance(env, TrackingEnvironment)
        reads = []
        for page in pages:
            env.recorder = recorder = Recorder()
            try:
                html = self.render(page)
            finally:
                env.recorder = None
            write_file(self.out, output_file(page.path), html)
            reads.append((page.path, frozenset(recorder.keys)))
        return reads


# Worker processes are forked after the site is built, so they inherit it for free; this holds
# the one renderer of each worker process (set by the pool initializer, never in the parent).
_worker: PageRenderer | None = None


def init_worker(*args) -> None:
    global _worker
    ignore_interrupts()
    _worker = PageRenderer.create(*args)


def ignore_interrupts() -> None:
    """For worker processes: Ctrl-C reaches the whole process group, but only the parent should
    act on it (it stops the pool); a worker printing its own traceback would only add noise."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def write_in_worker(pages: list[Page]) -> int:
    assert _worker is not None
    return _worker.write(pages)


def write_recorded_in_worker(pages: list[Page]) -> list[tuple[str, frozenset[Key]]]:
    assert _worker is not None
    return _worker.write_recorded(pages)
