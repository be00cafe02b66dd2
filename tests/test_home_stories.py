"""The home page leads with the latest stories: of the ten most recent stories, the five with the
most outlets (then the newest), each with its title, its page, how many outlets and which (their
labels); on page 1 only. Built through build.py from content the test writes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.helpers import (
    LABELS,
    Node,
    build_site,
    copy_example_site,
    main_of,
    page,
    parse_when,
    set_per_page,
    write_article,
)

pytestmark = pytest.mark.slow

BASE = "https://user.github.io/archive/"
PREFIX = "/archive/"
SEED = "stories/nato-stoltenberg-counteroffensive-june-2023/"
MORE_SOURCES = {  # key: (name, type, label): the label is set, so the expected text is the content's
    "ap": ("Associated Press", "news agency", "US news agency"),
    "bbc": ("BBC News", "public broadcaster", "British public broadcaster"),
    "tass": ("TASS", "state-controlled media", "Russian state news agency"),
}
ORDER = ["dpa", "rt", "ap", "bbc", "tass"]
# Stories s01 … s11 on 1 … 11 July 2023 (after the seeds' June story) with this many outlets each.
OUTLETS = {1: 5, 2: 2, 3: 5, 4: 1, 5: 3, 6: 2, 7: 1, 8: 4, 9: 2, 10: 3, 11: 1}
# The ten most recent are s11 … s02 (s01, the seed story and "wide-old" are older); of those the
# most outlets: s03 (5), s08 (4), then s10 and s05 (3: the newer first), then s09 (2, the newest of
# the three with two). s01 has five outlets too, but is the eleventh most recent.
EXPECTED = ["s03", "s08", "s10", "s05", "s09"]


def story_members(number: int) -> list[tuple[str, str]]:
    """(source, ISO date) of each article of story s<number>: outlets in ORDER, an hour apart; the
    first outlet reports twice (an article count unlike the outlet count)."""
    day = dt.datetime(2023, 7, number, 8, 0)
    members = [(key, (day + dt.timedelta(hours=i)).isoformat()) for i, key in enumerate(ORDER[:OUTLETS[number]])]
    return [*members, (ORDER[0], (day + dt.timedelta(hours=6)).isoformat())]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("home-stories")
    site = copy_example_site(root / "site")
    set_per_page(site, 5)
    for key, (name, kind, label) in MORE_SOURCES.items():
        (site / "content/sources" / f"{key}.md").write_text(
            f'---\nname: "{name}"\ntype: {kind}\nlabel: "{label}"\n---\n\nAn outlet.\n', encoding="utf-8")
    for number in OUTLETS:
        for i, (source, date) in enumerate(story_members(number)):
            write_article(site, f"s{number:02d}-{i}", date, source, f"Story {number}, report {i}", ("Talks",),
                          story=f"s{number:02d}", body=f"Report {i} on event {number}.")
    for i, source in enumerate(ORDER):  # the widest story of all, but months old
        write_article(site, f"wide-old-{i}", f"2023-01-0{i + 1}T08:00:00", source, f"Old report {i}",
                      story="wide-old")
    return site, build_site(site, root / "out", BASE)


def section(doc: Node) -> Node | None:
    return main_of(doc).find("section", "latest-stories")


def labels() -> dict[str, str]:
    return {**LABELS, **{key: label for key, (_, _, label) in MORE_SOURCES.items()}}


def test_home_leads_with_the_most_widely_covered_of_the_latest_stories(built):
    _, out = built
    home = main_of(page(out, ""))
    lead = section(home)
    assert lead is not None
    order = [n for n in home.iter() if n.matches("section", "latest-stories") or n.matches("article", "card")]
    assert order[0] is lead and len(order) == 6, "the stories come before the page's five articles"
    assert lead.one("h2").text() == "Latest stories"
    teasers = lead.find_all("li", "story-teaser")
    slugs = [t.one(cls="story-teaser-title").one("a")["href"].removeprefix(PREFIX + "stories/").strip("/")
             for t in teasers]
    assert slugs == EXPECTED
    for teaser, slug in zip(teasers, slugs, strict=True):
        number = int(slug[1:])
        members = story_members(number)
        link = teaser.one(cls="story-teaser-title").one("a")
        assert link.text() == f"Story {number}, report 0"  # no story file: its first article's headline
        assert (out / "stories" / slug / "index.html").is_file()
        outlets = OUTLETS[number]
        meta = teaser.one("p", "meta").text()
        assert meta.startswith(f"{outlets} outlet{'' if outlets == 1 else 's'} · {len(members)} articles · ")
        badges = teaser.find_all("a", "badge")
        assert [b.one(cls="badge-label").text() for b in badges] == [labels()[k] for k in ORDER[:outlets]]
        assert [b["href"] for b in badges] == [f"{PREFIX}sources/{k}/" for k in ORDER[:outlets]]
        newest = max(parse_when(date)[0] for _, date in members)
        assert parse_when(teaser.one("time")["datetime"])[0] == newest
    assert PREFIX + "stories/" in [a["href"] for a in lead.find_all("a")]


def test_the_latest_stories_are_on_page_one_only(built):
    _, out = built
    assert (out / "page/2/index.html").is_file()
    for number in range(2, len(list((out / "page").iterdir())) + 2):
        assert section(page(out, f"page/{number}/")) is None


def test_the_example_home_leads_with_its_dpa_and_rt_story(out):
    lead = section(page(out, ""))
    assert lead is not None
    [teaser] = lead.find_all("li", "story-teaser")
    assert teaser.one(cls="story-teaser-title").one("a")["href"] == "/archive/" + SEED
    assert teaser.one(cls="story-teaser-title").text() == "Stoltenberg on Ukraine's counteroffensive and negotiations"
    assert teaser.one("p", "meta").text().startswith("2 outlets · 2 articles · latest report 14 June 2023, 05:23")
    assert [b.one(cls="badge-label").text() for b in teaser.find_all("a", "badge")] == [LABELS["dpa"], LABELS["rt"]]


def test_a_home_without_stories_has_no_story_section(tmp_path):
    site = copy_example_site(tmp_path / "site")
    for file in (site / "content/articles").rglob("*.md"):
        text = file.read_text(encoding="utf-8")
        file.write_text("\n".join("story: false" if line.startswith("story:") else line
                                  for line in text.split("\n")), encoding="utf-8")
    out = build_site(site, tmp_path / "out", BASE)
    home = main_of(page(out, ""))
    assert section(home) is None
    assert len(home.find_all("article", "card")) == 2
