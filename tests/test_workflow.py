"""The GitHub Pages workflow a curator publishes with must be one GitHub still runs.

actionlint knows every popular action's versions, their inputs and the Node runtime each runs
on: it rejects actions on a runtime GitHub removed (node20, removed 23 September 2026), unknown
inputs and broken expressions. Installed by requirements-dev.txt, so it always runs here.
"""

from __future__ import annotations

import shutil
import subprocess

import yaml

from tests.helpers import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def _actionlint() -> str:
    found = shutil.which("actionlint")
    assert found, "actionlint is missing: pip install -r requirements-dev.txt"
    return found


def test_pages_workflow_passes_actionlint():
    result = subprocess.run([_actionlint(), "-no-color", str(WORKFLOW)], capture_output=True, text=True, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_rejects_a_node20_action(tmp_path):
    """The check above can fail: the same workflow on the old actions is refused."""
    old = WORKFLOW.read_text(encoding="utf-8").replace("actions/checkout@v7", "actions/checkout@v4")
    (tmp_path / "old.yml").write_text(old, encoding="utf-8")
    result = subprocess.run([_actionlint(), "-no-color", str(tmp_path / "old.yml")], capture_output=True, text=True)
    assert result.returncode == 1
    assert "node20" in result.stdout


def test_workflow_keeps_the_build_cache_between_runs():
    """Each run restores the newest .cache/ of the same engine and saves its own."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    cache = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache"
    key, restore = cache["with"]["key"], cache["with"]["restore-keys"].strip()
    assert "steps.engine.outputs.version" in key and key.endswith("${{ github.run_id }}")
    assert key.startswith(restore)
    names = [s.get("name") or s.get("uses") for s in steps]
    assert names.index(cache.get("name")) < names.index("Build site")
