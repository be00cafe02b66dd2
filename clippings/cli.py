"""Command line: ``python build.py [COMMAND] ...``; no command means ``build``.

Each command is a module of ``clippings.commands`` with ``add_arguments`` and ``run``; only the
one asked for is imported, so ``check`` does not wait for the importer's libraries to load.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from . import __version__

COMMANDS = {
    "build": ("build", "render content/ into the output folder (default command)"),
    "check": ("check", "validate all content without writing; exit 1 listing every problem"),
    "import": ("import_", "turn raw captures (page text, saved HTML, URLs, Markdown) into articles"),
    "search": ("search", "search the articles (the Whoosh index the build keeps in .cache/search/)"),
    "new": ("new", "start an archive of your own in a new folder: site.toml, content/, the GitHub Pages workflow"),
    "serve": ("serve", "preview: build, serve on 127.0.0.1, rebuild on every edit and reload the browser"),
    "stories": ("stories", "list the stories, automatic and pinned: articles, confidence, why, and near misses"),
}


def make_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, that command's own options are added (its module imported)."""
    parser = argparse.ArgumentParser(
        prog="clippings",
        description="Clippings: a static site generator for curated news archives.",
        epilog="Run 'COMMAND --help' for a command's options. Without a command, 'build' runs.",
    )
    parser.add_argument("--version", action="version", version=f"clippings {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, summary) in COMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary)
        if name == command:
            module = importlib.import_module(f".commands.{module_name}", __package__)
            module.add_arguments(sub)
            sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "build")
    args = make_parser(args_list[0] if args_list[0] in COMMANDS else None).parse_args(args_list)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
