"""The Jinja2 environment: autoescaped templates, the site settings and a few pure helpers.

Templates get resolved data (``plan/entries.py``): an article carries its source, tags, HTML
and local dates. The globals are the same for every page: ``config`` (site.toml),
``source_types`` (the label vocabulary), ``url(path)`` and ``abs_url(path)`` (links under the
base path, so one build works at a domain root and under /repo/), and ``asset(name)`` (a
theme file's published, fingerprinted name). ``build``, ``serve`` and ``check`` all use this
one environment.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from types import BuiltinFunctionType, FunctionType, MethodType
from typing import Any

import jinja2
from jinja2.utils import internalcode

from ..config import SiteConfig
from ..errors import BuildError
from ..labels import SourceVocabulary
from ..plan.entries import format_date, iso
from ..theme import Asset, Theme
from ..urls import Urls
from .cite import bibtex, bibtex_key, bibtex_url


class _Context(jinja2.runtime.Context):
    """Jinja's context, with a quicker ``call``: before every call from a template (``url()``,
    ``.isoformat()``: fifty on each article page) Jinja probes the callable three times for a
    wish to be passed the context. A built-in method cannot have one, and a Python function
    only by an attribute of its own: those are called straight away, as Jinja would call them."""

    @internalcode
    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        kind = type(__obj)
        function = __obj.__func__ if kind is MethodType else __obj
        plain = kind in _BUILT_IN or (type(function) is FunctionType and "jinja_pass_arg" not in function.__dict__)
        if not plain:
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a"
                                                " StopIteration exception")


_BUILT_IN = (BuiltinFunctionType, type("".join.__call__))  # built-in functions and methods, method-wrappers


class _Environment(jinja2.Environment):
    context_class = _Context


def make_environment(theme: Theme, config: SiteConfig, vocabulary: SourceVocabulary,
                     assets: dict[str, Asset]) -> jinja2.Environment:
    env = _Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in theme.template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,  # a typo in a template fails the build, not the reader
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a theme edit makes a new environment; no stat() per page
    )
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}  # |tojson, compact
    links = Urls(config.base_url, config.base_path)
    published = {name: a.output for name, a in assets.items()}

    def asset(name: str) -> str:
        if name not in published:
            raise BuildError(f"asset('{name}'): no such file in the theme's static/ folders")
        return links.url(published[name])

    env.globals.update(config=config, source_types=vocabulary.types, url=links.url, abs_url=links.abs_url,
                       asset=asset)
    env.filters.update(format_date=format_date, iso=iso, bibtex=bibtex, bibtex_url=bibtex_url,
                       bibtex_key=bibtex_key)
    return env


def describe_template_error(exc: BaseException, root: Path, what: str) -> str:
    """``themes/default/templates/article.html:12: 'x' is undefined (while rendering ...)``."""
    where = None
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        where = f"{_shown(exc.filename, root)}:{exc.lineno}"
    else:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".xml", ".txt", ".json")):
                where = f"{_shown(frame.filename, root)}:{frame.lineno}"
                break
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return f"{where or 'template'}: {message} (while rendering {what})"


def _shown(filename: str, root: Path) -> str:
    path = Path(filename)
    for base in (root, Path.cwd()):
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            continue
    return filename
