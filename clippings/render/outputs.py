"""Turn outputs of the plan into files: each output names its renderer, which gets the output's
spec with every ref resolved. Runs in worker processes, or inline for small sites."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..config import SiteConfig
from ..errors import BuildError
from ..labels import SourceVocabulary
from ..plan import Entry, Output, Ref, resolve
from ..theme import Asset, Theme
from ..urls import Urls
from ..write import safe_join, write_file
from . import feeds
from .card import render_card
from .templates import describe_template_error, make_environment


@dataclass
class Renderer:
    """Everything needed to turn an Output into bytes; made once per process."""

    config: SiteConfig
    env: jinja2.Environment
    entries: dict[Ref, Entry]
    links: Urls

    @classmethod
    def create(cls, config: SiteConfig, theme: Theme, vocabulary: SourceVocabulary, assets: dict[str, Asset],
               entries: dict[Ref, Entry]) -> Renderer:
        return cls(config, make_environment(theme, config, vocabulary, assets), entries,
                   Urls(config.base_url, config.base_path))

    def load_templates(self, outputs: list[Output]) -> None:
        """Compile the templates ``outputs`` use, so that workers forked after this inherit them
        compiled (each compiled them anew: a quarter of a second per worker)."""
        for name in sorted({o.template for o in outputs if o.template}):
            with contextlib.suppress(Exception):  # a broken template: rendering reports it, naming the page
                self.env.get_template(name)

    def render(self, output: Output) -> bytes:
        spec = resolve(output.spec, self.entries)
        if output.render == "page":
            return self._page(output, spec).encode("utf-8")
        if output.render == "atom":
            return feeds.atom_feed(output.path, spec, self.config, self.links)
        if output.render == "json-feed":
            return feeds.json_feed(output.path, spec, self.config, self.links)
        if output.render == "story-json":
            return feeds.story_json(spec, self.links)
        if output.render == "sitemap":
            return feeds.sitemap(spec, self.links)
        if output.render == "card":
            return render_card(spec)
        if output.render == "bytes":
            return spec["data"]
        raise ValueError(f"no renderer '{output.render}' for {output.path}")

    def _page(self, output: Output, context: dict) -> str:
        try:
            return self.env.get_template(output.template).render(context)
        except BuildError:
            raise
        except Exception as exc:  # a theme bug: say which template line and which page
            article = context.get("article")
            what = article.source_file if output.kind == "article" and article else f"/{context['page'].path}"
            raise BuildError(describe_template_error(exc, self.config.root, what)) from None

    def write(self, outputs: list[Output], out: Path | None) -> list[tuple[str, int]]:
        """Render outputs into ``out`` (None: render only, as ``check`` does); returns each
        file's path and size."""
        written = []
        for output in outputs:
            if output.render == "copy":
                size = copy_file(out, output.path, Path(output.spec["source"])) if out else 0
            else:
                data = self.render(output)
                if out is not None:
                    write_file(out, output.path, data)
                size = len(data)
            written.append((output.path, size))
        return written


def copy_file(root: Path, relative: str, source: Path) -> int:
    target = safe_join(root, relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        raise BuildError(f"cannot publish {source}: {exc.strerror}") from None
    return os.path.getsize(target)


# Worker processes are forked after the plan is made, so they inherit it for free; this holds
# the one renderer of each worker process, its output folder and the outputs to render (set by
# the pool initializer, never in the parent). A task is a range of those outputs: nothing else
# is pickled to a worker.
_worker: tuple[Renderer, Path | None, list[Output]] | None = None


def init_worker(out: Path | None, outputs: list[Output], *args) -> None:
    """A worker's renderer, made from the site's parts (pickled to a worker not forked)."""
    adopt_renderer(out, outputs, Renderer.create(*args))


def adopt_renderer(out: Path | None, outputs: list[Output], renderer: Renderer) -> None:
    """A forked worker's renderer: the parent's, with its templates compiled already."""
    global _worker
    ignore_interrupts()
    _worker = (renderer, out, outputs)


def ignore_interrupts() -> None:
    """For worker processes: Ctrl-C reaches the whole process group, but only the parent should
    act on it (it stops the pool); a worker printing its own traceback would only add noise."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def write_in_worker(task: range) -> tuple[range, list[int]]:
    """Render outputs ``task.start`` to ``task.stop``; returns the range and each file's size."""
    assert _worker is not None
    renderer, out, outputs = _worker
    return task, [size for _, size in renderer.write(outputs[task.start:task.stop], out)]
