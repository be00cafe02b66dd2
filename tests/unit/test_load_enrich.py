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
