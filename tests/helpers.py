"""Small helpers for the tests: the real CLI run as a user runs it, a tiny HTML tree (stdlib
html.parser), content facts, builds, and the pages of the built example archive (its address,
its two articles, finding cards and links).

Expected values are read from the content files themselves (YAML front matter), never from the
engine, so a test compares what the curator wrote with what the built site shows.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Opening one of these closes an open <p> (HTML's implied end tags, enough for our templates).
CLOSES_P = {"address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption",
            "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav",
            "ol", "p", "pre", "section", "table", "ul"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


# --- a tiny DOM --------------------------------------------------------------------------------

@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = field(default=None, repr=False)
    line: int = 0

    def iter(self) -> Iterator[Node]:
        """This element and every element below it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def matches(self, tag: str | None = None, cls: str | None = None, **attrs: str | bool) -> bool:
        if tag is not None and self.tag != tag:
            return False
        if cls is not None and cls not in self.classes():
            return False
        for name, wanted in attrs.items():
            name = name.rstrip("_").replace("_", "-")
            if wanted is True:
                if name not in self.attrs:
                    return False
            elif self.attrs.get(name) != wanted:
                return False
        return True

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str | bool) -> list[Node]:
        return [n for n in self.iter() if n is not self and n.matches(tag, cls, **attrs)]

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str | bool) -> Node | None:
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str | bool) -> Node:
        found = self.find_all(tag, cls, **attrs)
        assert len(found) == 1, f"expected one <{tag or '*'} class={cls} {attrs}>, found {len(found)}"
        return found[0]

    def by_id(self, ident: str) -> Node | None:
        return next((n for n in self.iter() if n.attrs.get("id") == ident), None)

    def ancestors(self) -> Iterator[Node]:
        node = self.parent
        while node is not None:
            yield node
            node = node.parent

    def raw_text(self) -> str:
        return "".join(c if isinstance(c, str) else c.raw_text() for c in self.children)

    def text(self) -> str:
        """Text content with whitespace collapsed, as a reader sees it."""
        return " ".join(self.raw_text().split())

    def get(self, name: str) -> str | None:
        return self.attrs.get(name)

    def __getitem__(self, name: str) -> str:
        value = self.attrs[name]
        assert value is not None, f"<{self.tag}> has a bare {name} attribute"
        return value


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def _close(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_starttag(self, tag, attrs):
        top = self.stack[-1].tag
        implied_end = (top == "p" and tag in CLOSES_P) or (top == tag == "li") or {top, tag} <= {"dt", "dd"}
        if implied_end:
            self.stack.pop()
        node = Node(tag, dict(attrs), parent=self.stack[-1], line=self.getpos()[0])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        node = Node(tag, dict(attrs), parent=self.stack[-1], line=self.getpos()[0])
        self.stack[-1].children.append(node)

    def handle_endtag(self, tag):
        if tag not in VOID:
            self._close(tag)

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse_html(text: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    builder.root.attrs["doctype"] = builder.doctype
    return builder.root


def read_html(path: Path) -> Node:
    return parse_html(path.read_text(encoding="utf-8"))


# --- the CLI and built output ---------------------------------------------------------------

def run_cli(*args: str, cwd: Path = REPO, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run ``python build.py ARGS`` exactly as a user would."""
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def copy_example_site(dest: Path) -> Path:
    """The repository's example archive (site.toml + content/), copied so tests can change it."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site.toml", dest / "site.toml")
    shutil.copytree(REPO / "content", dest / "content")
    return dest


def empty_site(root: Path) -> Path:
    """A site with the example's settings and sources but no articles."""
    (root / "content").mkdir(parents=True)
    shutil.copy(REPO / "site.toml", root / "site.toml")
    shutil.copytree(REPO / "content" / "sources", root / "content" / "sources")
    return root


def write_article(site: Path, slug: str, date: str, source: str, title: str, tags: tuple[str, ...] = (),
                  story: str | None = None, body: str = "A report.") -> Path:
    """One article file, as a curator writes it (date: ISO 8601; the file goes in its month's folder)."""
    folder = site / "content" / "articles" / date[:4] / date[5:7]
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"title": title, "date": date, "source": source, "tags": list(tags)}
    if story is not None:
        meta["story"] = story
    file = folder / f"{slug}.md"
    file.write_text("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + body + "\n",
                    encoding="utf-8")
    return file


def set_per_page(site: Path, per_page: int) -> None:
    toml = site / "site.toml"
    text, count = re.subn(r"(?m)^per_page = \d+$", f"per_page = {per_page}", toml.read_text(encoding="utf-8"))
    assert count == 1, "site.toml sets per_page once"
    toml.write_text(text, encoding="utf-8")


def build_ok(site: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    result = run_cli("build", "--site", str(site), "--out", str(out), "--quiet", *extra)
    assert result.returncode == 0, result.stderr
    return result



def build_site(site: Path, out: Path, base_url: str, *extra: str) -> Path:
    build_ok(site, out, "--base-url", base_url, *extra)
    return out


def html_files(out: Path) -> list[Path]:
    return sorted(out.rglob("*.html"))


def page_path(out: Path, file: Path) -> str:
    """Site path of a built HTML file: ``out/tags/nato/index.html`` -> ``tags/nato/``."""
    relative = file.relative_to(out).as_posix()
    return relative.removesuffix("index.html")


def page(out: Path, path: str) -> Node:
    """The parsed page at a site path such as ``tags/nato/`` (or ``404.html``)."""
    file = out / path / "index.html" if path.endswith("/") or not path else out / path
    assert file.is_file(), f"no page at /{path} ({file} is missing)"
    return read_html(file)


# --- the built example archive (the ``example`` fixture in conftest) ----------------------------

BASE = "https://news.example.org/archive/"
PREFIX = "/archive/"
RT = "articles/2023/06/counteroffensive-will-help-kiev-in-negotiations-nato-chief/"
DPA = "articles/2023/06/nato-chief-hopes-ukraine-offensive-will-force-russia-to-negotiate/"
LABELS = {"rt": "Russian state-controlled media", "dpa": "German news agency"}


def link(path: str) -> str:
    return PREFIX + path


def main_of(doc: Node) -> Node:
    return doc if doc.tag == "main" else doc.one("main")


def cards(doc: Node) -> list[Node]:
    return main_of(doc).find_all("article", "card")


def listed_hrefs(doc: Node) -> list[str]:
    """The article links a listing page lists: its cards' (a first page) or its rows' (the pages after)."""
    main = main_of(doc)
    return ([c.one(cls="card-title").one("a")["href"] for c in cards(main)]
            + [row.one("a")["href"] for row in main.find_all("li", "row")])


def card_titles(doc: Node) -> list[str]:
    return [card.one(cls="card-title").text() for card in cards(doc)]


def hrefs(node: Node, tag: str = "a") -> list[str]:
    return [a["href"] for a in node.find_all(tag, href=True)]


def tag_links(node: Node) -> dict[str, str]:
    return {a.text(): a["href"] for a in node.find_all("a") if a["href"].startswith(link("tags/"))}


# --- what the content says ---------------------------------------------------------------------

@dataclass(frozen=True)
class ContentArticle:
    file: Path
    meta: dict
    body: str
    when: dt.datetime  # aware
    date_only: bool

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def source(self) -> str:
        return str(self.meta["source"])

    @property
    def tags(self) -> list[str]:
        return [str(t) for t in self.meta.get("tags") or []]

    @property
    def path(self) -> str:
        """The page the article must be published at (site timezone UTC, slug = file name)."""
        stem = self.file.stem
        assert stem == tag_slug(stem), f"test content needs slug-shaped file names: {stem}"
        return f"articles/{self.when.astimezone(dt.UTC):%Y/%m}/{stem}/"

    @property
    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in self.body.split("\n\n") if p.strip()]


def split_front_matter(text: str) -> tuple[dict, str]:
    assert text.startswith("---\n"), "content files start with front matter"
    end = text.index("\n---\n", 3)
    return yaml.safe_load(text[4:end]) or {}, text[end + 5:].lstrip("\n")


def parse_when(value) -> tuple[dt.datetime, bool]:
    """A front matter date as an aware datetime (naive values are UTC, the sites' timezone)."""
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)), False
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC), True
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return parse_when(dt.date.fromisoformat(text))
    return parse_when(dt.datetime.fromisoformat(text))


def content_articles(site: Path) -> list[ContentArticle]:
    """Every published article of a site, newest first."""
    found = []
    for file in sorted((site / "content" / "articles").rglob("*.md")):
        meta, body = split_front_matter(file.read_text(encoding="utf-8"))
        if meta.get("draft") is True:
            continue
        when, date_only = parse_when(meta["date"])
        found.append(ContentArticle(file, meta, body, when, date_only))
    return sorted(found, key=lambda a: (a.when, a.path), reverse=True)


def content_sources(site: Path) -> dict[str, dict]:
    sources = {}
    for file in sorted((site / "content" / "sources").glob("*.md")):
        meta, body = split_front_matter(file.read_text(encoding="utf-8"))
        sources[file.stem] = {**meta, "body": body}
    return sources


def tag_slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.casefold()).replace("_", "-").strip("-")
