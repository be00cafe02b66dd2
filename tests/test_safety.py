"""Safety: hostile captured content stays inert, output is swapped in whole, nothing is written outside --out."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import StaticServer
from tests.helpers import REPO, build_ok, copy_example_site, parse_html, run_cli

pytestmark = pytest.mark.slow  # end to end: through build.py, a server or a corpus

STORY = "nato-stoltenberg-counteroffensive-june-2023"
HOSTILE_TITLE = "</title><script>window.__xss=4</script>"
HOSTILE_SUMMARY = '"><img src=x onerror=window.__xss=5>'
HOSTILE_TAGS = ["<b>bold</b>", "\"'><script>window.__xss=9</script>"]

HOSTILE_URL = "https://example.com/a?q=\"><img src=x onerror=window.__xss=6>"

HOSTILE_FRONT = f"""---
title: {json.dumps(HOSTILE_TITLE)}
date: 2023-06-20T10:00:00Z
source: rt
summary: {json.dumps(HOSTILE_SUMMARY)}
byline: "<script>window.__xss=7</script>"
section: "<img src=x onerror=window.__xss=8>"
url: {json.dumps(HOSTILE_URL)}
tags: {json.dumps(HOSTILE_TAGS)}
story: {STORY}
capture: captures/x.html
note: "Curator <script>window.__xss=19</script> [see](javascript:window.__xss=20)"
image:
  src: hostile.png
  alt: "\\" onerror=\\"window.__xss=21"
  caption: "<script>window.__xss=11</script>"
  credit: "<img src=x onerror=window.__xss=12>"
---
"""

HOSTILE_BODY = """
Intro paragraph <script>alert(1)</script> and <script>window.__xss=0</script>.

<img src=x onerror="window.__xss=1">

<a href="javascript:window.__xss=2">x</a>

<a href=" JaVaScRiPt:window.__xss=22">spaced</a>

<iframe src="javascript:window.__xss=13"></iframe>

<svg onload="window.__xss=14"><circle r="5"/></svg>

<style>body { display: none }</style>

[hostile](javascript:window.__xss=3)

<form action="javascript:window.__xss=15"><input type="submit" value="go">
<button formaction="javascript:window.__xss=27">b</button></form>

<object data="javascript:window.__xss=16"></object>

<embed src="javascript:window.__xss=23">

<details open ontoggle="window.__xss=17"><summary>s</summary>d</details>

<math><mi xlink:href="javascript:window.__xss=18">m</mi></math>

<p onclick="window.__xss=24" style="background:url(javascript:1)">click me</p>

<base href="javascript:window.__xss=25//">

<meta http-equiv="refresh" content="0;url=javascript:window.__xss=26">
"""

HOSTILE_CAPTURE = "<html><body><script>window.__xss=99; alert('capture')</script>captured</body></html>\n"
SLUG = "hostile"
ARTICLE = f"articles/2023/06/{SLUG}/"
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset",
                  "cite"}
BAD_SCHEMES = re.compile(r"^(javascript|vbscript|data):", re.I)
FORBIDDEN_IN_BODY = {"script", "iframe", "object", "embed", "svg", "math", "style", "form", "input", "button",
                     "base", "meta", "link"}


# --- helpers -----------------------------------------------------------------------------------

def tree_hashes(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file (and "dir" for every folder) below ``folder``."""
    result = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        result[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def _clean_url(value: str) -> str:
    # Browsers ignore leading whitespace/control characters and tabs/newlines inside a scheme.
    return re.sub(r"[\x00-\x20]", "", value)


VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                  "wbr"})


