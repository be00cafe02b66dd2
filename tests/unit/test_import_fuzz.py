"""Property-based: whatever bytes an input holds, `import` answers with one line, never a traceback,
and a failed input writes nothing and changes nothing already in the site."""

from __future__ import annotations

import contextlib
import hashlib
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clippings.cli import main
from tests.helpers import empty_site

SETTINGS = settings(max_examples=30, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
CODECS = ["utf-8", "utf-16", "utf-16-le", "cp1251", "latin-1", "shift_jis", "gb2312", "koi8-r", "cp1252"]


def snapshot(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file() and ".cache" not in p.parts}


def run_import(site: Path, path: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["import", "--site", str(site), "--source", "rt", "--date", "2023-06-14", str(path)])
    return code, out.getvalue(), err.getvalue()


def check_one(tmp_path: Path, data: bytes, suffix: str) -> None:
    site = tmp_path / "site"
    if not site.exists():
        empty_site(site)
    inputs = tmp_path / "inputs"
    inputs.mkdir(exist_ok=True)
    path = inputs / f"input-{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    path.write_bytes(data)
    before = snapshot(site)
    code, out, err = run_import(site, path)
    assert "Traceback" not in out + err and "internal error" not in out, (out, err)
    after = snapshot(site)
    assert all(after.get(name) == digest for name, digest in before.items()), "an existing file changed"
    if code != 0:
        failed = [line for line in out.splitlines() if line.startswith("failed ")]
        assert len(failed) == 1 and str(path) in failed[0] and failed[0].endswith(")"), out
        assert after == before, "a failed input wrote something"
    else:
        assert out.startswith("written ") or out.startswith("skipped "), out


suffixes = st.sampled_from([".txt", ".html", ".md"])


@SETTINGS
@given(data=st.binary(max_size=3000), suffix=suffixes)
def test_random_bytes(tmp_path, data, suffix):
    check_one(tmp_path, data, suffix)


@SETTINGS
@given(parts=st.lists(st.tuples(st.text(max_size=300), st.sampled_from(CODECS)), min_size=1, max_size=4),
       suffix=suffixes)
def test_wrong_and_mixed_encodings(tmp_path, parts, suffix):
    check_one(tmp_path, b"".join(text.encode(codec, errors="ignore") for text, codec in parts), suffix)


@SETTINGS
@given(unit=st.text(min_size=1, max_size=40), suffix=suffixes, nul=st.booleans())
def test_huge_single_line_and_nul_bytes(tmp_path, unit, suffix, nul):
    line = (unit + ("\x00" if nul else " ")) * (300_000 // (len(unit) + 1))
    check_one(tmp_path, line.encode("utf-8", errors="ignore"), suffix)


@SETTINGS
@given(depth=st.integers(min_value=1, max_value=5000), tag=st.sampled_from(["div", "span", "table", "b"]),
       text=st.text(max_size=200))
def test_deeply_nested_html(tmp_path, depth, tag, text):
    page = f"<html><body>{f'<{tag}>' * depth}{text}{f'</{tag}>' * depth}</body></html>"
    check_one(tmp_path, page.encode("utf-8", errors="ignore"), ".html")


def test_empty_and_blank_files(tmp_path):
    for index, data in enumerate([b"", b"   \n\t\n", b"\x00" * 64, codecs_bom()]):
        for suffix in (".txt", ".html", ".md"):
            check_one(tmp_path / str(index), data, suffix)


def codecs_bom() -> bytes:
    return b"\xef\xbb\xbf"  # a UTF-8 byte-order mark and nothing else
