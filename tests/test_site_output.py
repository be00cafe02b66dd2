"""The built example archive, page by page: what a reader sees, where each link goes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
import tomllib
from pathlib import Path

import pytest

from tests.conftest import REPO, copy_example_site
from tests.helpers import (
    Node,
    build_site,
    content_articles,
    content_sources,
    html_files,
    page,
    page_path,
    parse_when,
    read_html,
    tag_slug,
)

BASE = "https://news.example.org/archive/"
PREFIX = "/archive/"
RT = "articles/2023/06/counteroffensive-will-help-kiev-in-negotiations-nato-chief/"
DPA = "articles/2023/06/nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate/"
LABELS = {"rt": "Russian state-controlled media", "dpa": "German news agency"}
STORY = "stories/nato-stoltenberg-counteroffensive-june-2023/"
CNAME = "archive.example.org"
CSS_MARK = "/* changed by test_site_output */"


def link(path: str) -> str:
    return PREFIX + path


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    root = tmp_path_factory.mktemp("output-example")
    site = copy_example_site(root / "site")
    build_site(site, root / "out", BASE)
    return site, root / "out"


@pytest.fixture(scope="module")
def site(example) -> Path:
    return example[0]


@pytest.fixture(scope="module")
def out(example) -> Path:
    return example[1]


@pytest.fixture(scope="module")
def articles(site):
    found = {a.path: a for a in content_articles(site)}
    assert set(found) == {RT, DPA}
    return found


@pytest.fixture(scope="module")
def sources(site):
    return content_sources(site)


def _set_tags(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert f"\n- {old}\n" in text
    file.write_text(text.replace(f"\n- {old}\n", f"\n- {new}\n", 1), encoding="utf-8")


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    """The example changed the ways curators do: tag spellings, a custom domain, a CSS edit, German."""
    root = tmp_path_factory.mktemp("output-variant")
    site = copy_example_site(root / "site")
    articles = site / "content/articles/2023/06"
    _set_tags(articles / "nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate.md", "NATO", "nato")
    _set_tags(articles / "nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate.md", "Ukraine", "Kyiv")
    _set_tags(articles / "counteroffensive-will-help-kiev-in-negotiations-nato-chief.md", "Kyiv", "Kiev")
    (site / "content/articles/2023/07").mkdir()
    (site / "content/articles/2023/07/stoltenberg-in-berlin.md").write_text(
        "---\ntitle: Stoltenberg in Berlin\ndate: 2023-07-01T09:00:00Z\nsource: dpa\nlang: de\n"
        "tags: [Deutschland]\n---\n\nDer NATO-Generalsekretär besuchte Berlin.\n", encoding="utf-8")
    toml = (site / "site.toml").read_text(encoding="utf-8")
    (site / "site.toml").write_text(f'cname = "{CNAME}"\n' + toml, encoding="utf-8")
    (site / "static").mkdir()
    css = (REPO / "themes/default/static/style.css").read_text(encoding="utf-8")
    (site / "static/style.css").write_text(css + "\n" + CSS_MARK + "\n", encoding="utf-8")
    return build_site(site, root / "out", BASE)


@pytest.fixture(scope="module")
def corpus_out(corpus_site, tmp_path_factory):
    return build_site(corpus_site, tmp_path_factory.mktemp("output-corpus") / "out", "https://corpus.example/")


def main_of(doc: Node) -> Node:
    return doc if doc.tag == "main" else doc.one("main")


def cards(doc: Node) -> list[Node]:
    return main_of(doc).find_all("article", "card")


def card_titles(doc: Node) -> list[str]:
    return [card.one(cls="card-title").text() for card in cards(doc)]


def hrefs(node: Node, tag: str = "a") -> list[str]:
    return [a["href"] for a in node.find_all(tag, href=True)]


def tag_links(node: Node) -> dict[str, str]:
    return {a.text(): a["href"] for a in node.find_all("a") if a["href"].startswith(link("tags/"))}


# --- home ----------------------------------------------------------------------------------------

def test_home_lists_both_articles_newest_first(out, articles, sources):
    home = page(out, "")
    assert card_titles(home) == [articles[RT].title, articles[DPA].title]
    assert articles[RT].when > articles[DPA].when
    for card, path in zip(cards(home), (RT, DPA), strict=True):
        article = articles[path]
        assert card.one(cls="card-title").one("a")["href"] == link(path)
        time = card.one("time")
        assert parse_when(time["datetime"])[0] == article.when
        assert time.text() == ("13 June 2023" if article.date_only else "14 June 2023, 05:23")
        badge = card.one("a", "badge")
        assert badge["href"] == link(f"sources/{article.source}/")
        assert badge.one(cls="badge-label").text() == LABELS[article.source]
        assert badge.one(cls="badge-name").text() == sources[article.source]["name"]
        assert card.one("p", "summary").text() == " ".join(article.meta["summary"].split())
        assert list(tag_links(card)) == article.tags


def test_home_badge_text_names_both_kinds_of_outlet(out):
    text = main_of(page(out, "")).text()
    assert "Russian state-controlled media" in text
    assert "German news agency" in text


# --- article pages -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [RT, DPA])
def test_article_has_exactly_one_h1_with_the_title(out, articles, path):
    doc = page(out, path)
    h1s = doc.find_all("h1")
    assert len(h1s) == 1, [h.text() for h in h1s]
    assert h1s[0].text() == articles[path].title
    assert doc.one("title").text().startswith(articles[path].title)


@pytest.mark.parametrize("path", [RT, DPA])
def test_article_time_matches_front_matter_date(out, articles, path):
    article = articles[path]
    header = page(out, path).one("header", "article-header")
    stamp = header.find("time")["datetime"]
    if article.date_only:
        assert stamp == article.meta["date"].isoformat()  # a day stays a day, no invented midnight
    else:
        assert parse_when(stamp)[0] == parse_when(article.meta["date"])[0]
        assert "T" in stamp


@pytest.mark.parametrize("path", [RT, DPA])
def test_article_badge_links_to_its_source(out, articles, sources, path):
    article = articles[path]
    kicker = page(out, path).one("header", "article-header").one("p", "kicker")
    badge = kicker.one("a", "badge")
    assert badge["href"] == link(f"sources/{article.source}/")
    assert badge.one(cls="badge-label").text() == LABELS[article.source]
    assert badge.one(cls="badge-name").text() == sources[article.source]["name"]
    assert (out / f"sources/{article.source}/index.html").is_file()


def test_rt_article_shows_section_and_image_caption_with_credit(out, articles):
    doc = page(out, RT)
    assert doc.one("header", "article-header").one(cls="section").text() == "Russia & Former Soviet Union"
    image = articles[RT].meta["image"]
    caption = doc.one("figure").one("figcaption")
    assert image["caption"] in caption.text()
    assert caption.one(cls="credit").text() == f"Credit: {image['credit']}"


def test_article_without_section_or_image_shows_neither(out):
    doc = page(out, DPA)
    assert doc.find(cls="section") is None
    assert doc.find("figure") is None


@pytest.mark.parametrize("path", [RT, DPA])
def test_article_tags_link_to_tag_pages_that_list_the_article(out, articles, path):
    section = page(out, path).one("section", "article-tags")
    links = tag_links(section)
    assert list(links) == articles[path].tags
    for href in links.values():
        tag_page = page(out, href.removeprefix(PREFIX))
        assert link(path) in hrefs(main_of(tag_page))


@pytest.mark.parametrize("path", [RT, DPA])
def test_article_body_is_the_markdown_body(out, articles, path):
    body = page(out, path).one("div", "body")
    paragraphs = [p.text() for p in body.find_all("p")]
    assert paragraphs == articles[path].paragraphs


@pytest.mark.parametrize("path", [RT, DPA])
def test_provenance_capture_downloads_the_byte_identical_capture(out, site, articles, path):
    article = articles[path]
    box = page(out, path).one("aside", "provenance")
    capture = [a for a in box.find_all("a") if "download" in a.attrs]
    assert len(capture) == 1
    href = capture[0]["href"]
    assert href.startswith(link("captures/")) and href.endswith(".txt")
    published = (out / href.removeprefix(PREFIX)).read_bytes()
    original = (site / "content" / article.meta["capture"]).read_bytes()
    assert published == original
    shown = box.one("code", "hash").text()
    assert shown == article.meta["sha256"] == hashlib.sha256(published).hexdigest()


def test_prev_next_link_the_two_articles(out):
    newer, older = page(out, RT).one("nav", "prev-next"), page(out, DPA).one("nav", "prev-next")
    assert [(a["rel"], a["href"]) for a in newer.find_all("a")] == [("prev", link(DPA))]
    assert [(a["rel"], a["href"]) for a in older.find_all("a")] == [("next", link(RT))]


@pytest.mark.parametrize("path", [RT, DPA])
def test_json_ld_is_a_news_article(out, articles, sources, path):
    article = articles[path]
    doc = page(out, path)
    scripts = doc.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].raw_text())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert parse_when(data["datePublished"])[0] == article.when
    assert data["publisher"]["name"] == sources[article.source]["name"]
    assert data["mainEntityOfPage"] == BASE + path


def test_canonical_and_og_url_are_the_base_url_plus_the_path(out):
    checked = 0
    for file in html_files(out):
        doc = read_html(file)
        canonical = doc.find_all("link", rel="canonical")
        og_url = doc.find_all("meta", property="og:url")
        if file.name == "404.html" and file.parent == out:
            assert not canonical and not og_url  # served at any address: no single URL of its own
            continue
        expected = BASE + page_path(out, file)
        assert [c["href"] for c in canonical] == [expected], file
        assert [m["content"] for m in og_url] == [expected], file
        checked += 1
    assert checked >= 20


def test_every_page_declares_its_language(out, variant):
    for folder in (out, variant):
        for file in html_files(folder):
            html = read_html(file).one("html")
            expected = "de" if "stoltenberg-in-berlin" in file.as_posix() else "en"
            assert html.get("lang") == expected, file


def test_every_page_is_html5_with_charset_and_viewport(out):
    for file in html_files(out):
        doc = read_html(file)
        assert (doc.get("doctype") or "").lower() == "doctype html", file
        assert doc.find("meta", charset="utf-8") is not None, file
        assert doc.find("meta", name="viewport") is not None, file
        assert doc.one("title").text(), file


# --- tags ----------------------------------------------------------------------------------------

def test_nato_tag_page_lists_both_articles(out, articles):
    tag = page(out, "tags/nato/")
    assert tag.one("h1").text() == "Tag: NATO"
    assert card_titles(tag) == [articles[RT].title, articles[DPA].title]
    feeds = tag.find_all("link", rel="alternate", type="application/atom+xml")
    assert link("tags/nato/feed.xml") in [f["href"] for f in feeds]


def test_tag_description_from_site_toml_is_shown(out):
    lede = page(out, "tags/nato/").one("p", "lede")
    assert lede.text().startswith("The North Atlantic Treaty Organization")


def test_tag_index_has_counts_by_count_and_a_to_z(out, articles):
    expected: dict[str, int] = {}
    for article in articles.values():
        for name in article.tags:
            expected[name] = expected.get(name, 0) + 1
    doc = main_of(page(out, "tags/"))

    def listing(heading_text: str) -> list[tuple[str, int, str]]:
        heading = next(h for h in doc.find_all("h2") if h.text() == heading_text)
        section = heading.parent
        return [(li.one("a").text(), int(li.one(cls="count").text()), li.one("a")["href"])
                for li in section.find_all("li")]

    by_count = listing("By number of articles")
    a_to_z = listing("A–Z")
    for rows in (by_count, a_to_z):
        assert {name: count for name, count, _ in rows} == expected
        assert len(rows) == len(expected)
        for name, _, href in rows:
            assert href == link(f"tags/{name.casefold().replace(' ', '-')}/")
    assert [count for _, count, _ in by_count] == sorted(expected.values(), reverse=True)
    assert [name for name, _, _ in a_to_z] == sorted(expected, key=str.casefold)
    jumps = {a["href"] for a in doc.find_all("a") if a["href"].startswith("#")}
    assert jumps == {"#a-z", "#by-count"}
    assert all(doc.by_id(j[1:]) is not None for j in jumps)


def test_nato_and_lowercase_nato_are_one_tag(variant):
    tag = page(variant, "tags/nato/")
    assert tag.one("h1").text() == "Tag: NATO"  # the spelling site.toml uses
    assert len(cards(tag)) == 2
    assert not [p for p in (variant / "tags").iterdir() if p.name.startswith("nato-")]
    index = main_of(page(variant, "tags/"))
    assert [a.text() for a in index.find_all("a") if a.text().casefold() == "nato"] == ["NATO", "NATO"]


def test_tag_alias_from_site_toml_folds_kiev_into_kyiv(variant):
    assert not (variant / "tags/kiev").exists()
    tag = page(variant, "tags/kyiv/")
    assert tag.one("h1").text() == "Tag: Kyiv"
    assert len(cards(tag)) == 2
    rt = page(variant, RT).one("section", "article-tags")
    assert "Kyiv" in tag_links(rt) and "Kiev" not in tag_links(rt)


# --- sources and labels --------------------------------------------------------------------------

def test_source_index_has_a_row_per_source_with_article_counts(out, articles, sources):
    table = main_of(page(out, "sources/")).one("table")
    header = [th.text() for th in table.one("thead").find_all("th")]
    rows = table.one("tbody").find_all("tr")
    assert len(rows) == len(sources)
    seen = {}
    for row in rows:
        cells = dict(zip(header, [c.text() for c in row.children if isinstance(c, Node)], strict=True))
        href = row.one("a")["href"]
        key = href.removeprefix(link("sources/")).strip("/")
        assert cells["Name"] == sources[key]["name"]
        assert cells["Label"] == LABELS[key]
        seen[key] = int(cells["Articles"])
    assert seen == {key: sum(a.source == key for a in articles.values()) for key in sources}


@pytest.mark.parametrize("key", ["rt", "dpa"])
def test_source_page_lists_its_references(out, sources, key):
    doc = main_of(page(out, f"sources/{key}/"))
    assert doc.one("h1").text() == sources[key]["name"]
    refs = doc.one("ol", "references")
    shown = [(a.text(), a["href"]) for a in refs.find_all("a")]
    assert shown == [(r["title"], r["url"]) for r in sources[key]["references"]]
    assert LABELS[key] in doc.text()


@pytest.mark.parametrize("key", ["rt", "dpa"])
def test_source_page_shows_the_description_written_in_its_file(out, sources, key):
    first_paragraph = " ".join(sources[key]["body"].split("\n\n")[0].split())
    description = main_of(page(out, f"sources/{key}/")).one("div", "source-description")
    assert first_paragraph in description.text()


@pytest.mark.parametrize("key", ["rt", "dpa"])
def test_source_page_lists_its_articles(out, articles, key):
    doc = main_of(page(out, f"sources/{key}/"))
    assert card_titles(doc) == [a.title for a in articles.values() if a.source == key]


def test_labels_page_explains_all_eight_types(out, sources):
    vocabulary = tomllib.loads((REPO / "clippings/data/source_types.toml").read_text(encoding="utf-8"))["type"]
    assert len(vocabulary) == 8
    doc = main_of(page(out, "labels/"))
    sections = doc.find_all("section", "label-type")
    assert len(sections) == 8
    for kind, section in zip(vocabulary, sections, strict=True):
        heading = section.one("h2")
        assert heading.text() == kind["plural"]
        assert heading["id"] == kind["key"].replace(" ", "-")
        assert kind["description"] in section.text()
        named = {a.text() for a in section.find_all("a")}
        assert named == {s["name"] for s in sources.values() if s["type"] == kind["key"]}


def test_source_type_links_to_its_label_explanation(out):
    doc = main_of(page(out, "sources/rt/"))
    target = next(a["href"] for a in doc.find_all("a") if a.text() == "state-controlled media")
    path, _, fragment = target.partition("#")
    assert path == link("labels/")
    assert page(out, "labels/").by_id(fragment) is not None


# --- archives and stories ------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["articles/2023/", "articles/2023/06/"])
def test_date_archives_list_the_articles(out, articles, path):
    doc = main_of(page(out, path))
    listed = [a["href"] for a in doc.find_all("a") if a["href"].startswith(link("articles/2023/06/"))
              and a["href"] != link("articles/2023/06/")]
    assert listed == [link(RT), link(DPA)]


def test_archive_index_links_years_and_months(out):
    doc = main_of(page(out, "articles/"))
    assert link("articles/2023/") in hrefs(doc)
    june = next(a for a in doc.find_all("a") if a["href"] == link("articles/2023/06/"))
    assert june.text() == "June"


def test_story_page_shows_both_articles_side_by_side_with_bodies(out, articles):
    doc = main_of(page(out, STORY))
    columns = doc.one("div", "side-by-side").find_all("article", "column")
    assert len(columns) == 2
    for column, path in zip(columns, (DPA, RT), strict=True):  # oldest first
        article = articles[path]
        assert column.one("h2").text() == article.title
        assert column.one("h2").one("a")["href"] == link(path)
        assert column.one("a", "badge").one(cls="badge-label").text() == LABELS[article.source]
        assert [p.text() for p in column.one("div", "body").find_all("p")] == article.paragraphs


def test_story_page_shows_the_story_description(out, site):
    text = (site / "content" / (STORY.rstrip("/") + ".md")).read_text(encoding="utf-8")
    description = text.split("\n---\n", 1)[1].strip()
    doc = main_of(page(out, STORY))
    assert doc.one("h1").text() == "Stoltenberg on Ukraine's counteroffensive and negotiations"
    assert " ".join(description.split()) in doc.text()


def test_article_links_to_other_coverage_of_its_story(out):
    box = page(out, RT).one("aside", "story-box")
    assert link(DPA) in hrefs(box)
    assert link(STORY) in hrefs(box)
    assert link(STORY) in hrefs(main_of(page(out, "stories/")))


# --- files for hosting ---------------------------------------------------------------------------

def test_hosting_files_exist(out):
    assert (out / ".nojekyll").is_file()
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert re.search(r"(?m)^Sitemap: " + re.escape(BASE + "sitemap.xml") + "$", robots)
    missing = page(out, "404.html")
    assert missing.one("h1").text() == "Page not found"
    # 404.html is served at any depth, so its links must not be relative
    assert all(h.startswith((PREFIX, "#", "http")) for h in hrefs(missing) + hrefs(missing, "link"))


def test_cname_only_when_site_toml_sets_one(out, variant):
    assert not (out / "CNAME").exists()
    assert (variant / "CNAME").read_text(encoding="utf-8").strip() == CNAME


def _assets(out: Path) -> dict[str, str]:
    """Logical name -> published name of every file in static/."""
    found = {}
    for file in (out / "static").iterdir():
        match = re.fullmatch(r"(.+)\.([0-9a-f]{8,})\.(\w+)", file.name)
        assert match, f"static file without a content hash in its name: {file.name}"
        found[f"{match[1]}.{match[3]}"] = file.name
    return found


def test_static_assets_are_fingerprinted_and_referenced(out):
    assets = _assets(out)
    assert {"style.css", "favicon.svg"} <= set(assets)
    home = page(out, "")
    used = hrefs(home, "link")
    assert link("static/" + assets["style.css"]) in used
    assert link("static/" + assets["favicon.svg"]) in used
    for file in html_files(out):
        for href in hrefs(read_html(file), "link"):
            if "/static/" in href:
                assert (out / href.removeprefix(PREFIX)).is_file(), (file, href)


def test_changed_css_gets_a_new_name(out, variant):
    before, after = _assets(out), _assets(variant)
    assert before["favicon.svg"] == after["favicon.svg"]  # unchanged file, same name
    assert before["style.css"] != after["style.css"]
    assert CSS_MARK in (variant / "static" / after["style.css"]).read_text(encoding="utf-8")
    assert CSS_MARK not in (out / "static" / before["style.css"]).read_text(encoding="utf-8")
    assert not (variant / "static" / before["style.css"]).exists()
    assert link("static/" + after["style.css"]) in hrefs(page(variant, RT), "link")


# --- pagination (300 generated articles) ---------------------------------------------------------

@pytest.mark.slow
def test_home_pagination_covers_every_article_newest_first(corpus_out, corpus_site):
    expected = content_articles(corpus_site)
    count = math.ceil(len(expected) / 20)
    assert count > 1
    assert (corpus_out / "page/2/index.html").is_file()
    assert not (corpus_out / f"page/{count + 1}").exists()
    assert not (corpus_out / "page/1").exists()  # page 1 is the home page itself
    numbers = sorted(int(p.name) for p in (corpus_out / "page").iterdir())
    assert numbers == list(range(2, count + 1))
    listed: list[str] = []
    for number in range(1, count + 1):
        doc = main_of(page(corpus_out, "" if number == 1 else f"page/{number}/"))
        titles = [c.one(cls="card-title").one("a")["href"] for c in cards(doc)]
        assert len(titles) == (20 if number < count else len(expected) - 20 * (count - 1))
        listed += titles
        nav = doc.one("nav", "pagination")
        assert f"Page {number} of {count}" in nav.text()
        older = [a for a in nav.find_all("a") if "Older" in a.text()]
        newer = [a for a in nav.find_all("a") if "Newer" in a.text()]
        if number < count:
            assert [a["href"] for a in older] == [f"/page/{number + 1}/"]
        else:
            assert older == []
        if number > 1:
            assert [a["href"] for a in newer] == ["/" if number == 2 else f"/page/{number - 1}/"]
        else:
            assert newer == []
    assert listed == ["/" + a.path for a in expected]


@pytest.mark.slow
def test_corpus_dates_are_shown_in_the_site_timezone(corpus_out, corpus_site):
    article = content_articles(corpus_site)[0]
    time = page(corpus_out, article.path).one("header", "article-header").one("time")
    assert parse_when(time["datetime"])[0] == article.when
    local = article.when.astimezone(dt.UTC)
    assert time.text() == f"{local.day} {local:%B %Y, %H:%M}"


def test_build_output_folder_has_no_leftovers(out):
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".out.building")]
    assert leftovers == []
    assert not any(p.suffix in (".md", ".toml") for p in out.rglob("*"))


@pytest.mark.slow
def test_older_links_walk_the_whole_archive_in_date_order(corpus_out, corpus_site):
    expected = ["/" + a.path for a in content_articles(corpus_site)]
    walked, path = [], expected[0]
    while path and len(walked) <= len(expected):
        walked.append(path)
        nav = page(corpus_out, path.lstrip("/")).one("nav", "prev-next")
        older = [a["href"] for a in nav.find_all("a", rel="prev")]
        path = older[0] if older else None
    assert walked == expected


def _walk_listing(out: Path, first: str) -> list[str]:
    listed, path = [], first
    while path:
        doc = main_of(page(out, path.lstrip("/")))
        listed += [c.one(cls="card-title").one("a")["href"] for c in cards(doc)]
        nav = doc.find("nav", "pagination")
        older = [a["href"] for a in nav.find_all("a", rel="next")] if nav else []
        path = older[0] if older else None
    return listed


@pytest.mark.slow
def test_biggest_tag_and_source_listings_page_through_all_their_articles(corpus_out, corpus_site):
    articles = content_articles(corpus_site)
    by_tag: dict[str, list[str]] = {}
    by_source: dict[str, list[str]] = {}
    for article in articles:
        for tag in {t.casefold() for t in article.tags}:
            by_tag.setdefault(tag, []).append("/" + article.path)
        by_source.setdefault(article.source, []).append("/" + article.path)
    tag, tagged = max(by_tag.items(), key=lambda kv: len(kv[1]))
    source, published = max(by_source.items(), key=lambda kv: len(kv[1]))
    assert len(tagged) > 20, "the corpus should have a tag with more than one page"
    assert _walk_listing(corpus_out, f"/tags/{tag_slug(tag)}/") == tagged
    assert _walk_listing(corpus_out, f"/sources/{source}/") == published
