"""Output: build into a staging folder beside the target, then swap it in whole.

A build that fails or is killed leaves the previous site untouched: readers (and the preview
server) only ever see a complete site.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import BuildError

_RENAME_EXCHANGE = 2  # Linux renameat2() flag: swap two paths atomically
_AT_FDCWD = -100


def replace_file(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``path`` (bytes, or chunks of them) whole or not at all (a temporary file beside
    it, then renamed over it): a build killed meanwhile leaves the old file or the new one,
    never half of one. For the caches in ``.cache/``; nothing is left behind when the write fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-")
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def new_staging_dir(out: Path) -> Path:
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))


def safe_join(root: Path, relative: str) -> Path:
    """Join a site path to the output folder, refusing anything that would land outside it."""
    return Path(_target(root, relative))


def _target(root: Path, relative: str) -> str:
    # Lexical (no resolve(): a realpath per file was a tenth of rendering); the output folder is
    # one the build made, with no symbolic links in it, so ".." is the only way out of it.
    base = os.path.abspath(root)
    target = os.path.normpath(os.path.join(base, relative))
    if target != base and not target.startswith(base.rstrip(os.sep) + os.sep):
        raise BuildError(f"refusing to write outside the output folder: {relative}")
    return target


def write_file(root: Path, relative: str, data: str | bytes) -> None:
    target = _target(root, relative)
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        handle = open(target, "wb")  # noqa: SIM115
    except FileNotFoundError:  # its folder is new (the usual case: one folder per page)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle = open(target, "wb")  # noqa: SIM115
    with handle:
        handle.write(data)


def _exchange(a: Path, b: Path) -> bool:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def swap_in(staging: Path, out: Path) -> None:
    """Make ``staging`` the new ``out`` and delete the old one."""
    out = out.resolve()
    staging.chmod(0o755)  # mkdtemp makes it private; a published site is world-readable
    if out.exists() and not out.is_dir():
        raise BuildError(f"{out} exists and is not a folder")
    if out.exists() and _exchange(staging, out):
        discard_in_background(staging, out.name)  # staging now holds the old site
        return
    # Fallback (no renameat2): two renames; the old site is only removed once the new one is in.
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
        old.rmdir()
        out.rename(old)
    staging.rename(out)
    if old is not None:
        discard_in_background(old, out.name)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)


def discard_in_background(folder: Path, name: str) -> None:
    """Delete a replaced site without waiting: unlinking the 30,000 files of a large archive
    takes seconds the build need not spend. It is renamed ``.<name>.old-*`` at once (the next
    build clears any such folder that survives a crash) and removed by a detached process."""
    trash = folder
    if not folder.name.startswith(f".{name}.old-"):
        trash = Path(tempfile.mkdtemp(prefix=f".{name}.old-", dir=folder.parent))
        trash.rmdir()
        folder.rename(trash)
    subprocess.Popen([sys.executable, "-c", "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)",
                      str(trash)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, close_fds=True)
