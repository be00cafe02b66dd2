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
