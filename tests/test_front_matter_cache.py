"""Front matter kept in .cache/front-matter.json between builds: read back while a file's front
matter is the same text, parsed again once it changes, and a damaged file only costs time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import RT, build_ok, copy_example_site, read_html, run_cli

pytestmark = pytest.mark.slow  # end to end: through build.py

TITLE = "Counteroffensive will help Kiev in negotiations – NATO chief"


def _cache(site: Path) -> Path:
    return site / ".cache" / "front-matter.json"


def _title(out: Path) -> str:
    return read_html(out / RT / "index.html").one("h1").text()


def _tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _rt_file(site: Path) -> Path:
    return next((site / "content" / "articles").rglob("counteroffensive-will-help-*.md"))


def test_a_warm_build_reads_unchanged_front_matter_from_the_cache_and_an_edit_from_the_file(tmp_path):
    site = copy_example_site(tmp_path / "site")
    build_ok(site, tmp_path / "cold")
    assert _title(tmp_path / "cold") == TITLE
    data = json.loads(_cache(site).read_text(encoding="utf-8"))
    assert len(data["entries"]) == len(list((site / "content").rglob("*.md")))  # articles and sources
    # Only a build that reads the cache shows the planted title.
    for meta in data["entries"].values():
        if meta.get("title") == TITLE:
            meta["title"] = "zzplanted"
    _cache(site).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    build_ok(site, tmp_path / "warm")
    assert _title(tmp_path / "warm") == "zzplanted"

    rt = _rt_file(site)
    rt.write_text(rt.read_text(encoding="utf-8").replace("lang: en", "lang: en\nbyline: A. Writer"), encoding="utf-8")
    build_ok(site, tmp_path / "edited")
    assert _title(tmp_path / "edited") == TITLE  # new front matter: parsed from the file


@pytest.mark.parametrize("damage", ["", "{", '{"version": 99, "entries": {}}', '{"entries": [1]}', "[1, 2]", "null"])
def test_a_damaged_or_foreign_cache_gives_the_same_site(tmp_path, damage):
    site = copy_example_site(tmp_path / "site")
    build_ok(site, tmp_path / "first")
    _cache(site).write_text(damage, encoding="utf-8")
    result = build_ok(site, tmp_path / "second")
    assert result.stderr == ""
    assert _tree(tmp_path / "first") == _tree(tmp_path / "second")
    assert json.loads(_cache(site).read_text(encoding="utf-8"))["entries"]  # written again


def test_front_matter_json_cannot_hold_is_parsed_each_time_and_errors_are_never_kept(tmp_path):
    site = copy_example_site(tmp_path / "site")
    rt = _rt_file(site)
    original = rt.read_text(encoding="utf-8")
    # A number as a key (kept for templates as site.extra) would come back from JSON as text.
    rt.write_text(original.replace("lang: en", "lang: en\nscores:\n  1: one"), encoding="utf-8")
    build_ok(site, tmp_path / "cold")
    build_ok(site, tmp_path / "warm")
    assert _tree(tmp_path / "cold") == _tree(tmp_path / "warm")
    cached = json.loads(_cache(site).read_text(encoding="utf-8"))["entries"].values()
    assert not any(meta.get("title") == TITLE for meta in cached)

    rt.write_text(original.replace("lang: en", "lang: [en"), encoding="utf-8")
    for _ in range(2):  # the same error, with its line, on every build
        result = run_cli("build", "--site", str(site), "--out", str(tmp_path / "bad"), "--quiet")
        assert result.returncode != 0
        assert "counteroffensive-will-help" in result.stderr and ":7:" in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
