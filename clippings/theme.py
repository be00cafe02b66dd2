"""Themes: find a theme and its parents, and fingerprint their static files.

Lookup order for a template or static file, first match wins:
``<site>/templates`` (or ``<site>/static``), then the theme, then the theme it ``extends``.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .errors import BuildError

# A source checkout has themes/ next to the package; an installed wheel carries it inside.
_BUNDLED = [Path(__file__).resolve().parents[1] / "themes", Path(__file__).resolve().parent / "_themes"]


@dataclass(frozen=True)
class Theme:
    name: str
    template_dirs: tuple[Path, ...]
    static_dirs: tuple[Path, ...]  # highest priority first


def bundled_themes_dir() -> Path:
    for folder in _BUNDLED:
        if (folder / "default").is_dir():
            return folder
    raise BuildError("the bundled default theme is missing; reinstall clippings")


def _find(name: str, site_root: Path, named_in: str) -> Path:
    if "/" in name or "\\" in name or name.startswith("."):
        raise BuildError(f"{named_in}: theme name '{name}' must be a plain folder name")
    for folder in (site_root / "themes", bundled_themes_dir()):
        if (folder / name / "templates").is_dir():
            return folder / name
    raise BuildError(f"{named_in}: theme '{name}' not found in {site_root / 'themes'} or the bundled themes")


def _parent(meta_file: Path) -> str | None:
    """The ``extends`` of a theme.toml, validated."""
    if not meta_file.is_file():
        return None
    try:
        meta = tomllib.loads(meta_file.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BuildError(f"{meta_file}: invalid TOML: {exc}") from None
    parent = meta.get("extends")
    if parent is not None and not isinstance(parent, str):
        raise BuildError(f"{meta_file}: 'extends' must be the name of a theme, in quotes")
    return parent or None


def resolve_theme(name: str, site_root: Path) -> Theme:
    chain: list[Path] = []
    current: str | None = name
    named_in = "site.toml"
    while current:
        folder = _find(current, site_root, named_in)
        if folder in chain:
            path = " → ".join(f.name for f in chain)
            raise BuildError(f"{named_in}: theme '{current}' extends itself (through {path})")
        chain.append(folder)
        meta_file = folder / "theme.toml"
        named_in = str(meta_file)
        current = _parent(meta_file)
    site_templates = [site_root / "templates"] if (site_root / "templates").is_dir() else []
    site_static = [site_root / "static"] if (site_root / "static").is_dir() else []
    return Theme(
        name=name,
        template_dirs=tuple(site_templates + [f / "templates" for f in chain]),
        static_dirs=tuple(site_static + [f / "static" for f in chain if (f / "static").is_dir()]),
    )


@dataclass(frozen=True)
class Asset:
    logical: str  # "style.css" as templates name it
    output: str  # "static/style.3f2a9c1b.css"
    data: bytes


_CSS_URL = re.compile(r"""url\((['"]?)(?!data:|https?:|/|#)([^'")]+)\1\)""")


def collect_assets(theme: Theme, fingerprint: bool = True) -> dict[str, Asset]:
    """Every static file once (overrides win), named by content hash so caches never go stale.

    The preview passes ``fingerprint=False``: a stylesheet edit then changes one file, not the
    link in every page (its server tells browsers to revalidate instead)."""
    files: dict[str, Path] = {}
    for folder in reversed(theme.static_dirs):  # lowest priority first, then overwritten
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                files[path.relative_to(folder).as_posix()] = path
    assets: dict[str, Asset] = {}
    # Non-CSS first, so stylesheets can point at their fingerprinted names.
    for logical in sorted(files, key=lambda name: (name.endswith(".css"), name)):
        data = files[logical].read_bytes()
        if logical.endswith(".css"):
            data = _rewrite_css(data, logical, assets)
        digest = hashlib.sha256(data).hexdigest()[:10]
        stem, dot, ext = logical.rpartition(".")
        if not fingerprint:
            output = f"static/{logical}"
        elif dot and "/" not in ext:
            output = f"static/{stem}.{digest}.{ext}"
        else:
            output = f"static/{logical}.{digest}"
        assets[logical] = Asset(logical, output, data)
    return assets


def _rewrite_css(data: bytes, logical: str, assets: dict[str, Asset]) -> bytes:
    base = logical.rsplit("/", 1)[0] + "/" if "/" in logical else ""

    def swap(match: re.Match) -> str:
        target = assets.get(base + match.group(2))
        if target is None:
            return match.group(0)
        return f"url({target.output[len('static/' + base):]})"

    return _CSS_URL.sub(swap, data.decode("utf-8")).encode("utf-8")


def template_files(theme: Theme) -> dict[str, str]:
    """Each template name and a digest of the file that wins it (the preview's change check)."""
    found: dict[str, str] = {}
    for folder in theme.template_dirs:  # highest priority first
        for path in sorted(folder.rglob("*")):
            name = path.relative_to(folder).as_posix()
            if path.is_file() and name not in found:
                found[name] = hashlib.blake2b(path.read_bytes(), digest_size=12).hexdigest()
    return found
