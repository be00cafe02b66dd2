"""A new archive at work: it builds, checks, searches and serves with nothing in it, and takes a
seed capture from this repository (``content/captures/``: the example archive's two articles
were imported from exactly these bytes) that its home page, its search and Chromium then show.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from clippings.labels import load_vocabulary
from tests.conftest import StaticServer
from tests.helpers import LABELS, REPO, build_ok, cards, main_of, read_html, split_front_matter
from tests.helpers import page as built_page
from tests.newsite import FLAGS, new_archive, run_build_py, run_new
from tests.preview import start_preview

DPA_CAPTURE = REPO / "content" / "captures" / "d656deb3c6dd820e.txt"
DPA_TITLE = "NATO chief hopes Ukraine offensive will force Russia to negotiate"
DPA_ARTICLE = "articles/2023/06/nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate/"


def add_dpa(archive: Path) -> subprocess.CompletedProcess:
    """The curator describes the outlet (here: the example archive's own dpa.md), then imports."""
    shutil.copy(REPO / "content" / "sources" / "dpa.md", archive / "content" / "sources" / "dpa.md")
    return run_build_py("import", "--site", str(archive), "--source", "dpa", str(DPA_CAPTURE), cwd=archive)



def test_the_new_archive_builds_and_checks_with_nothing_in_it(tmp_path):
    archive = new_archive(tmp_path)
    done = run_build_py(cwd=archive)  # `build`, in the archive's folder, as the printed steps say
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Built 0 articles")
    home = read_html(archive / "_site/index.html")
    assert cards(home) == []
    assert (archive / "_site/feed.xml").is_file() and (archive / "_site/sources/index.html").is_file()
    checked = run_build_py("check", cwd=archive)
    assert checked.returncode == 0 and checked.stdout.startswith("OK: 0 articles, 0 sources"), checked.stderr
    searched = run_build_py("search", "nato chief", cwd=archive)
    assert searched.returncode == 0 and searched.stdout == "No articles match 'nato chief'.\n", searched.stderr


def test_an_empty_home_page_says_how_to_add_the_first_article(tmp_path):
    archive = new_archive(tmp_path)
    build_ok(archive, tmp_path / "out")
    text = main_of(built_page(tmp_path / "out", "")).text()
    assert "clippings import" in text and "content/articles/" in text


def test_the_example_source_is_skipped_as_it_is_and_works_as_a_source_file(tmp_path):
    archive = new_archive(tmp_path)
    example = archive / "content/sources/_example.md.txt"
    text = example.read_text(encoding="utf-8")
    for kind in load_vocabulary().types.values():  # every type, with what it means
        assert f"#   {kind.key} " in text and " ".join(kind.description.split()[:8]) in " ".join(text.split())
    for key in ("name", "type", "country", "owner", "funding", "homepage", "domains", "aliases", "label",
                "as_of", "references"):
        assert f"\n{key}:" in text or f"\n# {key}:" in text, key
    # As written it is no source: the build and the importer both pass it by.
    out = tmp_path / "out"
    build_ok(archive, out)
    assert not list((out / "sources").glob("*/index.html"))
    # Copied to KEY.md, as it says, it is a valid source with the label it explains.
    shutil.copy(example, archive / "content/sources/epa.md")
    build_ok(archive, out)
    source_page = main_of(built_page(out, "sources/epa/"))
    assert "German news agency" in source_page.text()
    meta, _ = split_front_matter((archive / "content/sources/epa.md").read_text(encoding="utf-8"))
    assert meta["name"] in source_page.text()


def test_the_printed_import_command_imports_a_seed_capture(tmp_path):
    done = run_new(tmp_path, "archive", "--yes", *FLAGS)
    archive = tmp_path / "archive"
    shutil.copy(REPO / "content/sources/dpa.md", archive / "content/sources/dpa.md")
    printed = next(line for line in done.stdout.splitlines() if " import " in line)
    command = shlex.split(printed, comments=True)
    assert command[:2] == ["python3", str(REPO / "build.py")] or command[:2] == ["python3", "build.py"]
    command = [sys.executable, str(REPO / "build.py"), *command[2:]]
    command[command.index("PAGE.txt")] = str(DPA_CAPTURE)
    imported = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert imported.returncode == 0, imported.stderr
    assert f"written content/{DPA_ARTICLE.rstrip('/')}.md" in imported.stdout


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> Path:
    """A new archive with one seed capture imported into it (not built)."""
    root = tmp_path_factory.mktemp("new-imported")
    archive = new_archive(root)
    done = add_dpa(archive)
    assert done.returncode == 0, done.stderr
    return archive


def test_an_imported_seed_lands_in_the_archive_and_the_home_page_links_it(imported, tmp_path):
    article = imported / f"content/{DPA_ARTICLE.rstrip('/')}.md"
    meta, _ = split_front_matter(article.read_text(encoding="utf-8"))
    assert meta["title"] == DPA_TITLE and meta["source"] == "dpa"
    capture = imported / "content" / meta["capture"]
    assert capture.read_bytes() == DPA_CAPTURE.read_bytes()
    out = tmp_path / "out"
    build_ok(imported, out, "--base-url", "https://jane.github.io/ukraine/")
    home = built_page(out, "")
    [card] = cards(home)
    link = card.one("a", href="/ukraine/" + DPA_ARTICLE)
    assert link.text() == DPA_TITLE
    assert LABELS["dpa"] in card.text()
    assert (out / DPA_ARTICLE / "index.html").is_file()
    searched = run_build_py("search", "Stoltenberg negotiating table", "--json", cwd=imported)
    assert searched.returncode == 0, searched.stderr
    assert [hit["title"] for hit in json.loads(searched.stdout)["results"]] == [DPA_TITLE]


def test_serve_shows_an_empty_archive_then_its_first_article(tmp_path):
    archive = new_archive(tmp_path)
    preview = start_preview(archive, base_path="/ukraine/")
    try:
        status, _, body = preview.get("/ukraine/")
        assert status == 200 and DPA_TITLE not in body.decode()
        generation = preview.status()["generation"]
        assert add_dpa(archive).returncode == 0
        preview.settled_after(generation)
        status, _, body = preview.get("/ukraine/")
        assert status == 200 and DPA_TITLE in body.decode()
    finally:
        assert preview.stop() == 0
    assert "Traceback" not in "".join(preview.stderr)


@pytest.mark.browser
def test_browser_sees_the_imported_article_with_its_source_badge(imported, tmp_path, page):
    out = tmp_path / "out"
    with StaticServer(out) as server:
        build_ok(imported, out, "--base-url", server.base_url)
        page.goto(server.base_url)
        article_link = page.get_by_role("link", name=DPA_TITLE)
        assert article_link.is_visible()
        badge = page.locator('a[href="/sources/dpa/"]', has_text=LABELS["dpa"]).first
        assert badge.is_visible()
        article_link.click()
        page.wait_for_load_state("load")
        assert page.url == server.base_url + DPA_ARTICLE
        assert page.locator("h1").first.inner_text() == DPA_TITLE
        assert page.locator('a[href="/sources/dpa/"]', has_text=LABELS["dpa"]).first.is_visible()
