"""The import benchmarks compare the text a body renders to, not its Markdown or inline HTML."""

from __future__ import annotations

from bench.import_eval import strip_markdown


def test_inline_formatting_tags_are_not_words_but_escaped_ones_are_text():
    body = "## Heading\n\nAccording to the foundation:<sup>[41]</sup> H<sub>ij</sub> is **real**.\n\n\\<sup> as shown"
    assert strip_markdown(body) == "Heading\n\nAccording to the foundation:[41] Hij is real.\n\n<sup> as shown"
