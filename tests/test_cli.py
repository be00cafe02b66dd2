"""The command line as users run it: defaults, --base-url, --drafts, --jobs, and deterministic output."""

from __future__ import annotations

import hashlib
import re
import shutil
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from clippings.loading import PARALLEL_THRESHOLD
from clippings.pipeline import STORIES_THRESHOLD
from tests.conftest import StaticServer
from tests.helpers import build_ok, copy_example_site, run_cli

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

PROJECT_URL = "https://user.github.io/repo/"


def tree_hashes(folder: Path) -> dict[str, str]:
    result = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        result[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def assert_same_tree(a: Path, b: Path) -> None:
    left, right = tree_hashes(a), tree_hashes(b)
    assert sorted(left) == sorted(right), sorted(set(left) ^ set(right))[:20]
    differing = [name for name in left if left[name] != right[name]]
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:10]}"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


def links_of(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def write_article(site: Path, name: str, front: str) -> None:
    (site / "content/articles/2023/06" / name).write_text(f"---\n{front}---\n\nBody of {name}.\n", encoding="utf-8")


# --- defaults ----------------------------------------------------------------------------------

def test_no_command_builds_the_current_folder_into_site(tmp_path):
    site = copy_example_site(tmp_path / "site")
    result = run_cli(cwd=site)
    assert result.returncode == 0, result.stderr
    assert re.search(r"Built \d+ articles", result.stdout), result.stdout
    out = site / "_site"
    assert (out / "index.html").is_file() and (out / "404.html").is_file() and (out / "feed.xml").is_file()
    assert not (tmp_path / "_site").exists()
    # Same thing as the explicit command
    explicit = tmp_path / "explicit"
    build_ok(site, explicit)
    assert_same_tree(out, explicit)


def test_options_without_a_command_mean_build(tmp_path):
    site = copy_example_site(tmp_path / "site")
    result = run_cli("--quiet", "--out", "public", cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert (site / "public/index.html").is_file()


def test_errors_name_paths_relative_to_the_site_when_run_inside_it(tmp_path):
    site = copy_example_site(tmp_path / "site")
    write_article(site, "broken.md", "title: Broken\ndate: 2023-06-15\nsource: nowhere\n")
    result = run_cli("check", cwd=site)
    assert result.returncode == 1
    assert re.search(r"^error: content/articles/2023/06/broken\.md:4: unknown source 'nowhere'", result.stderr,
                     re.M), result.stderr


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0
    assert re.match(r"clippings \S+", result.stdout)


# --- --base-url ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def project_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("project")
    site = copy_example_site(root / "site")
    build_ok(site, root / "out", "--base-url", PROJECT_URL.rstrip("/"))  # the missing slash is added
    return root / "out"


def test_base_url_prefixes_every_internal_link(project_site):
    out = project_site
    pages = sorted(out.rglob("*.html"))
    checked = 0
    for page in pages:
        for link in links_of(page):
            if link.startswith("/"):
                assert link.startswith("/repo/"), f"{page.relative_to(out)}: {link}"
                checked += 1
            elif link.startswith(("http://", "https://")) and "user.github.io" in link:
                assert link.startswith(PROJECT_URL), f"{page.relative_to(out)}: {link}"
            elif not link.startswith(("http://", "https://", "#", "mailto:")):
                raise AssertionError(f"{page.relative_to(out)}: relative link {link!r}")
    assert checked > 100
    home = (out / "index.html").read_text()
    assert '<link rel="canonical" href="https://user.github.io/repo/">' in home
    assert re.search(r'href="/repo/static/style\.[0-9a-f]+\.css"', home)
    assert 'href="/repo/feed.xml"' in home and 'href="/repo/articles/"' in home
    assert "http://127.0.0.1:8000" not in "".join(p.read_text() for p in pages)


def test_base_url_reaches_feeds_and_sitemap(project_site):
    for name in ("feed.xml", "feed.json", "sitemap.xml", "robots.txt"):
        text = (project_site / name).read_text()
        assert PROJECT_URL in text, name
        assert "127.0.0.1:8000" not in text, name
    sitemap_urls = re.findall(r"<loc>([^<]+)</loc>", (project_site / "sitemap.xml").read_text())
    assert sitemap_urls and all(u.startswith(PROJECT_URL) for u in sitemap_urls)


def test_every_internal_link_resolves_when_served_under_the_prefix(project_site):
    out = project_site
    with StaticServer(out, prefix="/repo/") as server:
        seen: dict[str, int] = {}
        for page in sorted(out.rglob("*.html")):
            page_url = server.origin + "/repo/" + page.relative_to(out).as_posix().removesuffix("index.html")
            for link in links_of(page):
                if link.startswith(("http://", "https://", "mailto:")) and not link.startswith(server.origin):
                    continue
                target = urljoin(page_url, link).split("#", 1)[0]
                if target in seen:
                    continue
                try:
                    with urllib.request.urlopen(target, timeout=10) as response:
                        seen[target] = response.status
                except urllib.error.HTTPError as exc:
                    seen[target] = exc.code
        broken = {urlsplit(u).path: code for u, code in seen.items() if code != 200}
        assert not broken, broken
        assert len(seen) > 20


# --- --drafts ------------------------------------------------------------------------------------

def test_drafts_only_with_the_flag(tmp_path):
    site = copy_example_site(tmp_path / "site")
    write_article(site, "draft-article.md",
                  "title: Unpublished draft headline\ndate: 2023-06-30\nsource: rt\ndraft: true\ntags: [Draftonly]\n")
    plain, drafts = tmp_path / "plain", tmp_path / "drafts"
    build_ok(site, plain)
    build_ok(site, drafts, "--drafts")

    assert not (plain / "articles/2023/06/draft-article").exists()
    assert not (plain / "tags/draftonly").exists()
    for path in plain.rglob("*"):
        if path.is_file():
            assert b"Unpublished draft headline" not in path.read_bytes(), path.relative_to(plain)

    page = drafts / "articles/2023/06/draft-article/index.html"
    assert "Unpublished draft headline" in page.read_text()
    assert "Unpublished draft headline" in (drafts / "index.html").read_text()
    assert "Unpublished draft headline" in (drafts / "feed.xml").read_text()
    assert (drafts / "tags/draftonly/index.html").is_file()

    check = run_cli("check", "--site", str(site))
    check_drafts = run_cli("check", "--site", str(site), "--drafts")
    count = lambda r: int(re.search(r"OK: (\d+) articles", r.stdout).group(1))  # noqa: E731
    assert count(check_drafts) == count(check) + 1


def test_drafts_are_still_validated(tmp_path):
    site = copy_example_site(tmp_path / "site")
    write_article(site, "bad-draft.md", "title: Draft\ndate: 2023-06-30\nsource: nowhere\ndraft: true\n")
    result = run_cli("check", "--site", str(site))
    assert result.returncode == 1
    assert "content/articles/2023/06/bad-draft.md:4: unknown source 'nowhere'" in result.stderr


# --- --jobs and determinism --------------------------------------------------------------------

@pytest.mark.slow
def test_jobs_1_and_2_build_identical_sites(tmp_path, corpus_site):
    one, two = tmp_path / "one", tmp_path / "two"
    shutil.copytree(corpus_site, one / "site")
    shutil.copytree(corpus_site, two / "site")
    build_ok(one / "site", one / "out", "--jobs", "1")
    build_ok(two / "site", two / "out", "--jobs", "2")
    assert len(list((one / "out").rglob("index.html"))) > 400  # enough pages for the parallel render
    # ... and for the parallel load: each article's Markdown and its grouping features
    assert 2 * len(list((one / "site/content/articles").rglob("*.md"))) > PARALLEL_THRESHOLD
    assert len(list((one / "out/stories").glob("*/index.html"))) > STORIES_THRESHOLD  # and for story evidence
    assert_same_tree(one / "out", two / "out")


def test_rebuilding_an_unchanged_site_gives_identical_output(tmp_path):
    site = copy_example_site(tmp_path / "site")
    out = tmp_path / "out"
    build_ok(site, out)
    first = tree_hashes(out)
    build_ok(site, out)  # second build: same folder, markup cache now warm
    assert tree_hashes(out) == first
    # A copy of the site elsewhere, built into another folder: no paths or times leak into the output.
    other = tmp_path / "elsewhere/site"
    shutil.copytree(site, other, ignore=shutil.ignore_patterns(".cache"))
    build_ok(other, tmp_path / "elsewhere/public")
    assert tree_hashes(tmp_path / "elsewhere/public") == first


def test_quiet_prints_nothing_on_success(tmp_path):
    site = copy_example_site(tmp_path / "site")
    result = run_cli("build", "--site", str(site), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == ""
