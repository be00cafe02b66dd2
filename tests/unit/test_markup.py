"""The plain-text shortcut of clippings/markup.py gives what Python-Markdown gives, or declines."""

from __future__ import annotations

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clippings.markup import EXTENSIONS, Renderer, plain_paragraphs

MD = markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def python_markdown(text: str) -> str:
    return MD.reset().convert(text)


# Letters, digits, the punctuation of news prose, and every character Markdown gives meaning to,
# with spaces, tabs and newlines in all places: most texts drawn contain syntax (the shortcut
# must decline them), the rest must convert exactly as Python-Markdown converts them.
ALPHABET = st.sampled_from([*"ab Z9 0.,;:!?'\"()-+=/%$@^\n\n\t\r", *"\\`*_[]<>&#|~{}",
                            "é", "ß", "\u00a0", "\u2028", "\x85", "\u3000", "\x02"])
TEXTS = st.text(ALPHABET, max_size=80)
PROSE = st.lists(st.text(st.sampled_from(list("abc Z9.,'\"()-:!?/%")), min_size=1, max_size=40), max_size=6)


@settings(max_examples=1500, deadline=None)
@given(TEXTS)
def test_shortcut_matches_python_markdown_or_declines(text):
    html = plain_paragraphs(text)
    if html is not None:
        assert html == python_markdown(text)


@settings(max_examples=500, deadline=None)
@given(PROSE, st.sampled_from(["\n", "\n\n", "\n\n\n"]))
def test_prose_paragraphs_match(lines, separator):
    text = separator.join(lines)
    html = plain_paragraphs(text)
    if html is not None:
        assert html == python_markdown(text)


def test_news_prose_takes_the_shortcut():
    text = ('The minister said on Tuesday: "We will not pay 1.5bn (£1.3bn)."\n\n'
            "Talks resume in Brussels - officials say - next week.\nCritics disagree.\n")
    assert plain_paragraphs(text) == python_markdown(text)
    assert plain_paragraphs(text).count("<p>") == 2


@pytest.mark.parametrize("text", [
    "a *b*", "a_b_", "[link](http://x)", "<b>x</b>", "AT&T", "# Head", "a | b", "`code`",
    "- item", "1. first", "2) second", "+ item", "Term\n: definition", "Title\n===", "Title\n---",
    "    code", "line  \nbreak", "\tindented", "a\tb", "*[HTML]: Hyper", "x\x02y", "", "\n\n",
])
def test_syntax_goes_to_python_markdown(text):
    assert plain_paragraphs(text) is None


def test_renderer_sanitizes_both_ways():
    render = Renderer()
    assert render("plain words") == "<p>plain words</p>"
    assert "<script" not in render("<script>alert(1)</script> words")
