"""Filters for the theme's "Cite this" block: BibTeX values from hostile text.

Pure formatting, as ``format_date`` is: the template decides what a citation says, these only
make a value safe inside a BibTeX field (its braces stay balanced, TeX's specials are text).
"""

from __future__ import annotations

import re

_SPECIALS = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
             "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}
_SPECIAL = re.compile(r"[\\{}&%$#_~^]")


def bibtex(value: object) -> str:
    """A value for ``field = {…}``: TeX specials escaped, whitespace (newlines too) collapsed."""
    return _SPECIAL.sub(lambda m: _SPECIALS[m.group(0)], " ".join(str(value or "").split()))


def bibtex_url(value: object) -> str:
    """A URL for ``url = {…}`` (read verbatim by biblatex): only what could unbalance braces is encoded."""
    text = "".join(str(value or "").split())
    return text.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def bibtex_key(*parts: object) -> str:
    """A citation key from plain parts: ASCII letters, digits and hyphens only."""
    joined = "-".join(str(p) for p in parts if p)
    return re.sub(r"[^A-Za-z0-9]+", "-", joined).strip("-")[:60] or "clipping"
