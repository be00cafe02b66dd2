"""Problems found in a site's content, reported as ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class ContentError(Exception):
    """Raised with every problem found, so the user fixes them in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(Exception):
    """A failure outside the content itself (theme, template, output folder)."""


def display_path(path: Path, root: Path) -> str:
    """The path as the user knows it: relative to the site folder when inside it."""
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)
