"""The built example archive's listing pages: home, tags, sources and labels, date archives and
stories, and paging through a generated corpus of a few hundred articles."""

from __future__ import annotations

import datetime as dt
import math
import tomllib
from pathlib import Path

import pytest

from tests.helpers import (
    DPA,
    LABELS,
    REPO,
    RT,
    Node,
    build_site,
    card_titles,
    cards,
    content_articles,
    hrefs,
    link,
    listed_hrefs,
    main_of,
    page,
    parse_when,
    tag_links,
    tag_slug,
)

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

STORY = "stories/nato-stoltenberg-counteroffensive-june-2023/"


@pytest.fixture(scope="module")
def corpus_out(corpus_site, tmp_path_factory):
    return build_site(corpus_site, tmp_path_factory.mktemp("output-corpus") / "out", "https://corpus.example/")


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
        assert column.one("h3").text() == article.title
        assert column.one("h3").one("a")["href"] == link(path)
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


# --- pagination (300 generated articles) ---------------------------------------------------------

@pytest.mark.slow
def test_home_pagination_covers_every_article_newest_first(corpus_out, corpus_site):
    expected = content_articles(corpus_site)
    count = math.ceil(len(expected) / 50)  # per_page's default
    assert count > 1
    assert (corpus_out / "page/2/index.html").is_file()
    assert not (corpus_out / f"page/{count + 1}").exists()
    assert not (corpus_out / "page/1").exists()  # page 1 is the home page itself
    numbers = sorted(int(p.name) for p in (corpus_out / "page").iterdir())
    assert numbers == list(range(2, count + 1))
    listed: list[str] = []
    for number in range(1, count + 1):
        doc = main_of(page(corpus_out, "" if number == 1 else f"page/{number}/"))
        titles = listed_hrefs(doc)
        assert len(titles) == (50 if number < count else len(expected) - 50 * (count - 1))
        # the first page shows its ten newest as cards, then rows; the pages after it rows only
        assert len(cards(doc)) == (10 if number == 1 else 0)
        assert [c.one(cls="card-title").one("a")["href"] for c in cards(doc)] == titles[:len(cards(doc))]
        listed += titles
        nav = doc.one("nav", "pagination")
        assert f"Page {number} of {count}" in nav.text()
        own = "/" if number == 1 else f"/page/{number}/"
        assert [a["href"] for a in nav.find_all("a", aria_current="page")] == [own]
        numbers = [a.text().removeprefix("Page ") for a in nav.one("ul", "pagination-pages").find_all("a")]
        assert numbers[0] == "1" and numbers[-1] == str(count) and str(number) in numbers
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
        listed += listed_hrefs(doc)
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
