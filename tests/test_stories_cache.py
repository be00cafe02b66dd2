"""The automatic stories' cache across builds (``.cache/grouping.json``), through build.py: a warm
build that groups from the file makes the very same site as a cold one, edits made after it was
saved regroup as from scratch, and a damaged file is ignored (the build succeeds, the same)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from clippings.enrich.grouping import Settings, store
from tests.helpers import REPO, build_ok

sys.path.insert(0, str(REPO))
from bench.stories_dev import synthetic_rows, write_site

pytestmark = pytest.mark.slow


def _site(root: Path) -> Path:
    """Invented events of one to three articles each, some sharing a quote (never ../shared)."""
    return write_site(synthetic_rows(30), root)


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _stories(tree: dict[str, bytes]) -> dict[str, bytes]:
    """Every story page, story.json and story feed."""
    return {path: data for path, data in tree.items() if path.startswith("stories/")}


def _cache_file(site: Path) -> Path:
    return site / ".cache" / "grouping.json"


def test_a_warm_build_grouped_from_the_file_equals_the_cold_build(tmp_path):
    site = _site(tmp_path / "site")
    build_ok(site, tmp_path / "cold")
    saved = _cache_file(site)
    articles = list((site / "content" / "articles").rglob("*.md"))
    assert len(store.load(saved, Settings()).members) == len(articles)
    written = (saved.stat().st_mtime_ns, saved.read_bytes())

    build_ok(site, tmp_path / "warm")  # another folder: everything is rendered again, from the cache
    cold, warm = _tree(tmp_path / "cold"), _tree(tmp_path / "warm")
    assert sum(path.endswith("/story.json") for path in _stories(cold)) >= 5  # the comparison is about something
    assert _stories(warm) == _stories(cold)
    assert warm == cold
    # The file fit (a refused one would have been replaced by a new one) and, nothing having
    # changed, it was not written again.
    assert (saved.stat().st_mtime_ns, saved.read_bytes()) == written


def test_edits_after_the_cache_was_saved_regroup_as_a_build_from_scratch_does(tmp_path):
    site = _site(tmp_path / "site")
    build_ok(site, tmp_path / "cold")
    files = sorted((site / "content" / "articles").rglob("*.md"))
    member = re.compile(r'"/articles/([^"]+)/"')
    in_stories = sorted({m for data in _stories(_tree(tmp_path / "cold")).values()
                         for m in member.findall(data.decode("utf-8", "replace"))})
    first, second = (next(f for f in files if f.stem == Path(path).name) for path in in_stories[:2])
    # one member of a story rewritten in another event's words, one deleted, another copied anew
    first.write_text(first.read_text(encoding="utf-8").split("---\n\n")[0] + "---\n\n"
                     + files[-1].read_text(encoding="utf-8").split("---\n\n", 1)[1], encoding="utf-8")
    copy = second.with_name("a-second-report.md")
    copy.write_text(second.read_text(encoding="utf-8"), encoding="utf-8")
    second.unlink()
    build_ok(site, tmp_path / "warm")

    fresh = tmp_path / "fresh"
    shutil.copytree(site, fresh, ignore=shutil.ignore_patterns(".cache", "_site"))
    build_ok(fresh, tmp_path / "clean")
    warm, clean = _tree(tmp_path / "warm"), _tree(tmp_path / "clean")
    assert _stories(warm) != _stories(_tree(tmp_path / "cold"))  # the edits changed the stories
    assert _stories(warm) == _stories(clean)
    assert warm == clean


def _damaged(data: bytes) -> dict[str, bytes]:
    header, body = data.split(b"\n", 1)
    middle = len(body) // 2
    return {
        "cut short": data[:len(data) // 3],
        "a changed byte": header + b"\n" + body[:middle] + bytes([body[middle] ^ 4]) + body[middle + 1:],
        "not JSON": b"\x00\xffnot a cache",
        "another version's": re.sub(rb'"stamp": "[0-9a-f]+"', b'"stamp": "' + b"0" * 32 + b'"', header) + b"\n" + body,
    }


def test_a_damaged_cache_file_is_ignored_and_the_build_is_the_same(tmp_path):
    site = _site(tmp_path / "site")
    build_ok(site, tmp_path / "cold")
    cold = _tree(tmp_path / "cold")
    saved = _cache_file(site)
    good = saved.read_bytes()
    for n, (damage, data) in enumerate(_damaged(good).items()):
        saved.write_bytes(data)
        assert not store.load(saved, Settings()).members, damage
        result = build_ok(site, tmp_path / f"out{n}")
        assert result.stderr == "", damage
        assert _tree(tmp_path / f"out{n}") == cold, damage
        assert saved.read_bytes() == good, damage  # made again, as the cold build made it
