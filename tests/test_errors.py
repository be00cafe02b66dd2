"""Bad input through the real command line: exit 1, ``error: path:line: message``, every problem at once.

Every test works on a fresh copy of the example site with one or more files broken on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import copy_example_site, run_cli

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

ARTICLES = "content/articles/2023/06"
# The example article whose file name and front matter the tests start from.
GOOD_FRONT = ["title: A well-formed article", "date: 2023-06-15", "source: rt"]


def write_article(site: Path, name: str, front: list[str], body: str = "Body text.\n",
                  folder: str = ARTICLES) -> str:
    """Write ``folder/name`` with the given front matter lines; return its site-relative path."""
    relative = f"{folder}/{name}"
    path = site / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\n" + "\n".join(front) + "\n---\n\n" + body, encoding="utf-8")
    return relative


def heading(page: Path) -> str:
    """The page's <h1> text (titles also appear in other pages' prev/next links, so look only here)."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", page.read_text(encoding="utf-8"), re.S)
    assert match, f"no <h1> in {page}"
    return match.group(1).strip()


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


def snapshot(folder: Path) -> set[str]:
    """Every path below ``folder`` (files and folders, hidden ones included)."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")}


def assert_reported(result, expected: list[str]) -> None:
    """Exit 1, no traceback, and exactly the ``expected`` error lines (regexes, matched from the start)."""
    assert result.returncode == 1, f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert "Traceback" not in result.stderr, result.stderr
    errors = error_lines(result.stderr)
    for pattern in expected:
        assert any(re.match(pattern, line) for line in errors), f"no line matches {pattern!r} in:\n{result.stderr}"
    assert len(errors) == len(expected), f"expected {len(expected)} error lines, got:\n{result.stderr}"


# --- one case per kind of bad input ------------------------------------------------------------

@dataclass(frozen=True)
class Case:
    break_site: Callable[[Path], None]
    expected: list[str]  # regexes for the error lines, in any order


def _bad_yaml(site: Path) -> None:
    # line 1 is '---'; line 4 has a second ':' that YAML refuses
    write_article(site, "bad-yaml.md", ["title: Bad YAML", "date: 2023-06-15", "source: rt: extra"])


def _unclosed_quote(site: Path) -> None:
    # The most common slip in hand-written front matter: a title whose quote is never closed.
    write_article(site, "unclosed.md", ['title: "Unclosed quote', "date: 2023-06-15", "source: rt"])


def _missing(key: str) -> Callable[[Path], None]:
    def break_site(site: Path) -> None:
        write_article(site, f"no-{key}.md", [line for line in GOOD_FRONT if not line.startswith(key + ":")])
    return break_site


def _empty_title(site: Path) -> None:
    write_article(site, "empty-title.md", ['title: ""', "date: 2023-06-15", "source: rt"])


def _unknown_source(site: Path) -> None:
    write_article(site, "unknown-source.md", ["title: T", "date: 2023-06-15", "tags: [a]", "source: nosuch"])


def _bad_date_quoted(site: Path) -> None:
    write_article(site, "bad-date.md", ["title: T", 'date: "2023-13-45"', "source: rt"])


def _bad_date_plain(site: Path) -> None:
    # Unquoted, YAML itself tries to read 2023-13-45 as a timestamp.
    write_article(site, "bad-date.md", ["title: T", "date: 2023-13-45", "source: rt"])


def _duplicate_slug(site: Path) -> None:
    write_article(site, "first.md", ["title: One", "date: 2023-06-15", "source: rt", "slug: same"])
    write_article(site, "second.md", ["title: Two", "date: 2023-06-16", "source: rt", "slug: same"])


def _not_utf8(site: Path) -> None:
    path = site / ARTICLES / "cp1251.md"
    path.write_bytes(("---\ntitle: Привет мир\ndate: 2023-06-15\nsource: rt\n---\n\nТекст.\n").encode("cp1251"))


def _no_front_matter(site: Path) -> None:
    (site / ARTICLES / "no-front.md").write_text("title: T\ndate: 2023-06-15\nsource: rt\n\nText.\n")


def _unclosed_front_matter(site: Path) -> None:
    (site / ARTICLES / "unclosed-front.md").write_text("---\ntitle: T\ndate: 2023-06-15\nsource: rt\n\nText.\n")


def _bad_source_type(site: Path) -> None:
    (site / "content/sources/bad-type.md").write_text("---\nname: A blog\ntype: blog\ncountry: DE\n---\n")


def _bad_country(site: Path) -> None:
    (site / "content/sources/bad-country.md").write_text("---\nname: X\ntype: news agency\ncountry: XX\n---\n")


def _bad_toml(site: Path) -> None:
    text = (site / "site.toml").read_text()
    (site / "site.toml").write_text(text.replace('language = "en"', 'language = "en'))


def _unknown_timezone(site: Path) -> None:
    text = (site / "site.toml").read_text()
    (site / "site.toml").write_text(text.replace('timezone = "UTC"', 'timezone = "Mars/Olympus"'))


def _missing_capture(site: Path) -> None:
    write_article(site, "no-capture.md", [*GOOD_FRONT, "summary: s", "capture: captures/nope.txt"])


def _toml_line(site_toml: str, key: str) -> int:
    return next(n for n, line in enumerate(site_toml.splitlines(), 1) if line.startswith(key + " ="))


_EXAMPLE_TOML = (Path(__file__).resolve().parents[1] / "site.toml").read_text()
A = re.escape(ARTICLES)

CASES = {
    "bad-yaml": Case(_bad_yaml, [rf"error: {A}/bad-yaml\.md:4: invalid YAML"]),
    "yaml-unclosed-quote": Case(_unclosed_quote, [rf"error: {A}/unclosed\.md:2: invalid YAML"]),
    "missing-title": Case(_missing("title"), [rf"error: {A}/no-title\.md:1: missing required 'title'"]),
    "missing-date": Case(_missing("date"), [rf"error: {A}/no-date\.md:1: missing required 'date'"]),
    "missing-source": Case(_missing("source"), [rf"error: {A}/no-source\.md:1: missing required 'source'"]),
    "empty-title": Case(_empty_title, [rf"error: {A}/empty-title\.md:2: missing required 'title'"]),
    "unknown-source": Case(_unknown_source, [
        rf"error: {A}/unknown-source\.md:5: unknown source 'nosuch'.*content/sources/nosuch\.md"]),
    "bad-date-quoted": Case(_bad_date_quoted, [rf"error: {A}/bad-date\.md:3: .*'date'.*2023-13-45"]),
    "bad-date-unquoted": Case(_bad_date_plain, [rf"error: {A}/bad-date\.md:3: .*date"]),
    "duplicate-explicit-slug": Case(_duplicate_slug, [
        rf"error: {A}/second\.md:5: duplicate slug.*{A}/first\.md"]),
    "not-utf8": Case(_not_utf8, [rf"error: {A}/cp1251\.md:2: .*UTF-8"]),
    "no-front-matter": Case(_no_front_matter, [rf"error: {A}/no-front\.md:1: missing front matter"]),
    "unclosed-front-matter": Case(_unclosed_front_matter, [rf"error: {A}/unclosed-front\.md:1: .*not closed"]),
    "unknown-source-type": Case(_bad_source_type, [
        r"error: content/sources/bad-type\.md:3: unknown source type 'blog'"]),
    "bad-country": Case(_bad_country, [r"error: content/sources/bad-country\.md:4: unknown country 'XX'"]),
    "toml-syntax": Case(_bad_toml, [rf"error: site\.toml:{_toml_line(_EXAMPLE_TOML, 'language')}: invalid TOML"]),
    "unknown-timezone": Case(_unknown_timezone, [
        rf"error: site\.toml:{_toml_line(_EXAMPLE_TOML, 'timezone')}: unknown timezone 'Mars/Olympus'"]),
    "missing-capture": Case(_missing_capture, [
        rf"error: {A}/no-capture\.md:6: capture file content/captures/nope\.txt does not exist"]),
}


@pytest.mark.parametrize("name", CASES)
def test_build_reports_bad_input(name, tmp_path):
    site = copy_example_site(tmp_path / "site")
    CASES[name].break_site(site)
    result = run_cli("build", "--site", str(site), "--out", str(tmp_path / "out"), "--quiet")
    assert_reported(result, CASES[name].expected)
    assert f"{len(CASES[name].expected)} problem" in result.stderr
    assert not (tmp_path / "out").exists()
    assert not list(tmp_path.glob(".out.building-*")), "a failed build left its staging folder"


@pytest.mark.parametrize("name", CASES)
def test_check_reports_the_same_without_writing(name, tmp_path):
    site = copy_example_site(tmp_path / "site")
    CASES[name].break_site(site)
    before_site, before_tmp = snapshot(site), snapshot(tmp_path)
    result = run_cli("check", "--site", str(site))
    assert_reported(result, CASES[name].expected)
    assert snapshot(site) == before_site, "check wrote into the site folder"
    assert snapshot(tmp_path) == before_tmp, "check created an output folder"


def test_all_problems_are_listed_together(tmp_path):
    site = copy_example_site(tmp_path / "site")
    _bad_yaml(site)
    _missing("title")(site)
    _unknown_source(site)
    expected = [
        rf"error: {A}/bad-yaml\.md:4: invalid YAML",
        rf"error: {A}/no-title\.md:1: missing required 'title'",
        rf"error: {A}/unknown-source\.md:5: unknown source 'nosuch'",
    ]
    for args in (["build", "--out", str(tmp_path / "out"), "--quiet"], ["check"]):
        result = run_cli(*args, "--site", str(site))
        assert_reported(result, expected)
        assert "3 problems found." in result.stderr
    assert not (tmp_path / "out").exists()


def test_problems_in_articles_sources_and_config_are_listed_in_one_run(tmp_path):
    site = copy_example_site(tmp_path / "site")
    _bad_country(site)
    _bad_date_quoted(site)
    _missing_capture(site)
    result = run_cli("check", "--site", str(site))
    assert result.returncode == 1
    assert len(error_lines(result.stderr)) == 3, result.stderr


# --- warnings, not errors ----------------------------------------------------------------------

def test_derived_slug_collision_builds_with_a_warning_and_a_suffix(tmp_path):
    site = copy_example_site(tmp_path / "site")
    # Same file name in two folders; both dates fall in June 2023, so both want /articles/2023/06/report/.
    write_article(site, "report.md", ["title: First report", "date: 2023-06-10", "source: rt"])
    write_article(site, "report.md", ["title: Second report", "date: 2023-06-11", "source: dpa"],
                  folder="content/articles/2023/07")
    out = tmp_path / "out"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1, result.stderr
    assert "content/articles/2023/07/report.md" in warnings[0]
    assert "/articles/2023/06/report-2/" in warnings[0]
    assert heading(out / "articles/2023/06/report/index.html") == "First report"
    assert heading(out / "articles/2023/06/report-2/index.html") == "Second report"
    check = run_cli("check", "--site", str(site))
    assert check.returncode == 0 and "report-2" in check.stderr


def test_explicit_slug_keeps_its_url_when_a_file_name_collides(tmp_path):
    """A slug the curator wrote is a promise; the article that merely derives it gets the suffix."""
    site = copy_example_site(tmp_path / "site")
    write_article(site, "chosen.md", ["title: Derived from file name", "date: 2023-06-10", "source: rt"])
    write_article(site, "zzz-other-name.md", ["title: Asked for this URL", "date: 2023-06-11", "source: rt",
                                              "slug: chosen"])
    out = tmp_path / "out"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert heading(out / "articles/2023/06/chosen/index.html") == "Asked for this URL"
    assert heading(out / "articles/2023/06/chosen-2/index.html") == "Derived from file name"


# --- templates ---------------------------------------------------------------------------------

def _override_article_template(site: Path, extra_line: str) -> int:
    """Copy the default article.html into <site>/templates with one line added; return its number."""
    default = (Path(__file__).resolve().parents[1] / "themes/default/templates/article.html").read_text()
    lines = default.splitlines()
    at = next(i for i, line in enumerate(lines) if "<h1>" in line)
    lines.insert(at, extra_line)
    (site / "templates").mkdir()
    (site / "templates/article.html").write_text("\n".join(lines) + "\n")
    return at + 1


def test_undefined_variable_in_template_names_template_line_and_article(tmp_path):
    site = copy_example_site(tmp_path / "site")
    line = _override_article_template(site, "<p>{{ no_such_variable }}</p>")
    out = tmp_path / "out"
    result = run_cli("build", "--site", str(site), "--out", str(out), "--quiet")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    errors = error_lines(result.stderr)
    assert len(errors) == 1, result.stderr
    assert re.match(rf"error: templates/article\.html:{line}: .*no_such_variable.* is undefined", errors[0]), errors
    assert re.search(rf"while rendering {A}/[a-z0-9-]+\.md", errors[0]), errors
    assert not out.exists()
    assert not list(tmp_path.glob(".out.building-*"))


def test_template_syntax_error_is_reported_by_build_and_check(tmp_path):
    site = copy_example_site(tmp_path / "site")
    line = _override_article_template(site, "<p>{{ oops }</p>")
    out = tmp_path / "out"
    for args in (["build", "--out", str(out), "--quiet"], ["check"]):
        result = run_cli(*args, "--site", str(site))
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
        errors = error_lines(result.stderr)
        assert len(errors) == 1, result.stderr
        assert errors[0].startswith(f"error: templates/article.html:{line}: "), errors
    assert not out.exists()


# --- the happy path of check, and help ---------------------------------------------------------

def test_check_passes_on_the_example_site_and_prints_counts(tmp_path):
    site = copy_example_site(tmp_path / "site")
    before = snapshot(tmp_path)
    result = run_cli("check", "--site", str(site))
    assert result.returncode == 0, result.stderr
    counts = re.search(r"^OK: (\d+) articles, (\d+) sources, (\d+) tags, (\d+) stor", result.stdout, re.M)
    assert counts, result.stdout
    articles, sources, tags, stories = map(int, counts.groups())
    assert articles == len(list((site / "content/articles").rglob("*.md")))
    assert sources == len(list((site / "content/sources").glob("*.md")))
    assert stories == len(list((site / "content/stories").glob("*.md")))
    assert tags > 0
    assert result.stderr == ""
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["build", "--help"], ["check", "--help"]])
def test_help_exits_zero(args):
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout
    if args[0] == "build":
        for option in ("--site", "--out", "--base-url", "--drafts", "--jobs", "--quiet"):
            assert option in result.stdout
    if args[0] == "check":
        assert "--site" in result.stdout and "--drafts" in result.stdout


def test_no_site_toml_is_an_error_not_a_traceback(tmp_path):
    result = run_cli("build", "--site", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "site.toml" in result.stderr
