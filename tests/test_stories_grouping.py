"""The automatic grouping as a pure function (clippings/enrich/grouping): in-process, no build.

Articles are the example archive's two seed captures (dpa and RT on Stoltenberg, 13-14 June
2023, their `story:` key ignored), close variants of them, and invented unrelated articles.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

import pytest

from clippings.enrich.grouping import Grouping, GroupingCache, Item, Settings, group, near_misses
from tests.helpers import REPO, content_articles

DPA_ID = "2023/06/nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate"
RT_ID = "2023/06/counteroffensive-will-help-kiev-in-negotiations-nato-chief"

_WORDS = ("harbour ferry timetable council vote bridge toll cyclists museum exhibition painter festival "
          "orchestra violin tenor stadium striker penalty referee league vaccine clinic nurses hospital "
          "wheat harvest drought farmers rainfall satellite launch orbit engineers rocket bakery flour "
          "bread prices strike union railway signal tunnel volcano ash flights airport glacier melting "
          "scientists survey whales migration coast fishing quota trawler lighthouse keeper storm").split()


def seeds() -> list[Item]:
    """The two seed articles as the build turns them into grouping items, without `story:`."""
    found = []
    for a in content_articles(REPO):
        aid = a.path.removeprefix("articles/").rstrip("/")
        found.append(Item(id=aid, headline=a.meta["title"], dek=a.meta.get("summary", ""), text=a.body,
                          published=a.when, source=a.meta["source"]))
    return sorted(found, key=lambda i: i.published)


def unrelated(n: int, start: dt.datetime, seed: int = 1) -> list[Item]:
    """Invented articles, each about its own made-up subject in its own words, a few a day (the
    slow corpus test in test_stories_site.py checks real unrelated articles)."""
    rng = random.Random(seed)
    items = []
    for k in range(n):
        own = ["".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3)) for _ in range(25)]
        words = [rng.choice(own) if rng.random() < 0.9 else rng.choice(_WORDS) for _ in range(150)]
        items.append(Item(id=f"2023/06/unrelated-{k}", headline=" ".join(own[:5] + rng.sample(_WORDS, 1)).capitalize(),
                          dek="", text=" ".join(words) + ".", published=start + dt.timedelta(hours=6 * k),
                          source=f"outlet-{k % 5}"))
    return items


def variant(item: Item, aid: str, days: float, source: str = "other") -> Item:
    """Another outlet's version of the same report, ``days`` later."""
    return dataclasses.replace(item, id=aid, source=source, published=item.published + dt.timedelta(days=days),
                               text=item.text + "\n\nThe alliance's members meet again next month.")


def stories(grouping: Grouping) -> dict[str, tuple[str, ...]]:
    return {g.slug: g.article_ids for g in grouping.groups}


def test_the_two_seed_reports_form_one_story_without_a_story_key():
    grouping = group(seeds())
    assert stories(grouping) == {"2023-06-13-nato-chief-hopes-ukraine-offensive-will": (DPA_ID, RT_ID)}
    (story,) = grouping.groups
    assert story.automatic
    assert Settings().threshold <= story.confidence <= 1
    assert "Stoltenberg" in story.evidence.names
    assert {"nato", "stoltenberg"} <= set(story.evidence.terms)
    assert story.headline in {i.headline for i in seeds()}


def test_a_group_of_one_is_no_story_and_unrelated_articles_stay_apart():
    start = dt.datetime(2023, 6, 1, tzinfo=dt.UTC)
    assert group(seeds()[:1]).groups == ()
    assert group(unrelated(40, start)).groups == ()
    # with unrelated articles around them, the seeds still find each other, and only each other
    grouping = group([*seeds(), *unrelated(60, start + dt.timedelta(days=9))])
    assert list(stories(grouping).values()) == [(DPA_ID, RT_ID)]


def test_a_pinned_story_always_wins():
    dpa, rt = seeds()
    other = unrelated(1, rt.published)[0]
    grouping = group([dataclasses.replace(dpa, story="dpa-version"), dataclasses.replace(rt, story="rt-version"),
                      dataclasses.replace(other, story="rt-version")])
    assert stories(grouping) == {"dpa-version": (DPA_ID,), "rt-version": (RT_ID, other.id)}
    assert all(not g.automatic and g.confidence is None for g in grouping.groups)


def test_an_article_without_a_key_may_join_a_pinned_story():
    dpa, rt = seeds()
    grouping = group([dataclasses.replace(dpa, story="stoltenberg"), rt])
    (story,) = grouping.groups
    assert (story.slug, story.article_ids, story.automatic) == ("stoltenberg", (DPA_ID, RT_ID), True)