class _Elements(HTMLParser):
    """Every element with its attributes, and whether it sits inside the article body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None], bool]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._body_depth: int | None = None
        self._depth = 0
        self._script: dict | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        inside = self._body_depth is not None
        self.elements.append((tag, attributes, inside))
        if tag == "script":
            self._script, self._script_text = attributes, []
        if tag in VOID:
            return
        self._depth += 1
        classes = (attributes.get("class") or "").split()
        if self._body_depth is None and tag == "div" and "body" in classes:
            self._body_depth = self._depth

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, dict(attrs), self._body_depth is not None))

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None
        if tag in VOID:
            return
        if self._body_depth is not None and self._depth == self._body_depth:
            self._body_depth = None
        self._depth -= 1

    def handle_data(self, data):
        if self._script is not None:
            self._script_text.append(data)


def parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


CITE_SCRIPT = re.compile(r"/static/cite\.[0-9a-f]+\.js")


def _theme_script(attributes: dict, where: str) -> bool:
    """The theme's own clients, files from its static folder, nothing inline: the search page's
    module, and on article pages the citation's copy buttons."""
    src = attributes.get("src") or ""
    if where.startswith("articles/") and CITE_SCRIPT.fullmatch(src) and not attributes.get("type"):
        return True
    return (where == "search/index.html" and attributes.get("type") == "module"
            and re.fullmatch(r"/static/search\.[0-9a-f]+\.js", src) is not None)


def assert_inert(html: str, where: str) -> None:
    parsed = parse(html)
    for tag, attributes, inside_body in parsed.elements:
        if tag == "script" and not _theme_script(attributes, where):
            assert attributes.get("type") == "application/ld+json", f"{where}: executable <script> {attributes}"
        for name, value in attributes.items():
            assert not name.startswith("on"), f"{where}: event handler {name}={value!r} on <{tag}>"
            if name in URL_ATTRIBUTES and value:
                assert not BAD_SCHEMES.match(_clean_url(value)), f"{where}: <{tag} {name}={value!r}>"
        if inside_body:
            assert tag not in FORBIDDEN_IN_BODY, f"{where}: <{tag}> survived in the article body"
            assert "style" not in attributes, f"{where}: style attribute survived in the article body"
    for tag, attributes, _ in parsed.elements:
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            raise AssertionError(f"{where}: <meta http-equiv=refresh> in the page")
        if tag == "base":
            raise AssertionError(f"{where}: <base> in the page")


# --- the hostile site, built once per worker ---------------------------------------------------

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    site = copy_example_site(root / "site")
    (site / "content/articles/2023/06" / f"{SLUG}.md").write_text(HOSTILE_FRONT + HOSTILE_BODY, encoding="utf-8")
    (site / "content/captures/x.html").write_text(HOSTILE_CAPTURE, encoding="utf-8")
    out = root / "out"
    build_ok(site, out)
    return site, out


def _html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def test_no_page_carries_script_handlers_or_javascript_urls(hostile_site):
    _, out = hostile_site
    pages = _html_files(out)
    assert len(pages) > 10
    for page in pages:
        assert_inert(page.read_text(encoding="utf-8"), page.relative_to(out).as_posix())


