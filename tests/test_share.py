"""Shared links and "Cite this" on the built example archive, under a sub-path base URL."""

from __future__ import annotations

import re

import pytest

from tests.helpers import BASE, DPA, RT, build_site, content_articles, content_sources, copy_example_site, page

pytestmark = pytest.mark.slow  # end to end: through build.py


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("share")
    site = copy_example_site(root / "site")
    return site, build_site(site, root / "out", BASE)


def _article(site, path):
    return next(a for a in content_articles(site) if a.path == path)


def _citation(out, path: str, which: str) -> str:
    block = page(out, path).one("aside", "cite")
    return block.by_id(f"cite-{which}").text() if which == "apa" else block.by_id(f"cite-{which}").raw_text()


@pytest.mark.parametrize("path", [RT, DPA])
def test_the_citation_names_outlet_headline_dates_urls_and_the_capture_hash(built, path):
    site, out = built
    article = _article(site, path)
    outlet = content_sources(site)[article.source]["name"]
    for which in ("apa", "bibtex"):
        text = _citation(out, path, which)
        assert outlet in text and BASE + path in text, which
        assert str(article.meta["sha256"]) in text, which
        if article.meta.get("url"):
            assert str(article.meta["url"]) in text, which
        assert str(article.meta["captured"])[:10] in text, which
    apa = _citation(out, path, "apa")
    assert " ".join(article.title.split()) in apa
    assert f"({article.when.year}, {article.when:%B} {article.when.day})" in apa


def _fields(bibtex: str) -> dict[str, str]:
    """A BibTeX entry's fields, read with brace counting (a value is balanced or the entry is broken)."""
    head = re.match(r"@(\w+)\{([A-Za-z0-9-]+),\n", bibtex)
    assert head, bibtex[:80]
    fields, rest = {}, bibtex[head.end():]
    while (m := re.match(r"\s*(\w+) = \{", rest)):
        depth, i = 1, m.end()
        while depth:
            assert i < len(rest), f"unbalanced braces in {m.group(1)}"
            if rest[i] == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(rest[i], 0)
            i += 1
        fields[m.group(1)] = rest[m.end():i - 1]
        rest = rest[i:].lstrip(",")
    assert rest.strip() == "}", rest
    return fields


@pytest.mark.parametrize("path", [RT, DPA])
def test_bibtex_parses_with_the_required_fields(built, path):
    site, out = built
    fields = _fields(_citation(out, path, "bibtex"))
    assert {"author", "title", "year", "howpublished", "note"} <= set(fields)
    assert fields["year"] == str(_article(site, path).when.year)


def test_hostile_text_is_escaped_in_bibtex(tmp_path):
    site = copy_example_site(tmp_path / "site")
    file = _article(site, RT).file
    text = file.read_text(encoding="utf-8")
    title = 'Braces } { and 100% & $x$ #1 \\\\end <script>x</script>'
    text = re.sub(r'^title: .*$', f"title: '{title}'", text, count=1, flags=re.M)
    file.write_text(text, encoding="utf-8")
    out = build_site(site, tmp_path / "out", BASE)
    fields = _fields(_citation(out, RT, "bibtex"))
    assert fields["title"] == r"Braces \} \{ and 100\% \& \$x\$ \#1 \textbackslash{}end <script>x</script>"
    html = (out / RT / "index.html").read_text(encoding="utf-8")
    assert "<script>x</script>" not in html


def test_copy_buttons_are_hidden_without_javascript(built):
    _, out = built
    buttons = page(out, RT).one("aside", "cite").find_all("button", "cite-copy")
    assert len(buttons) == 2 and all("hidden" in b.attrs for b in buttons)
