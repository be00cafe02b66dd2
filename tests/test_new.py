"""``build.py new DIR``: what it writes, from flags and in a terminal; what it refuses; the engine
its requirements.txt names (PEP 610); the GitHub Pages workflow it writes (tests/test_new_archive.py
then builds, imports into and serves the new archive)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from clippings import scaffold
from tests.helpers import REPO
from tests.newsite import FLAGS, new_archive, run_new, site_toml

# --- what `new` writes ---------------------------------------------------------------------------

def test_new_writes_an_archive_from_flags(tmp_path):
    done = run_new(tmp_path, "archive", "--yes", *FLAGS)
    assert done.returncode == 0, done.stderr
    archive = tmp_path / "archive"
    config = site_toml(archive)
    assert config["title"] == "Ukraine, as reported"
    assert config["base_url"] == "https://jane.github.io/ukraine/"
    assert config["timezone"] == "Europe/Berlin"
    assert config["curator"] == {"name": "Jane Doe", "contact": "mailto:jane@example.org"}
    assert (archive / "content/articles").is_dir()
    assert (archive / "content/sources/_example.md.txt").is_file()
    ignored = (archive / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert "_site/" in ignored and ".cache/" in ignored
    assert (archive / ".github/workflows/pages.yml").is_file()
    # The next three commands, for this folder and this way of running Clippings
    lines = done.stdout.splitlines()
    steps = lines[lines.index("Next:") + 1:]
    assert "build.py import --site archive PAGE.txt   # import a capture" in steps[0]
    assert "build.py serve --site archive" in steps[1] and "http://127.0.0.1:8000/ukraine/" in steps[1]
    assert steps[2].strip().startswith("cd archive && git init")
    assert "Settings > Pages" in steps[3]


def test_a_title_with_quotes_and_backslashes_survives_toml(tmp_path):
    title = 'The "Kremlin\'s" line \\ a test \u00e9\u4e2d'
    done = run_new(tmp_path, "a", "--yes", "--title", title)
    assert done.returncode == 0, done.stderr
    assert site_toml(tmp_path / "a")["title"] == title
    assert scaffold.clean("a\x00b\x7f\udcff c\n d") == "ab c d"  # NUL, DEL, an undecodable byte, newlines


def test_defaults_come_from_the_folder_git_and_the_time_zone(tmp_path):
    gitconfig = tmp_path / "gitconfig"
    gitconfig.write_text("[user]\n\tname = Jane Doe\n\temail = jane@example.org\n", encoding="utf-8")
    # No terminal and no --yes: nothing is asked, the defaults are taken.
    done = run_new(tmp_path, "my-news_archive", env={"GIT_CONFIG_GLOBAL": str(gitconfig), "TZ": "Asia/Tokyo"})
    assert done.returncode == 0, done.stderr
    config = site_toml(tmp_path / "my-news_archive")
    assert config["title"] == "My news archive"
    assert config["base_url"] == "http://127.0.0.1:8000/"
    assert config["timezone"] == "Asia/Tokyo"
    assert config["curator"] == {"name": "Jane Doe", "contact": "mailto:jane@example.org"}


def test_time_zone_default(tmp_path):
    zone_file = tmp_path / "localtime"
    zone_file.symlink_to("/usr/share/zoneinfo/America/Argentina/Buenos_Aires")
    assert scaffold.local_timezone("Europe/Paris", zone_file) == "Europe/Paris"
    assert scaffold.local_timezone(":Europe/Paris", zone_file) == "Europe/Paris"  # glibc's form
    assert scaffold.local_timezone("CET-1", zone_file) == "America/Argentina/Buenos_Aires"  # POSIX rule: no name
    assert scaffold.local_timezone("localtime", zone_file) == "America/Argentina/Buenos_Aires"
    assert scaffold.local_timezone(None, zone_file) == "America/Argentina/Buenos_Aires"
    copied = tmp_path / "copied"
    copied.write_bytes(b"TZif")  # a copied zone file names no zone
    assert scaffold.local_timezone(None, copied) == "UTC"
    assert scaffold.local_timezone("", tmp_path / "missing") == "UTC"


def _in_terminal(cwd: Path, args: list[str], typed: bytes) -> tuple[int, str]:
    """Run ``new`` with a pseudo-terminal as stdin and stdout, typing ``typed``."""
    master, slave = os.openpty()
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "TZ": "UTC"}
    process = subprocess.Popen([sys.executable, str(REPO / "build.py"), "new", *args], cwd=cwd, env=env,
                               stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    os.write(master, typed)
    output = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the other side closed: the process has exited
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return process.wait(timeout=60), output.decode("utf-8", "replace")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_interactive_run_asks_again_until_an_answer_is_valid(tmp_path):
    answers = ["Ukraine, as reported",  # title
               "ftp://jane.example.org", "https://jane.github.io/ukraine",  # a bad base URL, then a good one
               "Jane Doe", "",  # curator's name; contact: Enter keeps the (empty) default
               "Mars/Olympus_Mons", "Europe/Berlin"]  # a bad time zone, then a good one
    code, output = _in_terminal(tmp_path, ["archive"], ("\n".join(answers) + "\n").encode())
    assert code == 0, output
    assert "the base URL must be an http:// or https:// address" in output
    assert "unknown time zone 'Mars/Olympus_Mons'" in output
    assert "Time zone of dates written without one [UTC]" in output
    config = site_toml(tmp_path / "archive")
    assert config["title"] == "Ukraine, as reported"
    assert config["base_url"] == "https://jane.github.io/ukraine/"
    assert config["timezone"] == "Europe/Berlin"
    assert config["curator"] == {"name": "Jane Doe", "contact": ""}


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_interactive_flags_are_not_asked_and_end_of_input_writes_nothing(tmp_path):
    code, output = _in_terminal(tmp_path, ["archive", "--title", "T", "--base-url", "https://x.example/"],
                                b"Jane\n\x04")  # Ctrl-D at the contact question
    assert code == 1
    assert "Title" not in output and "base URL" not in output
    assert "nothing was written" in output
    assert not (tmp_path / "archive").exists()


def test_refuses_a_folder_that_is_not_empty(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    done = run_new(tmp_path, "archive", "--yes")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: archive is not empty")
    assert "--force" in done.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_refuses_a_file(tmp_path):
    (tmp_path / "archive").write_text("x", encoding="utf-8")
    done = run_new(tmp_path, "archive", "--yes")
    assert done.returncode == 1 and done.stderr == "error: archive exists and is not a folder\n"


def test_force_adds_what_is_missing_and_keeps_every_existing_file(tmp_path):
    folder = tmp_path / "archive"
    (folder / ".github/workflows").mkdir(parents=True)
    mine = {"site.toml": 'title = "Mine"\n', ".gitignore": "mine/\n", ".github/workflows/pages.yml": "name: mine\n"}
    for name, text in mine.items():
        (folder / name).write_text(text, encoding="utf-8")
    done = run_new(tmp_path, "archive", "--yes", "--force", *FLAGS)
    assert done.returncode == 0, done.stderr
    for name, text in mine.items():
        assert (folder / name).read_text(encoding="utf-8") == text, name
    assert "Kept, not overwritten: site.toml, .gitignore, .github/workflows/pages.yml" in done.stdout
    assert (folder / "requirements.txt").is_file() and (folder / "content/sources/_example.md.txt").is_file()


def test_bad_flags_are_reported_and_nothing_is_written(tmp_path):
    done = run_new(tmp_path, "archive", "--yes", "--base-url", "ftp://x.example/", "--timezone", "Nowhere",
                   "--contact", "call me")
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "error: the base URL must be an http:// or https:// address (got 'ftp://x.example/')",
        "error: the contact must be an e-mail or an http(s):// address (got 'call me')",
        "error: unknown time zone 'Nowhere': use an IANA name such as 'Europe/Berlin'",
    ]
    assert not (tmp_path / "archive").exists()


# --- the engine the archive names ------------------------------------------------------------

def test_from_a_checkout_requirements_is_a_commented_placeholder_with_a_warning(tmp_path):
    done = run_new(tmp_path, "archive", "--yes")
    assert done.returncode == 0, done.stderr
    requirements = (tmp_path / "archive/requirements.txt").read_text(encoding="utf-8")
    assert all(line.startswith("#") for line in requirements.splitlines()), requirements
    assert "TO DO" in requirements and str(REPO) in requirements
    warnings = [line for line in done.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "requirements.txt" in warnings[0] and "GitHub cannot install" in warnings[0]


def test_engine_requirement_follows_pep_610():
    engine = scaffold.engine_from
    assert engine(None, "0.1.0").requirement == "clippings==0.1.0"  # no direct_url.json: from an index
    commit = "7d2c5b9e8a41f3c0b6e2d9a8f1c4e7b3a5d0f2e6"
    vcs = {"url": "https://github.com/jane/clippings.git", "vcs_info": {"vcs": "git", "commit_id": commit,
                                                                         "requested_revision": "main"}}
    assert engine(vcs, "0.1.0").requirement == f"clippings @ git+https://github.com/jane/clippings.git@{commit}"
    assert engine({**vcs, "subdirectory": "engine"}, "0.1.0").requirement.endswith(f"@{commit}#subdirectory=engine")
    local_git = {"url": "file:///home/jane/clippings", "vcs_info": {"vcs": "git", "commit_id": commit}}
    assert engine(local_git, "0.1.0").requirement is None
    assert commit in engine(local_git, "0.1.0").origin
    assert f"#   clippings @ git+https://github.com/OWNER/REPO@{commit}\n" in scaffold.requirements_txt(
        engine(local_git, "0.1.0"))  # the example line to fill in already names the commit
    archive = {"url": "https://example.org/clippings-0.1.0.tar.gz", "archive_info": {"hashes": {"sha256": "ab12"}}}
    assert engine(archive, "0.1.0").requirement == "clippings @ https://example.org/clippings-0.1.0.tar.gz#sha256=ab12"
    wheel = {"url": "file:///tmp/clippings-0.1.0-py3-none-any.whl", "archive_info": {}}
    assert engine(wheel, "0.1.0").requirement is None
    folder = {"url": "file:///home/jane/my%20clippings", "dir_info": {"editable": True}}
    assert engine(folder, "0.1.0").requirement is None
    assert engine(folder, "0.1.0").origin == "an editable checkout in /home/jane/my clippings"


def test_a_public_requirement_is_written_as_the_one_line_to_install():
    engine = scaffold.Engine("0.1.0", "clippings @ git+https://github.com/jane/clippings@abc", "git+https://…")
    text = scaffold.requirements_txt(engine)
    assert [line for line in text.splitlines() if not line.startswith("#")] == [engine.requirement]


# --- the workflow ----------------------------------------------------------------------------

def _steps(workflow: Path) -> list[dict]:
    return yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]


def test_written_workflow_passes_actionlint_and_builds_with_the_installed_engine(tmp_path):
    workflow = new_archive(tmp_path) / ".github/workflows/pages.yml"
    actionlint = shutil.which("actionlint")
    assert actionlint, "actionlint is missing: pip install -r requirements-dev.txt"
    done = subprocess.run([actionlint, "-no-color", str(workflow)], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    runs = [step.get("run", "") for step in _steps(workflow)]
    assert "pip install -r requirements.txt" in runs
    build = next(run for run in runs if "build" in run and "clippings" in run)
    assert build.startswith("clippings build --base-url ")
    assert runs.index("pip install -r requirements.txt") < runs.index(build)
    cache = next(s for s in _steps(workflow) if str(s.get("uses", "")).startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache"


def test_written_workflow_uses_the_same_actions_as_this_repository(tmp_path):
    """One place is bumped, the other follows: the template cannot fall behind this repo's workflow."""
    def actions(workflow: Path) -> list[str]:
        jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
        return sorted(step["uses"] for job in jobs.values() for step in job["steps"] if "uses" in step)

    written = new_archive(tmp_path) / ".github/workflows/pages.yml"
    assert actions(written) == actions(REPO / ".github/workflows/pages.yml")


def test_the_workflow_stops_with_a_clear_error_until_requirements_names_the_engine(tmp_path):
    archive = new_archive(tmp_path)
    check = next(s for s in _steps(archive / ".github/workflows/pages.yml") if s.get("name", "").startswith("Check"))

    def run_check() -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "-e", "-c", check["run"]], cwd=archive, capture_output=True, text=True)

    failed = run_check()  # the placeholder `new` writes from a checkout
    assert failed.returncode == 1 and failed.stdout.startswith("::error file=requirements.txt::")
    with (archive / "requirements.txt").open("a", encoding="utf-8") as handle:
        handle.write("clippings @ git+https://github.com/jane/clippings@abc\n")
    assert run_check().returncode == 0
