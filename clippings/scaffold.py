"""What a new archive starts with (``clippings new``): its files, as text.

The files come from the templates in ``clippings/data/new_archive/``, the curator's answers, the
label vocabulary, and how this engine was installed: an archive holds content, not the engine,
so its ``requirements.txt`` names the engine for the GitHub Pages workflow to install. pip
records where a package came from in ``direct_url.json`` (PEP 610); without that file it came
from a package index.
"""

from __future__ import annotations

import json
import os
import textwrap
import unicodedata
import zoneinfo
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from string import Template
from urllib.parse import unquote, urlsplit

from . import __version__
from .config import normalize_base_url
from .labels import SourceVocabulary

ARTICLES_DIR = "content/articles"
SOURCES_EXAMPLE = "content/sources/_example.md.txt"  # not *.md: the build and the importer skip it
REQUIREMENTS = "requirements.txt"
WORKFLOW = ".github/workflows/pages.yml"
PUBLIC_SCHEMES = ("https", "http")  # what a GitHub runner can install from
NOT_ZONE_NAMES = {"localtime", "posixrules"}  # files in the zoneinfo folder, not time zones


@dataclass(frozen=True)
class Answers:
    title: str
    base_url: str
    curator_name: str
    curator_contact: str
    timezone: str


@dataclass(frozen=True)
class Engine:
    """How this engine can be installed elsewhere: a requirement line, or None if it cannot."""

    version: str
    requirement: str | None
    origin: str  # where it was installed from, in words
    commit: str | None = None  # the commit it was installed from, when it came from a repository


# --- answers --------------------------------------------------------------------------------

def clean(value: str) -> str:
    """One line of text without control characters (TOML strings may not hold them) or the lone
    surrogates that stand for undecodable bytes in a command line (UTF-8 cannot hold them)."""
    kept = (c for c in value if c.isspace() or unicodedata.category(c) not in ("Cc", "Cs"))
    return " ".join("".join(kept).split())


def title_from_folder(folder: Path) -> str:
    """``my-news_archive`` -> ``My news archive``: a first title a curator can keep."""
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    title = " ".join(words)
    return title[:1].upper() + title[1:] if any(c.isalpha() for c in title) else "My news archive"


def base_url_problem(url: str) -> str | None:
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        return f"the base URL must be an http:// or https:// address (got '{url}')"
    return None


def contact_url(contact: str) -> str:
    """A bare e-mail address becomes a ``mailto:`` link; anything else stays as written."""
    if contact and "@" in contact and ":" not in contact and " " not in contact:
        return f"mailto:{contact}"
    return contact


def contact_problem(contact: str) -> str | None:
    if contact and urlsplit(contact).scheme not in ("mailto", "http", "https"):
        return f"the contact must be an e-mail or an http(s):// address (got '{contact}')"
    return None


def is_zone_name(name: str) -> bool:
    return name not in NOT_ZONE_NAMES and name in zoneinfo.available_timezones()


def timezone_problem(name: str) -> str | None:
    if not is_zone_name(name):
        return f"unknown time zone '{name}': use an IANA name such as 'Europe/Berlin'"
    return None


def local_timezone(tz_env: str | None, localtime: Path = Path("/etc/localtime")) -> str:
    """The machine's time zone as an IANA name: ``TZ`` if it is one, else the zone
    ``/etc/localtime`` links to, else UTC (a POSIX rule such as ``CET-1`` names no zone)."""
    name = (tz_env or "").removeprefix(":")
    if name and is_zone_name(name):
        return name
    try:
        target = os.path.realpath(localtime) if localtime.is_symlink() else ""
    except OSError:
        target = ""
    _, found, zone = target.partition("/zoneinfo/")
    zone = zone.removeprefix("posix/").removeprefix("right/")
    return zone if found and is_zone_name(zone) else "UTC"


def title_problem(title: str) -> str | None:
    return None if title else "the title must not be empty"


def answers_problems(answers: Answers) -> list[str]:
    """What is wrong with the answers, each checked as ``finish`` will store it."""
    found = [title_problem(clean(answers.title)), base_url_problem(clean(answers.base_url)),
             contact_problem(contact_url(clean(answers.curator_contact))), timezone_problem(clean(answers.timezone))]
    return [problem for problem in found if problem]


def finish(answers: Answers) -> Answers:
    """Answers as site.toml stores them: one-line text, a base URL ending in '/', a mailto: link."""
    return Answers(
        title=clean(answers.title), base_url=normalize_base_url(clean(answers.base_url)),
        curator_name=clean(answers.curator_name), curator_contact=contact_url(clean(answers.curator_contact)),
        timezone=clean(answers.timezone),
    )


# --- the engine -----------------------------------------------------------------------------

