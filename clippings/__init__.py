"""Clippings: a static site generator for curated news archives."""

__version__ = "0.1.0"
