"""Story evidence kept in .cache/evidence.json between builds: reused while the story's articles
stay the same, found again when one changes, and a damaged file only costs time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import build_ok, copy_example_site

pytestmark = pytest.mark.slow  # end to end: through build.py

SLUG = "nato-stoltenberg-counteroffensive-june-2023"
WORD = "negotiating"  # in the Stoltenberg quote both outlets printed


def _story_page(out: Path) -> str:
    return (out / "stories" / SLUG / "index.html").read_text(encoding="utf-8")


def _cache(site: Path) -> Path:
    return site / ".cache" / "evidence.json"


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _plant(site: Path, marker: str) -> None:
    """Rewrite the cached evidence's quotes so that only a build that reads the file shows ``marker``."""
    data = json.loads(_cache(site).read_text(encoding="utf-8"))
    (story,) = data["stories"].values()
    text = json.dumps(story, ensure_ascii=False)
    assert WORD in text
    data["stories"] = {key: json.loads(text.replace(WORD, marker)) for key in data["stories"]}
    _cache(site).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_warm_build_reuses_the_evidence_until_an_article_of_the_story_changes(tmp_path):
    site = copy_example_site(tmp_path / "site")
    build_ok(site, tmp_path / "cold")
    assert WORD in _story_page(tmp_path / "cold") and _cache(site).is_file()

    _plant(site, "zzplanted")
    build_ok(site, tmp_path / "warm")
    assert "zzplanted" in _story_page(tmp_path / "warm")  # read from the file, not found again

    rt = next((site / "content" / "articles").rglob("counteroffensive-will-help-*.md"))
    rt.write_text(rt.read_text(encoding="utf-8") + "\n\nOne more paragraph.\n", encoding="utf-8")
    build_ok(site, tmp_path / "edited")
    page = _story_page(tmp_path / "edited")
    assert "zzplanted" not in page and WORD in page  # the story's input changed: found again


@pytest.mark.parametrize("damage", ["", "{", '{"stamp": "other", "stories": {}}', '{"stamp": 1}', "[1, 2]",
                                    "null"])
def test_a_damaged_or_foreign_evidence_file_gives_the_same_site(tmp_path, damage):
    site = copy_example_site(tmp_path / "site")
    build_ok(site, tmp_path / "first")
    _cache(site).write_text(damage, encoding="utf-8")
    result = build_ok(site, tmp_path / "second")
    assert result.stderr == ""
    assert _tree(tmp_path / "first") == _tree(tmp_path / "second")
    assert json.loads(_cache(site).read_text(encoding="utf-8"))["stories"]  # written again


def test_evidence_read_back_from_the_file_gives_the_same_site(tmp_path):
    site = copy_example_site(tmp_path / "site")
    build_ok(site, tmp_path / "cold")
    saved = _cache(site).read_bytes()
    build_ok(site, tmp_path / "warm")
    assert _tree(tmp_path / "cold") == _tree(tmp_path / "warm")
    assert _cache(site).read_bytes() == saved  # nothing new: not written again
