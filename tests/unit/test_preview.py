"""The preview's rebuilds, in-process: after each edit the live folder holds, file for file,
what a clean build of the same content gives (the search export apart: it follows later)."""

from __future__ import annotations

from pathlib import Path

import pytest

from clippings.errors import ContentError
from clippings.pipeline import BuildOptions, build
from clippings.preview.live import LiveFolder
from clippings.preview.rebuild import Rebuilder


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith("search/")}


def _clean(root: Path, out: Path) -> dict[str, bytes]:
    build(root, BuildOptions(out=out, jobs=1, fingerprint=False))
    return _tree(out)


@pytest.fixture
def preview(site_folder, tmp_path):
    live = LiveFolder(tmp_path / "live")
    return Rebuilder(site_folder.root, live, BuildOptions(out=live.path, jobs=1, fingerprint=False))


def test_edits_additions_renames_and_deletions_equal_clean_builds(site_folder, preview, tmp_path):
    one = site_folder.article("one", tags=["NATO"], story="summit")
    site_folder.article("two", date="2023-06-14T10:00:00", source="state", tags=["NATO", "Kiev"], story="summit")
    first = preview.rebuild()
    assert first.full and _tree(preview.live.path) == _clean(site_folder.root, tmp_path / "c0")

    steps = [
        lambda: one.write_text(one.read_text().replace("Text.", "Text, edited.")),
        lambda: site_folder.article("three", date="2023-07-01T10:00:00", tags=["Budget"]),
        lambda: one.rename(one.with_name("one-renamed.md")),
        lambda: (site_folder.root / "content/articles/2023/07/three.md").unlink(),
        lambda: site_folder.source("state", "name: State Television\ntype: state-controlled media\ncountry: RU\n"),
    ]
    for n, step in enumerate(steps, 1):
        step()
        outcome = preview.rebuild()
        assert not outcome.full
        assert _tree(preview.live.path) == _clean(site_folder.root, tmp_path / f"c{n}"), f"after step {n}"


def test_an_edit_renders_only_the_outputs_that_show_it(site_folder, preview):
    site_folder.article("one")
    site_folder.article("two", date="2023-06-14T10:00:00")
    site_folder.article("three", date="2023-09-14T10:00:00")
    first = preview.rebuild()
    path = site_folder.root / "content/articles/2023/09/three.md"
    path.write_text(path.read_text().replace("Text.", "Text, edited."))
    outcome = preview.rebuild([str(path)])
    assert 0 < outcome.pages < first.pages
    assert "articles/2023/09/three/index.html" in outcome.written
    assert "articles/2023/06/one/index.html" not in outcome.written  # not its neighbour: it shows nothing of it
    assert preview.search_stale


def test_broken_content_keeps_the_last_good_site(site_folder, preview):
    path = site_folder.article("one")
    preview.rebuild()
    before = _tree(preview.live.path)
    path.write_text("---\ntitle: [unclosed\n---\n")
    with pytest.raises(ContentError):
        preview.rebuild([str(path)])
    assert _tree(preview.live.path) == before


def test_the_preview_starts_from_the_stories_cache_a_build_left_and_saves_its_own(site_folder, preview, tmp_path):
    body = "NATO's secretary general Jens Stoltenberg said the alliance would meet in Vilnius in July."
    site_folder.article("nato-one", body=body)
    edited = site_folder.article("nato-two", date="2023-06-13T15:00:00", source="state", body=body + " He was sure.")
    _clean(site_folder.root, tmp_path / "c0")  # a build: it writes .cache/grouping.json
    saved = site_folder.root / ".cache" / "grouping.json"
    assert saved.is_file()

    preview.rebuild()
    assert preview.grouping is not None and preview.grouping.scored == 0  # every pair came from the file
    assert _tree(preview.live.path) == _tree(tmp_path / "c0")
    edited.write_text(edited.read_text().replace("He was sure.", "He was not sure at all."))
    preview.rebuild([str(edited)])
    assert preview.grouping.scored == 1  # the edited article against the other
    preview.save_caches()
    written = saved.stat().st_mtime_ns
    # the preview saved what it had grouped: the next build finds nothing to regroup or write
    assert _tree(preview.live.path) == _clean(site_folder.root, tmp_path / "c1")
    assert saved.stat().st_mtime_ns == written

    saved.unlink()
    fresh = Rebuilder(site_folder.root, LiveFolder(tmp_path / "live2"), preview.options)
    fresh.rebuild()
    assert fresh.grouping is not None and fresh.grouping.scored == 1  # without the file, the pair is scored
