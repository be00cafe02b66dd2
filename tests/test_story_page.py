"""The story page as a comparison, built from the two seed captures grouped WITHOUT a `story:`
key: coverage breakdown, who reported first, headlines compared, the outlets' renderings of one
Stoltenberg remark aligned, the per-story feed and story.json, and links to its own articles only."""

from __future__ import annotations

import json
import re

import feedparser
import pytest

from tests.helpers import build_ok, build_site, content_articles, empty_site, hrefs, main_of, page, write_article
from tests.test_stories_site import SEED_STORY, unpinned_example

DPA = "nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate"
RT = "counteroffensive-will-help-kiev-in-negotiations-nato-chief"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("story-page")
    site = unpinned_example(root / "site")
    build_ok(site, root / "out")
    return site, root / "out"


def _section(doc, cls):
    found = doc.find("section", cls)
    assert found is not None, cls
    return found


def test_the_coverage_breakdown_counts_the_labels_and_says_what_is_absent(built):
    _, out = built
    doc = main_of(page(out, f"stories/{SEED_STORY}/"))
    coverage = _section(doc, "coverage").text()
    assert "news agency" in coverage and "state-controlled media" in coverage
    assert "Germany" in coverage and "Russia" in coverage
    assert "No outlet from Ukraine" in coverage  # the story is tagged Ukraine; no source is from there
    bars = _section(doc, "coverage").find_all("span", "bar")  # drawn by style.css from their share, no script
    assert bars and all(re.fullmatch(r"--share: \d{1,3}%", b["style"]) for b in bars)
    listing = main_of(page(out, "stories/")).text()
    assert "1 news agency, 1 state-controlled media" in listing and "No outlet from Ukraine" in listing


def test_chronology_and_headlines_put_every_outlet_side_by_side(built):
    site, out = built
    doc = main_of(page(out, f"stories/{SEED_STORY}/"))
    moments = [li.text() for li in _section(doc, "chronology").find_all("li")]
    published = [m for m in moments if " published " in m]
    assert len(published) == 2 and "dpa" in published[0] and "RT" in published[1]
    assert "First report" in published[0] and "First report" not in published[1]
    table = _section(doc, "headlines").text()
    for article in content_articles(site):
        assert article.meta["title"] in table


def test_the_stoltenberg_renderings_are_aligned_and_the_wording_that_differs_marked(built):
    _, out = built
    doc = main_of(page(out, f"stories/{SEED_STORY}/"))
    compared = doc.find("section", id="quotes-compared")
    assert compared is not None
    tables = compared.find_all("table")
    remark = next(t for t in tables if "negotiating table" in t.text() and "early days" in t.text())
    assert "Jens Stoltenberg" in remark.find("caption").text()
    rows = [row.text() for row in remark.find_all("tr")]
    assert any(r.startswith("dpa") for r in rows) and any(r.startswith("RT") for r in rows)
    assert "stronger" in [m.text() for m in remark.find_all("mark")]  # RT's word, not dpa's


def test_the_story_page_links_to_its_own_articles_only(built):
    site, out = built
    links = {h for h in hrefs(main_of(page(out, f"stories/{SEED_STORY}/"))) if h.startswith("/articles/")}
    assert links == {"/" + a.path for a in content_articles(site)}


def test_the_story_feed_and_json_carry_the_labels_and_the_quotes(built):
    _, out = built
    feed = feedparser.parse((out / f"stories/{SEED_STORY}/feed.xml").read_bytes())
    assert not feed.bozo and len(feed.entries) == 2
    summaries = " ".join(e.summary for e in feed.entries)
    assert "Russian state-controlled media" in summaries and "news agency" in summaries
    data = json.loads((out / f"stories/{SEED_STORY}/story.json").read_text(encoding="utf-8"))
    assert data["automatic"] is True and {a["source"]["key"] for a in data["articles"]} == {"dpa", "rt"}
    assert data["coverage"]["by_country"] == {"Germany": 1, "Russia": 1}
    aligned = [q for q in data["quotes"] if q["only_in"] is None and q["speaker"] == "Jens Stoltenberg"]
    assert aligned and {v["source"] for v in aligned[0]["versions"]} >= {"RT"}
    assert any(RT in v["article"] for v in aligned[0]["versions"]) and any(DPA in v["article"]
                                                                         for v in aligned[0]["versions"])


def test_a_big_story_puts_four_texts_side_by_side_and_links_the_rest(tmp_path):
    site = empty_site(tmp_path / "site")
    for n in range(6):
        write_article(site, f"report-{n}", f"2023-06-1{n}T10:00:00", ("dpa", "rt")[n % 2], f"Report {n}",
                      story="summit", body=f"Text of report {n}.")
    out = build_site(site, tmp_path / "out", "https://example.org/")
    doc = main_of(page(out, "stories/summit/"))
    texts = _section(doc, "full-texts")
    columns = texts.find_all("article", "column")
    assert [c.one("h3").text() for c in columns] == [f"Report {n}" for n in range(4)]  # oldest first
    assert "Text of report 3." in texts.text() and "Text of report 4." not in texts.text()
    rest = texts.one("ul", "more-texts")
    assert [a["href"] for a in rest.find_all("a") if "badge" not in (a.get("class") or "")] == [
        "/articles/2023/06/report-4/", "/articles/2023/06/report-5/"]
    assert all(f"Report {n}" in _section(doc, "headlines").text() for n in range(6))  # every headline compared
