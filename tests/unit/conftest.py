"""Fast, in-process tests of the pipeline's stages: a small site written to tmp_path and read by
the real functions (no subprocess, no corpus: these never depend on ../shared)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

SITE_TOML = """\
title = "Test archive"
base_url = "https://archive.example/sub/"
timezone = "Europe/Berlin"
per_page = 2

[tags.aliases]
"Kiev" = "Kyiv"
"""

SOURCES = {
    "wire": "name: Wire Agency\ntype: news agency\ncountry: DE\n",
    "state": "name: State TV\ntype: state-controlled media\ncountry: RU\nowner: The State\n",
}


class SiteFolder:
    """A site on disk that a test shapes file by file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "content" / "articles").mkdir(parents=True)
        (root / "content" / "sources").mkdir(parents=True)
        (root / "site.toml").write_text(SITE_TOML, encoding="utf-8")
        for key, meta in SOURCES.items():
            self.source(key, meta)

    def source(self, key: str, meta: str, body: str = "About this outlet.") -> Path:
        path = self.root / "content" / "sources" / f"{key}.md"
        path.write_text(f"---\n{meta}---\n\n{body}\n", encoding="utf-8")
        return path

    def article(self, slug: str, date: str = "2023-06-13T10:00:00", source: str = "wire", body: str = "Text.",
                **meta) -> Path:
        meta = {"title": slug.replace("-", " ").title(), "date": date, "source": source, **meta}
        lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]  # JSON is YAML
        folder = self.root / "content" / "articles" / date[:4] / date[5:7]
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{slug}.md"
        path.write_text("---\n" + "\n".join(lines) + "\n---\n\n" + textwrap.dedent(body) + "\n", encoding="utf-8")
        return path


@pytest.fixture
def site_folder(tmp_path: Path) -> SiteFolder:
    return SiteFolder(tmp_path / "site")
