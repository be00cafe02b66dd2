"""Builds in-process: a warm build links what did not change and equals a clean one; ``check``
renders through the same environment as ``build`` and writes nothing."""

from __future__ import annotations

import tarfile
from pathlib import Path

import pytest

from clippings.errors import BuildError
from clippings.output_size import artifact_estimate
from clippings.pipeline import BuildOptions, build, check


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(root: Path, out: Path):
    return build(root, BuildOptions(out=out, jobs=1))


def test_a_warm_build_renders_only_what_changed_and_equals_a_clean_build(site_folder, tmp_path):
    site_folder.article("one", tags=["NATO"])
    site_folder.article("two", date="2023-06-14T10:00:00", tags=["NATO"])
    out = tmp_path / "out"
    first = _build(site_folder.root, out)
    assert first.rendered >= first.pages > 0
    assert _build(site_folder.root, out).rendered == 0

    path = site_folder.root / "content/articles/2023/06/two.md"
    path.write_text(path.read_text().replace("Text.", "Text, edited."))
    warm = _build(site_folder.root, out)
    assert 0 < warm.rendered < first.rendered
    clean = _build(site_folder.root, tmp_path / "clean")
    assert _tree(out) == _tree(tmp_path / "clean") and clean.rendered == first.rendered


def test_a_file_changed_by_hand_in_the_output_is_made_again(site_folder, tmp_path):
    site_folder.article("one")
    out = tmp_path / "out"
    _build(site_folder.root, out)
    page = out / "articles/2023/06/one/index.html"
    original = page.read_bytes()
    page.write_bytes(b"tampered")
    assert _build(site_folder.root, out).rendered == 1
    assert page.read_bytes() == original


def test_check_uses_the_build_environment_and_writes_nothing(site_folder):
    site_folder.article("one")
    templates = site_folder.root / "templates"
    templates.mkdir()
    (templates / "404.html").write_text('{% extends "base.html" %}{% block main %}'
                                        '<p>{{ config.title }}: {{ none | format_date }}</p>{% endblock %}')
    before = sorted(p.relative_to(site_folder.root) for p in site_folder.root.rglob("*"))
    assert check(site_folder.root, jobs=1).site.articles
    assert sorted(p.relative_to(site_folder.root) for p in site_folder.root.rglob("*")) == before


def test_check_reports_a_template_error_at_its_line(site_folder):
    site_folder.article("one")
    (site_folder.root / "templates").mkdir()
    (site_folder.root / "templates" / "404.html").write_text('{% extends "base.html" %}\n{% block main %}\n'
                                                             "{{ no_such_thing }}\n{% endblock %}\n")
    with pytest.raises(BuildError, match=r"^templates/404.html:3: 'no_such_thing' is undefined"):
        check(site_folder.root, jobs=1)


def test_a_build_nearing_the_hosts_size_limit_warns_with_the_numbers(site_folder, tmp_path):
    site_folder.article("one")
    assert _build(site_folder.root, tmp_path / "small").warnings == []
    media = site_folder.root / "content/media"
    media.mkdir()
    (media / "scan.bin").write_bytes(bytes(range(256)) * 4096)  # 1 MiB, published as it is
    toml = site_folder.root / "site.toml"
    toml.write_text("size_limit_mb = 1\n" + toml.read_text())
    (warning,) = _build(site_folder.root, tmp_path / "big").warnings
    assert "is over the host's limit of 1 MB" in warning and "files" in warning and "MB compressed" in warning
    toml.write_text(toml.read_text().replace("size_limit_mb = 1", "size_limit_mb = 0"))
    assert _build(site_folder.root, tmp_path / "none").warnings == []


def test_the_artifact_estimate_is_near_the_real_compressed_tar(site_folder, tmp_path):
    for n in range(30):
        site_folder.article(f"article-{n}", date=f"2023-06-{n % 28 + 1:02d}T10:00:00", tags=["NATO", f"t{n % 4}"])
    out = _build(site_folder.root, tmp_path / "out").out
    with tarfile.open(tmp_path / "site.tar.gz", "w:gz", compresslevel=6) as tar:
        tar.add(out, arcname=".")
    real = (tmp_path / "site.tar.gz").stat().st_size
    raw = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    assert 0.8 * real <= artifact_estimate(out) <= 1.25 * real < raw
