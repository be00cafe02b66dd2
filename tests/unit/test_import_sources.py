"""Outlet names in a page's text: the quick substring test before the word-bounded pattern never
changes a count (it only skips the pattern where it cannot match)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clippings.importer.sources import CASE_EXCEPTIONS, _names, lowered_for_names

# Letters that case-ignoring patterns and lower-casing treat differently, and plain ones around them.
TRICKY = "iIıİsSſkKKσςΣµμßẞвᲀﬅﬆåÅΐΐ"
ALPHABET = TRICKY + "abcnrtuAB -.é’0"


def counted(body: str, name: str) -> tuple[int, int]:
    """The quick count and the word-bounded pattern's own, for one name."""
    (entry,) = [n for n in _names("zz", frozenset({name})) if n.text == name]
    return entry.mentions(body, lowered_for_names(body)), len(entry.pattern.findall(body))


def test_every_case_pair_of_the_regular_expressions_is_an_exception_or_lower_cases_alike():
    extra = getattr(getattr(re, "_casefix", None), "_EXTRA_CASES", {})
    for first, partners in extra.items():
        for partner in partners:
            a, b = chr(first), chr(partner)
            assert a in CASE_EXCEPTIONS or b in CASE_EXCEPTIONS, (a, b)
    two = [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1]
    assert set(two) <= CASE_EXCEPTIONS


def test_names_written_otherwise_are_counted_as_the_pattern_counts_them():
    body = "Reuters said. REUTERS, reuters-wire and Reuterſ; İstanbul ıstanbul istanbul; ΣΚΑΪ σκαϊ"
    for name in ("Reuters", "Istanbul", "ıstanbul", "Σκαϊ", "RT"):
        quick, exact = counted(body, name)
        assert quick == exact
    assert counted(body, "Reuters")[1] == 3
    for only in ("Reuterſ said", "ıstanbul", "ΚΑΘΗΜΕΡΙΝΗΣ σήμερα"):  # the one spelling, which lower-casing misses
        for name in ("Reuters", "Istanbul", "Καθημερινησ"):
            assert counted(only, name)[0] == counted(only, name)[1]
    assert counted("Reuterſ said", "Reuters") == (1, 1)


@settings(max_examples=300, deadline=None, database=None)
@given(body=st.text(alphabet=ALPHABET, max_size=60), name=st.text(alphabet=ALPHABET, min_size=2, max_size=7))
def test_the_quick_count_is_the_patterns_count(body, name):
    quick, exact = counted(body, name)
    assert quick == exact
