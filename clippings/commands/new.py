"""``clippings new DIR``: start an archive of your own, outside the engine (as ``hugo new site``).

It asks for the title, address, curator and time zone when run in a terminal (flags answer
for scripts), writes site.toml, content/, .gitignore, requirements.txt and the GitHub Pages
workflow, and never overwrites a file that is already there.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from ..labels import load_vocabulary
from ..scaffold import (
    ARTICLES_DIR,
    REQUIREMENTS,
    Answers,
    answers_problems,
    archive_files,
    base_url_problem,
    clean,
    contact_problem,
    contact_url,
    finish,
    installed_engine,
    local_timezone,
    timezone_problem,
    title_from_folder,
    title_problem,
)
from .serve import DEFAULT_PORT

PREVIEW_BASE_URL = f"http://127.0.0.1:{DEFAULT_PORT}/"  # what `serve` prints, so the two agree


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", type=Path, metavar="DIR", help="folder for the new archive (made if missing)")
    parser.add_argument("--title", help="the archive's title (default: from the folder's name)")
    parser.add_argument("--base-url", metavar="URL", help="where the site will live, e.g. "
                        f"https://USER.github.io/REPO/ (default: {PREVIEW_BASE_URL})")
    parser.add_argument("--curator", metavar="NAME", help="the curator's name (default: git's user.name)")
    parser.add_argument("--contact", metavar="EMAIL_OR_URL",
                        help="how readers reach the curator (default: git's user.email)")
    parser.add_argument("--timezone", metavar="ZONE",
                        help="IANA time zone for dates without an offset (default: this computer's, else UTC)")
    parser.add_argument("--yes", action="store_true", help="ask nothing: take the defaults for what no flag gives")
    parser.add_argument("--force", action="store_true",
                        help="add the missing files to a folder that is not empty (existing files are kept)")


def run(args: argparse.Namespace) -> int:
    target: Path = args.dir
    refusal = _refusal(target, args.force)
    if refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 1
    given = Answers(title=args.title, base_url=args.base_url, curator_name=args.curator,
                    curator_contact=args.contact, timezone=args.timezone)
    defaults = _defaults(target)
    if sys.stdin.isatty() and not args.yes:
        try:
            answers = _ask(given, defaults, target)
        except EOFError:
            print("\nerror: no answer (end of input); nothing was written", file=sys.stderr)
            return 1
    else:
        answers = _merge(given, defaults)
    problems = answers_problems(answers)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 2
    answers = finish(answers)
    engine = installed_engine()
    try:
        written, kept = write_archive(target, archive_files(answers, engine, load_vocabulary()))
    except OSError as exc:
        print(f"error: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return 1
    print(f"Created a Clippings archive in {target}: {', '.join(written)}")
    if kept:
        print(f"Kept, not overwritten: {', '.join(kept)}")
    if engine.requirement is None and REQUIREMENTS in written:
        print(f"warning: {target / REQUIREMENTS}: this engine came from {engine.origin}, which GitHub cannot "
              "install from: put where you install Clippings from in that file (see its comments) before publishing",
              file=sys.stderr)
    print(next_steps(target, _program(), answers.base_url))
    return 0


def _merge(given: Answers, defaults: Answers) -> Answers:
    """The flags' answers, and the defaults for the questions no flag answered."""
    merged = {}
    for name in (f.name for f in dataclasses.fields(Answers)):
        flag = getattr(given, name)
        merged[name] = flag if flag is not None else getattr(defaults, name)
    return Answers(**merged)


def _refusal(target: Path, force: bool) -> str | None:
    if target.exists() and not target.is_dir():
        return f"{target} exists and is not a folder"
    try:
        occupied = target.is_dir() and any(target.iterdir())
    except OSError as exc:
        return f"cannot read {target}: {exc.strerror}"
    if occupied and not force:
        return f"{target} is not empty; use --force to add what is missing (existing files are kept)"
    return None


def _git_config(key: str) -> str:
    try:
        done = subprocess.run(["git", "config", "--get", key], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _defaults(target: Path) -> Answers:
    email = _git_config("user.email")
    return Answers(title=title_from_folder(target), base_url=PREVIEW_BASE_URL, curator_name=_git_config("user.name"),
                   curator_contact=f"mailto:{email}" if email else "", timezone=local_timezone(os.environ.get("TZ")))


# Each question: the field it answers, how it is asked, and what is wrong with an answer.
QUESTIONS: list[tuple[str, str, Callable[[str], str | None]]] = [
    ("title", "Title", lambda title: title_problem(clean(title))),
    ("base_url", "Public address of the site (base URL)", lambda url: base_url_problem(clean(url))),
    ("curator_name", "Curator's name", lambda _: None),
    ("curator_contact", "Curator's contact (e-mail or https:// address)",
     lambda contact: contact_problem(contact_url(clean(contact)))),
    ("timezone", "Time zone of dates written without one", lambda zone: timezone_problem(clean(zone))),
]


def _question(label: str, default: str, problem: Callable[[str], str | None]) -> str:
    """Ask until the answer has no problem; Enter keeps the default."""
    while True:
        answer = input(f"{label} [{default}]: " if default else f"{label}: ").strip() or default
        found = problem(answer)
        if not found:
            return answer
        print(f"  {found}; try again")


def _ask(given: Answers, defaults: Answers, target: Path) -> Answers:
    """Ask, in a terminal, for what no flag answered."""
    print(f"A new Clippings archive in {target}. Enter keeps the [default].")
    answers = {}
    for name, label, problem in QUESTIONS:
        flag = getattr(given, name)
        answers[name] = flag if flag is not None else _question(label, getattr(defaults, name), problem)
    return Answers(**answers)


def write_archive(target: Path, files: dict[str, str]) -> tuple[list[str], list[str]]:
    """Write each file that is not there yet (exclusive creation: never over an existing one)."""
    written, kept = [], []
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        except FileExistsError:
            kept.append(relative)
        else:
            written.append(relative)
    articles = target / ARTICLES_DIR
    if not articles.is_dir():
        articles.mkdir(parents=True)
        written.append(ARTICLES_DIR + "/")
    return written, kept


def _program() -> str:
    """How this command was started, so the next commands can be pasted as they are."""
    started = Path(sys.argv[0])
    if started.name == "build.py":
        return f"python3 {shlex.quote(sys.argv[0])}"
    if started.name == "__main__.py":
        return "python3 -m clippings"
    return "clippings"


def next_steps(target: Path, program: str, base_url: str) -> str:
    here = target.resolve() == Path.cwd().resolve()
    site = "" if here else f" --site {shlex.quote(str(target))}"
    preview = PREVIEW_BASE_URL + (urlsplit(base_url).path or "/").lstrip("/")
    cd = "" if here else f"cd {shlex.quote(str(target))} && "
    return "\n".join([
        "Next:",
        f"  {program} import{site} PAGE.txt   # import a capture: copied page text, a saved .html page or a URL",
        f"  {program} serve{site}   # preview the archive at {preview}",
        f'  {cd}git init -b main && git add . && git commit -m "Start the archive"   # then push it to GitHub',
        "    and set the repository's Settings > Pages > Source to GitHub Actions: it publishes every push",
    ])
