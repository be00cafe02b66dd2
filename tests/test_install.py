"""``pip install`` from a folder and from a git URL gives a working ``clippings``, outside the repository.

Each install goes into a fresh virtual environment under tmp_path, run from a folder outside
the repository, so the package imported is the installed one. ``--system-site-packages`` lends
it the dependencies already installed here; the package itself must come from the install. The
source is a snapshot of this working tree as git would ship it (tracked and new files, not the
ignored ones), committed to a repository of its own so that the git URL installs the same tree.
pip builds it in an isolated environment, so it needs setuptools from PyPI (or pip's cache).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import free_port
from tests.helpers import REPO

pytestmark = pytest.mark.slow

GIT = ["git", "-c", "user.name=Clippings tests", "-c", "user.email=tests@example.org"]


def _run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    return done


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory) -> tuple[Path, str]:
    """This working tree's shippable files in a git repository of their own; (folder, commit)."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("the repository is not a git checkout")
    folder = tmp_path_factory.mktemp("snapshot") / "clippings"
    for name in filter(None, listed.stdout.split("\0")):
        if (REPO / name).is_file():  # a file deleted but not yet committed is listed too
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, folder / name)
    _run([*GIT, "init", "-q"], folder)
    _run([*GIT, "add", "-A"], folder)
    _run([*GIT, "commit", "-q", "-m", "snapshot"], folder)
    return folder, _run(["git", "rev-parse", "HEAD"], folder).stdout.strip()


def _bundled_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


@pytest.mark.parametrize("how", ["folder", "git"])
def test_installed_clippings_starts_and_builds_a_new_archive(snapshot, tmp_path, how):
    source, commit = snapshot
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], tmp_path)
    python, clippings = venv / "bin" / "python", venv / "bin" / "clippings"
    _run([str(python), "-m", "pip", "install", "-q", str(source) if how == "folder" else f"git+{source.as_uri()}"],
         tmp_path)

    # The package imported is the installed one, with its themes and data files.
    package = Path(_run([str(python), "-c", "import clippings; print(clippings.__file__)"], tmp_path).stdout.strip())
    assert package.is_relative_to(venv), package
    package = package.parent
    # Every module and data file of the source, in its place: a package missing from pyproject's
    # list, or a data file missing from its package-data, fails here.
    assert _bundled_files(source / "clippings") <= _bundled_files(package)
    assert _bundled_files(source / "search") <= _bundled_files(package.parent / "search")
    assert _bundled_files(source / "themes") <= _bundled_files(package / "_themes")
    for name in ("data/source_types.toml", "data/countries.json", "data/new_archive/pages.yml",
                 "preview/livereload.js", "_themes/default/templates/base.html"):
        assert (package / name).is_file(), name
    licence = _run([str(python), "-c", "from importlib import metadata; "
                    "print(*metadata.distribution('clippings').files, sep='\\n')"], tmp_path).stdout.split()
    assert any(name.endswith("LICENSE") for name in licence)

    # `clippings new X && cd X && clippings build`, as the README says
    made = _run([str(clippings), "new", "X", "--yes", "--title", "Mine"], tmp_path)
    archive = tmp_path / "X"
    built = _run([str(clippings), "build"], archive)
    assert built.stdout.startswith("Built 0 articles"), built.stdout
    assert (archive / "_site/index.html").is_file() and list((archive / "_site/static").glob("style.*.css"))

    # No public address for a local install: a placeholder naming where it came from, and a warning.
    requirements = (archive / "requirements.txt").read_text(encoding="utf-8")
    assert all(line.startswith("#") for line in requirements.splitlines())
    named = f"the folder {source}" if how == "folder" else f"the repository {source.as_uri()} at commit {commit}"
    assert named in " ".join(line.lstrip("# ") for line in requirements.splitlines())
    assert "warning:" in made.stderr and "requirements.txt" in made.stderr

    # `clippings serve` finds the preview's own script in the installed package.
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    server = subprocess.Popen([str(clippings), "serve", "--port", str(port)], cwd=archive, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        script = _fetch(f"http://127.0.0.1:{port}/__clippings/livereload.js", server)
        assert script == (REPO / "clippings/preview/livereload.js").read_bytes()
    finally:
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=60)
    assert server.returncode == 0 and "Traceback" not in errors, errors


def _fetch(url: str, server: subprocess.Popen, timeout: float = 60) -> bytes:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)
