"""Reading and enriching a site: validated articles, folded tags, archives, stories."""

from __future__ import annotations

import pytest

from clippings.errors import ContentError
from clippings.pipeline import load_site


def test_articles_are_read_validated_and_sorted_newest_first(site_folder):
    site_folder.article("older", date="2023-06-13T10:00:00")
    site_folder.article("newer", date="2023-06-14", source="state")
    site = load_site(site_folder.root).site
    assert [a.id for a in site.articles] == ["2023/06/newer", "2023/06/older"]
    newer = site.by_id["2023/06/newer"]
    assert newer.date_only and newer.date.utcoffset().total_seconds() == 7200  # Europe/Berlin in June
    assert site.neighbours["2023/06/older"] == (None, "2023/06/newer")
    assert site.source_articles == {"state": ("2023/06/newer",), "wire": ("2023/06/older",)}


def test_tags_fold_case_and_aliases_and_keep_the_most_used_spelling(site_folder):
    site_folder.article("a", tags=["NATO", "Kiev"])
    site_folder.article("b", date="2023-06-14T10:00:00", tags=["nato", "Kyiv"])
    site_folder.article("c", date="2023-06-15T10:00:00", tags=["NATO"])
    site = load_site(site_folder.root).site
    assert {key: (t.name, t.slug, t.count) for key, t in site.tags.items()} == {
        "kyiv": ("Kyiv", "kyiv", 2), "nato": ("NATO", "nato", 3)}
    assert [t.key for t in site.article_tags["2023/06/a"]] == ["nato", "kyiv"]


def test_archives_follow_the_site_time_zone(site_folder):
    site_folder.article("new-year", date="2023-12-31T23:30:00+00:00")  # 00:30 on 1 January in Berlin
    site = load_site(site_folder.root).site
    assert [(y.year, [m.month for m in y.months]) for y in site.years] == [(2024, [1])]


def test_a_story_gathers_its_articles_oldest_first(site_folder):
    site_folder.article("second", date="2023-06-14T10:00:00", story="summit")
    site_folder.article("first", date="2023-06-13T10:00:00", story="summit", source="state")
    site_folder.article("alone")
    stories = load_site(site_folder.root).site.stories
    assert list(stories) == ["summit"]
    assert stories["summit"].article_ids == ("2023/06/first", "2023/06/second")
    assert stories["summit"].title == "First"


def test_every_problem_is_reported_with_its_file_and_line(site_folder):
    site_folder.article("bad-date", date="2023-13-45")
    site_folder.article("bad-source", source="nowhere")
    with pytest.raises(ContentError) as caught:
        load_site(site_folder.root)
    shown = [str(p) for p in caught.value.problems]
    assert "content/articles/2023/13/bad-date.md:3: bad 'date' '2023-13-45': month must be in 1..12" in shown[1]
    assert shown[0].startswith("content/articles/2023/06/bad-source.md:4: unknown source 'nowhere'")
    assert "(known: state, wire)" in shown[0]


def test_more_on_this_tag_prefers_the_rarest_shared_tags_and_leaves_out_the_story(site_folder):
    common = ["Common"]
    site_folder.article("a", date="2023-06-10T10:00:00", tags=["Rare", *common], story=False)
    site_folder.article("b", date="2023-06-11T10:00:00", tags=["Rare", *common], story=False)
    site_folder.article("c", date="2023-06-12T10:00:00", tags=common, story=False)
    site_folder.article("d", date="2023-06-13T10:00:00", tags=common, story=False)
    site_folder.article("e", date="2023-06-14T10:00:00", tags=["Rare", *common], story="pinned")
    site_folder.article("f", date="2023-06-15T10:00:00", tags=["Rare"], story="pinned")
    related = load_site(site_folder.root).site.related
    ids = {name: f"2023/06/{name}" for name in "abcdef"}
    # a shares two tags with b and e; one with c, d and f; newest first among equals; four are shown
    assert related[ids["a"]] == (ids["e"], ids["b"], ids["f"], ids["d"])
    assert ids["f"] not in related[ids["e"]]  # the same story: shown as other coverage instead
    assert related[ids["f"]] == (ids["b"], ids["a"])  # no tag shared with c or d


def test_the_article_page_shows_more_on_its_rarest_tag(site_folder, tmp_path):
    from clippings.pipeline import BuildOptions, build

    site_folder.article("a", date="2023-06-10T10:00:00", tags=["Rare"], story=False)
    site_folder.article("b", date="2023-06-11T10:00:00", tags=["Rare"], story=False)
    build(site_folder.root, BuildOptions(out=tmp_path / "out", jobs=1))
    html = (tmp_path / "out/articles/2023/06/a/index.html").read_text(encoding="utf-8")
    box = html[html.index('<aside class="related-box"'):]
    box = box[:box.index("</aside>")]
    assert 'href="/sub/tags/rare/"' in box and 'href="/sub/articles/2023/06/b/"' in box
