"""Command line: ``python build.py [COMMAND] ...``; no command means ``build``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .commands import build, check, import_, search, serve, stories

COMMANDS = {
    "build": (build, "render content/ into the output folder (default command)"),
    "check": (check, "validate all content without writing; exit 1 listing every problem"),
    "import": (import_, "turn raw captures (page text, saved HTML, URLs, Markdown) into articles"),
    "search": (search, "search the articles (the Whoosh index the build keeps in .cache/search/)"),
    "serve": (serve, "preview: build, serve on 127.0.0.1, rebuild on every edit and reload the browser"),
    "stories": (stories, "list the stories, automatic and pinned: articles, confidence, why, and near misses"),
}


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clippings",
        description="Clippings: a static site generator for curated news archives.",
        epilog="Run 'COMMAND --help' for a command's options. Without a command, 'build' runs.",
    )
    parser.add_argument("--version", action="version", version=f"clippings {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module, summary) in COMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0] not in COMMANDS and args_list[0] not in ("-h", "--help", "--version")):
        args_list.insert(0, "build")
    args = make_parser().parse_args(args_list)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