def test_story_false_keeps_an_article_out_of_every_automatic_story():
    dpa, rt = seeds()
    assert group([dpa, dataclasses.replace(rt, auto=False)]).groups == ()
    copy = variant(dpa, "2023/06/copy", days=0.5)
    assert stories(group([dpa, copy, dataclasses.replace(rt, auto=False)])) == {
        "2023-06-13-nato-chief-hopes-ukraine-offensive-will": (DPA_ID, copy.id)}


def test_a_later_article_joining_keeps_the_slug_and_the_title():
    before = group(seeds()).groups[0]
    later = variant(seeds()[1], "2023/06/later", days=1)
    after = group([*seeds(), later]).groups
    assert [(g.slug, g.headline) for g in after] == [(before.slug, before.headline)]
    assert after[0].article_ids == (DPA_ID, RT_ID, later.id)


def test_the_slug_follows_the_earliest_article_when_it_goes():
    """The documented rule: a story is named after its earliest article; if that one is deleted
    (or an earlier one joins), the slug moves: pin the articles with `story:` to keep a URL."""
    dpa, rt = seeds()
    copy = variant(rt, "2023/06/copy", days=0.2)
    rt_slug = "2023-06-14-counteroffensive-will-help-kiev-in-negotiations"
    assert stories(group([rt, copy])) == {rt_slug: (RT_ID, copy.id)}
    assert [g.slug for g in group([dpa, rt, copy]).groups] == ["2023-06-13-nato-chief-hopes-ukraine-offensive-will"]


def test_the_same_topic_days_later_is_a_linked_story_not_the_same_one():
    dpa, rt = seeds()
    day_one = [dpa, variant(dpa, "2023/06/dpa-copy", days=0.1)]
    # three days on: the same words plus the next development, twice
    development = "Stoltenberg said the alliance summit in Vilnius agreed new air defence for Ukraine."
    later = [dataclasses.replace(rt, published=rt.published + dt.timedelta(days=2), text=development + rt.text),
             dataclasses.replace(variant(rt, "2023/06/rt-copy", days=2.1), text=development + rt.text)]
    grouping = group([*day_one, *later])
    first, second = grouping.groups  # by slug, which starts with the first day
    assert set(first.article_ids) == {d.id for d in day_one} and set(second.article_ids) == {d.id for d in later}
    assert (first.later, second.earlier) == ((second.slug,), (first.slug,))


def test_near_misses_name_the_closest_pair_of_two_stories_kept_apart():
    dpa, rt = seeds()
    items = [dpa, rt]
    cache = GroupingCache()
    grouping = group(items, Settings(threshold=0.99), cache)  # so strict that the seeds stay apart
    assert grouping.groups == ()
    (miss,) = near_misses(grouping, items, cache)
    assert {miss.a, miss.b} == {DPA_ID, RT_ID} and miss.story_a is None and miss.story_b is None
    assert 0.25 <= miss.weight < 0.99 and "Stoltenberg" in miss.evidence.names


def _edits(items: list[Item]) -> list[Item]:
    """An edited text, a moved date, a deleted and an added article."""
    changed = list(items)
    changed[3] = dataclasses.replace(changed[3], text=changed[3].text + " A sentence added later.")
    changed[7] = dataclasses.replace(changed[7], published=changed[7].published + dt.timedelta(days=1))
    del changed[11]
    changed.append(variant(seeds()[0], "2023/06/added", days=0.3))
    return changed


@pytest.mark.parametrize("window", [3, 1])
def test_an_incremental_regroup_equals_one_from_scratch(window):
    start = dt.datetime(2023, 6, 8, tzinfo=dt.UTC)
    items = [*seeds(), *unrelated(60, start), *(variant(s, f"2023/06/again-{k}", days=0.5) for k, s in
                                                   enumerate(seeds()))]
    settings = Settings(window_days=window)
    cache = GroupingCache()
    group(items, settings, cache)
    from_scratch_cost = cache.scored
    edited = _edits(items)
    before = cache.scored
    incremental = group(edited, settings, cache)
    fresh = GroupingCache()
    assert incremental == group(edited, settings, fresh)
    assert incremental.groups  # the comparison is about something
    # only the edited, moved and added articles were scored again, against their candidates only
    assert 0 < cache.scored - before < from_scratch_cost / 5
    assert cache.pairs == fresh.pairs and cache.features.keys() == fresh.features.keys()


def test_unchanged_articles_are_not_scored_again():
    items = [*seeds(), *unrelated(30, dt.datetime(2023, 6, 10, tzinfo=dt.UTC))]
    cache = GroupingCache()
    first = group(items, Settings(), cache)
    before = cache.scored
    assert group(items, Settings(), cache) == first
    assert cache.scored == before