def engine_from(direct_url: dict | None, version: str) -> Engine:
    """The requirement line for an engine installed as PEP 610's ``direct_url.json`` says."""
    if direct_url is None:
        return Engine(version, f"clippings=={version}", f"version {version} from a package index")
    url = str(direct_url.get("url", ""))
    public = urlsplit(url).scheme in PUBLIC_SCHEMES
    subdirectory = f"#subdirectory={direct_url['subdirectory']}" if direct_url.get("subdirectory") else ""
    if "vcs_info" in direct_url:
        vcs = direct_url["vcs_info"]
        where = f"{vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id', '')}{subdirectory}"
        if public:
            return Engine(version, f"clippings @ {where}", where)
        commit = vcs.get("commit_id")
        return Engine(version, None, f"the repository {url} at commit {commit}", commit)
    if "archive_info" in direct_url:
        hashes = direct_url["archive_info"].get("hashes") or {}
        digest = f"#sha256={hashes['sha256']}" if "sha256" in hashes and "#" not in url else ""
        if public:
            return Engine(version, f"clippings @ {url}{digest}", url)
        return Engine(version, None, f"the file {_local_path(url)}")
    editable = (direct_url.get("dir_info") or {}).get("editable")
    kind = "an editable checkout in" if editable else "the folder"
    return Engine(version, None, f"{kind} {_local_path(url)}")


def _local_path(url: str) -> str:
    return unquote(urlsplit(url).path) if url.startswith("file:") else url


def installed_engine() -> Engine:
    """How the running engine was installed (reads the package's metadata)."""
    running = Path(__file__).with_name("__init__.py").resolve()
    try:
        dist = metadata.distribution("clippings")
    except metadata.PackageNotFoundError:
        dist = None
    direct_url = json.loads(dist.read_text("direct_url.json") or "null") if dist else None
    editable = bool(((direct_url or {}).get("dir_info") or {}).get("editable"))
    # `python build.py` in a checkout runs the checkout, whatever copy pip installed elsewhere.
    installed = dist is not None and Path(dist.locate_file("clippings/__init__.py")).resolve() == running
    if editable or installed:
        return engine_from(direct_url, dist.version)
    checkout = running.parents[1]
    return Engine(__version__, None, f"a source checkout in {checkout}, not an installed package")


def requirements_txt(engine: Engine) -> str:
    head = ("# The Clippings engine this archive is built with: the GitHub Pages workflow\n"
            "# (.github/workflows/pages.yml) installs what this file names.\n")
    if engine.requirement:
        return f"{head}# Written by `clippings new` from how the engine was installed.\n{engine.requirement}\n"
    todo = (f"TO DO before publishing: `clippings new` found no public address for the engine (version "
            f"{engine.version}). It came from {engine.origin}, which GitHub cannot install from. Put where you "
            "install Clippings from on a line of its own, without '#', for example:")
    lines = textwrap.wrap(todo, 92, initial_indent="# ", subsequent_indent="# ", break_on_hyphens=False)
    examples = [f"#   clippings @ git+https://github.com/OWNER/REPO@{engine.commit or 'COMMIT'}",
                f"#   clippings=={engine.version}"]
    return "\n".join([head + "#", *lines, *examples, ""])


# --- the files ------------------------------------------------------------------------------

def _template(name: str) -> str:
    return (resources.files("clippings") / "data" / "new_archive" / name).read_text(encoding="utf-8")


def toml_string(value: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's for the text ``clean`` leaves."""
    return json.dumps(value, ensure_ascii=False)


def site_toml(answers: Answers) -> str:
    values = {"title": answers.title, "base_url": answers.base_url, "timezone": answers.timezone,
              "curator_name": answers.curator_name, "curator_contact": answers.curator_contact}
    return Template(_template("site.toml")).substitute({k: toml_string(v) for k, v in values.items()})


def source_example(vocabulary: SourceVocabulary) -> str:
    """The example source file, with every type of the label vocabulary explained."""
    lines = []
    for kind in vocabulary.types.values():
        lines.append(f"#   {kind.key} (badge: \"{vocabulary.label(kind.key, None)}\")")
        lines += textwrap.wrap(kind.description, 92, initial_indent="#     ", subsequent_indent="#     ")
    return Template(_template("source_example.md")).substitute(types="\n".join(lines))


def archive_files(answers: Answers, engine: Engine, vocabulary: SourceVocabulary) -> dict[str, str]:
    """Every file of a new archive by its path inside it."""
    return {
        "site.toml": site_toml(answers),
        REQUIREMENTS: requirements_txt(engine),
        ".gitignore": _template("gitignore"),
        WORKFLOW: _template("pages.yml"),
        SOURCES_EXAMPLE: source_example(vocabulary),
    }
