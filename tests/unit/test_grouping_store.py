"""The grouping cache in a file (clippings/enrich/grouping/store.py): what is read back is what
was saved, grouping with it gives what grouping from nothing gives, and a file that does not
fit (other settings, other code, damage) is never believed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from clippings.enrich.grouping import GroupingCache, Item, Settings, group, store
from clippings.enrich.grouping.cluster import MODEL
from tests.test_stories_grouping import _edits, seeds, unrelated, variant


def _items() -> list[Item]:
    start = dt.datetime(2023, 6, 8, tzinfo=dt.UTC)
    return [*seeds(), *unrelated(60, start), *(variant(s, f"2023/06/again-{k}", days=0.5) for k, s in
                                               enumerate(seeds()))]


def _saved(tmp_path: Path, items: list[Item], settings: Settings | None = None) -> tuple[GroupingCache, Path]:
    settings = settings or Settings()
    cache = GroupingCache(window_days=settings.window_days)
    group(items, settings, cache)
    path = tmp_path / "grouping.json"
    store.save(path, cache, settings)
    return cache, path


def _by_day(cache: GroupingCache) -> dict[int, set[str]]:
    return {day: ids for day, ids in cache.by_day.items() if ids}


def test_what_is_read_back_is_what_was_saved(tmp_path):
    items = _items()
    cache, path = _saved(tmp_path, items)
    assert any(f.quotes for f in cache.features.values())  # the seeds quote Stoltenberg: shingles are covered
    loaded = store.load(path, Settings())
    assert loaded.digested and not loaded.unsaved
    assert {a: m.day for a, m in loaded.members.items()} == {a: m.day for a, m in cache.members.items()}
    assert _by_day(loaded) == _by_day(cache)
    assert loaded.pairs == cache.pairs and loaded.weights == cache.weights
    assert loaded.weighed_for == cache.weighed_for

    again = group(items, Settings(), loaded)  # gives each article its content key back
    assert again == group(items, Settings(), GroupingCache())
    assert loaded.scored == 0  # nothing was scored again ...
    assert not loaded.unsaved  # ... and nothing changed, so a build would not write the file again
    members = [(a, m.key, m.day) for a, m in cache.members.items()]
    assert [(a, m.key, m.day) for a, m in loaded.members.items()] == members
    assert loaded.features.keys() == cache.features.keys()
    for aid in cache.members:
        mine, theirs = loaded.features_of(aid), cache.features_of(aid)
        assert mine == theirs and mine.shingles == theirs.shingles
        assert list(mine.terms) == list(theirs.terms)  # in the same order, which breaks ties the same way
    assert loaded.evidence == cache.evidence and loaded.evidence


@pytest.mark.parametrize("window", [3, 1])
def test_edits_after_the_file_was_saved_regroup_as_from_scratch(tmp_path, window):
    settings = Settings(window_days=window)
    items = _items()
    _, path = _saved(tmp_path, items, settings)
    loaded = store.load(path, settings)
    edited = _edits(items)
    fresh = GroupingCache(window_days=window)
    assert group(edited, settings, loaded) == group(edited, settings, fresh)
    assert 0 < loaded.scored < fresh.scored / 5 and loaded.unsaved
    assert loaded.pairs == fresh.pairs and loaded.features.keys() == fresh.features.keys()
    # and saved again, it reads back as the regrouped cache
    store.save(path, loaded, settings)
    assert not loaded.unsaved
    assert store.load(path, settings).pairs == fresh.pairs


def test_an_article_left_out_and_a_pinned_one_are_weighed_as_from_scratch(tmp_path):
    items = _items()
    _, path = _saved(tmp_path, items)
    changed = [dataclasses.replace(i, auto=False) if i.id.endswith("unrelated-3") else
               dataclasses.replace(i, story="pinned") if i.id.endswith("again-0") else i for i in items]
    loaded = store.load(path, Settings())
    assert group(changed, Settings(), loaded) == group(changed, Settings(), GroupingCache())


def test_other_settings_or_code_start_from_nothing_but_the_threshold_does_not(tmp_path):
    _, path = _saved(tmp_path, _items())
    assert store.load(path, Settings(threshold=0.5)).members  # it only decides how the weights are joined
    other_model = dataclasses.replace(MODEL, intercept=MODEL.intercept + 0.5)
    for settings in (Settings(window_days=2), Settings(model=other_model)):
        cache = store.load(path, settings)
        assert not cache.members and not cache.pairs and cache.window_days == settings.window_days
    header, body = path.read_bytes().split(b"\n", 1)
    older = json.loads(header) | {"stamp": "0" * 32}  # what another version of the code wrote
    path.write_bytes(json.dumps(older).encode() + b"\n" + body)
    assert not store.load(path, Settings()).members


def _damaged(data: bytes) -> list[bytes]:
    header, body = data.split(b"\n", 1)
    middle = len(body) // 2
    flipped = body[:middle] + bytes([body[middle] ^ 1]) + body[middle + 1:]
    return [b"", data[:len(data) // 2], header, header + b"\n" + flipped, header + b"\n" + body[:-1],
            b"\xff\xfe garbage", b"[]", b"{}\n{}", b'{"stamp": null}\n', header + b"\n[1, 2, 3]"]


def test_a_damaged_file_is_ignored_and_grouping_goes_on_as_from_scratch(tmp_path):
    items = _items()
    _, path = _saved(tmp_path, items)
    expected = group(items, Settings(), GroupingCache())
    for n, data in enumerate(_damaged(path.read_bytes())):
        path.write_bytes(data)
        cache = store.load(path, Settings())
        assert not cache.members and not cache.digested, f"damage {n}"
        assert group(items, Settings(), cache) == expected
    assert not store.load(tmp_path / "missing.json", Settings()).members


def test_a_foreign_body_with_a_matching_digest_is_still_refused(tmp_path):
    """A file written by something else that got the header right: checked as it is read."""
    _, path = _saved(tmp_path, _items())
    header = json.loads(path.read_bytes().split(b"\n", 1)[0])
    for body in ({"articles": [[1, "x", 3]]}, {"articles": [["a", "x", 3], ["a", "x", 3]]},
                 {"articles": [["a", "x", 3]], "features": {}}, [], {"articles": "abc"}):
        data = json.dumps(body).encode()
        path.write_bytes(json.dumps(header | {"digest": store._digest(data)}).encode() + b"\n" + data)
        assert not store.load(path, Settings()).members


def test_saving_leaves_no_temporary_file_even_when_it_fails(tmp_path):
    cache, path = _saved(tmp_path, _items())
    assert [p.name for p in tmp_path.iterdir()] == ["grouping.json"]
    path.unlink()
    path.mkdir()  # os.replace cannot put a file there
    (path / "in-the-way").write_text("x")
    with pytest.raises(OSError):
        store.save(path, cache, Settings())
    assert [p.name for p in tmp_path.iterdir()] == ["grouping.json"]
