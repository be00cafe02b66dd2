"""Run ``python build.py serve`` as a user would, and wait for what it does."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import free_port
from tests.helpers import REPO


@dataclass
class Preview:
    site: Path
    port: int
    base_path: str
    process: subprocess.Popen
    out: Path | None = None
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return self.origin + self.base_path

    def status(self) -> dict:
        with urllib.request.urlopen(self.origin + "/__clippings/status", timeout=10) as response:
            return json.loads(response.read())

    def wait(self, condition, timeout: float = 60, what: str = "the preview") -> dict:
        deadline = time.monotonic() + timeout
        while True:
            status = self.status()
            if condition(status):
                return status
            if self.process.poll() is not None:
                raise AssertionError(f"serve exited ({self.process.returncode}): {''.join(self.stderr)}")
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; last status {status}; "
                                     f"stderr: {''.join(self.stderr)[-2000:]}")
            time.sleep(0.02)

    def settled_after(self, generation: int, timeout: float = 60) -> dict:
        """Wait until a build newer than ``generation`` is in and nothing more is pending."""
        return self.wait(lambda s: s["generation"] > generation and not s["busy"], timeout,
                         f"a build after generation {generation}")

    def failed(self, timeout: float = 60) -> dict:
        return self.wait(lambda s: s["error"] is not None, timeout, "a build error")

    def get(self, path: str, headers: dict | None = None) -> tuple[int, dict, bytes]:
        request = urllib.request.Request(self.origin + path, headers=headers or {})
        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=60)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _pump(stream, into: list[str]) -> None:
    for line in stream:
        into.append(line)


def start_preview(site: Path, *args: str, port: int | None = None, base_path: str = "/",
                  out: Path | None = None, env: dict | None = None, timeout: float = 120,
                  settle: bool = True) -> Preview:
    """Start ``serve`` on a free port; return once it says it is serving (and, with ``settle``,
    once its first search export is in too)."""
    port = port or free_port()
    command = [sys.executable, str(REPO / "build.py"), "serve", "--site", str(site), "--port", str(port), *args]
    if out is not None:
        command += ["--out", str(out)]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    preview = Preview(site, port, base_path, process, out)
    threading.Thread(target=_pump, args=(process.stdout, preview.stdout), daemon=True).start()
    threading.Thread(target=_pump, args=(process.stderr, preview.stderr), daemon=True).start()
    deadline = time.monotonic() + timeout
    while not any(line.startswith("Serving on") for line in preview.stdout):
        if process.poll() is not None or time.monotonic() > deadline:
            preview.stop()
            raise AssertionError(f"serve did not start: {''.join(preview.stdout)}{''.join(preview.stderr)}")
        time.sleep(0.05)
    if settle:
        preview.wait(lambda s: not s["busy"], timeout, "the first build")
    return preview


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
