"""Themes: a site theme extends the bundled default, overriding single templates and static files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import REPO, build_ok, copy_example_site, run_cli

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

DEFAULT = REPO / "themes/default"
BADGE_MARK = "mine-badge-override"
CSS_MARK = "/* the mine theme */"


def use_theme(site: Path, name: str) -> None:
    text = (site / "site.toml").read_text()
    text, count = re.subn(r'(?m)^theme = ".*"$', f'theme = "{name}"', text)
    if not count:
        text = f'theme = "{name}"\n' + text
    (site / "site.toml").write_text(text)


def make_theme(site: Path, name: str, meta: str, files: dict[str, str]) -> Path:
    folder = site / "themes" / name
    (folder / "templates").mkdir(parents=True)
    (folder / "theme.toml").write_text(meta)
    for relative, text in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_text(text)
    return folder


def stylesheet(out: Path) -> Path:
    found = sorted((out / "static").glob("style.*.css"))
    assert len(found) == 1, found
    return found[0]


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture(scope="module")
def default_build(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("default-theme")
    site = copy_example_site(root / "site")
    build_ok(site, root / "out")
    return root / "out"


def _mine_files() -> dict[str, str]:
    badge = (DEFAULT / "templates/partials/badge.html").read_text()
    assert 'class="badge ' in badge
    return {
        "templates/partials/badge.html": badge.replace('class="badge ', f'class="{BADGE_MARK} badge '),
        "static/style.css": CSS_MARK + "\n" + (DEFAULT / "static/style.css").read_text(),
    }


def test_child_theme_overrides_one_partial_and_the_css(tmp_path, default_build):
    site = copy_example_site(tmp_path / "site")
    make_theme(site, "mine", 'name = "mine"\nextends = "default"\n', _mine_files())
    use_theme(site, "mine")
    out = tmp_path / "out"
    build_ok(site, out)

    article = next((out / "articles").glob("*/*/*/index.html")).read_text()
    # The overridden partial is used, everywhere a badge is drawn...
    assert BADGE_MARK in article
    assert BADGE_MARK in (out / "index.html").read_text()
    # ...and the rest still comes from the default theme.
    assert '<header class="site-header">' in article and 'class="provenance"' in article
    assert (out / "404.html").read_text() == (default_build / "404.html").read_text().replace(
        stylesheet(default_build).name, stylesheet(out).name)

    css = stylesheet(out)
    assert css.name != stylesheet(default_build).name, "the overridden stylesheet must get its own fingerprint"
    assert css.read_text().startswith(CSS_MARK)
    assert f'href="/static/{css.name}"' in article
    assert stylesheet(default_build).name not in article
    # Static files the child does not override are the parent's, byte for byte and by name.
    default_icons = sorted(p.name for p in (default_build / "static").glob("favicon.*"))
    assert sorted(p.name for p in (out / "static").glob("favicon.*")) == default_icons


def test_child_theme_overrides_a_page_template(tmp_path, default_build):
    site = copy_example_site(tmp_path / "site")
    article_html = (DEFAULT / "templates/article.html").read_text()
    assert '<article class="article"' in article_html
    make_theme(site, "mine", 'extends = "default"\n', {
        "templates/article.html": article_html.replace('<article class="article"', '<article class="article mine"'),
    })
    use_theme(site, "mine")
    out = tmp_path / "out"
    build_ok(site, out)
    for page in (out / "articles").glob("*/*/*/index.html"):
        assert '<article class="article mine"' in page.read_text()
    assert 'class="article mine"' not in (out / "index.html").read_text()
    assert stylesheet(out).name == stylesheet(default_build).name  # CSS untouched: same file, same name
    assert (out / "tags/index.html").read_text() == (default_build / "tags/index.html").read_text()


def test_site_templates_win_over_the_theme(tmp_path):
    site = copy_example_site(tmp_path / "site")
    page_404 = "{% extends 'base.html' %}{% block main %}<h1>MARK</h1>{% endblock %}"
    make_theme(site, "mine", 'extends = "default"\n', {"templates/404.html": page_404.replace("MARK", "theme 404")})
    (site / "templates").mkdir()
    (site / "templates/404.html").write_text(page_404.replace("MARK", "site 404"))
    use_theme(site, "mine")
    out = tmp_path / "out"
    build_ok(site, out)
    html = (out / "404.html").read_text()
    assert "<h1>site 404</h1>" in html and "theme 404" not in html


def test_site_static_wins_over_the_theme(tmp_path, default_build):
    site = copy_example_site(tmp_path / "site")
    (site / "static").mkdir()
    (site / "static/style.css").write_text("body { color: rebeccapurple }\n")
    out = tmp_path / "out"
    build_ok(site, out)
    assert stylesheet(out).read_text() == "body { color: rebeccapurple }\n"
    assert stylesheet(out).name != stylesheet(default_build).name


def test_css_urls_point_at_fingerprinted_files(tmp_path):
    site = copy_example_site(tmp_path / "site")
    make_theme(site, "mine", 'extends = "default"\n', {
        "static/style.css": "body { background: url('img/paper.svg') }\n",
        "static/img/paper.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    })
    use_theme(site, "mine")
    out = tmp_path / "out"
    build_ok(site, out)
    images = list((out / "static/img").glob("paper.*.svg"))
    assert len(images) == 1
    assert f"url(img/{images[0].name})" in stylesheet(out).read_text()


# --- theme errors ------------------------------------------------------------------------------

def _assert_theme_error(site: Path, tmp_path: Path, *fragments: str) -> str:
    out = tmp_path / "out"
    for args in (["build", "--out", str(out), "--quiet"], ["check"]):
        result = run_cli(*args, "--site", str(site))
        assert result.returncode == 1, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        errors = error_lines(result.stderr)
        assert len(errors) == 1, result.stderr
        for fragment in fragments:
            assert fragment in errors[0], (fragment, errors[0])
    assert not out.exists()
    return errors[0]


def test_unknown_theme_is_named(tmp_path):
    site = copy_example_site(tmp_path / "site")
    use_theme(site, "no-such-theme")
    _assert_theme_error(site, tmp_path, "theme 'no-such-theme'", "not found")


def test_theme_extending_itself_is_an_error(tmp_path):
    site = copy_example_site(tmp_path / "site")
    make_theme(site, "mine", 'extends = "mine"\n', {})
    use_theme(site, "mine")
    _assert_theme_error(site, tmp_path, "'mine'", "extends itself")


def test_theme_cycle_is_an_error(tmp_path):
    site = copy_example_site(tmp_path / "site")
    make_theme(site, "mine", 'extends = "other"\n', {})
    make_theme(site, "other", 'extends = "mine"\n', {})
    use_theme(site, "mine")
    _assert_theme_error(site, tmp_path, "'mine'", "extends")


def test_unknown_parent_theme_names_the_child_theme_file(tmp_path):
    site = copy_example_site(tmp_path / "site")
    make_theme(site, "mine", 'extends = "ghost"\n', {})
    use_theme(site, "mine")
    error = _assert_theme_error(site, tmp_path, "'ghost'", "not found")
    assert "themes/mine/theme.toml" in error, "the problem is in the child's theme.toml, not in site.toml"


@pytest.mark.parametrize("meta", ['extends = "default\n', "extends = 3\n"], ids=["toml-syntax", "not-a-string"])
def test_bad_theme_toml_is_an_error_not_a_traceback(tmp_path, meta):
    site = copy_example_site(tmp_path / "site")
    make_theme(site, "mine", meta, {})
    use_theme(site, "mine")
    _assert_theme_error(site, tmp_path, "themes/mine/theme.toml")
