"""The command: python -m bench.import_corpus --n 200 --out DIR [--seed S] [--corpus PATH]."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __doc__ as package_doc
from .articles import BBC
from .build import build
from .layouts import LAYOUTS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_corpus", description=package_doc.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200, help="number of articles (each gives a .txt and an .html)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    parser.add_argument("--seed", default="1", help="random seed (default 1)")
    parser.add_argument("--corpus", type=Path, default=BBC, help=f"BBC corpus folder (default {BBC})")
    args = parser.parse_args(argv)
    count = build(args.n, args.out, args.seed, args.corpus)
    print(f"wrote {count} articles ({count * 2} captures) in {len(LAYOUTS)} layouts to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
