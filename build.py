#!/usr/bin/env python3
"""Build the archive: ``python build.py`` (same as ``python build.py build``); ``--help`` for more."""

from clippings.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
