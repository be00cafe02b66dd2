"""Shared links and "Cite this" on the built example archive, under a sub-path base URL."""

from __future__ import annotations

import re

import pytest

from tests.helpers import (
    BASE,
    DPA,
    LABELS,
    RT,
    build_site,
    content_articles,
    content_sources,
    copy_example_site,
    page,
    run_cli,
)

pytestmark = pytest.mark.slow  # end to end: through build.py


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("share")
    site = copy_example_site(root / "site")
    return site, build_site(site, root / "out", BASE)


def _article(site, path):
    return next(a for a in content_articles(site) if a.path == path)


def _citation(out, path: str) -> str:
    return page(out, path).one("aside", "cite").by_id("cite-apa").text()


@pytest.mark.parametrize("path", [RT, DPA])
def test_the_citation_names_outlet_headline_dates_urls_and_the_capture_hash(built, path):
    site, out = built
    article = _article(site, path)
    outlet = content_sources(site)[article.source]["name"]
    apa = _citation(out, path)
    assert outlet in apa and BASE + path in apa
    assert str(article.meta["sha256"]) in apa
    if article.meta.get("url"):
        assert str(article.meta["url"]) in apa
    assert str(article.meta["captured"])[:10] in apa
    assert " ".join(article.title.split()) in apa
    assert f"({article.when.year}, {article.when:%B} {article.when.day})" in apa


@pytest.mark.parametrize("path", [RT, DPA])
def test_the_cite_box_carries_the_bibtex_key_and_date_for_cite_js(built, path):
    # cite.js writes the entry from them (tests/test_share_browser.py reads it); without it there is no block
    site, out = built
    box = page(out, path).one("aside", "cite")
    assert box.find_all("details", "cite-bibtex") == [] and box.by_id("cite-bibtex") is None
    article = _article(site, path)
    assert box["data-key"].startswith(f"{article.source}-{article.when.year}-")
    assert box["data-date"] == str(article.meta["date"])[:10]


def test_the_copy_buttons_are_left_to_javascript(built):
    _, out = built
    box = page(out, RT).one("aside", "cite")
    assert box.find_all("button") == [] and box.by_id("cite-apa") is not None


# --- shared links --------------------------------------------------------------------------------

def _meta(doc, key: str) -> str | None:
    found = [m.get("content") for m in doc.find_all("meta") if key in (m.get("property"), m.get("name"))]
    assert len(found) <= 1, f"{key} given {len(found)} times"
    return found[0] if found else None


def _png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the PNG signature and IHDR chunk (RFC 2083)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _with_cards(site, mode: str) -> None:
    with (site / "site.toml").open("a", encoding="utf-8") as toml:
        toml.write(f'\n[share]\ncards = "{mode}"\n')


def _source_card(article) -> str:
    return f"sources/{article.source}/share.png"


@pytest.mark.parametrize("path", [RT, DPA])
def test_shared_links_carry_an_absolute_card_of_the_outlet_the_site_and_the_label(built, path):
    site, out = built
    article = _article(site, path)
    source = content_sources(site)[article.source]
    doc = page(out, path)
    image = _meta(doc, "og:image")
    assert image == BASE + _source_card(article)  # the example's images have captions but no file
    assert _meta(doc, "twitter:card") == "summary_large_image"
    assert _meta(doc, "twitter:image") is None  # X reads og:image (and og:title, og:description)
    assert (_meta(doc, "og:image:width"), _meta(doc, "og:image:height")) == ("1200", "630")
    assert source["name"] in _meta(doc, "og:image:alt") and LABELS[article.source] in _meta(doc, "og:image:alt")
    assert _meta(doc, "og:site_name") == re.search(r'^title = "(.*)"$', (site / "site.toml").read_text(), re.M)[1]
    assert _meta(doc, "og:description").startswith(f"{source['name']} — {LABELS[article.source]}: ")
    assert _meta(doc, "og:title") == article.title  # what sites print beside the card
    assert _meta(doc, "article:publisher") == source["homepage"]
    assert _png_size((out / _source_card(article)).read_bytes()) == (1200, 630)
    assert not (out / path / "share.png").exists()


def test_the_two_outlets_get_cards_of_their_own(built):
    site, out = built
    rt, dpa = (_source_card(_article(site, p)) for p in (RT, DPA))
    assert rt != dpa and (out / rt).read_bytes() != (out / dpa).read_bytes()


def test_cards_are_byte_identical_across_builds(built, tmp_path):
    site, out = built
    again = build_site(site, tmp_path / "again", BASE)
    for path in (RT, DPA):
        card = _source_card(_article(site, path))
        assert (out / card).read_bytes() == (again / card).read_bytes()


def test_article_cards_carry_the_headline_and_change_with_it(tmp_path):
    site = copy_example_site(tmp_path / "site")
    _with_cards(site, "article")
    first = build_site(site, tmp_path / "one", BASE)
    article = _article(site, RT)
    doc = page(first, RT)
    assert _meta(doc, "og:image") == BASE + RT + "share.png" and article.title in _meta(doc, "og:image:alt")
    assert _png_size((first / RT / "share.png").read_bytes()) == (1200, 630)
    assert not (first / _source_card(article)).exists()
    file = article.file
    file.write_text(re.sub(r"^title: .*$", "title: 'Another headline'", file.read_text(encoding="utf-8"),
                           count=1, flags=re.M), encoding="utf-8")
    second = build_site(site, tmp_path / "two", BASE)
    assert (first / RT / "share.png").read_bytes() != (second / RT / "share.png").read_bytes()
    assert (first / DPA / "share.png").read_bytes() == (second / DPA / "share.png").read_bytes()


def test_cards_off_share_no_image(tmp_path):
    site = copy_example_site(tmp_path / "site")
    _with_cards(site, "off")
    out = build_site(site, tmp_path / "out", BASE)
    doc = page(out, RT)
    assert _meta(doc, "og:image") is None and _meta(doc, "twitter:card") == "summary"
    assert not list(out.rglob("share.png"))


def test_an_unknown_card_mode_is_one_line_naming_site_toml(tmp_path):
    site = copy_example_site(tmp_path / "site")
    _with_cards(site, "every")
    result = run_cli("build", "--site", str(site), "--out", str(tmp_path / "out"))
    line = len((site / "site.toml").read_text(encoding="utf-8").rstrip("\n").splitlines())
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"site.toml:{line}: 'share.cards' must be one of 'source', 'article', 'off' (got 'every')" in result.stderr


def test_a_site_image_from_site_toml_replaces_the_cards(tmp_path):
    site = copy_example_site(tmp_path / "site")
    (site / "content" / "media").mkdir(exist_ok=True)
    (site / "content" / "media" / "share.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    with (site / "site.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[share]\nimage = "media/share.png"\nimage_alt = "The archive"\n')
    out = build_site(site, tmp_path / "out", BASE)
    doc = page(out, RT)
    assert _meta(doc, "og:image") == BASE + "media/share.png" and _meta(doc, "og:image:alt") == "The archive"
    assert sorted(out.rglob("share.png")) == [out / "media" / "share.png"]  # no generated card


def test_a_missing_site_image_is_one_line_naming_site_toml(tmp_path):
    site = copy_example_site(tmp_path / "site")
    text = (site / "site.toml").read_text(encoding="utf-8") + '\n[share]\nimage = "media/nope.png"\n'
    (site / "site.toml").write_text(text, encoding="utf-8")
    result = run_cli("build", "--site", str(site), "--out", str(tmp_path / "out"))
    line = len(text.rstrip("\n").splitlines())
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"site.toml:{line}: 'share.image': no file content/media/nope.png" in result.stderr