def test_hostile_text_is_shown_as_text(hostile_site):
    _, out = hostile_site
    html = (out / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert "&lt;/title&gt;&lt;script&gt;window.__xss=4&lt;/script&gt;" in html
    assert HOSTILE_TITLE not in html.split("application/ld+json", 1)[0]
    body = html.split('<div class="body">', 1)[1].split("</div>", 1)[0]
    assert "Intro paragraph" in body and "click me" in body


def test_json_ld_cannot_be_broken_out_of(hostile_site):
    _, out = hostile_site
    html = (out / ARTICLE / "index.html").read_text(encoding="utf-8")
    scripts = [s for s in parse(html).scripts if not CITE_SCRIPT.fullmatch(s[0].get("src") or "")]
    assert len(scripts) == 1, scripts
    attributes, text = scripts[0]
    assert attributes.get("type") == "application/ld+json"
    assert not re.search(r"</script|<!--|<script", text, re.I), text
    data = json.loads(text)
    assert data["headline"] == HOSTILE_TITLE
    assert "description" not in data  # the meta description carries the summary (as an attribute, escaped)
    metas = parse_html(html).find_all("meta")
    described = [m.get("content") for m in metas if "description" in (m.get("name"), m.get("property"))
                 or m.get("property") == "og:description"]
    assert len(described) == 2 and all(d.endswith(": " + HOSTILE_SUMMARY) for d in described), described
    for value in (data.get("url"), data.get("isBasedOn")):
        assert value is None or not BAD_SCHEMES.match(value), f"JSON-LD carries {value!r}"


def test_feeds_are_well_formed_and_carry_no_script(hostile_site):
    _, out = hostile_site
    feed = ET.parse(out / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entry = next(e for e in feed.findall("a:entry", ns) if e.findtext("a:title", namespaces=ns) == HOSTILE_TITLE)
    content = entry.findtext("a:content", default="", namespaces=ns)
    # Hostile text may appear escaped (the section line leads the content); never as a tag or attribute.
    assert "<script" not in content.lower() and not re.search(r"<[^>]*\bonerror", content, re.I), content
    assert not re.search(r"javascript:", content, re.I), content
    for link in entry.findall("a:link", ns):
        assert not BAD_SCHEMES.match(_clean_url(link.get("href", ""))), f"Atom link {link.attrib}"
    for element in feed.iter():  # no XHTML smuggled in as markup: everything is Atom
        assert element.tag.startswith("{http://www.w3.org/2005/Atom}"), element.tag
    items = json.loads((out / "feed.json").read_text(encoding="utf-8"))["items"]
    item = next(i for i in items if i["title"] == HOSTILE_TITLE)
    assert "<script" not in item["content_html"].lower()
    assert not BAD_SCHEMES.match(_clean_url(item.get("external_url", "")))


def test_html_capture_is_published_as_text(hostile_site):
    site, out = hostile_site
    published = sorted(p.relative_to(out).as_posix() for p in (out / "captures").rglob("*") if p.is_file())
    assert "captures/x.html.txt" in published
    assert all(name.endswith(".txt") for name in published), published
    assert not (out / "captures/x.html").exists()
    assert (out / "captures/x.html.txt").read_bytes() == (site / "content/captures/x.html").read_bytes()
    html = (out / ARTICLE / "index.html").read_text(encoding="utf-8")
    assert 'href="/captures/x.html.txt"' in html


@pytest.mark.browser
def test_browser_runs_no_hostile_code(hostile_site, page):
    _, out = hostile_site
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tag_pages = [p.parent.relative_to(out).as_posix() + "/" for p in (out / "tags").glob("*/index.html")]
    paths = ["", ARTICLE, "articles/2023/06/", "articles/2023/", "sources/rt/", f"stories/{STORY}/", "stories/",
             "tags/", *tag_pages, "feed.xml", "feed.json", "sources/rt/feed.xml",
             *[p + "feed.xml" for p in tag_pages], "captures/x.html.txt"]
    with StaticServer(out) as server:
        for path in paths:
            response = page.goto(server.base_url + path)
            assert response is not None and response.ok, path
            page.wait_for_load_state("load")
            if path == ARTICLE:
                assert page.title().startswith(HOSTILE_TITLE)
                assert page.locator("h1").first.inner_text() == HOSTILE_TITLE
                # Click every link that does not lead to a page of the site: the hostile ones.
                links = page.locator("a")
                clicked = 0
                for i in range(links.count()):
                    link = links.nth(i)
                    href = link.get_attribute("href")
                    if href is None or not href.startswith(("/", "http", "#")):
                        link.click(timeout=2000, no_wait_after=True)
                        clicked += 1
                assert clicked >= 3, "the hostile links should be on the page (without a usable href)"
                for summary in page.locator("details > summary").all():
                    summary.click(timeout=2000)
            page.wait_for_timeout(150)
            if page.url.startswith(server.base_url + path.rstrip("/")):
                ran = page.evaluate("window.__xss === undefined ? null : String(window.__xss)")
                assert ran is None, f"script ran on /{path}: window.__xss = {ran}"
            else:
                raise AssertionError(f"/{path}: a click navigated to {page.url}")
            scripts = page.evaluate("[...document.scripts].map(s => [s.type, new URL(s.src || location).pathname])")
            assert all(t == "application/ld+json" or (not t and CITE_SCRIPT.fullmatch(src))
                       for t, src in scripts), (path, scripts)
    assert dialogs == []


def _build_and_check_inert(site: Path, out: Path) -> None:
    result = run_cli("build", "--site", str(site), "--out", str(out), "--quiet")
    if result.returncode != 0:  # refusing the URL outright is fine too, if it is a proper error
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert re.search(r"^error: content/\S+\.md:\d+: ", result.stderr, re.M), result.stderr
        return
    for page in _html_files(out):
        assert_inert(page.read_text(encoding="utf-8"), page.relative_to(out).as_posix())


def test_javascript_image_src_is_not_published(tmp_path):
    site = copy_example_site(tmp_path / "site")
    (site / "content/articles/2023/06/image.md").write_text(
        "---\ntitle: Image\ndate: 2023-06-20\nsource: rt\nimage:\n  src: \"javascript:window.__xss=10\"\n"
        "  alt: A picture\n---\n\nText.\n")
    _build_and_check_inert(site, tmp_path / "out")


def test_javascript_article_url_is_refused(tmp_path):
    site = copy_example_site(tmp_path / "site")
    (site / "content/articles/2023/06/link.md").write_text(
        "---\ntitle: Link\ndate: 2023-06-20\nsource: rt\nurl: \"javascript:window.__xss=6\"\n---\n\nText.\n")
    result = run_cli("build", "--site", str(site), "--out", str(tmp_path / "out"), "--quiet")
    assert result.returncode == 1
    assert "content/articles/2023/06/link.md:5: 'url' must be an http:// or https:// address" in result.stderr


def test_javascript_links_in_a_source_file_are_not_published(tmp_path):
    site = copy_example_site(tmp_path / "site")
    (site / "content/sources/shady.md").write_text(
        "---\nname: Shady outlet\ntype: private media\ncountry: GB\nhomepage: \"javascript:window.__xss=30\"\n"
        "references:\n  - title: Ref\n    url: \"javascript:window.__xss=31\"\n---\n\nAbout.\n")
    (site / "content/articles/2023/06/shady.md").write_text(
        "---\ntitle: From a shady outlet\ndate: 2023-06-20\nsource: shady\n---\n\nText.\n")
    _build_and_check_inert(site, tmp_path / "out")


# --- atomic output -----------------------------------------------------------------------------

def _staging(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.building-*"))


@pytest.mark.slow
def test_killed_build_leaves_previous_output_untouched(tmp_path, corpus_site):
    small = copy_example_site(tmp_path / "small")
    big = tmp_path / "big"
    shutil.copytree(corpus_site, big)
    out = tmp_path / "out"
    build_ok(small, out)
    before = tree_hashes(out)

    command = [sys.executable, str(REPO / "build.py"), "build", "--site", str(big), "--out", str(out),
               "--jobs", "1", "--quiet"]
    reference: dict[str, str] = {}
    caught = False
    for delay in (0.3, 0.5, 0.8, 1.0, 0.15, 0.6):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            # Let it get going, then strike while it writes (once its staging folder exists).
            time.sleep(delay)
            deadline = time.monotonic() + 20
            while proc.poll() is None and not _staging(out) and time.monotonic() < deadline:
                time.sleep(0.005)
            time.sleep(0.05)
            staged = bool(_staging(out))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.wait(timeout=30)
        killed = proc.returncode == -signal.SIGKILL
        now = tree_hashes(out)
        if killed and staged and now == before:
            caught = True
            break
        if killed:  # killed after the swap, so the new site must be there whole, never half
            if not reference:
                build_ok(big, tmp_path / "reference", "--jobs", "1")
                reference = tree_hashes(tmp_path / "reference")
            assert now in (before, reference), "a killed build left a half-written output folder"
        # Too late (it finished) or too early: restore the small site and try another delay.
        build_ok(small, out)
        before = tree_hashes(out)
    assert caught, "never managed to kill the build while it was writing"
    assert _staging(out), "expected the killed build's staging folder to be left behind"

    build_ok(big, out, "--jobs", "1")
    assert _staging(out) == [], "the next build did not clear the killed build's staging folder"
    assert (out / "index.html").is_file() and tree_hashes(out) != before


def test_failed_build_leaves_previous_output_untouched(tmp_path):
    site = copy_example_site(tmp_path / "site")
    out = tmp_path / "out"
    build_ok(site, out)
    before = tree_hashes(out)

    (site / "content/articles/2023/06/broken.md").write_text("---\ntitle: [unclosed\n---\nx\n")
    result = run_cli("build", "--site", str(site), "--out", str(out), "--quiet")
    assert result.returncode == 1
    assert tree_hashes(out) == before
    assert _staging(out) == []

    # A failure while rendering (after the staging folder exists) is no different.
    (site / "content/articles/2023/06/broken.md").unlink()
    (site / "templates").mkdir()
    (site / "templates/404.html").write_text("{% extends 'base.html' %}{% block main %}{{ nope }}{% endblock %}")
    result = run_cli("build", "--site", str(site), "--out", str(out), "--quiet")
    assert result.returncode == 1 and "nope" in result.stderr
    assert tree_hashes(out) == before
    assert _staging(out) == []


@pytest.mark.parametrize("where", ["site", "content", "parent"])
def test_out_folder_never_swallows_the_site(tmp_path, where):
    """--out pointing at the site, its content/ or a folder holding the site must not delete the content."""
    outer = tmp_path / "outer"
    site = copy_example_site(outer / "site")
    before = tree_hashes(site / "content")
    out = {"site": site, "content": site / "content", "parent": outer}[where]
    result = run_cli("build", "--site", str(site), "--out", str(out), "--quiet")
    assert (site / "content").is_dir(), f"--out {where}: the site's content/ folder was deleted"
    assert tree_hashes(site / "content") == before, f"--out {where}: the content was overwritten"
    assert result.returncode == 1, f"--out {where} should be refused"
    assert "error:" in result.stderr and "Traceback" not in result.stderr


# --- nothing escapes the output folder ---------------------------------------------------------

def test_slugs_and_file_names_cannot_escape_the_output_folder(tmp_path):
    root = tmp_path / "root"
    site = copy_example_site(root / "deep/er/site")
    folder = site / "content/articles/2023/06"
    front = "---\ntitle: Escape {n}\ndate: 2023-06-2{n}\nsource: rt\n{extra}---\n\nText.\n"
    (folder / "one.md").write_text(front.format(n=1, extra='slug: "../../../../tmp/evil"\n'))
    (folder / "two.md").write_text(front.format(n=2, extra='slug: "..\\\\..\\\\evil2"\n'))
    (folder / "evil..md").write_text(front.format(n=3, extra="tags: ['../../../evil-tag', '..']\n"))
    (folder / "a.b..c.md").write_text(front.format(n=4, extra="story: ../../../evil-story\n"))
    (folder / "dots...md").write_text(front.format(n=5, extra='slug: "/etc/evil"\n'))
    escaped = Path("/tmp/evil")
    existed = escaped.exists()
    out = root / "deep/out"
    build_ok(site, out)

    outside = {p for p in root.rglob("*") if out not in p.parents and p != out and site not in p.parents
               and p != site}
    assert outside == {root / "deep", root / "deep/er"}, sorted(map(str, outside))
    assert escaped.exists() == existed
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(out.resolve()), path
        assert ".." not in path.relative_to(out).parts
    written = {p.relative_to(out).as_posix() for p in out.rglob("index.html")}
    for n in range(1, 6):
        assert any(f"Escape {n}" in (out / p).read_text() for p in written if p.startswith("articles/2023/06/")), n
