"""The preview rebuilds only what an edit affects, and the result is exactly a clean build.

Through ``python build.py serve --out``: a scripted sequence of edits, additions, renames and
deletions of articles, sources, stories, templates, stylesheets, media and site.toml, each
waited for; then the output is compared file for file with a fresh ``serve`` of the final
content. An in-process run of the same rebuilder over random edits checks it more widely.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from clippings.pipeline import BuildOptions, build
from clippings.preview.live import LiveFolder
from clippings.preview.rebuild import Rebuilder
from tests.helpers import REPO
from tests.preview import start_preview, tree

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus


def _copy(corpus_site: Path, dest: Path) -> Path:
    shutil.copytree(corpus_site, dest, ignore=shutil.ignore_patterns("_site"))
    return dest


def _set(path: Path, key: str, value: str) -> None:
    text = path.read_text()
    new, n = re.subn(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M)
    if not n:
        new = text.replace("---\n", f"---\n{key}: {value}\n", 1)
    path.write_text(new)


def _source_of(article: Path) -> str:
    return re.search(r"^source: (.*)$", article.read_text(), re.M).group(1).strip()


def _new_article(site: Path, name: str, source: str, extra: str = "") -> Path:
    folder = site / "content" / "articles" / "2030" / "01"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(f"---\ntitle: \"{name.replace('-', ' ').title()}\"\ndate: 2030-01-02T10:00:00Z\n"
                    f"source: {source}\ntags: [Fresh Tag, sport]\n{extra}---\n\nA paragraph of {name}.\n")
    return path


def _edits(site: Path) -> list[tuple[str, callable]]:
    articles = sorted((site / "content" / "articles").rglob("*.md"))
    sources = sorted((site / "content" / "sources").glob("*.md"))
    a, b, c, d, f = articles[3], articles[40], articles[77], articles[120], articles[200]
    source = _source_of(a)
    theme = REPO / "themes" / "default"
    (site / "templates" / "partials").mkdir(parents=True)
    (site / "static").mkdir()

    def burst() -> None:  # like a `git checkout`: many files at once
        for n, article in enumerate(articles[210:230]):
            article.write_text(article.read_text() + f"\nBurst edit {n}.\n")

    def media() -> None:
        (site / "content" / "media").mkdir(exist_ok=True)
        (site / "content" / "media" / "chart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')

    return [
        ("edit a body", lambda: a.write_text(a.read_text() + "\nA closing paragraph added in the preview.\n")),
        ("edit a title", lambda: _set(b, "title", '"A headline rewritten"')),
        ("change tags", lambda: _set(c, "tags", "[Brand New Tag, sport, Politics]")),
        ("move in time", lambda: _set(d, "date", "2031-05-06T07:08:00Z")),
        ("add an article", lambda: _new_article(site, "fresh-report", source, "story: fresh-story\n")),
        ("add to its story", lambda: _new_article(site, "second-report", _source_of(f), "story: fresh-story\n")),
        ("rename a file", lambda: (site / "content/articles/2030/01/fresh-report.md").rename(
            site / "content/articles/2030/01/renamed-report.md")),
        ("delete an article", lambda: f.unlink()),
        ("describe the story", lambda: (site / "content" / "stories").mkdir() or
         (site / "content/stories/fresh-story.md").write_text("---\ntitle: A fresh story\n---\n\nWhat happened.\n")),
        ("rename a source", lambda: _set(sources[0], "name", "Renamed Outlet")),
        ("override a template", lambda: (site / "templates/partials/card.html").write_text(
            (theme / "templates/partials/card.html").read_text().replace('class="card"', 'class="card custom"'))),
        ("override the stylesheet", lambda: (site / "static/style.css").write_text(
            (theme / "static/style.css").read_text() + "\n.custom { outline: 1px solid; }\n")),
        ("edit the stylesheet", lambda: (site / "static/style.css").write_text(
            (site / "static/style.css").read_text() + "\n.card { padding: 2px; }\n")),
        ("a burst of edits", burst),
        ("add a media file", media),
        ("drop the template override", lambda: (site / "templates/partials/card.html").unlink()),
        ("draft an article", lambda: _set(b, "draft", "true")),
        ("change site.toml", lambda: (site / "site.toml").write_text(
            (site / "site.toml").read_text().replace('title = "', 'title = "Edited: ', 1))),
        ("edit after the settings", lambda: a.write_text(a.read_text() + "\nAnd one more.\n")),
    ]


def test_rebuilds_equal_a_clean_build(tmp_path, corpus_site):
    site = _copy(corpus_site, tmp_path / "site")
    preview = start_preview(site, out=tmp_path / "out")
    try:
        for name, edit in _edits(site):
            generation = preview.status()["generation"]
            edit()
            status = preview.settled_after(generation)
            assert status["error"] is None, f"{name}: {status['error']}"
        rebuilt = [line for line in preview.stdout if "rebuilt" in line]
        partial = [int(m.group(1)) for line in rebuilt if (m := re.search(r"rebuilt (\d+) pages", line))]
        assert partial and max(partial[:3]) < 60, rebuilt  # an edited article: that page and its listings
    finally:
        assert preview.stop() == 0
    assert "Traceback" not in "".join(preview.stderr)

    fresh = start_preview(site, out=tmp_path / "fresh")
    fresh.stop()
    incremental, clean = tree(tmp_path / "out"), tree(tmp_path / "fresh")
    assert incremental.keys() == clean.keys(), (sorted(incremental.keys() - clean.keys())[:10],
                                                 sorted(clean.keys() - incremental.keys())[:10])
    different = [name for name in clean if incremental[name] != clean[name]]
    assert different == []


def _random_edit(rng: random.Random, site: Path, n: int) -> str:
    articles = sorted((site / "content" / "articles").rglob("*.md"))
    sources = sorted(p.stem for p in (site / "content" / "sources").glob("*.md"))
    article = rng.choice(articles)
    what = rng.choice(["body", "title", "tags", "date", "source", "story", "add", "delete", "summary", "rename"])
    if what == "body":
        article.write_text(article.read_text() + f"\nParagraph {n}.\n")
    elif what == "title":
        _set(article, "title", f'"Title {n}"')
    elif what == "tags":
        _set(article, "tags", f"[Tag {n % 7}, {rng.choice(['sport', 'politics', 'tech'])}]")
    elif what == "date":
        _set(article, "date", f"20{rng.randint(0, 35):02d}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T12:00:00Z")
    elif what == "source":
        _set(article, "source", rng.choice(sources))
    elif what == "story":
        _set(article, "story", f"story-{n % 3}")
    elif what == "summary":
        _set(article, "summary", f'"Summary {n}"')
    elif what == "add":
        _new_article(site, f"added-{n}", rng.choice(sources), f"story: story-{n % 3}\n")
    elif what == "delete" and len(articles) > 20:
        article.unlink()
    elif what == "rename":
        article.rename(article.with_name(f"renamed-{n}.md"))
    return what


@pytest.mark.slow
def test_random_edits_rebuild_exactly(tmp_path, corpus_site):
    """Seeded random edits, each followed by a rebuild compared with a clean build of the same."""
    site = _copy(corpus_site, tmp_path / "site")
    live = LiveFolder(tmp_path / "live")
    options = BuildOptions(out=live.path, fingerprint=False, jobs=1)
    rebuilder = Rebuilder(site, live, options)
    rebuilder.rebuild()
    rng = random.Random(7)
    for n in range(10):
        what = [_random_edit(rng, site, n) for _ in range(rng.choice([1, 1, 2, 3]))]
        outcome = rebuilder.rebuild()
        if rebuilder.search_stale:
            rebuilder.update_search()
        clean = tmp_path / f"clean-{n}"
        build(site, BuildOptions(out=clean, fingerprint=False, jobs=1))
        expected, got = tree(clean), tree(live.path)
        assert got.keys() == expected.keys(), (what, sorted(got.keys() ^ expected.keys())[:10])
        assert [k for k in expected if got[k] != expected[k]] == [], what
        assert outcome.pages < 200 or "date" in what or "add" in what, (what, outcome.pages)
        shutil.rmtree(clean)
