"""Shared fixtures: serve built sites on 127.0.0.1, drive headless Chromium, and the built example
archive that the ``test_site_*`` files read page by page (plain functions live in helpers.py)."""

from __future__ import annotations

import functools
import http.server
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.helpers import BASE, DPA, REPO, RT, build_site, content_articles, content_sources, copy_example_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site like GitHub Pages: under a path prefix, with 404.html for misses."""

    prefix = "/"

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = unquote(urlsplit(path).path)
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".outside-prefix-missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


class StaticServer:
    def __init__(self, directory: Path, prefix: str = "/"):
        handler = type("Handler", (_PagesHandler,), {"prefix": prefix})
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                                     functools.partial(handler, directory=str(directory)))
        self.prefix = prefix
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def base_url(self) -> str:
        return self.origin + self.prefix

    def __enter__(self) -> StaticServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """A copy of the example archive (read-only by convention: copy again to modify)."""
    return copy_example_site(tmp_path_factory.mktemp("example"))


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory) -> Path:
    """A generated site of a few hundred synthetic articles: the same on every machine, whether
    or not the real BBC corpus of ../shared is there (benchmarks use that one)."""
    sys.path.insert(0, str(REPO))
    from bench.corpus import make_synthetic

    return make_synthetic(300, tmp_path_factory.mktemp("corpus") / "c")


# --- the built example archive (session scope: built once per worker, read-only for every test) ----

@pytest.fixture(scope="session")
def example(tmp_path_factory):
    root = tmp_path_factory.mktemp("output-example")
    site = copy_example_site(root / "site")
    build_site(site, root / "out", BASE)
    return site, root / "out"


@pytest.fixture(scope="session")
def site(example) -> Path:
    return example[0]


@pytest.fixture(scope="session")
def out(example) -> Path:
    return example[1]


@pytest.fixture(scope="session")
def articles(site):
    found = {a.path: a for a in content_articles(site)}
    assert set(found) == {RT, DPA}
    return found


@pytest.fixture(scope="session")
def sources(site):
    return content_sources(site)


CNAME = "archive.example.org"
CSS_MARK = "/* changed by the variant fixture (tests/conftest.py) */"


def _set_tags(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert f"\n- {old}\n" in text
    file.write_text(text.replace(f"\n- {old}\n", f"\n- {new}\n", 1), encoding="utf-8")


@pytest.fixture(scope="session")
def variant(tmp_path_factory):
    """The example changed the ways curators do: tag spellings, a custom domain, a CSS edit, German."""
    root = tmp_path_factory.mktemp("output-variant")
    site = copy_example_site(root / "site")
    articles = site / "content/articles/2023/06"
    _set_tags(articles / "nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate.md", "NATO", "nato")
    _set_tags(articles / "nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate.md", "Ukraine", "Kyiv")
    _set_tags(articles / "counteroffensive-will-help-kiev-in-negotiations-nato-chief.md", "Kyiv", "Kiev")
    (site / "content/articles/2023/07").mkdir()
    (site / "content/articles/2023/07/stoltenberg-in-berlin.md").write_text(
        "---\ntitle: Stoltenberg in Berlin\ndate: 2023-07-01T09:00:00Z\nsource: dpa\nlang: de\n"
        "tags: [Deutschland]\n---\n\nDer NATO-Generalsekretär besuchte Berlin.\n", encoding="utf-8")
    toml = (site / "site.toml").read_text(encoding="utf-8")
    (site / "site.toml").write_text(f'cname = "{CNAME}"\n' + toml, encoding="utf-8")
    (site / "static").mkdir()
    css = (REPO / "themes/default/static/style.css").read_text(encoding="utf-8")
    (site / "static/style.css").write_text(css + "\n" + CSS_MARK + "\n", encoding="utf-8")
    return build_site(site, root / "out", BASE)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium through Playwright; skipped locally when missing, required in CI."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if IN_CI:
            raise
        pytest.skip("playwright is not installed")
    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail(f"{CHROMIUM} is missing, but CI=true requires browser tests to run")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page(browser) -> Iterator:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
