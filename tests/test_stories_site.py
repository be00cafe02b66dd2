"""Automatic stories through the real command line: built story pages, `build.py stories`, and
bad `[stories]` settings or `story:` values."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO, build_ok, content_articles, copy_example_site, hrefs, main_of, page, run_cli

SEED_STORY = "2023-06-13-nato-chief-hopes-ukraine-offensive-will"  # the earliest seed's day and headline


def unpinned_example(dest: Path) -> Path:
    """The example archive with every `story:` line removed."""
    site = copy_example_site(dest)
    for file in (site / "content" / "articles").rglob("*.md"):
        file.write_text(re.sub(r"^story:.*\n", "", file.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8")
    return site


def set_front(file: Path, line: str) -> None:
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("---\n", f"---\n{line}\n", 1), encoding="utf-8")


def story_pages(out: Path) -> dict[str, list[str]]:
    """{story slug: the article pages its page links to}, read from the built story pages."""
    found = {}
    for file in sorted((out / "stories").glob("*/index.html")):
        links = hrefs(main_of(page(out, f"stories/{file.parent.name}/")))
        found[file.parent.name] = sorted({h for h in links if h.startswith("/articles/")})
    return found


def test_the_seed_captures_form_one_story_without_a_story_key(tmp_path):
    site = unpinned_example(tmp_path / "site")
    build_ok(site, tmp_path / "out")
    expected = sorted("/" + a.path for a in content_articles(site))
    assert len(expected) == 2
    assert story_pages(tmp_path / "out") == {SEED_STORY: expected}
    listing = hrefs(main_of(page(tmp_path / "out", "stories/")))
    assert f"/stories/{SEED_STORY}/" in listing


def test_story_false_keeps_an_article_out_and_a_pinned_slug_names_the_story(tmp_path):
    site = unpinned_example(tmp_path / "site")
    rt = next(site.glob("content/articles/2023/06/counteroffensive-*.md"))
    original = rt.read_text(encoding="utf-8")
    set_front(rt, "story: false")
    build_ok(site, tmp_path / "out")
    assert story_pages(tmp_path / "out") == {}
    # pinned instead: the story is the curator's, and the other seed, unpinned, joins it
    rt.write_text(original, encoding="utf-8")
    set_front(rt, "story: rt-pinned")
    build_ok(site, tmp_path / "out2")
    assert story_pages(tmp_path / "out2") == {"rt-pinned": sorted("/" + a.path for a in content_articles(site))}


def test_stories_settings_are_validated_at_their_line(tmp_path):
    site = copy_example_site(tmp_path / "site")
    config = site / "site.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[stories]\nwindow_days = "three"\nthreshold = 2\n'
                      "colour = 1\n", encoding="utf-8")
    lines = config.read_text(encoding="utf-8").splitlines()
    at = {key: lines.index(next(line for line in lines if line.startswith(key))) + 1
          for key in ("window_days", "threshold", "colour")}
    result = run_cli("build", "--site", str(site), "--out", str(tmp_path / "out"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: site.toml:{at['window_days']}: 'stories.window_days' must be a whole number (got 'three')",
        f"error: site.toml:{at['threshold']}: 'stories.threshold' must be between 0 and 1 (default 0.2; "
        "higher splits more)",
        f"error: site.toml:{at['colour']}: unknown setting 'stories.colour'",
    ]


def test_story_true_is_an_error_naming_the_file_and_line(tmp_path):
    site = unpinned_example(tmp_path / "site")
    rt = next(site.glob("content/articles/2023/06/counteroffensive-*.md"))
    set_front(rt, "story: true")
    result = run_cli("check", "--site", str(site))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"error: {rt.relative_to(site).as_posix()}:2: 'story' must be a story slug, or false" in result.stderr


def test_automatic_false_keeps_only_the_curators_stories(tmp_path):
    site = unpinned_example(tmp_path / "site")
    config = site / "site.toml"
    config.write_text(config.read_text(encoding="utf-8") + "\n[stories]\nautomatic = false\n", encoding="utf-8")
    build_ok(site, tmp_path / "out")
    assert story_pages(tmp_path / "out") == {}


def test_the_stories_command_lists_each_story_with_confidence_and_why(tmp_path):
    site = unpinned_example(tmp_path / "site")
    paths = sorted(a.file.relative_to(site).as_posix() for a in content_articles(site))
    result = run_cli("stories", "--site", str(site), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    (story,) = report["stories"]
    assert story["slug"] == SEED_STORY and story["automatic"] is True
    assert sorted(a["path"] for a in story["articles"]) == paths
    assert 0.2 <= story["confidence"] <= 1
    assert "Stoltenberg" in story["shared"]["names"] and "stoltenberg" in story["shared"]["terms"]
    assert report["near_misses"] == []  # nothing else to almost join

    text = run_cli("stories", "--site", str(site))
    assert text.returncode == 0, text.stderr
    assert f"{SEED_STORY}  (confidence {story['confidence']:.2f})" in text.stdout
    assert all(path in text.stdout for path in paths)
    assert "why: " in text.stdout


def test_the_stories_command_shows_pinned_stories_as_pinned():
    result = run_cli("stories", "--site", str(REPO))
    assert result.returncode == 0, result.stderr
    assert "nato-stoltenberg-counteroffensive-june-2023  (pinned)" in result.stdout
    assert result.stdout.count("[pinned]") == 2


# --- many unrelated articles -------------------------------------------------------------------

def _unrelated_site(root: Path) -> Path:
    """300 unrelated articles published within ten days: BBC articles from bench/corpus.py when
    ../shared is there (their dates squeezed together), invented ones otherwise."""
    sys.path.insert(0, str(REPO))
    from bench.corpus import have_bbc, make_corpus
    from bench.stories_dev import synthetic_rows, write_site

    if not have_bbc():
        return write_site(synthetic_rows(300, max_size=1), root)
    site = make_corpus(300, root)
    start = dt.datetime(2005, 3, 1, tzinfo=dt.UTC)
    for k, file in enumerate(sorted((site / "content" / "articles").rglob("*.md"))):
        when = start + dt.timedelta(minutes=48 * k)  # 30 a day
        text = re.sub(r"^date: .*$", f"date: {when:%Y-%m-%dT%H:%M:%SZ}", file.read_text(encoding="utf-8"),
                      count=1, flags=re.M)
        target = site / "content" / "articles" / f"{when:%Y}" / f"{when:%m}" / file.name
        file.unlink()
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return site


@pytest.mark.slow
def test_unrelated_articles_are_not_merged_into_a_few_big_stories(tmp_path):
    site = _unrelated_site(tmp_path / "site")
    build_ok(site, tmp_path / "out")
    found = story_pages(tmp_path / "out")
    sizes = sorted(len(links) for links in found.values())
    assert sum(sizes) <= 300 // 5, f"{sum(sizes)} of 300 unrelated articles were put in stories: {sizes}"
    assert max(sizes, default=0) <= 4, f"a story of {max(sizes)} unrelated articles"
