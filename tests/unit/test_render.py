"""Rendering outputs in-process: feeds as a reader parses them, and hostile content inert."""

from __future__ import annotations

import feedparser
import pytest

from clippings.errors import ContentError
from clippings.pipeline import load_site, prepare
from clippings.render.outputs import Renderer
from clippings.urls import Urls
from tests.helpers import parse_html


def _render(root, path: str) -> str:
    prepared = prepare(load_site(root), jobs=1)
    config = prepared.loaded.config
    renderer = Renderer(config, prepared.env, prepared.plan.entries, Urls(config.base_url, config.base_path))
    output = next(o for o in prepared.plan.outputs if o.path == path)
    return renderer.render(output).decode("utf-8")


def test_the_site_feed_names_each_outlet_and_links_the_original(site_folder):
    site_folder.article("one", source="state", url="https://outlet.example/one", byline="A. Writer",
                        summary="The dek.")
    feed = feedparser.parse(_render(site_folder.root, "feed.xml"))
    assert not feed.bozo
    entry = feed.entries[0]
    assert entry.link == "https://archive.example/sub/articles/2023/06/one/"
    # What a reader shows (author, summary, source) names the outlet and its label.
    assert entry.author == "A. Writer (State TV — Russian state-controlled media)"
    assert entry.summary == "State TV — Russian state-controlled media: The dek."
    assert entry.source.title == "State TV — Russian state-controlled media"
    assert any(link.href == "https://outlet.example/one" for link in entry.links)
    assert {t.label for t in entry.tags} == {"State TV (Russian state-controlled media)"}


def test_hostile_text_stays_inert(site_folder):
    site_folder.article("one", title="<script>alert(1)</script>", summary='"><img src=x onerror=alert(1)>',
                        body='<script>alert(2)</script><a href="javascript:alert(3)">x</a>'
                             '<p onclick="alert(4)">y</p><iframe src="https://evil.example/"></iframe>')
    html = _render(site_folder.root, "articles/2023/06/one/index.html")
    doc = parse_html(html)
    scripts = [n for n in doc.iter() if n.tag == "script"]
    # data, and the theme's own copy-button file (nothing inline)
    assert [(s.attrs.get("type"), bool(s.attrs.get("src"))) for s in scripts] == [("application/ld+json", False),
                                                                                 (None, True)]
    assert not [n for n in doc.iter() if n.tag in ("iframe", "img")]
    for node in doc.iter():
        assert not [a for a in node.attrs if a.startswith("on")], node
        assert not (node.attrs.get("href") or "").startswith("javascript:")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_javascript_link_as_the_original_url_is_refused(site_folder):
    site_folder.article("one", url="javascript:alert(1)")
    with pytest.raises(ContentError, match=r"'url' must be an http:// or https:// address"):
        load_site(site_folder.root)


def test_atom_feed_keeps_markup_characters_as_text(site_folder):
    """Atom is written as strings: every title, name and attribute is escaped, so the feed is
    well-formed XML that gives back exactly what the front matter said."""
    import xml.etree.ElementTree as ET

    title = 'Ties & "knots" <b>bold</b> ]]> end'
    site_folder.article("one", title=title, byline="O'Neil & <Co>", summary="a < b > c & d",
                        url="https://outlet.example/one?a=1&b=\"2\"", tags=["R&D <lab>"])
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring(_render(site_folder.root, "feed.xml").encode("utf-8"))
    entry = feed.find(f"{atom}entry")
    assert entry.findtext(f"{atom}title") == title
    assert entry.findtext(f"{atom}author/{atom}name") == "O'Neil & <Co> (Wire Agency — German news agency)"
    assert entry.findtext(f"{atom}summary").endswith(": a < b > c & d")
    assert [link.get("href") for link in entry.findall(f"{atom}link") if link.get("rel") == "via"] == [
        'https://outlet.example/one?a=1&b="2"']
    assert "R&D <lab>" in [c.get("label") for c in entry.findall(f"{atom}category")]


def test_templates_still_pass_the_context_to_functions_that_ask_for_it(site_folder):
    """The environment's quicker ``call`` keeps Jinja's contract for callables that want the context."""
    import jinja2

    prepared = prepare(load_site(site_folder.root), jobs=1)
    env = prepared.env

    @jinja2.pass_context
    def who(context, suffix):
        return context["name"] + suffix

    def plain(value):
        return value.upper()

    template = env.from_string("{{ who('!') }} {{ plain(name) }} {{ name.upper() }} {{ url('a b/') }}")
    assert template.render(name="x", who=who, plain=plain) == "x! X X /sub/a%20b/"


@pytest.mark.parametrize(("body", "shown"), [
    ("The dek, *as* [the lead](https://outlet.example/).\n\nMore text.", False),
    ("<div></div>\n\nThe dek, as the lead.\n\nMore text.", False),
    ("Another opening.\n\nThe dek, as the lead.", True),
])
def test_the_dek_is_shown_unless_the_body_opens_with_it(site_folder, body, shown):
    site_folder.article("one", summary="The dek, as the lead.", body=body)
    doc = parse_html(_render(site_folder.root, "articles/2023/06/one/index.html"))
    assert bool(doc.find("p", "dek")) is shown
