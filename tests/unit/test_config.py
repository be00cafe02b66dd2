"""site.toml: values, defaults, and every wrong one reported at its line."""

from __future__ import annotations

import pytest

from clippings.config import load_config
from clippings.errors import ContentError


def _config(tmp_path, text: str, base_url: str | None = None):
    (tmp_path / "site.toml").write_text(text, encoding="utf-8")
    return load_config(tmp_path, base_url)


def _problems(tmp_path, text: str) -> list[str]:
    with pytest.raises(ContentError) as caught:
        _config(tmp_path, text)
    return [str(p) for p in caught.value.problems]


def test_values_and_defaults(tmp_path):
    config = _config(tmp_path, 'title = "T"\nbase_url = "https://u.github.io/repo"\n[feeds]\nlimit = 5\n'
                               '[tags.aliases]\n"Kiev" = "Kyiv"\n[extra_table]\nx = 1\n')
    assert config.title == "T" and config.base_url == "https://u.github.io/repo/" and config.base_path == "/repo/"
    assert config.feeds.limit == 5 and config.feeds.full_content is True and config.per_page == 50
    assert config.tag_aliases == {"Kiev": "Kyiv"} and config.extra == {"extra_table": {"x": 1}}


def test_command_line_base_url_wins(tmp_path):
    config = _config(tmp_path, 'base_url = "https://a.example/"\n', base_url="https://b.example/x")
    assert config.base_url == "https://b.example/x/"


def test_wrong_types_are_reported_at_their_lines_all_at_once(tmp_path):
    text = 'title = 3\nper_page = true\n\n[feeds]\nfull_content = true\nlimit = "many"\n\n[curator]\nname = ["a"]\n'
    assert _problems(tmp_path, text) == [
        "site.toml:1: 'title' must be text in quotes (got 3)",
        "site.toml:2: 'per_page' must be a whole number (got true)",
        "site.toml:6: 'feeds.limit' must be a whole number (got 'many')",
        "site.toml:9: 'curator.name' must be text in quotes (got ['a'])",
    ]


def test_a_table_given_as_a_value_and_an_unknown_setting(tmp_path):
    problems = _problems(tmp_path, 'feeds = 3\n[tags]\nalias = {}\n')
    assert problems == ["site.toml:1: 'feeds' must be a table (got 3)", "site.toml:3: unknown setting 'tags.alias'"]


def test_bad_values(tmp_path):
    problems = _problems(tmp_path, 'per_page = 0\ntimezone = "Mars/Olympus"\nbase_url = "ftp://x/"\n')
    assert any(p.startswith("site.toml:1: 'per_page' must be at least 1") for p in problems)
    assert any(p.startswith("site.toml:2: unknown timezone 'Mars/Olympus'") for p in problems)
    assert any(p.startswith("site.toml:3: 'base_url' must start with http://") for p in problems)


def test_invalid_toml_names_its_line(tmp_path):
    problems = _problems(tmp_path, 'title = "T"\nlanguage = "en\n')
    assert problems[0].startswith("site.toml:2: invalid TOML")


def test_missing_file(tmp_path):
    with pytest.raises(ContentError, match=r"no site\.toml here"):
        load_config(tmp_path)
