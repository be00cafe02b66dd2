"""The built example archive as files: every page's HTML basics, the files a host needs (robots.txt,
404.html, CNAME), fingerprinted static assets, and nothing left over from the build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import CNAME, CSS_MARK
from tests.helpers import BASE, PREFIX, RT, hrefs, html_files, link, page, read_html

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

# --- every page ----------------------------------------------------------------------------------

def test_every_page_declares_its_language(out, variant):
    for folder in (out, variant):
        for file in html_files(folder):
            html = read_html(file).one("html")
            expected = "de" if "stoltenberg-in-berlin" in file.as_posix() else "en"
            assert html.get("lang") == expected, file


def test_every_page_is_html5_with_charset_and_viewport(out):
    for file in html_files(out):
        doc = read_html(file)
        assert (doc.get("doctype") or "").lower() == "doctype html", file
        assert doc.find("meta", charset="utf-8") is not None, file
        assert doc.find("meta", name="viewport") is not None, file
        assert doc.one("title").text(), file


# --- files for hosting ---------------------------------------------------------------------------

def test_hosting_files_exist(out):
    assert (out / ".nojekyll").is_file()
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert re.search(r"(?m)^Sitemap: " + re.escape(BASE + "sitemap.xml") + "$", robots)
    missing = page(out, "404.html")
    assert missing.one("h1").text() == "Page not found"
    # 404.html is served at any depth, so its links must not be relative
    assert all(h.startswith((PREFIX, "#", "http")) for h in hrefs(missing) + hrefs(missing, "link"))


def test_cname_only_when_site_toml_sets_one(out, variant):
    assert not (out / "CNAME").exists()
    assert (variant / "CNAME").read_text(encoding="utf-8").strip() == CNAME


def _assets(out: Path) -> dict[str, str]:
    """Logical name -> published name of every file in static/."""
    found = {}
    for file in (out / "static").iterdir():
        match = re.fullmatch(r"(.+)\.([0-9a-f]{8,})\.(\w+)", file.name)
        assert match, f"static file without a content hash in its name: {file.name}"
        found[f"{match[1]}.{match[3]}"] = file.name
    return found


def test_static_assets_are_fingerprinted_and_referenced(out):
    assets = _assets(out)
    assert {"style.css", "favicon.svg"} <= set(assets)
    home = page(out, "")
    used = hrefs(home, "link")
    assert link("static/" + assets["style.css"]) in used
    assert link("static/" + assets["favicon.svg"]) in used
    for file in html_files(out):
        for href in hrefs(read_html(file), "link"):
            if "/static/" in href:
                assert (out / href.removeprefix(PREFIX)).is_file(), (file, href)


def test_changed_css_gets_a_new_name(out, variant):
    before, after = _assets(out), _assets(variant)
    assert before["favicon.svg"] == after["favicon.svg"]  # unchanged file, same name
    assert before["style.css"] != after["style.css"]
    assert CSS_MARK in (variant / "static" / after["style.css"]).read_text(encoding="utf-8")
    assert CSS_MARK not in (out / "static" / before["style.css"]).read_text(encoding="utf-8")
    assert not (variant / "static" / before["style.css"]).exists()
    assert link("static/" + after["style.css"]) in hrefs(page(variant, RT), "link")


def test_build_output_folder_has_no_leftovers(out):
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".out.building")]
    assert leftovers == []
    assert not any(p.suffix in (".md", ".toml") for p in out.rglob("*"))
