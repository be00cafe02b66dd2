"""``python build.py search``: the query syntax, filters, output formats, and a fresh index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import copy_example_site, run_cli

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

DPA = "2023/06/nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate"
RT = "2023/06/counteroffensive-will-help-kiev-in-negotiations-nato-chief"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The example archive, never built: the first search indexes it."""
    return copy_example_site(tmp_path_factory.mktemp("search-cli") / "site")


def search(site: Path, query: str, *options: str) -> dict:
    result = run_cli("search", query, "--site", str(site), "--json", *options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def ids(site: Path, query: str, *options: str) -> list[str]:
    return [r["id"] for r in search(site, query, *options)["results"]]


def test_words_must_all_match(site):
    found = search(site, "NATO chief")
    assert found["mode"] == "all" and found["total"] == 2
    assert ids(site, "putin stoltenberg") == [DPA]


def test_falls_back_to_any_word(site):
    found = search(site, "stoltenberg xylophone")
    assert found["mode"] == "any" and found["total"] == 2
    assert search(site, "xylophone")["total"] == 0


@pytest.mark.parametrize(("query", "expected"), [
    ('"jens stoltenberg"', {DPA, RT}),
    ('"stoltenberg jens"', set()),
    ('"help kiev in negotiations"', {RT}),  # "in" is a stop word, as in Whoosh's phrase query
    ("nato -putin", {RT}),
    ('nato -"vladimir putin"', {RT}),
    ("counteroff*", {DPA, RT}),
    ("negotiat*", {DPA, RT}),
    ("running*", set()),
])
def test_query_syntax(site, query, expected):
    assert set(ids(site, query)) == expected


def test_filters(site):
    assert ids(site, "nato", "--source", "rt") == [RT]
    assert ids(site, "nato", "--tag", "Vladimir Putin") == [DPA]
    assert ids(site, "nato", "--since", "2023-06-14") == [RT]
    assert ids(site, "nato", "--until", "2023-06-13") == [DPA]
    assert ids(site, "nato", "--since", "2023-06-13T12:00:00") == [RT]
    assert len(ids(site, "nato", "--limit", "1")) == 1


def test_json_and_text_output(site):
    first = search(site, "counteroffensive kiev")["results"][0]
    assert first["id"] == RT and first["source"] == "rt" and first["date"] == "2023-06-14"
    assert first["url"] == f"http://127.0.0.1:8000/articles/{RT}/"
    assert first["source_label"] == "Russian state-controlled media" and first["score"] > 0
    assert "**Counteroffensive**" in first["highlighted"] or "**counteroffensive**" in first["highlighted"]
    text = run_cli("search", "counteroffensive kiev", "--site", str(site))
    assert text.returncode == 0
    assert "1. Counteroffensive will help Kiev in negotiations – NATO chief" in text.stdout
    assert "RT (Russian state-controlled media) · 2023-06-14" in text.stdout
    none = run_cli("search", "xylophone", "--site", str(site))
    assert none.returncode == 0 and "No articles match 'xylophone'" in none.stdout


def test_bad_options_exit_2(site):
    assert run_cli("search", "nato", "--site", str(site), "--since", "yesterday").returncode == 2
    assert run_cli("search", "nato", "--site", str(site), "--limit", "0").returncode == 2


def test_an_edited_article_is_found_without_a_build(tmp_path):
    site = copy_example_site(tmp_path / "site")
    assert ids(site, "nato") and not ids(site, "zeppelin")
    path = site / "content/articles/2023/06" / (RT.rsplit("/", 1)[1] + ".md")
    path.write_text(path.read_text(encoding="utf-8").replace("NATO chief", "NATO chief's zeppelin"),
                    encoding="utf-8")
    assert ids(site, "zeppelin") == [RT]
