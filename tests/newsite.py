"""Run ``python build.py new`` as a user would (tests/test_new.py, test_new_archive.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.helpers import REPO

FLAGS = ("--title", "Ukraine, as reported", "--base-url", "https://jane.github.io/ukraine",
         "--curator", "Jane Doe", "--contact", "jane@example.org", "--timezone", "Europe/Berlin")


def run_new(cwd: Path, *args: str, env: dict | None = None, stdin: str = "") -> subprocess.CompletedProcess:
    """``python build.py new ...`` as a user runs it, git's identity isolated from this machine's."""
    isolated = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", **(env or {})}
    return subprocess.run([sys.executable, str(REPO / "build.py"), "new", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=120, env={**os.environ, **isolated})


def run_build_py(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def site_toml(archive: Path) -> dict:
    return tomllib.loads((archive / "site.toml").read_text(encoding="utf-8"))


def new_archive(tmp_path: Path, name: str = "archive") -> Path:
    done = run_new(tmp_path, name, "--yes", *FLAGS)
    assert done.returncode == 0, done.stderr
    return tmp_path / name
