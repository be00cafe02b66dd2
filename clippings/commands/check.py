"""``clippings check``: validate all content and templates without writing anything."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..console import report_failure, warn
from ..errors import BuildError, ContentError
from ..pipeline import load_site
from ..render.templates import describe_template_error


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="folder with site.toml and content/ (default: current folder)")
    parser.add_argument("--drafts", action="store_true", help="also check articles marked draft: true")


def run(args: argparse.Namespace) -> int:
    try:
        loaded = load_site(args.site, drafts=args.drafts)
        _compile_templates(loaded)
    except (ContentError, BuildError) as exc:
        return report_failure(exc)
    for message in loaded.warnings:
        warn(message)
    site = loaded.site
    print(f"OK: {len(site.articles)} articles, {len(site.sources)} sources, {len(site.tags)} tags, "
          f"{len(site.stories)} stories")
    return 0


def _compile_templates(loaded) -> None:
    """Syntax errors in the theme are content problems too: catch them before a build."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(d) for d in loaded.theme.template_dirs]))
    for name in env.list_templates(extensions=["html", "xml", "txt"]):
        try:
            env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise BuildError(describe_template_error(exc, loaded.config.root, name)) from None
